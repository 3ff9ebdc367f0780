//! The in-TUI editor: a `ratatui-textarea` over the object's YAML, validated as you type,
//! a unified diff against the live object before anything is sent, and the server's error
//! shown under the text without losing it.

use ratatui_textarea::TextArea;

use super::msg::{Id, ObjRef};

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Editing,
    /// Showing the diff; `y`/Enter applies, Esc goes back to editing.
    Reviewing {
        diff: Vec<String>,
        offset: usize,
    },
    Applying {
        id: Id,
    },
}

pub struct EditorPage {
    pub target: ObjRef,
    pub area: TextArea<'static>,
    /// The live object's YAML when editing began.
    pub original: String,
    /// The YAML problem at the current text, with its line.
    pub invalid: Option<String>,
    /// The server's last refusal.
    pub server_error: Option<String>,
    pub stage: Stage,
}

impl std::fmt::Debug for EditorPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EditorPage").field("target", &self.target).field("stage", &self.stage).finish_non_exhaustive()
    }
}

impl EditorPage {
    pub fn new(target: ObjRef, yaml: &str) -> EditorPage {
        let area = TextArea::new(yaml.lines().map(str::to_string).collect());
        let mut e = EditorPage {
            target,
            area,
            original: yaml.to_string(),
            invalid: None,
            server_error: None,
            stage: Stage::Editing,
        };
        e.validate();
        e
    }

    pub fn text(&self) -> String {
        let mut s = self.area.lines().join("\n");
        s.push('\n');
        s
    }

    pub fn modified(&self) -> bool {
        self.text().trim_end() != self.original.trim_end()
    }

    /// Check the text parses as one YAML mapping with apiVersion, kind and metadata.name.
    pub fn validate(&mut self) {
        self.invalid = validate(&self.text()).err();
    }
}

/// Why `text` cannot be sent, if it cannot.
pub fn validate(text: &str) -> Result<serde_json::Value, String> {
    let v: serde_json::Value = serde_yaml::from_str(text).map_err(|e| match e.location() {
        Some(l) => format!("line {}: {}", l.line(), e.to_string().split(" at line").next().unwrap_or("")),
        None => e.to_string(),
    })?;
    if !v.is_object() {
        return Err("the document must be a mapping (an object)".into());
    }
    for field in ["apiVersion", "kind"] {
        if v.get(field).and_then(serde_json::Value::as_str).is_none_or(str::is_empty) {
            return Err(format!("{field} is required"));
        }
    }
    if crate::k8s::meta::name(&v).is_empty() {
        return Err("metadata.name is required".into());
    }
    Ok(v)
}

/// A unified diff of two texts, line by line (LCS), with three lines of context.
pub fn diff(old: &str, new: &str) -> Vec<String> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Strip the common head and tail so the quadratic part covers only the changed middle.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let (n, m) = (am.len(), bm.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if am[i] == bm[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    // Full script: (' ', line) for context, ('-', …), ('+', …).
    let mut script: Vec<(char, &str)> = a[..head].iter().map(|l| (' ', *l)).collect();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && am[i] == bm[j] {
            script.push((' ', am[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            script.push(('-', am[i]));
            i += 1;
        } else {
            script.push(('+', bm[j]));
            j += 1;
        }
    }
    script.extend(a[a.len() - tail..].iter().map(|l| (' ', *l)));
    let changed: Vec<usize> = script.iter().enumerate().filter(|(_, (c, _))| *c != ' ').map(|(i, _)| i).collect();
    if changed.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last_shown: Option<usize> = None;
    for (idx, (c, line)) in script.iter().enumerate() {
        let near = changed.iter().any(|&k| idx + 3 >= k && idx <= k + 3);
        if !near {
            continue;
        }
        if last_shown.is_some_and(|l| idx > l + 1) || (last_shown.is_none() && idx > 0) {
            out.push("…".to_string());
        }
        out.push(format!("{c}{line}"));
        last_shown = Some(idx);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_reports_the_line_of_a_yaml_error() {
        let err = validate("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a\n").expect_err("broken");
        assert!(err.starts_with("line "), "{err}");
        assert!(validate("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n").is_ok());
        assert_eq!(validate("apiVersion: v1\nkind: Pod\n").expect_err("no name"), "metadata.name is required");
    }

    #[test]
    fn diff_shows_changes_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let d = diff(old, new);
        assert!(d.contains(&"-e".to_string()) && d.contains(&"+E".to_string()), "{d:?}");
        assert_eq!(d.first().map(String::as_str), Some("…"));
        assert!(diff(old, old).is_empty());
    }
}
