//! Starting and stopping a whole embedded cluster: store, apiserver (HTTPS on loopback by
//! default), and the components that run as its clients. Used by `kx cluster up`, by
//! `kx --embedded`, and by tests that want a real API to talk to.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::oneshot;

use super::apiserver::{self, Api, tls};
use super::controllers::system::{SystemConfig, SystemControllers, spawn_system};
use super::kubelet::{self, Kubelet, Runtime};
use super::scheduler;
use super::store::{Store, StoreConfig};

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("could not open the cluster's store")]
    Store(#[from] super::store::StoreError),
    #[error("could not set up TLS credentials")]
    Tls(#[from] tls::TlsError),
    #[error("could not listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "refusing to serve on {0}: only loopback addresses are allowed unless --allow-remote is given (the API is still protected by TLS and a token)"
    )]
    NotLoopback(IpAddr),
    #[error("could not initialise the cluster: {0}")]
    Bootstrap(#[from] apiserver::ApiError),
    #[error("could not start a simulated node")]
    Kubelet(#[from] kubelet::KubeletError),
}

#[derive(Clone, Debug)]
pub struct ClusterConfig {
    /// Where state lives; `None` keeps everything in memory.
    pub data_dir: Option<PathBuf>,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Permit a non-loopback `bind`.
    pub allow_remote: bool,
    /// Run the scheduler (tests of the bare apiserver or of one component turn it off).
    pub scheduler: bool,
    /// Run the workload controllers (deployment, replicaset, statefulset, daemonset, job, cronjob).
    pub controllers: bool,
    /// The system controllers (namespace lifecycle, garbage collector, service accounts,
    /// endpoints, load balancers, volumes, node lifecycle) and their settings; `None` leaves
    /// them out. The cluster CA and, with a data dir, `<data dir>/volumes` are filled in.
    pub system: Option<SystemConfig>,
    /// Simulated nodes (kubelets) to start; 0 leaves the cluster without nodes.
    pub nodes: usize,
    /// The nodes' container runtime.
    pub runtime: Runtime,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            data_dir: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            allow_remote: false,
            scheduler: true,
            controllers: true,
            system: Some(SystemConfig::default()),
            nodes: 0,
            runtime: Runtime::Sim,
        }
    }
}

/// A running embedded cluster. Dropping it without `stop` also stops the server.
pub struct Cluster {
    pub api: Arc<Api>,
    pub store: Store,
    pub addr: SocketAddr,
    pub credentials: tls::Credentials,
    pub started: Instant,
    /// The workload controllers, running as in-process API clients.
    controllers: Option<super::controllers::Controllers>,
    /// The system controllers, likewise.
    system: Option<SystemControllers>,
    pub kubelets: Vec<Kubelet>,
    /// Where nodes of an in-memory cluster keep pod directories; removed on stop.
    scratch: Option<PathBuf>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    scheduler: Option<scheduler::Scheduler>,
}

impl Cluster {
    pub async fn start(config: ClusterConfig) -> Result<Cluster, ClusterError> {
        let started = Instant::now();
        if !config.bind.is_loopback() && !config.allow_remote {
            return Err(ClusterError::NotLoopback(config.bind));
        }
        let store_config = match &config.data_dir {
            Some(dir) => StoreConfig::disk(dir.join("store")),
            None => StoreConfig::memory(),
        };
        let store = tokio::task::spawn_blocking(move || Store::open(store_config))
            .await
            .expect("store opening does not panic")?;
        for note in &store.recovery().notes {
            tracing::warn!("store recovery: {note}");
        }
        let hosts: Vec<String> = if config.bind.is_unspecified() || config.bind.is_loopback() {
            vec![]
        } else {
            vec![config.bind.to_string()]
        };
        let credentials = match &config.data_dir {
            Some(dir) => tls::load_or_create(&dir.join("pki"), &hosts)?,
            None => tls::generate(&hosts)?,
        };
        let tls_config = tls::server_config(&credentials)?;
        let addr = SocketAddr::new(config.bind, config.port);
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|source| ClusterError::Bind { addr, source })?;
        let addr = listener.local_addr().map_err(|source| ClusterError::Bind { addr, source })?;
        let api = Api::new(store.clone());
        api.set_server_address(addr);
        api.bootstrap(addr.port()).await?;
        let (tx, rx) = oneshot::channel();
        let server =
            tokio::spawn(apiserver::serve(api.clone(), listener, tls_config, credentials.token.clone(), async {
                let _ = rx.await;
            }));
        // Control-plane components are API clients of the in-process router.
        let scheduler = config.scheduler.then(|| scheduler::spawn(api.client_as("kube-scheduler")));
        let controllers =
            config.controllers.then(|| super::controllers::spawn_all(api.client_as("kube-controller-manager")));
        let system = config.system.clone().map(|mut system| {
            system.root_ca_pem = credentials.ca_pem.clone();
            if let Some(dir) = &config.data_dir {
                system.volume_dir = dir.join("volumes");
            }
            spawn_system(api.client_as("kube-controller-manager"), system)
        });
        let mut cluster = Cluster {
            api,
            store,
            addr,
            credentials,
            started,
            controllers,
            system,
            kubelets: Vec::new(),
            scratch: None,
            shutdown: Some(tx),
            server: Some(server),
            scheduler,
        };
        if config.nodes > 0 {
            let root = match &config.data_dir {
                Some(dir) => dir.clone(),
                None => {
                    let dir = std::env::temp_dir().join(format!("kx-nodes-{}", uuid::Uuid::new_v4().simple()));
                    cluster.scratch = Some(dir.clone());
                    dir
                }
            };
            for node in kubelet::cluster_nodes(config.nodes, config.runtime, &root) {
                let k = kubelet::start(cluster.api.client_as("kubelet"), cluster.api.clone(), node).await?;
                cluster.kubelets.push(k);
            }
        }
        Ok(cluster)
    }

    /// `https://127.0.0.1:PORT`.
    pub fn server_url(&self) -> String {
        let host = if self.addr.ip().is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { self.addr.ip() };
        match host {
            IpAddr::V6(v6) => format!("https://[{v6}]:{}", self.addr.port()),
            IpAddr::V4(v4) => format!("https://{v4}:{}", self.addr.port()),
        }
    }

    /// A kubeconfig document for this cluster under `name` (cluster, user and context).
    pub fn kubeconfig(&self, name: &str) -> String {
        crate::client::kubeconfig::single(name, &self.server_url(), &self.credentials.ca_pem, &self.credentials.token)
    }

    pub async fn stop(mut self) {
        if let Some(mut c) = self.controllers.take() {
            c.stop();
        }
        if let Some(s) = self.system.take() {
            s.shutdown().await;
        }
        for k in std::mem::take(&mut self.kubelets) {
            k.stop().await;
        }
        if let Some(s) = self.scheduler.take() {
            s.shutdown().await;
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(s) = self.server.take() {
            let _ = s.await;
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.kubelets.clear();
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(dir) = self.scratch.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Where embedded clusters keep their state by default, one directory each.
pub fn clusters_dir() -> PathBuf {
    dirs::data_local_dir().unwrap_or_else(std::env::temp_dir).join("kx").join("clusters")
}

/// The default data directory of the cluster called `name`.
pub fn default_data_dir(name: &str) -> PathBuf {
    clusters_dir().join(name)
}

/// Where a detached cluster records how to reach it.
pub fn state_file(data_dir: &Path) -> PathBuf {
    data_dir.join("cluster.json")
}
