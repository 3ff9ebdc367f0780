//! A one-line prompt (`:` commands, `/` filters) with in-line completion: the best match is
//! shown dimmed after the cursor and Tab takes it; Up/Down walk the history.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prompt {
    pub input: String,
    /// Cursor position, in chars.
    pub cursor: usize,
    /// Candidates matching the word being typed, best first.
    pub suggestions: Vec<String>,
    pub error: Option<String>,
    /// Position in the history while walking it.
    history_pos: Option<usize>,
}

/// What a key did to the prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Changed,
    Unchanged,
    Submit,
    Cancel,
}

impl Prompt {
    pub fn new(input: &str) -> Prompt {
        Prompt { input: input.to_string(), cursor: input.chars().count(), ..Default::default() }
    }

    fn byte(&self, char_idx: usize) -> usize {
        self.input.char_indices().nth(char_idx).map_or(self.input.len(), |(b, _)| b)
    }

    /// The completion of the last word, if the best suggestion extends it.
    pub fn completion(&self) -> Option<&str> {
        let word = self.input.rsplit(' ').next().unwrap_or("");
        let best = self.suggestions.first()?;
        (best.len() > word.len() && best.starts_with(word)).then(|| &best[word.len()..])
    }

    pub fn key(&mut self, key: &KeyEvent, history: &[String]) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return Edit::Submit,
            KeyCode::Esc => return Edit::Cancel,
            KeyCode::Char('c') if ctrl => return Edit::Cancel,
            KeyCode::Char('u') if ctrl => {
                self.input.clear();
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => {
                let before: String = self.input.chars().take(self.cursor).collect();
                let trimmed = before.trim_end();
                let cut = trimmed.rfind(' ').map_or(0, |i| i + 1);
                let after: String = self.input.chars().skip(self.cursor).collect();
                self.input = format!("{}{}", &trimmed[..cut], after);
                self.cursor = trimmed[..cut].chars().count();
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.input.chars().count(),
            KeyCode::Char(c) if !ctrl => {
                let b = self.byte(self.cursor);
                self.input.insert(b, c);
                self.cursor += 1;
            }
            KeyCode::Backspace => {
                if self.cursor == 0 {
                    // Backspace on an empty prompt leaves it, as in k9s.
                    return if self.input.is_empty() { Edit::Cancel } else { Edit::Unchanged };
                }
                let b = self.byte(self.cursor - 1);
                self.input.remove(b);
                self.cursor -= 1;
            }
            KeyCode::Delete => {
                if self.cursor < self.input.chars().count() {
                    let b = self.byte(self.cursor);
                    self.input.remove(b);
                }
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => {
                if self.cursor < self.input.chars().count() {
                    self.cursor += 1;
                } else if let Some(rest) = self.completion().map(str::to_string) {
                    self.input.push_str(&rest);
                    self.cursor = self.input.chars().count();
                }
            }
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.input.chars().count(),
            KeyCode::Tab => match self.completion().map(str::to_string) {
                Some(rest) => {
                    self.input.push_str(&rest);
                    self.cursor = self.input.chars().count();
                }
                None => {
                    // Cycle through candidates when the word is already complete.
                    if self.suggestions.len() > 1 {
                        self.suggestions.rotate_left(1);
                        let word_start = self.input.rfind(' ').map_or(0, |i| i + 1);
                        self.input.truncate(word_start);
                        self.input.push_str(&self.suggestions[0]);
                        self.cursor = self.input.chars().count();
                        return Edit::Unchanged;
                    }
                    return Edit::Unchanged;
                }
            },
            KeyCode::Up => {
                if history.is_empty() {
                    return Edit::Unchanged;
                }
                let pos = match self.history_pos {
                    None => history.len() - 1,
                    Some(p) => p.saturating_sub(1),
                };
                self.history_pos = Some(pos);
                self.input = history[pos].clone();
                self.cursor = self.input.chars().count();
            }
            KeyCode::Down => match self.history_pos {
                Some(p) if p + 1 < history.len() => {
                    self.history_pos = Some(p + 1);
                    self.input = history[p + 1].clone();
                    self.cursor = self.input.chars().count();
                }
                Some(_) => {
                    self.history_pos = None;
                    self.input.clear();
                    self.cursor = 0;
                }
                None => return Edit::Unchanged,
            },
            _ => return Edit::Unchanged,
        }
        Edit::Changed
    }
}

/// Candidates for the last word of `input` among `words`: prefix matches first (shortest
/// first), then substring matches.
pub fn complete(input: &str, words: &[String]) -> Vec<String> {
    let word = input.rsplit(' ').next().unwrap_or("").to_lowercase();
    if word.is_empty() {
        return Vec::new();
    }
    let mut prefix: Vec<&String> = words.iter().filter(|w| w.starts_with(&word)).collect();
    prefix.sort_by_key(|w| (w.len(), w.as_str()));
    prefix.dedup();
    let mut out: Vec<String> = prefix.into_iter().cloned().collect();
    let mut inner: Vec<&String> = words.iter().filter(|w| !w.starts_with(&word) && w.contains(&word)).collect();
    inner.sort();
    inner.dedup();
    out.extend(inner.into_iter().cloned());
    out.truncate(8);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn complete_prefers_short_prefix_matches() {
        let words: Vec<String> = ["deployments", "deploy", "daemonsets", "poddisruptionbudgets", "pods", "po"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(complete("dep", &words)[0], "deploy");
        assert_eq!(complete("po", &words)[..2], ["po".to_string(), "pods".to_string()]);
        assert!(complete("", &words).is_empty());
    }

    #[test]
    fn prompt_tab_takes_the_completion() {
        let mut p = Prompt::new("deplo");
        p.suggestions = vec!["deployments".into()];
        assert_eq!(p.completion(), Some("yments"));
        p.key(&key(KeyCode::Tab), &[]);
        assert_eq!(p.input, "deployments");
    }

    #[test]
    fn prompt_edits_at_the_cursor_and_walks_history() {
        let mut p = Prompt::new("pds");
        p.key(&key(KeyCode::Left), &[]);
        p.key(&key(KeyCode::Left), &[]);
        p.key(&key(KeyCode::Char('o')), &[]);
        assert_eq!(p.input, "pods");
        let history = vec!["svc".to_string(), "ns".to_string()];
        p.key(&key(KeyCode::Up), &history);
        assert_eq!(p.input, "ns");
        p.key(&key(KeyCode::Up), &history);
        assert_eq!(p.input, "svc");
        assert_eq!(Prompt::new("").key(&key(KeyCode::Backspace), &[]), Edit::Cancel);
    }
}
