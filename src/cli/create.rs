//! `kx create` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct CreateArgs {}

pub async fn run(_session: &Session, _a: CreateArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
