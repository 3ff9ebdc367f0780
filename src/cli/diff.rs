//! `kx diff` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct DiffArgs {}

pub async fn run(_session: &Session, _a: DiffArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
