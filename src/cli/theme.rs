//! `kx theme list|import`: the TUI's colour themes. Parsing and printing only; listing and
//! conversion live in `tui::theme` and `tui::skin`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::client::printer;
use crate::tui::config::{self, Config};
use crate::tui::{skin, theme};

#[derive(Args, Debug)]
pub struct ThemeArgs {
    #[command(subcommand)]
    command: ThemeCommand,
}

#[derive(Subcommand, Debug)]
enum ThemeCommand {
    /// List built-in and user themes; `*` marks the configured default.
    #[command(visible_alias = "ls")]
    List,
    /// Convert a k9s skin (skin.yml) into a kx theme in the user's themes directory.
    Import(ImportArgs),
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// The k9s skin file.
    path: PathBuf,
    /// The theme's name [default: the skin's file name without extension].
    #[arg(long, value_name = "N")]
    name: Option<String>,
    /// Replace an existing user theme, or shadow a built-in one, of the same name.
    #[arg(long)]
    force: bool,
}

pub fn run(a: ThemeArgs) -> ExitCode {
    match a.command {
        ThemeCommand::List => list(),
        ThemeCommand::Import(i) => import(i),
    }
}

/// The configured theme; a broken config is reported and the defaults used, since listing
/// themes is how one goes about fixing it.
fn configured_theme() -> String {
    match Config::load(config::default_path().as_deref()) {
        Ok(c) => c.theme,
        Err(e) => {
            eprintln!("warning: {e}; using the default settings");
            Config::default().theme
        }
    }
}

fn list() -> ExitCode {
    let current = configured_theme();
    let mut rows = vec![["CURRENT", "NAME", "SOURCE"].map(String::from).to_vec()];
    let mut broken = Vec::new();
    for t in theme::list(config::locate().as_deref()) {
        let star = if t.name == current { "*" } else { "" };
        let source = match &t.source {
            theme::Source::Builtin => "built-in".to_string(),
            theme::Source::User(p) => p.display().to_string(),
        };
        let source = if t.error.is_some() { format!("{source} (broken)") } else { source };
        if let Some(e) = t.error {
            broken.push(e);
        }
        rows.push(vec![star.into(), t.name, source]);
    }
    print!("{}", printer::layout(&rows));
    for e in broken {
        eprintln!("warning: {e}");
    }
    ExitCode::SUCCESS
}

fn import(i: ImportArgs) -> ExitCode {
    match skin::import(&i.path, i.name.as_deref(), theme::user_theme_dir().as_deref(), i.force) {
        Ok(done) => {
            for note in &done.conversion.notes {
                eprintln!("note: {note}");
            }
            println!(
                "Imported {} as theme \"{}\" ({} styles over the built-in {} theme): {}",
                i.path.display(),
                done.name,
                done.conversion.len(),
                done.conversion.base,
                done.path.display()
            );
            println!("Use it with `kx --theme {0}`, `:theme {0}`, or theme = \"{0}\" in the config file.", done.name);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
