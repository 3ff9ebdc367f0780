//! `kx api-resources`, `kx api-versions`, `kx version` and `kx cluster-info`.

use std::process::ExitCode;

use clap::Args;

use super::GlobalArgs;
use crate::client::info::{self, ApiResourcesOptions};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct ApiResourcesArgs {
    /// If given, only namespaced (true) or only cluster-scoped (false) resources.
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    namespaced: Option<bool>,
    /// Only resources in this API group (use "" for the core group).
    #[arg(long)]
    api_group: Option<String>,
    /// Only resources that support these verbs (e.g. --verbs=list,get).
    #[arg(long, value_delimiter = ',')]
    verbs: Vec<String>,
    /// Only resources in these categories (e.g. --categories=all).
    #[arg(long, value_delimiter = ',')]
    categories: Vec<String>,
    /// Output format: wide or name.
    #[arg(short = 'o', long, default_value = "")]
    output: String,
    /// Sort by name or kind.
    #[arg(long, default_value = "")]
    sort_by: String,
    /// Do not print headers.
    #[arg(long)]
    no_headers: bool,
    /// Use the cached discovery (accepted for compatibility; kx always asks the server).
    #[arg(long)]
    cached: bool,
}

pub async fn api_resources(session: &Session, a: ApiResourcesArgs) -> Result<ExitCode, ClientError> {
    let opts = ApiResourcesOptions {
        namespaced: a.namespaced,
        api_group: a.api_group,
        verbs: a.verbs,
        categories: a.categories,
        output: a.output,
        sort_by: a.sort_by,
        no_headers: a.no_headers,
    };
    print!("{}", info::api_resources(session, &opts).await?);
    Ok(ExitCode::SUCCESS)
}

pub async fn api_versions(session: &Session) -> Result<ExitCode, ClientError> {
    print!("{}", info::api_versions(session).await?);
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct VersionArgs {
    /// Only the client version (no server needed).
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true, default_value_t = false, action = clap::ArgAction::Set)]
    client: bool,
    /// Output format: json or yaml.
    #[arg(short = 'o', long, default_value = "")]
    output: String,
}

pub async fn version(global: &GlobalArgs, a: VersionArgs) -> Result<ExitCode, ClientError> {
    let session = if a.client { None } else { Some(Session::connect(&global.connect_options()).await) };
    let (session, connect_error) = match session {
        None => (None, None),
        Some(Ok(s)) => (Some(s), None),
        Some(Err(e)) => (None, Some(e)),
    };
    let (text, server_error) = info::version(session.as_ref(), &a.output).await?;
    print!("{text}");
    match connect_error.or(server_error) {
        Some(e) => Err(e),
        None => Ok(ExitCode::SUCCESS),
    }
}

pub async fn cluster_info(session: &Session, global: &GlobalArgs) -> Result<ExitCode, ClientError> {
    let server = match &global.server {
        Some(s) => s.clone(),
        None => session.conn.cluster_url.to_string(),
    };
    print!("{}", info::cluster_info(session, &server).await?);
    Ok(ExitCode::SUCCESS)
}
