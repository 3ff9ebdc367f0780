//! The TUI's whole state. Only `update` changes it; views borrow it to draw. Pages form a
//! stack (the breadcrumbs): Esc pops back to the page below, whose watches kept it live.

use std::collections::BTreeSet;

use jiff::Timestamp;

use super::config::Config;
use super::editor::EditorPage;
use super::filter::Filter;
use super::keymap::Keymap;
use super::logs::LogPage;
use super::msg::{Id, ObjRef};
use super::prompt::Prompt;
use super::table::{RowStore, Shown, Sort};
use super::text::TextPage;
use super::theme::Theme;
use super::xray::XrayPage;
use crate::k8s::catalog::ResourceType;

/// Who and where we are, for the header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Info {
    pub context: String,
    pub cluster: String,
    pub user: String,
    pub server: String,
    /// `Some("embedded cluster, 2 nodes, demo app")` when kx runs its own cluster.
    pub embedded: Option<String>,
    pub contexts: Vec<String>,
    /// The namespace of the context (`-n` overrides it).
    pub namespace: String,
}

/// Which namespaces a namespaced table shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Namespaces {
    All,
    /// One or more (a multi-namespace view watches each).
    Some(Vec<String>),
}

impl Namespaces {
    pub fn one(ns: &str) -> Namespaces {
        Namespaces::Some(vec![ns.to_string()])
    }

    pub fn label(&self) -> String {
        match self {
            Namespaces::All => "all".into(),
            Namespaces::Some(v) => v.join(","),
        }
    }

    pub fn single(&self) -> Option<&str> {
        match self {
            Namespaces::Some(v) if v.len() == 1 => Some(&v[0]),
            _ => None,
        }
    }
}

/// The connection as the watches see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Conn {
    Connecting,
    Connected,
    /// At least one watch lost its connection; `retry_at` is when it tries again.
    Disconnected {
        error: String,
        retry_at: Timestamp,
        since: Timestamp,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// A one-line message under the table, gone after a few seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    pub text: String,
    pub level: Level,
    pub until: Timestamp,
}

/// A live table of one resource type.
#[derive(Debug)]
pub struct TablePage {
    pub rt: ResourceType,
    pub namespaces: Namespaces,
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
    /// Only rows with an owner reference to this uid (drill-down along ownership).
    pub owner_uid: Option<String>,
    /// What this table is a drill-down of (`deployment/web`), for the title.
    pub context: Option<String>,
    /// One watch per namespace (or one for all).
    pub watches: Vec<Id>,
    pub store: RowStore,
    pub filter_text: String,
    pub filter: Filter,
    pub sort: Sort,
    pub cursor: usize,
    /// First row on screen.
    pub offset: usize,
    /// Keys (namespace/name) of marked rows.
    pub marked: BTreeSet<String>,
    pub wide: bool,
    /// The server refused the watch (forbidden, unknown type).
    pub error: Option<String>,
    /// Key of the row under the cursor, kept across refreshes so the cursor stays on it.
    pub cursor_key: Option<Box<str>>,
    /// Rows that fit on screen, from the last layout (for paging).
    pub page_rows: usize,
    /// Names of columns kx computes (node allocation) and their cells by row key.
    pub extra_columns: Vec<String>,
    pub extras: std::collections::HashMap<String, Vec<String>>,
    /// When the extras were last asked for.
    pub extras_at: Option<Timestamp>,
}

impl TablePage {
    pub fn new(rt: ResourceType, namespaces: Namespaces) -> TablePage {
        TablePage {
            rt,
            namespaces,
            label_selector: None,
            field_selector: None,
            owner_uid: None,
            context: None,
            watches: Vec::new(),
            store: RowStore::default(),
            filter_text: String::new(),
            filter: Filter::None,
            sort: Sort::default(),
            cursor: 0,
            offset: 0,
            marked: BTreeSet::new(),
            wide: false,
            error: None,
            cursor_key: None,
            page_rows: 20,
            extra_columns: Vec::new(),
            extras: std::collections::HashMap::new(),
            extras_at: None,
        }
    }

    /// The columns on screen, in order.
    pub fn shown(&self) -> Vec<Shown> {
        let mut out = Vec::new();
        if self.rt.namespaced && self.namespaces.single().is_none() {
            out.push(Shown::Namespace);
        }
        for (i, c) in self.store.columns.iter().enumerate() {
            if c.priority != 0 && !self.wide {
                continue;
            }
            if c.name.eq_ignore_ascii_case("age") {
                out.push(Shown::Age(i));
            } else {
                out.push(Shown::Cell(i));
            }
        }
        out.extend((0..self.extra_columns.len()).map(Shown::Extra));
        out
    }

    /// The object under the cursor.
    pub fn selected(&self) -> Option<ObjRef> {
        let row = self.store.view_row(self.cursor)?;
        Some(ObjRef {
            rt: self.rt.clone(),
            namespace: row.namespace().map(str::to_string),
            name: row.name().to_string(),
        })
    }

    /// The marked objects, or the one under the cursor when none is marked.
    pub fn targets(&self) -> Vec<ObjRef> {
        if self.marked.is_empty() {
            return self.selected().into_iter().collect();
        }
        self.marked
            .iter()
            .filter_map(|k| self.store.get(k))
            .map(|row| ObjRef {
                rt: self.rt.clone(),
                namespace: row.namespace().map(str::to_string),
                name: row.name().to_string(),
            })
            .collect()
    }

    /// `pods`, `deployments.apps`, for titles.
    pub fn title(&self) -> String {
        self.rt.plural.clone()
    }
}

/// A page of the stack.
#[derive(Debug)]
pub enum Page {
    Table(Box<TablePage>),
    Text(Box<TextPage>),
    Logs(Box<LogPage>),
    Editor(Box<EditorPage>),
    Xray(Box<XrayPage>),
    Help,
    /// `:pf`, the running port forwards.
    PortForwards(super::portforward::ListPage),
}

impl Page {
    /// The breadcrumb for this page.
    pub fn crumb(&self) -> String {
        match self {
            Page::Table(t) => match &t.context {
                Some(c) => format!("{} ({c})", t.title()),
                None => t.title(),
            },
            Page::Text(t) => t.title.clone(),
            Page::Logs(l) => format!("logs {}", l.title),
            Page::Editor(e) => format!("edit {}", e.target.display()),
            Page::Xray(x) => format!("xray {}", x.title),
            Page::Help => "help".into(),
            Page::PortForwards(_) => "port-forwards".into(),
        }
    }
}

/// What a confirm dialog will do on yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Delete { targets: Vec<ObjRef> },
    Restart { targets: Vec<ObjRef> },
    Undo { target: ObjRef, revision: i64 },
    Apply { id: Id, target: ObjRef, text: String },
    LeaveEditor,
    Quit,
    StopPortForward { id: Id },
}

/// A yes/no question, with delete's options.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub message: Vec<String>,
    pub pending: Pending,
    /// 0 = yes, 1 = no; destructive dialogs start on no.
    pub focus: usize,
    /// Delete options, toggled with `g` and `f`.
    pub grace_zero: bool,
    pub force: bool,
    pub danger: bool,
}

/// A one-line input (scale replicas, save path).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub title: String,
    pub label: String,
    pub value: String,
    pub purpose: InputPurpose,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    Scale { targets: Vec<ObjRef> },
    SaveLogs,
}

/// A list to choose from.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub title: String,
    /// Shown lines; `values[i]` is what choosing line i means.
    pub items: Vec<String>,
    pub values: Vec<String>,
    pub selected: usize,
    pub purpose: PickPurpose,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickPurpose {
    /// Open logs of the chosen container (value: container name, or "" for all).
    Logs {
        pod: ObjRef,
        previous: bool,
    },
    Shell {
        pod: ObjRef,
    },
    /// Roll back to the chosen revision (value: revision number).
    Undo {
        target: ObjRef,
    },
    Context,
    Namespace,
    /// Switch the open log view to the chosen container.
    LogContainer,
}

/// What floats over the page and gets keys first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Command(Prompt),
    Filter(Prompt),
    Confirm(Confirm),
    Input(Input),
    Picker(Picker),
    PortForward(Box<super::portforward::Dialog>),
}

pub struct Model {
    pub info: Info,
    pub server_version: Option<String>,
    pub version: &'static str,
    pub readonly: bool,
    pub theme: Theme,
    pub config: Config,
    /// Resource types the server offers (the built-in catalog until discovery answers).
    pub types: Vec<ResourceType>,
    pub discovered: bool,
    /// The namespaces new tables show.
    pub namespaces: Namespaces,
    pub stack: Vec<Page>,
    /// First help entry on screen (help scrolls when the bindings do not fit).
    pub help_offset: usize,
    pub overlay: Option<Overlay>,
    pub conn: Conn,
    /// Watches whose last word was `Disconnected`: the banner stays until all are back.
    pub down: BTreeSet<Id>,
    pub flash: Option<Flash>,
    pub now: Timestamp,
    pub width: u16,
    pub height: u16,
    /// Command history, newest last.
    pub history: Vec<String>,
    /// When the last mouse click happened, to recognise a double click.
    pub last_click: Option<(Timestamp, u16)>,
    pub next_id: Id,
    pub quitting: bool,
    /// Running port forwards, oldest first.
    pub forwards: Vec<super::portforward::Forward>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("info", &self.info).field("stack", &self.stack.len()).finish_non_exhaustive()
    }
}

impl Model {
    pub fn new(info: Info, mut config: Config, theme: Theme, readonly: bool, now: Timestamp) -> Model {
        let namespaces = Namespaces::one(if info.namespace.is_empty() { "default" } else { &info.namespace });
        // `--readonly` holds on every context, as `ui.readonly` does.
        config.readonly |= readonly;
        let readonly = config.enter_context(&info.context);
        Model {
            info,
            server_version: None,
            version: env!("CARGO_PKG_VERSION"),
            readonly,
            theme,
            config,
            types: crate::k8s::catalog::builtin().to_vec(),
            discovered: false,
            namespaces,
            stack: Vec::new(),
            help_offset: 0,
            overlay: None,
            conn: Conn::Connecting,
            down: BTreeSet::new(),
            flash: None,
            now,
            width: 80,
            height: 24,
            history: Vec::new(),
            last_click: None,
            next_id: 1,
            quitting: false,
            forwards: Vec::new(),
        }
    }

    pub fn keymap(&self) -> &Keymap {
        &self.config.keymap
    }

    pub fn id(&mut self) -> Id {
        self.next_id += 1;
        self.next_id
    }

    pub fn top(&self) -> Option<&Page> {
        self.stack.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Page> {
        self.stack.last_mut()
    }

    pub fn table(&self) -> Option<&TablePage> {
        match self.stack.last() {
            Some(Page::Table(t)) => Some(t),
            _ => None,
        }
    }

    pub fn table_mut(&mut self) -> Option<&mut TablePage> {
        match self.stack.last_mut() {
            Some(Page::Table(t)) => Some(t),
            _ => None,
        }
    }

    pub fn flash(&mut self, level: Level, text: impl Into<String>) {
        let secs = if level == Level::Error { 8 } else { 4 };
        self.flash = Some(Flash { text: text.into(), level, until: self.now + jiff::SignedDuration::from_secs(secs) });
    }

    /// Find the resource type a name refers to (`po`, `deploy`, `deployments.apps`, a CRD).
    pub fn resolve(&self, name: &str) -> Option<ResourceType> {
        let d = crate::client::discovery::Discovery { types: self.types.clone() };
        d.resolve(name).ok().and_then(|v| v.into_iter().next().cloned())
    }
}
