//! Command-line definitions (clap) and dispatch. No business logic lives here: each command
//! parses its arguments and calls the client layer or the embedded cluster.

use std::process::ExitCode;

use clap::Parser;

/// kx: a Kubernetes terminal tool.
#[derive(Parser, Debug)]
#[command(name = "kx", version, about, long_about = None)]
pub struct Cli {}

pub fn main() -> ExitCode {
    let _cli = Cli::parse();
    ExitCode::SUCCESS
}
