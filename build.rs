//! Release builds of the `kx` binary on x86_64 Linux place the code a one-shot command runs
//! (listed in tools/hot-symbols.txt, made by tools/hot-symbols.sh) side by side. The kernel
//! maps executable pages in 64 KiB windows around each fault, so scattered start-up code
//! costs half the 25 MB text section in resident memory; gathered, it costs a few MiB.
//!
//! Only lld understands `--symbol-ordering-file`, so the flag is passed only when a probe
//! link shows that rustc links with lld (Rust ≥ 1.90 does by default on this target).
//! Anything else builds exactly as before.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // A new list reruns this script, which rebuilds the crate: lists change rarely.
    println!("cargo:rerun-if-changed=tools/hot-symbols.txt");
    println!("cargo:rerun-if-env-changed=KX_NO_SYMBOL_ORDERING");
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    if env("PROFILE") != "release"
        || env("TARGET") != "x86_64-unknown-linux-gnu"
        || std::env::var_os("KX_NO_SYMBOL_ORDERING").is_some()
    {
        return;
    }
    let list = Path::new(&env("CARGO_MANIFEST_DIR")).join("tools").join("hot-symbols.txt");
    if !list.exists() || !links_with_lld(&PathBuf::from(env("OUT_DIR"))) {
        return;
    }
    println!("cargo:rustc-link-arg-bin=kx=-Wl,--symbol-ordering-file={}", list.display());
    // Symbols that are gone since the list was made are expected; the rest still helps.
    println!("cargo:rustc-link-arg-bin=kx=-Wl,--no-warn-symbol-ordering");
}

/// Link an empty program with the same rustc, target and flags, and look at the linker
/// command rustc prints.
fn links_with_lld(out: &Path) -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let src = out.join("probe.rs");
    if std::fs::write(&src, "fn main() {}\n").is_err() {
        return false;
    }
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let output = Command::new(rustc)
        .args(flags.split('\x1f').filter(|f| !f.is_empty()))
        .args(["--target", "x86_64-unknown-linux-gnu", "--print", "link-args", "-o"])
        .arg(out.join("probe"))
        .arg(&src)
        .output();
    match output {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            text.contains("-fuse-ld=lld") || text.contains("rust-lld") || text.contains("ld.lld")
        }
        _ => false,
    }
}
