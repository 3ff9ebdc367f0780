//! Text pages (describe, YAML), the editor and the xray tree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::super::editor::{EditorPage, Stage};
use super::super::model::Model;
use super::super::text::{self, TextKind, TextPage};
use super::super::theme::Role;
use super::super::xray::{Health, XrayPage};
use super::{frame, put};

/// Draw one line with highlight spans and search matches, from column `skip`.
#[allow(clippy::too_many_arguments)]
fn styled_line(
    m: &Model,
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    line: &str,
    kind: TextKind,
    skip: usize,
    matches: &[(usize, usize, bool)],
) {
    let th = &m.theme;
    let mut col = 0usize;
    let mut cx = x;
    let right = x + width;
    for (a, b, role) in text::highlight(kind, line) {
        // Split the span at match boundaries.
        let mut cuts = vec![a, b];
        for &(s, e, _) in matches {
            if s > a && s < b {
                cuts.push(s);
            }
            if e > a && e < b {
                cuts.push(e);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let Some(piece) = line.get(s..e) else { continue };
            let style = match matches.iter().find(|(ms, me, _)| s >= *ms && e <= *me) {
                Some((_, _, true)) => th.style(Role::SearchCurrent),
                Some(_) => th.style(Role::SearchMatch),
                None => th.style(role),
            };
            let n = piece.chars().count();
            if col + n <= skip {
                col += n;
                continue;
            }
            let from = skip.saturating_sub(col);
            col += n;
            if cx >= right {
                return;
            }
            cx = put(buf, cx, y, piece, from, right - cx, style);
        }
    }
}

pub fn text(m: &Model, t: &TextPage, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let mut title = vec![Span::styled(format!(" {} ", t.title), th.style(Role::Title))];
    if let Some(s) = &t.search {
        let pos = if t.matches.is_empty() { 0 } else { t.current + 1 };
        title.push(Span::styled(format!("</{s}> [{pos}/{}] ", t.matches.len()), th.style(Role::TitleFilter)));
    }
    let block = frame(m, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut y = inner.y;
    let mut i = t.offset;
    while y < inner.bottom() {
        let Some(line) = t.lines.get(i) else { break };
        let matches: Vec<(usize, usize, bool)> = t
            .matches
            .iter()
            .enumerate()
            .filter(|(_, mm)| mm.0 == i)
            .map(|(k, mm)| (mm.1, mm.2, k == t.current))
            .collect();
        if t.wrap && inner.width > 1 {
            let w = (inner.width - 1) as usize;
            let n = line.chars().count().max(1);
            let mut start = 0;
            while start < n && y < inner.bottom() {
                // Wrapped continuation lines keep the line's highlighting by skipping.
                styled_line(m, buf, inner.x + 1, y, inner.width - 1, line, t.kind, start, &matches);
                // Clear anything past the wrap width on this row is not needed: put clips.
                start += w;
                y += 1;
            }
        } else {
            styled_line(m, buf, inner.x + 1, y, inner.width.saturating_sub(1), line, t.kind, t.hscroll, &matches);
            y += 1;
        }
        i += 1;
    }
}

pub fn editor(m: &Model, e: &EditorPage, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let mut title = vec![Span::styled(format!(" edit {} ", e.target.display()), th.style(Role::Title))];
    if e.modified() {
        title.push(Span::styled("[modified] ", th.style(Role::TitleFilter)));
    }
    let block = frame(m, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    match &e.stage {
        Stage::Reviewing { diff, offset } => {
            let head = "Review the changes: y/enter applies, esc returns to the editor";
            put(buf, inner.x + 1, inner.y, head, 0, inner.width - 1, th.style(Role::DialogTitle));
            for (row, line) in diff.iter().skip(*offset).take((inner.height - 1) as usize).enumerate() {
                styled_line(
                    m,
                    buf,
                    inner.x + 1,
                    inner.y + 1 + row as u16,
                    inner.width - 1,
                    line,
                    TextKind::Diff,
                    0,
                    &[],
                );
            }
        }
        _ => {
            let status_h = 1 + u16::from(e.server_error.is_some()) * 2;
            let text_area = Rect { height: inner.height.saturating_sub(status_h), ..inner };
            let mut ta = e.area.clone();
            ta.set_style(th.style(Role::EditorText));
            ta.set_cursor_line_style(th.style(Role::EditorCursorLine));
            ta.set_cursor_style(th.style(Role::EditorCursor));
            ta.set_line_number_style(th.style(Role::EditorLineNumber));
            (&ta).render(text_area, buf);
            let mut y = text_area.bottom();
            let (msg, role) = match (&e.stage, &e.invalid) {
                (Stage::Applying { .. }, _) => ("Applying…".to_string(), Role::EditorOk),
                (_, Some(err)) => (format!("✗ {err}"), Role::EditorError),
                _ => ("✓ valid YAML — ctrl-s to review the diff and apply".to_string(), Role::EditorOk),
            };
            put(buf, inner.x + 1, y, &msg, 0, inner.width - 1, th.style(role));
            y += 1;
            if let Some(err) = &e.server_error {
                // The server's message wraps rather than being cut: its end is the point.
                let w = inner.width.saturating_sub(2).max(1) as usize;
                let wrapped: Vec<String> = err
                    .lines()
                    .flat_map(|l| {
                        l.chars()
                            .collect::<Vec<_>>()
                            .chunks(w)
                            .map(|c| c.iter().collect::<String>())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                for line in wrapped.iter().take(2) {
                    if y >= inner.bottom() {
                        break;
                    }
                    put(buf, inner.x + 1, y, line, 0, inner.width - 1, th.style(Role::EditorError));
                    y += 1;
                }
            }
        }
    }
}

pub fn xray(m: &Model, x: &XrayPage, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let block = frame(m, vec![Span::styled(format!(" xray {} [{}] ", x.title, x.nodes.len()), th.style(Role::Title))]);
    let inner = block.inner(area);
    block.render(area, buf);
    // Which ancestors still have siblings below, for the tree's vertical lines.
    let mut open: Vec<bool> = Vec::new();
    for (i, n) in x.nodes.iter().enumerate() {
        open.truncate(n.depth);
        let mut prefix = String::new();
        for d in 1..n.depth {
            prefix.push_str(if open.get(d).copied().unwrap_or(false) { "│  " } else { "   " });
        }
        if n.depth > 0 {
            prefix.push_str(if n.last { "└─ " } else { "├─ " });
        }
        while open.len() <= n.depth {
            open.push(false);
        }
        open[n.depth] = !n.last;
        if i < x.offset {
            continue;
        }
        let y = inner.y + (i - x.offset) as u16;
        if y >= inner.bottom() {
            break;
        }
        let role = match n.health {
            Health::Ok => Role::StatusOk,
            Health::Progressing => Role::StatusPending,
            Health::Failed => Role::StatusError,
            Health::Done => Role::StatusDone,
        };
        let cursor = i == x.cursor;
        let mut cx = inner.x + 1;
        cx = put(buf, cx, y, &prefix, 0, inner.right().saturating_sub(cx), th.style(Role::XrayTree));
        let icon = match n.health {
            Health::Ok => "● ",
            Health::Progressing => "◐ ",
            Health::Failed => "✗ ",
            Health::Done => "○ ",
        };
        cx = put(buf, cx, y, icon, 0, inner.right().saturating_sub(cx), th.style(role));
        cx = put(buf, cx, y, &format!("{} ", n.kind), 0, inner.right().saturating_sub(cx), th.style(Role::XrayKind));
        let name_style = if cursor { th.style(Role::TableCursor) } else { th.style(role) };
        cx = put(buf, cx, y, &n.name, 0, inner.right().saturating_sub(cx), name_style);
        if !n.status.is_empty() {
            put(buf, cx, y, &format!("  {}", n.status), 0, inner.right().saturating_sub(cx), th.style(role));
        }
    }
}
