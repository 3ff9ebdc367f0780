//! `kx set` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct SetArgs {}

pub async fn run(_session: &Session, _a: SetArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
