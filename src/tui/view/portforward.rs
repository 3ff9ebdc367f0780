//! The port-forward dialog and the `:pf` list of running forwards.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::super::keymap::Action;
use super::super::model::Model;
use super::super::portforward::{Dialog, Field, ListPage};
use super::super::table::age;
use super::super::theme::Role;
use super::dialog::{boxed, centered};
use super::{frame, put};

const GAP: u16 = 2;

pub fn dialog(m: &Model, d: &Dialog, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let r = centered(area, 64, 11);
    let inner = boxed(m, &format!("Port-forward {}", d.target.display()), r, buf);
    let width = inner.width.saturating_sub(2);
    let fields = [
        (Field::Remote, d.remote_label(), &d.remote),
        (Field::Local, "Local port", &d.local),
        (Field::Address, "Address", &d.address),
    ];
    let label_w = fields.iter().map(|(_, l, _)| l.len()).max().unwrap_or(0) as u16 + 2;
    for (row, (field, label, value)) in fields.iter().enumerate() {
        let y = inner.y + 1 + row as u16;
        let focused = d.focus == *field;
        let label_role = if focused { Role::PromptLabel } else { Role::Dialog };
        put(buf, inner.x + 1, y, &format!("{label}:"), 0, width, th.style(label_role));
        let x = inner.x + 1 + label_w;
        let shown = if value.is_empty() && *field == Field::Local { "(free port)" } else { value.as_str() };
        let role = if value.is_empty() { Role::PromptSuggestion } else { Role::Prompt };
        let end =
            put(buf, x, y, if focused { value } else { shown }, 0, inner.right().saturating_sub(x), th.style(role));
        if focused
            && end < inner.right()
            && let Some(c) = buf.cell_mut((end, y))
        {
            c.set_style(th.style(Role::EditorCursor));
        }
        // Which declared port the number is.
        if *field == Field::Remote
            && let Some((label, _)) = d.known.iter().find(|(_, p)| p.to_string() == **value)
        {
            put(buf, end + 3, y, label, 0, inner.right().saturating_sub(end + 3), th.style(Role::PromptSuggestion));
        }
    }
    let declared = if d.known.is_empty() {
        "declared: none (type a port)".to_string()
    } else {
        let all: Vec<&str> = d.known.iter().map(|(label, _)| label.as_str()).collect();
        format!("declared: {}", all.join(", "))
    };
    put(buf, inner.x + 1, inner.y + 5, &declared, 0, width, th.style(Role::Dialog));
    let (text, role) = match &d.error {
        Some(e) => (e.clone(), Role::PromptError),
        None => {
            let cycle = if d.known.len() > 1 { " · ←→ ports" } else { "" };
            (format!("tab next field{cycle} · enter start · esc cancel"), Role::PromptSuggestion)
        }
    };
    put(buf, inner.x + 1, inner.y + 7, &text, 0, width, th.style(role));
}

pub fn render(m: &Model, p: &ListPage, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let title = vec![
        Span::styled(" port-forwards", th.style(Role::Title)),
        Span::styled(format!("[{}] ", m.forwards.len()), th.style(Role::TitleCount)),
    ];
    let block = frame(m, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if m.forwards.is_empty() {
        let key = m.keymap().hint(Action::PortForward).unwrap_or_else(|| "port_forward".into());
        let text = format!("No port forwards. {key} on a pod, workload or service starts one.");
        put(buf, inner.x + 1, inner.y, &text, 0, inner.width.saturating_sub(2), th.style(Role::Text));
        return;
    }
    let header = ["NAMESPACE", "POD", "CONTAINER", "PORTS", "ACTIVE", "AGE", "ADDRESS", "TARGET", "LAST ERROR"];
    let rows: Vec<[String; 9]> = m
        .forwards
        .iter()
        .map(|f| {
            [
                f.namespace.clone(),
                f.pod.clone(),
                f.container.clone().unwrap_or_else(|| "-".into()),
                f.ports.clone(),
                f.active.to_string(),
                age(Some(f.started), m.now),
                f.listening.join(","),
                f.target.clone(),
                f.last_error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let widths: Vec<u16> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0) as u16)
        .collect();
    let line = |buf: &mut Buffer, y: u16, cells: &[&str], role: Role| {
        let mut x = inner.x + 1;
        for (cell, w) in cells.iter().zip(&widths) {
            if x >= inner.right() {
                break;
            }
            put(buf, x, y, cell, 0, inner.right().saturating_sub(x), th.style(role));
            x += w + GAP;
        }
    };
    line(buf, inner.y, &header, Role::TableHeader);
    for (i, r) in rows.iter().enumerate().take(inner.height.saturating_sub(1) as usize) {
        let y = inner.y + 1 + i as u16;
        let role = if i == p.cursor { Role::TableCursor } else { Role::TableRow };
        if i == p.cursor {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, th.style(role));
        }
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(buf, y, &cells, role);
    }
}
