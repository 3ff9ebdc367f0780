//! The kubeconfig `v1` schema as client-go's `clientcmd/api/v1` types serialize it: field
//! order (used by `-o json`), which fields are dropped when empty and which are always
//! written, so `config view` prints what kubectl prints. Unknown keys are not part of it,
//! as in kubectl's view (the files themselves keep them).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Config {
    #[serde(default = "config_kind")]
    pub kind: String,
    #[serde(rename = "apiVersion", default = "v1")]
    pub api_version: String,
    #[serde(default)]
    pub preferences: Preferences,
    #[serde(default)]
    pub clusters: Option<Vec<NamedCluster>>,
    #[serde(default)]
    pub users: Option<Vec<NamedAuthInfo>>,
    #[serde(default)]
    pub contexts: Option<Vec<NamedContext>>,
    #[serde(rename = "current-context", default)]
    pub current_context: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<NamedExtension>>,
}

fn config_kind() -> String {
    "Config".into()
}

fn v1() -> String {
    "v1".into()
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Preferences {
    #[serde(default, skip_serializing_if = "is_false")]
    pub colors: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<NamedExtension>>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct NamedExtension {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub extension: Value,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct NamedCluster {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub cluster: Cluster,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Cluster {
    #[serde(default)]
    pub server: String,
    #[serde(rename = "tls-server-name", default, skip_serializing_if = "String::is_empty")]
    pub tls_server_name: String,
    #[serde(rename = "insecure-skip-tls-verify", default, skip_serializing_if = "is_false")]
    pub insecure_skip_tls_verify: bool,
    #[serde(rename = "certificate-authority", default, skip_serializing_if = "String::is_empty")]
    pub certificate_authority: String,
    #[serde(rename = "certificate-authority-data", default, skip_serializing_if = "String::is_empty")]
    pub certificate_authority_data: String,
    #[serde(rename = "proxy-url", default, skip_serializing_if = "String::is_empty")]
    pub proxy_url: String,
    #[serde(rename = "disable-compression", default, skip_serializing_if = "is_false")]
    pub disable_compression: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<NamedExtension>>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct NamedAuthInfo {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub user: AuthInfo,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthInfo {
    #[serde(rename = "client-certificate", default, skip_serializing_if = "String::is_empty")]
    pub client_certificate: String,
    #[serde(rename = "client-certificate-data", default, skip_serializing_if = "String::is_empty")]
    pub client_certificate_data: String,
    #[serde(rename = "client-key", default, skip_serializing_if = "String::is_empty")]
    pub client_key: String,
    #[serde(rename = "client-key-data", default, skip_serializing_if = "String::is_empty")]
    pub client_key_data: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub token: String,
    #[serde(rename = "tokenFile", default, skip_serializing_if = "String::is_empty")]
    pub token_file: String,
    #[serde(rename = "as", default, skip_serializing_if = "String::is_empty")]
    pub impersonate: String,
    #[serde(rename = "as-uid", default, skip_serializing_if = "String::is_empty")]
    pub impersonate_uid: String,
    #[serde(rename = "as-groups", default, skip_serializing_if = "Vec::is_empty")]
    pub impersonate_groups: Vec<String>,
    #[serde(rename = "as-user-extra", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub impersonate_user_extra: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub username: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password: String,
    #[serde(rename = "auth-provider", default, skip_serializing_if = "Option::is_none")]
    pub auth_provider: Option<AuthProvider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<ExecConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<NamedExtension>>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthProvider {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct ExecConfig {
    #[serde(default)]
    pub command: String,
    #[serde(default)]
    pub args: Option<Vec<String>>,
    #[serde(default)]
    pub env: Option<Vec<ExecEnvVar>>,
    #[serde(rename = "apiVersion", default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(rename = "installHint", default, skip_serializing_if = "String::is_empty")]
    pub install_hint: String,
    #[serde(rename = "provideClusterInfo", default)]
    pub provide_cluster_info: bool,
    #[serde(rename = "interactiveMode", default, skip_serializing_if = "String::is_empty")]
    pub interactive_mode: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct ExecEnvVar {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct NamedContext {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub context: Context,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Context {
    #[serde(default)]
    pub cluster: String,
    #[serde(default)]
    pub user: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<NamedExtension>>,
}

impl Config {
    pub fn context(&self, name: &str) -> Option<&Context> {
        self.contexts.iter().flatten().find(|c| c.name == name).map(|c| &c.context)
    }

    pub fn cluster(&self, name: &str) -> Option<&Cluster> {
        self.clusters.iter().flatten().find(|c| c.name == name).map(|c| &c.cluster)
    }

    pub fn user(&self, name: &str) -> Option<&AuthInfo> {
        self.users.iter().flatten().find(|c| c.name == name).map(|c| &c.user)
    }

    /// Fill in what client-go's defaulting adds on load (exec plugins' interactive mode).
    pub fn apply_defaults(&mut self) {
        for u in self.users.iter_mut().flatten() {
            if let Some(exec) = &mut u.user.exec
                && exec.interactive_mode.is_empty()
            {
                exec.interactive_mode = "IfAvailable".into();
            }
        }
    }

    /// clientcmd's `ShortenConfig`: certificate and key data become `DATA+OMITTED`, tokens
    /// and passwords `REDACTED`.
    pub fn redact(&mut self) {
        for u in self.users.iter_mut().flatten() {
            let u = &mut u.user;
            if !u.client_certificate_data.is_empty() {
                u.client_certificate_data = "DATA+OMITTED".into();
            }
            if !u.client_key_data.is_empty() {
                u.client_key_data = "DATA+OMITTED".into();
            }
            if !u.token.is_empty() {
                u.token = "REDACTED".into();
            }
            if !u.password.is_empty() {
                u.password = "REDACTED".into();
            }
        }
        for c in self.clusters.iter_mut().flatten() {
            if !c.cluster.certificate_authority_data.is_empty() {
                c.cluster.certificate_authority_data = "DATA+OMITTED".into();
            }
        }
    }
}
