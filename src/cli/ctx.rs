//! `kx ctx` (kubectx): list contexts, switch with `NAME` or back with `-`, `-c` prints the
//! current one, `-u` unsets it; on a terminal with no argument, a fuzzy picker.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Args;

use super::GlobalArgs;
use super::picker;
use crate::client::ClientError;
use crate::client::contexts::{self, ContextError, KubeconfigFiles};

#[derive(Args, Debug)]
pub struct CtxArgs {
    /// Context to switch to, or `-` for the previous one.
    name: Option<String>,
    /// Print the current context.
    #[arg(short = 'c', long = "current", conflicts_with_all = ["name", "unset"])]
    current: bool,
    /// Unset the current context.
    #[arg(short = 'u', long = "unset", conflicts_with = "name")]
    unset: bool,
}

/// kubectx's marking of the current item: black on yellow, only on a terminal.
pub(super) fn highlight(item: &str) -> String {
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        format!("\x1b[30;43m{item}\x1b[0m")
    } else {
        item.to_string()
    }
}

/// Whether to offer the interactive picker instead of a list.
pub(super) fn interactive() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var_os("KUBECTX_IGNORE_FZF").is_none()
}

pub fn run(a: CtxArgs, global: &GlobalArgs) -> Result<ExitCode, ClientError> {
    let explicit = global.kubeconfig.as_deref();
    if a.current {
        let files = KubeconfigFiles::load(explicit)?;
        let current = files.current_context().ok_or(ContextError::NoCurrentContext)?;
        println!("{current}");
        return Ok(ExitCode::SUCCESS);
    }
    if a.unset {
        let mut files = KubeconfigFiles::load(explicit)?;
        eprintln!("Unsetting current context.");
        files.unset_current_context()?;
        println!("Property \"current-context\" unset.");
        return Ok(ExitCode::SUCCESS);
    }
    let target = match a.name.as_deref() {
        Some("-") => None,
        Some(n) => Some(n.to_string()),
        None => {
            let files = KubeconfigFiles::load(explicit)?;
            let current = files.current_context();
            let names: Vec<String> = files.contexts()?.into_iter().map(|c| c.name).collect();
            if !interactive() {
                for n in &names {
                    if Some(n) == current.as_ref() {
                        println!("{}", highlight(n));
                    } else {
                        println!("{n}");
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            match picker::pick("context", &names, current.as_deref()) {
                Ok(Some(choice)) => Some(choice),
                Ok(None) => return Err(ClientError::Other("you did not choose any of the options".into())),
                Err(e) => return Err(ClientError::Other(format!("could not run the picker: {e}"))),
            }
        }
    };
    let now = contexts::switch_context(explicit, target.as_deref())?;
    println!("Switched to context \"{now}\".");
    Ok(ExitCode::SUCCESS)
}
