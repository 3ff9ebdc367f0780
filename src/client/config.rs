//! Connecting as kubectl does: kubeconfig files (`--kubeconfig`, else `$KUBECONFIG` with its
//! files merged, else `~/.kube/config`), `--context`/`--cluster`/`--user` selection, and the
//! command-line overrides (`--server`, `--token`, `-n`, `--request-timeout`, TLS flags).

use std::path::PathBuf;
use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};

/// kubectl's global connection flags.
#[derive(Clone, Debug, Default)]
pub struct ConnectOptions {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    pub cluster: Option<String>,
    pub user: Option<String>,
    pub namespace: Option<String>,
    pub server: Option<String>,
    pub token: Option<String>,
    pub insecure_skip_tls_verify: bool,
    pub certificate_authority: Option<PathBuf>,
    pub request_timeout: Option<Duration>,
    /// `-v`: 6 and up log requests (see `verbose`).
    pub verbosity: u8,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Kubeconfig(String),
    #[error(
        "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable"
    )]
    Missing,
    #[error("error: {0}")]
    Invalid(String),
}

/// A client, and what it was built from.
#[derive(Clone)]
pub struct Connection {
    pub client: kube::Client,
    /// The namespace commands use unless told otherwise.
    pub namespace: String,
    /// Whether `namespace` came from `-n` (kubectl refuses some mismatches only then).
    pub namespace_explicit: bool,
    pub context: Option<String>,
    pub cluster_url: http::Uri,
}

/// The merged kubeconfig kubectl would read, and the files it came from.
pub fn load_kubeconfig(path: Option<&PathBuf>) -> Result<(Kubeconfig, Vec<PathBuf>), ConfigError> {
    let err = |e: kube::config::KubeconfigError| ConfigError::Kubeconfig(e.to_string());
    if let Some(p) = path {
        return Ok((Kubeconfig::read_from(p).map_err(err)?, vec![p.clone()]));
    }
    if let Some(v) = std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty()) {
        let paths: Vec<PathBuf> = std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect();
        let mut merged: Option<Kubeconfig> = None;
        let mut found = Vec::new();
        for p in &paths {
            // kubectl skips files in $KUBECONFIG that do not exist.
            if !p.exists() {
                continue;
            }
            let kc = Kubeconfig::read_from(p).map_err(err)?;
            found.push(p.clone());
            merged = Some(match merged {
                None => kc,
                Some(m) => m.merge(kc).map_err(err)?,
            });
        }
        return merged.map(|m| (m, found)).ok_or(ConfigError::Missing);
    }
    let default = dirs::home_dir().unwrap_or_default().join(".kube").join("config");
    if !default.exists() {
        return Err(ConfigError::Missing);
    }
    Ok((Kubeconfig::read_from(&default).map_err(err)?, vec![default]))
}

/// Build a client from the kubeconfig and flags.
pub async fn connect(opts: &ConnectOptions) -> Result<Connection, ConfigError> {
    let mut config = match (load_kubeconfig(opts.kubeconfig.as_ref()), &opts.server) {
        (Ok((kc, _)), _) => {
            let kopts = KubeConfigOptions {
                context: opts.context.clone(),
                cluster: opts.cluster.clone(),
                user: opts.user.clone(),
            };
            kube::Config::from_custom_kubeconfig(kc, &kopts)
                .await
                .map_err(|e| ConfigError::Kubeconfig(e.to_string()))?
        }
        // `--server` alone is enough to talk to a cluster, as with kubectl.
        (Err(ConfigError::Missing), Some(server)) => {
            kube::Config::new(server.parse().map_err(|_| ConfigError::Invalid(format!("invalid server {server:?}")))?)
        }
        (Err(e), _) => return Err(e),
    };
    if let Some(server) = &opts.server {
        config.cluster_url = server.parse().map_err(|_| ConfigError::Invalid(format!("invalid server {server:?}")))?;
    }
    if let Some(token) = &opts.token {
        config.auth_info.token = Some(token.clone().into());
        config.auth_info.token_file = None;
        config.auth_info.client_certificate_data = None;
        config.auth_info.client_key_data = None;
    }
    if opts.insecure_skip_tls_verify {
        config.accept_invalid_certs = true;
    }
    if let Some(ca) = &opts.certificate_authority {
        let pem =
            std::fs::read(ca).map_err(|e| ConfigError::Invalid(format!("could not read {}: {e}", ca.display())))?;
        let certs = pem_certificates(&pem);
        if certs.is_empty() {
            return Err(ConfigError::Invalid(format!("no certificates in {}", ca.display())));
        }
        config.root_cert = Some(certs);
    }
    if let Some(t) = opts.request_timeout.filter(|t| !t.is_zero()) {
        config.connect_timeout = Some(t);
        config.read_timeout = Some(t);
        config.write_timeout = Some(t);
    }
    let namespace_explicit = opts.namespace.is_some();
    if let Some(ns) = &opts.namespace {
        config.default_namespace = ns.clone();
    }
    let namespace = config.default_namespace.clone();
    let cluster_url = config.cluster_url.clone();
    let authorization = if config.auth_info.token.is_some() || config.auth_info.token_file.is_some() {
        Some("Bearer <masked>".to_string())
    } else if config.auth_info.username.is_some() {
        Some("Basic <masked>".to_string())
    } else {
        None
    };
    let builder = kube::client::ClientBuilder::try_from(config).map_err(|e| ConfigError::Invalid(e.to_string()))?;
    let client = if opts.verbosity >= 6 {
        let layer =
            super::verbose::VerboseLayer { level: opts.verbosity, base: cluster_url.to_string(), authorization };
        builder.with_layer(&layer).build()
    } else {
        builder.build()
    };
    Ok(Connection { client, namespace, namespace_explicit, context: opts.context.clone(), cluster_url })
}

fn pem_certificates(pem: &[u8]) -> Vec<Vec<u8>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem).filter_map(Result::ok).map(|c| c.to_vec()).collect()
}

/// Parse kubectl's `--request-timeout` (`0`, `5`, `5s`, `1m`, `2h`).
pub fn parse_timeout(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u64>() {
        return Ok(Duration::from_secs(n));
    }
    let invalid = || format!("invalid timeout value {s:?}; use a number with a unit such as 5s, 1m or 2h");
    // Go's durations: one or more number-unit pairs (`1m0s`, as kubectl shows defaults).
    let mut rest = s;
    let mut secs = 0.0;
    while !rest.is_empty() {
        let unit_at = rest.find(|c: char| c.is_alphabetic()).ok_or_else(invalid)?;
        let (num, tail) = rest.split_at(unit_at);
        let unit_len = tail.find(|c: char| !c.is_alphabetic()).unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        let n: f64 = num.parse().map_err(|_| invalid())?;
        secs += match unit {
            "ns" => n / 1e9,
            "us" | "µs" => n / 1e6,
            "ms" => n / 1000.0,
            "s" => n,
            "m" => n * 60.0,
            "h" => n * 3600.0,
            _ => return Err(invalid()),
        };
        rest = tail;
    }
    // A negative or absurd value would panic in `from_secs_f64`.
    if s.is_empty() || !(0.0..1e12).contains(&secs) {
        return Err(invalid());
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_timeout_accepts_kubectl_forms() {
        assert_eq!(parse_timeout("0"), Ok(Duration::ZERO));
        assert_eq!(parse_timeout("1m0s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_timeout("1h2m3s"), Ok(Duration::from_secs(3723)));
        assert!(parse_timeout("1m0").is_err());
        assert!(parse_timeout("").is_err());
        assert!(parse_timeout("-5s").is_err());
        assert_eq!(parse_timeout("5"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_timeout("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_timeout("500ms"), Ok(Duration::from_millis(500)));
        assert!(parse_timeout("soon").is_err());
    }
}
