//! `?`: every binding in effect (after the config's rebinding), by where it applies, and the
//! `:` commands.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::super::keymap::{Action, Scope};
use super::super::model::Model;
use super::super::theme::Role;
use super::{frame, put};

const COMMANDS: &[(&str, &str)] = &[
    (":pods :po :deploy :svc …", "Open any resource type (short names, CRDs)"),
    (":po kube-system  :po -A", "… in a namespace, several (a,b) or all"),
    (":po -l app=web", "… with a label selector"),
    (":ns NAME", "Switch namespace (:ns lists them)"),
    (":ctx [NAME]", "Switch context"),
    (":events", "Events, most recent first"),
    (":xray", "Owner tree of the selected object"),
    (":pf", "Running port-forwards (ctrl-d stops one)"),
    (":theme NAME", "Switch theme (dark, light, high-contrast)"),
    (":q", "Quit"),
];

/// One line of the help page.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Section(&'static str),
    Binding(String, String),
    Blank,
}

/// Every line help shows, in order: the bindings in effect by scope, the dialogs' fixed
/// keys, the `:` commands and the user's aliases.
pub fn entries(m: &Model) -> Vec<Entry> {
    let km = m.keymap();
    let sections = [
        (Scope::Global, "GENERAL"),
        (Scope::Table, "RESOURCES"),
        (Scope::Text, "DESCRIBE / YAML"),
        (Scope::Logs, "LOGS"),
        (Scope::Editor, "EDITOR"),
    ];
    let mut out = Vec::new();
    for (scope, name) in sections {
        out.push(Entry::Section(name));
        for &a in Action::ALL.iter().filter(|a| a.scope() == scope) {
            let keys = km.keys(a);
            if keys.is_empty() {
                continue;
            }
            let k = keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ");
            out.push(Entry::Binding(k, a.help().to_string()));
        }
        out.push(Entry::Blank);
    }
    out.push(Entry::Section("DIALOGS"));
    for (k, t) in DIALOGS {
        out.push(Entry::Binding(k.to_string(), t.to_string()));
    }
    out.push(Entry::Blank);
    out.push(Entry::Section("COMMANDS"));
    for (c, t) in COMMANDS {
        out.push(Entry::Binding(c.to_string(), String::new()));
        out.push(Entry::Binding(String::new(), t.to_string()));
    }
    for (alias, exp) in &m.config.aliases {
        out.push(Entry::Binding(format!(":{alias}"), exp.clone()));
    }
    out
}

/// Keys of the confirm dialog, pickers and the editor's diff review (fixed, not rebindable).
const DIALOGS: &[(&str, &str)] = &[
    ("y enter", "Confirm (enter: the focused button)"),
    ("n esc q", "Cancel"),
    ("tab left right", "Move between yes and no"),
    ("g f", "Delete: grace period 0, force"),
    ("up down enter", "Pickers: move, choose"),
    ("y enter / n esc", "Editor diff: apply / back to editing"),
    ("tab left right", "Port-forward: next field, declared ports"),
];

const COLUMN_WIDTH: u16 = 46;

/// How many columns of entries fit in `width`.
pub fn columns(width: u16) -> u16 {
    (width / COLUMN_WIDTH).max(1)
}

pub fn render(m: &Model, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let all = entries(m);
    let offset = m.help_offset.min(all.len().saturating_sub(1));
    let block = frame(m, vec![Span::styled(" help ", th.style(Role::Title))]);
    let inner = block.inner(area);
    block.render(area, buf);
    // Lay the entries out in columns of equal width, flowing top to bottom, from the
    // scroll offset on.
    // Columns share the width, so a narrow terminal's one column shows whole descriptions.
    let cols = columns(inner.width);
    let col_w = (inner.width / cols).max(COLUMN_WIDTH.min(inner.width));
    let mut col = 0u16;
    let mut y = inner.y;
    let mut shown = 0usize;
    for e in &all[offset..] {
        if y >= inner.bottom() {
            col += 1;
            y = inner.y;
        }
        if col >= cols {
            break;
        }
        // A blank line at the top of a column is wasted space.
        if *e == Entry::Blank && y == inner.y {
            shown += 1;
            continue;
        }
        let x = inner.x + 1 + col * col_w;
        let w = col_w.saturating_sub(1).min(inner.right().saturating_sub(x));
        match e {
            Entry::Section(name) => {
                put(buf, x, y, name, 0, w, th.style(Role::HelpSection));
            }
            Entry::Binding(key, text) => {
                let kx = put(buf, x, y, key, 0, w.min(16), th.style(Role::HelpKey));
                let tx = (x + 17).max(kx + 1);
                put(buf, tx, y, text, 0, (x + w).saturating_sub(tx), th.style(Role::HelpText));
            }
            Entry::Blank => {}
        }
        y += 1;
        shown += 1;
    }
    // Say where more is, since help is the one place every binding must be reachable.
    let more = match (offset > 0, offset + shown < all.len()) {
        (true, true) => " ↑↓ more ",
        (true, false) => " ↑ more ",
        (false, true) => " ↓ more (j/pgdn) ",
        (false, false) => "",
    };
    if !more.is_empty() && area.width > 20 {
        let w = more.chars().count() as u16;
        buf.set_string(
            area.right().saturating_sub(w + 2),
            area.bottom().saturating_sub(1),
            more,
            th.style(Role::Title),
        );
    }
}
