//! Themes: every colour the TUI draws with comes from a [`Role`] looked up here, never from
//! a literal in a view. Built-in themes are compiled in from `themes/*.toml`; a user theme
//! (`<config dir>/kx/themes/NAME.toml`) is a patch naming only the styles, and within a style
//! only the fields, it changes, over the built-in it names as `base` (dark by default).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::config::{ConfigError, locate};

macro_rules! roles {
    ($($variant:ident => $key:literal,)*) => {
        /// What a piece of the screen is, for styling.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Role { $($variant,)* }

        impl Role {
            pub const ALL: &'static [Role] = &[$(Role::$variant,)*];

            /// The key naming this role in theme files.
            pub fn key(self) -> &'static str {
                match self { $(Role::$variant => $key,)* }
            }

            pub fn from_key(key: &str) -> Option<Role> {
                match key { $($key => Some(Role::$variant),)* _ => None }
            }
        }
    };
}

roles! {
    Base => "base",
    HeaderKey => "header.key",
    HeaderValue => "header.value",
    HintKey => "header.hint.key",
    HintText => "header.hint.text",
    Logo => "header.logo",
    Embedded => "header.embedded",
    Title => "title",
    TitleCount => "title.count",
    TitleFilter => "title.filter",
    Border => "border",
    BorderFocus => "border.focus",
    Crumb => "breadcrumb",
    CrumbCurrent => "breadcrumb.current",
    TableHeader => "table.header",
    TableHeaderSorted => "table.header.sorted",
    TableRow => "table.row",
    TableCursor => "table.cursor",
    TableMarked => "table.marked",
    StatusOk => "status.ok",
    StatusWarn => "status.warn",
    StatusError => "status.error",
    StatusPending => "status.pending",
    StatusDone => "status.done",
    StatusDeleting => "status.deleting",
    StatusNew => "status.new",
    Prompt => "prompt",
    PromptLabel => "prompt.label",
    PromptSuggestion => "prompt.suggestion",
    PromptError => "prompt.error",
    FlashInfo => "flash.info",
    FlashWarn => "flash.warn",
    FlashError => "flash.error",
    Disconnected => "banner.disconnected",
    Dialog => "dialog",
    DialogTitle => "dialog.title",
    DialogButton => "dialog.button",
    DialogButtonFocus => "dialog.button.focus",
    DialogDanger => "dialog.danger",
    Text => "text",
    YamlKey => "yaml.key",
    YamlString => "yaml.string",
    YamlNumber => "yaml.number",
    YamlBool => "yaml.bool",
    YamlNull => "yaml.null",
    YamlComment => "yaml.comment",
    YamlPunct => "yaml.punct",
    DescribeKey => "describe.key",
    SearchMatch => "search.match",
    SearchCurrent => "search.current",
    LogPrefix => "log.prefix",
    LogTimestamp => "log.timestamp",
    LogError => "log.error",
    DiffAdd => "diff.add",
    DiffRemove => "diff.remove",
    DiffContext => "diff.context",
    EditorText => "editor.text",
    EditorCursor => "editor.cursor",
    EditorCursorLine => "editor.cursor_line",
    EditorLineNumber => "editor.line_number",
    EditorOk => "editor.ok",
    EditorError => "editor.error",
    HelpSection => "help.section",
    HelpKey => "help.key",
    HelpText => "help.text",
    XrayKind => "xray.kind",
    XrayTree => "xray.tree",
}

/// The built-in themes, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    styles: HashMap<Role, Style>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    styles: HashMap<String, toml::Spanned<StyleSpec>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reversed: Option<bool>,
}

fn parse_color(s: &str) -> Option<Color> {
    s.parse::<Color>().ok()
}

impl StyleSpec {
    fn to_style(&self) -> Result<Style, String> {
        let mut st = Style::default();
        if let Some(fg) = &self.fg {
            st = st.fg(parse_color(fg).ok_or_else(|| format!("unknown colour {fg:?}"))?);
        }
        if let Some(bg) = &self.bg {
            st = st.bg(parse_color(bg).ok_or_else(|| format!("unknown colour {bg:?}"))?);
        }
        for (flag, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            match flag {
                Some(true) => st = st.add_modifier(m),
                Some(false) => st = st.remove_modifier(m),
                None => {}
            }
        }
        Ok(st)
    }
}

impl Theme {
    /// The default theme (dark).
    pub fn dark() -> Theme {
        Theme::builtin("dark").expect("the dark theme is compiled in")
    }

    pub fn builtin(name: &str) -> Option<Theme> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let mut t = Theme { name: name.to_string(), styles: HashMap::new() };
        t.patch(text, Path::new(&format!("themes/{name}.toml"))).expect("built-in themes parse");
        Some(t)
    }

    /// Load `name`: a user theme file in the config dir if there is one (patched over its
    /// base), else a built-in.
    pub fn load(name: &str, config_dir: Option<&Path>) -> Result<Theme, ConfigError> {
        if let Some(dir) = config_dir {
            let path = dir.join("themes").join(format!("{name}.toml"));
            if path.exists() {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| ConfigError::Read { path: path.clone(), message: e.to_string() })?;
                return Theme::from_user(&text, &path);
            }
        }
        Theme::builtin(name)
            .ok_or_else(|| ConfigError::UnknownTheme { name: name.to_string(), known: Theme::available(config_dir) })
    }

    /// A user theme: its base, then its styles.
    pub fn from_user(text: &str, path: &Path) -> Result<Theme, ConfigError> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let base = file.base.as_deref().unwrap_or("dark");
        let mut t = Theme::builtin(base).ok_or_else(|| ConfigError::UnknownTheme {
            name: base.to_string(),
            known: BUILTIN.iter().map(|(n, _)| n.to_string()).collect(),
        })?;
        t.patch(text, path)?;
        if let Some(n) = file.name {
            t.name = n;
        }
        Ok(t)
    }

    fn patch(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        for (key, spec) in file.styles {
            let span = spec.span();
            let role = Role::from_key(&key).ok_or_else(|| {
                ConfigError::at(path, text, span.start, &format!("styles.\"{key}\""), "unknown style name")
            })?;
            let style = spec
                .get_ref()
                .to_style()
                .map_err(|m| ConfigError::at(path, text, span.start, &format!("styles.\"{key}\""), &m))?;
            // A style names only the fields it changes: a user theme setting a title's
            // colour keeps the base's bold.
            let merged = self.styles.get(&role).map_or(style, |old| old.patch(style));
            self.styles.insert(role, merged);
        }
        Ok(())
    }

    /// The style of `role` (unset roles draw in the base style).
    pub fn style(&self, role: Role) -> Style {
        let base = self.styles.get(&Role::Base).copied().unwrap_or_default();
        match self.styles.get(&role) {
            Some(s) if role != Role::Base => base.patch(*s),
            _ => base,
        }
    }

    pub fn names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// Every theme name `load` accepts: the built-ins and the user themes in
    /// `config_dir/themes` (by file name only, without loading them), sorted.
    pub fn available(config_dir: Option<&Path>) -> Vec<String> {
        let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        if let Some(Ok(entries)) = config_dir.map(|d| std::fs::read_dir(d.join("themes"))) {
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().and_then(|x| x.to_str()) == Some("toml")
                    && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
                    && !stem.starts_with('.')
                {
                    names.push(stem.to_string());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }
}

/// The config dir's theme folder (for listing user themes in completion).
pub fn user_theme_dir() -> Option<std::path::PathBuf> {
    locate().map(|d| d.join("themes"))
}

/// Where a theme comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    /// A file in the config dir's `themes/`; it wins over a built-in of the same name.
    User(PathBuf),
}

/// One theme `kx theme list` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub source: Source,
    /// Why the theme would not load, for a user theme that is broken.
    pub error: Option<String>,
}

/// Every theme `:theme` and `--theme` accept: user themes in `config_dir/themes` (each
/// loaded, so a broken one is shown as such) and the built-ins they do not shadow, sorted by
/// name.
pub fn list(config_dir: Option<&Path>) -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    if let Some(dir) = config_dir.map(|d| d.join("themes"))
        && let Ok(entries) = std::fs::read_dir(&dir)
    {
        for e in entries.flatten() {
            let path = e.path();
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else { continue };
            if name.starts_with('.') || path.extension().and_then(|x| x.to_str()) != Some("toml") {
                continue;
            }
            let error = match std::fs::read_to_string(&path) {
                Ok(text) => Theme::from_user(&text, &path).err().map(|e| e.to_string()),
                Err(e) => Some(e.to_string()),
            };
            out.push(Listed { name: name.to_string(), source: Source::User(path.clone()), error });
        }
    }
    for (name, _) in BUILTIN {
        if !out.iter().any(|l| l.name == *name) {
            out.push(Listed { name: name.to_string(), source: Source::Builtin, error: None });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_define_every_role() {
        for (name, _) in BUILTIN {
            let t = Theme::builtin(name).expect("builtin");
            for r in Role::ALL {
                assert!(t.styles.contains_key(r), "{name} lacks {}", r.key());
            }
        }
    }

    #[test]
    fn user_theme_patches_only_named_keys() {
        let t = Theme::from_user(
            "base = \"light\"\n[styles]\n\"table.cursor\" = { fg = \"black\", bg = \"yellow\" }\n",
            Path::new("mine.toml"),
        )
        .expect("parses");
        let light = Theme::builtin("light").expect("light");
        assert_eq!(t.style(Role::TableCursor).bg, Some(Color::Yellow));
        assert_eq!(t.style(Role::Title), light.style(Role::Title));
    }

    #[test]
    fn user_theme_unknown_key_names_file_line_and_key() {
        let err = Theme::from_user("[styles]\n\"tabel.row\" = { fg = \"red\" }\n", Path::new("/x/bad.toml"))
            .expect_err("unknown key");
        let msg = err.to_string();
        assert!(msg.contains("/x/bad.toml:2"), "{msg}");
        assert!(msg.contains("tabel.row"), "{msg}");
    }

    #[test]
    fn user_theme_style_keeps_the_fields_it_does_not_name() {
        let t = Theme::from_user("[styles]\n\"title\" = { fg = \"#123456\" }\n", Path::new("t.toml")).expect("parses");
        let title = t.style(Role::Title);
        assert_eq!(title.fg, Some(Color::Rgb(0x12, 0x34, 0x56)));
        assert!(title.add_modifier.contains(Modifier::BOLD), "the dark title's bold survives");
        let t = Theme::from_user("[styles]\n\"title\" = { bold = false }\n", Path::new("t.toml")).expect("parses");
        assert!(!t.style(Role::Title).add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn list_shows_user_themes_over_builtins_and_marks_broken_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let themes = dir.path().join("themes");
        std::fs::create_dir_all(&themes).expect("mkdir");
        std::fs::write(themes.join("mine.toml"), "base = \"light\"\n").expect("write");
        std::fs::write(themes.join("light.toml"), "[styles]\n\"title\" = { fg = \"red\" }\n").expect("write");
        std::fs::write(themes.join("broken.toml"), "[styles]\n\"tabel\" = {}\n").expect("write");
        std::fs::write(themes.join("notes.txt"), "not a theme").expect("write");
        let l = list(Some(dir.path()));
        let names: Vec<&str> = l.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["broken", "dark", "high-contrast", "light", "mine"]);
        assert_eq!(l[1].source, Source::Builtin);
        assert_eq!(l[3].source, Source::User(themes.join("light.toml")));
        assert!(l[0].error.as_deref().is_some_and(|e| e.contains("tabel")), "{:?}", l[0].error);
        assert_eq!(l[4].error, None);
    }

    #[test]
    fn available_names_user_themes_and_unknown_theme_lists_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("themes")).expect("mkdir");
        std::fs::write(dir.path().join("themes/dracula.toml"), "").expect("write");
        std::fs::write(dir.path().join("themes/.dracula.toml.tmp"), "").expect("write");
        assert_eq!(Theme::available(Some(dir.path())), ["dark", "dracula", "high-contrast", "light"]);
        let err = Theme::load("nord", Some(dir.path())).expect_err("unknown");
        assert_eq!(err.to_string(), "unknown theme \"nord\" (themes: dark, dracula, high-contrast, light)");
    }

    #[test]
    fn user_theme_bad_colour_is_an_error() {
        let err = Theme::from_user("[styles]\n\"title\" = { fg = \"blurple\" }\n", Path::new("t.toml"))
            .expect_err("bad colour");
        assert!(err.to_string().contains("blurple"));
    }
}
