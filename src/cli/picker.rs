//! A small inline fuzzy picker for `kx ns` and `kx ctx` on a terminal (what kubectx does
//! with fzf): type to filter, arrows to move, Enter to choose, Esc or Ctrl-C to give up.
//! Drawn on stderr below the cursor; raw mode is left through a guard on every exit path.

use std::io::{self, Write};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, queue, style, terminal};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

/// Rows of candidates shown at once.
const MAX_ROWS: usize = 10;

/// Erases the picker and leaves raw mode when dropped, including while unwinding from a
/// panic.
struct RawGuard;

impl Drop for RawGuard {
    fn drop(&mut self) {
        let mut err = io::stderr();
        let _ = clear(&mut err);
        let _ = err.flush();
        let _ = terminal::disable_raw_mode();
    }
}

fn clear(out: &mut impl Write) -> io::Result<()> {
    queue!(out, cursor::MoveToColumn(0), terminal::Clear(terminal::ClearType::FromCursorDown))
}

/// The items matching `query`, best first; everything in order for an empty query.
pub fn filter<'a>(items: &'a [String], query: &str) -> Vec<&'a str> {
    if query.is_empty() {
        return items.iter().map(String::as_str).collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    pattern.match_list(items.iter().map(String::as_str), &mut matcher).into_iter().map(|(s, _)| s).collect()
}

/// Let the user choose one of `items`; `current` starts highlighted. `None` if they cancel.
pub fn pick(prompt: &str, items: &[String], current: Option<&str>) -> io::Result<Option<String>> {
    terminal::enable_raw_mode()?;
    let _guard = RawGuard;
    let mut query = String::new();
    let mut selected = current.and_then(|c| items.iter().position(|i| i == c)).unwrap_or(0);
    let mut err = io::stderr();
    loop {
        let shown = filter(items, &query);
        if selected >= shown.len() {
            selected = shown.len().saturating_sub(1);
        }
        draw(&mut err, prompt, &query, &shown, selected, current)?;
        let Event::Key(KeyEvent { code, modifiers, kind, .. }) = event::read()? else { continue };
        if kind == KeyEventKind::Release {
            continue;
        }
        match (code, modifiers) {
            (KeyCode::Char('c') | KeyCode::Char('d'), KeyModifiers::CONTROL) | (KeyCode::Esc, _) => return Ok(None),
            (KeyCode::Enter, _) => return Ok(shown.get(selected).map(|s| s.to_string())),
            (KeyCode::Up, _)
            | (KeyCode::Char('p'), KeyModifiers::CONTROL)
            | (KeyCode::Char('k'), KeyModifiers::CONTROL) => {
                selected = selected.saturating_sub(1);
            }
            (KeyCode::Down, _)
            | (KeyCode::Char('n'), KeyModifiers::CONTROL)
            | (KeyCode::Char('j'), KeyModifiers::CONTROL)
            | (KeyCode::Tab, _) => {
                selected = (selected + 1).min(shown.len().saturating_sub(1));
            }
            (KeyCode::Backspace, _) => {
                query.pop();
                selected = 0;
            }
            (KeyCode::Char('u'), KeyModifiers::CONTROL) => {
                query.clear();
                selected = 0;
            }
            (KeyCode::Char(c), m) if !m.contains(KeyModifiers::CONTROL) => {
                query.push(c);
                selected = 0;
            }
            _ => {}
        }
    }
}

/// Draw the prompt and the visible window of matches, then put the cursor back on the
/// prompt line. Returns how many lines were drawn.
fn draw(
    out: &mut impl Write,
    prompt: &str,
    query: &str,
    shown: &[&str],
    selected: usize,
    current: Option<&str>,
) -> io::Result<u16> {
    let (_, rows) = terminal::size().unwrap_or((80, 24));
    let room = (rows.saturating_sub(2) as usize).clamp(1, MAX_ROWS);
    let start = selected.saturating_sub(room - 1);
    clear(out)?;
    queue!(out, style::Print(format!("{prompt}> {query}")))?;
    let mut lines = 0u16;
    for (i, item) in shown.iter().enumerate().skip(start).take(room) {
        queue!(out, style::Print("\r\n"))?;
        lines += 1;
        let marker = if i == selected { "> " } else { "  " };
        let text = format!("{marker}{item}");
        if i == selected {
            queue!(out, style::SetAttribute(style::Attribute::Reverse), style::Print(text), style::ResetColor)?;
            queue!(out, style::SetAttribute(style::Attribute::Reset))?;
        } else if Some(*item) == current {
            queue!(out, style::SetForegroundColor(style::Color::Yellow), style::Print(text), style::ResetColor)?;
        } else {
            queue!(out, style::Print(text))?;
        }
    }
    queue!(out, style::Print("\r\n"), style::Print(format!("  {}/{}", shown.len().min(room), shown.len())))?;
    lines += 1;
    queue!(out, cursor::MoveUp(lines), cursor::MoveToColumn((prompt.len() + 2 + query.chars().count()) as u16))?;
    out.flush()?;
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_ranks_fuzzy_matches_and_keeps_order_when_empty() {
        let items: Vec<String> =
            ["default", "kube-system", "kube-public", "web"].iter().map(|s| s.to_string()).collect();
        assert_eq!(filter(&items, ""), ["default", "kube-system", "kube-public", "web"]);
        let got = filter(&items, "ksys");
        assert_eq!(got.first(), Some(&"kube-system"));
        assert!(!got.contains(&"web"));
    }
}
