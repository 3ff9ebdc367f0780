//! `kx edit`: kubectl's edit flags; the loop itself is the client layer's.

use std::process::ExitCode;

use clap::Args;

use super::write::{Terminal, finish, split_files};
use crate::client::edit::{self, EditFormat, EditOptions, ExternalEditor};
use crate::client::write::Selection;
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct EditArgs {
    /// TYPE/NAME, TYPE NAME..., or TYPE to edit all objects of the type.
    args: Vec<String>,
    /// Files naming the objects to edit.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// Process the directories given with -f recursively.
    #[arg(short = 'R', long)]
    recursive: bool,
    /// Edit the objects matching this label selector.
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// yaml (default) or json.
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Print the patch sent for each object.
    #[arg(long)]
    output_patch: bool,
    /// Name of the manager used to track field ownership.
    #[arg(long)]
    field_manager: Option<String>,
    /// strict (or true), warn, ignore (or false): how the server treats unknown fields.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "strict", default_value = "strict")]
    validate: String,
}

pub async fn run(session: &Session, a: EditArgs) -> Result<ExitCode, ClientError> {
    let format = match a.output.as_deref() {
        None | Some("") | Some("yaml") => EditFormat::Yaml,
        Some("json") => EditFormat::Json,
        Some(other) => {
            return Err(ClientError::Usage(format!("the flag 'output' must be one of yaml|json, not {other:?}")));
        }
    };
    // A bare type edits every object of it, as a List.
    let whole_type = a.args.len() == 1 && !a.args[0].contains('/') && a.selector.is_none();
    let opts = EditOptions {
        selection: Selection {
            args: a.args,
            files: split_files(&a.filename),
            recursive: a.recursive,
            selector: a.selector,
            field_selector: None,
            all: whole_type,
            all_namespaces: false,
        },
        format,
        field_manager: a.field_manager,
        field_validation: Some(crate::client::apply::field_validation(&a.validate)?),
        output_patch: a.output_patch,
    };
    let mut editor = ExternalEditor::from_env();
    let errors = edit::edit(session, &opts, &mut editor, &mut Terminal).await?;
    Ok(finish(&errors))
}
