//! `kx scale` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct ScaleArgs {}

pub async fn run(_session: &Session, _a: ScaleArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
