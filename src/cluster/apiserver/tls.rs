//! The embedded apiserver's credentials: a CA and serving certificate generated at first start
//! (rcgen), and a bearer token, kept in the data dir with owner-only permissions.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("could not read or write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not generate certificates")]
    Generate(#[from] rcgen::Error),
    #[error("{path} holds no usable {what}")]
    Pem { path: PathBuf, what: &'static str },
    #[error("TLS configuration failed")]
    Config(#[from] rustls::Error),
}

/// CA certificate, serving certificate and key (PEM), and the bearer token.
#[derive(Clone)]
pub struct Credentials {
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: String,
    pub token: String,
}

const CA_NAME: &str = "kx-embedded-ca";

fn ca_params() -> Result<CertificateParams, rcgen::Error> {
    let mut p = CertificateParams::new(Vec::<String>::new())?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, CA_NAME);
    p.distinguished_name = dn;
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    p.not_before = rcgen::date_time_ymd(2024, 1, 1);
    p.not_after = rcgen::date_time_ymd(2124, 1, 1);
    Ok(p)
}

fn write_private(path: &Path, data: &str) -> Result<(), TlsError> {
    let io = |source| TlsError::Io { path: path.to_path_buf(), source };
    let tmp = path.with_extension("tmp");
    {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(io)?;
        f.write_all(data.as_bytes()).and_then(|_| f.sync_all()).map_err(io)?;
    }
    fs::rename(&tmp, path).map_err(io)
}

fn read(path: &Path) -> Result<Option<String>, TlsError> {
    match fs::read_to_string(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(TlsError::Io { path: path.to_path_buf(), source }),
    }
}

/// Fresh credentials held only in memory (an embedded cluster without a data dir).
pub fn generate(hosts: &[String]) -> Result<Credentials, TlsError> {
    let dir = std::env::temp_dir().join(format!("kx-pki-{}", uuid::Uuid::new_v4().simple()));
    let creds = load_or_create(&dir, hosts);
    let _ = fs::remove_dir_all(&dir);
    creds
}

/// Load the credentials in `dir` (creating what is missing). The serving certificate covers
/// `localhost`, 127.0.0.1, ::1 and `hosts`; it is re-issued by the same CA when `hosts` grow.
pub fn load_or_create(dir: &Path, hosts: &[String]) -> Result<Credentials, TlsError> {
    fs::create_dir_all(dir).map_err(|source| TlsError::Io { path: dir.to_path_buf(), source })?;
    let (ca_crt, ca_key_path) = (dir.join("ca.crt"), dir.join("ca.key"));
    let (crt, key) = (dir.join("apiserver.crt"), dir.join("apiserver.key"));
    let (sans_path, token_path) = (dir.join("apiserver.sans"), dir.join("token"));

    let (ca_pem, ca_key) = match (read(&ca_crt)?, read(&ca_key_path)?) {
        (Some(c), Some(k)) => (c, KeyPair::from_pem(&k)?),
        _ => {
            let key = KeyPair::generate()?;
            let cert = ca_params()?.self_signed(&key)?;
            write_private(&ca_key_path, &key.serialize_pem())?;
            write_private(&ca_crt, &cert.pem())?;
            (cert.pem(), key)
        }
    };

    let mut sans: Vec<String> =
        vec!["localhost".into(), "127.0.0.1".into(), "::1".into(), "kubernetes".into(), "kubernetes.default".into()];
    for h in hosts {
        if !sans.contains(h) {
            sans.push(h.clone());
        }
    }
    let wanted = sans.join("\n");
    let (cert_pem, key_pem) = match (read(&crt)?, read(&key)?, read(&sans_path)?) {
        (Some(c), Some(k), Some(s)) if s == wanted => (c, k),
        _ => {
            let issuer = Issuer::new(ca_params()?, ca_key);
            let mut params = CertificateParams::new(sans)?;
            params.distinguished_name.push(DnType::CommonName, "kube-apiserver");
            params.not_before = rcgen::date_time_ymd(2024, 1, 1);
            params.not_after = rcgen::date_time_ymd(2124, 1, 1);
            params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
            let k = KeyPair::generate()?;
            let c = params.signed_by(&k, &issuer)?;
            write_private(&key, &k.serialize_pem())?;
            write_private(&crt, &c.pem())?;
            write_private(&sans_path, &wanted)?;
            (c.pem(), k.serialize_pem())
        }
    };

    let token = match read(&token_path)? {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => {
            let t = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
            write_private(&token_path, &t)?;
            t
        }
    };
    Ok(Credentials { ca_pem, cert_pem, key_pem, token })
}

/// A rustls server configuration offering HTTP/2 and HTTP/1.1.
pub fn server_config(creds: &Credentials) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(creds.cert_pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|_| TlsError::Pem { path: "apiserver.crt".into(), what: "certificate" })?;
    let key = PrivateKeyDer::from_pem_slice(creds.key_pem.as_bytes())
        .map_err(|_| TlsError::Pem { path: "apiserver.key".into(), what: "private key" })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    cfg.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(cfg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_created_once_and_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = load_or_create(dir.path(), &[]).expect("create");
        let b = load_or_create(dir.path(), &[]).expect("load");
        assert_eq!(a.ca_pem, b.ca_pem);
        assert_eq!(a.token, b.token);
        assert_eq!(a.cert_pem, b.cert_pem);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in ["ca.key", "apiserver.key", "token"] {
                let mode = fs::metadata(dir.path().join(f)).expect("exists").permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{f}");
            }
        }
        // A new host re-issues the serving certificate from the same CA.
        let c = load_or_create(dir.path(), &["10.0.0.5".to_string()]).expect("reissue");
        assert_eq!(c.ca_pem, a.ca_pem);
        assert_ne!(c.cert_pem, a.cert_pem);
        server_config(&c).expect("usable by rustls");
    }
}
