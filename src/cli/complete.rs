//! `kx __complete`: the hidden entry point the completion scripts (`kx completions SHELL`)
//! call for the values only the cluster or the kubeconfig knows, as kubectl's `__complete`
//! does: resource types, object names, namespaces, contexts, clusters, users, containers.
//! Everything else (commands, flags, fixed values) is the scripts' own static completion,
//! generated from the clap definitions.
//!
//! Protocol, the same for every shell: `kx __complete bash -- LINE` (the command line up to
//! the cursor, program name included, split here as the shell would) or `kx __complete zsh|fish -- WORD... CURRENT`
//! (the words after `kx`, the last one being the word under the cursor, maybe empty). The
//! answer is zero or more candidates, one a line, then a directive line: `:values` (these
//! are the candidates, even if there are none) or `:static` (not a cluster value: use the
//! static completion). Nothing else is ever printed, errors included, and the exit code is
//! always 0, so a broken cluster or kubeconfig never puts garbage into a prompt.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::CommandFactory;

use crate::client::Session;
use crate::client::complete::{self, KubeconfigList, TypeFilter};
use crate::client::config::ConnectOptions;

/// Each request may take this long; completion is interactive and a slow cluster must not
/// hang the prompt.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
/// The whole completion, connection and discovery included.
const TOTAL_TIMEOUT: Duration = Duration::from_secs(3);

/// The shells the scripts call from; they differ only in how the words arrive and how the
/// candidates must look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    /// Gets the raw line; candidates replace only the text after the last `COMP_WORDBREAKS`
    /// character (`--namespace=`, `user@`, `arn:aws:`), so that prefix is cut from them.
    Bash,
    Zsh,
    Fish,
}

/// What the word under the cursor is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Not a cluster value: commands, flags, files, fixed values.
    Static,
    ResourceType(TypeFilter),
    /// Objects of the type as typed (`po`, `deploy.apps`).
    ObjectName(String),
    Namespace,
    Context,
    Cluster,
    User,
    /// Containers of this pod.
    Container(String),
}

/// The word under the cursor, understood.
#[derive(Clone, Debug)]
pub struct Request {
    pub slot: Slot,
    /// Text of the word that belongs to no candidate and is put back in front of each:
    /// `--namespace=`, `deploy/`, `pods,svc,`.
    pub lead: String,
    /// What the user has typed of the value itself.
    pub typed: String,
    /// The connection flags on the line (`--kubeconfig`, `--context`, `-n`, …).
    pub connect: ConnectOptions,
    pub all_namespaces: bool,
}

/// Options seen on the line, by clap argument id.
#[derive(Default)]
struct Seen {
    options: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Seen {
    fn value(&self, id: &str) -> Option<String> {
        self.options.iter().rev().find(|(k, _)| k == id).map(|(_, v)| v.clone())
    }
}

fn find_long<'a>(cmd: &'a clap::Command, name: &str) -> Option<&'a clap::Arg> {
    cmd.get_arguments().find(|a| a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|v| v.contains(&name)))
}

fn find_short(cmd: &clap::Command, c: char) -> Option<&clap::Arg> {
    cmd.get_arguments().find(|a| a.get_short() == Some(c) || a.get_all_short_aliases().is_some_and(|v| v.contains(&c)))
}

/// Whether the option takes the next word as its value (`--cascade` takes one only with `=`).
fn takes_next(a: &clap::Arg) -> bool {
    a.get_action().takes_values() && !a.is_require_equals_set()
}

/// Understand the word under the cursor, given the words before it (after `kx`).
pub fn analyse(root: &clap::Command, words: &[String], current: &str) -> Request {
    let mut cmd = root;
    let mut path: Vec<String> = Vec::new();
    let mut positionals: Vec<String> = Vec::new();
    let mut seen = Seen::default();
    // The option whose value is the next word.
    let mut pending: Option<String> = None;
    let mut after_dashes = false;
    for w in words {
        if let Some(id) = pending.take() {
            seen.options.push((id, w.clone()));
            continue;
        }
        if after_dashes {
            positionals.push(w.clone());
        } else if w == "--" {
            after_dashes = true;
        } else if let Some(long) = w.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            if let Some(a) = find_long(cmd, name) {
                let id = a.get_id().to_string();
                match value {
                    Some(v) => seen.options.push((id, v.to_string())),
                    None if takes_next(a) => pending = Some(id),
                    None => seen.flags.push(id),
                }
            }
        } else if w.len() > 1 && w.starts_with('-') && !w[1..].starts_with(|c: char| c.is_ascii_digit()) {
            for (i, c) in w.char_indices().skip(1) {
                let Some(a) = find_short(cmd, c) else { break };
                let id = a.get_id().to_string();
                if a.get_action().takes_values() {
                    let rest = w[i + c.len_utf8()..].trim_start_matches('=');
                    if rest.is_empty() && !a.is_require_equals_set() {
                        pending = Some(id);
                    } else {
                        seen.options.push((id, rest.to_string()));
                    }
                    break;
                }
                seen.flags.push(id);
            }
        } else if positionals.is_empty()
            && let Some(sub) = cmd.find_subcommand(w)
        {
            path.push(sub.get_name().to_string());
            cmd = sub;
        } else {
            positionals.push(w.clone());
        }
    }

    let connect = ConnectOptions {
        kubeconfig: seen.value("kubeconfig").map(PathBuf::from),
        context: seen.value("context"),
        cluster: seen.value("cluster").filter(|_| path.first().is_none_or(|p| p != "config")),
        user: seen.value("user").filter(|_| path.first().is_none_or(|p| p != "config")),
        namespace: seen.value("namespace"),
        server: seen.value("server"),
        token: seen.value("token"),
        insecure_skip_tls_verify: seen.flags.iter().any(|f| f == "insecure_skip_tls_verify"),
        certificate_authority: seen.value("certificate_authority").map(PathBuf::from),
        request_timeout: Some(REQUEST_TIMEOUT),
        verbosity: 0,
    };
    let all_namespaces = seen.flags.iter().any(|f| f == "all_namespaces");
    let mut req =
        Request { slot: Slot::Static, lead: String::new(), typed: current.to_string(), connect, all_namespaces };

    // The value of an option: `-n <TAB>`, `--namespace=<TAB>`, `-nkube<TAB>`.
    let option = if let Some(id) = pending {
        Some(id)
    } else if let Some((name, value)) = current.strip_prefix("--").and_then(|l| l.split_once('=')) {
        let id = find_long(cmd, name).map(|a| a.get_id().to_string());
        req.lead = format!("--{name}=");
        req.typed = value.to_string();
        id
    } else if current.len() > 2 && current.starts_with('-') && !current.starts_with("--") {
        let c = current[1..].chars().next().unwrap_or('-');
        match find_short(cmd, c).filter(|a| a.get_action().takes_values()) {
            Some(a) => {
                let lead_len = 1 + c.len_utf8();
                req.lead = current[..lead_len].to_string();
                req.typed = current[lead_len..].to_string();
                Some(a.get_id().to_string())
            }
            None => return req,
        }
    } else {
        None
    };
    if let Some(id) = option {
        req.slot = match id.as_str() {
            "namespace" => Slot::Namespace,
            "context" => Slot::Context,
            "cluster" => Slot::Cluster,
            "user" => Slot::User,
            "container" => match positionals.first() {
                Some(pod) => {
                    Slot::Container(pod.strip_prefix("pod/").or(pod.strip_prefix("pods/")).unwrap_or(pod).into())
                }
                None => Slot::Static,
            },
            _ => Slot::Static,
        };
        return req;
    }
    if current.starts_with('-') || after_dashes {
        return req;
    }

    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let filter = match path.as_slice() {
        ["get"] => Some(TypeFilter::Verb("list")),
        ["describe"] => Some(TypeFilter::Verb("get")),
        ["delete"] => Some(TypeFilter::Verb("delete")),
        ["edit"] => Some(TypeFilter::Verb("update")),
        ["label" | "annotate" | "patch"] => Some(TypeFilter::Verb("patch")),
        ["set", "image"] => Some(TypeFilter::Verb("patch")),
        ["scale"] => Some(TypeFilter::Scalable),
        ["rollout", _] => Some(TypeFilter::Rollout),
        _ => None,
    };
    req.slot = match (path.as_slice(), positionals.as_slice()) {
        (["ns"], []) => Slot::Namespace,
        (["ctx"], []) => Slot::Context,
        (["config", "use-context" | "set-context" | "get-contexts"], []) => Slot::Context,
        (["logs" | "exec" | "port-forward"], []) => typed_name(&mut req, "pods"),
        (["logs"], [pod]) => Slot::Container(pod.clone()),
        (_, []) if filter.is_some() => {
            if current.contains('/') {
                typed_name(&mut req, "pods")
            } else if let Some((done, last)) = current.rsplit_once(',') {
                req.lead = format!("{done},");
                req.typed = last.to_string();
                Slot::ResourceType(filter.expect("checked above"))
            } else {
                Slot::ResourceType(filter.expect("checked above"))
            }
        }
        // `get TYPE NAME…`; TYPE/NAME lists and TYPE1,TYPE2 take no bare names.
        (_, [ty, ..]) if filter.is_some() => {
            if ty.contains('/') {
                if current.contains('/') { typed_name(&mut req, "pods") } else { Slot::Static }
            } else if ty.contains(',') {
                Slot::Static
            } else {
                Slot::ObjectName(ty.clone())
            }
        }
        _ => Slot::Static,
    };
    // A slot with no data to offer falls back to nothing rather than to file names.
    if req.slot == Slot::Static && filter.is_some() {
        req.slot = Slot::ObjectName(String::new());
    }
    req
}

/// `TYPE/NAME` (`deploy/we`) completes names of TYPE after the slash; a bare word is a name
/// of `default_type`.
fn typed_name(req: &mut Request, default_type: &str) -> Slot {
    match req.typed.split_once('/') {
        Some((ty, name)) => {
            let ty = ty.to_string();
            req.lead = format!("{}{ty}/", req.lead);
            req.typed = name.to_string();
            Slot::ObjectName(ty)
        }
        None => Slot::ObjectName(default_type.to_string()),
    }
}

/// The values for a slot, unfiltered. Errors (no kubeconfig, unreachable cluster, unknown
/// type) become `None`: the caller offers nothing.
async fn values(req: &Request) -> Option<Vec<String>> {
    let kubeconfig = req.connect.kubeconfig.as_deref();
    let list = |l| complete::kubeconfig_names(kubeconfig, l).ok();
    match &req.slot {
        Slot::Static => None,
        Slot::Context => list(KubeconfigList::Contexts),
        Slot::Cluster => list(KubeconfigList::Clusters),
        Slot::User => list(KubeconfigList::Users),
        Slot::ObjectName(ty) if ty.is_empty() => Some(Vec::new()),
        slot => {
            let session = Session::connect(&req.connect).await.ok()?;
            match slot {
                Slot::ResourceType(filter) => complete::resource_types(&session, *filter).await.ok(),
                Slot::Namespace => {
                    let mut names = complete::object_names(&session, "namespaces", None).await.ok()?;
                    names.sort();
                    Some(names)
                }
                Slot::ObjectName(ty) => {
                    let ns = (!req.all_namespaces).then(|| session.namespace().to_string());
                    complete::object_names(&session, ty, ns.as_deref()).await.ok()
                }
                Slot::Container(pod) => complete::containers(&session, pod, session.namespace()).await.ok(),
                Slot::Static | Slot::Context | Slot::Cluster | Slot::User => None,
            }
        }
    }
}

/// Split a bash command line as bash would, keeping track of whether it ends inside a word:
/// the words before the cursor, and the word under it (empty after a space).
pub fn split_line(line: &str) -> (Vec<String>, String) {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    (words, word)
}

/// Complete the word; candidates as the shell must receive them, or `None` for `:static`.
pub async fn complete(shell: Shell, words: &[String], current: &str, wordbreaks: &str) -> Option<Vec<String>> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let req = analyse(&cmd, words, current);
    if req.slot == Slot::Static {
        return None;
    }
    let found = tokio::time::timeout(TOTAL_TIMEOUT, values(&req)).await.ok().flatten().unwrap_or_default();
    let full = format!("{}{}", req.lead, req.typed);
    let cut = match shell {
        // Bash replaces only what follows the last word-break character.
        Shell::Bash => full.rfind(|c| wordbreaks.contains(c)).map_or(0, |i| i + 1),
        // Fish completes an option's value itself (`--namespace=` stays as typed).
        Shell::Fish if req.lead.starts_with('-') => req.lead.len(),
        Shell::Zsh | Shell::Fish => 0,
    };
    Some(
        found
            .into_iter()
            .filter(|v| v.starts_with(&req.typed))
            .map(|v| format!("{}{v}", req.lead))
            .filter_map(|v| v.get(cut..).map(str::to_string))
            .collect(),
    )
}

/// Bash's default `COMP_WORDBREAKS`, for scripts that do not pass theirs.
const DEFAULT_WORDBREAKS: &str = " \t\n\"'@><=;|&(:";

/// `kx __complete SHELL -- …`, called with the process arguments after `__complete`.
pub fn main(args: Vec<String>) -> ExitCode {
    let mut args = args.into_iter();
    let shell = match args.next().as_deref() {
        Some("bash") => Shell::Bash,
        Some("zsh") => Shell::Zsh,
        Some("fish") => Shell::Fish,
        _ => {
            println!(":static");
            return ExitCode::SUCCESS;
        }
    };
    let rest: Vec<String> = args.skip_while(|a| a != "--").skip(1).collect();
    let (words, current) = match shell {
        // The line starts with the program's name; the program's own name is no cluster value.
        Shell::Bash => match split_line(rest.first().map_or("", String::as_str)) {
            (words, current) if !words.is_empty() => (words[1..].to_vec(), current),
            _ => {
                println!(":static");
                return ExitCode::SUCCESS;
            }
        },
        Shell::Zsh | Shell::Fish => match rest.split_last() {
            Some((current, words)) => (words.to_vec(), current.clone()),
            None => (Vec::new(), String::new()),
        },
    };
    let wordbreaks = std::env::var("COMP_WORDBREAKS").unwrap_or_else(|_| DEFAULT_WORDBREAKS.to_string());
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(_) => {
            println!(":values");
            return ExitCode::SUCCESS;
        }
    };
    let out = rt.block_on(complete(shell, &words, &current, &wordbreaks));
    // Worker threads of a timed-out request must not delay the prompt.
    rt.shutdown_background();
    let mut text = String::new();
    match out {
        Some(candidates) => {
            for c in candidates {
                text.push_str(&c);
                text.push('\n');
            }
            text.push_str(":values\n");
        }
        None => text.push_str(":static\n"),
    }
    // A closed pipe (the user pressed another key) is not worth a panic message.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(line: &str) -> Request {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let (words, current) = split_line(line);
        analyse(&cmd, &words, &current)
    }

    #[test]
    fn split_line_keeps_the_word_under_the_cursor() {
        assert_eq!(split_line("get pods "), (vec!["get".into(), "pods".into()], String::new()));
        assert_eq!(split_line("get po"), (vec!["get".into()], "po".into()));
        assert_eq!(
            split_line("logs 'we b' -c \"a\\\"b"),
            (vec!["logs".into(), "we b".into(), "-c".into()], "a\"b".into())
        );
    }

    #[test]
    fn analyse_get_first_word_is_a_resource_type() {
        assert_eq!(req("get ").slot, Slot::ResourceType(TypeFilter::Verb("list")));
        assert_eq!(req("-n kube-system get po").slot, Slot::ResourceType(TypeFilter::Verb("list")));
        let r = req("get pods,dep");
        assert_eq!((r.lead.as_str(), r.typed.as_str()), ("pods,", "dep"));
        assert_eq!(req("scale ").slot, Slot::ResourceType(TypeFilter::Scalable));
        assert_eq!(req("rollout restart ").slot, Slot::ResourceType(TypeFilter::Rollout));
    }

    #[test]
    fn analyse_get_type_then_names_in_the_namespace() {
        let r = req("get pods -n kube-system we");
        assert_eq!(r.slot, Slot::ObjectName("pods".into()));
        assert_eq!(r.connect.namespace.as_deref(), Some("kube-system"));
        assert_eq!(r.typed, "we");
        let r = req("get -A --context=prod deploy ");
        assert_eq!(r.slot, Slot::ObjectName("deploy".into()));
        assert!(r.all_namespaces);
        assert_eq!(r.connect.context.as_deref(), Some("prod"));
        let r = req("describe deploy/we");
        assert_eq!((r.slot, r.lead.as_str(), r.typed.as_str()), (Slot::ObjectName("deploy".into()), "deploy/", "we"));
    }

    #[test]
    fn analyse_option_values_are_namespaces_contexts_and_containers() {
        assert_eq!(req("get pods -n ").slot, Slot::Namespace);
        let r = req("get pods --namespace=ku");
        assert_eq!((r.slot, r.lead.as_str(), r.typed.as_str()), (Slot::Namespace, "--namespace=", "ku"));
        let r = req("get pods -nku");
        assert_eq!((r.slot, r.lead.as_str(), r.typed.as_str()), (Slot::Namespace, "-n", "ku"));
        assert_eq!(req("--context ").slot, Slot::Context);
        assert_eq!(req("get --cluster ").slot, Slot::Cluster);
        assert_eq!(req("logs web-1 -c ").slot, Slot::Container("web-1".into()));
        assert_eq!(req("exec pod/web-1 -c ").slot, Slot::Container("web-1".into()));
        assert_eq!(req("logs web-1 ").slot, Slot::Container("web-1".into()));
        assert_eq!(req("logs ").slot, Slot::ObjectName("pods".into()));
    }

    #[test]
    fn analyse_ns_ctx_and_config_take_names() {
        assert_eq!(req("ns ").slot, Slot::Namespace);
        assert_eq!(req("ctx ").slot, Slot::Context);
        assert_eq!(req("config use-context ").slot, Slot::Context);
        assert_eq!(req("config use ").slot, Slot::Context);
    }

    #[test]
    fn analyse_commands_flags_and_other_values_stay_static() {
        assert_eq!(req("").slot, Slot::Static);
        assert_eq!(req("ge").slot, Slot::Static);
        assert_eq!(req("get --").slot, Slot::Static);
        assert_eq!(req("get pods -o ").slot, Slot::Static);
        assert_eq!(req("apply -f ").slot, Slot::Static);
        assert_eq!(req("ns -c").slot, Slot::Static);
        assert_eq!(req("exec web-1 -- ").slot, Slot::Static);
        assert_eq!(req("rollout ").slot, Slot::Static);
    }

    #[tokio::test]
    async fn complete_bash_cuts_up_to_the_last_word_break() {
        let dir = tempfile::tempdir().expect("tempdir");
        let kc = dir.path().join("config");
        std::fs::write(
            &kc,
            "apiVersion: v1\nkind: Config\ncontexts:\n- name: admin@prod\n  context: {cluster: c, user: u}\n- name: dev\n  context: {cluster: c, user: u}\ncurrent-context: dev\n",
        )
        .expect("write");
        let words: Vec<String> = vec!["--kubeconfig".into(), kc.display().to_string()];
        let mut ctx_words = words.clone();
        ctx_words.push("ctx".into());
        let got = complete(Shell::Bash, &ctx_words, "admin@", DEFAULT_WORDBREAKS).await;
        assert_eq!(got, Some(vec!["prod".to_string()]));
        let got = complete(Shell::Zsh, &ctx_words, "", DEFAULT_WORDBREAKS).await;
        assert_eq!(got, Some(vec!["admin@prod".to_string(), "dev".to_string()]));
        let got = complete(Shell::Bash, &words, "--context=d", DEFAULT_WORDBREAKS).await;
        assert_eq!(got, Some(vec!["dev".to_string()]));
        let got = complete(Shell::Fish, &words, "--context=d", DEFAULT_WORDBREAKS).await;
        assert_eq!(got, Some(vec!["dev".to_string()]));
        let got = complete(Shell::Zsh, &words, "--context=d", DEFAULT_WORDBREAKS).await;
        assert_eq!(got, Some(vec!["--context=dev".to_string()]));
    }

    #[tokio::test]
    async fn complete_without_a_kubeconfig_offers_nothing() {
        let words: Vec<String> =
            vec!["--kubeconfig".into(), "/nonexistent/kx-config".into(), "get".into(), "pods".into()];
        assert_eq!(complete(Shell::Bash, &words, "", DEFAULT_WORDBREAKS).await, Some(vec![]));
        assert_eq!(complete(Shell::Bash, &words[..2], "--con", DEFAULT_WORDBREAKS).await, None);
    }
}
