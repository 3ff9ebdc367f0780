//! `kx logs`: kubectl's logs, with its argument rules, notices and error wording. One
//! deliberate difference: `-f` survives a dropped connection (an apiserver restart, a
//! network blip) by reconnecting and resuming after the last line, with a notice on stderr,
//! where kubectl stops silently mid-log. It still ends when the container does.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use futures::StreamExt;

use crate::client::logs::{self, LogItem, LogOptions, LogTarget};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// POD or TYPE/NAME, and optionally the container.
    args: Vec<String>,
    /// Print the logs of this container.
    #[arg(short = 'c', long)]
    container: Option<String>,
    /// Stream the logs.
    #[arg(short = 'f', long)]
    follow: bool,
    /// Lines of recent log to show (-1 for all; 10 with a selector).
    #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
    tail: i64,
    /// Only logs newer than this duration (e.g. 5s, 2m, 3h).
    #[arg(long)]
    since: Option<String>,
    /// Only logs after this time (RFC 3339).
    #[arg(long)]
    since_time: Option<String>,
    /// Include timestamps on each line.
    #[arg(long)]
    timestamps: bool,
    /// The previous terminated container's logs.
    #[arg(short = 'p', long)]
    previous: bool,
    /// Select pods by label.
    #[arg(short = 'l', long)]
    selector: Option<String>,
    /// Every container of the pods.
    #[arg(long)]
    all_containers: bool,
    /// Prefix each line with its source ([pod/NAME/CONTAINER]).
    #[arg(long)]
    prefix: bool,
    /// Maximum concurrent streams with a selector and --follow.
    #[arg(long, default_value_t = 5)]
    max_log_requests: usize,
    /// Maximum bytes of logs to return.
    #[arg(long)]
    limit_bytes: Option<i64>,
}

const USAGE_HINT: &str = "See 'kubectl logs -h' for help and examples";

pub async fn run(session: &Session, a: LogsArgs) -> Result<ExitCode, ClientError> {
    let target = match (a.args.as_slice(), &a.selector) {
        ([], None) => {
            return Err(ClientError::Usage(format!(
                "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n{USAGE_HINT}"
            )));
        }
        ([], Some(sel)) => LogTarget::Selector(sel.clone()),
        (_, Some(_)) => {
            return Err(ClientError::Usage(format!("only a selector (-l) or a POD name is allowed\n{USAGE_HINT}")));
        }
        ([first, ..], None) if a.args.len() <= 2 => match first.split_once('/') {
            Some((kind, name)) => LogTarget::Object { kind: kind.to_string(), name: name.to_string() },
            None => LogTarget::Pod(first.clone()),
        },
        _ => {
            return Err(ClientError::Usage(format!(
                "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n{USAGE_HINT}"
            )));
        }
    };
    // The deprecated positional form `logs POD CONTAINER`.
    let container = a.container.or_else(|| a.args.get(1).cloned());
    let since_seconds = match &a.since {
        Some(s) => match logs::parse_go_duration(s) {
            Ok(n) => Some(n),
            Err(e) => {
                return Err(ClientError::Usage(format!(
                    "invalid argument \"{s}\" for \"--since\" flag: {e}\nSee 'kubectl logs --help' for usage."
                )));
            }
        },
        None => None,
    };
    if since_seconds.is_some() && a.since_time.is_some() {
        return Err(ClientError::Usage("at most one of `sinceTime` or `sinceSeconds` may be specified".into()));
    }
    if let Some(t) = &a.since_time
        && t.parse::<jiff::Timestamp>().is_err()
    {
        return Err(ClientError::Usage(format!(
            "parsing time \"{t}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{t}\" as \"2006\""
        )));
    }
    // kubectl shows the last 10 lines per container when a selector picks the pods.
    let tail = if a.tail == -1 && matches!(target, LogTarget::Selector(_)) { 10 } else { a.tail };
    let opts = LogOptions {
        container,
        all_containers: a.all_containers,
        follow: a.follow,
        previous: a.previous,
        timestamps: a.timestamps,
        tail_lines: (tail >= 0).then_some(tail),
        since_seconds: since_seconds.filter(|s| *s > 0),
        since_time: a.since_time,
        limit_bytes: a.limit_bytes,
        prefix: a.prefix,
        max_log_requests: a.max_log_requests,
    };
    let namespace = session.namespace().to_string();
    let plan = logs::plan(session, &namespace, &target, &opts).await?;
    for n in &plan.notices {
        eprintln!("{n}");
    }
    if plan.sources.is_empty() {
        if matches!(target, LogTarget::Selector(_)) {
            eprintln!("No resources found in {namespace} namespace.");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut lines = logs::stream(session, &plan, &opts).await?;
    let stdout = std::io::stdout();
    while let Some(item) = lines.next().await {
        let line = match item? {
            LogItem::Line(line) => line,
            // kubectl would have stopped here; kx says so on stderr and goes on.
            LogItem::Disconnected { source, error, retry_in } => {
                eprintln!(
                    "kx: log stream of {} dropped ({error}); reconnecting in {}s",
                    source.prefix().trim_matches(['[', ']']),
                    retry_in.as_secs()
                );
                continue;
            }
            LogItem::Reconnected { source } => {
                eprintln!("kx: log stream of {} resumed", source.prefix().trim_matches(['[', ']']));
                continue;
            }
        };
        let mut out = stdout.lock();
        let written = if opts.prefix {
            write!(out, "{} {}", line.source.prefix(), line.text)
        } else {
            out.write_all(line.text.as_bytes())
        };
        // A closed pipe (`kx logs … | head`) ends the command quietly, as kubectl does.
        if written.and_then(|_| out.flush()).is_err() {
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}
