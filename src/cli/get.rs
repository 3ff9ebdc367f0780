//! `kx get`: kubectl's get, printed as kubectl prints it.

use std::process::ExitCode;

use clap::Args;

use crate::client::Session;
use crate::client::get::{self, GetOptions, Output};

#[derive(Args, Debug)]
pub struct GetArgs {
    /// TYPE[.VERSION][.GROUP] [NAME ...], TYPE/NAME ..., or TYPE1,TYPE2 (e.g. pods, deploy/web, all)
    args: Vec<String>,
    /// List across all namespaces.
    #[arg(short = 'A', long)]
    all_namespaces: bool,
    /// Label selector (e.g. -l app=web,tier!=db).
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Field selector (e.g. --field-selector status.phase=Running).
    #[arg(long)]
    field_selector: Option<String>,
    /// Output format: wide, name, json, yaml.
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Show all labels as the last column.
    #[arg(long)]
    show_labels: bool,
    /// Labels to show as columns (-L app,tier).
    #[arg(short = 'L', long = "label-columns", value_delimiter = ',')]
    label_columns: Vec<String>,
    /// Do not print headers.
    #[arg(long)]
    no_headers: bool,
    /// Fetch large lists in chunks of this size (0 disables chunking).
    #[arg(long, default_value_t = 500)]
    chunk_size: usize,
    /// Treat "resource not found" as a successful retrieval.
    #[arg(long)]
    ignore_not_found: bool,
    /// Always show the resource type with names.
    #[arg(long)]
    show_kind: bool,
}

pub async fn run(session: &Session, a: GetArgs) -> Result<ExitCode, crate::client::ClientError> {
    let output = match a.output.as_deref() {
        None | Some("") => Output::Table,
        Some("wide") => Output::Wide,
        Some("name") => Output::Name,
        Some("json") => Output::Json,
        Some("yaml") => Output::Yaml,
        Some(other) => {
            return Err(crate::client::ClientError::Usage(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,name,wide,yaml"
            )));
        }
    };
    let opts = GetOptions {
        args: a.args,
        all_namespaces: a.all_namespaces,
        namespace: None,
        label_selector: a.selector,
        field_selector: a.field_selector,
        output,
        show_labels: a.show_labels,
        label_columns: a.label_columns,
        no_headers: a.no_headers,
        chunk_size: a.chunk_size,
        ignore_not_found: a.ignore_not_found,
        show_kind: a.show_kind,
    };
    let printed = get::get(session, &opts).await?;
    print!("{}", printed.stdout);
    for line in &printed.stderr {
        eprintln!("{line}");
    }
    Ok(if printed.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
