//! The prompt line and the modal dialogs: confirm, input and picker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::super::model::{Confirm, Input, Model, Pending, Picker};
use super::super::prompt::Prompt;
use super::super::theme::Role;
use super::put;

pub fn prompt(m: &Model, label: &str, p: &Prompt, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let block = Block::default().borders(Borders::ALL).border_style(th.style(Role::BorderFocus));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let mut x = put(buf, inner.x + 1, inner.y, label, 0, 2, th.style(Role::PromptLabel));
    x += 1;
    let cursor_x = x + p.input.chars().take(p.cursor).count() as u16;
    x = put(buf, x, inner.y, &p.input, 0, inner.right().saturating_sub(x), th.style(Role::Prompt));
    if let Some(rest) = p.completion() {
        x = put(buf, x, inner.y, rest, 0, inner.right().saturating_sub(x), th.style(Role::PromptSuggestion));
    }
    let _ = x;
    if cursor_x < inner.right()
        && let Some(c) = buf.cell_mut((cursor_x, inner.y))
    {
        c.set_style(th.style(Role::EditorCursor));
    }
    let extra = if let Some(e) = &p.error {
        Some((e.clone(), Role::PromptError))
    } else if p.suggestions.len() > 1 {
        Some((p.suggestions.iter().take(6).cloned().collect::<Vec<_>>().join("  "), Role::PromptSuggestion))
    } else {
        None
    };
    if let Some((text, role)) = extra {
        let w = text.chars().count() as u16 + 2;
        let ex = inner.right().saturating_sub(w);
        if ex > cursor_x + 4 {
            put(buf, ex, inner.y, &text, 0, w, th.style(role));
        }
    }
}

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub(super) fn boxed(m: &Model, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let th = &m.theme;
    Clear.render(area, buf);
    buf.set_style(area, th.style(Role::Dialog));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(Role::BorderFocus))
        .style(th.style(Role::Dialog))
        .title(Line::from(Span::styled(format!(" {title} "), th.style(Role::DialogTitle))))
        .title_alignment(ratatui::layout::Alignment::Center);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

pub fn confirm(m: &Model, c: &Confirm, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let delete = matches!(c.pending, Pending::Delete { .. });
    let longest = c.message.iter().map(|l| l.chars().count()).max().unwrap_or(10) as u16;
    let h = c.message.len() as u16 + 4 + if delete { 2 } else { 0 };
    let r = centered(area, (longest + 6).clamp(50, area.width.saturating_sub(4)), h);
    let inner = boxed(m, &c.title, r, buf);
    let mut y = inner.y;
    for (i, line) in c.message.iter().enumerate() {
        let role = if i == 0 && c.danger { Role::DialogDanger } else { Role::Dialog };
        put(buf, inner.x + 1, y, line, 0, inner.width.saturating_sub(2), th.style(role));
        y += 1;
    }
    if delete {
        y += 1;
        let g = format!("[{}] g  grace period 0 (now)", if c.grace_zero { "x" } else { " " });
        put(buf, inner.x + 1, y, &g, 0, inner.width.saturating_sub(2), th.style(Role::Dialog));
        y += 1;
        let f = format!("[{}] f  force (skip graceful termination)", if c.force { "x" } else { " " });
        put(buf, inner.x + 1, y, &f, 0, inner.width.saturating_sub(2), th.style(Role::Dialog));
    }
    let by = inner.bottom().saturating_sub(1);
    let yes = " Yes (y) ";
    let no = " No (n) ";
    let total = (yes.len() + no.len() + 4) as u16;
    let bx = inner.x + inner.width.saturating_sub(total) / 2;
    let st = |focus| th.style(if focus { Role::DialogButtonFocus } else { Role::DialogButton });
    let nx = put(buf, bx, by, yes, 0, inner.width, st(c.focus == 0));
    put(buf, nx + 4, by, no, 0, inner.width, st(c.focus == 1));
}

pub fn input(m: &Model, i: &Input, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let r = centered(area, 50, 6);
    let inner = boxed(m, &i.title, r, buf);
    let x = put(buf, inner.x + 1, inner.y + 1, &format!("{}: ", i.label), 0, inner.width, th.style(Role::PromptLabel));
    let end = put(buf, x, inner.y + 1, &i.value, 0, inner.right().saturating_sub(x), th.style(Role::Prompt));
    if end < inner.right()
        && let Some(c) = buf.cell_mut((end, inner.y + 1))
    {
        c.set_style(th.style(Role::EditorCursor));
    }
    let (text, role) = match &i.error {
        Some(e) => (e.as_str(), Role::PromptError),
        None => ("enter to confirm, esc to cancel", Role::PromptSuggestion),
    };
    put(buf, inner.x + 1, inner.y + 3, text, 0, inner.width.saturating_sub(2), th.style(role));
}

pub fn picker(m: &Model, p: &Picker, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let longest = p.items.iter().map(|l| l.chars().count()).max().unwrap_or(10).max(p.title.len()) as u16;
    let h = (p.items.len() as u16 + 2).min(area.height.saturating_sub(4)).max(3);
    let r = centered(area, (longest + 6).clamp(30, area.width.saturating_sub(4)), h);
    let inner = boxed(m, &p.title, r, buf);
    let rows = inner.height as usize;
    let offset = p.selected.saturating_sub(rows.saturating_sub(1));
    for (row, (i, item)) in p.items.iter().enumerate().skip(offset).take(rows).enumerate() {
        let y = inner.y + row as u16;
        let style = if i == p.selected { th.style(Role::TableCursor) } else { th.style(Role::Dialog) };
        if i == p.selected {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, style);
        }
        put(buf, inner.x + 1, y, item, 0, inner.width.saturating_sub(2), style);
    }
}
