//! `kx patch` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct PatchArgs {}

pub async fn run(_session: &Session, _a: PatchArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
