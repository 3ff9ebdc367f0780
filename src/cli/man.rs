//! `kx man [DIR]`: man pages from the clap definitions (clap_mangen), one per command and
//! subcommand (`kx.1`, `kx-get.1`, `kx-rollout-status.1`, …) written into DIR, or kx's own
//! page on stdout.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory};

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write every page into this directory (created if missing) and list the files written.
    dir: Option<PathBuf>,
}

/// kx's commands, built (display names such as `kx-rollout-status` are set by building).
fn command() -> clap::Command {
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Write a page for `cmd` and each visible subcommand into `dir`; the files, parents first.
pub fn write_pages(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fn walk(cmd: &clap::Command, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        out.push(clap_mangen::Man::new(cmd.clone()).generate_to(dir)?);
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, dir, out)?;
        }
        Ok(())
    }
    std::fs::create_dir_all(dir)?;
    let mut out = Vec::new();
    walk(&command(), dir, &mut out)?;
    Ok(out)
}

pub fn run(a: ManArgs) -> ExitCode {
    use std::io::Write;
    match a.dir {
        Some(dir) => match write_pages(&dir) {
            Ok(files) => {
                for f in files {
                    println!("{}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: could not write man pages to {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        },
        None => {
            let mut page = Vec::new();
            if let Err(e) = clap_mangen::Man::new(command()).render(&mut page) {
                eprintln!("error: could not render the man page: {e}");
                return ExitCode::FAILURE;
            }
            let _ = std::io::stdout().lock().write_all(&page);
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kx-rollout-undo.1` for `kx rollout undo`, from the unbuilt definitions.
    fn expected(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let name = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix}-{}", cmd.get_name()) };
        out.push(format!("{name}.1"));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            expected(sub, &name, out);
        }
    }

    #[test]
    fn write_pages_every_command_and_subcommand_gets_a_page() {
        let dir = tempfile::tempdir().expect("tempdir");
        let written = write_pages(dir.path()).expect("write pages");
        let mut want = Vec::new();
        expected(&super::super::Cli::command(), "", &mut want);
        assert!(want.len() > 30, "{want:?}");
        let got: Vec<String> =
            written.iter().map(|p| p.file_name().expect("a file").to_string_lossy().into_owned()).collect();
        assert_eq!(got, want);
        for p in &written {
            let text = std::fs::read_to_string(p).expect("read page");
            assert!(text.contains(".TH ") && text.contains(".SH NAME"), "{}", p.display());
        }
    }
}
