//! `kx diff`: kubectl's flags and exit codes (0 same, 1 different, 2 errors).

use std::process::ExitCode;

use clap::Args;

use super::write::split_files;
use crate::client::diff::{self, DiffOptions};
use crate::client::write::render_errors;
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Files, directories or `-` (stdin) with the configuration to compare.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// Process the directories given with -f recursively.
    #[arg(short = 'R', long)]
    recursive: bool,
    /// Compare with what server-side apply would produce.
    #[arg(long)]
    server_side: bool,
    /// With --server-side, take ownership of fields other managers hold.
    #[arg(long)]
    force_conflicts: bool,
    /// Name of the manager used to track field ownership.
    #[arg(long)]
    field_manager: Option<String>,
}

pub async fn run(session: &Session, a: DiffArgs) -> Result<ExitCode, ClientError> {
    let opts = DiffOptions {
        inputs: split_files(&a.filename),
        recursive: a.recursive,
        server_side: a.server_side,
        force_conflicts: a.force_conflicts,
        field_manager: a.field_manager,
    };
    let outcome = diff::diff(session, &opts).await?;
    for line in render_errors(&outcome.errors) {
        eprintln!("{line}");
    }
    Ok(ExitCode::from(u8::try_from(outcome.exit_code).unwrap_or(2)))
}
