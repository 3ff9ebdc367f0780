//! Drawing: `impl Widget for &Model` lays out the header, the page on top of the stack,
//! breadcrumbs, the flash line and any overlay. Views only borrow the model; every colour
//! comes from the theme by role.

mod dialog;
pub mod help;
mod logs;
mod page;
mod portforward;
mod table;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::keymap::Action;
use super::layout;
use super::model::{Conn, Level, Model, Overlay, Page};
use super::theme::Role;

impl Widget for &Model {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let th = &self.theme;
        buf.set_style(area, th.style(Role::Base));
        let prompt = matches!(self.overlay, Some(Overlay::Command(_) | Overlay::Filter(_)));
        let banner = matches!(self.conn, Conn::Disconnected { .. });
        let a = layout::areas(area, prompt, banner);
        header(self, a.header, buf);
        if let (Some(r), Some(Overlay::Command(p) | Overlay::Filter(p))) = (a.prompt, &self.overlay) {
            let label = if matches!(self.overlay, Some(Overlay::Command(_))) { ":" } else { "/" };
            dialog::prompt(self, label, p, r, buf);
        }
        if let (Some(r), Conn::Disconnected { error, retry_at, since }) = (a.banner, &self.conn) {
            let secs = retry_at.duration_since(self.now).as_secs();
            let retry = if secs > 0 { format!("retrying in {secs}s") } else { "reconnecting…".to_string() };
            // The countdown first: the error can be long and is cut at the edge.
            let text = format!(
                " ✗ Disconnected since {} — {retry}; the view below is stale — {error}",
                since.strftime("%H:%M:%S")
            );
            buf.set_style(r, th.style(Role::Disconnected));
            buf.set_stringn(r.x, r.y, text, r.width as usize, th.style(Role::Disconnected));
        }
        match self.stack.last() {
            Some(Page::Table(t)) => table::render(self, t, a.body, buf),
            Some(Page::Text(t)) => page::text(self, t, a.body, buf),
            Some(Page::Logs(l)) => logs::render(self, l, a.body, buf),
            Some(Page::Editor(e)) => page::editor(self, e, a.body, buf),
            Some(Page::Xray(x)) => page::xray(self, x, a.body, buf),
            Some(Page::Help) => help::render(self, a.body, buf),
            Some(Page::PortForwards(p)) => portforward::render(self, p, a.body, buf),
            None => {
                let b = Block::default().borders(Borders::ALL).border_style(th.style(Role::Border));
                let inner = b.inner(a.body);
                b.render(a.body, buf);
                buf.set_stringn(inner.x + 1, inner.y, "Connecting…", inner.width as usize, th.style(Role::Text));
            }
        }
        crumbs(self, a.crumbs, buf);
        if let Some(f) = &self.flash {
            let role = match f.level {
                Level::Info => Role::FlashInfo,
                Level::Warn => Role::FlashWarn,
                Level::Error => Role::FlashError,
            };
            let text = f.text.replace('\n', " ");
            buf.set_stringn(a.flash.x + 1, a.flash.y, text, a.flash.width.saturating_sub(2) as usize, th.style(role));
        }
        match &self.overlay {
            Some(Overlay::Confirm(c)) => dialog::confirm(self, c, area, buf),
            Some(Overlay::Input(i)) => dialog::input(self, i, area, buf),
            Some(Overlay::Picker(p)) => dialog::picker(self, p, area, buf),
            Some(Overlay::PortForward(d)) => portforward::dialog(self, d, area, buf),
            _ => {}
        }
    }
}

fn kv<'a>(m: &Model, k: &'a str, v: String) -> Vec<Span<'a>> {
    vec![
        Span::styled(format!("{k}: "), m.theme.style(Role::HeaderKey)),
        Span::styled(v, m.theme.style(Role::HeaderValue)),
        Span::raw("   "),
    ]
}

fn header(m: &Model, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let th = &m.theme;
    let mut l1: Vec<Span> = vec![Span::styled(" kx ", th.style(Role::Logo))];
    l1.extend(kv(m, "Context", m.info.context.clone()));
    l1.extend(kv(m, "Cluster", m.info.cluster.clone()));
    l1.extend(kv(m, "User", m.info.user.clone()));
    l1.extend(kv(m, "K8s", m.server_version.clone().unwrap_or_else(|| "n/a".into())));
    l1.extend(kv(m, "kx", m.version.to_string()));
    buf.set_line(area.x, area.y, &Line::from(l1), area.width);
    if area.height < 2 {
        return;
    }
    let mut l2: Vec<Span> = vec![Span::raw("    ")];
    l2.extend(kv(m, "Namespace", m.namespaces.label()));
    if m.readonly {
        l2.push(Span::styled("[read-only] ", th.style(Role::FlashWarn)));
    }
    if let Some(e) = &m.info.embedded {
        l2.push(Span::styled(format!(" {e} "), th.style(Role::Embedded)));
        l2.push(Span::raw("  "));
    }
    l2.extend(kv(m, "Server", m.info.server.clone()));
    buf.set_line(area.x, area.y + 1, &Line::from(l2), area.width);
    // Key hints for where the user is, wrapped over the remaining header lines.
    let hints = hints(m);
    let mut x = area.x + 1;
    let mut y = area.y + 2;
    for (k, text) in hints {
        let w = (k.chars().count() + text.chars().count() + 3) as u16;
        if x + w > area.right() {
            y += 1;
            x = area.x + 1;
            if y >= area.bottom() {
                break;
            }
        }
        buf.set_string(x, y, &k, th.style(Role::HintKey));
        buf.set_string(x + k.chars().count() as u16 + 1, y, text, th.style(Role::HintText));
        x += w;
    }
}

/// The key hints for the current page, from the keymap (so rebinding shows).
fn hints(m: &Model) -> Vec<(String, &'static str)> {
    let km = m.keymap();
    let mut acts: Vec<(Action, &'static str)> = Vec::new();
    match m.stack.last() {
        Some(Page::Table(t)) => {
            acts.extend([(Action::Command, "command"), (Action::Filter, "filter"), (Action::Enter, "drill")]);
            acts.extend([(Action::Describe, "describe"), (Action::Yaml, "yaml")]);
            if !m.readonly {
                acts.push((Action::Edit, "edit"));
            }
            let k = t.rt.kind.as_str();
            if matches!(k, "Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "Service") {
                acts.push((Action::Logs, "logs"));
            }
            if k == "Pod" && !m.readonly {
                acts.push((Action::Shell, "shell"));
            }
            if t.rt.subresource("scale").is_some() && !m.readonly {
                acts.push((Action::Scale, "scale"));
            }
            if matches!(k, "Deployment" | "StatefulSet" | "DaemonSet") {
                if !m.readonly {
                    acts.push((Action::Restart, "restart"));
                }
                acts.push((Action::Undo, "history/undo"));
            }
            if !m.readonly {
                acts.push((Action::Delete, "delete"));
            }
            acts.extend([(Action::Xray, "xray"), (Action::Mark, "mark"), (Action::AllNamespaces, "all ns")]);
        }
        Some(Page::Text(_)) => {
            acts.extend([(Action::Search, "search"), (Action::NextMatch, "next"), (Action::Wrap, "wrap")]);
        }
        Some(Page::Logs(_)) => {
            acts.extend([
                (Action::Follow, "follow"),
                (Action::Wrap, "wrap"),
                (Action::Timestamps, "timestamps"),
                (Action::Since, "since"),
                (Action::Tail, "tail"),
                (Action::Previous, "previous"),
                (Action::Containers, "container"),
                (Action::Json, "json"),
                (Action::Search, "search"),
                (Action::Save, "save"),
            ]);
        }
        Some(Page::PortForwards(_)) => acts.push((Action::Delete, "stop")),
        Some(Page::Editor(_)) => {
            acts.extend([(Action::EditorSave, "diff & apply"), (Action::EditorQuit, "leave"), (Action::Quit, "quit")]);
            return acts.into_iter().filter_map(|(a, t)| km.hint(a).map(|k| (k, t))).collect();
        }
        _ => {}
    }
    acts.extend([(Action::Back, "back"), (Action::Help, "help"), (Action::Quit, "quit")]);
    acts.into_iter().filter_map(|(a, t)| km.hint(a).map(|k| (k, t))).collect()
}

fn crumbs(m: &Model, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let th = &m.theme;
    let mut x = area.x + 1;
    let n = m.stack.len();
    for (i, p) in m.stack.iter().enumerate() {
        let text = format!(" {} ", p.crumb());
        let role = if i + 1 == n { Role::CrumbCurrent } else { Role::Crumb };
        let w = text.chars().count() as u16;
        if x + w > area.right() {
            break;
        }
        buf.set_string(x, area.y, &text, th.style(role));
        x += w + 1;
    }
}

/// A bordered block with a title, in the theme's border style.
pub(crate) fn frame<'a>(m: &Model, title: Vec<Span<'a>>) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(m.theme.style(Role::Border))
        .title(Line::from(title))
        .title_alignment(ratatui::layout::Alignment::Center)
}

/// Write `text` at (x, y), skipping `skip` columns and clipping at `max` columns.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, skip: usize, max: u16, style: Style) -> u16 {
    if max == 0 {
        return x;
    }
    let shown: String = if skip == 0 { text.to_string() } else { text.chars().skip(skip).collect() };
    let (nx, _) = buf.set_stringn(x, y, shown, max as usize, style);
    nx
}
