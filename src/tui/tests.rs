//! Tests of the TUI without a terminal or a cluster: `update()` driven by key and message
//! sequences, and whole frames rendered on a `TestBackend` and snapshotted with insta.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

use super::config::Config;
use super::model::{Conn, Info, Model, Namespaces, Overlay, Page, Pending};
use super::msg::{Cmd, Fetched, LogEvent, Msg, ObjRef, Purpose};
use super::theme::Theme;
use super::update::update;
use crate::client::table_watch::{Change, ChangeKind, Column, OwnerRef, RowMeta, TableEvent, TableRow};
use crate::k8s::catalog;

pub(crate) fn now() -> Timestamp {
    "2024-05-01T12:00:00Z".parse().expect("valid time")
}

pub(crate) fn info() -> Info {
    Info {
        context: "kind-dev".into(),
        cluster: "kind-dev".into(),
        user: "admin".into(),
        server: "https://127.0.0.1:6443".into(),
        embedded: None,
        contexts: vec!["kind-dev".into(), "prod".into()],
        namespace: "default".into(),
    }
}

pub(crate) fn model_with(theme: Theme, readonly: bool) -> Model {
    let mut m = Model::new(info(), Config::default(), theme, readonly, now());
    m.server_version = Some("v1.33.1".into());
    m.version = "0.0.0";
    m.width = 100;
    m.height = 24;
    m
}

pub(crate) fn model() -> Model {
    model_with(Theme::dark(), false)
}

pub(crate) fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub(crate) fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

pub(crate) fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub(crate) fn typed(s: &str) -> Vec<Msg> {
    s.chars().map(key).collect()
}

pub(crate) fn drive(m: &mut Model, msgs: impl IntoIterator<Item = Msg>) -> Vec<Cmd> {
    let mut out = Vec::new();
    for msg in msgs {
        out.extend(update(m, msg));
    }
    update(m, Msg::Prepare);
    out
}

fn col(name: &str, format: &str, priority: i64) -> Column {
    Column { name: name.into(), type_: "string".into(), format: format.into(), priority }
}

pub(crate) fn pod_columns() -> Vec<Column> {
    vec![
        col("Name", "name", 0),
        col("Ready", "", 0),
        col("Status", "", 0),
        col("Restarts", "", 0),
        col("Age", "", 0),
        col("IP", "", 1),
        col("Node", "", 1),
    ]
}

pub(crate) fn pod(ns: &str, name: &str, ready: &str, status: &str, restarts: &str, age_secs: i64) -> TableRow {
    let created = now() - jiff::SignedDuration::from_secs(age_secs);
    TableRow {
        cells: vec![
            name.into(),
            ready.into(),
            status.into(),
            restarts.into(),
            "x".into(),
            "10.244.0.5".into(),
            "kx-worker".into(),
        ],
        meta: RowMeta {
            name: name.into(),
            namespace: Some(ns.into()),
            uid: format!("uid-{name}"),
            creation_timestamp: Some(created),
            labels: [("app".to_string(), name.split('-').next().unwrap_or("").to_string())].into_iter().collect(),
            ..Default::default()
        },
    }
}

pub(crate) fn pods() -> Vec<TableRow> {
    vec![
        pod("default", "web-7d9f8-abcde", "1/1", "Running", "0", 3600 * 5),
        pod("default", "web-7d9f8-fghij", "1/1", "Running", "0", 3600 * 5),
        pod("default", "api-5c6b7-klmno", "2/2", "Running", "1 (3m ago)", 600),
        pod("default", "worker-6f5d4-pqrst", "0/1", "CrashLoopBackOff", "7 (40s ago)", 900),
        pod("default", "db-0", "1/1", "Running", "0", 86400 * 3),
        pod("default", "migrate-x2x9z", "0/1", "Completed", "0", 86400),
        pod("default", "api-5c6b7-uvwxy", "0/2", "ContainerCreating", "0", 5),
    ]
}

/// A model showing the pods table with the fixture rows.
pub(crate) fn pods_model() -> Model {
    let mut m = model();
    let cmds = super::boot(&mut m);
    let id = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::Watch { id, .. } => Some(*id),
            _ => None,
        })
        .expect("the first page watches pods");
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Listed { columns: pod_columns(), rows: pods(), resource_version: "10".into() },
        }],
    );
    m
}

fn watch_id(m: &Model) -> u64 {
    m.table().expect("a table").watches[0]
}

pub(crate) fn render(m: &Model) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(m.width, m.height)).expect("test terminal");
    t.draw(|f| f.render_widget(m, f.area())).expect("draws");
    t
}

macro_rules! snapshot {
    ($name:expr, $model:expr) => {
        // The clock is fixed, so ages are stable and stay in the snapshots; UIDs and the
        // server's port are not.
        insta::with_settings!({filters => vec![
            (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "[uid]"),
            (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        ], prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, render(&$model).backend());
        })
    };
}

fn deploy_ref(name: &str) -> ObjRef {
    ObjRef {
        rt: catalog::lookup("apps", "v1", "deployments").expect("deployments").clone(),
        namespace: Some("default".into()),
        name: name.into(),
    }
}

fn pod_ref(name: &str) -> ObjRef {
    ObjRef {
        rt: catalog::lookup("", "v1", "pods").expect("pods").clone(),
        namespace: Some("default".into()),
        name: name.into(),
    }
}

// ---- update() ----

#[test]
fn boot_watches_pods_in_the_context_namespace() {
    let mut m = model();
    let cmds = super::boot(&mut m);
    assert!(cmds.contains(&Cmd::Discover));
    let spec = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::Watch { spec, .. } => Some(spec.clone()),
            _ => None,
        })
        .expect("watch");
    assert_eq!(spec.rt.plural, "pods");
    assert_eq!(spec.namespace.as_deref(), Some("default"));
}

#[test]
fn command_prompt_opens_a_resource_and_stops_the_old_watch() {
    let mut m = pods_model();
    let old = watch_id(&m);
    let mut msgs = vec![key(':')];
    msgs.extend(typed("deploy"));
    msgs.push(code(KeyCode::Enter));
    let cmds = drive(&mut m, msgs);
    assert!(cmds.contains(&Cmd::Unwatch(old)));
    let t = m.table().expect("table");
    assert_eq!(t.rt.plural, "deployments");
    assert_eq!(m.stack.len(), 1, "a command starts a fresh breadcrumb trail");
}

#[test]
fn command_prompt_completes_short_names_with_tab() {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("sv"));
    drive(&mut m, msgs);
    let Some(Overlay::Command(p)) = &m.overlay else { panic!("prompt open") };
    assert_eq!(p.suggestions.first().map(String::as_str), Some("svc"));
    drive(&mut m, [code(KeyCode::Backspace), code(KeyCode::Tab)]);
    let Some(Overlay::Command(p)) = &m.overlay else { panic!("prompt open") };
    assert!(p.input.starts_with('s'), "{}", p.input);
}

#[test]
fn command_unknown_resource_flashes_an_error() {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("nosuch"));
    msgs.push(code(KeyCode::Enter));
    drive(&mut m, msgs);
    assert!(m.flash.as_ref().is_some_and(|f| f.text.contains("nosuch")));
    assert_eq!(m.table().expect("table").rt.plural, "pods");
}

#[test]
fn command_q_quits() {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("q"));
    msgs.push(code(KeyCode::Enter));
    assert!(drive(&mut m, msgs).contains(&Cmd::Quit));
}

#[test]
fn command_aliases_from_config_expand() {
    let mut m = pods_model();
    m.config.aliases.insert("sys".into(), "pods -n kube-system".into());
    let mut msgs = vec![key(':')];
    msgs.extend(typed("sys"));
    msgs.push(code(KeyCode::Enter));
    let cmds = drive(&mut m, msgs);
    let ns: Vec<Option<String>> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Watch { spec, .. } => Some(spec.namespace.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ns, vec![Some("kube-system".to_string())]);
}

#[test]
fn filter_narrows_the_view_as_you_type_and_esc_clears() {
    let mut m = pods_model();
    let mut msgs = vec![key('/')];
    msgs.extend(typed("web"));
    drive(&mut m, msgs);
    assert_eq!(m.table().expect("table").store.view_len(), 2);
    drive(&mut m, [code(KeyCode::Enter)]);
    assert!(m.overlay.is_none());
    assert_eq!(m.table().expect("table").store.view_len(), 2, "the filter stays after enter");
    drive(&mut m, [code(KeyCode::Esc)]);
    assert_eq!(m.table().expect("table").store.view_len(), 7);
}

#[test]
fn filter_inverse_and_column_forms_work_through_keys() {
    let mut m = pods_model();
    let mut msgs = vec![key('/')];
    msgs.extend(typed("!status:running"));
    msgs.push(code(KeyCode::Enter));
    drive(&mut m, msgs);
    let t = m.table().expect("table");
    let names: Vec<&str> = (0..t.store.view_len()).map(|i| t.store.view_row(i).expect("row").name()).collect();
    assert_eq!(names, vec!["api-5c6b7-uvwxy", "migrate-x2x9z", "worker-6f5d4-pqrst"]);
}

#[test]
fn sort_by_restarts_puts_the_most_restarted_first() {
    let mut m = pods_model();
    drive(&mut m, [key('T')]);
    let t = m.table().expect("table");
    assert_eq!(t.store.view_row(0).expect("row").name(), "worker-6f5d4-pqrst");
    drive(&mut m, [key('T')]);
    let t = m.table().expect("table");
    assert_ne!(t.store.view_row(0).expect("row").name(), "worker-6f5d4-pqrst", "pressing again reverses");
}

#[test]
fn sort_by_age_puts_the_youngest_first() {
    let mut m = pods_model();
    drive(&mut m, [key('A')]);
    assert_eq!(m.table().expect("table").store.view_row(0).expect("row").name(), "api-5c6b7-uvwxy");
}

#[test]
fn all_namespaces_rewatches_without_a_namespace() {
    let mut m = pods_model();
    let old = watch_id(&m);
    let cmds = drive(&mut m, [key('0')]);
    assert!(cmds.contains(&Cmd::Unwatch(old)));
    let specs: Vec<_> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Watch { spec, .. } => Some(spec.namespace.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(specs, vec![None]);
    assert_eq!(m.namespaces, Namespaces::All);
}

#[test]
fn several_namespaces_watch_each_and_merge_rows() {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("po a,b"));
    msgs.push(code(KeyCode::Enter));
    let cmds = drive(&mut m, msgs);
    let ids: Vec<u64> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Watch { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 2);
    drive(
        &mut m,
        [
            Msg::Table {
                id: ids[0],
                event: TableEvent::Listed {
                    columns: pod_columns(),
                    rows: vec![pod("a", "x", "1/1", "Running", "0", 5)],
                    resource_version: "1".into(),
                },
            },
            Msg::Table {
                id: ids[1],
                event: TableEvent::Listed {
                    columns: pod_columns(),
                    rows: vec![pod("b", "x", "1/1", "Running", "0", 5)],
                    resource_version: "1".into(),
                },
            },
            // A re-list of one namespace leaves the other's rows alone.
            Msg::Table {
                id: ids[0],
                event: TableEvent::Listed {
                    columns: vec![],
                    rows: vec![pod("a", "y", "1/1", "Running", "0", 5)],
                    resource_version: "2".into(),
                },
            },
        ],
    );
    let t = m.table().expect("table");
    let keys: Vec<&str> = (0..t.store.view_len()).map(|i| &*t.store.view_row(i).expect("row").key).collect();
    assert_eq!(keys, vec!["a/y", "b/x"]);
    assert!(t.shown().contains(&super::table::Shown::Namespace));
}

#[test]
fn favourite_namespace_keys_switch_namespace() {
    let mut m = pods_model();
    m.config.favourites = vec!["default".into(), "kube-system".into()];
    drive(&mut m, [key('2')]);
    assert_eq!(m.namespaces, Namespaces::one("kube-system"));
}

#[test]
fn watch_changes_add_update_and_remove_rows() {
    let mut m = pods_model();
    let id = watch_id(&m);
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Changes(vec![
                Change { kind: ChangeKind::Added, row: pod("default", "new-1", "0/1", "Pending", "0", 1) },
                Change { kind: ChangeKind::Deleted, row: pod("default", "db-0", "1/1", "Running", "0", 1) },
                Change {
                    kind: ChangeKind::Modified,
                    row: pod("default", "web-7d9f8-abcde", "0/1", "Terminating", "0", 1),
                },
            ]),
        }],
    );
    let t = m.table().expect("table");
    assert_eq!(t.store.len(), 7);
    assert!(t.store.get("default/db-0").is_none());
    assert_eq!(t.store.get("default/web-7d9f8-abcde").expect("row").cell(2), "Terminating");
}

#[test]
fn disconnect_shows_a_banner_and_a_relist_clears_it_without_duplicates() {
    let mut m = pods_model();
    let id = watch_id(&m);
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Disconnected {
                error: "connection refused".into(),
                retry_in: std::time::Duration::from_secs(2),
            },
        }],
    );
    assert!(matches!(m.conn, Conn::Disconnected { .. }));
    let mut rows = pods();
    rows.truncate(3);
    drive(
        &mut m,
        [Msg::Table { id, event: TableEvent::Listed { columns: pod_columns(), rows, resource_version: "20".into() } }],
    );
    assert_eq!(m.conn, Conn::Connected);
    assert_eq!(m.table().expect("table").store.len(), 3);
}

fn disconnected(id: u64, secs: u64) -> Msg {
    Msg::Table {
        id,
        event: TableEvent::Disconnected {
            error: "connection refused".into(),
            retry_in: std::time::Duration::from_secs(secs),
        },
    }
}

fn watch_ids(cmds: &[Cmd]) -> Vec<u64> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Watch { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

#[test]
fn reconnect_after_a_quiet_resume_clears_the_banner_and_keeps_the_rows() {
    let mut m = pods_model();
    let id = watch_id(&m);
    drive(&mut m, [disconnected(id, 2)]);
    assert!(matches!(m.conn, Conn::Disconnected { .. }));
    // The watch resumed from its resourceVersion and nothing changed meanwhile.
    drive(&mut m, [Msg::Table { id, event: TableEvent::Reconnected }]);
    assert_eq!(m.conn, Conn::Connected);
    assert_eq!(m.table().expect("table").store.len(), pods().len());
    // What changed while away arrives as changes: updated in place, never duplicated.
    let mut again = pods()[0].clone();
    again.cells[2] = "Terminating".into();
    drive(
        &mut m,
        [Msg::Table { id, event: TableEvent::Changes(vec![Change { kind: ChangeKind::Modified, row: again }]) }],
    );
    let t = m.table().expect("table");
    assert_eq!(t.store.len(), pods().len());
    assert_eq!(t.store.get("default/web-7d9f8-abcde").expect("row").cell(2), "Terminating");
}

#[test]
fn banner_stays_until_every_namespace_watch_is_back() {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("po a,b"));
    msgs.push(code(KeyCode::Enter));
    let ids = watch_ids(&drive(&mut m, msgs));
    assert_eq!(ids.len(), 2);
    drive(&mut m, [disconnected(ids[0], 1), disconnected(ids[1], 1)]);
    let first = match &m.conn {
        Conn::Disconnected { since, .. } => *since,
        other => panic!("expected a banner, got {other:?}"),
    };
    drive(&mut m, [Msg::Tick(now() + jiff::SignedDuration::from_secs(5)), disconnected(ids[0], 2)]);
    // Still down: the banner keeps the time of the first failure.
    assert!(matches!(&m.conn, Conn::Disconnected { since, .. } if *since == first));
    drive(&mut m, [Msg::Table { id: ids[0], event: TableEvent::Reconnected }]);
    assert!(matches!(m.conn, Conn::Disconnected { .. }), "one namespace is still down");
    drive(&mut m, [Msg::Table { id: ids[1], event: TableEvent::Reconnected }]);
    assert_eq!(m.conn, Conn::Connected);
}

#[test]
fn leaving_a_disconnected_table_drops_its_banner() {
    let mut m = pods_model();
    let id = watch_id(&m);
    drive(&mut m, [disconnected(id, 4)]);
    let mut msgs = vec![key(':')];
    msgs.extend(typed("deploy"));
    msgs.push(code(KeyCode::Enter));
    let cmds = drive(&mut m, msgs);
    assert!(cmds.contains(&Cmd::Unwatch(id)));
    assert!(!matches!(m.conn, Conn::Disconnected { .. }));
    assert!(m.down.is_empty());
}

#[test]
fn banner_counts_down_to_the_next_retry() {
    let mut m = pods_model();
    let id = watch_id(&m);
    drive(&mut m, [disconnected(id, 4)]);
    assert!(render(&m).backend().to_string().contains("retrying in 4s"));
    drive(&mut m, [Msg::Tick(now() + jiff::SignedDuration::from_secs(3))]);
    assert!(render(&m).backend().to_string().contains("retrying in 1s"));
    drive(&mut m, [Msg::Tick(now() + jiff::SignedDuration::from_secs(5))]);
    assert!(render(&m).backend().to_string().contains("reconnecting…"));
}

/// The namespaces table with `names`, as `:ns` shows it.
fn namespaces_model(names: &[&str]) -> Model {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("ns"));
    msgs.push(code(KeyCode::Enter));
    let id = watch_ids(&drive(&mut m, msgs))[0];
    let rows = names
        .iter()
        .map(|n| TableRow {
            cells: vec![n.to_string(), "Active".into(), "1d".into()],
            meta: RowMeta { name: n.to_string(), uid: format!("uid-{n}"), ..Default::default() },
        })
        .collect();
    let columns = vec![col("Name", "name", 0), col("Status", "", 0), col("Age", "", 0)];
    drive(&mut m, [Msg::Table { id, event: TableEvent::Listed { columns, rows, resource_version: "1".into() } }]);
    m
}

#[test]
fn marked_namespaces_open_together_as_one_view() {
    let mut m = namespaces_model(&["default", "kube-system", "shop"]);
    // Mark kube-system and shop (space marks and moves down), then Enter.
    let cmds = drive(&mut m, [key('j'), key(' '), key(' '), code(KeyCode::Enter)]);
    let specs: Vec<Option<String>> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Watch { spec, .. } => Some(spec.namespace.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(specs, vec![Some("kube-system".to_string()), Some("shop".to_string())]);
    let t = m.table().expect("pods");
    assert_eq!(t.rt.kind, "Pod");
    assert_eq!(t.namespaces, Namespaces::Some(vec!["kube-system".into(), "shop".into()]));
    assert_eq!(m.namespaces, t.namespaces);
    // Back on the namespaces table, the marks are spent.
    drive(&mut m, [code(KeyCode::Esc)]);
    assert!(m.table().expect("namespaces").marked.is_empty());
}

#[test]
fn enter_on_one_namespace_opens_its_pods() {
    let mut m = namespaces_model(&["default", "kube-system"]);
    let cmds = drive(&mut m, [key('j'), code(KeyCode::Enter)]);
    assert_eq!(watch_ids(&cmds).len(), 1);
    assert_eq!(m.table().expect("pods").namespaces, Namespaces::one("kube-system"));
}

#[test]
fn favourite_may_name_several_namespaces_or_all() {
    let mut m = pods_model();
    m.config.favourites = vec!["default".into(), "web,db".into(), "-A".into()];
    let cmds = drive(&mut m, [key('2')]);
    assert_eq!(watch_ids(&cmds).len(), 2);
    assert_eq!(m.namespaces, Namespaces::Some(vec!["web".into(), "db".into()]));
    drive(&mut m, [key('3')]);
    assert_eq!(m.namespaces, Namespaces::All);
    // A key with no favourite does nothing.
    let cmds = drive(&mut m, [key('7')]);
    assert!(watch_ids(&cmds).is_empty());
}

#[test]
fn help_scrolls_so_every_binding_is_reachable_on_a_small_terminal() {
    let mut m = pods_model();
    m.width = 80;
    m.height = 24;
    drive(&mut m, [key('?')]);
    let first = render(&m).backend().to_string();
    assert!(first.contains("more"), "{first}");
    assert!(!first.contains("Leave the editor"));
    drive(&mut m, [code(KeyCode::End)]);
    let last = render(&m).backend().to_string();
    assert!(last.contains(":q") || last.contains("Quit"), "{last}");
    // Everything in between was on some page.
    let mut seen = String::new();
    drive(&mut m, [code(KeyCode::Home)]);
    assert_eq!(m.help_offset, 0);
    for _ in 0..20 {
        seen.push_str(&render(&m).backend().to_string());
        drive(&mut m, [code(KeyCode::PageDown)]);
    }
    for a in super::keymap::Action::ALL {
        let text: String = a.help().chars().take(20).collect();
        assert!(seen.contains(&text), "{} ({text}) never shown", a.name());
    }
    assert!(seen.contains("Leave the editor"));
}

#[test]
fn restart_recency_ticks_with_the_clock() {
    let mut m = pods_model();
    assert!(render(&m).backend().to_string().contains("7 (40s ago)"));
    // A minute on and no watch event: the server's "40s ago" is now 100s ago.
    drive(&mut m, [Msg::Tick(now() + jiff::SignedDuration::from_secs(60))]);
    let out = render(&m).backend().to_string();
    assert!(out.contains("7 (100s ago)"), "{out}");
    assert!(out.contains("1 (4m ago)"), "{out}");
}

#[test]
fn sorted_header_keeps_its_arrow_when_the_column_is_narrow() {
    let mut m = pods_model();
    let mut msgs = vec![key('/')];
    msgs.extend(typed("db"));
    msgs.push(code(KeyCode::Enter));
    drive(&mut m, msgs);
    let out = render(&m).backend().to_string();
    assert!(out.contains("NAME↑"), "{out}");
}

#[test]
fn frame_help_small_terminal_scrolled() {
    let mut m = pods_model();
    m.width = 80;
    m.height = 24;
    drive(&mut m, [key('?'), code(KeyCode::PageDown)]);
    snapshot!("help_small_scrolled", m);
}

#[test]
fn cursor_stays_on_its_row_when_rows_arrive_above_it() {
    let mut m = pods_model();
    drive(&mut m, [key('j'), key('j')]);
    let name = m.table().and_then(|t| t.selected()).expect("selected").name;
    let id = watch_id(&m);
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Changes(vec![Change {
                kind: ChangeKind::Added,
                row: pod("default", "aaa", "1/1", "Running", "0", 1),
            }]),
        }],
    );
    assert_eq!(m.table().and_then(|t| t.selected()).expect("selected").name, name);
}

#[test]
fn delete_marked_rows_asks_then_deletes_them() {
    let mut m = pods_model();
    drive(&mut m, [key(' '), key(' ')]);
    assert_eq!(m.table().expect("table").marked.len(), 2);
    let cmds = drive(&mut m, [ctrl('d')]);
    assert!(cmds.is_empty(), "nothing happens before the answer");
    let Some(Overlay::Confirm(c)) = &m.overlay else { panic!("confirm") };
    assert_eq!(c.focus, 1, "destructive dialogs default to no");
    assert!(matches!(&c.pending, Pending::Delete { targets } if targets.len() == 2));
    let cmds = drive(&mut m, [key('g'), key('y')]);
    match &cmds[..] {
        [Cmd::Delete { targets, grace_period: Some(0), force: false }] => assert_eq!(targets.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(m.table().expect("table").marked.is_empty());
}

#[test]
fn delete_answered_no_does_nothing() {
    let mut m = pods_model();
    drive(&mut m, [ctrl('d')]);
    let cmds = drive(&mut m, [code(KeyCode::Enter)]);
    assert!(cmds.is_empty());
    assert!(m.overlay.is_none());
}

#[test]
fn readonly_refuses_every_change() {
    let mut m = pods_model();
    m.readonly = true;
    for msg in [ctrl('d'), key('e'), key('s'), ctrl('k')] {
        let cmds = drive(&mut m, [msg]);
        assert!(cmds.is_empty(), "{cmds:?}");
        assert!(m.overlay.is_none());
        assert!(m.flash.as_ref().is_some_and(|f| f.text.contains("read-only")));
    }
}

#[test]
fn s_scales_deployments_and_shells_into_pods() {
    let mut m = pods_model();
    let cmds = drive(&mut m, [key('s')]);
    assert!(matches!(&cmds[..], [Cmd::Fetch { purpose: Purpose::Shell, .. }]), "{cmds:?}");
    let mut msgs = vec![key(':')];
    msgs.extend(typed("deploy"));
    msgs.push(code(KeyCode::Enter));
    drive(&mut m, msgs);
    let id = watch_id(&m);
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Listed {
                columns: vec![col("Name", "name", 0)],
                rows: vec![TableRow {
                    cells: vec!["web".into()],
                    meta: RowMeta { name: "web".into(), namespace: Some("default".into()), ..Default::default() },
                }],
                resource_version: "1".into(),
            },
        }],
    );
    let cmds = drive(&mut m, [key('s')]);
    assert!(matches!(&cmds[..], [Cmd::Fetch { purpose: Purpose::Scale, .. }]), "{cmds:?}");
}

#[test]
fn scale_input_validates_and_sends_the_count() {
    let mut m = pods_model();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: deploy_ref("web"),
            purpose: Purpose::Scale,
            result: Ok(Fetched::Object(json!({"spec": {"replicas": 3}}))),
        }],
    );
    let Some(Overlay::Input(i)) = &m.overlay else { panic!("input") };
    assert_eq!(i.value, "3");
    drive(&mut m, [code(KeyCode::Backspace), key('x'), code(KeyCode::Enter)]);
    assert!(matches!(&m.overlay, Some(Overlay::Input(i)) if i.error.is_some()));
    let cmds = drive(&mut m, [code(KeyCode::Backspace), key('5'), code(KeyCode::Enter)]);
    assert_eq!(cmds, vec![Cmd::Scale { target: deploy_ref("web"), replicas: 5 }]);
}

#[test]
fn drill_down_from_a_deployment_watches_its_pods_and_esc_returns() {
    let mut m = pods_model();
    let obj = json!({"metadata": {"name": "web", "uid": "d1"}, "spec": {"selector": {"matchLabels": {"app": "web"}}}});
    let cmds = drive(
        &mut m,
        [Msg::Fetched { id: 1, target: deploy_ref("web"), purpose: Purpose::Drill, result: Ok(Fetched::Object(obj)) }],
    );
    let spec = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::Watch { spec, .. } => Some(spec.clone()),
            _ => None,
        })
        .expect("watch");
    assert_eq!(spec.label_selector.as_deref(), Some("app=web"));
    assert_eq!(m.stack.len(), 2);
    let id = watch_id(&m);
    let cmds = drive(&mut m, [code(KeyCode::Esc)]);
    assert_eq!(cmds, vec![Cmd::Unwatch(id)]);
    assert_eq!(m.stack.len(), 1);
}

#[test]
fn enter_on_a_node_lists_its_pods_by_field_selector() {
    let mut m = model();
    let mut cmds = Vec::new();
    super::update::command(&mut m, "nodes", &mut cmds);
    let id = watch_id(&m);
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Listed {
                columns: vec![col("Name", "name", 0)],
                rows: vec![TableRow {
                    cells: vec!["kx-worker".into()],
                    meta: RowMeta { name: "kx-worker".into(), ..Default::default() },
                }],
                resource_version: "1".into(),
            },
        }],
    );
    let cmds = drive(&mut m, [code(KeyCode::Enter)]);
    let spec = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::Watch { spec, .. } => Some(spec.clone()),
            _ => None,
        })
        .expect("watch");
    assert_eq!(spec.field_selector.as_deref(), Some("spec.nodeName=kx-worker"));
    assert_eq!(spec.namespace, None);
}

#[test]
fn logs_with_several_containers_offer_a_picker() {
    let mut m = pods_model();
    let pod_obj = json!({"spec": {"containers": [{"name": "api"}, {"name": "metrics"}]}});
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: pod_ref("api-5c6b7-klmno"),
            purpose: Purpose::Logs { previous: false },
            result: Ok(Fetched::Object(pod_obj)),
        }],
    );
    let Some(Overlay::Picker(p)) = &m.overlay else { panic!("picker") };
    assert_eq!(p.items, vec!["all containers", "api", "metrics"]);
    let cmds = drive(&mut m, [code(KeyCode::Enter)]);
    match &cmds[..] {
        [Cmd::Logs { request, .. }] => assert_eq!(request.container.as_deref(), Some("api")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(m.top(), Some(Page::Logs(_))));
}

#[test]
fn log_view_toggles_restart_the_stream_with_new_options() {
    let mut m = pods_model();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: pod_ref("web-7d9f8-abcde"),
            purpose: Purpose::Logs { previous: false },
            result: Ok(Fetched::Object(json!({"spec": {"containers": [{"name": "nginx"}]}}))),
        }],
    );
    let cmds = drive(&mut m, [key('t')]);
    match &cmds[..] {
        [Cmd::StopLogs(_), Cmd::Logs { request, .. }] => assert!(request.timestamps),
        other => panic!("{other:?}"),
    }
    let cmds = drive(&mut m, [key('p')]);
    assert!(matches!(&cmds[..], [Cmd::StopLogs(_), Cmd::Logs { request, .. }] if request.previous));
}

#[test]
fn editor_error_from_the_server_keeps_the_text() {
    let mut m = pods_model();
    let obj =
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 1}});
    drive(
        &mut m,
        [Msg::Fetched { id: 1, target: deploy_ref("web"), purpose: Purpose::Edit, result: Ok(Fetched::Object(obj)) }],
    );
    // Move to the replicas line's end and change 1 to 7.
    let mut msgs = vec![code(KeyCode::Down); 5];
    msgs.extend([code(KeyCode::End), code(KeyCode::Backspace), key('7')]);
    msgs.push(ctrl('s'));
    drive(&mut m, msgs);
    let Some(Page::Editor(e)) = m.top() else { panic!("editor") };
    assert!(matches!(e.stage, super::editor::Stage::Reviewing { .. }), "{:?} {:?}", e.stage, e.invalid);
    let cmds = drive(&mut m, [key('y')]);
    let id = match &cmds[..] {
        [Cmd::Apply { id, text, .. }] => {
            assert!(text.contains("replicas: 7"), "{text}");
            *id
        }
        other => panic!("{other:?}"),
    };
    drive(
        &mut m,
        [Msg::Applied { id, result: Err("Error from server (Conflict): the object has been modified".into()) }],
    );
    let Some(Page::Editor(e)) = m.top() else { panic!("editor stays") };
    assert!(e.text().contains("replicas: 7"));
    assert!(e.server_error.as_deref().is_some_and(|s| s.contains("Conflict")));
}

#[test]
fn editor_invalid_yaml_blocks_review() {
    let mut m = pods_model();
    let obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}});
    drive(
        &mut m,
        [Msg::Fetched { id: 1, target: deploy_ref("c"), purpose: Purpose::Edit, result: Ok(Fetched::Object(obj)) }],
    );
    drive(&mut m, [code(KeyCode::Home), key('"'), ctrl('s')]);
    let Some(Page::Editor(e)) = m.top() else { panic!("editor") };
    assert!(e.invalid.is_some());
    assert_eq!(e.stage, super::editor::Stage::Editing);
}

#[test]
fn undo_picker_lists_revisions_then_confirms() {
    let mut m = pods_model();
    let revs = vec![
        crate::client::rollout::RevisionEntry {
            revision: 3,
            change_cause: Some("bump".into()),
            template: json!({"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}),
            source: "web-3".into(),
        },
        crate::client::rollout::RevisionEntry {
            revision: 2,
            change_cause: None,
            template: json!({"spec": {"containers": [{"name": "web", "image": "nginx:1.26"}]}}),
            source: "web-2".into(),
        },
    ];
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: deploy_ref("web"),
            purpose: Purpose::History,
            result: Ok(Fetched::History(revs)),
        }],
    );
    let Some(Overlay::Picker(p)) = &m.overlay else { panic!("picker") };
    assert_eq!(p.selected, 1, "the previous revision is preselected");
    assert!(p.items[1].contains("nginx:1.26"));
    drive(&mut m, [code(KeyCode::Enter)]);
    let cmds = drive(&mut m, [key('y')]);
    assert_eq!(cmds, vec![Cmd::Undo { target: deploy_ref("web"), revision: 2 }]);
}

#[test]
fn log_lines_append_and_follow() {
    let mut m = pods_model();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: pod_ref("web-7d9f8-abcde"),
            purpose: Purpose::Logs { previous: false },
            result: Ok(Fetched::Object(json!({"spec": {"containers": [{"name": "nginx"}]}}))),
        }],
    );
    let Some(Page::Logs(l)) = m.top() else { panic!("logs") };
    let id = l.id;
    drive(
        &mut m,
        [Msg::Log {
            id,
            event: LogEvent::Lines(vec![(String::new(), "hello".into()), (String::new(), "world".into())]),
        }],
    );
    let Some(Page::Logs(l)) = m.top() else { panic!("logs") };
    assert_eq!(l.len(), 2);
    assert!(l.follow);
}

#[test]
fn log_stream_drop_shows_a_countdown_until_it_is_back() {
    let mut m = pods_model();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: pod_ref("web-7d9f8-abcde"),
            purpose: Purpose::Logs { previous: false },
            result: Ok(Fetched::Object(json!({"spec": {"containers": [{"name": "nginx"}]}}))),
        }],
    );
    let Some(Page::Logs(l)) = m.top() else { panic!("logs") };
    let id = l.id;
    let line = |t: &str| Msg::Log { id, event: LogEvent::Lines(vec![(String::new(), t.into())]) };
    let down = Msg::Log {
        id,
        event: LogEvent::Disconnected {
            prefix: String::new(),
            error: "connection refused".into(),
            retry_in: std::time::Duration::from_secs(3),
        },
    };
    drive(&mut m, [line("before"), down]);
    let out = render(&m).backend().to_string();
    assert!(out.contains("log stream lost — retrying in 3s — connection refused"), "{out}");
    drive(&mut m, [Msg::Tick(now() + jiff::SignedDuration::from_secs(4))]);
    assert!(render(&m).backend().to_string().contains("log stream lost — reconnecting…"));
    drive(&mut m, [Msg::Log { id, event: LogEvent::Reconnected { prefix: String::new() } }, line("after")]);
    let out = render(&m).backend().to_string();
    assert!(!out.contains("log stream lost") && out.contains("2 lines"), "{out}");
    let Some(Page::Logs(l)) = m.top() else { panic!("logs") };
    assert_eq!(l.line(1).map(|l| l.text.as_str()), Some("after"));
}

#[test]
fn help_lists_rebound_keys() {
    let mut m = pods_model();
    m.config.keymap.bind(super::keymap::Action::Delete, vec![super::keymap::Key::char('D')]);
    drive(&mut m, [key('?')]);
    let out = render(&m).backend().to_string();
    assert!(out.contains("D ") && out.contains("Delete (marked rows too)"), "{out}");
}

#[test]
fn mouse_click_selects_and_double_click_drills() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut m = pods_model();
    let click = |row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Rows start below the header (4), the table border and the column header.
    drive(&mut m, [Msg::Mouse(click(8), now())]);
    assert_eq!(m.table().expect("table").cursor, 2);
    let cmds = drive(&mut m, [Msg::Mouse(click(8), now() + jiff::SignedDuration::from_millis(200))]);
    assert!(matches!(&cmds[..], [Cmd::Fetch { purpose: Purpose::Logs { .. }, .. }]), "{cmds:?}");
}

// ---- frames ----

#[test]
fn frame_pods_table() {
    snapshot!("pods_table", pods_model());
}

#[test]
fn frame_filter_active() {
    let mut m = pods_model();
    let mut msgs = vec![key('/')];
    msgs.extend(typed("api"));
    drive(&mut m, msgs);
    snapshot!("filter_active", m);
}

#[test]
fn frame_command_prompt_with_completion() {
    let mut m = pods_model();
    let mut msgs = vec![key(':')];
    msgs.extend(typed("depl"));
    drive(&mut m, msgs);
    snapshot!("command_prompt", m);
}

#[test]
fn frame_describe() {
    let mut m = pods_model();
    // What `describe::describe_object` prints for it (the describer is tested in the client layer).
    let text = "Name:                   web\nNamespace:              default\nLabels:                 app=web\nAnnotations:            <none>\nSelector:               app=web\nReplicas:               3 desired | 0 updated | 0 total | 3 available | 0 unavailable\nStrategyType:           RollingUpdate\nEvents:                 <none>\n".to_string();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: deploy_ref("web"),
            purpose: Purpose::Describe,
            result: Ok(Fetched::Text(text)),
        }],
    );
    snapshot!("describe", m);
}

#[test]
fn frame_yaml_with_search() {
    let mut m = pods_model();
    let obj = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default", "managedFields": [{"manager": "kubectl"}]},
        "spec": {"replicas": 3, "paused": false, "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}});
    drive(
        &mut m,
        [Msg::Fetched { id: 1, target: deploy_ref("web"), purpose: Purpose::Yaml, result: Ok(Fetched::Object(obj)) }],
    );
    let mut msgs = vec![key('/')];
    msgs.extend(typed("web"));
    msgs.push(code(KeyCode::Enter));
    drive(&mut m, msgs);
    let out = render(&m).backend().to_string();
    assert!(!out.contains("managedFields"));
    snapshot!("yaml", m);
}

#[test]
fn frame_logs() {
    let mut m = pods_model();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: pod_ref("api-5c6b7-klmno"),
            purpose: Purpose::Logs { previous: false },
            result: Ok(Fetched::Object(json!({"spec": {"containers": [{"name": "api"}]}}))),
        }],
    );
    let Some(Page::Logs(l)) = m.top() else { panic!("logs") };
    let id = l.id;
    let lines = vec![
        (String::new(), "{\"level\":\"info\",\"msg\":\"order served\",\"order\":1}".to_string()),
        (String::new(), "{\"level\":\"error\",\"msg\":\"payment gateway timeout\",\"order\":2}".to_string()),
        (String::new(), "plain text line".to_string()),
    ];
    drive(&mut m, [Msg::Log { id, event: LogEvent::Lines(lines) }]);
    let mut msgs = vec![key('/')];
    msgs.extend(typed("order"));
    msgs.push(code(KeyCode::Enter));
    msgs.push(key('J'));
    drive(&mut m, msgs);
    snapshot!("logs", m);
}

#[test]
fn frame_logs_reconnecting() {
    let mut m = pods_model();
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: pod_ref("web-7d9f8-abcde"),
            purpose: Purpose::Logs { previous: false },
            result: Ok(Fetched::Object(json!({"spec": {"containers": [{"name": "nginx"}]}}))),
        }],
    );
    let Some(Page::Logs(l)) = m.top() else { panic!("logs") };
    let id = l.id;
    // As a merged page shows two streams.
    let lines = vec![("web-1".to_string(), "GET / 200".to_string()), ("web-2".to_string(), "GET /a 404".to_string())];
    let down = |prefix: &str| Msg::Log {
        id,
        event: LogEvent::Disconnected {
            prefix: prefix.into(),
            error: "error trying to connect: tcp connect error: Connection refused (os error 111)".into(),
            retry_in: std::time::Duration::from_secs(2),
        },
    };
    drive(&mut m, [Msg::Log { id, event: LogEvent::Lines(lines) }, down("web-1"), down("web-2")]);
    snapshot!("logs_reconnecting", m);
}

#[test]
fn frame_editor_with_error() {
    let mut m = pods_model();
    let obj =
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 1}});
    drive(
        &mut m,
        [Msg::Fetched { id: 1, target: deploy_ref("web"), purpose: Purpose::Edit, result: Ok(Fetched::Object(obj)) }],
    );
    drive(&mut m, [code(KeyCode::Down), code(KeyCode::Home), key('"')]);
    snapshot!("editor_invalid_yaml", m);
}

#[test]
fn frame_editor_with_server_error() {
    let mut m = pods_model();
    let obj =
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 1}});
    drive(
        &mut m,
        [Msg::Fetched { id: 1, target: deploy_ref("web"), purpose: Purpose::Edit, result: Ok(Fetched::Object(obj)) }],
    );
    let mut msgs = vec![code(KeyCode::Down); 5];
    msgs.extend([code(KeyCode::End), code(KeyCode::Backspace), key('-'), key('1'), ctrl('s')]);
    drive(&mut m, msgs);
    snapshot!("editor_diff", m);
    let cmds = drive(&mut m, [key('y')]);
    let Some(Cmd::Apply { id, .. }) = cmds.first() else { panic!("apply") };
    let err = "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0";
    drive(&mut m, [Msg::Applied { id: *id, result: Err(err.into()) }]);
    snapshot!("editor_server_error", m);
}

#[test]
fn frame_help() {
    let mut m = pods_model();
    m.height = 40;
    m.width = 140;
    drive(&mut m, [key('?')]);
    snapshot!("help", m);
}

#[test]
fn frame_xray() {
    let mut m = pods_model();
    let d = json!({"kind": "Deployment", "metadata": {"name": "web", "namespace": "default", "uid": "d1"}, "spec": {"replicas": 2}, "status": {"readyReplicas": 1}});
    let rs = json!({"kind": "ReplicaSet", "metadata": {"name": "web-7d9f8", "namespace": "default", "uid": "r1", "ownerReferences": [{"uid": "d1"}]}, "spec": {"replicas": 2}, "status": {"readyReplicas": 1}});
    let p1 = json!({"kind": "Pod", "metadata": {"name": "web-7d9f8-abcde", "namespace": "default", "uid": "p1", "ownerReferences": [{"uid": "r1"}]},
        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}, "status": {"phase": "Running", "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 0}]}});
    let p2 = json!({"kind": "Pod", "metadata": {"name": "web-7d9f8-fghij", "namespace": "default", "uid": "p2", "ownerReferences": [{"uid": "r1"}]},
        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}, "status": {"phase": "Running", "containerStatuses": [{"name": "nginx", "ready": false, "restartCount": 4, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}});
    drive(
        &mut m,
        [Msg::Fetched {
            id: 1,
            target: deploy_ref("web"),
            purpose: Purpose::Xray,
            result: Ok(Fetched::Tree(vec![d, rs, p1, p2])),
        }],
    );
    snapshot!("xray", m);
}

#[test]
fn frame_events() {
    let mut m = model();
    let mut cmds = Vec::new();
    super::update::command(&mut m, "events", &mut cmds);
    let id = watch_id(&m);
    let cols = vec![
        col("Last Seen", "", 0),
        col("Type", "", 0),
        col("Reason", "", 0),
        col("Object", "", 0),
        col("Message", "", 0),
    ];
    let ev = |name: &str, seen: &str, ty: &str, reason: &str, obj: &str, msg: &str| TableRow {
        cells: vec![seen.into(), ty.into(), reason.into(), obj.into(), msg.into()],
        meta: RowMeta { name: name.into(), namespace: Some("default".into()), ..Default::default() },
    };
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Listed {
                columns: cols,
                rows: vec![
                    ev(
                        "e1",
                        "5m",
                        "Normal",
                        "Scheduled",
                        "pod/web-1",
                        "Successfully assigned default/web-1 to kx-worker",
                    ),
                    ev(
                        "e2",
                        "12s",
                        "Warning",
                        "BackOff",
                        "pod/worker-1",
                        "Back-off restarting failed container worker",
                    ),
                    ev(
                        "e3",
                        "2m",
                        "Normal",
                        "ScalingReplicaSet",
                        "deployment/web",
                        "Scaled up replica set web-7d9f8 to 3",
                    ),
                ],
                resource_version: "1".into(),
            },
        }],
    );
    let t = m.table().expect("table");
    assert_eq!(t.store.view_row(0).expect("row").name(), "e2", "most recent first");
    snapshot!("events", m);
}

#[test]
fn frame_confirm_delete() {
    let mut m = pods_model();
    drive(&mut m, [key(' '), key(' '), ctrl('d')]);
    snapshot!("confirm_delete", m);
}

#[test]
fn frame_disconnected_banner() {
    let mut m = pods_model();
    let id = watch_id(&m);
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Disconnected {
                error: "dial tcp 127.0.0.1:6443: connection refused".into(),
                retry_in: std::time::Duration::from_secs(4),
            },
        }],
    );
    snapshot!("disconnected", m);
}

#[test]
fn frame_embedded_header() {
    let mut m = pods_model();
    m.info.embedded = Some("embedded cluster: 2 process nodes, demo app".into());
    snapshot!("embedded_header", m);
}

#[test]
fn frame_each_theme_styles_the_table() {
    for name in Theme::names() {
        let mut m = model_with(Theme::builtin(name).expect("builtin"), false);
        let cmds = super::boot(&mut m);
        let id = cmds.iter().find_map(|c| if let Cmd::Watch { id, .. } = c { Some(*id) } else { None }).expect("watch");
        drive(
            &mut m,
            [Msg::Table {
                id,
                event: TableEvent::Listed { columns: pod_columns(), rows: pods(), resource_version: "1".into() },
            }],
        );
        m.width = 70;
        m.height = 14;
        let t = render(&m);
        insta::with_settings!({prepend_module_to_snapshot => false}, {
            insta::assert_debug_snapshot!(format!("theme_{name}"), t.backend().buffer());
        });
    }
}

#[test]
fn owner_filtered_tables_count_view_and_total() {
    let mut m = pods_model();
    let t = m.table_mut().expect("table");
    t.owner_uid = Some("rs1".into());
    let mut p = pod("default", "web-x", "1/1", "Running", "0", 5);
    p.meta.owner_references.push(OwnerRef {
        api_version: "apps/v1".into(),
        kind: "ReplicaSet".into(),
        name: "web".into(),
        uid: "rs1".into(),
        controller: Some(true),
    });
    let id = t.watches[0];
    drive(&mut m, [Msg::Table { id, event: TableEvent::Changes(vec![Change { kind: ChangeKind::Added, row: p }]) }]);
    let t = m.table().expect("table");
    assert_eq!((t.store.view_len(), t.store.len()), (1, 8));
}

#[test]
fn frame_nodes_with_allocation() {
    let mut m = model();
    let mut cmds = Vec::new();
    super::update::command(&mut m, "nodes", &mut cmds);
    assert!(cmds.iter().any(|c| matches!(c, Cmd::Fetch { purpose: Purpose::NodeAllocation, .. })), "{cmds:?}");
    let id = watch_id(&m);
    let cols = vec![
        col("Name", "name", 0),
        col("Status", "", 0),
        col("Roles", "", 0),
        col("Age", "", 0),
        col("Version", "", 0),
    ];
    let node = |name: &str, role: &str| TableRow {
        cells: vec![name.into(), "Ready".into(), role.into(), "x".into(), "v1.33.1".into()],
        meta: RowMeta {
            name: name.into(),
            creation_timestamp: Some(now() - jiff::SignedDuration::from_secs(7200)),
            ..Default::default()
        },
    };
    drive(
        &mut m,
        [Msg::Table {
            id,
            event: TableEvent::Listed {
                columns: cols,
                rows: vec![node("kx-control-plane", "control-plane"), node("kx-worker", "<none>")],
                resource_version: "1".into(),
            },
        }],
    );
    let extras = [
        (
            "kx-control-plane".to_string(),
            vec!["950m/2 (47%)".to_string(), "1.2Gi/4Gi (30%)".to_string(), "9/110".to_string()],
        ),
        ("kx-worker".to_string(), vec!["300m/4 (7%)".to_string(), "512Mi/8Gi (6%)".to_string(), "3/110".to_string()]),
    ]
    .into_iter()
    .collect();
    let target =
        ObjRef { rt: catalog::lookup("", "v1", "nodes").expect("nodes").clone(), namespace: None, name: String::new() };
    drive(
        &mut m,
        [Msg::Fetched { id: 9, target, purpose: Purpose::NodeAllocation, result: Ok(Fetched::Extras(extras)) }],
    );
    snapshot!("nodes_allocation", m);
    // Ten seconds later the allocation is asked for again.
    let cmds = drive(&mut m, [Msg::Tick(now() + jiff::SignedDuration::from_secs(11))]);
    assert!(cmds.iter().any(|c| matches!(c, Cmd::Fetch { purpose: Purpose::NodeAllocation, .. })));
}
