//! The TUI's config file, `<config dir>/kx/config.toml` (`$KX_CONFIG` overrides the path):
//! theme, log buffer size, command aliases, favourite namespaces and key bindings. A
//! malformed file is an error naming the file, the line and the key, so it can be fixed
//! without guessing.
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
    #[error("unknown theme {name:?} (built-in themes: {})", known.join(", "))]
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
            path: None,
        }
    }
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
    fn config_missing_file_is_defaults() {
        let c = Config::load(Some(Path::new("/nonexistent/kx/config.toml"))).expect("defaults");
        assert_eq!(c.theme, "dark");
    }
}
