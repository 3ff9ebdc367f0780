//! `kx rollout status|history|undo|restart|pause|resume`, printing what kubectl prints.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::client::config::parse_timeout;
use crate::client::rollout::{self, UndoOutcome};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct RolloutArgs {
    #[command(subcommand)]
    command: RolloutCommand,
}

#[derive(Subcommand, Debug)]
enum RolloutCommand {
    /// Show the status of the rollout.
    Status(StatusArgs),
    /// View rollout history.
    History(HistoryArgs),
    /// Undo a previous rollout.
    Undo(UndoArgs),
    /// Restart a resource.
    Restart(Targets),
    /// Mark the provided resource as paused.
    Pause(Targets),
    /// Resume a paused resource.
    Resume(Targets),
}

#[derive(Args, Debug)]
struct Targets {
    /// TYPE NAME... or TYPE/NAME...
    args: Vec<String>,
}

#[derive(Args, Debug)]
struct StatusArgs {
    args: Vec<String>,
    /// Watch the status of the rollout until it's done.
    #[arg(short = 'w', long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    watch: bool,
    /// Pin to a specific revision for showing its status (0: the latest).
    #[arg(long, default_value_t = 0)]
    revision: i64,
    /// How long to wait before giving up (0 waits forever).
    #[arg(long, value_parser = parse_timeout, default_value = "0s")]
    timeout: Duration,
}

#[derive(Args, Debug)]
struct HistoryArgs {
    args: Vec<String>,
    /// Show the details, including the pod template, of this revision.
    #[arg(long, default_value_t = 0)]
    revision: i64,
}

#[derive(Args, Debug)]
struct UndoArgs {
    args: Vec<String>,
    /// The revision to roll back to (0: the previous one).
    #[arg(long, default_value_t = 0)]
    to_revision: i64,
}

pub async fn run(session: &Session, a: RolloutArgs) -> Result<ExitCode, ClientError> {
    let ns = session.namespace().to_string();
    match a.command {
        RolloutCommand::Status(s) => {
            if s.revision < 0 {
                return Err(ClientError::Usage(format!("revision must be a positive integer: {}", s.revision)));
            }
            let targets = rollout::resolve(session, &ns, &s.args).await?;
            let [w] = targets.as_slice() else {
                return Err(ClientError::Other(format!(
                    "rollout status is only supported on individual resources and resource collections - {} resources were found",
                    targets.len()
                )));
            };
            rollout::wait(session, w, s.revision, s.watch, s.timeout, |st| println!("{}", st.message)).await?;
            Ok(ExitCode::SUCCESS)
        }
        RolloutCommand::History(h) => {
            if h.revision < 0 {
                return Err(ClientError::Usage(format!("revision must be a positive integer: {}", h.revision)));
            }
            for w in rollout::resolve(session, &ns, &h.args).await? {
                let entries = rollout::history(session, &w).await?;
                if h.revision > 0 {
                    let Some(e) = entries.iter().find(|e| e.revision == h.revision) else {
                        return Err(ClientError::Other("unable to find the specified revision".into()));
                    };
                    println!("{} with revision #{}\n{}", w.display(), h.revision, rollout::render_revision(&w, e));
                } else {
                    println!("{} \n{}", w.display(), rollout::render_history(&entries));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        RolloutCommand::Undo(u) => {
            let mut failed = false;
            for w in rollout::resolve(session, &ns, &u.args).await? {
                match rollout::undo(session, &w, u.to_revision).await {
                    Ok(UndoOutcome::RolledBack) => println!("{} rolled back", w.display()),
                    Ok(UndoOutcome::Skipped(rev)) => {
                        println!("{} skipped rollback (current template already matches revision {rev})", w.display())
                    }
                    Err(e) => {
                        eprintln!("{}", e.kubectl_message());
                        failed = true;
                    }
                }
            }
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        RolloutCommand::Restart(t) => {
            each(session, &ns, &t.args, "restarted", |s, w| Box::pin(rollout::restart(s, w))).await
        }
        RolloutCommand::Pause(t) => {
            each(session, &ns, &t.args, "paused", |s, w| Box::pin(rollout::set_paused(s, w, true))).await
        }
        RolloutCommand::Resume(t) => {
            each(session, &ns, &t.args, "resumed", |s, w| Box::pin(rollout::set_paused(s, w, false))).await
        }
    }
}

type Op<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ClientError>> + Send + 'a>>;

/// Apply `op` to every target, printing `TYPE/NAME done` for successes and kubectl's
/// `error: …` lines for failures (exit 1 if any failed).
async fn each(
    session: &Session,
    ns: &str,
    args: &[String],
    done: &str,
    op: impl for<'a> Fn(&'a Session, &'a rollout::Workload) -> Op<'a>,
) -> Result<ExitCode, ClientError> {
    let mut failed = false;
    for w in rollout::resolve(session, ns, args).await? {
        match op(session, &w).await {
            Ok(()) => println!("{} {done}", w.display()),
            Err(e) => {
                eprintln!("{}", e.kubectl_message());
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
