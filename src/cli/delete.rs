//! `kx delete` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct DeleteArgs {}

pub async fn run(_session: &Session, _a: DeleteArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
