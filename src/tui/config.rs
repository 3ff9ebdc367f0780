//! The TUI's config file, `<config dir>/kx/config.toml` (`$KX_CONFIG` overrides the path):
//! theme, log buffer size, command aliases, favourite namespaces, key bindings, and settings
//! per kubeconfig context (read-only, favourite namespaces). A malformed file is an error
//! naming the file, the line and the key, so it can be fixed without guessing; callers
//! decide whether to go on with the defaults (the TUI asks, the CLI warns).
//!
//! ```toml
//! [ui]
//! theme = "dark"            # or "light", "high-contrast", or a file in themes/
//! log_buffer_lines = 5000
//! readonly = false
//!
//! [aliases]
//! dp = "deployments"
//! sys = "pods -n kube-system"
//!
//! [namespaces]
//! favourites = ["default", "kube-system"]   # keys 1, 2, …
//!
//! [contexts."prod-eu"]      # settings for one kubeconfig context
//! readonly = true           # refuse changes while on this context
//! favourites = ["payments", "kube-system"]
//!
//! [keys]
//! delete = "ctrl-d"
//! scale = ["s", "ctrl-s"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::keymap::{Action, Key, Keymap};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("{}:{line}:{column}: {key}: {message}", path.display())]
    Invalid { path: PathBuf, line: usize, column: usize, key: String, message: String },
    #[error("unknown theme {name:?} (themes: {})", known.join(", "))]
    UnknownTheme { name: String, known: Vec<String> },
}

/// Line and column (1-based) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

impl ConfigError {
    pub fn at(path: &Path, text: &str, offset: usize, key: &str, message: &str) -> ConfigError {
        let (line, column) = line_col(text, offset);
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            key: key.to_string(),
            message: message.to_string(),
        }
    }

    /// A TOML syntax or shape error, with the key it concerns when toml says which.
    pub fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_string();
        // toml names unknown fields in backquotes; otherwise the text at the span is the key.
        let key = message
            .split('`')
            .nth(1)
            .map(str::to_string)
            .or_else(|| {
                e.span().map(|s| {
                    let line_start = text[..s.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
                    text[line_start..line_end].split('=').next().unwrap_or("").trim().to_string()
                })
            })
            .unwrap_or_default();
        ConfigError::at(path, text, offset, &key, &message)
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    ui: Ui,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    namespaces: Namespaces,
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<KeyList>>,
    #[serde(default)]
    contexts: BTreeMap<String, ContextFile>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    readonly: Option<bool>,
    favourites: Option<Vec<String>>,
}

/// What the config says about one kubeconfig context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextSettings {
    /// Refuse changes on this context. A context can add read-only, never lift it: `--readonly`
    /// and `ui.readonly` hold everywhere.
    pub readonly: bool,
    /// Favourite namespaces here, replacing the global list; `None` keeps the global one.
    pub favourites: Option<Vec<String>>,
}

/// The settings in effect on a context: the global ones with the context's laid over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    pub readonly: bool,
    pub favourites: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Ui {
    theme: Option<String>,
    log_buffer_lines: Option<usize>,
    readonly: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Namespaces {
    #[serde(default)]
    favourites: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// The settings the TUI runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub theme: String,
    pub log_buffer_lines: usize,
    pub readonly: bool,
    pub aliases: BTreeMap<String, String>,
    pub favourites: Vec<String>,
    pub keymap: Keymap,
    /// Settings per kubeconfig context, by context name.
    pub contexts: BTreeMap<String, ContextSettings>,
    /// `[namespaces] favourites`, for contexts without a list of their own (`favourites`
    /// is the list of the context in use).
    pub global_favourites: Vec<String>,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: "dark".into(),
            log_buffer_lines: 5000,
            readonly: false,
            aliases: BTreeMap::new(),
            favourites: vec!["default".into()],
            keymap: Keymap::default(),
            contexts: BTreeMap::new(),
            global_favourites: vec!["default".into()],
            path: None,
        }
    }
}

/// Show a config problem and ask whether to go on with `fallback` (`the default settings`):
/// yes only for an answer starting with `y`, so a stray Enter does not hide a broken file.
pub fn ask_to_continue(
    problem: &str,
    fallback: &str,
    input: &mut impl std::io::BufRead,
    output: &mut impl std::io::Write,
) -> bool {
    let _ = write!(output, "error: {problem}\nContinue with {fallback}? [y/N] ");
    let _ = output.flush();
    let mut answer = String::new();
    if input.read_line(&mut answer).is_err() {
        return false;
    }
    answer.trim().to_ascii_lowercase().starts_with('y')
}

/// `<config dir>/kx`.
pub fn locate() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("kx"))
}

/// The config file to read: `$KX_CONFIG`, else `<config dir>/kx/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KX_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    locate().map(|d| d.join("config.toml"))
}

impl Config {
    /// Read the config file; a missing file is the defaults.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else { return Ok(Config::default()) };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(ConfigError::Read { path: path.to_path_buf(), message: e.to_string() }),
        };
        let mut c = Config::parse(&text, path)?;
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: File = toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let mut c = Config::default();
        if let Some(t) = file.ui.theme {
            c.theme = t;
        }
        if let Some(n) = file.ui.log_buffer_lines {
            if n == 0 {
                let offset = text.find("log_buffer_lines").unwrap_or(0);
                return Err(ConfigError::at(path, text, offset, "ui.log_buffer_lines", "must be at least 1"));
            }
            c.log_buffer_lines = n;
        }
        c.readonly = file.ui.readonly.unwrap_or(false);
        c.aliases = file.aliases;
        if !file.namespaces.favourites.is_empty() {
            c.favourites = file.namespaces.favourites;
            c.global_favourites = c.favourites.clone();
        }
        for (name, ctx) in file.contexts {
            c.contexts
                .insert(name, ContextSettings { readonly: ctx.readonly.unwrap_or(false), favourites: ctx.favourites });
        }
        for (name, keys) in file.keys {
            let span = keys.span();
            let key_name = format!("keys.{name}");
            let action = Action::from_name(&name)
                .ok_or_else(|| ConfigError::at(path, text, span.start, &key_name, "unknown action"))?;
            let list = match keys.into_inner() {
                KeyList::One(s) => vec![s],
                KeyList::Many(v) => v,
            };
            let parsed = list
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|m| ConfigError::at(path, text, span.start, &key_name, &m))?;
            c.keymap.bind(action, parsed);
        }
        Ok(c)
    }

    /// The settings in effect on `context`.
    pub fn for_context(&self, context: &str) -> Effective {
        let ctx = self.contexts.get(context);
        Effective {
            readonly: self.readonly || ctx.is_some_and(|c| c.readonly),
            favourites: ctx.and_then(|c| c.favourites.clone()).unwrap_or_else(|| self.global_favourites.clone()),
        }
    }

    /// Switch to `context`'s settings: its favourites become [`Config::favourites`]; the
    /// answer is whether it is read-only.
    pub fn enter_context(&mut self, context: &str) -> bool {
        let e = self.for_context(context);
        self.favourites = e.favourites;
        e.readonly
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_parses_every_section() {
        let c = Config::parse(
            "[ui]\ntheme = \"light\"\nlog_buffer_lines = 100\n[aliases]\ndp = \"deployments\"\n[namespaces]\nfavourites = [\"a\", \"b\"]\n[keys]\ndelete = \"D\"\nscale = [\"s\", \"ctrl-s\"]\n",
            Path::new("c.toml"),
        )
        .expect("parses");
        assert_eq!(c.theme, "light");
        assert_eq!(c.log_buffer_lines, 100);
        assert_eq!(c.aliases["dp"], "deployments");
        assert_eq!(c.favourites, vec!["a", "b"]);
        assert_eq!(c.keymap.actions(Key::char('D')), &[Action::Delete]);
        assert_eq!(c.keymap.keys(Action::Scale).len(), 2);
    }

    #[test]
    fn config_unknown_action_names_file_line_and_key() {
        let err = Config::parse("[keys]\nquit = \"q\"\ndelet = \"D\"\n", Path::new("/home/u/.config/kx/config.toml"))
            .expect_err("unknown action");
        assert_eq!(err.to_string(), "/home/u/.config/kx/config.toml:3:9: keys.delet: unknown action");
    }

    #[test]
    fn config_bad_key_names_file_line_and_key() {
        let err = Config::parse("[keys]\n\ndelete = \"ctrl-dd\"\n", Path::new("c.toml")).expect_err("bad key");
        assert!(err.to_string().starts_with("c.toml:3:"), "{err}");
        assert!(err.to_string().contains("keys.delete"), "{err}");
    }

    #[test]
    fn config_unknown_section_key_names_it() {
        let err = Config::parse("[ui]\nthem = \"x\"\n", Path::new("c.toml")).expect_err("unknown field");
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:2:"), "{msg}");
        assert!(msg.contains("them"), "{msg}");
    }

    #[test]
    fn config_wrong_type_names_line() {
        let err = Config::parse("[ui]\nlog_buffer_lines = \"many\"\n", Path::new("c.toml")).expect_err("type");
        assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
        assert!(err.to_string().contains("log_buffer_lines"), "{err}");
    }

    #[test]
    fn config_context_settings_override_favourites_and_add_readonly() {
        let mut c = Config::parse(
            "[namespaces]\nfavourites = [\"default\", \"web\"]\n[contexts.prod]\nreadonly = true\nfavourites = [\"payments\"]\n[contexts.\"arn:aws:eks:eu-west-1:1:cluster/dev\"]\nfavourites = []\n",
            Path::new("c.toml"),
        )
        .expect("parses");
        assert_eq!(c.for_context("prod"), Effective { readonly: true, favourites: vec!["payments".into()] });
        assert_eq!(c.for_context("arn:aws:eks:eu-west-1:1:cluster/dev").favourites, Vec::<String>::new());
        assert_eq!(
            c.for_context("kind-dev"),
            Effective { readonly: false, favourites: vec!["default".into(), "web".into()] }
        );
        assert!(c.enter_context("prod"));
        assert_eq!(c.favourites, vec!["payments"]);
        assert!(!c.enter_context("kind-dev"));
        assert_eq!(c.favourites, vec!["default", "web"]);
    }

    #[test]
    fn config_context_cannot_lift_global_readonly() {
        let c = Config::parse("[ui]\nreadonly = true\n[contexts.dev]\nreadonly = false\n", Path::new("c.toml"))
            .expect("parses");
        assert!(c.for_context("dev").readonly);
    }

    #[test]
    fn config_unknown_context_key_names_file_line_and_key() {
        let err = Config::parse("[contexts.prod]\nreadonly = true\nfavorites = [\"a\"]\n", Path::new("c.toml"))
            .expect_err("unknown field");
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:3:"), "{msg}");
        assert!(msg.contains("favorites"), "{msg}");
    }

    #[test]
    fn switching_context_applies_its_readonly_and_favourites() {
        use crate::tui::model::{Info, Model};
        use crate::tui::msg::Msg;
        use crate::tui::tests::{info, key, now};
        let config = Config::parse(
            "[namespaces]\nfavourites = [\"default\", \"web\"]\n[contexts.prod]\nreadonly = true\nfavourites = [\"payments\"]\n",
            Path::new("c.toml"),
        )
        .expect("parses");
        let mut m = Model::new(info(), config, crate::tui::theme::Theme::dark(), false, now());
        assert!(!m.readonly);
        assert_eq!(m.config.favourites, vec!["default", "web"]);
        let prod = Info { context: "prod".into(), ..info() };
        crate::tui::update::update(&mut m, Msg::Switched(Ok(prod)));
        assert!(m.readonly);
        assert_eq!(m.config.favourites, vec!["payments"]);
        assert!(m.flash.as_ref().is_some_and(|f| f.text.contains("(read-only)")), "{:?}", m.flash);
        crate::tui::update::update(&mut m, key('1'));
        assert_eq!(m.namespaces, crate::tui::model::Namespaces::one("payments"));
        crate::tui::update::update(&mut m, Msg::Switched(Ok(info())));
        assert!(!m.readonly);
        assert_eq!(m.config.favourites, vec!["default", "web"]);
    }

    #[test]
    fn readonly_flag_holds_on_every_context() {
        use crate::tui::model::{Info, Model};
        use crate::tui::msg::Msg;
        use crate::tui::tests::{info, now};
        let mut m = Model::new(info(), Config::default(), crate::tui::theme::Theme::dark(), true, now());
        assert!(m.readonly);
        crate::tui::update::update(&mut m, Msg::Switched(Ok(Info { context: "prod".into(), ..info() })));
        assert!(m.readonly);
    }

    #[test]
    fn ask_to_continue_needs_a_yes() {
        for (answer, go_on) in [("y\n", true), ("Yes\n", true), ("\n", false), ("n\n", false), ("", false)] {
            let mut out = Vec::new();
            let got = ask_to_continue("c.toml:1:1: ui: bad", "the default settings", &mut answer.as_bytes(), &mut out);
            assert_eq!(got, go_on, "{answer:?}");
            let shown = String::from_utf8(out).expect("utf-8");
            assert_eq!(shown, "error: c.toml:1:1: ui: bad\nContinue with the default settings? [y/N] ");
        }
    }

    /// The TOML blocks of the README's "The config file" and "Themes" sections.
    fn readme_block(section: &str) -> String {
        let readme = include_str!("../../README.md");
        let start = readme.find(section).expect("README section");
        let rest = &readme[start..];
        let open = rest.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let close = rest[open..].find("```").expect("closed");
        rest[open..open + close].to_string()
    }

    #[test]
    fn readme_config_example_parses() {
        let c = Config::parse(&readme_block("### The config file"), Path::new("README.md")).expect("parses");
        assert!(c.for_context("prod-eu").readonly);
        assert_eq!(c.for_context("arn:aws:eks:eu-west-1:123456789012:cluster/staging").favourites, vec!["web", "jobs"]);
        assert_eq!(c.aliases["sys"], "pods -n kube-system");
    }

    #[test]
    fn readme_theme_example_loads() {
        let t =
            crate::tui::theme::Theme::from_user(&readme_block("### Themes"), Path::new("README.md")).expect("loads");
        assert_eq!(t.name, "dark");
    }

    #[test]
    fn config_missing_file_is_defaults() {
        let c = Config::load(Some(Path::new("/nonexistent/kx/config.toml"))).expect("defaults");
        assert_eq!(c.theme, "dark");
    }
}
