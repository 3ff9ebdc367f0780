//! k9s skins (`skin.yml`) turned into kx themes, for `kx theme import`. A skin is YAML under a
//! `k9s:` key (body, prompt, info, help, dialog, frame, views); colours are tcell names
//! (`dodgerblue`), `#rrggbb`, or `default`/`-` for the terminal's own colour. Conversion is
//! lenient, as k9s itself is: unknown keys and unknown colour names are skipped with a note,
//! and only a file that is not YAML, or has no `k9s:` mapping, is an error. The result is a
//! theme patch over the built-in base closest to the skin (light or dark by the body's
//! background), naming only what the skin sets. Depends on [`super::theme`] only.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde_yaml::Value;

use super::theme::{BUILTIN, Role, Theme};

#[derive(Debug, thiserror::Error)]
pub enum SkinError {
    #[error("{}: {message}", path.display())]
    ReadFailed { path: PathBuf, message: String },
    #[error("{}:{line}:{column}: not a YAML k9s skin: {message}", path.display())]
    ParseFailed { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}: not a k9s skin: {message}", path.display())]
    NotASkin { path: PathBuf, message: String },
    #[error("invalid theme name {name:?}: use letters, digits, '-', '_' and '.', not starting with '.'")]
    InvalidName { name: String },
    #[error("theme {name:?} already exists at {} (use --force to replace it)", path.display())]
    Exists { name: String, path: PathBuf },
    #[error("theme {name:?} is built in (use --force to shadow it with the imported skin)")]
    ShadowsBuiltin { name: String },
    #[error("no user config directory to put themes in (set $HOME or $XDG_CONFIG_HOME)")]
    NoThemeDir,
    #[error("{}: {message}", path.display())]
    WriteFailed { path: PathBuf, message: String },
    /// The converted theme does not load; a bug in the converter, reported rather than
    /// written.
    #[error("the converted theme does not load: {0}")]
    ConversionInvalid(String),
}

/// Which half of a style a skin colour sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Channel {
    Fg,
    Bg,
}
use Channel::{Bg, Fg};

/// Every skin key kx uses, as its path under `k9s`, and the styles it sets. A colour that
/// has several meanings in kx (the YAML value colour for strings, numbers and booleans)
/// sets each of them, so the imported theme looks like the skin and not half like the base.
const MAPPED: &[(&str, &[(Role, Channel)])] = &[
    ("body.fgColor", &[(Role::Base, Fg)]),
    ("body.bgColor", &[(Role::Base, Bg)]),
    ("body.logoColor", &[(Role::Logo, Fg)]),
    ("body.logoColorInfo", &[(Role::FlashInfo, Fg)]),
    ("body.logoColorWarn", &[(Role::FlashWarn, Fg)]),
    ("body.logoColorError", &[(Role::FlashError, Fg)]),
    ("prompt.fgColor", &[(Role::Prompt, Fg)]),
    ("prompt.bgColor", &[(Role::Prompt, Bg)]),
    ("prompt.suggestColor", &[(Role::PromptSuggestion, Fg)]),
    ("prompt.border.command", &[(Role::PromptLabel, Fg)]),
    ("info.fgColor", &[(Role::HeaderValue, Fg)]),
    ("info.sectionColor", &[(Role::HeaderKey, Fg)]),
    ("help.fgColor", &[(Role::HelpText, Fg)]),
    ("help.bgColor", &[(Role::HelpText, Bg)]),
    ("help.sectionColor", &[(Role::HelpSection, Fg)]),
    ("help.keyColor", &[(Role::HelpKey, Fg)]),
    ("dialog.fgColor", &[(Role::Dialog, Fg)]),
    ("dialog.bgColor", &[(Role::Dialog, Bg)]),
    ("dialog.buttonFgColor", &[(Role::DialogButton, Fg)]),
    ("dialog.buttonBgColor", &[(Role::DialogButton, Bg)]),
    ("dialog.buttonFocusFgColor", &[(Role::DialogButtonFocus, Fg)]),
    ("dialog.buttonFocusBgColor", &[(Role::DialogButtonFocus, Bg)]),
    ("dialog.labelFgColor", &[(Role::DialogTitle, Fg)]),
    ("frame.border.fgColor", &[(Role::Border, Fg)]),
    ("frame.border.focusColor", &[(Role::BorderFocus, Fg)]),
    ("frame.menu.fgColor", &[(Role::HintText, Fg)]),
    ("frame.menu.keyColor", &[(Role::HintKey, Fg)]),
    ("frame.crumbs.fgColor", &[(Role::Crumb, Fg), (Role::CrumbCurrent, Fg)]),
    ("frame.crumbs.bgColor", &[(Role::Crumb, Bg)]),
    ("frame.crumbs.activeColor", &[(Role::CrumbCurrent, Bg)]),
    ("frame.status.newColor", &[(Role::StatusNew, Fg)]),
    ("frame.status.modifyColor", &[(Role::StatusWarn, Fg)]),
    ("frame.status.pendingColor", &[(Role::StatusPending, Fg)]),
    ("frame.status.errorColor", &[(Role::StatusError, Fg), (Role::LogError, Fg), (Role::PromptError, Fg)]),
    ("frame.status.highlightColor", &[(Role::SearchMatch, Bg)]),
    ("frame.status.killColor", &[(Role::StatusDeleting, Fg)]),
    ("frame.status.completedColor", &[(Role::StatusDone, Fg)]),
    ("frame.title.fgColor", &[(Role::Title, Fg)]),
    ("frame.title.bgColor", &[(Role::Title, Bg), (Role::TitleCount, Bg), (Role::TitleFilter, Bg)]),
    ("frame.title.highlightColor", &[(Role::SearchCurrent, Bg)]),
    ("frame.title.counterColor", &[(Role::TitleCount, Fg)]),
    ("frame.title.filterColor", &[(Role::TitleFilter, Fg)]),
    ("views.table.fgColor", &[(Role::TableRow, Fg), (Role::StatusOk, Fg)]),
    ("views.table.bgColor", &[(Role::TableRow, Bg)]),
    ("views.table.cursorFgColor", &[(Role::TableCursor, Fg)]),
    ("views.table.cursorBgColor", &[(Role::TableCursor, Bg)]),
    ("views.table.markColor", &[(Role::TableMarked, Fg)]),
    ("views.table.header.fgColor", &[(Role::TableHeader, Fg)]),
    ("views.table.header.bgColor", &[(Role::TableHeader, Bg), (Role::TableHeaderSorted, Bg)]),
    ("views.table.header.sorterColor", &[(Role::TableHeaderSorted, Fg)]),
    ("views.xray.fgColor", &[(Role::XrayKind, Fg)]),
    ("views.xray.graphicColor", &[(Role::XrayTree, Fg)]),
    ("views.yaml.keyColor", &[(Role::YamlKey, Fg), (Role::DescribeKey, Fg)]),
    (
        "views.yaml.valueColor",
        &[(Role::YamlString, Fg), (Role::YamlNumber, Fg), (Role::YamlBool, Fg), (Role::YamlNull, Fg)],
    ),
    ("views.yaml.colonColor", &[(Role::YamlPunct, Fg)]),
    ("views.logs.fgColor", &[(Role::Text, Fg), (Role::EditorText, Fg)]),
    ("views.logs.bgColor", &[(Role::Text, Bg)]),
    ("views.logs.indicator.fgColor", &[(Role::LogPrefix, Fg)]),
];

/// Skin keys k9s knows that have no counterpart in kx (charts, icons, number keys): skipped
/// without a note, since the skin is not wrong to have them.
const UNMAPPED: &[&str] = &[
    "body.logoColorMsg",
    "prompt.border.default",
    "help.numKeyColor",
    "dialog.fieldFgColor",
    "frame.border.bgColor",
    "frame.menu.numKeyColor",
    "frame.crumbs.keyColor",
    "frame.status.addColor",
    "views.xray.bgColor",
    "views.xray.cursorColor",
    "views.xray.cursorTextColor",
    "views.xray.cursorFgColor",
    "views.xray.showIcons",
    "views.charts.*",
    "views.picker.*",
    "views.logs.indicator.bgColor",
    "views.logs.indicator.toggleOnColor",
    "views.logs.indicator.toggleOffColor",
    "emoji.*",
];

/// A kx style being built from skin colours; `None` leaves the base's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Patch {
    fg: Option<Color>,
    bg: Option<Color>,
}

/// A converted skin: the base theme it patches, the styles it sets (in [`Role::ALL`]
/// order), and notes about what was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub base: &'static str,
    styles: Vec<(Role, Patch)>,
    pub notes: Vec<String>,
}

/// What a skin colour means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkinColor {
    /// The terminal's own colour (`default`, `-`).
    Default,
    Rgb(u8, u8, u8),
}

impl SkinColor {
    fn color(self) -> Color {
        match self {
            SkinColor::Default => Color::Reset,
            SkinColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
        }
    }
}

/// Parse a colour as tcell does for k9s: `#rrggbb`, a W3C/X11 name in any case, or
/// `default`/`-`. tcell renders its 16 basic names as true colours too, so every name maps
/// to its RGB value and the theme looks the same whatever the terminal's palette.
pub fn parse_skin_color(s: &str) -> Option<SkinColor> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("default") || s == "-" {
        return Some(SkinColor::Default);
    }
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let n = u32::from_str_radix(hex, 16).ok()?;
        return Some(SkinColor::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
    }
    let lower = s.to_ascii_lowercase();
    let i = NAMED.binary_search_by(|(n, _)| n.cmp(&lower.as_str())).ok()?;
    let n = NAMED[i].1;
    Some(SkinColor::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8))
}

fn is_unmapped(path: &str) -> bool {
    UNMAPPED.iter().any(|u| match u.strip_suffix(".*") {
        Some(prefix) => path == prefix || path.starts_with(&format!("{prefix}.")),
        None => *u == path,
    })
}

/// Whether `path` is a section of the skin (a mapping that holds known keys).
fn is_section(path: &str) -> bool {
    let prefix = format!("{path}.");
    MAPPED.iter().any(|(k, _)| k.starts_with(&prefix)) || UNMAPPED.iter().any(|k| k.starts_with(&prefix))
}

fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Relative luminance in 0..=1 (sRGB weights, without gamma: enough to tell light from dark).
fn luminance(c: SkinColor) -> Option<f64> {
    match c {
        SkinColor::Rgb(r, g, b) => {
            Some((0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b)) / 255.0)
        }
        SkinColor::Default => None,
    }
}

/// Convert the text of a k9s skin. `path` only names the file in errors.
pub fn convert(text: &str, path: &Path) -> Result<Conversion, SkinError> {
    let mut doc: Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        SkinError::ParseFailed { path: path.to_path_buf(), line, column, message: e.to_string() }
    })?;
    // `<<: *palette` merge keys are common in hand-written skins; resolve them as k9s'
    // YAML library does.
    doc.apply_merge().map_err(|e| SkinError::ParseFailed {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: e.to_string(),
    })?;
    let root = match doc {
        Value::Mapping(m) => m,
        Value::Null => {
            return Err(SkinError::NotASkin { path: path.to_path_buf(), message: "the file is empty".into() });
        }
        _ => {
            return Err(SkinError::NotASkin {
                path: path.to_path_buf(),
                message: "the top level is not a mapping".into(),
            });
        }
    };
    let Some(k9s) = root.get("k9s") else {
        return Err(SkinError::NotASkin { path: path.to_path_buf(), message: "it has no `k9s:` section".into() });
    };
    let mut styles: Vec<(Role, Patch)> = Vec::new();
    let mut notes = Vec::new();
    let mut body_bg = None;
    let mut visit = Walk { styles: &mut styles, notes: &mut notes, body_bg: &mut body_bg };
    match k9s {
        Value::Mapping(_) => visit.walk("", k9s),
        Value::Null => {}
        _ => {
            return Err(SkinError::NotASkin { path: path.to_path_buf(), message: "`k9s:` is not a mapping".into() });
        }
    }
    styles.sort_by_key(|(role, _)| Role::ALL.iter().position(|r| r == role));
    let base = match body_bg.and_then(luminance) {
        Some(l) if l > 0.5 => "light",
        _ => "dark",
    };
    Ok(Conversion { base, styles, notes })
}

struct Walk<'a> {
    styles: &'a mut Vec<(Role, Patch)>,
    notes: &'a mut Vec<String>,
    body_bg: &'a mut Option<SkinColor>,
}

impl Walk<'_> {
    fn walk(&mut self, prefix: &str, value: &Value) {
        let Value::Mapping(map) = value else { return };
        for (k, v) in map {
            let key = key_text(k);
            let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            if let Some((_, targets)) = MAPPED.iter().find(|(p, _)| *p == path) {
                self.colour(&path, v, targets);
            } else if is_unmapped(&path) {
                continue;
            } else if is_section(&path) {
                match v {
                    Value::Mapping(_) => self.walk(&path, v),
                    Value::Null => {}
                    _ => self.notes.push(format!("k9s.{path}: expected a mapping, skipped")),
                }
            } else {
                self.notes.push(format!("k9s.{path}: unknown key, ignored"));
            }
        }
    }

    fn colour(&mut self, path: &str, v: &Value, targets: &[(Role, Channel)]) {
        let text = match v {
            Value::String(s) => s.as_str(),
            Value::Null => return,
            other => {
                let shown = serde_yaml::to_string(other).unwrap_or_default();
                self.notes.push(format!("k9s.{path}: {:?} is not a colour, skipped", shown.trim()));
                return;
            }
        };
        let Some(c) = parse_skin_color(text) else {
            self.notes.push(format!("k9s.{path}: unknown colour {text:?}, skipped"));
            return;
        };
        if path == "body.bgColor" {
            *self.body_bg = Some(c);
        }
        for (role, channel) in targets {
            let i = match self.styles.iter().position(|(r, _)| r == role) {
                Some(i) => i,
                None => {
                    self.styles.push((*role, Patch::default()));
                    self.styles.len() - 1
                }
            };
            let patch = &mut self.styles[i].1;
            match channel {
                Fg => patch.fg = Some(c.color()),
                Bg => patch.bg = Some(c.color()),
            }
        }
    }
}

fn color_text(c: Color) -> String {
    match c {
        Color::Reset => "reset".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        other => other.to_string().to_lowercase(),
    }
}

impl Conversion {
    /// How many kx styles the skin sets.
    pub fn len(&self) -> usize {
        self.styles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.styles.is_empty()
    }

    /// The kx theme file: a patch over [`Conversion::base`] naming only what the skin sets.
    pub fn to_toml(&self, name: &str, source: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Imported from the k9s skin {source} by `kx theme import`.");
        let _ = writeln!(out, "# Styles not named here come from the built-in {:?} theme.", self.base);
        let _ = writeln!(out, "name = {}", toml_string(name));
        let _ = writeln!(out, "base = {}", toml_string(self.base));
        let _ = writeln!(out, "\n[styles]");
        for (role, p) in &self.styles {
            let mut fields = Vec::new();
            if let Some(fg) = p.fg {
                fields.push(format!("fg = \"{}\"", color_text(fg)));
            }
            if let Some(bg) = p.bg {
                fields.push(format!("bg = \"{}\"", color_text(bg)));
            }
            let _ = writeln!(out, "\"{}\" = {{ {} }}", role.key(), fields.join(", "));
        }
        out
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Whether `name` can be a theme file's stem: no path separators, no hidden files.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The theme name a skin file suggests: its file stem (`dracula.yaml` → `dracula`).
pub fn name_from_path(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The outcome of [`import`].
#[derive(Debug)]
pub struct Imported {
    pub name: String,
    pub path: PathBuf,
    pub conversion: Conversion,
}

/// Convert the skin at `skin` and write it as `<themes_dir>/<name>.toml`. An existing theme
/// file, or a built-in theme's name, is replaced only with `force`. The theme is loaded back
/// before it is written, so a file kx would refuse is never left behind.
pub fn import(skin: &Path, name: Option<&str>, themes_dir: Option<&Path>, force: bool) -> Result<Imported, SkinError> {
    let name = name.map(str::to_string).unwrap_or_else(|| name_from_path(skin));
    if !valid_name(&name) {
        return Err(SkinError::InvalidName { name });
    }
    let dir = themes_dir.ok_or(SkinError::NoThemeDir)?;
    let target = dir.join(format!("{name}.toml"));
    if !force {
        if target.exists() {
            return Err(SkinError::Exists { name, path: target });
        }
        if BUILTIN.iter().any(|(n, _)| *n == name) {
            return Err(SkinError::ShadowsBuiltin { name });
        }
    }
    let text = std::fs::read_to_string(skin)
        .map_err(|e| SkinError::ReadFailed { path: skin.to_path_buf(), message: e.to_string() })?;
    let conversion = convert(&text, skin)?;
    let toml = conversion.to_toml(&name, &skin.display().to_string());
    Theme::from_user(&toml, &target).map_err(|e| SkinError::ConversionInvalid(e.to_string()))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| SkinError::WriteFailed { path: dir.to_path_buf(), message: e.to_string() })?;
    // Write then rename, so a theme the TUI is reading is never half written.
    let tmp = dir.join(format!(".{name}.toml.tmp"));
    std::fs::write(&tmp, toml).map_err(|e| SkinError::WriteFailed { path: tmp.clone(), message: e.to_string() })?;
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        SkinError::WriteFailed { path: target.clone(), message: e.to_string() }
    })?;
    Ok(Imported { name, path: target, conversion })
}

/// The W3C/X11 colour names tcell knows (and so k9s skins use), sorted for binary search.
const NAMED: &[(&str, u32)] = &[
    ("aliceblue", 0xf0f8ff),
    ("antiquewhite", 0xfaebd7),
    ("aqua", 0x00ffff),
    ("aquamarine", 0x7fffd4),
    ("azure", 0xf0ffff),
    ("beige", 0xf5f5dc),
    ("bisque", 0xffe4c4),
    ("black", 0x000000),
    ("blanchedalmond", 0xffebcd),
    ("blue", 0x0000ff),
    ("blueviolet", 0x8a2be2),
    ("brown", 0xa52a2a),
    ("burlywood", 0xdeb887),
    ("cadetblue", 0x5f9ea0),
    ("chartreuse", 0x7fff00),
    ("chocolate", 0xd2691e),
    ("coral", 0xff7f50),
    ("cornflowerblue", 0x6495ed),
    ("cornsilk", 0xfff8dc),
    ("crimson", 0xdc143c),
    ("cyan", 0x00ffff),
    ("darkblue", 0x00008b),
    ("darkcyan", 0x008b8b),
    ("darkgoldenrod", 0xb8860b),
    ("darkgray", 0xa9a9a9),
    ("darkgreen", 0x006400),
    ("darkgrey", 0xa9a9a9),
    ("darkkhaki", 0xbdb76b),
    ("darkmagenta", 0x8b008b),
    ("darkolivegreen", 0x556b2f),
    ("darkorange", 0xff8c00),
    ("darkorchid", 0x9932cc),
    ("darkred", 0x8b0000),
    ("darksalmon", 0xe9967a),
    ("darkseagreen", 0x8fbc8f),
    ("darkslateblue", 0x483d8b),
    ("darkslategray", 0x2f4f4f),
    ("darkslategrey", 0x2f4f4f),
    ("darkturquoise", 0x00ced1),
    ("darkviolet", 0x9400d3),
    ("deeppink", 0xff1493),
    ("deepskyblue", 0x00bfff),
    ("dimgray", 0x696969),
    ("dimgrey", 0x696969),
    ("dodgerblue", 0x1e90ff),
    ("firebrick", 0xb22222),
    ("floralwhite", 0xfffaf0),
    ("forestgreen", 0x228b22),
    ("fuchsia", 0xff00ff),
    ("gainsboro", 0xdcdcdc),
    ("ghostwhite", 0xf8f8ff),
    ("gold", 0xffd700),
    ("goldenrod", 0xdaa520),
    ("gray", 0x808080),
    ("green", 0x008000),
    ("greenyellow", 0xadff2f),
    ("grey", 0x808080),
    ("honeydew", 0xf0fff0),
    ("hotpink", 0xff69b4),
    ("indianred", 0xcd5c5c),
    ("indigo", 0x4b0082),
    ("ivory", 0xfffff0),
    ("khaki", 0xf0e68c),
    ("lavender", 0xe6e6fa),
    ("lavenderblush", 0xfff0f5),
    ("lawngreen", 0x7cfc00),
    ("lemonchiffon", 0xfffacd),
    ("lightblue", 0xadd8e6),
    ("lightcoral", 0xf08080),
    ("lightcyan", 0xe0ffff),
    ("lightgoldenrodyellow", 0xfafad2),
    ("lightgray", 0xd3d3d3),
    ("lightgreen", 0x90ee90),
    ("lightgrey", 0xd3d3d3),
    ("lightpink", 0xffb6c1),
    ("lightsalmon", 0xffa07a),
    ("lightseagreen", 0x20b2aa),
    ("lightskyblue", 0x87cefa),
    ("lightslategray", 0x778899),
    ("lightslategrey", 0x778899),
    ("lightsteelblue", 0xb0c4de),
    ("lightyellow", 0xffffe0),
    ("lime", 0x00ff00),
    ("limegreen", 0x32cd32),
    ("linen", 0xfaf0e6),
    ("magenta", 0xff00ff),
    ("maroon", 0x800000),
    ("mediumaquamarine", 0x66cdaa),
    ("mediumblue", 0x0000cd),
    ("mediumorchid", 0xba55d3),
    ("mediumpurple", 0x9370db),
    ("mediumseagreen", 0x3cb371),
    ("mediumslateblue", 0x7b68ee),
    ("mediumspringgreen", 0x00fa9a),
    ("mediumturquoise", 0x48d1cc),
    ("mediumvioletred", 0xc71585),
    ("midnightblue", 0x191970),
    ("mintcream", 0xf5fffa),
    ("mistyrose", 0xffe4e1),
    ("moccasin", 0xffe4b5),
    ("navajowhite", 0xffdead),
    ("navy", 0x000080),
    ("oldlace", 0xfdf5e6),
    ("olive", 0x808000),
    ("olivedrab", 0x6b8e23),
    ("orange", 0xffa500),
    ("orangered", 0xff4500),
    ("orchid", 0xda70d6),
    ("palegoldenrod", 0xeee8aa),
    ("palegreen", 0x98fb98),
    ("paleturquoise", 0xafeeee),
    ("palevioletred", 0xdb7093),
    ("papayawhip", 0xffefd5),
    ("peachpuff", 0xffdab9),
    ("peru", 0xcd853f),
    ("pink", 0xffc0cb),
    ("plum", 0xdda0dd),
    ("powderblue", 0xb0e0e6),
    ("purple", 0x800080),
    ("rebeccapurple", 0x663399),
    ("red", 0xff0000),
    ("rosybrown", 0xbc8f8f),
    ("royalblue", 0x4169e1),
    ("saddlebrown", 0x8b4513),
    ("salmon", 0xfa8072),
    ("sandybrown", 0xf4a460),
    ("seagreen", 0x2e8b57),
    ("seashell", 0xfff5ee),
    ("sienna", 0xa0522d),
    ("silver", 0xc0c0c0),
    ("skyblue", 0x87ceeb),
    ("slateblue", 0x6a5acd),
    ("slategray", 0x708090),
    ("slategrey", 0x708090),
    ("snow", 0xfffafa),
    ("springgreen", 0x00ff7f),
    ("steelblue", 0x4682b4),
    ("tan", 0xd2b48c),
    ("teal", 0x008080),
    ("thistle", 0xd8bfd8),
    ("tomato", 0xff6347),
    ("turquoise", 0x40e0d0),
    ("violet", 0xee82ee),
    ("wheat", 0xf5deb3),
    ("white", 0xffffff),
    ("whitesmoke", 0xf5f5f5),
    ("yellow", 0xffff00),
    ("yellowgreen", 0x9acd32),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> (PathBuf, String) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/skins").join(name);
        let text = std::fs::read_to_string(&path).expect("fixture exists");
        (path, text)
    }

    #[test]
    fn named_colours_are_sorted_for_binary_search() {
        for w in NAMED.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn skin_colour_accepts_names_hex_and_default() {
        assert_eq!(parse_skin_color("DodgerBlue"), Some(SkinColor::Rgb(0x1e, 0x90, 0xff)));
        assert_eq!(parse_skin_color("#BD93f9"), Some(SkinColor::Rgb(0xbd, 0x93, 0xf9)));
        assert_eq!(parse_skin_color("default"), Some(SkinColor::Default));
        assert_eq!(parse_skin_color("-"), Some(SkinColor::Default));
        assert_eq!(parse_skin_color("red"), Some(SkinColor::Rgb(0xff, 0, 0)));
        assert_eq!(parse_skin_color("#fff"), None);
        assert_eq!(parse_skin_color("blurple"), None);
    }

    #[test]
    fn skin_with_anchors_converts_to_a_dark_theme() {
        let (path, text) = fixture("midnight.yaml");
        let c = convert(&text, &path).expect("converts");
        assert_eq!(c.base, "dark");
        insta::assert_snapshot!("skin_midnight_theme", c.to_toml("midnight", "midnight.yaml"));
        insta::assert_snapshot!("skin_midnight_notes", c.notes.join("\n"));
    }

    #[test]
    fn skin_with_default_and_named_colours_converts_to_a_light_theme() {
        let (path, text) = fixture("paper.yml");
        let c = convert(&text, &path).expect("converts");
        assert_eq!(c.base, "light");
        insta::assert_snapshot!("skin_paper_theme", c.to_toml("paper", "paper.yml"));
        insta::assert_snapshot!("skin_paper_notes", c.notes.join("\n"));
    }

    #[test]
    fn converted_fixtures_load_as_themes() {
        for (file, name) in [("midnight.yaml", "midnight"), ("paper.yml", "paper")] {
            let (path, text) = fixture(file);
            let c = convert(&text, &path).expect("converts");
            let t = Theme::from_user(&c.to_toml(name, file), Path::new("t.toml")).expect("loads");
            assert_eq!(t.name, name);
        }
    }

    #[test]
    fn skin_anchor_colour_reaches_every_role_it_maps_to() {
        let text = "palette:\n  pink: &pink \"#ff79c6\"\nk9s:\n  views:\n    yaml:\n      keyColor: *pink\n";
        let c = convert(text, Path::new("s.yml")).expect("converts");
        let t = Theme::from_user(&c.to_toml("s", "s.yml"), Path::new("s.toml")).expect("loads");
        assert_eq!(t.style(Role::YamlKey).fg, Some(Color::Rgb(0xff, 0x79, 0xc6)));
        assert_eq!(t.style(Role::DescribeKey).fg, Some(Color::Rgb(0xff, 0x79, 0xc6)));
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn skin_merge_keys_are_resolved() {
        let text =
            "base: &base\n  fgColor: white\n  bgColor: black\nk9s:\n  dialog:\n    <<: *base\n    buttonFgColor: red\n";
        let c = convert(text, Path::new("s.yml")).expect("converts");
        let toml = c.to_toml("s", "s.yml");
        assert!(toml.contains("\"dialog\" = { fg = \"#ffffff\", bg = \"#000000\" }"), "{toml}");
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn skin_without_k9s_section_is_an_error() {
        let err = convert("foo: bar\n", Path::new("/x/skin.yml")).expect_err("no k9s");
        assert_eq!(err.to_string(), "/x/skin.yml: not a k9s skin: it has no `k9s:` section");
    }

    #[test]
    fn skin_yaml_syntax_error_names_file_and_line() {
        let err = convert("k9s:\n  body:\n    fgColor: [\n", Path::new("s.yml")).expect_err("bad yaml");
        assert!(err.to_string().starts_with("s.yml:"), "{err}");
    }

    #[test]
    fn skin_non_colour_values_are_noted_and_skipped() {
        let c = convert("k9s:\n  body:\n    fgColor: 12\n    bgColor: black\n", Path::new("s.yml")).expect("converts");
        assert_eq!(c.notes, vec!["k9s.body.fgColor: \"12\" is not a colour, skipped"]);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn frame_pods_table_in_an_imported_skin() {
        let (path, text) = fixture("midnight.yaml");
        let c = convert(&text, &path).expect("converts");
        let theme = Theme::from_user(&c.to_toml("midnight", "midnight.yaml"), Path::new("t.toml")).expect("loads");
        let mut m = crate::tui::tests::pods_model();
        m.theme = theme;
        m.width = 70;
        m.height = 14;
        crate::tui::update::prepare(&mut m);
        let t = crate::tui::tests::render(&m);
        insta::assert_debug_snapshot!("skin_midnight_frame", t.backend().buffer());
    }

    #[test]
    fn import_writes_the_theme_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, _) = fixture("midnight.yaml");
        let themes = dir.path().join("themes");
        let done = import(&path, None, Some(&themes), false).expect("imports");
        assert_eq!(done.name, "midnight");
        assert_eq!(done.path, themes.join("midnight.toml"));
        let loaded = Theme::load("midnight", Some(dir.path())).expect("loads from the config dir");
        assert_eq!(loaded.name, "midnight");
        let again = import(&path, None, Some(&themes), false).expect_err("exists");
        assert!(matches!(again, SkinError::Exists { .. }), "{again}");
        import(&path, None, Some(&themes), true).expect("force replaces");
    }

    #[test]
    fn import_refuses_bad_names_and_builtin_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, _) = fixture("paper.yml");
        let bad = import(&path, Some("../evil"), Some(dir.path()), false).expect_err("bad name");
        assert!(matches!(bad, SkinError::InvalidName { .. }));
        let builtin = import(&path, Some("dark"), Some(dir.path()), false).expect_err("builtin");
        assert!(matches!(builtin, SkinError::ShadowsBuiltin { .. }));
    }
}
