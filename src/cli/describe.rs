//! `kx describe`: kubectl's describe, printed as kubectl prints it.

use std::process::ExitCode;

use clap::Args;

use crate::client::describe::{self, DescribeOptions};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct DescribeArgs {
    /// TYPE [NAME_PREFIX], TYPE/NAME, or TYPE -l selector (e.g. pods web, deploy/web).
    args: Vec<String>,
    /// Describe across all namespaces.
    #[arg(short = 'A', long)]
    all_namespaces: bool,
    /// Label selector (e.g. -l app=web).
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// If false, leave out the events.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    show_events: bool,
    /// Fetch large lists in chunks of this size (0 disables chunking).
    #[arg(long, default_value_t = 500)]
    chunk_size: usize,
}

pub async fn run(session: &Session, a: DescribeArgs) -> Result<ExitCode, ClientError> {
    let opts = DescribeOptions {
        args: a.args,
        all_namespaces: a.all_namespaces,
        namespace: None,
        label_selector: a.selector,
        show_events: a.show_events,
        chunk_size: a.chunk_size,
    };
    let printed = describe::describe(session, &opts).await?;
    print!("{}", printed.stdout);
    for line in &printed.stderr {
        super::print_kubectl_error(line);
    }
    Ok(if printed.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
