//! The log page: only the lines on screen are laid out (wrapped or pretty-printed), walking
//! back from the end when following.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::super::logs::{LogPage, pretty_json};
use super::super::model::Model;
use super::super::theme::Role;
use super::{frame, put};

/// Screen rows of one buffered line: (prefix shown?, text) pieces.
fn rows(l: &LogPage, abs: u64, width: usize) -> Vec<(bool, String)> {
    let Some(line) = l.line(abs) else { return Vec::new() };
    let texts: Vec<String> = match l.pretty_json.then(|| pretty_json(&line.text)).flatten() {
        Some(v) => v,
        None => vec![line.text.clone()],
    };
    let mut out = Vec::new();
    for (i, t) in texts.into_iter().enumerate() {
        if l.wrap && width > 0 {
            let chars: Vec<char> = t.chars().collect();
            if chars.is_empty() {
                out.push((i == 0, String::new()));
            }
            for (k, chunk) in chars.chunks(width).enumerate() {
                out.push((i == 0 && k == 0, chunk.iter().collect()));
            }
        } else {
            out.push((i == 0, t));
        }
    }
    out
}

pub fn render(m: &Model, l: &LogPage, area: Rect, buf: &mut Buffer) {
    let th = &m.theme;
    let r = &l.request;
    let mut flags = Vec::new();
    flags.push(if l.follow { "follow:on" } else { "follow:off" }.to_string());
    flags.push(format!("tail:{}", r.tail.map_or("all".to_string(), |t| t.to_string())));
    flags.push(format!("since:{}", r.since_seconds.map_or("all".to_string(), |s| format!("{}m", s / 60))));
    if r.timestamps {
        flags.push("timestamps".into());
    }
    if r.previous {
        flags.push("previous".into());
    }
    if l.wrap {
        flags.push("wrap".into());
    }
    if l.pretty_json {
        flags.push("json".into());
    }
    let container = match (&r.container, r.pods.len()) {
        (Some(c), _) => c.clone(),
        (None, 1) if l.containers.len() > 1 => "all containers".into(),
        _ => String::new(),
    };
    let mut title = vec![Span::styled(format!(" logs {} ", l.title), th.style(Role::Title))];
    if !container.is_empty() {
        title.push(Span::styled(format!("[{container}] "), th.style(Role::TitleCount)));
    }
    title.push(Span::styled(format!("{} ", flags.join(" ")), th.style(Role::TitleFilter)));
    if let Some(s) = &l.search {
        let pos = if l.matches.is_empty() { 0 } else { l.current + 1 };
        title.push(Span::styled(format!("</{s}> [{pos}/{}] ", l.matches.len()), th.style(Role::TitleFilter)));
    }
    let block = frame(m, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let prefix_w = (0..l.len().min(200) as u64)
        .filter_map(|i| l.line(l.end_abs().saturating_sub(1 + i)))
        .map(|x| x.prefix.chars().count())
        .max()
        .unwrap_or(0);
    let text_x = inner.x + 1 + if prefix_w > 0 { prefix_w as u16 + 1 } else { 0 };
    let width = inner.right().saturating_sub(text_x) as usize;
    let height = inner.height.saturating_sub(1) as usize;
    // Collect the screen rows to show.
    let mut screen: Vec<(u64, bool, String)> = Vec::new();
    if l.follow {
        let mut abs = l.end_abs();
        while abs > l.first_abs() && screen.len() < height {
            abs -= 1;
            let mut r: Vec<(u64, bool, String)> = rows(l, abs, width).into_iter().map(|(p, t)| (abs, p, t)).collect();
            r.append(&mut screen);
            screen = r;
        }
        if screen.len() > height {
            screen.drain(..screen.len() - height);
        }
    } else {
        let mut abs = l.offset.max(l.first_abs());
        while abs < l.end_abs() && screen.len() < height {
            screen.extend(rows(l, abs, width).into_iter().map(|(p, t)| (abs, p, t)));
            abs += 1;
        }
        screen.truncate(height);
    }
    let current = l.matches.get(l.current).copied();
    for (row, (abs, first, text)) in screen.iter().enumerate() {
        let y = inner.y + row as u16;
        if *first
            && prefix_w > 0
            && let Some(line) = l.line(*abs)
        {
            put(buf, inner.x + 1, y, &line.prefix, 0, prefix_w as u16, th.style(Role::LogPrefix));
        }
        let lower = text.to_lowercase();
        let is_match = l.search.as_ref().is_some_and(|s| lower.contains(s.as_str()));
        let base = if lower.contains("error") || lower.contains("panic") || lower.contains("fatal") {
            th.style(Role::LogError)
        } else {
            th.style(Role::Text)
        };
        let skip = if l.wrap { 0 } else { l.hscroll };
        if is_match && lower.len() == text.len() {
            let s = l.search.as_deref().unwrap_or("");
            let mut x = text_x;
            let mut from = 0;
            let cur = current == Some(*abs);
            while let Some(p) = lower[from..].find(s) {
                x = put(buf, x, y, &text[from..from + p], 0, inner.right().saturating_sub(x), base);
                let role = if cur { Role::SearchCurrent } else { Role::SearchMatch };
                x = put(
                    buf,
                    x,
                    y,
                    &text[from + p..from + p + s.len()],
                    0,
                    inner.right().saturating_sub(x),
                    th.style(role),
                );
                from += p + s.len().max(1);
            }
            put(buf, x, y, &text[from..], 0, inner.right().saturating_sub(x), base);
        } else {
            put(buf, text_x, y, text, skip, inner.right().saturating_sub(text_x), base);
        }
    }
    // Status line: a dropped connection first (the lines above stop until it is back), else
    // counts and the end of the stream.
    if let Some((prefix, (error, retry_at))) = l.down.iter().next() {
        let secs = retry_at.duration_since(m.now).as_secs();
        let retry = if secs > 0 { format!("retrying in {secs}s") } else { "reconnecting…".to_string() };
        let whose = if prefix.is_empty() { String::new() } else { format!("{prefix}: ") };
        let more = if l.down.len() > 1 { format!(" (+{} more streams)", l.down.len() - 1) } else { String::new() };
        let text = format!("✗ {whose}log stream lost — {retry}{more} — {error}");
        let r = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        buf.set_style(r, th.style(Role::Disconnected));
        put(buf, inner.x + 1, r.y, &text, 0, inner.width.saturating_sub(1), th.style(Role::Disconnected));
        return;
    }
    let status = match &l.ended {
        Some(why) => format!("{} lines — {why}", l.len()),
        None => format!(
            "{} lines{}",
            l.len(),
            if l.first_abs() > 0 { format!(" ({} older dropped)", l.first_abs()) } else { String::new() }
        ),
    };
    put(buf, inner.x + 1, inner.bottom() - 1, &status, 0, inner.width.saturating_sub(1), th.style(Role::HintText));
}
