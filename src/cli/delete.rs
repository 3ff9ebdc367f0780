//! `kx delete`: kubectl's delete flags and lines.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::write::{Terminal, finish, split_files};
use crate::client::config::parse_timeout;
use crate::client::delete::{self, Cascade, DeleteOptions};
use crate::client::write::{DryRun, Selection};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct DeleteArgs {
    /// TYPE NAME..., TYPE/NAME..., or TYPE with -l/--all.
    args: Vec<String>,
    /// Files, directories or `-` (stdin) naming the objects to delete.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// Process the directories given with -f recursively.
    #[arg(short = 'R', long)]
    recursive: bool,
    /// Delete the objects matching this label selector.
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Delete the objects matching this field selector.
    #[arg(long)]
    field_selector: Option<String>,
    /// Delete all objects of the given types in the namespace.
    #[arg(long)]
    all: bool,
    /// With -l/--all, act in all namespaces.
    #[arg(short = 'A', long)]
    all_namespaces: bool,
    /// background, foreground or orphan: what happens to dependents.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "background", default_value = "background")]
    cascade: String,
    /// Seconds the object has to terminate; negative uses its default; 0 only with --force.
    #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
    grace_period: i64,
    /// Delete immediately, without waiting for confirmation that the resource has terminated.
    #[arg(long)]
    force: bool,
    /// Signal resources for immediate shutdown (grace period 1).
    #[arg(long)]
    now: bool,
    /// Wait for the objects to be gone before returning.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true")]
    wait: bool,
    /// How long to wait (0 waits a week).
    #[arg(long, value_parser = parse_timeout, default_value = "0s")]
    timeout: Duration,
    /// Treat "not found" as success.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    ignore_not_found: Option<bool>,
    /// none, client or server.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "unchanged", value_name = "STRATEGY")]
    dry_run: Option<String>,
    /// Output format: only `name`.
    #[arg(short = 'o', long)]
    output: Option<String>,
}

pub async fn run(session: &Session, a: DeleteArgs) -> Result<ExitCode, ClientError> {
    let name_only = match a.output.as_deref() {
        None | Some("") => false,
        Some("name") => true,
        Some(other) => {
            return Err(ClientError::Usage(format!("unexpected -o output mode: {other}. We only support '-o name'")));
        }
    };
    let opts = DeleteOptions {
        selection: Selection {
            args: a.args,
            files: split_files(&a.filename),
            recursive: a.recursive,
            selector: a.selector,
            field_selector: a.field_selector,
            all: a.all,
            all_namespaces: a.all_namespaces,
        },
        cascade: Cascade::parse(&a.cascade)?,
        grace_period: a.grace_period,
        force: a.force,
        now: a.now,
        wait: a.wait,
        timeout: a.timeout,
        ignore_not_found: a.ignore_not_found,
        dry_run: DryRun::parse(a.dry_run.as_deref())?,
        name_only,
    };
    let errors = delete::delete(session, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}
