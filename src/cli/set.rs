//! `kx set image`: kubectl's flags and lines.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::write::{Terminal, finish, split_files};
use crate::client::set::{self, SetImageOptions};
use crate::client::write::{DryRun, PrintFormat, Selection};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct SetArgs {
    #[command(subcommand)]
    what: SetCommand,
}

#[derive(Subcommand, Debug)]
enum SetCommand {
    /// Update the images of containers in a pod template.
    Image {
        /// TYPE NAME... or TYPE/NAME..., then CONTAINER=IMAGE pairs (`*` for all containers).
        args: Vec<String>,
        /// Files naming the objects to change.
        #[arg(short = 'f', long = "filename")]
        filename: Vec<String>,
        /// Change the objects matching this label selector.
        #[arg(short = 'l', long)]
        selector: Option<String>,
        /// Change all objects of the given types in the namespace.
        #[arg(long)]
        all: bool,
        /// none, client or server.
        #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "unchanged", value_name = "STRATEGY")]
        dry_run: Option<String>,
        /// Output format: name, json or yaml.
        #[arg(short = 'o', long)]
        output: Option<String>,
        /// Name of the manager used to track field ownership.
        #[arg(long)]
        field_manager: Option<String>,
    },
}

pub async fn run(session: &Session, a: SetArgs) -> Result<ExitCode, ClientError> {
    let SetCommand::Image { args, filename, selector, all, dry_run, output, field_manager } = a.what;
    let (resources, pairs) = crate::client::label::split_args(&args, "image")?;
    let mut images = Vec::new();
    for p in pairs {
        let Some((c, i)) = p.split_once('=') else {
            return Err(ClientError::Usage(format!("invalid image spec: {p}")));
        };
        images.push((c.to_string(), i.to_string()));
    }
    let opts = SetImageOptions {
        selection: Selection { args: resources, files: split_files(&filename), selector, all, ..Selection::default() },
        images,
        dry_run: DryRun::parse(dry_run.as_deref())?,
        output: PrintFormat::parse(output.as_deref())?,
        field_manager,
    };
    let errors = set::set_image(session, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}
