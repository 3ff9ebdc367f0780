//! kubectl's table layout: Go's tabwriter as kubectl configures it (minimum cell width 6,
//! padding 3, spaces), so columns line up byte for byte with kubectl's output. Also the cell
//! rendering kubectl applies to server-side Table cells.

use serde_json::Value;

const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

/// Lay out rows of cells. Every cell but a row's last is padded to its column's width
/// (widest cell + 3, at least 6); the last cell of a row is never padded.
pub fn layout(rows: &[Vec<String>]) -> String {
    layout_remembering(rows, &mut Vec::new())
}

/// `layout` with kubectl's remembered widths (its tabwriter's `RememberWidths`, used by
/// `get -w`): columns never get narrower than in earlier blocks, and `remembered` is updated.
pub fn layout_remembering(rows: &[Vec<String>], remembered: &mut Vec<usize>) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
            widths[i] = widths[i].max(cell.chars().count() + PADDING).max(MIN_WIDTH);
        }
    }
    if remembered.len() < widths.len() {
        remembered.resize(widths.len(), 0);
    }
    for (w, r) in widths.iter_mut().zip(remembered.iter_mut()) {
        *w = (*w).max(*r);
        *r = *w;
    }
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < row.len() {
                for _ in cell.chars().count()..widths[i] {
                    out.push(' ');
                }
            }
        }
        out.push('\n');
    }
    out
}

/// A Table cell as kubectl prints it (`%v` of the decoded value; missing is `<none>`).
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => "<none>".to_string(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect()
    }

    #[test]
    fn layout_matches_kubectl_get_ns() {
        let t = layout(&rows(&[
            &["NAME", "STATUS", "AGE"],
            &["default", "Active", "3s"],
            &["kube-node-lease", "Active", "3s"],
        ]));
        assert_eq!(t, "NAME              STATUS   AGE\ndefault           Active   3s\nkube-node-lease   Active   3s\n");
    }

    #[test]
    fn layout_pads_narrow_columns_to_six() {
        let t = layout(&rows(&[&["A", "B"], &["x", "y"]]));
        assert_eq!(t, "A     B\nx     y\n");
    }

    #[test]
    fn cell_renders_like_kubectl() {
        assert_eq!(cell(&Value::Null), "<none>");
        assert_eq!(cell(&serde_json::json!(3)), "3");
        assert_eq!(cell(&serde_json::json!("1/1")), "1/1");
    }
}
