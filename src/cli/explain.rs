//! `kx explain TYPE[.field.path] [--recursive] [--api-version G/V] [-o plaintext]`.

use std::io::Write;
use std::process::ExitCode;

use clap::{ArgAction, Args};

use crate::client::explain::{self, ExplainOptions};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// TYPE[.FIELD.PATH], e.g. `pods.spec.containers`.
    #[arg(value_name = "TYPE")]
    path: String,
    /// Print the names of all fields recursively instead of their descriptions.
    #[arg(long, action = ArgAction::Set, num_args = 0..=1, require_equals = true, default_value_t = false, default_missing_value = "true")]
    recursive: bool,
    /// Use this group/version of the resource.
    #[arg(long, value_name = "GROUP/VERSION")]
    api_version: Option<String>,
    /// Format in which to render the schema (plaintext).
    #[arg(short = 'o', long, default_value = "plaintext")]
    output: String,
}

pub async fn run(session: &Session, a: ExplainArgs) -> Result<ExitCode, ClientError> {
    let opts = ExplainOptions { path: a.path, recursive: a.recursive, api_version: a.api_version, output: a.output };
    match explain::explain(session, &opts).await {
        Ok(text) => {
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Err((partial, e)) => {
            print!("{partial}");
            let _ = std::io::stdout().flush();
            match e {
                // kubectl explain prints an unknown type without the `error: ` prefix.
                ClientError::Resolve(r) => {
                    eprintln!("{r}");
                    Ok(ExitCode::FAILURE)
                }
                e => Err(e),
            }
        }
    }
}
