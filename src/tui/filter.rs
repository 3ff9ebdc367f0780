//! The `/` filter language, parsed once per keystroke and matched against rows: plain text
//! (case-insensitive substring), regular expressions, `!` to invert, `-f` fuzzy, `-l` label
//! selectors, and `column:value` to look in one column only. Pure: no I/O, no terminal.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use regex::Regex;

use crate::k8s::selector::LabelSelector;

/// How text is compared.
#[derive(Debug, Clone)]
pub enum Text {
    /// Lower-cased needle; haystacks are kept lower-cased.
    Substring(String),
    Regex(Regex),
    Fuzzy(String),
}

/// A parsed filter.
#[derive(Debug, Clone)]
pub enum Filter {
    None,
    Text { text: Text, column: Option<usize>, invert: bool },
    Labels(LabelSelector),
}

/// Why a filter cannot be used (shown under the prompt; the table keeps its last good filter).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("bad label selector: {0}")]
    Selector(String),
}

fn looks_like_regex(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '^' | '$' | '*' | '+' | '?' | '[' | ']' | '(' | ')' | '|' | '\\' | '{' | '}'))
}

impl Filter {
    /// Parse what the user typed. `columns` are the table's column names, for `name:value`.
    pub fn parse(input: &str, columns: &[String]) -> Result<Filter, FilterError> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(Filter::None);
        }
        if let Some(sel) = s.strip_prefix("-l").filter(|r| r.is_empty() || r.starts_with(' ')) {
            let sel = sel.trim();
            if sel.is_empty() {
                return Ok(Filter::None);
            }
            return LabelSelector::parse(sel).map(Filter::Labels).map_err(|e| FilterError::Selector(e.to_string()));
        }
        if let Some(f) = s.strip_prefix("-f").filter(|r| r.is_empty() || r.starts_with(' ')) {
            let f = f.trim();
            if f.is_empty() {
                return Ok(Filter::None);
            }
            return Ok(Filter::Text { text: Text::Fuzzy(f.to_string()), column: None, invert: false });
        }
        let (invert, s) = match s.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (column, s) = match s.split_once(':') {
            Some((col, rest)) if !col.is_empty() && !col.contains(' ') => {
                match columns.iter().position(|c| c.eq_ignore_ascii_case(col)) {
                    Some(i) => (Some(i), rest),
                    None => (None, s),
                }
            }
            _ => (None, s),
        };
        if s.is_empty() {
            return Ok(Filter::None);
        }
        let text = if looks_like_regex(s) {
            match regex::RegexBuilder::new(s).case_insensitive(true).build() {
                Ok(r) => Text::Regex(r),
                // Half-typed patterns (`web-[`) filter literally until they parse.
                Err(_) => Text::Substring(s.to_lowercase()),
            }
        } else {
            Text::Substring(s.to_lowercase())
        };
        Ok(Filter::Text { text, column, invert })
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Filter::None)
    }

    /// Whether every row this filter keeps was kept by `old` too, so the rows `old` kept
    /// (already sorted) can be filtered again instead of all rows: the usual case of typing
    /// one more character. An inverted filter narrows as its text gets shorter.
    pub fn narrows(&self, old: &Filter) -> bool {
        let Filter::Text { text: new_text, column, invert } = self else {
            return matches!(old, Filter::None);
        };
        let Filter::Text { text: old_text, column: old_column, invert: old_invert } = old else {
            return matches!(old, Filter::None);
        };
        if column != old_column || invert != old_invert {
            return false;
        }
        match (new_text, old_text) {
            (Text::Substring(n), Text::Substring(o)) => {
                if *invert {
                    o.contains(n.as_str())
                } else {
                    n.contains(o.as_str())
                }
            }
            (Text::Regex(n), Text::Regex(o)) => n.as_str() == o.as_str(),
            (Text::Fuzzy(n), Text::Fuzzy(o)) => n == o,
            _ => false,
        }
    }
}

/// Matches rows against a filter, with the needle prepared once for all rows (a substring
/// searcher, the fuzzy matcher and its scratch space).
pub struct RowMatcher<'f> {
    filter: &'f Filter,
    substring: Option<memchr::memmem::Finder<'f>>,
    fuzzy: Option<(Matcher, Pattern)>,
    scratch: Vec<char>,
}

impl<'f> RowMatcher<'f> {
    pub fn new(filter: &'f Filter) -> RowMatcher<'f> {
        let fuzzy = match filter {
            Filter::Text { text: Text::Fuzzy(f), .. } => {
                Some((Matcher::new(Config::DEFAULT), Pattern::parse(f, CaseMatching::Ignore, Normalization::Smart)))
            }
            _ => None,
        };
        let substring = match filter {
            Filter::Text { text: Text::Substring(n), .. } => Some(memchr::memmem::Finder::new(n.as_bytes())),
            _ => None,
        };
        RowMatcher { filter, substring, fuzzy, scratch: Vec::new() }
    }

    /// `haystack` is the row's lower-cased cells joined by tabs.
    pub fn matches(
        &mut self,
        haystack: &str,
        name: &str,
        cells: &[String],
        labels: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
        match self.filter {
            Filter::None => true,
            Filter::Labels(sel) => sel.matches_map(labels),
            Filter::Text { text, column, invert } => {
                let finder = self.substring.as_ref();
                let hit = match (text, column) {
                    (Text::Substring(_), None) => finder.is_some_and(|f| f.find(haystack.as_bytes()).is_some()),
                    (Text::Substring(_), Some(c)) => {
                        finder.is_some_and(|f| f.find(cell(*c).to_lowercase().as_bytes()).is_some())
                    }
                    // Per cell, so `^web` and `-1$` anchor to a value, not the whole row.
                    (Text::Regex(r), None) => cells.iter().any(|c| r.is_match(c)),
                    (Text::Regex(r), Some(c)) => r.is_match(cell(*c)),
                    (Text::Fuzzy(_), _) => {
                        let (m, p) = self.fuzzy.as_mut().expect("fuzzy filters carry a matcher");
                        p.score(Utf32Str::new(name, &mut self.scratch), m).is_some()
                    }
                };
                hit != *invert
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn cols() -> Vec<String> {
        ["NAME", "READY", "STATUS"].iter().map(|s| s.to_string()).collect()
    }

    fn check(filter: &str, cells: &[&str]) -> bool {
        let f = Filter::parse(filter, &cols()).expect("parses");
        let hay = cells.join("\t").to_lowercase();
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), "web".to_string());
        let owned: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        RowMatcher::new(&f).matches(&hay, cells[0], &owned, &labels)
    }

    #[test]
    fn filter_substring_is_case_insensitive() {
        assert!(check("WEB", &["web-1", "1/1", "Running"]));
        assert!(!check("db", &["web-1", "1/1", "Running"]));
    }

    #[test]
    fn filter_inverse_excludes_matches() {
        assert!(!check("!web", &["web-1", "1/1", "Running"]));
        assert!(check("!db", &["web-1", "1/1", "Running"]));
    }

    #[test]
    fn filter_regex_matches_anchored_patterns() {
        assert!(check("^web-\\d$", &["web-1", "1/1", "Running"]));
        assert!(!check("^eb", &["web-1", "1/1", "Running"]));
    }

    #[test]
    fn filter_half_typed_regex_is_literal() {
        assert!(!check("web-[", &["web-1", "1/1", "Running"]));
    }

    #[test]
    fn filter_column_restricts_to_one_column() {
        assert!(check("status:crash", &["web-1", "0/1", "CrashLoopBackOff"]));
        assert!(!check("name:crash", &["web-1", "0/1", "CrashLoopBackOff"]));
        assert!(check("!status:Running", &["web-1", "0/1", "CrashLoopBackOff"]));
    }

    #[test]
    fn filter_fuzzy_matches_subsequences_of_the_name() {
        assert!(check("-f wb1", &["web-1", "1/1", "Running"]));
        assert!(!check("-f zz", &["web-1", "1/1", "Running"]));
    }

    #[test]
    fn filter_narrows_when_typing_extends_the_text() {
        let f = |s: &str| Filter::parse(s, &cols()).expect("parses");
        assert!(f("a").narrows(&Filter::None));
        assert!(f("-l app=web").narrows(&Filter::None));
        assert!(f("api").narrows(&f("ap")));
        assert!(f("xapi").narrows(&f("api")), "text added in front narrows too");
        assert!(!f("ap").narrows(&f("api")), "backspace widens");
        assert!(f("!ap").narrows(&f("!api")), "an inverted filter narrows as it shortens");
        assert!(!f("!api").narrows(&f("!ap")));
        assert!(!f("status:run").narrows(&f("run")), "another column");
        assert!(!f("^web").narrows(&f("web")));
        assert!(f("^web").narrows(&f("^web")));
        assert!(!f("-f wb").narrows(&f("-f w")), "fuzzy patterns are not compared");
        assert!(!f("-l app=web").narrows(&f("-l app")));
        assert!(!Filter::None.narrows(&f("a")));
        assert!(Filter::None.narrows(&Filter::None));
    }

    #[test]
    fn filter_label_selector_matches_labels() {
        assert!(check("-l app=web", &["x", "", ""]));
        assert!(!check("-l app=db", &["x", "", ""]));
        assert!(Filter::parse("-l app in (", &cols()).is_err());
    }
}
