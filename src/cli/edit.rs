//! `kx edit` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct EditArgs {}

pub async fn run(_session: &Session, _a: EditArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
