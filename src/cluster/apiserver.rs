//! The embedded kube-apiserver: the Kubernetes REST API over the store, served over HTTPS with
//! a bearer token to real clients, and in-process (a tower `Service`, no socket) to the
//! scheduler, controllers and kubelets. The only component that touches the store.

mod crd;
mod discovery;
mod handler;
pub mod node;
mod openapi;
mod patch;
mod protobuf;
pub mod registry;
mod selectors;
pub mod status;
mod strategy;
mod subresource;
mod table;
pub mod tls;
mod view;
mod watch;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use parking_lot::RwLock;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::cluster::store::Store;
use crate::k8s::catalog::{self, ResourceType};

pub use discovery::{KUBE_GIT_VERSION, KUBE_MINOR};
pub use registry::Registry;
pub use status::ApiError;

/// The API server's state, shared by every request.
pub struct Api {
    pub(crate) registry: Arc<Registry>,
    types: RwLock<Arc<Vec<ResourceType>>>,
    /// The served versions of the stored CRDs, with their schemas (OpenAPI, validation).
    crds: RwLock<Arc<Vec<openapi::CrdVersion>>>,
    /// Serialized `/openapi/v3` documents, built on first request.
    openapi: openapi::Cache,
    address: RwLock<String>,
    nodes: node::NodeAgents,
}

impl Api {
    pub fn new(store: Store) -> Arc<Api> {
        Arc::new(Api {
            registry: Registry::new(store),
            types: RwLock::new(Arc::new(catalog::builtin().to_vec())),
            crds: RwLock::new(Arc::new(Vec::new())),
            openapi: openapi::Cache::default(),
            address: RwLock::new("127.0.0.1:6443".into()),
            nodes: node::NodeAgents::default(),
        })
    }

    pub fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// Every resource type served now (built-ins plus custom resources).
    pub fn types(&self) -> Arc<Vec<ResourceType>> {
        self.types.read().clone()
    }

    /// Rebuild the served types from the stored CRDs (after a CRD changes, and at start).
    pub fn refresh_types(&self) {
        let crd_rt = catalog::lookup("apiextensions.k8s.io", "v1", "customresourcedefinitions").expect("built in");
        let mut types = catalog::builtin().to_vec();
        let mut crds = Vec::new();
        if let Ok(page) = self.registry.list(crd_rt, None, &registry::ListOptions::default(), None) {
            for item in page.items {
                if let Ok(crd) = serde_json::from_slice::<serde_json::Value>(&item) {
                    let served = crd::resource_types(&crd);
                    if !served.is_empty() {
                        crds.extend(openapi::crd_versions(&crd));
                    }
                    types.extend(served);
                }
            }
        }
        *self.types.write() = Arc::new(types);
        let schemas = crds
            .iter()
            .filter_map(|c| {
                let s = c.schema.clone()?;
                Some(((c.group.clone(), c.version.clone(), c.kind.clone()), Arc::new(s)))
            })
            .collect();
        self.registry.set_custom_schemas(schemas);
        *self.crds.write() = Arc::new(crds);
    }

    /// The served versions of the stored CRDs.
    pub(crate) fn crd_versions(&self) -> Arc<Vec<openapi::CrdVersion>> {
        self.crds.read().clone()
    }

    /// The served types of a CRD, to remove its objects before the CRD itself goes.
    pub(crate) fn crd_types(&self, crd: &serde_json::Value) -> Vec<ResourceType> {
        let mut c = crd.clone();
        if let Some(m) = c.get_mut("metadata").and_then(serde_json::Value::as_object_mut) {
            m.remove("deletionTimestamp");
        }
        crd::resource_types(&c)
    }

    /// The kubelets this server proxies `pods/log` and `pods/exec` to, by node name.
    pub fn node_agents(&self) -> &node::NodeAgents {
        &self.nodes
    }

    pub fn server_address(&self) -> String {
        self.address.read().clone()
    }

    pub fn set_server_address(&self, addr: SocketAddr) {
        *self.address.write() = addr.to_string();
    }

    /// The REST API as a router (no authentication: callers in-process are trusted, the
    /// network listener adds it).
    pub fn router(self: &Arc<Self>) -> Router {
        Router::new().fallback(handler::handle).with_state(self.clone())
    }

    /// A `kube::Client` that talks to this server in-process.
    pub fn client(self: &Arc<Self>) -> kube::Client {
        kube::Client::new(self.router(), "default")
    }

    /// An in-process client that introduces itself as `agent` (its User-Agent), so its
    /// writes are recorded in managedFields under that name, as Kubernetes' own components'
    /// are (`kube-controller-manager`, `kube-scheduler`, `kubelet`).
    pub fn client_as(self: &Arc<Self>, agent: &'static str) -> kube::Client {
        let ua = axum::http::HeaderValue::from_static(agent);
        let svc = self.router().map_request(move |mut r: Request<kube::client::Body>| {
            r.headers_mut().entry(axum::http::header::USER_AGENT).or_insert_with(|| ua.clone());
            r
        });
        kube::Client::new(svc, "default")
    }

    /// Objects every cluster has: the system namespaces and the `kubernetes` Service with
    /// Endpoints and an EndpointSlice pointing at this server.
    pub async fn bootstrap(&self, port: u16) -> Result<(), ApiError> {
        let reg = &self.registry;
        let opts = registry::WriteOptions::bootstrap();
        let ns_rt = catalog::lookup("", "v1", "namespaces").expect("built in");
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            match reg.create(ns_rt, None, json!({"metadata": {"name": ns}}), &opts).await {
                Ok(_) | Err(ApiError::AlreadyExists { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let svc_rt = catalog::lookup("", "v1", "services").expect("built in");
        let svc = json!({
            "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"component": "apiserver", "provider": "kubernetes"}},
            "spec": {"type": "ClusterIP", "clusterIP": strategy::service_ip(1).to_string(), "sessionAffinity": "None",
                     "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": port}]},
        });
        create_following_port(reg, svc_rt, svc, "/spec/ports/0/targetPort", port).await?;
        let ep_rt = catalog::lookup("", "v1", "endpoints").expect("built in");
        let ep = json!({
            "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
            "subsets": [{"addresses": [{"ip": "127.0.0.1"}], "ports": [{"name": "https", "port": port, "protocol": "TCP"}]}],
        });
        reg.update(ep_rt, Some("default"), "kubernetes", ep, registry::Part::Main, &opts).await?;
        // kube-apiserver's endpoint reconciler writes the Service's EndpointSlice too (no
        // managed-by label: the EndpointSlice controller leaves it alone).
        let slice_rt = catalog::lookup("discovery.k8s.io", "v1", "endpointslices").expect("built in");
        let slice = json!({
            "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"kubernetes.io/service-name": "kubernetes"}},
            "addressType": "IPv4",
            "endpoints": [{"addresses": ["127.0.0.1"], "conditions": {"ready": true}}],
            "ports": [{"name": "https", "port": port, "protocol": "TCP"}],
        });
        create_following_port(reg, slice_rt, slice, "/ports/0/port", port).await?;
        self.refresh_types();
        Ok(())
    }

    async fn pod_logs(&self, ns: &str, name: &str, q: &handler::Query) -> Result<Response, ApiError> {
        node::logs(self, ns, name, q).await
    }

    async fn pod_exec(
        &self,
        ns: &str,
        name: &str,
        q: &handler::Query,
        parts: &mut Parts,
    ) -> Result<Response, ApiError> {
        node::exec(self, ns, name, q, parts).await
    }

    async fn pod_port_forward(
        &self,
        ns: &str,
        name: &str,
        q: &handler::Query,
        parts: &mut Parts,
    ) -> Result<Response, ApiError> {
        node::port_forward(self, ns, name, q, parts).await
    }
}

fn authorized(req: &Request<Incoming>, token: &str) -> bool {
    let path = req.uri().path();
    if matches!(path, "/livez" | "/readyz" | "/healthz") {
        return true;
    }
    let Some(h) = req.headers().get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(given) = h.strip_prefix("Bearer ") else { return false };
    // Compare without an early exit, so timing does not reveal a prefix.
    given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Serve HTTPS on `listener` until `shutdown` resolves.
pub async fn serve(
    api: Arc<Api>,
    listener: tokio::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    token: String,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    let router = api.router();
    tokio::pin!(shutdown);
    loop {
        let (tcp, _peer) = tokio::select! {
            _ = &mut shutdown => return,
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = %e, "apiserver: accept failed");
                    continue;
                }
            },
        };
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let router = router.clone();
        let token = token.clone();
        tokio::spawn(async move {
            let tls = match acceptor.accept(tcp).await {
                Ok(t) => t,
                Err(e) => {
                    tracing::debug!(error = %e, "apiserver: TLS handshake failed");
                    return;
                }
            };
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let router = router.clone();
                let ok = authorized(&req, &token);
                async move {
                    if !ok {
                        return Ok::<_, Infallible>(ApiError::Unauthorized.into_response());
                    }
                    let resp = router.oneshot(req.map(Body::new)).await;
                    Ok(resp.unwrap_or_else(|e| match e {}))
                }
            });
            let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            if let Err(e) = builder.serve_connection_with_upgrades(TokioIo::new(tls), svc).await {
                tracing::debug!(error = %e, "apiserver: connection ended with an error");
            }
        });
    }
}

/// Create the bootstrap object `obj` (in `default`), or, when it exists from an earlier run
/// on another port, point the port at `pointer` to where the server listens now.
async fn create_following_port(
    reg: &registry::Registry,
    rt: &catalog::ResourceType,
    obj: Value,
    pointer: &str,
    port: u16,
) -> Result<(), ApiError> {
    let opts = registry::WriteOptions::bootstrap();
    let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or_default().to_string();
    match reg.create(rt, Some("default"), obj, &opts).await {
        Ok(_) => Ok(()),
        Err(ApiError::AlreadyExists { .. }) => {
            let kv = reg.get(rt, Some("default"), &name)?;
            let mut existing: Value = serde_json::from_slice(&kv.value).unwrap_or(Value::Null);
            if let Some(p) = existing.pointer_mut(pointer)
                && p.as_u64() != Some(u64::from(port))
            {
                *p = json!(port);
                reg.update(rt, Some("default"), &name, existing, registry::Part::Main, &opts).await?;
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}
