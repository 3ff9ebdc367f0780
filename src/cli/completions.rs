//! `kx completions SHELL`: the completion script for bash, zsh, fish, PowerShell or elvish,
//! generated from the clap definitions (commands, flags, fixed values). The bash, zsh and
//! fish scripts also ask `kx __complete` (see `complete`) for what only the cluster or the
//! kubeconfig knows, and fall back to the generated completion for everything else.
//! `completions/` in the repository holds these scripts; a test keeps it current.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to print the script for.
    shell: Shell,
}

/// The static script clap_complete generates for `shell`.
fn generated(shell: Shell) -> String {
    let mut cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kx", &mut buf);
    String::from_utf8(buf).expect("clap_complete writes UTF-8")
}

/// `_kx_cluster` runs first: `:values` means its candidates are the answer (none
/// included, so an unreachable cluster never falls back to file names); anything else
/// hands over to the generated `_kx`.
const BASH_HOOK: &str = r#"
# Cluster values (resource types and names, namespaces, contexts, containers) come from
# `kx __complete`; everything else from the generated _kx above.
_kx_cluster() {
    local out
    out=$(COMP_WORDBREAKS="$COMP_WORDBREAKS" "$1" __complete bash -- "${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
    if [[ "${out##*$'\n'}" != ":values" ]]; then
        _kx "$@"
        return
    fi
    COMPREPLY=()
    local line
    while IFS= read -r line; do
        [[ "$line" == ":values" ]] && break
        COMPREPLY+=("$line")
    done <<< "$out"
    if [[ ${#COMPREPLY[@]} -eq 0 ]]; then
        compopt +o default +o bashdefault 2>/dev/null
    fi
    return 0
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _kx_cluster -o nosort -o bashdefault -o default kx
else
    complete -F _kx_cluster -o bashdefault -o default kx
fi
"#;

/// Replaces the generated `_kx` as the entry point (the generated one becomes
/// `_kx_static`), so the script works both sourced and installed in `$fpath` as `_kx`.
const ZSH_HOOK: &str = r#"# Cluster values (resource types and names, namespaces, contexts, containers) come from
# `kx __complete`; everything else from the generated _kx_static above.
_kx() {
    local out
    local -a reply
    out=$("${words[1]}" __complete zsh -- "${(@)words[2,CURRENT-1]}" "$PREFIX" 2>/dev/null)
    if [[ "${out##*$'\n'}" != ":values" ]]; then
        _kx_static "$@"
        return
    fi
    reply=("${(@f)out}")
    reply=("${(@)reply[1,-2]}")
    compadd -a reply
}

"#;

/// One `kx __complete` per command line and second, shared by the conditions of every
/// rule below (fish evaluates each rule's condition separately).
const FISH_HOOK: &str = r#"
# Cluster values (resource types and names, namespaces, contexts, containers) come from
# `kx __complete`; everything else from the generated rules above.
function __kx_cluster_complete
    set -l key (commandline -cp) (date +%s)
    if test "$key" != "$__kx_cluster_key"
        set -g __kx_cluster_key $key
        set -l tokens (commandline -opc)
        # Quoted, so an empty current token is still an argument.
        set -l current (commandline -ct)
        set -g __kx_cluster_out ($tokens[1] __complete fish -- $tokens[2..-1] "$current" 2>/dev/null)
    end
    test "$__kx_cluster_out[-1]" = ":values"
end

function __kx_cluster_values
    string join \n -- $__kx_cluster_out[1..-2]
end

complete -c kx -n __kx_cluster_complete -f -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -s n -l namespace -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -l context -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -l cluster -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -l user -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -s c -l container -f -r -a '(__kx_cluster_values)'
"#;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut s = generated(shell);
    match shell {
        Shell::Bash => s.push_str(BASH_HOOK),
        Shell::Zsh => {
            const ENTRY: &str = "\n_kx() {\n";
            const DISPATCH: &str = "if [ \"$funcstack[1]\" = \"_kx\" ]; then";
            assert!(
                s.contains(ENTRY) && s.contains(DISPATCH),
                "clap_complete's zsh script changed shape; update completions::script"
            );
            s = s.replacen(ENTRY, "\n_kx_static() {\n", 1);
            let at = s.rfind(DISPATCH).expect("checked above");
            s.insert_str(at, ZSH_HOOK);
        }
        Shell::Fish => s.push_str(FISH_HOOK),
        _ => {}
    }
    s
}

pub fn run(a: CompletionsArgs) -> std::process::ExitCode {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(script(a.shell).as_bytes());
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shell kx has a script for, with its file name under `completions/`.
    const SHELLS: [(Shell, &str); 5] = [
        (Shell::Bash, "kx.bash"),
        (Shell::Zsh, "_kx"),
        (Shell::Fish, "kx.fish"),
        (Shell::PowerShell, "_kx.ps1"),
        (Shell::Elvish, "kx.elv"),
    ];

    /// `KX_UPDATE_COMPLETIONS=1 cargo test --lib completions` rewrites the files.
    #[test]
    fn completions_dir_matches_the_clap_definitions() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
        let update = std::env::var_os("KX_UPDATE_COMPLETIONS").is_some();
        let mut stale = Vec::new();
        for (shell, file) in SHELLS {
            let path = dir.join(file);
            let want = script(shell);
            if update {
                std::fs::create_dir_all(&dir).expect("create completions/");
                std::fs::write(&path, &want).expect("write a completion script");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
                stale.push(format!("completions/{file}"));
            }
        }
        assert!(
            stale.is_empty(),
            "{} out of date with the clap definitions; regenerate with\n    KX_UPDATE_COMPLETIONS=1 cargo test --lib completions\n(or `kx completions SHELL > completions/FILE` for each shell)",
            stale.join(", ")
        );
    }

    #[test]
    fn script_zsh_enters_through_the_cluster_hook() {
        let s = script(Shell::Zsh);
        assert!(s.starts_with("#compdef kx\n"));
        assert_eq!(s.matches("\n_kx() {\n").count(), 1);
        assert_eq!(s.matches("\n_kx_static() {\n").count(), 1);
        assert!(s.find("\n_kx() {\n") > s.find("\n_kx_static() {\n"));
    }

    #[test]
    fn script_hidden_completer_is_not_offered_as_a_command() {
        for (shell, _) in SHELLS {
            let s = generated(shell);
            assert!(!s.contains("__complete"), "{shell:?}");
            assert!(s.contains("completions"), "{shell:?}");
        }
    }
}
