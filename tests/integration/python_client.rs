//! The Python `kubernetes` client, unmodified, against the embedded cluster.

use crate::support::TestCluster;

fn have_python_client() -> bool {
    let ok =
        std::process::Command::new("python3").args(["-c", "import kubernetes"]).status().is_ok_and(|s| s.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("the Python kubernetes client is missing and CI is set: .ci/run must pip install it");
        }
        eprintln!("SKIPPED: the Python kubernetes client is not installed (pip install kubernetes)");
    }
    ok
}

#[tokio::test(flavor = "multi_thread")]
async fn python_client_lists_creates_patches_and_watches() {
    if !have_python_client() {
        return;
    }
    let tc = TestCluster::start().await;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/client_test.py");
    let out = tokio::process::Command::new("python3")
        .arg(&script)
        .env("KUBECONFIG", &tc.kubeconfig)
        .output()
        .await
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "python client test failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("python client: ok"), "{stdout}");
}
