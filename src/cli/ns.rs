//! `kx ns` (kubens): list namespaces marking the current one, switch with `NAME` (checked
//! against the server unless `--force`) or back with `-`, `-c` prints the current one, `-u`
//! returns to `default`; on a terminal with no argument, a fuzzy picker.

use std::process::ExitCode;

use clap::Args;

use super::ctx::{highlight, interactive};
use super::{GlobalArgs, picker};
use crate::client::contexts::{self, ContextError, KubeconfigFiles, NamespaceTarget};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct NsArgs {
    /// Namespace to switch to, or `-` for the previous one.
    name: Option<String>,
    /// Print the current namespace.
    #[arg(short = 'c', long = "current", conflicts_with_all = ["name", "unset"])]
    current: bool,
    /// Go back to the context's default namespace.
    #[arg(short = 'u', long = "unset", conflicts_with = "name")]
    unset: bool,
    /// Switch even if the namespace does not exist (or the cluster cannot be reached).
    #[arg(short = 'f', long)]
    force: bool,
}

fn current_context(files: &KubeconfigFiles, global: &GlobalArgs) -> Result<String, ContextError> {
    match &global.context {
        Some(c) => Ok(c.clone()),
        None => files.current_context().ok_or(ContextError::NoCurrentContext),
    }
}

pub async fn run(a: NsArgs, global: &GlobalArgs) -> Result<ExitCode, ClientError> {
    let opts = global.connect_options();
    let files = KubeconfigFiles::load(global.kubeconfig.as_deref())?;
    let context = current_context(&files, global)?;
    let current = files.namespace_of(&context)?;
    if a.current {
        println!("{current}");
        return Ok(ExitCode::SUCCESS);
    }
    let target = if a.unset {
        NamespaceTarget::Unset
    } else {
        match a.name {
            Some(n) if n == "-" => NamespaceTarget::Previous,
            Some(n) => NamespaceTarget::Name(n),
            None => {
                let mut connect = opts.clone();
                connect.namespace = None;
                let session = Session::connect(&connect).await?;
                let names = contexts::list_namespaces(&session).await.map_err(|e| {
                    ClientError::Other(format!("could not list namespaces (is the cluster accessible?): {}", bare(&e)))
                })?;
                if !interactive() {
                    for n in &names {
                        if *n == current {
                            println!("{}", highlight(n));
                        } else {
                            println!("{n}");
                        }
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                match picker::pick("namespace", &names, Some(&current)) {
                    Ok(Some(choice)) => NamespaceTarget::Name(choice),
                    Ok(None) => return Err(ClientError::Other("you did not choose any of the options".into())),
                    Err(e) => return Err(ClientError::Other(format!("could not run the picker: {e}"))),
                }
            }
        }
    };
    let switched = contexts::switch_namespace(&opts, target, a.force).await?;
    println!("Context \"{}\" modified.", switched.context);
    eprintln!("Active namespace is \"{}\".", switched.namespace);
    Ok(ExitCode::SUCCESS)
}

/// An error's message without kubectl's `error: ` prefix.
fn bare(e: &ClientError) -> String {
    let m = e.kubectl_message();
    m.strip_prefix("error: ").unwrap_or(&m).to_string()
}
