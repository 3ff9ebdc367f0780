//! The write commands (apply, create, delete, diff, edit, label, annotate, patch, scale, set)
//! as one clap subcommand group, flattened into kx's command list, and what they share on
//! the terminal: result lines on stdout, warnings and kubectl-style errors on stderr.

use std::process::ExitCode;

use clap::Subcommand;

use super::GlobalArgs;
use super::{apply, create, delete, diff, edit, label, patch, scale, set};
use crate::client::write::{Report, WriteError, render_errors};
use crate::client::{ClientError, Session};

#[derive(Subcommand, Debug)]
pub enum WriteCommand {
    /// Apply a configuration to a resource by file name or stdin.
    Apply(apply::ApplyArgs),
    /// Create a resource from a file or from stdin, or one of the common kinds from flags.
    Create(create::CreateArgs),
    /// Delete resources by file names, stdin, resources and names, or by resources and label selector.
    Delete(delete::DeleteArgs),
    /// Diff the live version against a would-be applied version.
    Diff(diff::DiffArgs),
    /// Edit a resource on the server with your editor.
    Edit(edit::EditArgs),
    /// Update the labels on a resource.
    Label(label::LabelArgs),
    /// Update the annotations on a resource.
    Annotate(label::AnnotateArgs),
    /// Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.
    Patch(patch::PatchArgs),
    /// Set a new size for a deployment, replica set, replication controller, or stateful set.
    Scale(scale::ScaleArgs),
    /// Set specific features on objects.
    Set(set::SetArgs),
}

/// Connect and run a write command.
pub async fn run(cmd: WriteCommand, global: &GlobalArgs) -> Result<ExitCode, ClientError> {
    let session = Session::connect(&global.connect_options()).await?;
    match cmd {
        WriteCommand::Apply(a) => apply::run(&session, a).await,
        WriteCommand::Create(a) => create::run(&session, a).await,
        WriteCommand::Delete(a) => delete::run(&session, a).await,
        WriteCommand::Diff(a) => diff::run(&session, a).await,
        WriteCommand::Edit(a) => edit::run(&session, a).await,
        WriteCommand::Label(a) => label::run_label(&session, a).await,
        WriteCommand::Annotate(a) => label::run_annotate(&session, a).await,
        WriteCommand::Patch(a) => patch::run(&session, a).await,
        WriteCommand::Scale(a) => scale::run(&session, a).await,
        WriteCommand::Set(a) => set::run(&session, a).await,
    }
}

/// Result lines to stdout, warnings to stderr, as they happen.
pub struct Terminal;

impl Report for Terminal {
    fn line(&mut self, text: &str) {
        println!("{text}");
    }
    fn warning(&mut self, text: &str) {
        eprintln!("{text}");
    }
}

/// Print a command's errors the way kubectl does at its end, and pick the exit code.
pub fn finish(errors: &[WriteError]) -> ExitCode {
    for line in render_errors(errors) {
        eprintln!("{line}");
    }
    if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// `-f` values: repeated flags and comma-separated lists, as kubectl's string slices.
pub fn split_files(values: &[String]) -> Vec<crate::client::manifest::Input> {
    values
        .iter()
        .flat_map(|v| v.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>())
        .map(|v| crate::client::manifest::Input::from_arg(&v))
        .collect()
}
