//! One integration-test binary; a module per area. These tests run real processes
//! (the kx binary, kubectl, child processes killed mid-write) rather than calling functions.

mod kubelet;
mod store_crash;
