//! Read-only text pages (describe, YAML, diffs) with search (`/`, `n`, `N`) and a small
//! YAML highlighter. The highlighter is hand-written rather than syntect: serde_yaml's output
//! is regular (keys, scalars, comments, list dashes), syntect would add a regex engine and
//! megabytes of grammar dumps to a 2-core build for that, and only visible lines are
//! highlighted anyway.

use super::theme::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Yaml,
    Describe,
    Diff,
    Plain,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextPage {
    pub title: String,
    pub kind: TextKind,
    pub lines: Vec<String>,
    pub offset: usize,
    pub hscroll: usize,
    pub wrap: bool,
    /// Lower-cased search text.
    pub search: Option<String>,
    /// (line, byte start, byte end) of each match.
    pub matches: Vec<(usize, usize, usize)>,
    pub current: usize,
    /// Rows on screen, from the last layout.
    pub page_rows: usize,
    /// What the page shows, to refresh it (describe/yaml of this object).
    pub target: Option<super::msg::ObjRef>,
}

impl TextPage {
    pub fn new(title: impl Into<String>, kind: TextKind, text: &str) -> TextPage {
        TextPage {
            title: title.into(),
            kind,
            lines: text.lines().map(|l| l.replace('\t', "    ")).collect(),
            offset: 0,
            hscroll: 0,
            wrap: false,
            search: None,
            matches: Vec::new(),
            current: 0,
            page_rows: 20,
            target: None,
        }
    }

    /// Search for `needle` (case-insensitive) and jump to the first match at or after the
    /// top of the screen.
    pub fn set_search(&mut self, needle: &str) {
        self.matches.clear();
        self.current = 0;
        if needle.is_empty() {
            self.search = None;
            return;
        }
        let n = needle.to_lowercase();
        for (i, line) in self.lines.iter().enumerate() {
            let lower = line.to_lowercase();
            // Lower-casing can change byte lengths outside ASCII; match on ASCII-safe lines only.
            if lower.len() != line.len() {
                continue;
            }
            let mut from = 0;
            while let Some(p) = lower[from..].find(&n) {
                self.matches.push((i, from + p, from + p + n.len()));
                from += p + n.len().max(1);
            }
        }
        self.search = Some(n);
        if let Some(idx) = self.matches.iter().position(|m| m.0 >= self.offset) {
            self.current = idx;
            self.reveal();
        } else if !self.matches.is_empty() {
            self.current = 0;
            self.reveal();
        }
    }

    pub fn next_match(&mut self, forward: bool) {
        if self.matches.is_empty() {
            return;
        }
        let n = self.matches.len();
        self.current = if forward { (self.current + 1) % n } else { (self.current + n - 1) % n };
        self.reveal();
    }

    fn reveal(&mut self) {
        let line = self.matches[self.current].0;
        if line < self.offset || line >= self.offset + self.page_rows.max(1) {
            self.offset = line.saturating_sub(self.page_rows / 3);
        }
    }

    pub fn scroll(&mut self, delta: isize) {
        let max = self.lines.len().saturating_sub(1);
        self.offset = (self.offset as isize + delta).clamp(0, max as isize) as usize;
    }
}

/// Styled spans of one line: (byte start, byte end, role), covering the line in order.
pub fn highlight(kind: TextKind, line: &str) -> Vec<(usize, usize, Role)> {
    match kind {
        TextKind::Yaml => yaml_line(line),
        TextKind::Describe => describe_line(line),
        TextKind::Diff => {
            let role = if line.starts_with('+') {
                Role::DiffAdd
            } else if line.starts_with('-') {
                Role::DiffRemove
            } else {
                Role::DiffContext
            };
            vec![(0, line.len(), role)]
        }
        TextKind::Plain => vec![(0, line.len(), Role::Text)],
    }
}

fn scalar_role(v: &str) -> Role {
    let t = v.trim();
    if t.starts_with('#') {
        return Role::YamlComment;
    }
    if t.starts_with('"') || t.starts_with('\'') {
        return Role::YamlString;
    }
    match t {
        "true" | "false" => Role::YamlBool,
        "null" | "~" => Role::YamlNull,
        "|" | ">" | "|-" | ">-" | "{}" | "[]" => Role::YamlPunct,
        _ if t.parse::<f64>().is_ok() => Role::YamlNumber,
        _ => Role::YamlString,
    }
}

fn yaml_line(line: &str) -> Vec<(usize, usize, Role)> {
    let mut out = Vec::new();
    let indent = line.len() - line.trim_start().len();
    let mut pos = indent;
    if indent > 0 {
        out.push((0, indent, Role::Text));
    }
    let rest = &line[pos..];
    if rest.starts_with('#') {
        out.push((pos, line.len(), Role::YamlComment));
        return out;
    }
    let mut rest = rest;
    while let Some(r) = rest.strip_prefix("- ") {
        out.push((pos, pos + 2, Role::YamlPunct));
        pos += 2;
        rest = r;
    }
    if rest == "-" {
        out.push((pos, pos + 1, Role::YamlPunct));
        return out;
    }
    // `key: value` where the key is not quoted text containing ": ".
    let key_end = if rest.starts_with('"') || rest.starts_with('\'') {
        None
    } else {
        rest.find(": ").or_else(|| rest.strip_suffix(':').map(str::len))
    };
    match key_end {
        Some(k) => {
            out.push((pos, pos + k, Role::YamlKey));
            out.push((pos + k, pos + k + 1, Role::YamlPunct));
            let vstart = pos + k + 1;
            if vstart < line.len() {
                out.push((vstart, line.len(), scalar_role(&line[vstart..])));
            }
        }
        None if !rest.is_empty() => out.push((pos, line.len(), scalar_role(rest))),
        None => {}
    }
    out
}

fn describe_line(line: &str) -> Vec<(usize, usize, Role)> {
    // `Key:   value` with the key starting the (indented) line.
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    match trimmed.find(':') {
        Some(k)
            if k > 0
                && !trimmed[..k].contains("  ")
                && trimmed[..k].chars().next().is_some_and(char::is_alphabetic) =>
        {
            vec![
                (0, indent, Role::Text),
                (indent, indent + k + 1, Role::DescribeKey),
                (indent + k + 1, line.len(), Role::Text),
            ]
        }
        _ => vec![(0, line.len(), Role::Text)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(line: &str) -> Vec<(String, Role)> {
        yaml_line(line).into_iter().map(|(a, b, r)| (line[a..b].to_string(), r)).collect()
    }

    #[test]
    fn yaml_line_splits_keys_and_values() {
        assert_eq!(
            roles("  replicas: 3"),
            vec![
                ("  ".into(), Role::Text),
                ("replicas".into(), Role::YamlKey),
                (":".into(), Role::YamlPunct),
                (" 3".into(), Role::YamlNumber)
            ]
        );
        assert_eq!(roles("- name: web")[0], ("- ".into(), Role::YamlPunct));
        assert_eq!(roles("  ready: true")[3].1, Role::YamlBool);
        assert_eq!(roles("# note")[0].1, Role::YamlComment);
        assert_eq!(roles("metadata:")[0], ("metadata".into(), Role::YamlKey));
        assert_eq!(roles("  image: \"nginx: 1\"")[3].1, Role::YamlString);
    }

    #[test]
    fn text_search_finds_matches_and_cycles() {
        let mut t = TextPage::new("x", TextKind::Yaml, "a: web\nb: db\nc: Web-2\n");
        t.set_search("web");
        assert_eq!(t.matches, vec![(0, 3, 6), (2, 3, 6)]);
        t.next_match(true);
        assert_eq!(t.current, 1);
        t.next_match(true);
        assert_eq!(t.current, 0);
        t.next_match(false);
        assert_eq!(t.current, 1);
    }
}
