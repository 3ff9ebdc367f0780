//! `kx config view|get-contexts|current-context|use-context|set-context`, printing what
//! kubectl's `config` commands print. The global `--cluster`, `--user` and `--namespace`
//! flags double as set-context's, as in kubectl. `kx config path` (kx's own) prints where kx
//! keeps its files.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::GlobalArgs;
use crate::client::ClientError;
use crate::client::contexts::{self, ContextError, ContextFields, KubeconfigFiles, SetContextOutcome, ViewOptions};
use crate::client::printer;

#[derive(Args, Debug)]
pub struct ConfigArgs {
    #[command(subcommand)]
    command: ConfigCommand,
}

#[derive(Subcommand, Debug)]
enum ConfigCommand {
    /// Display merged kubeconfig settings or a specified kubeconfig file.
    View(ViewArgs),
    /// Describe one or many contexts.
    GetContexts(GetContextsArgs),
    /// Display the current-context.
    CurrentContext(NoArgs),
    /// Set the current-context in a kubeconfig file.
    #[command(visible_alias = "use")]
    UseContext(UseContextArgs),
    /// Set a context entry in kubeconfig (with --cluster, --user, --namespace).
    SetContext(SetContextArgs),
    /// Print where kx keeps its files: config, themes, clusters, caches, logs.
    Path(PathArgs),
}

#[derive(Args, Debug)]
struct PathArgs {
    /// Print only this one path (for scripts: `$EDITOR "$(kx config path config)"`).
    #[arg(value_enum)]
    which: Option<Location>,
}

/// The places `kx config path` knows.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Location {
    /// The config file ($KX_CONFIG overrides it).
    Config,
    /// User themes and imported k9s skins.
    Themes,
    /// Data directories of embedded clusters (`kx cluster up`), one per cluster.
    Clusters,
    /// The log of a detached embedded cluster (the default cluster's).
    ClusterLog,
    /// Cached API discovery, per server.
    Discovery,
    /// What kx remembers between runs (previous namespace and context for `-`).
    State,
    /// The kubeconfig kx reads and writes.
    Kubeconfig,
}

impl Location {
    fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self).map(|v| v.get_name().to_string()).unwrap_or_default()
    }

    fn what(self) -> &'static str {
        match self {
            Location::Config => "config file (theme, keys, aliases, per-context settings)",
            Location::Themes => "user themes and imported k9s skins",
            Location::Clusters => "embedded clusters' state, one directory per cluster",
            Location::ClusterLog => "log of the detached kx-embedded cluster",
            Location::Discovery => "API discovery cache, one file per server",
            Location::State => "previous namespace and context (kx ns -, kx ctx -)",
            Location::Kubeconfig => "kubeconfig",
        }
    }

    fn path(self, global: &GlobalArgs) -> Option<std::path::PathBuf> {
        use crate::cluster::embedded;
        match self {
            Location::Config => crate::tui::config::default_path(),
            Location::Themes => crate::tui::theme::user_theme_dir(),
            Location::Clusters => Some(embedded::clusters_dir()),
            Location::ClusterLog => Some(embedded::default_data_dir("kx-embedded").join("kx.log")),
            Location::Discovery => crate::client::discovery::cache_dir(),
            Location::State => contexts::state_dir(),
            Location::Kubeconfig => {
                Some(global.kubeconfig.clone().unwrap_or_else(crate::client::kubeconfig::default_path))
            }
        }
    }
}

fn paths(p: PathArgs, global: &GlobalArgs) -> Result<ExitCode, ClientError> {
    let shown =
        |l: Location| l.path(global).map_or_else(|| "(no home directory)".to_string(), |p| p.display().to_string());
    if let Some(one) = p.which {
        let path =
            one.path(global).ok_or_else(|| ClientError::Other(format!("no {} path: no home directory", one.name())))?;
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = vec![["NAME", "PATH", "CONTENTS"].map(String::from).to_vec()];
    for &l in <Location as clap::ValueEnum>::value_variants() {
        rows.push(vec![l.name(), shown(l), l.what().to_string()]);
    }
    print!("{}", printer::layout(&rows));
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
struct NoArgs {
    #[arg(hide = true)]
    extra: Vec<String>,
}

#[derive(Args, Debug)]
struct ViewArgs {
    #[arg(hide = true)]
    extra: Vec<String>,
    /// Output format: yaml (the default) or json.
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Remove all information not used by current-context from the output.
    #[arg(long)]
    minify: bool,
    /// Display raw byte data.
    #[arg(long)]
    raw: bool,
    /// Flatten the resulting kubeconfig into self-contained output (implies --raw).
    #[arg(long)]
    flatten: bool,
}

#[derive(Args, Debug)]
struct GetContextsArgs {
    names: Vec<String>,
    /// Output format: name.
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Do not print headers.
    #[arg(long)]
    no_headers: bool,
}

#[derive(Args, Debug)]
struct UseContextArgs {
    name: Vec<String>,
}

#[derive(Args, Debug)]
struct SetContextArgs {
    name: Vec<String>,
    /// Modify the current context.
    #[arg(long)]
    current: bool,
}

pub fn run(a: ConfigArgs, global: &GlobalArgs) -> Result<ExitCode, ClientError> {
    let explicit = global.kubeconfig.as_deref();
    match a.command {
        ConfigCommand::Path(p) => paths(p, global),
        ConfigCommand::View(v) => {
            if !v.extra.is_empty() {
                return Err(ClientError::Usage(format!(
                    "unexpected arguments: [{}]\nSee 'kubectl config view -h' for help and examples",
                    v.extra.join(" ")
                )));
            }
            let files = KubeconfigFiles::load(explicit)?;
            let opts = ViewOptions { minify: v.minify, raw: v.raw || v.flatten, context: global.context.clone() };
            let render = match v.output.as_deref() {
                None | Some("") | Some("yaml") => contexts::render_yaml,
                Some("json") => contexts::render_json,
                Some(other) => {
                    return Err(ClientError::Usage(format!(
                        "unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,yaml"
                    )));
                }
            };
            print!("{}", render(&files.view(&opts)?));
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::GetContexts(g) => {
            let files = KubeconfigFiles::load(explicit)?;
            let all = files.contexts()?;
            let name_only = match g.output.as_deref() {
                None | Some("") => false,
                Some("name") => true,
                Some(other) => {
                    return Err(ClientError::Usage(format!(
                        "--output {other} is not available in kubectl config get-contexts; resetting to default output format"
                    )));
                }
            };
            let mut missing = Vec::new();
            let shown: Vec<_> = if g.names.is_empty() {
                all
            } else {
                for n in &g.names {
                    if !all.iter().any(|c| &c.name == n) {
                        missing.push(n.clone());
                    }
                }
                all.into_iter().filter(|c| g.names.contains(&c.name)).collect()
            };
            if name_only {
                for c in &shown {
                    println!("{}", c.name);
                }
            } else {
                let mut rows: Vec<Vec<String>> = Vec::new();
                if !g.no_headers {
                    rows.push(["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"].map(String::from).to_vec());
                }
                for c in &shown {
                    let star = if c.current { "*" } else { "" };
                    rows.push(vec![
                        star.into(),
                        c.name.clone(),
                        c.cluster.clone(),
                        c.user.clone(),
                        c.namespace.clone(),
                    ]);
                }
                print!("{}", printer::layout(&rows));
            }
            if let Some(first) = missing.first() {
                return Err(ContextError::ContextNotFound(first.clone()).into());
            }
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::CurrentContext(n) => {
            if !n.extra.is_empty() {
                return Err(ClientError::Usage(format!("Unexpected args: [{}]", n.extra.join(" "))));
            }
            let files = KubeconfigFiles::load(explicit)?;
            println!("{}", files.current_context().ok_or(ContextError::NoCurrentContext)?);
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::UseContext(u) => {
            let [name] = u.name.as_slice() else {
                return Err(ClientError::Usage(format!("Unexpected args: [{}]", u.name.join(" "))));
            };
            let mut files = KubeconfigFiles::load(explicit)?;
            files.use_context(name)?;
            println!("Switched to context \"{name}\".");
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::SetContext(s) => {
            let mut files = KubeconfigFiles::load(explicit)?;
            let name = match (s.name.as_slice(), s.current) {
                ([], false) => {
                    return Err(ClientError::Usage("you must specify a non-empty context name or --current".into()));
                }
                ([], true) => {
                    files.current_context().ok_or_else(|| ClientError::Other("no current context is set".into()))?
                }
                ([_], true) => {
                    return Err(ClientError::Usage("you cannot specify both a context name and --current".into()));
                }
                ([n], false) => n.clone(),
                (more, _) => return Err(ClientError::Usage(format!("Unexpected args: [{}]", more.join(" ")))),
            };
            let fields = ContextFields {
                cluster: global.cluster.clone(),
                user: global.user.clone(),
                namespace: global.namespace.clone(),
            };
            match files.set_context(&name, &fields)? {
                SetContextOutcome::Created => println!("Context \"{name}\" created."),
                SetContextOutcome::Modified => println!("Context \"{name}\" modified."),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
