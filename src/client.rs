//! The shared client layer used by the CLI and the TUI: kubeconfig and contexts, discovery
//! and resource resolution, verbs, output formats. Talks to any conformant API server.

pub mod kubeconfig;
