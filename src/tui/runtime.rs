//! The event loop, generic over the ratatui backend so tests drive the real app on a
//! `TestBackend`: `tokio::select!` over terminal events, the bounded message channel that
//! watches and requests answer on, and a one-second tick. Bursts are drained before a frame
//! is drawn, so 500 watch events cost one refresh and one frame, not 500.

use std::io;
use std::time::Duration;

use crossterm::event::Event;
use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;

use super::model::Model;
use super::msg::{Cmd, Msg};
use super::update::update;

/// Capacity of the message channel: watches block (and so slow down) rather than queue
/// without bound when the loop falls behind.
pub const CHANNEL: usize = 256;

/// Most messages handled between two frames.
const BATCH: usize = 1024;

/// The terminal side the loop needs besides drawing.
pub trait Host {
    /// A fresh stream of terminal events (the previous one is dropped before suspending, so
    /// a child process gets every key).
    fn events(&mut self) -> BoxStream<'static, io::Result<Event>>;
    /// Give the terminal to a child job (leave the alternate screen).
    fn suspend(&mut self) -> io::Result<()>;
    /// Take it back.
    fn resume(&mut self) -> io::Result<()>;
}

/// Carries out commands; results come back on the message channel.
pub trait Executor {
    fn execute(&mut self, cmd: Cmd);
    /// Run a job that needs the terminal (shell, `$EDITOR`) while the TUI is suspended.
    fn suspended(&mut self, cmd: Cmd) -> BoxFuture<'_, Msg>;
}

fn io_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

pub fn event_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) => Some(Msg::Key(k)),
        Event::Mouse(m) => Some(Msg::Mouse(m, jiff::Timestamp::now())),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::FocusGained | Event::FocusLost => None,
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, model: &Model) -> io::Result<()> {
    terminal.draw(|f| f.render_widget(model, f.area())).map_err(io_err)?;
    Ok(())
}

/// Run until the user quits. `initial` are the commands of the first page.
pub async fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    model: &mut Model,
    initial: Vec<Cmd>,
    host: &mut dyn Host,
    exec: &mut dyn Executor,
    rx: &mut mpsc::Receiver<Msg>,
) -> io::Result<()> {
    let size = terminal.size().map_err(io_err)?;
    let mut queue: Vec<Msg> = vec![Msg::Resize(size.width, size.height)];
    for cmd in initial {
        exec.execute(cmd);
    }
    let mut events = host.events();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        for msg in std::mem::take(&mut queue) {
            for cmd in update(model, msg) {
                match cmd {
                    Cmd::Quit => return Ok(()),
                    cmd @ (Cmd::Shell { .. } | Cmd::ExternalEdit { .. }) => {
                        drop(events);
                        host.suspend()?;
                        let msg = exec.suspended(cmd).await;
                        host.resume()?;
                        // Redraw everything at the size the terminal has now (the window may
                        // have changed meanwhile). `resize` clears without `clear`'s cursor
                        // position query, which a terminal that does not answer it turns
                        // into a two-second stall and an error.
                        let size = terminal.size().map_err(io_err)?;
                        terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height)).map_err(io_err)?;
                        queue.push(Msg::Resize(size.width, size.height));
                        events = host.events();
                        queue.push(msg);
                    }
                    other => exec.execute(other),
                }
            }
        }
        if !queue.is_empty() {
            continue;
        }
        update(model, Msg::Prepare);
        draw(terminal, model)?;
        let first = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(e)) => event_msg(e),
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            m = rx.recv() => m,
            _ = tick.tick() => Some(Msg::Tick(jiff::Timestamp::now())),
        };
        queue.extend(first);
        while queue.len() < BATCH {
            match rx.try_recv() {
                Ok(m) => queue.push(m),
                Err(_) => break,
            }
        }
    }
}
