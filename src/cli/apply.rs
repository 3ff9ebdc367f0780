//! `kx apply`: kubectl's apply flags, printed as kubectl prints.

use std::process::ExitCode;

use clap::Args;

use super::write::{Terminal, finish, split_files};
use crate::client::apply::{self, ApplyOptions};
use crate::client::write::{DryRun, PrintFormat};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// The files, directories or `-` (stdin) that contain the configuration to apply.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// Process the directories given with -f recursively.
    #[arg(short = 'R', long)]
    recursive: bool,
    /// Apply on the server (server-side apply) instead of in the client.
    #[arg(long)]
    server_side: bool,
    /// With --server-side, take ownership of fields other managers hold.
    #[arg(long)]
    force_conflicts: bool,
    /// none, client or server: only show what would be applied.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "unchanged", value_name = "STRATEGY")]
    dry_run: Option<String>,
    /// Name of the manager used to track field ownership.
    #[arg(long)]
    field_manager: Option<String>,
    /// strict (or true), warn, ignore (or false): how the server treats unknown fields.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "strict", default_value = "strict")]
    validate: String,
    /// Only apply (and prune) objects matching this label selector.
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Delete objects that are not in the manifests (needs -l or --all).
    #[arg(long)]
    prune: bool,
    /// With --prune, select all objects of the prune types.
    #[arg(long)]
    all: bool,
    /// group/version/kind types to prune (core/v1/ConfigMap); kubectl's default set otherwise.
    #[arg(long)]
    prune_allowlist: Vec<String>,
    /// Let the manifest win over changes made on the server since the last apply.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true")]
    overwrite: bool,
    /// Output format: name, json or yaml.
    #[arg(short = 'o', long)]
    output: Option<String>,
}

pub async fn run(session: &Session, a: ApplyArgs) -> Result<ExitCode, ClientError> {
    let opts = ApplyOptions {
        inputs: split_files(&a.filename),
        recursive: a.recursive,
        server_side: a.server_side,
        force_conflicts: a.force_conflicts,
        dry_run: DryRun::parse(a.dry_run.as_deref())?,
        field_manager: a.field_manager,
        field_validation: apply::field_validation(&a.validate)?,
        selector: a.selector,
        prune: a.prune,
        all: a.all,
        prune_allowlist: a.prune_allowlist,
        overwrite: a.overwrite,
        output: PrintFormat::parse(a.output.as_deref())?,
    };
    let errors = apply::apply(session, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}
