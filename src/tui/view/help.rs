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
    (":theme NAME", "Switch theme (dark, light, high-contrast)"),
    (":q", "Quit"),
];

pub fn render(m: &Model, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let block = frame(m, vec![Span::styled(" help ", th.style(Role::Title))]);
    let inner = block.inner(area);
    block.render(area, buf);
    let km = m.keymap();
    let sections = [
        (Scope::Global, "GENERAL"),
        (Scope::Table, "RESOURCES"),
        (Scope::Text, "DESCRIBE / YAML"),
        (Scope::Logs, "LOGS"),
        (Scope::Editor, "EDITOR"),
    ];
    // Lay the sections out in columns of equal width, flowing top to bottom.
    let col_w: u16 = 46;
    let cols = (inner.width / col_w).max(1);
    let mut col = 0u16;
    let mut y = inner.y;
    let emit = |y: &mut u16, col: &mut u16, key: &str, text: &str, role_k: Role, role_t: Role, buf: &mut Buffer| {
        if *y >= inner.bottom() {
            *col += 1;
            *y = inner.y;
        }
        if *col >= cols {
            return;
        }
        let x = inner.x + 1 + *col * col_w;
        let w = col_w.saturating_sub(1).min(inner.right().saturating_sub(x));
        let kx = put(buf, x, *y, key, 0, w.min(16), th.style(role_k));
        let tx = (x + 17).max(kx + 1);
        put(buf, tx, *y, text, 0, (x + w).saturating_sub(tx), th.style(role_t));
        *y += 1;
    };
    for (scope, name) in sections {
        emit(&mut y, &mut col, name, "", Role::HelpSection, Role::HelpText, buf);
        for &a in Action::ALL.iter().filter(|a| a.scope() == scope) {
            let keys = km.keys(a);
            if keys.is_empty() {
                continue;
            }
            let k = keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ");
            emit(&mut y, &mut col, &k, a.help(), Role::HelpKey, Role::HelpText, buf);
        }
        if y < inner.bottom() && y > inner.y {
            y += 1;
        }
    }
    emit(&mut y, &mut col, "COMMANDS", "", Role::HelpSection, Role::HelpText, buf);
    for (c, t) in COMMANDS {
        emit(&mut y, &mut col, c, "", Role::HelpKey, Role::HelpText, buf);
        emit(&mut y, &mut col, "", t, Role::HelpKey, Role::HelpText, buf);
    }
    for (alias, exp) in &m.config.aliases {
        emit(&mut y, &mut col, &format!(":{alias}"), exp, Role::HelpKey, Role::HelpText, buf);
    }
}
