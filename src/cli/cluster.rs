//! `kx cluster up|down|status|reset`: the embedded cluster as a foreground process, or
//! detached in the background with its state recorded in the data dir.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use crate::client::kubeconfig;
use crate::cluster::controllers::system::{SystemConfig, parse_pool};
use crate::cluster::embedded::{self, Cluster, ClusterConfig};
use crate::cluster::kubelet::Runtime;

#[derive(Args, Debug)]
pub struct ClusterArgs {
    #[command(subcommand)]
    command: ClusterCommand,
}

#[derive(Args, Debug, Clone)]
struct Which {
    /// Cluster name; also the kubeconfig context, cluster and user name.
    #[arg(long, default_value = "kx-embedded")]
    name: String,
    /// Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME].
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

impl Which {
    fn dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(|| embedded::default_data_dir(&self.name))
    }
}

#[derive(Args, Debug, Clone)]
struct NodeArgs {
    /// Simulated nodes to run; with more than one, the control-plane node is tainted.
    #[arg(long, default_value_t = 1, value_name = "N")]
    nodes: usize,
    /// Container runtime of the nodes: `sim` runs no host code; `process` runs containers'
    /// commands as local processes (as your user, on this machine), so logs and exec are real.
    #[arg(long, default_value = "sim", value_name = "sim|process")]
    runtime: Runtime,
    /// Addresses for LoadBalancer Services, as MetalLB's address pools: a CIDR
    /// (`192.168.1.240/28`) or a range (`192.168.1.240-192.168.1.250`); repeatable. Default
    /// 172.18.255.200-172.18.255.250.
    #[arg(long = "load-balancer-pool", value_name = "CIDR|RANGE", value_parser = parse_pool_arg)]
    load_balancer_pool: Vec<String>,
}

fn parse_pool_arg(s: &str) -> Result<String, String> {
    parse_pool(s).map(|_| s.to_string()).map_err(|e| e.to_string())
}

#[derive(Subcommand, Debug)]
enum ClusterCommand {
    /// Start the control plane (in the foreground unless --detach); Ctrl-C stops it.
    Up {
        #[command(flatten)]
        which: Which,
        /// Port for the HTTPS API; 0 picks a free one.
        #[arg(long, default_value_t = 6443)]
        port: u16,
        /// Address to listen on. Non-loopback addresses need --allow-remote.
        #[arg(long, default_value = "127.0.0.1")]
        bind_address: IpAddr,
        /// Allow listening on a non-loopback address.
        #[arg(long)]
        allow_remote: bool,
        /// Keep state in memory only (nothing is written to the data dir but credentials).
        #[arg(long)]
        memory: bool,
        /// Run in the background; `kx cluster down` stops it.
        #[arg(long, short = 'd')]
        detach: bool,
        #[command(flatten)]
        nodes: NodeArgs,
    },
    /// Stop a cluster started with --detach.
    Down {
        #[command(flatten)]
        which: Which,
    },
    /// Show whether the cluster runs, where, and what it holds.
    Status {
        #[command(flatten)]
        which: Which,
    },
    /// Stop the cluster and delete all its state.
    Reset {
        #[command(flatten)]
        which: Which,
        /// Do not ask for confirmation.
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

/// `global.kubeconfig` is the file `up` writes its context into (default: the first of
/// `$KUBECONFIG`, else `~/.kube/config`).
pub async fn run(args: ClusterArgs, global: &super::GlobalArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        ClusterCommand::Up { which, port, bind_address, allow_remote, memory, detach, nodes } => {
            let kubeconfig = global.kubeconfig.clone().unwrap_or_else(kubeconfig::default_path);
            if detach {
                return detach_up(&which, port, bind_address, allow_remote, &kubeconfig, memory, &nodes).await;
            }
            up(&which, port, bind_address, allow_remote, &kubeconfig, memory, &nodes).await
        }
        ClusterCommand::Down { which } => down(&which.dir()).await,
        ClusterCommand::Status { which } => status(&which).await,
        ClusterCommand::Reset { which, yes } => reset(&which, yes).await,
    }
}

fn read_state(dir: &Path) -> Option<Value> {
    serde_json::from_slice(&std::fs::read(embedded::state_file(dir)).ok()?).ok()
}

fn pid_alive(pid: i32) -> bool {
    // Signal 0 checks for existence without delivering anything.
    pid > 0 && unsafe { libc::kill(pid, 0) } == 0
}

fn running_pid(dir: &Path) -> Option<i32> {
    let pid = read_state(dir)?.get("pid")?.as_i64()? as i32;
    pid_alive(pid).then_some(pid)
}

async fn up(
    which: &Which,
    port: u16,
    bind: IpAddr,
    allow_remote: bool,
    kubeconfig_path: &Path,
    memory: bool,
    nodes: &NodeArgs,
) -> anyhow::Result<ExitCode> {
    let dir = which.dir();
    if let Some(pid) = running_pid(&dir) {
        bail!(
            "cluster {} is already running (pid {pid}); `kx cluster down --name {}` stops it",
            which.name,
            which.name
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let config = ClusterConfig {
        data_dir: if memory { None } else { Some(dir.clone()) },
        bind,
        port,
        allow_remote,
        nodes: nodes.nodes,
        runtime: nodes.runtime,
        system: Some(system_config(nodes)),
        ..Default::default()
    };
    let cluster = Cluster::start(config).await.with_context(|| format!("starting cluster {}", which.name))?;
    let url = cluster.server_url();
    kubeconfig::upsert_context(
        kubeconfig_path,
        &which.name,
        &url,
        &cluster.credentials.ca_pem,
        &cluster.credentials.token,
    )
    .context("writing the kubeconfig")?;
    let state = json!({
        "name": which.name,
        "pid": std::process::id(),
        "server": url,
        "kubeconfig": kubeconfig_path,
        "dataDir": dir,
        "memory": memory,
        "startedAt": crate::k8s::meta::now_rfc3339(),
    });
    std::fs::write(embedded::state_file(&dir), serde_json::to_vec_pretty(&state)?).context("writing the state file")?;
    println!(
        "kx embedded cluster {} is up at {url} (Kubernetes {}), ready in {} ms",
        which.name,
        crate::cluster::apiserver::KUBE_GIT_VERSION,
        cluster.started.elapsed().as_millis()
    );
    println!("context {} written to {}; data in {}", which.name, kubeconfig_path.display(), dir.display());
    println!("try: kubectl --context {} get namespaces     (Ctrl-C stops the cluster)", which.name);

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing signal handlers")?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    cluster.stop().await;
    let _ = std::fs::remove_file(embedded::state_file(&dir));
    eprintln!("cluster {} stopped", which.name);
    Ok(ExitCode::SUCCESS)
}

/// The system controllers' settings from the flags (pools were checked when parsed).
fn system_config(nodes: &NodeArgs) -> SystemConfig {
    let mut system = SystemConfig::default();
    if !nodes.load_balancer_pool.is_empty() {
        system.load_balancer_pools = nodes.load_balancer_pool.iter().filter_map(|p| parse_pool(p).ok()).collect();
    }
    system
}

async fn detach_up(
    which: &Which,
    port: u16,
    bind: IpAddr,
    allow_remote: bool,
    kubeconfig_path: &Path,
    memory: bool,
    nodes: &NodeArgs,
) -> anyhow::Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    let dir = which.dir();
    if let Some(pid) = running_pid(&dir) {
        bail!("cluster {} is already running (pid {pid})", which.name);
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let _ = std::fs::remove_file(embedded::state_file(&dir));
    let log_path = dir.join("kx.log");
    let log = std::fs::File::create(&log_path).with_context(|| format!("creating {}", log_path.display()))?;
    let mut cmd = std::process::Command::new(std::env::current_exe().context("finding the kx binary")?);
    cmd.args([
        "cluster",
        "up",
        "--name",
        &which.name,
        "--port",
        &port.to_string(),
        "--bind-address",
        &bind.to_string(),
    ]);
    cmd.arg("--data-dir").arg(&dir).arg("--kubeconfig").arg(kubeconfig_path);
    cmd.arg("--nodes").arg(nodes.nodes.to_string()).arg("--runtime").arg(nodes.runtime.name());
    for pool in &nodes.load_balancer_pool {
        cmd.arg("--load-balancer-pool").arg(pool);
    }
    if allow_remote {
        cmd.arg("--allow-remote");
    }
    if memory {
        cmd.arg("--memory");
    }
    cmd.stdin(std::process::Stdio::null()).stdout(log.try_clone()?).stderr(log);
    // Its own process group: a Ctrl-C in this terminal must not reach it.
    cmd.process_group(0);
    let mut child = cmd.spawn().context("starting the background cluster")?;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(state) = read_state(&dir) {
            println!(
                "kx embedded cluster {} is up at {} (pid {}); log in {}",
                which.name,
                state["server"].as_str().unwrap_or("?"),
                child.id(),
                log_path.display()
            );
            println!("context {} written to {}; `kx cluster down` stops it", which.name, kubeconfig_path.display());
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(status) = child.try_wait()? {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            bail!("the background cluster exited ({status}):\n{}", log.trim());
        }
        if std::time::Instant::now() > deadline {
            bail!("the background cluster did not come up within 60 s; see {}", log_path.display());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn down(dir: &Path) -> anyhow::Result<ExitCode> {
    let Some(pid) = running_pid(dir) else {
        println!("no cluster is running from {}", dir.display());
        return Ok(ExitCode::SUCCESS);
    };
    unsafe { libc::kill(pid, libc::SIGTERM) };
    for _ in 0..600 {
        if !pid_alive(pid) {
            let _ = std::fs::remove_file(embedded::state_file(dir));
            println!("cluster stopped (pid {pid})");
            return Ok(ExitCode::SUCCESS);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("cluster (pid {pid}) did not stop within 30 s")
}

async fn status(which: &Which) -> anyhow::Result<ExitCode> {
    let dir = which.dir();
    let state = read_state(&dir);
    let Some(pid) = running_pid(&dir) else {
        println!("cluster {}: stopped (data dir {})", which.name, dir.display());
        return Ok(ExitCode::from(3));
    };
    let state = state.unwrap_or_default();
    let server = state["server"].as_str().unwrap_or("");
    let kubeconfig_path = PathBuf::from(state["kubeconfig"].as_str().unwrap_or(""));
    println!("cluster {}: running (pid {pid})", which.name);
    println!("  server:     {server}");
    println!("  data dir:   {}", dir.display());
    println!("  kubeconfig: {} (context {})", kubeconfig_path.display(), which.name);
    if let Some(started) = state["startedAt"].as_str().and_then(|s| s.parse::<jiff::Timestamp>().ok()) {
        let up = jiff::Timestamp::now().duration_since(started);
        println!("  uptime:     {}s", up.as_secs());
    }
    let client = client_for(&kubeconfig_path, &which.name).await?;
    let version = client.apiserver_version().await.context("asking the server for its version")?;
    println!("  version:    {}", version.git_version);
    for (group, version, plural) in [
        ("", "v1", "namespaces"),
        ("", "v1", "nodes"),
        ("", "v1", "pods"),
        ("apps", "v1", "deployments"),
        ("", "v1", "services"),
        ("", "v1", "configmaps"),
        ("", "v1", "secrets"),
    ] {
        let prefix = if group.is_empty() { format!("/api/{version}") } else { format!("/apis/{group}/{version}") };
        let req = http::Request::get(format!("{prefix}/{plural}")).body(Vec::new())?;
        let list: Value = client.request(req).await.with_context(|| format!("listing {plural}"))?;
        println!("  {:<11} {}", format!("{plural}:"), list["items"].as_array().map_or(0, Vec::len));
    }
    Ok(ExitCode::SUCCESS)
}

async fn client_for(kubeconfig_path: &Path, context: &str) -> anyhow::Result<kube::Client> {
    let kc = kube::config::Kubeconfig::read_from(kubeconfig_path)
        .with_context(|| format!("reading {}", kubeconfig_path.display()))?;
    let opts = kube::config::KubeConfigOptions { context: Some(context.to_string()), ..Default::default() };
    let config = kube::Config::from_custom_kubeconfig(kc, &opts).await.context("loading the context")?;
    Ok(kube::Client::try_from(config)?)
}

async fn reset(which: &Which, yes: bool) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    let dir = which.dir();
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!("refusing to delete {} without confirmation; pass --yes", dir.display());
        }
        eprint!("delete all state of cluster {} in {}? [y/N] ", which.name, dir.display());
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("nothing deleted");
            return Ok(ExitCode::FAILURE);
        }
    }
    down(&dir).await?;
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => println!("deleted {}", dir.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => println!("nothing to delete in {}", dir.display()),
        Err(e) => return Err(e).with_context(|| format!("deleting {}", dir.display())),
    }
    Ok(ExitCode::SUCCESS)
}
