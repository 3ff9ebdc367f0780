//! The shared client layer used by the CLI and the TUI: kubeconfig and contexts, discovery
//! and resource resolution, verbs, output formats. Talks to any conformant API server.
//! A TUI action and the CLI command that does the same thing call the same function here.

pub mod apply;
pub mod complete;
pub mod config;
pub mod contexts;
pub mod create;
pub mod delete;
pub mod describe;
pub mod diff;
pub mod discovery;
pub mod edit;
pub mod exec;
pub mod explain;
pub mod get;
pub mod info;
pub mod kubeconfig;
pub mod label;
pub mod logs;
pub mod manifest;
pub mod output;
pub mod patch;
pub mod portforward;
pub mod printer;
pub mod rest;
pub mod rollout;
pub mod scale;
pub mod set;
pub mod table_watch;
pub mod verbose;
pub mod watch;
pub mod write;

use tokio::sync::OnceCell;

use crate::k8s::catalog::ResourceType;
use config::{ConfigError, ConnectOptions, Connection};
use discovery::{Discovery, DiscoveryError, ResolveError};
use rest::RestError;

/// Everything that can go wrong in a client operation, each rendered as kubectl renders it.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Discovery(#[from] DiscoveryError),
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    #[error(transparent)]
    Rest(#[from] RestError),
    #[error(transparent)]
    Context(#[from] contexts::ContextError),
    /// A mistake in how the command was called.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Other(String),
}

impl ClientError {
    /// The text kubectl prints on stderr: server errors as they come, everything else after
    /// `error: `.
    pub fn kubectl_message(&self) -> String {
        match self {
            ClientError::Rest(RestError::Status { .. }) => self.to_string(),
            ClientError::Rest(RestError::Transport(t)) => format!("Unable to connect to the server: {t}"),
            ClientError::Discovery(DiscoveryError::Request(e)) => format!("Unable to connect to the server: {e}"),
            other => format!("error: {other}"),
        }
    }
}

/// A connection plus discovery, loaded on first use.
pub struct Session {
    pub conn: Connection,
    discovery: OnceCell<Discovery>,
}

impl Session {
    pub async fn connect(opts: &ConnectOptions) -> Result<Session, ClientError> {
        Ok(Session { conn: config::connect(opts).await?, discovery: OnceCell::new() })
    }

    pub fn from_connection(conn: Connection) -> Session {
        Session { conn, discovery: OnceCell::new() }
    }

    pub fn client(&self) -> &kube::Client {
        &self.conn.client
    }

    /// The namespace commands use by default (`-n`, else the context's, else `default`).
    pub fn namespace(&self) -> &str {
        &self.conn.namespace
    }

    pub async fn discovery(&self) -> Result<&Discovery, ClientError> {
        self.discovery
            .get_or_try_init(|| async { Discovery::load(&self.conn.client, &self.conn.cluster_url, false).await })
            .await
            .map_err(ClientError::from)
    }

    /// Resolve what the user typed to resource types. A name the cached discovery does not
    /// know triggers one refresh, as kubectl does (a CRD may have been added since).
    pub async fn resolve(&self, name: &str) -> Result<Vec<ResourceType>, ClientError> {
        let cached = self.discovery().await?;
        match cached.resolve(name) {
            Ok(types) => Ok(types.into_iter().cloned().collect()),
            Err(ResolveError::Unknown(_)) => {
                let fresh = Discovery::load(&self.conn.client, &self.conn.cluster_url, true).await?;
                Ok(fresh.resolve(name)?.into_iter().cloned().collect())
            }
        }
    }

    /// The first type `name` resolves to (a category names several, in discovery order).
    pub async fn resolve_one(&self, name: &str) -> Result<ResourceType, ClientError> {
        self.resolve(name)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| ClientError::from(ResolveError::Unknown(name.to_string())))
    }
}
