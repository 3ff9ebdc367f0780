//! `update(&mut Model, Msg) -> Vec<Cmd>`: the only place the TUI's state changes. Keys are
//! turned into actions through the keymap, actions into state changes and commands; the
//! outcomes of commands come back as messages. No I/O happens here, so every behaviour is
//! testable with a model and a list of messages.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use serde_json::Value;

use super::editor::{self, EditorPage, Stage};
use super::filter::Filter;
use super::keymap::{Action, Key, Scope};
use super::layout;
use super::logs::{self, LogPage};
use super::model::{
    Confirm, Conn, Input, InputPurpose, Level, Model, Namespaces, Overlay, Page, Pending, PickPurpose, Picker,
    TablePage,
};
use super::msg::{Cmd, Fetched, Id, LogEvent, LogRequest, Msg, ObjRef, Purpose};
use super::portforward;
use super::prompt::{self, Edit, Prompt};
use super::table::{Sort, SortKey};
use super::text::{TextKind, TextPage};
use super::xray::{self, XrayPage};
use crate::client::table_watch::{TableEvent, WatchSpec};
use crate::k8s::catalog::ResourceType;

/// Apply one message; return the effects to carry out.
pub fn update(m: &mut Model, msg: Msg) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    let refresh = !matches!(msg, Msg::Table { .. } | Msg::Log { .. });
    match msg {
        Msg::Key(k) if k.kind != KeyEventKind::Release => key(m, k, &mut cmds),
        Msg::Key(_) => {}
        Msg::Mouse(e, at) => mouse(m, e, at, &mut cmds),
        Msg::Paste(text) => paste(m, &text),
        Msg::Resize(w, h) => {
            m.width = w;
            m.height = h;
        }
        Msg::Tick(now) => {
            m.now = now;
            if m.flash.as_ref().is_some_and(|f| f.until <= now) {
                m.flash = None;
            }
            refresh_extras(m, &mut cmds);
        }
        Msg::Prepare => {}
        Msg::Signal => {
            m.quitting = true;
            cmds.push(Cmd::Quit);
        }
        Msg::Table { id, event } => table_event(m, id, event),
        Msg::Discovered(Ok(types)) => {
            m.types = types;
            m.discovered = true;
        }
        Msg::Discovered(Err(e)) => m.flash(Level::Warn, format!("discovery failed, using built-in types: {e}")),
        Msg::Version(Ok(v)) => m.server_version = Some(v),
        Msg::Version(Err(_)) => {}
        Msg::Fetched { id: _, target, purpose, result } => fetched(m, target, purpose, result, &mut cmds),
        Msg::Done(Ok(text)) => m.flash(Level::Info, text),
        Msg::Done(Err(text)) => m.flash(Level::Error, text),
        Msg::Applied { id, result } => applied(m, id, result),
        Msg::Log { id, event } => log_event(m, id, event),
        Msg::Resumed(Ok(text)) => {
            if !text.is_empty() {
                m.flash(Level::Info, text)
            }
        }
        Msg::Resumed(Err(text)) => m.flash(Level::Error, text),
        Msg::Edited { target, original, edited } => {
            if edited.trim_end() == original.trim_end() {
                m.flash(Level::Info, "Edit cancelled, no changes made.");
            } else {
                let mut page = EditorPage::new(target, &original);
                page.area = ratatui_textarea::TextArea::new(edited.lines().map(str::to_string).collect());
                page.validate();
                review(&mut page);
                m.stack.push(Page::Editor(Box::new(page)));
            }
        }
        Msg::Switched(Ok(info)) => {
            let ctx = info.context.clone();
            m.info = info;
            m.readonly = m.config.enter_context(&ctx);
            m.server_version = None;
            m.discovered = false;
            m.types = crate::k8s::catalog::builtin().to_vec();
            m.namespaces = Namespaces::one(if m.info.namespace.is_empty() { "default" } else { &m.info.namespace });
            m.conn = Conn::Connecting;
            m.down.clear();
            close_all(m, &mut cmds);
            cmds.push(Cmd::Discover);
            cmds.push(Cmd::Version);
            if let Some(rt) = m.resolve("pods") {
                open_table(m, TablePage::new(rt, m.namespaces.clone()), &mut cmds);
            }
            let note = if m.readonly { " (read-only)" } else { "" };
            m.flash(Level::Info, format!("Switched to context {ctx}{note}"));
        }
        Msg::Switched(Err(e)) => m.flash(Level::Error, e),
        Msg::PortForward { id, target, event } => portforward::event(m, id, target, event),
    }
    if refresh {
        prepare(m);
    } else if matches!(m.top(), Some(Page::Logs(_))) {
        follow_logs(m);
    }
    cmds
}

/// Bring the top page's view up to date (filtering, sorting) and keep the cursor visible.
pub fn prepare(m: &mut Model) {
    prune_down(m);
    let (w, h) = (m.width, m.height);
    let prompt = matches!(m.overlay, Some(Overlay::Command(_) | Overlay::Filter(_)));
    let banner = matches!(m.conn, Conn::Disconnected { .. });
    let now = m.now;
    match m.stack.last_mut() {
        Some(Page::Table(t)) => {
            t.page_rows = layout::table_rows(w, h, prompt, banner).max(1);
            if t.store.is_dirty() {
                let shown = t.shown();
                t.store.refresh(&t.filter, t.sort, t.owner_uid.as_deref(), &shown, now);
                if let Some(k) = &t.cursor_key
                    && let Some(p) = t.store.position(k)
                {
                    t.cursor = p;
                }
            }
            clamp_table(t);
        }
        Some(Page::Text(t)) => t.page_rows = layout::text_rows(w, h, prompt, banner).max(1),
        Some(Page::Logs(l)) => l.page_rows = layout::text_rows(w, h, prompt, banner).saturating_sub(1).max(1),
        Some(Page::Xray(x)) => {
            x.page_rows = layout::text_rows(w, h, prompt, banner).max(1);
            x.cursor = x.cursor.min(x.nodes.len().saturating_sub(1));
            if x.cursor < x.offset {
                x.offset = x.cursor;
            } else if x.cursor >= x.offset + x.page_rows {
                x.offset = x.cursor + 1 - x.page_rows;
            }
        }
        _ => {}
    }
}

fn follow_logs(m: &mut Model) {
    let (w, h) = (m.width, m.height);
    if let Some(Page::Logs(l)) = m.stack.last_mut() {
        l.page_rows = layout::text_rows(w, h, false, false).saturating_sub(1).max(1);
    }
}

fn clamp_table(t: &mut TablePage) {
    let n = t.store.view_len();
    if n == 0 {
        t.cursor = 0;
        t.offset = 0;
        t.cursor_key = None;
        return;
    }
    t.cursor = t.cursor.min(n - 1);
    if t.cursor < t.offset {
        t.offset = t.cursor;
    } else if t.cursor >= t.offset + t.page_rows {
        t.offset = t.cursor + 1 - t.page_rows;
    }
    if t.offset + t.page_rows > n {
        t.offset = n.saturating_sub(t.page_rows);
    }
    t.cursor_key = t.store.view_row(t.cursor).map(|r| r.key.clone());
}

// ---- tables and watches ----

fn watch_specs(t: &TablePage) -> Vec<WatchSpec> {
    let mk = |ns: Option<String>| WatchSpec {
        rt: t.rt.clone(),
        namespace: ns,
        label_selector: t.label_selector.clone(),
        field_selector: t.field_selector.clone(),
        page_size: 0,
    };
    if !t.rt.namespaced {
        return vec![mk(None)];
    }
    match &t.namespaces {
        Namespaces::All => vec![mk(None)],
        Namespaces::Some(list) => list.iter().map(|ns| mk(Some(ns.clone()))).collect(),
    }
}

/// Start the watches of `t` and push it.
pub fn open_table(m: &mut Model, mut t: TablePage, cmds: &mut Vec<Cmd>) {
    start_watches(m, &mut t, cmds);
    if is_node(&t.rt) {
        t.extra_columns = super::alloc::COLUMNS.iter().map(|s| s.to_string()).collect();
    }
    m.stack.push(Page::Table(Box::new(t)));
    refresh_extras(m, cmds);
}

fn is_node(rt: &ResourceType) -> bool {
    rt.group.is_empty() && rt.kind == "Node"
}

/// Every ten seconds while the nodes table is shown, ask for the allocation columns again.
fn refresh_extras(m: &mut Model, cmds: &mut Vec<Cmd>) {
    let now = m.now;
    let Some(t) = m.table_mut() else { return };
    if t.extra_columns.is_empty() || t.extras_at.is_some_and(|at| now.duration_since(at).as_secs() < 10) {
        return;
    }
    t.extras_at = Some(now);
    let target = ObjRef { rt: t.rt.clone(), namespace: None, name: String::new() };
    fetch(m, target, Purpose::NodeAllocation, cmds);
}

fn start_watches(m: &mut Model, t: &mut TablePage, cmds: &mut Vec<Cmd>) {
    for id in t.watches.drain(..) {
        cmds.push(Cmd::Unwatch(id));
    }
    t.store.clear();
    t.error = None;
    for spec in watch_specs(t) {
        let id = m.id();
        t.watches.push(id);
        cmds.push(Cmd::Watch { id, spec });
    }
}

fn close_page(page: &Page, cmds: &mut Vec<Cmd>) {
    match page {
        Page::Table(t) => cmds.extend(t.watches.iter().map(|id| Cmd::Unwatch(*id))),
        Page::Logs(l) => cmds.push(Cmd::StopLogs(l.id)),
        _ => {}
    }
}

fn close_all(m: &mut Model, cmds: &mut Vec<Cmd>) {
    for p in m.stack.drain(..) {
        close_page(&p, cmds);
    }
    m.overlay = None;
}

fn back(m: &mut Model, cmds: &mut Vec<Cmd>) {
    if m.stack.len() > 1 {
        if let Some(p) = m.stack.pop() {
            close_page(&p, cmds);
        }
        if let Some(Page::Table(t)) = m.stack.last_mut() {
            t.store.mark_dirty();
        }
    } else if let Some(Page::Table(t)) = m.stack.last_mut() {
        // Esc on the first page clears its filter and marks, as in k9s.
        if !t.filter_text.is_empty() {
            t.filter_text.clear();
            t.filter = Filter::None;
            t.store.refilter();
        }
        t.marked.clear();
    }
}

fn table_event(m: &mut Model, id: Id, event: TableEvent) {
    let now = m.now;
    let mut up = false;
    let mut lost = None;
    let mut failed = None;
    for page in m.stack.iter_mut() {
        let Page::Table(t) = page else { continue };
        let Some(source) = t.watches.iter().position(|w| *w == id) else { continue };
        match event {
            TableEvent::Listed { columns, rows, .. } => {
                t.store.apply_listed(source as u32, columns, rows, now);
                fix_event_sort(t);
                up = true;
            }
            TableEvent::Changes(changes) => {
                t.store.apply_changes(source as u32, changes, now);
                up = true;
            }
            // The watch resumed from its last resourceVersion: the server replays what was
            // missed as changes, so the rows need nothing here.
            TableEvent::Reconnected => up = true,
            TableEvent::Disconnected { error, retry_in } => {
                let retry_in = jiff::SignedDuration::try_from(retry_in).unwrap_or(jiff::SignedDuration::ZERO);
                lost = Some((error, now + retry_in));
            }
            TableEvent::Failed(e) => {
                t.error = Some(e.clone());
                failed = Some(e);
            }
        }
        break;
    }
    if up {
        m.down.remove(&id);
        if m.down.is_empty() {
            m.conn = Conn::Connected;
        }
    }
    if let Some((error, retry_at)) = lost {
        m.down.insert(id);
        // Keep the time of the first failure while still disconnected.
        let since = match &m.conn {
            Conn::Disconnected { since, .. } => *since,
            _ => now,
        };
        m.conn = Conn::Disconnected { error, retry_at, since };
    }
    if let Some(e) = failed {
        m.flash(Level::Error, e);
    }
}

/// Forget disconnected watches whose pages are gone; the banner goes with the last one.
fn prune_down(m: &mut Model) {
    if m.down.is_empty() {
        return;
    }
    let live: std::collections::BTreeSet<Id> = m
        .stack
        .iter()
        .filter_map(|p| match p {
            Page::Table(t) => Some(t.watches.iter().copied()),
            _ => None,
        })
        .flatten()
        .collect();
    m.down.retain(|id| live.contains(id));
    if m.down.is_empty() && matches!(m.conn, Conn::Disconnected { .. }) {
        m.conn = Conn::Connected;
    }
}

// ---- keys ----

fn key(m: &mut Model, k: KeyEvent, cmds: &mut Vec<Cmd>) {
    if m.overlay.is_some() {
        overlay_key(m, k, cmds);
        return;
    }
    let key = Key::from_event(&k);
    // The editor takes every key but its own bindings.
    if let Some(Page::Editor(e)) = m.stack.last_mut() {
        let acts = m.config.keymap.actions(key);
        match &mut e.stage {
            Stage::Editing => {
                if acts.contains(&Action::EditorSave) {
                    review(e);
                } else if acts.contains(&Action::EditorQuit) {
                    if e.modified() {
                        m.overlay = Some(Overlay::Confirm(Confirm {
                            title: "Discard changes?".into(),
                            message: vec!["Leave the editor and lose your changes?".into()],
                            pending: Pending::LeaveEditor,
                            focus: 1,
                            grace_zero: false,
                            force: false,
                            danger: true,
                        }));
                    } else {
                        back(m, cmds);
                    }
                } else if acts.contains(&Action::Quit) {
                    cmds.push(Cmd::Quit);
                    m.quitting = true;
                } else {
                    e.area.input(k);
                    e.validate();
                    e.server_error = None;
                }
            }
            Stage::Reviewing { diff, offset } => match k.code {
                KeyCode::Char('y') | KeyCode::Enter => {
                    if m.readonly {
                        m.flash(Level::Warn, "read-only mode: edit refused");
                        return;
                    }
                    let id = m.next_id + 1;
                    m.next_id = id;
                    e.stage = Stage::Applying { id };
                    cmds.push(Cmd::Apply { id, target: e.target.clone(), text: e.text() });
                }
                KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('q') => e.stage = Stage::Editing,
                KeyCode::Down | KeyCode::Char('j') => *offset = (*offset + 1).min(diff.len().saturating_sub(1)),
                KeyCode::Up | KeyCode::Char('k') => *offset = offset.saturating_sub(1),
                KeyCode::PageDown => *offset = (*offset + 20).min(diff.len().saturating_sub(1)),
                KeyCode::PageUp => *offset = offset.saturating_sub(20),
                _ => {}
            },
            Stage::Applying { .. } => {}
        }
        return;
    }
    let page_scope = match m.top() {
        Some(Page::Table(_)) => Some(Scope::Table),
        Some(Page::Text(_)) => Some(Scope::Text),
        Some(Page::Logs(_)) => Some(Scope::Logs),
        _ => None,
    };
    let acts: Vec<Action> = m.config.keymap.actions(key).to_vec();
    // The port-forward list has one action of its own: stopping the forward under the
    // cursor, on the delete keys.
    if matches!(m.top(), Some(Page::PortForwards(_))) && acts.iter().any(|a| matches!(a, Action::Delete | Action::Kill))
    {
        portforward::ask_stop(m);
        return;
    }
    for a in acts {
        let applies = match a.scope() {
            Scope::Global => true,
            // Logs pages search, page and wrap like text pages.
            Scope::Text => matches!(page_scope, Some(Scope::Text | Scope::Logs)),
            s => Some(s) == page_scope,
        };
        if applies && act(m, a, cmds) {
            return;
        }
    }
}

fn review(e: &mut EditorPage) {
    e.validate();
    if e.invalid.is_some() {
        return;
    }
    let diff = editor::diff(&e.original, &e.text());
    if diff.is_empty() {
        e.server_error = Some("no changes to apply".into());
        return;
    }
    e.stage = Stage::Reviewing { diff, offset: 0 };
}

fn refuse_readonly(m: &mut Model, what: &str) -> bool {
    if m.readonly {
        m.flash(Level::Warn, format!("read-only mode: {what} refused"));
        true
    } else {
        false
    }
}

fn scalable(rt: &ResourceType) -> bool {
    rt.subresource("scale").is_some()
}

fn rollable(rt: &ResourceType) -> bool {
    rt.group == "apps" && matches!(rt.kind.as_str(), "Deployment" | "StatefulSet" | "DaemonSet")
}

fn is_pod(rt: &ResourceType) -> bool {
    rt.group.is_empty() && rt.kind == "Pod"
}

fn has_pods(rt: &ResourceType) -> bool {
    is_pod(rt)
        || (rt.group == "apps" && matches!(rt.kind.as_str(), "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet"))
        || (rt.group == "batch" && rt.kind == "Job")
        || (rt.group.is_empty() && rt.kind == "Service")
}

fn fetch(m: &mut Model, target: ObjRef, purpose: Purpose, cmds: &mut Vec<Cmd>) {
    let id = m.id();
    cmds.push(Cmd::Fetch { id, target, purpose });
}

/// Perform `a`; false if it does not apply here (so the next action on the key may).
fn act(m: &mut Model, a: Action, cmds: &mut Vec<Cmd>) -> bool {
    match a {
        Action::Quit => {
            m.quitting = true;
            cmds.push(Cmd::Quit);
        }
        Action::Help => {
            if !matches!(m.top(), Some(Page::Help)) {
                m.help_offset = 0;
                m.stack.push(Page::Help);
            }
        }
        Action::Command => {
            let mut p = Prompt::new("");
            p.suggestions.clear();
            m.overlay = Some(Overlay::Command(p));
        }
        Action::Back => back(m, cmds),
        Action::QuitOrBack => {
            if m.stack.len() > 1 {
                back(m, cmds);
            } else {
                m.quitting = true;
                cmds.push(Cmd::Quit);
            }
        }
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
            move_cursor(m, a)
        }
        Action::Left | Action::Right => {
            let d: isize = if a == Action::Left { -8 } else { 8 };
            match m.top_mut() {
                Some(Page::Text(t)) => t.hscroll = (t.hscroll as isize + d).max(0) as usize,
                Some(Page::Logs(l)) => l.hscroll = (l.hscroll as isize + d).max(0) as usize,
                _ => return false,
            }
        }
        Action::Filter => {
            let text = m.table().map(|t| t.filter_text.clone()).unwrap_or_default();
            m.overlay = Some(Overlay::Filter(Prompt::new(&text)));
        }
        Action::Search => {
            let text = match m.top() {
                Some(Page::Text(t)) => t.search.clone().unwrap_or_default(),
                Some(Page::Logs(l)) => l.search.clone().unwrap_or_default(),
                _ => return false,
            };
            m.overlay = Some(Overlay::Filter(Prompt::new(&text)));
        }
        Action::NextMatch | Action::PrevMatch => {
            let fwd = a == Action::NextMatch;
            match m.top_mut() {
                Some(Page::Text(t)) => t.next_match(fwd),
                Some(Page::Logs(l)) => l.next_match(fwd),
                _ => return false,
            }
        }
        Action::Wrap => match m.top_mut() {
            Some(Page::Text(t)) => t.wrap = !t.wrap,
            Some(Page::Logs(l)) => l.wrap = !l.wrap,
            _ => return false,
        },
        Action::Enter => return enter(m, cmds),
        Action::Describe | Action::Yaml => {
            let Some(target) = m.table().and_then(TablePage::selected) else { return false };
            let purpose = if a == Action::Describe { Purpose::Describe } else { Purpose::Yaml };
            fetch(m, target, purpose, cmds);
        }
        Action::Edit | Action::EditExternal => {
            let Some(target) = m.table().and_then(TablePage::selected) else { return false };
            if refuse_readonly(m, "edit") {
                return true;
            }
            let purpose = if a == Action::Edit { Purpose::Edit } else { Purpose::EditExternal };
            fetch(m, target, purpose, cmds);
        }
        Action::Delete | Action::Kill => {
            let Some(t) = m.table() else { return false };
            let targets = t.targets();
            if targets.is_empty() {
                return true;
            }
            if refuse_readonly(m, "delete") {
                return true;
            }
            let kill = a == Action::Kill;
            let what = if targets.len() == 1 {
                targets[0].display()
            } else {
                format!("{} {}", targets.len(), targets[0].rt.plural)
            };
            let mut message = vec![format!("Delete {what}?")];
            if targets.len() > 1 {
                message.extend(targets.iter().take(5).map(|t| format!("  {}", t.display())));
                if targets.len() > 5 {
                    message.push(format!("  … and {} more", targets.len() - 5));
                }
            }
            m.overlay = Some(Overlay::Confirm(Confirm {
                title: if kill { "Kill".into() } else { "Delete".into() },
                message,
                pending: Pending::Delete { targets },
                focus: 1,
                grace_zero: kill,
                force: kill,
                danger: true,
            }));
        }
        Action::Scale => {
            let Some(t) = m.table() else { return false };
            if !scalable(&t.rt) {
                return false;
            }
            let Some(target) = t.selected() else { return true };
            if refuse_readonly(m, "scale") {
                return true;
            }
            fetch(m, target, Purpose::Scale, cmds);
        }
        Action::Shell => {
            let Some(t) = m.table() else { return false };
            if !is_pod(&t.rt) {
                return false;
            }
            let Some(target) = t.selected() else { return true };
            if refuse_readonly(m, "shell") {
                return true;
            }
            fetch(m, target, Purpose::Shell, cmds);
        }
        Action::PortForward => {
            let Some(t) = m.table() else { return false };
            if !portforward::forwardable(&t.rt) {
                return false;
            }
            let Some(target) = t.selected() else { return true };
            // Not refused in read-only mode: a forward changes nothing in the cluster (k9s
            // allows it too).
            fetch(m, target, Purpose::PortForward, cmds);
        }
        Action::Restart => {
            let Some(t) = m.table() else { return false };
            if !rollable(&t.rt) {
                return false;
            }
            let targets = t.targets();
            if targets.is_empty() || refuse_readonly(m, "restart") {
                return true;
            }
            let what = if targets.len() == 1 { targets[0].display() } else { format!("{} workloads", targets.len()) };
            m.overlay = Some(Overlay::Confirm(Confirm {
                title: "Restart".into(),
                message: vec![format!("Rollout restart {what}?")],
                pending: Pending::Restart { targets },
                focus: 0,
                grace_zero: false,
                force: false,
                danger: false,
            }));
        }
        Action::Undo => {
            let Some(t) = m.table() else { return false };
            if !rollable(&t.rt) {
                return false;
            }
            let Some(target) = t.selected() else { return true };
            fetch(m, target, Purpose::History, cmds);
        }
        Action::Logs | Action::PreviousLogs => {
            let Some(t) = m.table() else { return false };
            if !has_pods(&t.rt) {
                return false;
            }
            let Some(target) = t.selected() else { return true };
            fetch(m, target, Purpose::Logs { previous: a == Action::PreviousLogs }, cmds);
        }
        Action::Xray => {
            let Some(target) = m.table().and_then(TablePage::selected) else { return false };
            fetch(m, target, Purpose::Xray, cmds);
        }
        Action::Mark => {
            let Some(t) = m.table_mut() else { return false };
            if let Some(r) = t.store.view_row(t.cursor) {
                let k = r.key.to_string();
                if !t.marked.remove(&k) {
                    t.marked.insert(k);
                }
                t.cursor = (t.cursor + 1).min(t.store.view_len().saturating_sub(1));
            }
        }
        Action::ClearMarks => {
            let Some(t) = m.table_mut() else { return false };
            t.marked.clear();
        }
        Action::AllNamespaces => return set_namespaces(m, Namespaces::All, cmds),
        Action::Favourite1
        | Action::Favourite2
        | Action::Favourite3
        | Action::Favourite4
        | Action::Favourite5
        | Action::Favourite6
        | Action::Favourite7
        | Action::Favourite8
        | Action::Favourite9 => {
            let n = a.name().rsplit('_').next().and_then(|d| d.parse::<usize>().ok()).unwrap_or(1);
            let Some(ns) = m.config.favourites.get(n - 1).cloned() else { return false };
            // A favourite may name several namespaces (`"web,db"`) or all of them (`"-A"`).
            return set_namespaces(m, parse_namespaces(&ns), cmds);
        }
        Action::SortName | Action::SortAge | Action::SortStatus | Action::SortRestarts => {
            let Some(t) = m.table_mut() else { return false };
            let key = match a {
                Action::SortName => Some(SortKey::Name),
                Action::SortAge => Some(SortKey::Age),
                Action::SortStatus => t.store.column("status").map(SortKey::Column),
                _ => t.store.column("restarts").map(SortKey::Column),
            };
            let Some(key) = key else { return true };
            // Age sorts youngest first at first press; everything else ascending.
            t.sort = if t.sort.key == key {
                Sort { key, descending: !t.sort.descending }
            } else {
                Sort { key, descending: key == SortKey::Age || matches!(a, Action::SortRestarts) }
            };
            t.store.mark_dirty();
        }
        Action::SortNext | Action::SortPrev => {
            let Some(t) = m.table_mut() else { return false };
            let cols: Vec<SortKey> = t
                .shown()
                .into_iter()
                .map(|s| match s {
                    super::table::Shown::Namespace => SortKey::Name,
                    super::table::Shown::Age(_) => SortKey::Age,
                    super::table::Shown::Cell(i) if t.store.columns.get(i).is_some_and(|c| c.format == "name") => {
                        SortKey::Name
                    }
                    super::table::Shown::Cell(i) => SortKey::Column(i),
                    super::table::Shown::Extra(_) => SortKey::Name,
                })
                .fold(Vec::new(), |mut v, k| {
                    if !v.contains(&k) {
                        v.push(k);
                    }
                    v
                });
            if cols.is_empty() {
                return true;
            }
            let pos = cols.iter().position(|k| *k == t.sort.key).unwrap_or(0);
            let next = if a == Action::SortNext { (pos + 1) % cols.len() } else { (pos + cols.len() - 1) % cols.len() };
            t.sort = Sort { key: cols[next], descending: false };
            t.store.mark_dirty();
        }
        Action::Wide => {
            let Some(t) = m.table_mut() else { return false };
            t.wide = !t.wide;
            t.store.mark_dirty();
        }
        Action::Follow => {
            let Some(Page::Logs(l)) = m.top_mut() else { return false };
            l.follow = !l.follow;
            if !l.follow {
                l.offset = l.end_abs().saturating_sub(l.page_rows as u64).max(l.first_abs());
            }
        }
        Action::Timestamps | Action::Since | Action::Tail | Action::Previous | Action::AllContainers => {
            let id = m.id();
            let Some(Page::Logs(l)) = m.top_mut() else { return false };
            let r = &mut l.request;
            match a {
                Action::Timestamps => r.timestamps = !r.timestamps,
                Action::Since => {
                    let i = logs::SINCE.iter().position(|s| *s == r.since_seconds).unwrap_or(0);
                    r.since_seconds = logs::SINCE[(i + 1) % logs::SINCE.len()];
                }
                Action::Tail => {
                    let i = logs::TAIL.iter().position(|s| *s == r.tail).unwrap_or(0);
                    r.tail = logs::TAIL[(i + 1) % logs::TAIL.len()];
                }
                Action::Previous => r.previous = !r.previous,
                _ => r.container = None,
            }
            restart_logs(l, id, cmds);
        }
        Action::Containers => {
            let Some(Page::Logs(l)) = m.top() else { return false };
            if l.containers.len() < 2 {
                return true;
            }
            let mut items = vec!["all containers".to_string()];
            items.extend(l.containers.iter().cloned());
            let mut values = vec![String::new()];
            values.extend(l.containers.iter().cloned());
            m.overlay = Some(Overlay::Picker(Picker {
                title: "Container".into(),
                items,
                values,
                selected: 0,
                purpose: PickPurpose::LogContainer,
            }));
        }
        Action::Json => {
            let Some(Page::Logs(l)) = m.top_mut() else { return false };
            l.pretty_json = !l.pretty_json;
        }
        Action::Save => {
            if !matches!(m.top(), Some(Page::Logs(_))) {
                return false;
            }
            let name = match m.top() {
                Some(Page::Logs(l)) => l.title.replace(['/', ' '], "_"),
                _ => "logs".into(),
            };
            let stamp = m.now.strftime("%Y%m%d-%H%M%S");
            m.overlay = Some(Overlay::Input(Input {
                title: "Save logs".into(),
                label: "File".into(),
                value: format!("{name}-{stamp}.log"),
                purpose: InputPurpose::SaveLogs,
                error: None,
            }));
        }
        Action::Clear => {
            let id = m.id();
            let Some(Page::Logs(l)) = m.top_mut() else { return false };
            let old = l.id;
            l.reset(old);
            let _ = id;
        }
        Action::EditorSave | Action::EditorQuit => return false,
    }
    true
}

fn restart_logs(l: &mut LogPage, id: Id, cmds: &mut Vec<Cmd>) {
    cmds.push(Cmd::StopLogs(l.id));
    l.reset(id);
    cmds.push(Cmd::Logs { id, request: l.request.clone() });
}

fn move_cursor(m: &mut Model, a: Action) {
    let delta = |page: usize| -> isize {
        match a {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -(page as isize),
            Action::PageDown => page as isize,
            Action::Top => isize::MIN / 2,
            _ => isize::MAX / 2,
        }
    };
    match m.top_mut() {
        Some(Page::Table(t)) => {
            let n = t.store.view_len();
            if n == 0 {
                return;
            }
            let d = delta(t.page_rows);
            t.cursor = (t.cursor as isize).saturating_add(d).clamp(0, n as isize - 1) as usize;
            clamp_table(t);
        }
        Some(Page::Text(t)) => {
            let d = delta(t.page_rows);
            t.scroll(d);
        }
        Some(Page::Logs(l)) => match a {
            Action::Bottom => l.follow = true,
            Action::Top => {
                l.follow = false;
                l.offset = l.first_abs();
            }
            _ => l.scroll(delta(l.page_rows) as i64),
        },
        Some(Page::Xray(x)) => {
            let n = x.nodes.len();
            if n > 0 {
                x.cursor = (x.cursor as isize).saturating_add(delta(x.page_rows)).clamp(0, n as isize - 1) as usize;
            }
        }
        Some(Page::Help) => {
            // Help flows in columns; a page is every line on screen, and the end is where
            // the last line shows at the bottom of the last column.
            let banner = matches!(m.conn, Conn::Disconnected { .. });
            let rows = layout::text_rows(m.width, m.height, false, banner).max(1);
            let per_page = rows * super::view::help::columns(m.width.saturating_sub(2)) as usize;
            let last = super::view::help::entries(m).len().saturating_sub(per_page);
            m.help_offset = (m.help_offset as isize).saturating_add(delta(per_page)).clamp(0, last as isize) as usize;
        }
        Some(Page::PortForwards(_)) => {
            let n = m.forwards.len();
            portforward::move_cursor(m, delta(n.max(1)));
        }
        Some(Page::Editor(_)) | None => {}
    }
}

fn set_namespaces(m: &mut Model, ns: Namespaces, cmds: &mut Vec<Cmd>) -> bool {
    m.namespaces = ns.clone();
    let mut taken = match m.stack.pop() {
        Some(Page::Table(t)) => t,
        Some(other) => {
            m.stack.push(other);
            return false;
        }
        None => return false,
    };
    if taken.rt.namespaced {
        taken.namespaces = ns;
        taken.marked.clear();
        taken.cursor = 0;
        start_watches(m, &mut taken, cmds);
    }
    m.stack.push(Page::Table(taken));
    true
}

// ---- drill-down ----

fn enter(m: &mut Model, cmds: &mut Vec<Cmd>) -> bool {
    let Some(t) = m.table() else {
        if let Some(Page::Xray(x)) = m.top() {
            // Enter on an xray node describes it.
            if let Some(n) = x.nodes.get(x.cursor).filter(|n| n.kind != "Container")
                && let Some(rt) = m.resolve(&n.kind)
            {
                let target = ObjRef { rt, namespace: n.namespace.clone(), name: n.name.clone() };
                fetch(m, target, Purpose::Describe, cmds);
            }
            return true;
        }
        return false;
    };
    let Some(target) = t.selected() else { return true };
    let rt = &t.rt;
    match (rt.group.as_str(), rt.kind.as_str()) {
        ("", "Namespace") => {
            // A namespace opens its workloads: the pods in it. Marked namespaces open
            // together, as one multi-namespace view.
            let names: Vec<String> = t.targets().into_iter().map(|o| o.name).collect();
            let ns = Namespaces::Some(names.clone());
            if let Some(t) = m.table_mut() {
                t.marked.clear();
            }
            m.namespaces = ns.clone();
            if let Some(pods) = m.resolve("pods") {
                let mut p = TablePage::new(pods, ns);
                p.context = Some(format!("namespace {}", names.join(",")));
                open_table(m, p, cmds);
            }
        }
        ("", "Node") => {
            if let Some(pods) = m.resolve("pods") {
                let mut p = TablePage::new(pods, Namespaces::All);
                p.field_selector = Some(format!("spec.nodeName={}", target.name));
                p.context = Some(format!("node {}", target.name));
                open_table(m, p, cmds);
            }
        }
        ("", "Pod") => fetch(m, target, Purpose::Logs { previous: false }, cmds),
        ("batch", "CronJob") => {
            let uid = t.store.view_row(t.cursor).map(|r| r.meta.uid.clone()).unwrap_or_default();
            if let Some(jobs) = m.resolve("jobs") {
                let mut p = TablePage::new(jobs, Namespaces::Some(target.namespace.clone().into_iter().collect()));
                p.owner_uid = Some(uid);
                p.context = Some(target.display());
                open_table(m, p, cmds);
            }
        }
        _ if has_pods(rt) => fetch(m, target, Purpose::Drill, cmds),
        _ => {
            if rt.kind == "CustomResourceDefinition" {
                // Enter on a CRD lists its objects.
                if let Some(rt) = m.resolve(&target.name) {
                    let ns = m.namespaces.clone();
                    open_table(m, TablePage::new(rt, ns), cmds);
                    return true;
                }
            }
            fetch(m, target, Purpose::Describe, cmds)
        }
    }
    true
}

/// The pods table a workload or service drills into.
fn drill_pods(m: &mut Model, target: &ObjRef, obj: &Value, cmds: &mut Vec<Cmd>) {
    let selector = if target.rt.kind == "Service" {
        obj.pointer("/spec/selector").cloned()
    } else {
        obj.pointer("/spec/selector/matchLabels").cloned()
    };
    let Some(pods) = m.resolve("pods") else { return };
    let mut p = TablePage::new(pods, Namespaces::Some(target.namespace.clone().into_iter().collect()));
    p.context = Some(target.display());
    match selector.as_ref().and_then(Value::as_object).filter(|s| !s.is_empty()) {
        Some(sel) => {
            p.label_selector = Some(
                sel.iter()
                    .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        None if target.rt.kind == "Service" => {
            m.flash(Level::Warn, format!("{} has no selector", target.display()));
            return;
        }
        None => {}
    }
    // A ReplicaSet's pods share labels with its siblings; ownership tells them apart.
    if target.rt.kind == "ReplicaSet" || target.rt.kind == "Job" {
        p.owner_uid = obj.pointer("/metadata/uid").and_then(Value::as_str).map(str::to_string);
    }
    open_table(m, p, cmds);
}

// ---- answers ----

fn containers(pod: &Value) -> Vec<String> {
    ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|k| pod.pointer(&format!("/spec/{k}")).and_then(Value::as_array).into_iter().flatten())
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn app_containers(pod: &Value) -> Vec<String> {
    pod.pointer("/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// YAML as `kubectl get -o yaml` shows it (managedFields hidden).
pub fn to_yaml(obj: &Value) -> String {
    let mut o = obj.clone();
    if let Some(meta) = o.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.remove("managedFields");
    }
    serde_yaml::to_string(&o).unwrap_or_else(|e| format!("# could not render YAML: {e}"))
}

fn open_logs(
    m: &mut Model,
    pods: Vec<ObjRef>,
    container: Option<String>,
    previous: bool,
    all: Vec<String>,
    cmds: &mut Vec<Cmd>,
) {
    let id = m.id();
    let title = match pods.len() {
        0 => "(no pods)".to_string(),
        1 => pods[0].name.clone(),
        n => format!("{n} pods"),
    };
    let request =
        LogRequest { pods, container, follow: true, previous, tail: Some(100), since_seconds: None, timestamps: false };
    let mut page = LogPage::new(title, id, request.clone(), m.config.log_buffer_lines);
    page.containers = all;
    m.stack.push(Page::Logs(Box::new(page)));
    cmds.push(Cmd::Logs { id, request });
}

fn fetched(m: &mut Model, target: ObjRef, purpose: Purpose, result: Result<Fetched, String>, cmds: &mut Vec<Cmd>) {
    let fetched = match result {
        Ok(f) => f,
        Err(e) => {
            m.flash(Level::Error, e);
            return;
        }
    };
    match (purpose, fetched) {
        (Purpose::Describe, Fetched::Text(text)) => {
            let mut p = TextPage::new(format!("describe {}", target.display()), TextKind::Describe, &text);
            p.target = Some(target);
            m.stack.push(Page::Text(Box::new(p)));
        }
        (Purpose::Yaml, Fetched::Object(obj)) => {
            let mut p = TextPage::new(format!("yaml {}", target.display()), TextKind::Yaml, &to_yaml(&obj));
            p.target = Some(target);
            m.stack.push(Page::Text(Box::new(p)));
        }
        (Purpose::Edit, Fetched::Object(obj)) => {
            m.stack.push(Page::Editor(Box::new(EditorPage::new(target, &to_yaml(&obj)))));
        }
        (Purpose::EditExternal, Fetched::Object(obj)) => {
            cmds.push(Cmd::ExternalEdit { target, text: to_yaml(&obj) });
        }
        (Purpose::Drill, Fetched::Object(obj)) => drill_pods(m, &target, &obj, cmds),
        (Purpose::PortForward, Fetched::Object(obj)) => portforward::open(m, target, &obj),
        (Purpose::Scale, Fetched::Object(obj)) => {
            let replicas = obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
            // Marked rows of the same type scale together; otherwise just this object.
            let targets = m
                .table()
                .map(TablePage::targets)
                .filter(|t| t.contains(&target))
                .unwrap_or_else(|| vec![target.clone()]);
            let title = if targets.len() == 1 {
                format!("Scale {}", target.display())
            } else {
                format!("Scale {} objects", targets.len())
            };
            m.overlay = Some(Overlay::Input(Input {
                title,
                label: "Replicas".into(),
                value: replicas.to_string(),
                purpose: InputPurpose::Scale { targets },
                error: None,
            }));
        }
        (Purpose::Logs { previous }, Fetched::Object(pod)) => {
            let all = containers(&pod);
            let apps = app_containers(&pod);
            if apps.len() <= 1 {
                open_logs(m, vec![target], apps.first().cloned(), previous, all, cmds);
            } else {
                let mut items = vec!["all containers".to_string()];
                items.extend(all.iter().cloned());
                let mut values = vec![String::new()];
                values.extend(all.iter().cloned());
                m.overlay = Some(Overlay::Picker(Picker {
                    title: format!("Logs of {}", target.name),
                    items,
                    values,
                    selected: 1,
                    purpose: PickPurpose::Logs { pod: target, previous },
                }));
            }
        }
        (Purpose::Logs { previous }, Fetched::Tree(pods)) => {
            let Some(pod_rt) = m.resolve("pods") else { return };
            let refs: Vec<ObjRef> = pods
                .iter()
                .map(|p| ObjRef {
                    rt: pod_rt.clone(),
                    namespace: crate::k8s::meta::namespace(p).map(str::to_string),
                    name: crate::k8s::meta::name(p).to_string(),
                })
                .collect();
            if refs.is_empty() {
                m.flash(Level::Warn, format!("{} has no pods", target.display()));
                return;
            }
            open_logs(m, refs, None, previous, Vec::new(), cmds);
            if let Some(Page::Logs(l)) = m.top_mut() {
                l.title = format!("{} ({} pods)", target.display(), pods.len());
            }
        }
        (Purpose::Shell, Fetched::Object(pod)) => {
            let apps = app_containers(&pod);
            if apps.len() <= 1 {
                cmds.push(Cmd::Shell { pod: target, container: apps.first().cloned() });
            } else {
                m.overlay = Some(Overlay::Picker(Picker {
                    title: format!("Shell into {}", target.name),
                    items: apps.clone(),
                    values: apps,
                    selected: 0,
                    purpose: PickPurpose::Shell { pod: target },
                }));
            }
        }
        (Purpose::History, Fetched::History(revs)) => {
            let items = revs
                .iter()
                .map(|r| {
                    format!(
                        "{:>4}  {}  {}",
                        r.revision,
                        crate::client::rollout::images(&r.template).join(","),
                        r.change_cause.as_deref().unwrap_or("<none>")
                    )
                })
                .collect();
            let values = revs.iter().map(|r| r.revision.to_string()).collect();
            m.overlay = Some(Overlay::Picker(Picker {
                title: format!(
                    "Roll {} back to revision (current: {})",
                    target.display(),
                    revs.first().map_or(0, |r| r.revision)
                ),
                items,
                values,
                selected: usize::from(revs.len() > 1),
                purpose: PickPurpose::Undo { target },
            }));
        }
        (Purpose::Xray, Fetched::Tree(objs)) => {
            let Some(root) = objs.first() else { return };
            let nodes = xray::build(root, &objs[1..]);
            m.stack.push(Page::Xray(Box::new(XrayPage {
                title: target.display(),
                root: target,
                nodes,
                cursor: 0,
                offset: 0,
                page_rows: 20,
            })));
        }
        (Purpose::NodeAllocation, Fetched::Extras(extras)) => {
            if let Some(t) = m.stack.iter_mut().rev().find_map(|p| match p {
                Page::Table(t) if t.rt == target.rt => Some(t),
                _ => None,
            }) {
                t.extras = extras;
            }
        }
        (p, _) => m.flash(Level::Error, format!("unexpected answer for {p:?}")),
    }
}

fn applied(m: &mut Model, id: Id, result: Result<Value, String>) {
    let Some(pos) = m.stack.iter().position(|p| matches!(p, Page::Editor(e) if e.stage == Stage::Applying { id }))
    else {
        return;
    };
    match result {
        Ok(_) => {
            let p = m.stack.remove(pos);
            if let Page::Editor(e) = p {
                m.flash(Level::Info, format!("{} edited", e.target.display()));
            }
            if let Some(Page::Table(t)) = m.stack.last_mut() {
                t.store.mark_dirty();
            }
        }
        Err(err) => {
            if let Page::Editor(e) = &mut m.stack[pos] {
                e.stage = Stage::Editing;
                e.server_error = Some(err);
            }
        }
    }
}

fn log_event(m: &mut Model, id: Id, event: LogEvent) {
    let now = m.now;
    for p in m.stack.iter_mut() {
        let Page::Logs(l) = p else { continue };
        if l.id != id {
            continue;
        }
        match event {
            LogEvent::Lines(lines) => {
                for (prefix, text) in lines {
                    l.push(prefix, text);
                }
            }
            LogEvent::Disconnected { prefix, error, retry_in } => {
                let retry_in = jiff::SignedDuration::try_from(retry_in).unwrap_or(jiff::SignedDuration::ZERO);
                l.down.insert(prefix, (error, now + retry_in));
            }
            LogEvent::Reconnected { prefix } => {
                l.down.remove(&prefix);
            }
            LogEvent::Ended(why) => {
                l.down.clear();
                l.ended = Some(why.unwrap_or_else(|| "stream ended".into()));
            }
        }
        return;
    }
}

// ---- overlays ----

fn overlay_key(m: &mut Model, k: KeyEvent, cmds: &mut Vec<Cmd>) {
    let Some(overlay) = m.overlay.take() else { return };
    match overlay {
        Overlay::Command(mut p) => match p.key(&k, &m.history) {
            Edit::Submit => {
                let line = p.input.trim().to_string();
                if !line.is_empty() {
                    m.history.retain(|h| *h != line);
                    m.history.push(line.clone());
                    command(m, &line, cmds);
                }
            }
            Edit::Cancel => {}
            Edit::Changed => {
                p.suggestions = command_suggestions(m, &p.input);
                p.error = None;
                m.overlay = Some(Overlay::Command(p));
            }
            Edit::Unchanged => m.overlay = Some(Overlay::Command(p)),
        },
        Overlay::Filter(mut p) => {
            let edit = p.key(&k, &[]);
            match m.stack.last_mut() {
                Some(Page::Table(t)) => match edit {
                    Edit::Submit => {}
                    Edit::Cancel => {
                        t.filter_text.clear();
                        t.filter = Filter::None;
                        t.store.refilter();
                    }
                    Edit::Changed => {
                        // Filter as you type; a bad selector keeps the last good filter.
                        match Filter::parse(&p.input, &t.store.column_names()) {
                            Ok(f) => {
                                t.filter = f;
                                t.filter_text = p.input.clone();
                                p.error = None;
                                t.store.refilter();
                                t.cursor = 0;
                            }
                            Err(e) => p.error = Some(e.to_string()),
                        }
                        m.overlay = Some(Overlay::Filter(p));
                    }
                    Edit::Unchanged => m.overlay = Some(Overlay::Filter(p)),
                },
                Some(Page::Text(t)) => match edit {
                    Edit::Submit => {}
                    Edit::Cancel => t.set_search(""),
                    _ => {
                        t.set_search(&p.input);
                        m.overlay = Some(Overlay::Filter(p));
                    }
                },
                Some(Page::Logs(l)) => match edit {
                    Edit::Submit => {}
                    Edit::Cancel => l.set_search(""),
                    _ => {
                        l.set_search(&p.input);
                        m.overlay = Some(Overlay::Filter(p));
                    }
                },
                _ => {}
            }
        }
        Overlay::Confirm(mut c) => match k.code {
            KeyCode::Left
            | KeyCode::Right
            | KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Char('h')
            | KeyCode::Char('l') => {
                c.focus = 1 - c.focus;
                m.overlay = Some(Overlay::Confirm(c));
            }
            KeyCode::Char('g') if matches!(c.pending, Pending::Delete { .. }) => {
                c.grace_zero = !c.grace_zero;
                m.overlay = Some(Overlay::Confirm(c));
            }
            KeyCode::Char('f') if matches!(c.pending, Pending::Delete { .. }) => {
                c.force = !c.force;
                m.overlay = Some(Overlay::Confirm(c));
            }
            KeyCode::Char('y') | KeyCode::Char('Y') => confirmed(m, c, cmds),
            KeyCode::Enter if c.focus == 0 => confirmed(m, c, cmds),
            KeyCode::Enter | KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Char('q') => {}
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {}
            _ => m.overlay = Some(Overlay::Confirm(c)),
        },
        Overlay::Input(mut i) => match k.code {
            KeyCode::Esc => {}
            KeyCode::Enter => input_submitted(m, i, cmds),
            KeyCode::Backspace => {
                i.value.pop();
                i.error = None;
                m.overlay = Some(Overlay::Input(i));
            }
            KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                i.value.clear();
                m.overlay = Some(Overlay::Input(i));
            }
            KeyCode::Char(ch) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                i.value.push(ch);
                i.error = None;
                m.overlay = Some(Overlay::Input(i));
            }
            _ => m.overlay = Some(Overlay::Input(i)),
        },
        Overlay::PortForward(d) => portforward::key(m, d, k, cmds),
        Overlay::Picker(mut p) => match k.code {
            KeyCode::Esc | KeyCode::Char('q') => {}
            KeyCode::Up | KeyCode::Char('k') => {
                p.selected = p.selected.saturating_sub(1);
                m.overlay = Some(Overlay::Picker(p));
            }
            KeyCode::Down | KeyCode::Char('j') => {
                p.selected = (p.selected + 1).min(p.items.len().saturating_sub(1));
                m.overlay = Some(Overlay::Picker(p));
            }
            KeyCode::Enter => picked(m, p, cmds),
            _ => m.overlay = Some(Overlay::Picker(p)),
        },
    }
}

fn confirmed(m: &mut Model, c: Confirm, cmds: &mut Vec<Cmd>) {
    match c.pending {
        Pending::Delete { targets } => {
            let t = m.table_mut();
            if let Some(t) = t {
                t.marked.clear();
            }
            cmds.push(Cmd::Delete { targets, grace_period: c.grace_zero.then_some(0), force: c.force });
        }
        Pending::Restart { targets } => {
            for target in targets {
                cmds.push(Cmd::Restart { target });
            }
        }
        Pending::Undo { target, revision } => cmds.push(Cmd::Undo { target, revision }),
        Pending::Apply { id, target, text } => cmds.push(Cmd::Apply { id, target, text }),
        Pending::LeaveEditor => back(m, cmds),
        Pending::Quit => {
            m.quitting = true;
            cmds.push(Cmd::Quit);
        }
        Pending::StopPortForward { id } => cmds.push(Cmd::StopPortForward(id)),
    }
}

fn input_submitted(m: &mut Model, mut i: Input, cmds: &mut Vec<Cmd>) {
    match &i.purpose {
        InputPurpose::Scale { targets } => match i.value.trim().parse::<i64>() {
            Ok(n) if n >= 0 => {
                for target in targets {
                    cmds.push(Cmd::Scale { target: target.clone(), replicas: n });
                }
                if let Some(t) = m.table_mut() {
                    t.marked.clear();
                }
            }
            _ => {
                i.error = Some("replicas must be a whole number, 0 or more".into());
                m.overlay = Some(Overlay::Input(i));
            }
        },
        InputPurpose::SaveLogs => {
            let path = std::path::PathBuf::from(i.value.trim());
            if let Some(Page::Logs(l)) = m.top() {
                cmds.push(Cmd::SaveFile { path, text: l.text() });
            }
        }
    }
}

fn picked(m: &mut Model, p: Picker, cmds: &mut Vec<Cmd>) {
    let Some(value) = p.values.get(p.selected).cloned() else { return };
    match p.purpose {
        PickPurpose::Logs { pod, previous } => {
            let all: Vec<String> = p.values.iter().filter(|v| !v.is_empty()).cloned().collect();
            let container = (!value.is_empty()).then_some(value);
            open_logs(m, vec![pod], container, previous, all, cmds);
        }
        PickPurpose::LogContainer => {
            let id = m.id();
            if let Some(Page::Logs(l)) = m.top_mut() {
                l.request.container = (!value.is_empty()).then_some(value);
                restart_logs(l, id, cmds);
            }
        }
        PickPurpose::Shell { pod } => cmds.push(Cmd::Shell { pod, container: Some(value) }),
        PickPurpose::Undo { target } => {
            if refuse_readonly(m, "rollout undo") {
                return;
            }
            let Ok(revision) = value.parse::<i64>() else { return };
            m.overlay = Some(Overlay::Confirm(Confirm {
                title: "Rollout undo".into(),
                message: vec![format!("Roll {} back to revision {revision}?", target.display())],
                pending: Pending::Undo { target, revision },
                focus: 1,
                grace_zero: false,
                force: false,
                danger: true,
            }));
        }
        PickPurpose::Context => cmds.push(Cmd::SwitchContext(value)),
        PickPurpose::Namespace => {
            set_namespaces(m, Namespaces::one(&value), cmds);
        }
    }
}

fn paste(m: &mut Model, text: &str) {
    match &mut m.overlay {
        Some(Overlay::Command(p)) | Some(Overlay::Filter(p)) => {
            let clean: String = text.chars().filter(|c| !c.is_control()).collect();
            let b = p.input.char_indices().nth(p.cursor).map_or(p.input.len(), |(b, _)| b);
            p.input.insert_str(b, &clean);
            p.cursor += clean.chars().count();
        }
        Some(Overlay::Input(i)) => i.value.push_str(text.trim()),
        _ => {
            if let Some(Page::Editor(e)) = m.stack.last_mut()
                && e.stage == Stage::Editing
            {
                e.area.insert_str(text);
                e.validate();
            }
        }
    }
}

// ---- the command line ----

/// Words `:` completes: resource names, short names, commands, aliases, and after `ctx `
/// the contexts, after `theme ` the themes.
fn command_suggestions(m: &Model, input: &str) -> Vec<String> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    let in_arg = input.ends_with(' ') || words.len() > 1;
    let candidates: Vec<String> = if in_arg {
        match first {
            "ctx" | "context" | "contexts" => m.info.contexts.clone(),
            "theme" => super::theme::Theme::available(super::config::locate().as_deref()),
            _ if m.resolve(first).is_some() => {
                let mut v: Vec<String> = m.config.favourites.clone();
                v.push("-A".into());
                v
            }
            _ => Vec::new(),
        }
    } else {
        let mut v: Vec<String> = Vec::new();
        for rt in &m.types {
            v.push(rt.plural.clone());
            v.push(rt.singular.clone());
            v.extend(rt.short_names.iter().cloned());
        }
        v.extend(
            ["q", "quit", "ctx", "context", "ns", "events", "xray", "help", "theme", "pf", "portforwards"]
                .iter()
                .map(|s| s.to_string()),
        );
        v.extend(m.config.aliases.keys().cloned());
        v
    };
    if input.ends_with(' ') {
        return candidates.into_iter().take(8).collect();
    }
    prompt::complete(input, &candidates)
}

/// Run a `:` command.
pub fn command(m: &mut Model, line: &str, cmds: &mut Vec<Cmd>) {
    let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return;
    }
    // User aliases expand once, keeping any extra words.
    if let Some(expansion) = m.config.aliases.get(&words[0]).cloned() {
        let mut w: Vec<String> = expansion.split_whitespace().map(str::to_string).collect();
        w.extend(words.drain(1..));
        words = w;
    }
    let cmd = words[0].as_str();
    let args = &words[1..];
    match cmd {
        "q" | "q!" | "quit" | "exit" => {
            m.quitting = true;
            cmds.push(Cmd::Quit);
        }
        "help" | "?" => {
            m.help_offset = 0;
            m.stack.push(Page::Help);
        }
        "ctx" | "context" | "contexts" => match args.first() {
            Some(name) => cmds.push(Cmd::SwitchContext(name.clone())),
            None => {
                let items = m.info.contexts.clone();
                let selected = items.iter().position(|c| *c == m.info.context).unwrap_or(0);
                m.overlay = Some(Overlay::Picker(Picker {
                    title: "Context".into(),
                    values: items.clone(),
                    items,
                    selected,
                    purpose: PickPurpose::Context,
                }));
            }
        },
        "theme" => match args.first().map(|n| super::theme::Theme::load(n, super::config::locate().as_deref())) {
            Some(Ok(t)) => m.theme = t,
            Some(Err(e)) => m.flash(Level::Error, e.to_string()),
            None => m.flash(Level::Info, format!("theme {}", m.theme.name)),
        },
        "pf" | "portforward" | "portforwards" | "port-forward" | "port-forwards" => portforward::open_list(m),
        "xray" => {
            if let Some(target) = m.table().and_then(TablePage::selected) {
                fetch(m, target, Purpose::Xray, cmds);
            }
        }
        "ns" | "namespace" | "namespaces" if !args.is_empty() => {
            let ns = parse_namespaces(&args[0]);
            if !set_namespaces(m, ns.clone(), cmds) {
                m.namespaces = ns;
            }
        }
        _ => open_resource(m, cmd, args, cmds),
    }
}

fn parse_namespaces(s: &str) -> Namespaces {
    match s {
        "-A" | "all" | "*" => Namespaces::All,
        s => Namespaces::Some(s.split(',').filter(|n| !n.is_empty()).map(str::to_string).collect()),
    }
}

/// `:pods`, `:po kube-system`, `:deploy -A`, `:svc ns1,ns2`, `:po -l app=web`.
fn open_resource(m: &mut Model, name: &str, args: &[String], cmds: &mut Vec<Cmd>) {
    let (name, events) = match name {
        "events" | "ev" | "event" => ("events", true),
        n => (n, false),
    };
    let Some(rt) = m.resolve(name) else {
        m.flash(Level::Error, format!("the server doesn't have a resource type \"{name}\""));
        return;
    };
    let mut ns = m.namespaces.clone();
    let mut selector = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-A" | "--all-namespaces" => ns = Namespaces::All,
            "-n" | "--namespace" => {
                if let Some(v) = it.next() {
                    ns = parse_namespaces(v);
                }
            }
            "-l" | "--selector" => selector = it.next().cloned(),
            other => ns = parse_namespaces(other),
        }
    }
    if rt.namespaced {
        m.namespaces = ns.clone();
    }
    let mut page = TablePage::new(rt, ns);
    page.label_selector = selector;
    if events || page.rt.kind == "Event" {
        // Most recent first, once the columns say which one is "Last Seen".
        page.sort = Sort { key: SortKey::Column(usize::MAX), descending: false };
    }
    close_all(m, cmds);
    open_table(m, page, cmds);
}

/// Events sort by their "Last Seen" column once the columns are known.
pub fn fix_event_sort(t: &mut TablePage) {
    if t.sort.key == SortKey::Column(usize::MAX)
        && let Some(i) = t.store.column("last seen")
    {
        t.sort = Sort { key: SortKey::Column(i), descending: false };
        t.store.mark_dirty();
    }
}

// ---- mouse ----

fn mouse(m: &mut Model, e: MouseEvent, at: jiff::Timestamp, cmds: &mut Vec<Cmd>) {
    if m.overlay.is_some() {
        return;
    }
    match e.kind {
        MouseEventKind::ScrollDown => move_cursor(m, Action::Down),
        MouseEventKind::ScrollUp => move_cursor(m, Action::Up),
        MouseEventKind::Down(MouseButton::Left) => {
            let prompt = false;
            let banner = matches!(m.conn, Conn::Disconnected { .. });
            let a = layout::areas(ratatui::layout::Rect::new(0, 0, m.width, m.height), prompt, banner);
            // Data rows start below the top border and the column header.
            let first = a.body.y + 2;
            if e.row < first || e.row >= a.body.bottom().saturating_sub(1) {
                return;
            }
            let double = m.last_click.is_some_and(|(t, row)| row == e.row && at.duration_since(t).as_millis() < 500);
            m.last_click = Some((at, e.row));
            let Some(Page::Table(t)) = m.stack.last_mut() else { return };
            let idx = t.offset + (e.row - first) as usize;
            if idx < t.store.view_len() {
                t.cursor = idx;
                clamp_table(t);
                if double {
                    m.last_click = None;
                    enter(m, cmds);
                }
            }
        }
        _ => {}
    }
}
