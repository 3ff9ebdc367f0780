//! The TUI end to end, as a person uses it: the real `kx --embedded` on a pseudo-terminal,
//! keys typed, the screen parsed by a terminal emulator (vt100) and asserted at each step,
//! and the terminal checked to be sane after quitting.

use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ROWS: u16 = 40;
const COLS: u16 = 160;
const DEADLINE: Duration = Duration::from_secs(60);

struct Screen {
    parser: vt100::Parser,
    reader: pty_process::OwnedReadPty,
    writer: pty_process::OwnedWritePty,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Read output until `pred` holds for the screen.
    async fn wait(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        let mut buf = [0u8; 8192];
        loop {
            if pred(&self.text()) {
                return;
            }
            assert!(start.elapsed() < DEADLINE, "waiting for {what}; the screen shows:\n{}", self.text());
            if let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(200), self.reader.read(&mut buf)).await {
                if n == 0 {
                    return;
                }
                self.parser.process(&buf[..n]);
            }
        }
    }

    async fn wait_for(&mut self, needle: &str) {
        let n = needle.to_string();
        self.wait(needle, move |s| s.contains(&n)).await;
    }

    /// Resize the terminal, as a person dragging the window does (the kernel sends SIGWINCH).
    fn resize(&mut self, rows: u16, cols: u16) {
        self.writer.resize(pty_process::Size::new(rows, cols)).expect("resize");
        self.parser
            .set_size(std::num::NonZeroU16::new(rows).expect("rows"), std::num::NonZeroU16::new(cols).expect("cols"));
    }

    async fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).await.expect("type");
        // A pause keeps Esc from merging with the next key into an Alt chord.
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// `kx --embedded` on a fresh pty, with the pty's termios from before it started.
struct Session {
    screen: Screen,
    child: tokio::process::Child,
    master_fd: i32,
    before: libc::termios,
    _home: tempfile::TempDir,
}

fn start() -> Session {
    let home = tempfile::tempdir().expect("tempdir");
    let (pty, pts) = pty_process::open().expect("pty");
    pty.resize(pty_process::Size::new(ROWS, COLS)).expect("size");
    let master_fd = pty.as_raw_fd();
    // SAFETY: termios is plain data, filled in by tcgetattr.
    let mut before: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid fd and a valid termios pointer.
    assert_eq!(unsafe { libc::tcgetattr(master_fd, &mut before) }, 0);
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_kx"));
    cmd.arg("--embedded")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("KUBECONFIG")
        .env("TERM", "xterm-256color");
    let cmd: pty_process::Command = cmd.into();
    let child = cmd.spawn(pts).expect("kx on a pty");
    let (reader, writer) = pty.into_split();
    let screen = Screen {
        parser: vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).expect("rows"),
            std::num::NonZeroU16::new(COLS).expect("cols"),
            0,
        ),
        reader,
        writer,
    };
    Session { screen, child, master_fd, before, _home: home }
}

impl Session {
    /// Wait for kx to exit, then check it succeeded and left the terminal as it found it.
    async fn assert_exits_and_restores(mut self) {
        let status = tokio::time::timeout(DEADLINE, self.child.wait()).await.expect("kx exits").expect("status");
        let s = &mut self.screen;
        // Drain what was written on the way out.
        let mut buf = [0u8; 8192];
        while let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(300), s.reader.read(&mut buf)).await {
            if n == 0 {
                break;
            }
            s.parser.process(&buf[..n]);
        }
        assert!(status.success(), "{status:?}; screen:\n{}", s.text());
        let screen = s.parser.screen();
        assert!(!screen.alternate_screen(), "the alternate screen was left");
        assert!(!screen.hide_cursor(), "the cursor is visible again");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting is off");
        assert!(!screen.bracketed_paste(), "bracketed paste is off");
        // SAFETY: termios is plain data, filled in by tcgetattr.
        let mut after: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: a valid fd and a valid termios pointer.
        assert_eq!(unsafe { libc::tcgetattr(self.master_fd, &mut after) }, 0);
        assert_eq!(
            after.c_lflag & (libc::ICANON | libc::ECHO | libc::ISIG),
            self.before.c_lflag & (libc::ICANON | libc::ECHO | libc::ISIG),
            "raw mode was undone"
        );
    }
}

#[tokio::test]
async fn tui_embedded_navigate_filter_drill_logs_edit_scale_quit() {
    let mut session = start();
    let s = &mut session.screen;

    // Start: the embedded cluster says so, and pods show.
    s.wait_for("embedded cluster").await;
    s.wait_for("pods(default)").await;
    s.wait_for("toolbox").await;

    // Navigate to deployments.
    s.send(":deploy").await;
    s.send("\r").await;
    s.wait("the demo deployments", |t| t.contains("deployments(default)[3]") && t.contains("worker")).await;

    // Filter.
    s.send("/web").await;
    s.wait("the filter in the title", |t| t.contains("</web>") && !t.contains("worker")).await;
    s.send("\r").await;

    // Drill into the deployment's pods.
    s.send("\r").await;
    s.wait("web's pods", |t| t.contains("deployment.apps/web") && t.contains("-l app=web")).await;
    s.send("\x1b").await;
    s.wait_for("deployments(default)").await;

    // Open the editor and leave it unchanged.
    s.send("e").await;
    s.wait("the editor", |t| t.contains("edit deployment.apps/web") && t.contains("replicas: 3")).await;
    s.send("\x1b").await;
    s.wait("the deployments again", |t| t.contains("deployments(default)") && !t.contains("edit deployment")).await;

    // Scale web to 5.
    s.send("s").await;
    s.wait_for("Replicas: 3").await;
    s.send("\x15").await; // ctrl-u clears the field
    s.send("5\r").await;
    s.wait("the scale to land", |t| t.contains("deployment.apps/web scaled") && t.contains("/5")).await;

    // Logs of the toolbox pod (a bare pod running a loop).
    s.send("\x1b").await;
    s.send(":po").await;
    s.send("\r").await;
    s.send("/toolbox").await;
    s.send("\r").await;
    s.wait_for("</toolbox>").await;
    s.send("l").await;
    s.wait("toolbox logs", |t| t.contains("logs toolbox") && t.contains("tick")).await;
    s.send("\x1b").await;
    s.wait_for("pods(default)").await;

    // Quit.
    s.send(":q\r").await;
    session.assert_exits_and_restores().await;
}

#[tokio::test]
async fn tui_embedded_sigterm_restores_the_terminal() {
    let mut session = start();
    session.screen.wait_for("pods(default)").await;
    let pid = session.child.id().expect("a running child") as i32;
    // SAFETY: signalling the child we started, by its pid.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    session.assert_exits_and_restores().await;
}

#[tokio::test]
async fn tui_embedded_shell_follows_terminal_resizes() {
    let mut session = start();
    let s = &mut session.screen;
    s.wait_for("pods(default)").await;
    s.send("/toolbox").await;
    s.send("\r").await;
    s.wait("the toolbox pod alone", |t| t.contains("</toolbox>") && t.contains("Running")).await;

    // A shell in the pod (the process runtime runs it on this machine), sized like the pty.
    s.send("s").await;
    s.wait_for("kx: shell in toolbox").await;
    s.send("stty size\r").await;
    s.wait_for(&format!("{ROWS} {COLS}")).await;

    // The window changes while the shell runs: the remote terminal follows, each time.
    for (rows, cols) in [(30u16, 100u16), (35, 120)] {
        s.resize(rows, cols);
        let want = format!("{rows} {cols}");
        let start = Instant::now();
        loop {
            s.send("stty size\r").await;
            let w = want.clone();
            let seen = tokio::time::timeout(Duration::from_secs(2), s.wait(&want, move |t| t.contains(&w))).await;
            if seen.is_ok() {
                break;
            }
            assert!(start.elapsed() < DEADLINE, "the shell never saw {want}; the screen shows:\n{}", s.text());
        }
    }

    // Leaving the shell brings the TUI back, drawn at the new size.
    s.send("exit\r").await;
    s.wait("the TUI again", |t| t.contains("shell in toolbox") && t.contains("ended") && t.contains("pods(default)"))
        .await;
    s.send(":q\r").await;
    session.assert_exits_and_restores().await;
}
