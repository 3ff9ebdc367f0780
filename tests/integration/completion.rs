//! Shell completion driven for real: bash sources `completions/kx.bash` and calls the
//! completion function with `COMP_LINE`, `COMP_POINT`, `COMP_WORDS` and `COMP_CWORD` set as
//! bash sets them, so the script, `kx __complete` and the embedded cluster are all in play.
//! Also `kx man`. The tests run on two runtime threads: bash is waited for synchronously,
//! and the in-process cluster must keep answering meanwhile.

use std::path::{Path, PathBuf};
use std::process::Command;

use k8s_openapi::api::core::v1::{Namespace, Pod};
use kube::api::{Api, PostParams};
use serde_json::json;

use crate::support::TestCluster;

const KX: &str = env!("CARGO_BIN_EXE_kx");

/// Pretends to be bash's programmable completion for one command line, with the cursor at
/// its end: `COMP_WORDS` split at spaces and at `COMP_WORDBREAKS` characters as bash does
/// (`--namespace=sh` is `--namespace`, `=`, `sh`), then `complete -F`'s function is called
/// with the command, the current word and the previous one.
const DRIVER: &str = r#"
source "$KX_SCRIPT"
__kx_test() {
    COMP_LINE="$1"
    COMP_POINT=${#COMP_LINE}
    COMP_WORDS=()
    local word="" i c
    for (( i = 0; i < ${#COMP_LINE}; i++ )); do
        c="${COMP_LINE:i:1}"
        if [[ "$c" == " " ]]; then
            [[ -n "$word" ]] && COMP_WORDS+=("$word")
            word=""
        elif [[ "$COMP_WORDBREAKS" == *"$c"* ]]; then
            [[ -n "$word" ]] && COMP_WORDS+=("$word")
            COMP_WORDS+=("$c")
            word=""
        else
            word+="$c"
        fi
    done
    COMP_WORDS+=("$word")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    local fn
    fn=$(complete -p kx | sed -e 's/.*-F \([^ ]*\) .*/\1/')
    "$fn" kx "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}
__kx_test "$KX_LINE"
"#;

struct Shell {
    path: String,
    kubeconfig: String,
    cache: PathBuf,
}

impl Shell {
    fn new(tc: &TestCluster) -> Shell {
        // A second kubeconfig file with a context whose server does not answer.
        let other = tc.dir.path().join("other-kubeconfig");
        std::fs::write(
            &other,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: {server: 'https://127.0.0.1:9'}\nusers:\n- name: admin\n  user: {token: x}\ncontexts:\n- name: admin@prod\n  context: {cluster: prod, user: admin}\n",
        )
        .expect("write kubeconfig");
        let bin_dir = Path::new(KX).parent().expect("the binary is in a directory");
        Shell {
            path: format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default()),
            kubeconfig: format!("{}:{}", tc.kubeconfig.display(), other.display()),
            cache: tc.dir.path().join("kx-cache"),
        }
    }

    /// The candidates bash would offer for `line`, and what bash printed on stderr.
    fn complete(&self, line: &str) -> (Vec<String>, String) {
        let out = self.run("bash", &["--norc", "--noprofile", "-c", DRIVER], "kx.bash", line);
        let words =
            String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty()).map(str::to_string).collect();
        (words, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// The candidates for `line`, with nothing on stderr. Completion gives up after a few
    /// seconds and offers nothing, which a loaded test machine can hit: an empty answer is
    /// asked again a few times.
    fn candidates(&self, line: &str) -> Vec<String> {
        retried(|| {
            let (words, stderr) = self.complete(line);
            assert_eq!(stderr, "", "completion of {line:?} wrote to the terminal");
            words
        })
    }

    /// `shell` with `args`, the cluster's environment, the committed completion script
    /// `script` in `$KX_SCRIPT` and the command line in `$KX_LINE`; it must succeed.
    fn run(&self, shell: &str, args: &[&str], script: &str, line: &str) -> std::process::Output {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions").join(script);
        let out = Command::new(shell)
            .args(args)
            .env("PATH", &self.path)
            .env("KUBECONFIG", &self.kubeconfig)
            .env("XDG_CACHE_HOME", &self.cache)
            .env("KX_SCRIPT", &script)
            .env("KX_LINE", line)
            .output()
            .unwrap_or_else(|e| panic!("run {shell}: {e}"));
        assert!(out.status.success(), "{shell} failed for {line:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }
}

/// `answer`, asked up to four times while it offers nothing: completion gives up after a few
/// seconds and offers nothing, which a loaded test machine can hit.
fn retried(mut answer: impl FnMut() -> Vec<String>) -> Vec<String> {
    for _ in 0..3 {
        let words = answer();
        if !words.is_empty() {
            return words;
        }
    }
    answer()
}

async fn seed(tc: &TestCluster) {
    let client = tc.client();
    let ns: Namespace = serde_json::from_value(json!({"metadata": {"name": "shop"}})).expect("namespace");
    Api::<Namespace>::all(client.clone()).create(&PostParams::default(), &ns).await.expect("create namespace");
    let pod = |ns: &str, name: &str| -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": ns},
            "spec": {
                "initContainers": [{"name": "init", "image": "busybox"}],
                "containers": [{"name": "app", "image": "busybox"}, {"name": "sidecar", "image": "busybox"}]
            }
        }))
        .expect("pod")
    };
    for (ns, name) in [("shop", "web-1"), ("shop", "web-2"), ("default", "other")] {
        Api::<Pod>::namespaced(client.clone(), ns).create(&PostParams::default(), &pod(ns, name)).await.expect("pod");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_bash_offers_cluster_values_and_static_commands() {
    let tc = TestCluster::start().await;
    seed(&tc).await;
    let sh = Shell::new(&tc);

    // Resource types from discovery (a cold cache first, then the cached copy).
    for _ in 0..2 {
        let types = sh.candidates("kx get ");
        for t in ["pods", "deployments", "namespaces", "configmaps"] {
            assert!(types.contains(&t.to_string()), "{t} missing from {types:?}");
        }
    }
    assert_eq!(sh.candidates("kx get po"), ["pods", "podtemplates", "poddisruptionbudgets"]);
    assert_eq!(sh.candidates("kx get pods,deploy"), ["pods,deployments"]);
    assert_eq!(sh.candidates("kx rollout restart "), ["daemonsets", "deployments", "statefulsets"]);

    // Object names in the context's namespace, in -n's, and across namespaces.
    assert_eq!(sh.candidates("kx get pods "), ["other"]);
    assert_eq!(sh.candidates("kx get pods -n shop "), ["web-1", "web-2"]);
    assert_eq!(sh.candidates("kx -n shop describe po w"), ["web-1", "web-2"]);
    assert_eq!(sh.candidates("kx get -A pods "), ["other", "web-1", "web-2"]);
    assert_eq!(sh.candidates("kx describe -n shop pod/web-"), ["pod/web-1", "pod/web-2"]);
    assert_eq!(sh.candidates("kx logs -n shop "), ["web-1", "web-2"]);

    // Namespaces, for -n and kx ns; bash replaces only what follows `=`.
    let namespaces = sh.candidates("kx get pods -n ");
    for n in ["default", "kube-system", "shop"] {
        assert!(namespaces.contains(&n.to_string()), "{n} missing from {namespaces:?}");
    }
    assert_eq!(sh.candidates("kx get pods --namespace=sh"), ["shop"]);
    assert_eq!(sh.candidates("kx ns sh"), ["shop"]);

    // Contexts from both kubeconfig files; bash replaces only what follows `@`.
    assert_eq!(sh.candidates("kx --context "), ["admin@prod", "kx"]);
    assert_eq!(sh.candidates("kx ctx "), ["admin@prod", "kx"]);
    assert_eq!(sh.candidates("kx ctx admin@"), ["prod"]);
    assert_eq!(sh.candidates("kx config use-context k"), ["kx"]);

    // A pod's containers, init containers first.
    assert_eq!(sh.candidates("kx logs -n shop web-1 -c "), ["init", "app", "sidecar"]);
    assert_eq!(sh.candidates("kx exec web-1 -n shop -c s"), ["sidecar"]);

    // Commands and flags come from the generated script.
    assert!(sh.candidates("kx ").contains(&"get".to_string()));
    assert!(sh.candidates("kx ro").contains(&"rollout".to_string()));
    assert!(sh.candidates("kx get --sh").contains(&"--show-labels".to_string()));
    let (shells, _) = sh.complete("kx completions z");
    assert_eq!(shells, ["zsh"]);
}

impl Shell {
    /// What fish offers for `line`: fish itself sources `completions/kx.fish` and answers
    /// `complete -C` (the candidates its pager would show), descriptions cut off.
    fn fish(&self, line: &str) -> Vec<String> {
        retried(|| {
            let out =
                self.run("fish", &["--no-config", "-c", "source $KX_SCRIPT; complete -C $KX_LINE"], "kx.fish", line);
            assert_eq!(String::from_utf8_lossy(&out.stderr), "", "completion of {line:?} wrote to the terminal");
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| l.split('\t').next().unwrap_or("").to_string())
                .filter(|w| !w.is_empty())
                .collect()
        })
    }
}

/// Whether `tool` runs; `version_flag` is how it prints its version (tmux only knows `-V`).
fn installed(tool: &str, version_flag: &str) -> bool {
    Command::new(tool).arg(version_flag).output().is_ok_and(|o| o.status.success())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_fish_offers_cluster_values_and_static_commands() {
    if !installed("fish", "--version") && std::env::var_os("CI").is_none() {
        eprintln!("fish is not installed; skipping (CI installs it)");
        return;
    }
    let tc = TestCluster::start().await;
    seed(&tc).await;
    let sh = Shell::new(&tc);
    let types = sh.fish("kx get ");
    for t in ["pods", "deployments", "namespaces"] {
        assert!(types.contains(&t.to_string()), "{t} missing from {types:?}");
    }
    assert_eq!(sh.fish("kx get pods -n shop "), ["web-1", "web-2"]);
    assert_eq!(sh.fish("kx get pods "), ["other"]);
    let namespaces = sh.fish("kx get pods -n ");
    assert!(namespaces.contains(&"shop".to_string()), "{namespaces:?}");
    assert_eq!(sh.fish("kx ctx "), ["admin@prod", "kx"]);
    // fish sorts candidates itself.
    assert_eq!(sh.fish("kx logs -n shop web-1 -c "), ["app", "init", "sidecar"]);
    // Commands and flags from the generated rules.
    assert!(sh.fish("kx ").contains(&"get".to_string()));
    assert!(sh.fish("kx get --sh").contains(&"--show-labels".to_string()));
    // An unreachable cluster offers nothing and prints nothing.
    assert!(sh.fish("kx --context admin@prod get pods ").is_empty());
}

/// zsh's completion system only runs inside its line editor, so zsh runs in tmux: type a
/// line, press Tab, read the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_zsh_offers_cluster_values_in_a_real_shell() {
    if !(installed("zsh", "--version") && installed("tmux", "-V")) && std::env::var_os("CI").is_none() {
        eprintln!("zsh or tmux is not installed; skipping (CI installs them)");
        return;
    }
    let tc = TestCluster::start().await;
    seed(&tc).await;
    let sh = Shell::new(&tc);
    let dir = tc.dir.path();
    let fpath = dir.join("zfunc");
    std::fs::create_dir_all(&fpath).expect("fpath dir");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("completions").join("_kx"), fpath.join("_kx"))
        .expect("copy _kx");
    let zdotdir = dir.join("zdot");
    std::fs::create_dir_all(&zdotdir).expect("zdotdir");
    std::fs::write(
        zdotdir.join(".zshrc"),
        format!(
            "fpath=({} $fpath)\nautoload -U compinit && compinit -u -D\nPROMPT='kxzsh> '\nzstyle ':completion:*' list-rows-first true\n",
            fpath.display()
        ),
    )
    .expect("zshrc");
    let session = format!("kx-zsh-{}", std::process::id());
    let tmux = |args: &[&str]| Command::new("tmux").args(args).output().expect("run tmux");
    let zsh = format!(
        "env -i HOME={home} TERM=xterm PATH={path} KUBECONFIG={kc} XDG_CACHE_HOME={cache} ZDOTDIR={zdot} zsh -i",
        home = dir.display(),
        path = sh.path,
        kc = sh.kubeconfig,
        cache = sh.cache.display(),
        zdot = zdotdir.display(),
    );
    let started = tmux(&["new-session", "-d", "-s", &session, "-x", "120", "-y", "30", &zsh]);
    assert!(started.status.success(), "tmux: {}", String::from_utf8_lossy(&started.stderr));
    struct Kill(String);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = Command::new("tmux").args(["kill-session", "-t", &self.0]).output();
        }
    }
    let _kill = Kill(session.clone());
    let screen = || String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-N", "-t", &session]).stdout).into_owned();
    let wait_for = |what: &dyn Fn(&str) -> bool, label: &str| {
        for _ in 0..100 {
            if what(&screen()) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("{label}: the screen never showed it:\n{}", screen());
    };
    // -N keeps each line's trailing blanks: a completed word is followed by a space.
    wait_for(&|s| s.contains("kxzsh>"), "the prompt");
    // One candidate: zsh completes it in place.
    tmux(&["send-keys", "-t", &session, "kx get pods -n sh", "Tab"]);
    wait_for(&|s| s.contains("kx get pods -n shop "), "the namespace completed in place");
    // Two candidates: zsh inserts their common prefix, and lists them on the next Tab.
    tmux(&["send-keys", "-t", &session, "Tab"]);
    wait_for(&|s| s.contains("kx get pods -n shop web-"), "the common prefix inserted");
    tmux(&["send-keys", "-t", &session, "Tab"]);
    wait_for(&|s| s.contains("web-1") && s.contains("web-2"), "the pod names listed");
    tmux(&["send-keys", "-t", &session, "C-c"]);
    tmux(&["send-keys", "-t", &session, "kx ctx adm", "Tab"]);
    wait_for(&|s| s.contains("kx ctx admin@prod"), "the context completed in place");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_bash_is_silent_when_the_cluster_is_unreachable() {
    let tc = TestCluster::start().await;
    let sh = Shell::new(&tc);
    // The other context's server refuses connections; the cluster is down for the rest.
    assert!(sh.candidates("kx --context admin@prod get pods ").is_empty());
    assert!(sh.candidates("kx --context admin@prod -n ").is_empty());
    assert!(sh.candidates("kx --kubeconfig /nonexistent get ").is_empty());
    assert!(sh.candidates("kx --kubeconfig /nonexistent --context ").is_empty());
    drop(tc);
    // The completer itself: nothing but the directive, exit 0, even for nonsense.
    for args in [&["bash", "--", "kx get pods "][..], &["zsh"], &[], &["fish", "--", "--context"]] {
        let out = Command::new(KX)
            .arg("__complete")
            .args(args)
            .env("KUBECONFIG", "/nonexistent/kubeconfig")
            .env("XDG_CACHE_HOME", sh.cache.as_os_str())
            .output()
            .expect("run kx");
        assert!(out.status.success());
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout == ":values\n" || stdout == ":static\n", "{args:?}: {stdout:?}");
    }
}

#[test]
fn completion_man_prints_the_top_level_page_and_writes_one_per_command() {
    let out = Command::new(KX).arg("man").output().expect("run kx man");
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH kx 1"), "{page}");
    assert!(page.contains("kx\\-get(1)"), "{page}");

    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(KX).arg("man").arg(dir.path()).output().expect("run kx man DIR");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["kx.1", "kx-get.1", "kx-rollout-undo.1", "kx-config-use-context.1", "kx-completions.1", "kx-man.1"] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap_or_else(|_| panic!("{name} missing"));
        assert!(text.contains(".TH"), "{name} is not a man page");
    }
}
