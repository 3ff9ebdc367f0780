//! `kx get`: kubectl's get, printed as kubectl prints it.

use std::process::ExitCode;

use clap::Args;

use crate::client::Session;
use crate::client::get::{self, GetOptions, Output};
use crate::client::watch::{self, WatchOptions};

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
    /// Output format: wide, name, json, yaml, jsonpath=…, jsonpath-file=…, jsonpath-as-json=…,
    /// custom-columns=…, custom-columns-file=….
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Template for -o jsonpath (same as -o jsonpath=TEMPLATE).
    #[arg(long)]
    template: Option<String>,
    /// Sort rows or items by the value of this JSONPath (e.g. .metadata.name).
    #[arg(long)]
    sort_by: Option<String>,
    /// If false, a missing key in a JSONPath template is an error.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    allow_missing_template_keys: bool,
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
    /// If true, keep the managedFields when printing objects in JSON or YAML format.
    #[arg(long)]
    show_managed_fields: bool,
    /// After listing, watch for changes.
    #[arg(short = 'w', long)]
    watch: bool,
    /// Watch for changes without listing first.
    #[arg(long)]
    watch_only: bool,
    /// With --watch, add an EVENT column (ADDED, MODIFIED, DELETED).
    #[arg(long)]
    output_watch_events: bool,
}

pub async fn run(session: &Session, a: GetArgs) -> Result<ExitCode, crate::client::ClientError> {
    // `-o jsonpath --template '{…}'` is the same as `-o jsonpath='{…}'`.
    let spec = match (a.output.as_deref(), a.template.as_deref()) {
        (Some(o), Some(t)) if !o.contains('=') => Some(format!("{o}={t}")),
        (o, _) => o.map(str::to_string),
    };
    let output = match Output::parse(spec.as_deref()) {
        Ok(o) => o,
        Err(e) => {
            super::print_kubectl_error(&format!("error: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    if a.args.is_empty() {
        // kubectl's usage error for a missing type: the hint, a blank line, the error.
        eprint!(
            "You must specify the type of resource to get. Use \"kx api-resources\" for a complete list of supported resources.\n\n\
             error: Required resource not specified.\n\
             Use \"kx explain <resource>\" for a detailed description of that resource (e.g. kx explain pods).\n\
             See 'kx get -h' for help and examples\n"
        );
        return Ok(ExitCode::FAILURE);
    }
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
        sort_by: a.sort_by.filter(|s| !s.is_empty()),
        strict_template_keys: !a.allow_missing_template_keys,
        show_managed_fields: a.show_managed_fields,
    };
    if a.watch || a.watch_only {
        return watch(session, opts, a.watch_only, a.output_watch_events).await;
    }
    let printed = get::get(session, &opts).await?;
    print!("{}", printed.stdout);
    for line in &printed.stderr {
        super::print_kubectl_error(line);
    }
    Ok(if printed.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `get -w`: lines as they come, flushed per event, like kubectl (also on a terminal, so
/// output piped to grep or a file looks the same; the TUI is the live, redrawn view).
async fn watch(
    session: &Session,
    get: GetOptions,
    watch_only: bool,
    output_watch_events: bool,
) -> Result<ExitCode, crate::client::ClientError> {
    use std::io::Write;
    let opts = WatchOptions { get, watch_only, output_watch_events };
    let mut emit = |text: &str| {
        let mut out = std::io::stdout().lock();
        // A closed stdout (`| head`) ends the watch at the next write anyway.
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    };
    match watch::watch(session, &opts, &mut emit).await {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e),
    }
}
