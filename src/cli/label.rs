//! `kx label` and `kx annotate`: kubectl's flags and lines.

use std::process::ExitCode;

use clap::Args;

use super::write::{Terminal, finish, split_files};
use crate::client::label::{self, Field, LabelOptions};
use crate::client::write::{DryRun, PrintFormat, Selection};
use crate::client::{ClientError, Session};

/// The flags `label` and `annotate` share.
#[derive(Args, Debug)]
pub struct MetaArgs {
    /// TYPE NAME... or TYPE/NAME..., then KEY=VALUE changes and KEY- removals.
    args: Vec<String>,
    /// Files naming the objects to change.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// Process the directories given with -f recursively.
    #[arg(short = 'R', long)]
    recursive: bool,
    /// Change the objects matching this label selector.
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Change the objects matching this field selector.
    #[arg(long)]
    field_selector: Option<String>,
    /// Change all objects of the given types in the namespace.
    #[arg(long)]
    all: bool,
    /// With -l/--all, act in all namespaces.
    #[arg(short = 'A', long)]
    all_namespaces: bool,
    /// Allow replacing existing values.
    #[arg(long)]
    overwrite: bool,
    /// Only change the object if its resourceVersion is this one.
    #[arg(long)]
    resource_version: Option<String>,
    /// Print the current values instead of changing them.
    #[arg(long)]
    list: bool,
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

#[derive(Args, Debug)]
pub struct LabelArgs {
    #[command(flatten)]
    meta: MetaArgs,
}

#[derive(Args, Debug)]
pub struct AnnotateArgs {
    #[command(flatten)]
    meta: MetaArgs,
}

async fn run(session: &Session, a: MetaArgs, field: Field) -> Result<ExitCode, ClientError> {
    let pair_type = if field == Field::Labels { "label" } else { "annotate" };
    let (resources, changes) = label::split_args(&a.args, pair_type)?;
    let opts = LabelOptions {
        field,
        selection: Selection {
            args: resources,
            files: split_files(&a.filename),
            recursive: a.recursive,
            selector: a.selector,
            field_selector: a.field_selector,
            all: a.all,
            all_namespaces: a.all_namespaces,
        },
        changes,
        overwrite: a.overwrite,
        resource_version: a.resource_version,
        list: a.list,
        dry_run: DryRun::parse(a.dry_run.as_deref())?,
        output: PrintFormat::parse(a.output.as_deref())?,
        field_manager: a.field_manager,
    };
    let errors = label::run(session, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}

pub async fn run_label(session: &Session, a: LabelArgs) -> Result<ExitCode, ClientError> {
    run(session, a.meta, Field::Labels).await
}

pub async fn run_annotate(session: &Session, a: AnnotateArgs) -> Result<ExitCode, ClientError> {
    run(session, a.meta, Field::Annotations).await
}
