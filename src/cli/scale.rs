//! `kx scale`: kubectl's flags and lines.

use std::process::ExitCode;

use clap::Args;

use super::write::{Terminal, finish, split_files};
use crate::client::scale::{self, ScaleOptions};
use crate::client::write::{DryRun, Selection};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct ScaleArgs {
    /// TYPE NAME... or TYPE/NAME...
    args: Vec<String>,
    /// Files naming the objects to scale.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// The new number of replicas.
    #[arg(long)]
    replicas: Option<i64>,
    /// Precondition: the current number of replicas (-1 for none).
    #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
    current_replicas: i64,
    /// Precondition: the resourceVersion of the scale.
    #[arg(long)]
    resource_version: Option<String>,
    /// Scale the objects matching this label selector.
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Scale all objects of the given types in the namespace.
    #[arg(long)]
    all: bool,
    /// none, client or server.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "unchanged", value_name = "STRATEGY")]
    dry_run: Option<String>,
    /// Output format: only `name`.
    #[arg(short = 'o', long)]
    output: Option<String>,
}

pub async fn run(session: &Session, a: ScaleArgs) -> Result<ExitCode, ClientError> {
    let opts = ScaleOptions {
        selection: Selection {
            args: a.args,
            files: split_files(&a.filename),
            selector: a.selector,
            all: a.all,
            ..Selection::default()
        },
        replicas: a.replicas.ok_or_else(|| ClientError::Usage("required flag(s) \"replicas\" not set".into()))?,
        current_replicas: a.current_replicas,
        resource_version: a.resource_version,
        dry_run: DryRun::parse(a.dry_run.as_deref())?,
        name_only: a.output.as_deref() == Some("name"),
    };
    let errors = scale::run(session, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}
