//! `kx theme list|import` and `kx config path` run as the real binary, in a home directory
//! of their own: good and broken config files, the two fixture skins, and kubectl's `config`
//! subcommands still answering beside `config path`.

use std::path::Path;
use std::process::Command;

use super::support::fixtures;

const KX: &str = env!("CARGO_BIN_EXE_kx");

/// kx with `home` as the only place it may look for user files.
fn kx(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(KX)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .output()
        .expect("kx runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn theme_import_writes_a_theme_that_list_shows() {
    let home = tempfile::tempdir().expect("tempdir");
    let skin = fixtures().join("skins").join("paper.yml");
    let (code, out, err) = kx(home.path(), &["theme", "import", skin.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}{err}");
    let themes = home.path().join(".config/kx/themes");
    assert!(themes.join("paper.toml").exists(), "{out}");
    assert!(out.contains("as theme \"paper\""), "{out}");
    assert!(err.contains("note: k9s.promt: unknown key, ignored"), "{err}");
    assert!(err.contains("unknown colour \"burntorange\""), "{err}");

    let (code, out, err) = kx(home.path(), &["theme", "list"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["CURRENT", "NAME", "SOURCE"]);
    assert!(lines.iter().any(|l| l.starts_with('*') && l.contains("dark") && l.contains("built-in")), "{out}");
    assert!(lines.iter().any(|l| l.contains("paper") && l.contains("paper.toml")), "{out}");

    // Again without --force is refused; with it, replaced; under another name, added.
    let (code, _, err) = kx(home.path(), &["theme", "import", skin.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    let (code, _, err) = kx(home.path(), &["theme", "import", "--force", skin.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    let midnight = fixtures().join("skins").join("midnight.yaml");
    let (code, _, err) = kx(home.path(), &["theme", "import", midnight.to_str().expect("utf-8"), "--name", "night"]);
    assert_eq!(code, 0, "{err}");
    assert!(themes.join("night.toml").exists());
}

#[test]
fn theme_import_of_a_non_skin_fails_and_writes_nothing() {
    let home = tempfile::tempdir().expect("tempdir");
    let bogus = home.path().join("skin.yml");
    std::fs::write(&bogus, "apiVersion: v1\nkind: Pod\n").expect("write");
    let (code, _, err) = kx(home.path(), &["theme", "import", bogus.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("not a k9s skin"), "{err}");
    assert!(!home.path().join(".config/kx/themes/skin.toml").exists());
}

#[test]
fn theme_list_with_a_broken_config_warns_and_uses_defaults() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join(".config/kx/config.toml");
    std::fs::create_dir_all(config.parent().expect("parent")).expect("mkdir");
    std::fs::write(&config, "[ui]\ntheme = \"light\"\nlog_bufer_lines = 10\n").expect("write");
    let (code, out, err) = kx(home.path(), &["theme", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("warning: {}:3:", config.display())), "{err}");
    assert!(err.contains("log_bufer_lines"), "{err}");
    assert!(out.lines().any(|l| l.starts_with('*') && l.contains("dark")), "{out}");
}

#[test]
fn theme_list_marks_the_configured_theme() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join("kx.toml");
    std::fs::write(&config, "[ui]\ntheme = \"high-contrast\"\n").expect("write");
    let out = Command::new(KX)
        .args(["theme", "list"])
        .env_clear()
        .env("HOME", home.path())
        .env("KX_CONFIG", &config)
        .output()
        .expect("kx runs");
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.lines().any(|l| l.starts_with('*') && l.contains("high-contrast")), "{out}");
}

#[test]
fn config_path_lists_every_location_and_prints_one_for_scripts() {
    let home = tempfile::tempdir().expect("tempdir");
    let h = home.path().display().to_string();
    let (code, out, err) = kx(home.path(), &["config", "path"]);
    assert_eq!(code, 0, "{err}");
    for (name, path) in [
        ("config", format!("{h}/.config/kx/config.toml")),
        ("themes", format!("{h}/.config/kx/themes")),
        ("clusters", format!("{h}/.local/share/kx/clusters")),
        ("cluster-log", format!("{h}/.local/share/kx/clusters/kx-embedded/kx.log")),
        ("discovery", format!("{h}/.cache/kx/discovery")),
        ("state", format!("{h}/.local/state/kx")),
        ("kubeconfig", format!("{h}/.kube/config")),
    ] {
        assert!(
            out.lines().any(|l| l.split_whitespace().take(2).eq([name, path.as_str()])),
            "{name} {path} missing from\n{out}"
        );
    }
    let (code, out, _) = kx(home.path(), &["config", "path", "themes"]);
    assert_eq!(code, 0);
    assert_eq!(out, format!("{h}/.config/kx/themes\n"));
    let (code, out, _) = kx(home.path(), &["config", "path", "kubeconfig", "--kubeconfig", "/tmp/kc"]);
    assert_eq!(code, 0);
    assert_eq!(out, "/tmp/kc\n");
    let (code, _, err) = kx(home.path(), &["config", "path", "nowhere"]);
    assert_eq!(code, 1);
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn config_path_sits_beside_kubectls_config_commands() {
    let home = tempfile::tempdir().expect("tempdir");
    let kc = home.path().join("kubeconfig");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\ncurrent-context: c1\nclusters:\n- name: k\n  cluster:\n    server: https://127.0.0.1:1\ncontexts:\n- name: c1\n  context:\n    cluster: k\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n",
    )
    .expect("write");
    let kc = kc.to_str().expect("utf-8");
    let (code, out, err) = kx(home.path(), &["config", "current-context", "--kubeconfig", kc]);
    assert_eq!((code, out.as_str()), (0, "c1\n"), "{err}");
    let (code, out, err) = kx(home.path(), &["config", "get-contexts", "-o", "name", "--kubeconfig", kc]);
    assert_eq!((code, out.as_str()), (0, "c1\n"), "{err}");
}
