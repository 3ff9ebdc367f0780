//! `kx patch`: kubectl's flags and lines.

use std::process::ExitCode;

use clap::Args;

use super::write::{Terminal, finish, split_files};
use crate::client::patch::{self, PatchOptions};
use crate::client::write::{DryRun, PrintFormat, Selection};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct PatchArgs {
    /// TYPE NAME or TYPE/NAME.
    args: Vec<String>,
    /// Files naming the objects to patch.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// The patch, as JSON or YAML.
    #[arg(short = 'p', long)]
    patch: Option<String>,
    /// A file holding the patch.
    #[arg(long)]
    patch_file: Option<String>,
    /// strategic (default), merge or json.
    #[arg(long = "type", default_value = "strategic")]
    ty: String,
    /// Patch this subresource (status, scale).
    #[arg(long)]
    subresource: Option<String>,
    /// none, client or server.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "unchanged", value_name = "STRATEGY")]
    dry_run: Option<String>,
    /// Output format: name, json or yaml.
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Name of the manager used to track field ownership.
    #[arg(long)]
    field_manager: Option<String>,
}

pub async fn run(session: &Session, a: PatchArgs) -> Result<ExitCode, ClientError> {
    let patch_type = patch::parse_type(&a.ty)?;
    let text = match (a.patch, a.patch_file) {
        (Some(_), Some(_)) => return Err(ClientError::Usage("--patch and --patch-file are mutually exclusive".into())),
        (Some(p), None) => p,
        (None, Some(f)) => std::fs::read_to_string(&f)
            .map_err(|e| ClientError::Usage(format!("unable to read patch file: open {f}: {e}")))?,
        (None, None) => {
            return Err(ClientError::Usage(
                "must specify --patch or --patch-file containing the contents of the patch".into(),
            ));
        }
    };
    let opts = PatchOptions {
        selection: Selection { args: a.args, files: split_files(&a.filename), ..Selection::default() },
        patch: text,
        patch_type,
        subresource: a.subresource,
        dry_run: DryRun::parse(a.dry_run.as_deref())?,
        output: PrintFormat::parse(a.output.as_deref())?,
        field_manager: a.field_manager,
    };
    let errors = patch::run(session, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}
