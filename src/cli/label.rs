//! `kx label` (stub).

use std::process::ExitCode;

use clap::Args;

use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct LabelArgs {}
#[derive(Args, Debug)]
pub struct AnnotateArgs {}

pub async fn run_label(_session: &Session, _a: LabelArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
pub async fn run_annotate(_session: &Session, _a: AnnotateArgs) -> Result<ExitCode, ClientError> {
    Ok(ExitCode::FAILURE)
}
