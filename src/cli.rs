//! Command-line definitions (clap) and dispatch. No business logic lives here: each command
//! parses its arguments and calls the client layer or the embedded cluster. Errors and exit
//! codes follow kubectl: messages on stderr, exit 1 for failures and for usage errors.

mod apply;
mod cluster;
mod complete;
mod completions;
mod config;
mod create;
mod ctx;
mod delete;
mod describe;
mod diff;
mod edit;
mod exec;
mod explain;
mod get;
mod info;
mod label;
mod logs;
mod man;
mod ns;
mod patch;
mod picker;
mod portforward;
mod rollout;
mod scale;
mod set;
mod theme;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::client::config::{ConnectOptions, parse_timeout};
use crate::client::{ClientError, Session};

/// kx: a Kubernetes terminal tool.
#[derive(Parser, Debug)]
#[command(name = "kx", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(flatten)]
    tui: TuiArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Flags of the TUI (`kx` with no command).
#[derive(Args, Debug, Clone)]
pub struct TuiArgs {
    /// Run an in-process cluster seeded with a demo app instead of connecting (the default
    /// when there is no kubeconfig).
    #[arg(long)]
    pub embedded: bool,
    /// Refuse every change (delete, edit, scale, restart, undo, shell).
    #[arg(long)]
    pub readonly: bool,
    /// Colour theme: dark, light, high-contrast, or a theme file's name in the config dir.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Simulated nodes of the embedded cluster (1-3).
    #[arg(long = "embedded-nodes", default_value_t = 2, value_name = "N")]
    pub embedded_nodes: usize,
    /// Container runtime of the embedded cluster: `process` runs the demo's shell loops so
    /// logs and shells are real; `sim` runs no host code.
    #[arg(long = "embedded-runtime", default_value = "process", value_name = "sim|process")]
    pub embedded_runtime: crate::cluster::kubelet::Runtime,
}

/// kubectl's global flags, accepted before or after the command.
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Path to the kubeconfig file to use.
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig context to use.
    #[arg(long, global = true)]
    pub context: Option<String>,
    /// The kubeconfig cluster to use.
    #[arg(long, global = true)]
    pub cluster: Option<String>,
    /// The kubeconfig user to use.
    #[arg(long, global = true)]
    pub user: Option<String>,
    /// The namespace scope for this request.
    #[arg(short = 'n', long, global = true)]
    pub namespace: Option<String>,
    /// The address and port of the Kubernetes API server.
    #[arg(short = 's', long, global = true)]
    pub server: Option<String>,
    /// Bearer token for authentication to the API server.
    #[arg(long, global = true)]
    pub token: Option<String>,
    /// Do not check the server's certificate (insecure).
    #[arg(long, global = true)]
    pub insecure_skip_tls_verify: bool,
    /// Path to a certificate authority file.
    #[arg(long, global = true, value_name = "PATH")]
    pub certificate_authority: Option<PathBuf>,
    /// How long to wait for a single request (e.g. 5s, 1m; 0 waits forever).
    #[arg(long, global = true, value_parser = parse_timeout)]
    pub request_timeout: Option<Duration>,
    /// Log level: 6 logs requests, 7 adds headers, 8 adds bodies.
    #[arg(short = 'v', long = "v", global = true, value_name = "LEVEL")]
    pub verbosity: Option<u8>,
}

impl GlobalArgs {
    pub fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            kubeconfig: self.kubeconfig.clone(),
            context: self.context.clone(),
            cluster: self.cluster.clone(),
            user: self.user.clone(),
            namespace: self.namespace.clone(),
            server: self.server.clone(),
            token: self.token.clone(),
            insecure_skip_tls_verify: self.insecure_skip_tls_verify,
            certificate_authority: self.certificate_authority.clone(),
            request_timeout: self.request_timeout,
            verbosity: self.verbosity.unwrap_or(0),
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Display one or many resources.
    Get(get::GetArgs),
    /// Show details of a specific resource or group of resources.
    Describe(describe::DescribeArgs),
    /// Print the supported API resources on the server.
    ApiResources(info::ApiResourcesArgs),
    /// Print the supported API versions on the server, as "group/version".
    ApiVersions,
    /// Print the client and server version information.
    Version(info::VersionArgs),
    /// Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.
    ClusterInfo,
    /// Run and manage the embedded cluster.
    Cluster(cluster::ClusterArgs),
    #[command(flatten)]
    Write(Box<write::WriteCommand>),
    /// Print the logs for a container in a pod.
    Logs(logs::LogsArgs),
    /// Execute a command in a container.
    Exec(exec::ExecArgs),
    /// Forward one or more local ports to a pod.
    PortForward(portforward::PortForwardArgs),
    /// Manage the rollout of deployments, statefulsets and daemonsets.
    Rollout(rollout::RolloutArgs),
    /// Switch or list namespaces of the current context (kubens).
    Ns(ns::NsArgs),
    /// Switch or list contexts (kubectx).
    Ctx(ctx::CtxArgs),
    /// Modify kubeconfig files.
    Config(config::ConfigArgs),
    /// Get documentation for a resource.
    Explain(explain::ExplainArgs),
    /// List the TUI's colour themes, or import a k9s skin as one.
    Theme(theme::ThemeArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Write a man page per command into DIR, or print kx's own page.
    Man(man::ManArgs),
}

fn init_tracing(verbosity: Option<u8>) {
    let default = match verbosity.unwrap_or(0) {
        0..=3 => "warn",
        4..=5 => "info",
        // Up to 8 (bodies) kubectl logs its own requests only, not its libraries' chatter.
        6..=8 => "kx::http=info,kx=debug,info",
        _ => "kx=trace,debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("KX_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .event_format(crate::client::verbose::KlogFormat)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The `See 'kx get --help' for usage.` hint of a flag error.
fn usage_hint() -> String {
    let cmd = std::env::args().nth(1).filter(|a| !a.starts_with('-')).map(|c| format!(" {c}")).unwrap_or_default();
    format!("See 'kx{cmd} --help' for usage.")
}

/// pflag's name for a flag in messages: `-o, --output` when it has a shorthand.
fn pflag_name(arg: &clap::Arg) -> String {
    match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => format!("-{s}, --{l}"),
        (None, Some(l)) => format!("--{l}"),
        (Some(s), None) => format!("-{s}"),
        (None, None) => arg.get_id().to_string(),
    }
}

/// Go's `strconv.ParseBool`.
fn go_parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// pflag lets every boolean flag take a value (`--show-labels=false`, `--wait=true`); clap's
/// switches take none. Rewrite `--flag=BOOL` for switches of the command being run: `true`
/// keeps the switch, `false` drops it, anything else is pflag's error.
fn pflag_bools(root: &clap::Command, args: Vec<std::ffi::OsString>) -> Result<Vec<std::ffi::OsString>, String> {
    let mut cmd = root;
    let mut out = Vec::with_capacity(args.len());
    let mut rest = false;
    for (i, a) in args.into_iter().enumerate() {
        let text = a.to_str().map(str::to_string);
        match text {
            Some(t) if i > 0 && !rest => {
                if t == "--" {
                    rest = true;
                } else if let Some((name, value)) = t.strip_prefix("--").and_then(|f| f.split_once('='))
                    && let Some(arg) = cmd.get_arguments().find(|x| x.get_long() == Some(name))
                    && matches!(arg.get_action(), clap::ArgAction::SetTrue)
                {
                    match go_parse_bool(value) {
                        Some(true) => out.push(format!("--{name}").into()),
                        Some(false) => {}
                        None => {
                            return Err(format!(
                                "invalid argument {value:?} for {:?} flag: strconv.ParseBool: parsing {value:?}: invalid syntax",
                                pflag_name(arg)
                            ));
                        }
                    }
                    continue;
                } else if !t.starts_with('-')
                    && let Some(sub) = cmd.find_subcommand(&t)
                {
                    cmd = sub;
                }
                out.push(a);
            }
            _ => out.push(a),
        }
    }
    Ok(out)
}

/// The argument a clap error is about, looked up by the `--long <VALUE>` text clap shows.
fn errored_arg<'a>(cmd: &'a clap::Command, shown: &str) -> Option<&'a clap::Arg> {
    let long = shown.strip_prefix("--")?.split([' ', '=']).next()?;
    let mut found = cmd.get_arguments().find(|a| a.get_long() == Some(long));
    if found.is_none() {
        for sub in cmd.get_subcommands() {
            if let Some(a) = errored_arg(sub, shown) {
                found = Some(a);
                break;
            }
        }
    }
    found
}

/// A clap value error as pflag words it: a missing value, or a value a number parser refused.
fn pflag_value_error(cmd: &clap::Command, e: &clap::Error, argv: &[std::ffi::OsString]) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let shown = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => return None,
    };
    let value = match e.get(ContextKind::InvalidValue) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => return None,
    };
    let arg = errored_arg(cmd, &shown)?;
    if value.is_empty() {
        // The flag was last on the line: which spelling did the user type?
        let short = arg.get_short().map(|s| format!("-{s}"));
        let typed_short = short.as_ref().is_some_and(|s| argv.last().and_then(|a| a.to_str()) == Some(s.as_str()));
        return Some(match (typed_short, arg.get_short(), arg.get_long()) {
            (true, Some(s), _) => format!("flag needs an argument: '{s}' in -{s}"),
            (_, _, Some(l)) => format!("flag needs an argument: --{l}"),
            _ => return None,
        });
    }
    let rendered = e.render().to_string();
    if rendered.contains("invalid digit") || rendered.contains("cannot parse integer from empty string") {
        return Some(format!(
            "invalid argument {value:?} for {:?} flag: strconv.ParseInt: parsing {value:?}: invalid syntax",
            pflag_name(arg)
        ));
    }
    if rendered.contains("number too large") || rendered.contains("number too small") {
        return Some(format!(
            "invalid argument {value:?} for {:?} flag: strconv.ParseInt: parsing {value:?}: value out of range",
            pflag_name(arg)
        ));
    }
    None
}

/// Parse like kubectl: usage errors print `error: …` and a hint, and exit 1.
fn parse() -> Result<Cli, ExitCode> {
    let mut root = <Cli as clap::CommandFactory>::command();
    root.build();
    let argv = match pflag_bools(&root, std::env::args_os().collect()) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("error: {msg}\n{}", usage_hint());
            return Err(ExitCode::FAILURE);
        }
    };
    match Cli::try_parse_from(&argv) {
        Ok(cli) => Ok(cli),
        Err(e) => {
            use clap::error::{ContextKind, ContextValue, ErrorKind};
            if matches!(e.kind(), ErrorKind::InvalidValue | ErrorKind::ValueValidation)
                && let Some(msg) = pflag_value_error(&root, &e, &argv)
            {
                eprintln!("error: {msg}\n{}", usage_hint());
                return Err(ExitCode::FAILURE);
            }
            match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    Err(ExitCode::SUCCESS)
                }
                ErrorKind::UnknownArgument => {
                    let arg = match e.get(ContextKind::InvalidArg) {
                        Some(ContextValue::String(s)) => s.clone(),
                        _ => String::new(),
                    };
                    let cmd = std::env::args()
                        .nth(1)
                        .filter(|a| !a.starts_with('-'))
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default();
                    let what = if arg.starts_with("--") { "flag" } else { "shorthand flag" };
                    let shown = arg.split('=').next().unwrap_or(&arg).trim_start_matches('-');
                    let shown = if arg.starts_with("--") {
                        format!("--{shown}")
                    } else {
                        format!("'{}' in {arg}", shown.chars().next().unwrap_or(' '))
                    };
                    eprintln!("error: unknown {what}: {shown}\nSee 'kx{cmd} --help' for usage.");
                    Err(ExitCode::FAILURE)
                }
                _ => {
                    let text = e.render().to_string();
                    let first = text.lines().next().unwrap_or("").trim_start_matches("error: ");
                    let cmd = std::env::args()
                        .nth(1)
                        .filter(|a| !a.starts_with('-'))
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default();
                    eprintln!("error: {first}\nSee 'kx{cmd} --help' for usage.");
                    Err(ExitCode::FAILURE)
                }
            }
        }
    }
}

pub fn main() -> ExitCode {
    // The completion scripts' entry point bypasses clap: it must never print a usage error.
    let mut args = std::env::args();
    if args.nth(1).as_deref() == Some("__complete") {
        return complete::main(args.collect());
    }
    let cli = match parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    init_tracing(cli.global.verbosity);
    // One-shot commands are a request or a few: a single-threaded runtime starts faster and
    // keeps no idle worker threads and malloc arenas. The cluster, the TUI (which may run
    // one), exec's terminal pumps and port-forward's connections get worker threads.
    let threaded = matches!(
        cli.command,
        None | Some(Command::Cluster(_)) | Some(Command::Exec(_)) | Some(Command::PortForward(_))
    );
    let built = if threaded {
        tokio::runtime::Builder::new_multi_thread().enable_all().build()
    } else {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    };
    let rt = match built {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(dispatch(cli))
}

async fn dispatch(cli: Cli) -> ExitCode {
    let global = cli.global;
    let result: Result<ExitCode, ClientError> = match cli.command {
        Some(Command::Cluster(args)) => {
            return match cluster::run(args, &global).await {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("error: {}", chain(&e));
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::Write(cmd)) => write::run(*cmd, &global).await,
        Some(Command::Get(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => get::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::Describe(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => describe::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::ApiResources(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => info::api_resources(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::ApiVersions) => match Session::connect(&global.connect_options()).await {
            Ok(s) => info::api_versions(&s).await,
            Err(e) => Err(e),
        },
        Some(Command::Version(args)) => info::version(&global, args).await,
        Some(Command::ClusterInfo) => match Session::connect(&global.connect_options()).await {
            Ok(s) => info::cluster_info(&s, &global).await,
            Err(e) => Err(e),
        },
        Some(Command::Logs(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => logs::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::Exec(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => exec::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::PortForward(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => portforward::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::Rollout(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => rollout::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::Explain(args)) => match Session::connect(&global.connect_options()).await {
            Ok(s) => explain::run(&s, args).await,
            Err(e) => Err(e),
        },
        Some(Command::Ns(args)) => ns::run(args, &global).await,
        Some(Command::Ctx(args)) => ctx::run(args, &global),
        Some(Command::Config(args)) => config::run(args, &global),
        Some(Command::Theme(args)) => return theme::run(args),
        Some(Command::Completions(args)) => return completions::run(args),
        Some(Command::Man(args)) => return man::run(args),
        None => {
            let opts = crate::tui::TuiOptions {
                connect: global.connect_options(),
                embedded: cli.tui.embedded,
                readonly: cli.tui.readonly,
                theme: cli.tui.theme,
                nodes: cli.tui.embedded_nodes,
                runtime: cli.tui.embedded_runtime,
            };
            return match crate::tui::run(opts).await {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            print_kubectl_error(&e.kubectl_message());
            ExitCode::FAILURE
        }
    }
}

/// Print an error line as kubectl's `CheckErr` does: a newline is added only when the
/// message does not already end with one.
pub(crate) fn print_kubectl_error(msg: &str) {
    if msg.ends_with('\n') {
        eprint!("{msg}");
    } else {
        eprintln!("{msg}");
    }
}

/// An error and its causes on one line, each said once.
fn chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}
