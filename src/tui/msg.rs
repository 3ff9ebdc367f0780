//! What flows into `update` ([`Msg`]: keys, mouse, ticks, watch events, answers to
//! requests) and what comes out of it ([`Cmd`]: effects for the runtime to carry out).
//! `update` never does I/O itself; every effect is a `Cmd`, and its outcome a `Msg`.

use std::path::PathBuf;

use crossterm::event::{KeyEvent, MouseEvent};
use jiff::Timestamp;
use serde_json::Value;

use crate::client::table_watch::{TableEvent, WatchSpec};
use crate::k8s::catalog::ResourceType;

/// Identifies a watch or a request, so late answers for a view that is gone are ignored.
pub type Id = u64;

/// One object of one type.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjRef {
    pub rt: ResourceType,
    pub namespace: Option<String>,
    pub name: String,
}

impl ObjRef {
    /// `deployment/web` (with the group for non-core kinds), as kubectl names objects.
    pub fn display(&self) -> String {
        format!("{}/{}", crate::client::get::kind_prefix(&self.rt), self.name)
    }
}

/// Why an object was fetched: what to do with it when it arrives.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    Describe,
    Yaml,
    Edit,
    EditExternal,
    /// Follow ownership/selection to the objects under it.
    Drill,
    /// Read the current replicas before asking for new ones.
    Scale,
    /// Pick a container, then open its logs.
    Logs {
        previous: bool,
    },
    /// Pick a container, then open a shell in it.
    Shell,
    /// Revisions of a workload, for the undo picker.
    History,
    Xray,
    /// Requests against allocatable for every node (the nodes table's extra columns).
    NodeAllocation,
    /// Read the declared ports, then open the port-forward dialog.
    PortForward,
}

/// What a fetch brought back.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Object(Value),
    Text(String),
    /// A workload's revisions, newest first.
    History(Vec<crate::client::rollout::RevisionEntry>),
    /// The objects of an owner tree, in no particular order.
    Tree(Vec<Value>),
    /// Extra cells per row key.
    Extras(std::collections::HashMap<String, Vec<String>>),
}

/// A log line, a followed stream's connection state, or the end of the log.
#[derive(Debug, Clone, PartialEq)]
pub enum LogEvent {
    /// Lines, each with the prefix of the pod/container it came from (empty for one).
    Lines(Vec<(String, String)>),
    /// The stream with this prefix lost its connection and retries after `retry_in`.
    Disconnected {
        prefix: String,
        error: String,
        retry_in: std::time::Duration,
    },
    /// The stream with this prefix is connected again and continues after its last line.
    Reconnected {
        prefix: String,
    },
    Ended(Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    /// A mouse event and when it happened (double clicks are told by time).
    Mouse(MouseEvent, Timestamp),
    Resize(u16, u16),
    Paste(String),
    /// The clock, once a second: ages tick, flashes expire.
    Tick(Timestamp),
    /// Bring derived state up to date before a frame is drawn (coalesces watch bursts).
    Prepare,
    Table {
        id: Id,
        event: TableEvent,
    },
    Discovered(Result<Vec<ResourceType>, String>),
    /// The server's version (`v1.33.0`), or why it could not be read.
    Version(Result<String, String>),
    Fetched {
        id: Id,
        target: ObjRef,
        purpose: Purpose,
        result: Result<Fetched, String>,
    },
    /// A command finished: a message for the flash line.
    Done(Result<String, String>),
    /// The server's answer to an editor apply: the new object, or its error.
    Applied {
        id: Id,
        result: Result<Value, String>,
    },
    Log {
        id: Id,
        event: LogEvent,
    },
    /// A suspended job (shell, $EDITOR) ended and the TUI is back.
    Resumed(Result<String, String>),
    /// `$EDITOR` finished: the edited text, to apply.
    Edited {
        target: ObjRef,
        original: String,
        edited: String,
    },
    /// SIGTERM, SIGHUP or SIGINT: quit through the normal path.
    Signal,
    /// Switched to another context.
    Switched(Result<super::model::Info, String>),
    /// News from a port forward (`target` as the user chose it, for messages).
    PortForward {
        id: Id,
        target: String,
        event: super::portforward::Event,
    },
}

/// Log options, as `kx logs` takes them.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRequest {
    pub pods: Vec<ObjRef>,
    /// `None` for all containers.
    pub container: Option<String>,
    pub follow: bool,
    pub previous: bool,
    pub tail: Option<i64>,
    pub since_seconds: Option<i64>,
    pub timestamps: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    Watch {
        id: Id,
        spec: WatchSpec,
    },
    Unwatch(Id),
    Discover,
    Version,
    Fetch {
        id: Id,
        target: ObjRef,
        purpose: Purpose,
    },
    Delete {
        targets: Vec<ObjRef>,
        grace_period: Option<i64>,
        force: bool,
    },
    Scale {
        target: ObjRef,
        replicas: i64,
    },
    Restart {
        target: ObjRef,
    },
    Undo {
        target: ObjRef,
        revision: i64,
    },
    /// Replace the object with the editor's text (after the user saw the diff).
    Apply {
        id: Id,
        target: ObjRef,
        text: String,
    },
    Logs {
        id: Id,
        request: LogRequest,
    },
    StopLogs(Id),
    /// Suspend the TUI and exec a shell in a container.
    Shell {
        pod: ObjRef,
        container: Option<String>,
    },
    /// Suspend the TUI and edit text in `$EDITOR`.
    ExternalEdit {
        target: ObjRef,
        text: String,
    },
    SaveFile {
        path: PathBuf,
        text: String,
    },
    SwitchContext(String),
    /// Start forwarding; it runs until `StopPortForward` or its pod goes away.
    PortForward {
        id: Id,
        namespace: String,
        target: String,
        request: crate::client::portforward::ForwardRequest,
    },
    StopPortForward(Id),
    Quit,
}
