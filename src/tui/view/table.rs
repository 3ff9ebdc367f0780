//! The resource table. Cells are written straight into the buffer for the rows on screen
//! only; column widths were computed when the view was refreshed, so a frame costs the same
//! with 50 rows or 50,000.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::super::model::{Model, TablePage};
use super::super::table::{Row, Shown, SortKey, age};
use super::super::theme::Role;
use super::{frame, put};

const GAP: u16 = 2;

/// How a row should look, from its status-like cells.
fn row_role(t: &TablePage, row: &Row, now: jiff::Timestamp) -> Role {
    if row.meta.deletion_timestamp.is_some() {
        return Role::StatusDeleting;
    }
    let status = t.store.column("status").map(|i| row.cell(i)).unwrap_or("");
    let bad = [
        "CrashLoopBackOff",
        "Error",
        "ImagePullBackOff",
        "ErrImagePull",
        "OOMKilled",
        "Failed",
        "Evicted",
        "CreateContainerConfigError",
        "InvalidImageName",
        "NotReady",
        "Lost",
        "BackoffLimitExceeded",
    ];
    if bad.iter().any(|b| status.contains(b)) || status.starts_with("Init:Error") || status.starts_with("Init:Crash") {
        return Role::StatusError;
    }
    if status == "Terminating" {
        return Role::StatusDeleting;
    }
    if matches!(status, "Completed" | "Succeeded" | "Complete") {
        return Role::StatusDone;
    }
    if status.starts_with("Pending")
        || status.contains("ContainerCreating")
        || status.starts_with("Init:")
        || status == "PodInitializing"
    {
        return Role::StatusPending;
    }
    // READY "a/b" below target is a warning (pods and workloads alike).
    if let Some(i) = t.store.column("ready")
        && let Some((a, b)) = row.cell(i).split_once('/')
        && let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>())
        && a < b
    {
        return Role::StatusWarn;
    }
    // A restart in the last ten minutes deserves a look.
    if let Some(i) = t.store.column("restarts")
        && let Some(recent) =
            row.cell_at(i, true, now).split_once('(').map(|(_, r)| r.trim_end_matches(')').to_string())
        && (recent.ends_with("s ago")
            || recent
                .strip_suffix("m ago")
                .and_then(|m| m.split('m').next()?.parse::<u32>().ok())
                .is_some_and(|m| m < 10))
        && !recent.contains('h')
        && !recent.contains('d')
    {
        return Role::StatusWarn;
    }
    Role::StatusOk
}

fn header_name(t: &TablePage, s: Shown) -> String {
    let (name, key) = match s {
        Shown::Namespace => ("NAMESPACE".to_string(), SortKey::Name),
        Shown::Cell(i) => {
            let c = &t.store.columns[i];
            let key = if c.format == "name" { SortKey::Name } else { SortKey::Column(i) };
            (c.name.to_uppercase(), key)
        }
        Shown::Age(i) => (t.store.columns[i].name.to_uppercase(), SortKey::Age),
        Shown::Extra(i) => return t.extra_columns[i].clone(),
    };
    if t.sort.key == key && !(s == Shown::Namespace) {
        format!("{name}{}", if t.sort.descending { "↓" } else { "↑" })
    } else {
        name
    }
}

pub fn render(m: &Model, t: &TablePage, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let ns = if t.rt.namespaced { format!("({})", t.namespaces.label()) } else { String::new() };
    let count = if t.filter.is_none() && t.owner_uid.is_none() {
        format!("[{}]", t.store.len())
    } else {
        format!("[{}/{}]", t.store.view_len(), t.store.len())
    };
    let mut title = vec![
        Span::styled(format!(" {}", t.title()), th.style(Role::Title)),
        Span::styled(ns, th.style(Role::Title)),
        Span::styled(count, th.style(Role::TitleCount)),
    ];
    if let Some(c) = &t.context {
        title.push(Span::styled(format!(" {c}"), th.style(Role::Title)));
    }
    if let Some(sel) = &t.label_selector {
        title.push(Span::styled(format!(" -l {sel}"), th.style(Role::TitleFilter)));
    }
    if let Some(sel) = &t.field_selector {
        title.push(Span::styled(format!(" {sel}"), th.style(Role::TitleFilter)));
    }
    if !t.filter_text.is_empty() {
        title.push(Span::styled(format!(" </{}>", t.filter_text), th.style(Role::TitleFilter)));
    }
    if !t.marked.is_empty() {
        title.push(Span::styled(format!(" {} marked", t.marked.len()), th.style(Role::TableMarked)));
    }
    title.push(Span::raw(" "));
    let block = frame(m, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let shown = t.shown();
    // Widths: as computed over the view, the last column taking what is left.
    let mut widths: Vec<u16> = shown
        .iter()
        .map(|s| match s {
            // Computed columns belong to few rows (nodes); measure them here.
            Shown::Extra(i) => t
                .extras
                .values()
                .filter_map(|v| v.get(*i))
                .map(|c| c.chars().count() as u16)
                .chain([t.extra_columns[*i].len() as u16])
                .max()
                .unwrap_or(4),
            // Room for the header with its sort arrow, which may be wider than any cell.
            s => t.store.width(*s).min(80).max(header_name(t, *s).chars().count() as u16),
        })
        .collect();
    let total: u16 = widths.iter().map(|w| w + GAP).sum();
    if let Some(last) = widths.last_mut()
        && total < inner.width
    {
        *last += inner.width - total;
    }
    // Column header.
    let hx = inner.x + 1;
    let mut x = hx;
    for (s, w) in shown.iter().zip(&widths) {
        if x >= inner.right() {
            break;
        }
        let name = header_name(t, *s);
        let sorted = name.ends_with('↑') || name.ends_with('↓');
        let role = if sorted { Role::TableHeaderSorted } else { Role::TableHeader };
        put(buf, x, inner.y, &name, 0, (*w).min(inner.right() - x), th.style(role));
        x = x.saturating_add(w + GAP);
    }
    let rows_area = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    if let Some(err) = &t.error {
        put(buf, hx, rows_area.y, err, 0, inner.width - 1, th.style(Role::StatusError));
        return;
    }
    if t.store.view_len() == 0 {
        let msg = if !t.store.listed {
            "Loading…".to_string()
        } else if t.store.is_empty() {
            match t.namespaces.single() {
                Some(ns) if t.rt.namespaced => format!("No resources found in {ns} namespace."),
                _ => "No resources found.".to_string(),
            }
        } else {
            "No rows match the filter.".to_string()
        };
        put(buf, hx, rows_area.y, &msg, 0, inner.width - 1, th.style(Role::Text));
        return;
    }
    for line in 0..rows_area.height as usize {
        let i = t.offset + line;
        let Some(row) = t.store.view_row(i) else { break };
        let y = rows_area.y + line as u16;
        let marked = t.marked.contains(&*row.key);
        let cursor = i == t.cursor;
        let style = if cursor {
            th.style(Role::TableCursor)
        } else if marked {
            th.style(Role::TableMarked)
        } else {
            th.style(row_role(t, row, m.now))
        };
        if cursor || marked {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, style);
        }
        if marked {
            buf.set_string(inner.x, y, "▸", style);
        }
        let mut x = hx;
        for (s, w) in shown.iter().zip(&widths) {
            if x >= inner.right() {
                break;
            }
            let max = (*w).min(inner.right() - x);
            match *s {
                Shown::Namespace => {
                    put(buf, x, y, row.namespace().unwrap_or(""), 0, max, style);
                }
                Shown::Cell(c) => {
                    put(buf, x, y, &row.cell_at(c, t.store.ticks(c), m.now), 0, max, style);
                }
                Shown::Extra(e) => {
                    let text = t.extras.get(&*row.key).and_then(|v| v.get(e)).map_or("…", String::as_str);
                    put(buf, x, y, text, 0, max, style);
                }
                Shown::Age(c) => {
                    let text = if row.meta.creation_timestamp.is_some() {
                        age(row.meta.creation_timestamp, m.now)
                    } else {
                        row.cell(c).to_string()
                    };
                    put(buf, x, y, &text, 0, max, style);
                }
            }
            x = x.saturating_add(w + GAP);
        }
    }
    // A scroll position marker when there is more than fits.
    let n = t.store.view_len();
    if n > rows_area.height as usize && area.width > 2 {
        let frac = t.cursor as f64 / (n - 1).max(1) as f64;
        let y = rows_area.y + ((rows_area.height - 1) as f64 * frac).round() as u16;
        buf.set_string(area.right() - 1, y, "█", th.style(Role::BorderFocus));
    }
}
