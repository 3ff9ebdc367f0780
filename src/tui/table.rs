//! The rows of a live table and the filtered, sorted view of them. Rows arrive from one or
//! more watches (one per namespace of a multi-namespace view), keyed by namespace/name; a
//! `Listed` from a watch replaces that watch's rows only. The view is a list of row indices,
//! recomputed when rows, filter or sort change — never per frame — so rendering is
//! proportional to the rows on screen, not to the rows in the cluster.

use std::cmp::Ordering;
use std::collections::HashMap;

use jiff::Timestamp;
use unicode_width::UnicodeWidthStr;

use super::filter::{Filter, RowMatcher};
use crate::client::table_watch::{Change, ChangeKind, Column, RowMeta, TableRow};

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub key: Box<str>,
    pub cells: Vec<String>,
    pub meta: RowMeta,
    /// The cells lower-cased and joined by tabs, so a substring filter is one `contains`.
    haystack: Box<str>,
    /// Terminal width of the namespace, then of each cell: measured once, so sizing the
    /// columns over a view of 50,000 rows reads one small array per row, not every cell.
    widths: Box<[u16]>,
    /// Which watch of the table the row came from.
    source: u32,
    /// When the row arrived: the server's relative times (`5m`, `3 (40s ago)`) were true
    /// then, and have grown by the time since.
    received: Timestamp,
}

impl Row {
    fn new(row: TableRow, source: u32, received: Timestamp) -> Row {
        let key = row_key(&row.meta, &row.cells);
        let haystack = haystack(&row.cells);
        let widths = std::iter::once(row.meta.namespace.as_deref().map_or(0, text_width))
            .chain(row.cells.iter().map(|c| text_width(c)))
            .collect();
        Row { key, cells: row.cells, meta: row.meta, haystack, widths, source, received }
    }

    /// Cell `i` as it reads at `now`: a relative time the server computed is moved on by
    /// the time since the row arrived, so `LAST SEEN` and restart recency tick like ages.
    pub fn cell_at(&self, i: usize, ticking: bool, now: Timestamp) -> std::borrow::Cow<'_, str> {
        let cell = self.cell(i);
        if ticking && let Some(moved) = aged(cell, now.duration_since(self.received).as_secs()) {
            return moved.into();
        }
        cell.into()
    }

    /// Seconds since the moment a pure-duration cell (`4m53s`) stands for, at `now`.
    fn aged_secs(&self, i: usize, now: Timestamp) -> Option<i64> {
        let d = duration_secs(self.cell(i))? as i64;
        Some(d + now.duration_since(self.received).as_secs())
    }

    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }

    pub fn namespace(&self) -> Option<&str> {
        self.meta.namespace.as_deref()
    }

    pub fn name(&self) -> &str {
        if self.meta.name.is_empty() { self.cell(0) } else { &self.meta.name }
    }
}

fn row_key(meta: &RowMeta, cells: &[String]) -> Box<str> {
    let name = if meta.name.is_empty() { cells.first().map(String::as_str).unwrap_or("") } else { &meta.name };
    match &meta.namespace {
        Some(ns) => format!("{ns}/{name}").into_boxed_str(),
        None => name.to_string().into_boxed_str(),
    }
}

fn text_width(s: &str) -> u16 {
    let w = if s.is_ascii() { s.len() } else { s.width() };
    w.min(u16::MAX as usize) as u16
}

fn haystack(cells: &[String]) -> Box<str> {
    let mut s = String::with_capacity(cells.iter().map(|c| c.len() + 1).sum());
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            s.push('\t');
        }
        s.push_str(c);
    }
    s.make_ascii_lowercase();
    if !s.is_ascii() {
        s = s.to_lowercase();
    }
    s.into_boxed_str()
}

/// What the view is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Namespace, then name: the order users expect from kubectl.
    #[default]
    Name,
    Age,
    /// A server column, by index into `columns`.
    Column(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

/// A column as shown: a server column, the computed age, or the namespace of the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Namespace,
    Cell(usize),
    /// A server `Age` column, recomputed from `creationTimestamp` so ages tick.
    Age(usize),
    /// A column kx computes itself (node allocation), by index into the page's extras.
    Extra(usize),
}

/// What the view was last computed from.
#[derive(Debug)]
struct Applied {
    filter: Filter,
    sort: Sort,
    owner: Option<String>,
}

#[derive(Debug, Default)]
pub struct RowStore {
    pub columns: Vec<Column>,
    rows: Vec<Row>,
    index: HashMap<Box<str>, usize>,
    /// Indices into `rows` of the rows that pass the filter, in sort order.
    view: Vec<u32>,
    /// The rows that pass the owner alone, in sort order: what a filter that does not
    /// narrow the last one (a backspace) filters again, so a keystroke never sorts. Valid
    /// while the sort and the owner stay as `applied` has them; a few watch changes move
    /// their rows within it instead of dropping it.
    base: Option<Vec<u32>>,
    applied: Option<Applied>,
    /// The rows were replaced, or the order asked for changed: the next refresh sorts.
    rows_changed: bool,
    /// Rows changed and were moved to their places in `base`: the next refresh filters
    /// `base` again, without sorting.
    rows_moved: bool,
    /// Widest cell (or header) of each column over the view, in terminal cells.
    widths: Vec<u16>,
    dirty: bool,
    /// Per column: whether its cells are times relative to when the server rendered them.
    ticking: Vec<bool>,
    /// Whether any watch has listed yet (an empty table then means "no resources").
    pub listed: bool,
}

impl RowStore {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether column `i` holds relative times that move on with the clock.
    pub fn ticks(&self, i: usize) -> bool {
        self.ticking.get(i).copied().unwrap_or(false)
    }

    pub fn view_len(&self) -> usize {
        self.view.len()
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Recompute the view on the next refresh, from scratch.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
        self.rows_changed = true;
    }

    /// Recompute the view on the next refresh after only the filter changed: the last view
    /// or the sorted base is filtered again, nothing sorted (unless the rows changed too).
    pub fn refilter(&mut self) {
        self.dirty = true;
    }

    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// The `i`th row of the view.
    pub fn view_row(&self, i: usize) -> Option<&Row> {
        self.view.get(i).map(|&r| &self.rows[r as usize])
    }

    pub fn get(&self, key: &str) -> Option<&Row> {
        self.index.get(key).map(|&i| &self.rows[i])
    }

    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter()
    }

    /// Position in the view of the row with `key`.
    pub fn position(&self, key: &str) -> Option<usize> {
        let i = *self.index.get(key)? as u32;
        self.view.iter().position(|&r| r == i)
    }

    pub fn width(&self, shown: Shown) -> u16 {
        match shown {
            Shown::Namespace => self.widths.first().copied().unwrap_or(9),
            Shown::Cell(i) | Shown::Age(i) => self.widths.get(i + 1).copied().unwrap_or(3),
            Shown::Extra(_) => 12,
        }
    }

    /// Replace the rows of `source` with a fresh listing.
    pub fn apply_listed(&mut self, source: u32, columns: Vec<Column>, rows: Vec<TableRow>, now: Timestamp) {
        if !columns.is_empty() {
            self.ticking = columns.iter().map(|c| ticks(&c.name)).collect();
            self.columns = columns;
        }
        self.listed = true;
        if self.rows.iter().any(|r| r.source != source) {
            self.rows.retain(|r| r.source != source);
        } else {
            self.rows.clear();
        }
        self.rows.reserve(rows.len());
        self.rows.extend(rows.into_iter().map(|r| Row::new(r, source, now)));
        // A re-list may name an object twice across sources (a namespace added twice);
        // the last one wins, keeping keys unique.
        self.index.clear();
        let mut dups = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            if let Some(old) = self.index.insert(r.key.clone(), i) {
                dups.push(old);
            }
        }
        if !dups.is_empty() {
            dups.sort_unstable();
            for d in dups.into_iter().rev() {
                self.rows.remove(d);
            }
            self.reindex();
        }
        self.mark_dirty();
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, r) in self.rows.iter().enumerate() {
            self.index.insert(r.key.clone(), i);
        }
    }

    /// Apply watch changes. While the sorted base is valid and the batch is small, each
    /// changed row is moved to its place in it (a binary search), so the keystroke after a
    /// watch event filters 50,000 rows instead of sorting them; a large batch sorts again.
    pub fn apply_changes(&mut self, source: u32, changes: Vec<Change>, now: Timestamp) {
        let in_place = changes.len() <= MOVED_IN_PLACE && !self.rows_changed && self.base.is_some();
        if !in_place {
            self.base = None;
        }
        for c in changes {
            let row = Row::new(c.row, source, now);
            match c.kind {
                ChangeKind::Added | ChangeKind::Modified => match self.index.get(&row.key) {
                    Some(&i) => {
                        self.rows[i] = row;
                        if in_place {
                            self.unplace(i as u32);
                            self.place(i as u32, now);
                        }
                    }
                    None => {
                        let i = self.rows.len();
                        self.index.insert(row.key.clone(), i);
                        self.rows.push(row);
                        if in_place {
                            self.place(i as u32, now);
                        }
                    }
                },
                ChangeKind::Deleted => {
                    if let Some(i) = self.index.remove(&row.key) {
                        if in_place {
                            self.unplace(i as u32);
                        }
                        let last = self.rows.len() - 1;
                        self.rows.swap_remove(i);
                        if i < self.rows.len() {
                            let moved = self.rows[i].key.clone();
                            self.index.insert(moved, i);
                            // The last row now lives at `i`; its place in the order is the same.
                            if let Some(base) = self.base.as_mut()
                                && let Some(p) = base.iter().position(|&r| r as usize == last)
                            {
                                base[p] = i as u32;
                            }
                        }
                    }
                }
            }
        }
        if in_place {
            self.dirty = true;
            self.rows_moved = true;
        } else {
            self.mark_dirty();
        }
    }

    /// Take row `i` out of the sorted base.
    fn unplace(&mut self, i: u32) {
        if let Some(base) = self.base.as_mut()
            && let Some(p) = base.iter().position(|&r| r == i)
        {
            base.remove(p);
        }
    }

    /// Put row `i` where the applied sort puts it in the base, if it passes the owner.
    fn place(&mut self, i: u32, now: Timestamp) {
        let (Some(base), Some(applied)) = (self.base.as_mut(), self.applied.as_ref()) else { return };
        let row = &self.rows[i as usize];
        if let Some(uid) = applied.owner.as_deref()
            && !row.meta.owner_references.iter().any(|o| o.uid == uid)
        {
            return;
        }
        let order = Order::new(&self.rows, &self.ticking, applied.sort, now);
        let p = base.partition_point(|&r| order.cmp(r, i) == Ordering::Less);
        base.insert(p, i);
    }

    /// Drop every row (the table's watches are being replaced).
    pub fn clear(&mut self) {
        self.rows.clear();
        self.index.clear();
        self.view.clear();
        self.listed = false;
        self.mark_dirty();
    }

    /// Index of the first column with this name (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// Recompute the view if anything changed. `owner` keeps only rows controlled by
    /// that uid (drill-down along ownership).
    ///
    /// When only the filter changed, nothing is sorted: a filter that narrows the last one
    /// filters the current view, any other filters the sorted base.
    pub fn refresh(&mut self, filter: &Filter, sort: Sort, owner: Option<&str>, shown: &[Shown], now: Timestamp) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        let same_order =
            !self.rows_changed && self.applied.as_ref().is_some_and(|a| a.sort == sort && a.owner.as_deref() == owner);
        if !same_order || self.base.is_none() {
            // The rows that pass the owner, sorted: every filter starts from these.
            let mut base: Vec<u32> = (0..self.rows.len() as u32)
                .filter(|&i| {
                    owner.is_none_or(|uid| self.rows[i as usize].meta.owner_references.iter().any(|o| o.uid == uid))
                })
                .collect();
            let order = Order::new(&self.rows, &self.ticking, sort, now);
            base.sort_unstable_by(|&a, &b| order.cmp(a, b));
            self.base = Some(base);
        }
        let narrows =
            same_order && !self.rows_moved && self.applied.as_ref().is_some_and(|a| filter.narrows(&a.filter));
        let mut matcher = RowMatcher::new(filter);
        let rows = &self.rows;
        // Column widths are gathered in the same pass, while the row is at hand.
        let mut widths = self.header_widths();
        let wants_ns = shown.contains(&Shown::Namespace);
        let mut keep = |i: &u32| {
            let r = &rows[*i as usize];
            let hit = matcher.matches(&r.haystack, r.name(), &r.cells, &r.meta.labels);
            if hit {
                for (k, (max, w)) in widths.iter_mut().zip(r.widths.iter()).enumerate() {
                    if *w > *max && (k > 0 || wants_ns) {
                        *max = *w;
                    }
                }
            }
            hit
        };
        if narrows {
            self.view.retain(keep);
        } else {
            self.view.clear();
            self.view.extend(self.base.iter().flatten().filter(|i| keep(i)));
        }
        self.finish_widths(widths, shown, now);
        self.rows_changed = false;
        self.rows_moved = false;
        self.applied = Some(Applied { filter: filter.clone(), sort, owner: owner.map(str::to_string) });
    }

    /// The narrowest the columns can be: their headers.
    fn header_widths(&self) -> Vec<u16> {
        let mut widths = vec![0u16; self.columns.len() + 1];
        widths[0] = "NAMESPACE".len() as u16;
        for (i, c) in self.columns.iter().enumerate() {
            widths[i + 1] = c.name.len() as u16;
        }
        widths
    }

    fn finish_widths(&mut self, mut widths: Vec<u16>, shown: &[Shown], now: Timestamp) {
        // Ages are recomputed as they tick; reserve room for the widest form.
        for s in shown {
            match s {
                Shown::Age(i) => widths[i + 1] = widths[i + 1].max(age(None, now).len() as u16).max(5),
                // `59s` grows to `2m10s`: room for the longer forms.
                Shown::Cell(i) if self.ticks(*i) => widths[i + 1] += 2,
                _ => {}
            }
        }
        self.widths = widths;
    }
}

/// At most this many watch changes at once are moved into place in the sorted base (each
/// costs a scan and a shift of it); more than that sorts again.
const MOVED_IN_PLACE: usize = 64;

/// The order a sort puts rows in, by index into the rows.
struct Order<'a> {
    rows: &'a [Row],
    sort: Sort,
    /// The sort column holds relative times, compared by what they are at `now`. Two rows'
    /// times move on together, so their order does not change as the clock does.
    ticking: bool,
    now: Timestamp,
}

impl<'a> Order<'a> {
    fn new(rows: &'a [Row], ticking: &[bool], sort: Sort, now: Timestamp) -> Order<'a> {
        let ticking = matches!(sort.key, SortKey::Column(c) if ticking.get(c).copied().unwrap_or(false));
        Order { rows, sort, ticking, now }
    }

    fn cmp(&self, a: u32, b: u32) -> Ordering {
        let (ra, rb) = (&self.rows[a as usize], &self.rows[b as usize]);
        let by_name = |a: &Row, b: &Row| a.namespace().cmp(&b.namespace()).then_with(|| a.name().cmp(b.name()));
        let o = match self.sort.key {
            SortKey::Name => by_name(ra, rb),
            // Oldest first reads as "by age ascending": the largest age at the top.
            SortKey::Age => ra.meta.creation_timestamp.cmp(&rb.meta.creation_timestamp).then_with(|| by_name(ra, rb)),
            SortKey::Column(c) if self.ticking => match (ra.aged_secs(c, self.now), rb.aged_secs(c, self.now)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => compare_cells(ra.cell(c), rb.cell(c)),
            }
            .then_with(|| by_name(ra, rb)),
            SortKey::Column(c) => compare_cells(ra.cell(c), rb.cell(c)).then_with(|| by_name(ra, rb)),
        };
        if self.sort.descending { o.reverse() } else { o }
    }
}

/// `creationTimestamp` as kubectl's AGE.
pub fn age(created: Option<Timestamp>, now: Timestamp) -> String {
    match created {
        Some(t) => crate::k8s::table::human_duration(now.duration_since(t)),
        None => "<unknown>".to_string(),
    }
}

/// Server columns whose cells are times relative to when they were rendered.
fn ticks(column: &str) -> bool {
    ["last seen", "first seen", "last schedule", "restarts"].iter().any(|c| column.eq_ignore_ascii_case(c))
}

/// `cell` moved on by `elapsed` seconds, if it is a relative time: a duration (`4m53s`) or a
/// count with recency (`3 (40s ago)`).
pub fn aged(cell: &str, elapsed: i64) -> Option<String> {
    if elapsed <= 0 {
        return None;
    }
    let grow = |d: &str| {
        let secs = duration_secs(d)? as i64 + elapsed;
        Some(crate::k8s::table::human_duration(jiff::SignedDuration::from_secs(secs)))
    };
    if let Some((count, rest)) = cell.split_once(" (")
        && let Some(d) = rest.strip_suffix(" ago)")
    {
        return Some(format!("{count} ({} ago)", grow(d)?));
    }
    grow(cell)
}

/// Leading integer of a cell (`3 (5m ago)` → 3, `1/2` → 1), if it starts with one.
fn leading_number(s: &str) -> Option<f64> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    s[..end].parse().ok()
}

/// Seconds in a kubectl duration (`5m3s`, `2d`, `3y12d`).
fn duration_secs(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut num = String::new();
    let mut any = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num.parse().ok()?;
        num.clear();
        total += n * match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            'y' => 365 * 86400,
            _ => return None,
        };
        any = true;
    }
    (any && num.is_empty()).then_some(total)
}

/// Compare two cells as a person would: numbers by value, durations by length, else text.
pub fn compare_cells(a: &str, b: &str) -> Ordering {
    if let (Some(x), Some(y)) = (duration_secs(a), duration_secs(b)) {
        return x.cmp(&y);
    }
    if let (Some(x), Some(y)) = (leading_number(a), leading_number(b)) {
        return x.partial_cmp(&y).unwrap_or(Ordering::Equal);
    }
    a.to_lowercase().cmp(&b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ns: &str, name: &str, cells: &[&str]) -> TableRow {
        TableRow {
            cells: cells.iter().map(|s| s.to_string()).collect(),
            meta: RowMeta { name: name.into(), namespace: Some(ns.into()), ..Default::default() },
        }
    }

    fn cols() -> Vec<Column> {
        ["Name", "Restarts"]
            .iter()
            .map(|n| Column { name: n.to_string(), type_: "string".into(), format: String::new(), priority: 0 })
            .collect()
    }

    fn names(s: &RowStore) -> Vec<String> {
        (0..s.view_len()).map(|i| s.view_row(i).expect("row").name().to_string()).collect()
    }

    #[test]
    fn store_listed_replaces_only_its_source() {
        let mut s = RowStore::default();
        s.apply_listed(0, cols(), vec![row("a", "x", &["x", "0"])], Timestamp::UNIX_EPOCH);
        s.apply_listed(1, vec![], vec![row("b", "y", &["y", "0"])], Timestamp::UNIX_EPOCH);
        s.apply_listed(0, vec![], vec![row("a", "z", &["z", "0"])], Timestamp::UNIX_EPOCH);
        s.refresh(&Filter::None, Sort::default(), None, &[], Timestamp::UNIX_EPOCH);
        assert_eq!(names(&s), vec!["z", "y"]);
    }

    #[test]
    fn store_changes_add_modify_delete_without_duplicates() {
        let mut s = RowStore::default();
        s.apply_listed(0, cols(), vec![row("a", "x", &["x", "0"]), row("a", "y", &["y", "0"])], Timestamp::UNIX_EPOCH);
        s.apply_changes(
            0,
            vec![
                Change { kind: ChangeKind::Modified, row: row("a", "x", &["x", "1"]) },
                Change { kind: ChangeKind::Added, row: row("a", "x", &["x", "2"]) },
                Change { kind: ChangeKind::Deleted, row: row("a", "x", &["x", "2"]) },
                Change { kind: ChangeKind::Added, row: row("a", "w", &["w", "0"]) },
            ],
            Timestamp::UNIX_EPOCH,
        );
        s.refresh(&Filter::None, Sort::default(), None, &[], Timestamp::UNIX_EPOCH);
        assert_eq!(names(&s), vec!["w", "y"]);
        assert_eq!(s.len(), 2);
        assert!(s.get("a/y").is_some());
    }

    #[test]
    fn store_sorts_restarts_numerically_and_descending() {
        let mut s = RowStore::default();
        s.apply_listed(
            0,
            cols(),
            vec![row("a", "x", &["x", "10 (5m ago)"]), row("a", "y", &["y", "9"]), row("a", "z", &["z", "0"])],
            Timestamp::UNIX_EPOCH,
        );
        s.refresh(&Filter::None, Sort { key: SortKey::Column(1), descending: true }, None, &[], Timestamp::UNIX_EPOCH);
        assert_eq!(names(&s), vec!["x", "y", "z"]);
    }

    #[test]
    fn store_filter_and_owner_narrow_the_view() {
        let mut s = RowStore::default();
        let mut owned = row("a", "web-1", &["web-1", "0"]);
        owned.meta.owner_references.push(crate::client::table_watch::OwnerRef {
            api_version: "apps/v1".into(),
            kind: "ReplicaSet".into(),
            name: "web".into(),
            uid: "rs1".into(),
            controller: Some(true),
        });
        s.apply_listed(
            0,
            cols(),
            vec![owned, row("a", "web-2", &["web-2", "0"]), row("a", "db", &["db", "0"])],
            Timestamp::UNIX_EPOCH,
        );
        let f = Filter::parse("web", &s.column_names()).expect("filter");
        s.refresh(&f, Sort::default(), None, &[], Timestamp::UNIX_EPOCH);
        assert_eq!(names(&s), vec!["web-1", "web-2"]);
        s.mark_dirty();
        s.refresh(&f, Sort::default(), Some("rs1"), &[], Timestamp::UNIX_EPOCH);
        assert_eq!(names(&s), vec!["web-1"]);
    }

    /// What typing, backspacing and clearing a filter shows, checked step by step against a
    /// store that recomputes everything each time, with rows changing in between.
    #[test]
    fn store_incremental_filtering_matches_a_full_recompute() {
        let apps = ["web", "api", "worker", "db"];
        let rows: Vec<TableRow> = (0..400)
            .map(|i| {
                let name = format!("app-{:03}-{}", (i * 37) % 400, apps[i % 4]);
                row(["a", "b", "c"][i % 3], &name, &[&name, &(i % 7).to_string()])
            })
            .collect();
        let mut fast = RowStore::default();
        let mut full = RowStore::default();
        let shown = [Shown::Cell(0), Shown::Cell(1)];
        for s in [&mut fast, &mut full] {
            s.apply_listed(0, cols(), rows.clone(), Timestamp::UNIX_EPOCH);
            // Shown unfiltered first, as a table is.
            s.refresh(&Filter::None, Sort::default(), None, &shown, Timestamp::UNIX_EPOCH);
        }
        let steps = [
            "a",
            "ap",
            "api",
            "api-",
            "api-0",
            "api",
            "",
            "w",
            "wo",
            "!w",
            "!",
            "!wor",
            "!w",
            "restarts:3",
            "restarts:",
            "^app-0",
            "^app-01",
            "-f ap0",
            "-f ap01",
            "-l",
            "db",
            "",
            "0",
            "00",
        ];
        for (k, step) in steps.iter().enumerate() {
            if k % 5 == 4 {
                // A watch event between keystrokes.
                let changed = row("b", &format!("app-new-{k}"), &[&format!("app-new-{k}"), "3"]);
                let change = Change { kind: ChangeKind::Added, row: changed };
                fast.apply_changes(0, vec![change.clone()], Timestamp::UNIX_EPOCH);
                full.apply_changes(0, vec![change], Timestamp::UNIX_EPOCH);
            }
            let f = Filter::parse(step, &fast.column_names()).expect("filter");
            fast.refilter();
            full.mark_dirty();
            for s in [&mut fast, &mut full] {
                s.refresh(&f, Sort::default(), None, &shown, Timestamp::UNIX_EPOCH);
            }
            assert_eq!(names(&fast), names(&full), "after {step:?}");
            assert_eq!(fast.widths, full.widths, "after {step:?}");
        }
    }

    /// Watch changes moved into place in the sorted base give the view a full sort gives,
    /// for every sort, with and without a filter and an owner, over adds, changes and
    /// deletes in small batches (and an occasional large one, which sorts again).
    #[test]
    fn store_changes_moved_into_place_match_a_full_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let make = |i: usize, next: &mut dyn FnMut(usize) -> usize| {
            let name = format!("pod-{i:04}");
            let mut r = row(["a", "b"][next(2)], &name, &[&name, &next(12).to_string()]);
            r.meta.creation_timestamp = Some(Timestamp::UNIX_EPOCH + jiff::SignedDuration::from_secs(next(50) as i64));
            if next(3) == 0 {
                r.meta.owner_references.push(crate::client::table_watch::OwnerRef {
                    api_version: "apps/v1".into(),
                    kind: "ReplicaSet".into(),
                    name: "rs".into(),
                    uid: "rs1".into(),
                    controller: Some(true),
                });
            }
            r
        };
        let shown = [Shown::Namespace, Shown::Cell(0), Shown::Cell(1)];
        let sorts = [
            Sort::default(),
            Sort { key: SortKey::Age, descending: true },
            Sort { key: SortKey::Column(1), descending: false },
            Sort { key: SortKey::Column(1), descending: true },
        ];
        for sort in sorts {
            for (filter, owner) in [("", None), ("pod-0", None), ("!3", Some("rs1"))] {
                let rows: Vec<TableRow> = (0..300).map(|i| make(i, &mut next)).collect();
                let (mut fast, mut full) = (RowStore::default(), RowStore::default());
                let f =
                    Filter::parse(filter, &cols().iter().map(|c| c.name.clone()).collect::<Vec<_>>()).expect("filter");
                for s in [&mut fast, &mut full] {
                    s.apply_listed(0, cols(), rows.clone(), Timestamp::UNIX_EPOCH);
                    s.refresh(&f, sort, owner, &shown, Timestamp::UNIX_EPOCH);
                }
                let mut fresh = 300;
                for round in 0..40 {
                    let batch = if round == 20 { 100 } else { 1 + next(4) };
                    let mut changes = Vec::new();
                    for _ in 0..batch {
                        let (kind, i) = match next(3) {
                            0 => {
                                fresh += 1;
                                (ChangeKind::Added, fresh)
                            }
                            1 => (ChangeKind::Modified, next(fresh)),
                            _ => (ChangeKind::Deleted, next(fresh)),
                        };
                        changes.push(Change { kind, row: make(i, &mut next) });
                    }
                    fast.apply_changes(0, changes.clone(), Timestamp::UNIX_EPOCH);
                    full.apply_changes(0, changes, Timestamp::UNIX_EPOCH);
                    full.mark_dirty();
                    for s in [&mut fast, &mut full] {
                        s.refresh(&f, sort, owner, &shown, Timestamp::UNIX_EPOCH);
                    }
                    assert_eq!(names(&fast), names(&full), "{sort:?} {filter:?} round {round}");
                    assert_eq!(fast.widths, full.widths, "{sort:?} {filter:?} round {round}");
                    assert!(batch > MOVED_IN_PLACE || fast.base.is_some(), "the base was kept");
                }
                assert!(fast.view_len() > 0, "{sort:?} {filter:?}: an empty view proves nothing");
            }
        }
    }

    #[test]
    fn relative_times_tick_from_when_the_row_arrived() {
        assert_eq!(aged("4m53s", 10).as_deref(), Some("5m3s"));
        assert_eq!(aged("14 (18s ago)", 60).as_deref(), Some("14 (78s ago)"));
        assert_eq!(aged("0", 60), None);
        assert_eq!(aged("<unknown>", 60), None);
        assert_eq!(aged("5m", 0), None);
        let mut s = RowStore::default();
        let t0 = Timestamp::UNIX_EPOCH;
        let cols = vec![
            Column { name: "Last Seen".into(), type_: "string".into(), format: String::new(), priority: 0 },
            Column { name: "Name".into(), type_: "string".into(), format: "name".into(), priority: 0 },
        ];
        s.apply_listed(0, cols, vec![row("a", "old", &["30s", "old"])], t0);
        // Arrives two minutes later, seen 60s before that: more recent than `old` is now.
        let later = t0 + jiff::SignedDuration::from_secs(120);
        s.apply_changes(0, vec![Change { kind: ChangeKind::Added, row: row("a", "new", &["60s", "new"]) }], later);
        assert!(s.ticks(0) && !s.ticks(1));
        s.refresh(&Filter::None, Sort { key: SortKey::Column(0), descending: false }, None, &[], later);
        assert_eq!(names(&s), vec!["new", "old"]);
        assert_eq!(s.view_row(1).expect("row").cell_at(0, true, later), "2m30s");
    }

    #[test]
    fn compare_cells_orders_durations_numbers_and_text() {
        assert_eq!(compare_cells("5m", "90s"), Ordering::Greater);
        assert_eq!(compare_cells("2d", "23h"), Ordering::Greater);
        assert_eq!(compare_cells("10", "9"), Ordering::Greater);
        assert_eq!(compare_cells("pending", "Running"), Ordering::Less);
    }
}
