//! Command-line definitions (clap) and dispatch. No business logic lives here: each command
//! parses its arguments and calls the client layer or the embedded cluster.

mod cluster;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// kx: a Kubernetes terminal tool.
#[derive(Parser, Debug)]
#[command(name = "kx", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run and manage the embedded cluster.
    Cluster(cluster::ClusterArgs),
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KX_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(async move {
        match cli.command {
            Some(Command::Cluster(args)) => cluster::run(args).await,
            None => {
                use clap::CommandFactory;
                Cli::command().print_help().map_err(anyhow::Error::from)?;
                Ok(ExitCode::SUCCESS)
            }
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", chain(&e));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes on one line, each said once.
fn chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}
