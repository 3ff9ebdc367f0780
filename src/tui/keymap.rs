//! Key bindings: every action the TUI offers, its default keys, and the config file's
//! rebinding (`[keys] delete = "ctrl-d"`). A key may be bound to several actions; `update`
//! takes the first that applies where the user is (`s` scales a deployment and opens a
//! shell in a pod).

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with modifiers, normalised so `G` and `shift-g` are one binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // Terminals report `G` with or without SHIFT; the character says it all.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    pub fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Parse `ctrl-d`, `shift-up`, `G`, `enter`, `space`, `f1`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, n) = if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") || lower.starts_with("shift+") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == n {
                break;
            }
            mods |= m;
            rest = &rest[n..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().expect("checked"))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                            mods.remove(KeyModifiers::SHIFT);
                            KeyCode::Char(c.to_ascii_uppercase())
                        } else {
                            KeyCode::Char(c)
                        }
                    }
                    _ => return Err(format!("unknown key {s:?}")),
                }
            }
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("backtab"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// Where an action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Table,
    Text,
    Logs,
    Editor,
}

macro_rules! actions {
    ($($variant:ident, $name:literal, $scope:ident, [$($key:literal),*], $help:literal;)*) => {
        /// Everything a key can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant,)* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in the config file's `[keys]` table.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            pub fn scope(self) -> Scope {
                match self { $(Action::$variant => Scope::$scope,)* }
            }

            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => $help,)* }
            }

            fn default_keys(self) -> &'static [&'static str] {
                match self { $(Action::$variant => &[$($key),*],)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Quit, "quit", Global, ["ctrl-c"], "Quit kx";
    Help, "help", Global, ["?"], "Show the key bindings in effect";
    Command, "command", Global, [":"], "Command prompt (:pods, :ns, :ctx, :q)";
    Back, "back", Global, ["esc"], "Back along the breadcrumbs";
    QuitOrBack, "quit_or_back", Global, ["q"], "Back; quits on the first view";
    Up, "up", Global, ["up", "k"], "Move up";
    Down, "down", Global, ["down", "j"], "Move down";
    PageUp, "page_up", Global, ["pgup", "ctrl-b"], "Page up";
    PageDown, "page_down", Global, ["pgdn", "ctrl-f"], "Page down";
    Top, "top", Global, ["home", "g"], "Go to the top";
    Bottom, "bottom", Global, ["end", "G"], "Go to the bottom";
    Left, "left", Global, ["left"], "Scroll left";
    Right, "right", Global, ["right"], "Scroll right";
    Filter, "filter", Table, ["/"], "Filter: text, regex, !inverse, -f fuzzy, -l labels, col:value";
    Enter, "enter", Table, ["enter"], "Drill down (owner → pods, node → pods, …)";
    Describe, "describe", Table, ["d"], "Describe";
    Yaml, "yaml", Table, ["y"], "View YAML";
    Edit, "edit", Table, ["e"], "Edit in kx's editor";
    EditExternal, "edit_external", Table, ["E"], "Edit in $EDITOR";
    Delete, "delete", Table, ["ctrl-d"], "Delete (marked rows too)";
    Kill, "kill", Table, ["ctrl-k"], "Delete now (grace period 0, force)";
    Scale, "scale", Table, ["s"], "Scale";
    Shell, "shell", Table, ["s"], "Shell into the pod's container";
    PortForward, "port_forward", Table, ["F"], "Port-forward a pod, workload or service (also read-only)";
    Restart, "restart", Table, ["r"], "Rollout restart";
    Undo, "undo", Table, ["u"], "Rollout history and undo to a revision";
    Logs, "logs", Table, ["l"], "Logs";
    PreviousLogs, "previous_logs", Table, ["p"], "Logs of the previous container";
    Xray, "xray", Table, ["x"], "Owner tree (xray)";
    Mark, "mark", Table, ["space"], "Mark the row for bulk actions";
    ClearMarks, "clear_marks", Table, ["ctrl-u"], "Clear the marks";
    AllNamespaces, "all_namespaces", Table, ["0"], "All namespaces";
    Favourite1, "favourite_1", Table, ["1"], "Favourite namespace 1";
    Favourite2, "favourite_2", Table, ["2"], "Favourite namespace 2";
    Favourite3, "favourite_3", Table, ["3"], "Favourite namespace 3";
    Favourite4, "favourite_4", Table, ["4"], "Favourite namespace 4";
    Favourite5, "favourite_5", Table, ["5"], "Favourite namespace 5";
    Favourite6, "favourite_6", Table, ["6"], "Favourite namespace 6";
    Favourite7, "favourite_7", Table, ["7"], "Favourite namespace 7";
    Favourite8, "favourite_8", Table, ["8"], "Favourite namespace 8";
    Favourite9, "favourite_9", Table, ["9"], "Favourite namespace 9";
    SortName, "sort_name", Table, ["N"], "Sort by name (again: reverse)";
    SortAge, "sort_age", Table, ["A"], "Sort by age";
    SortStatus, "sort_status", Table, ["S"], "Sort by status";
    SortRestarts, "sort_restarts", Table, ["T"], "Sort by restarts";
    SortNext, "sort_next", Table, [">"], "Sort by the next column";
    SortPrev, "sort_prev", Table, ["<"], "Sort by the previous column";
    Wide, "wide", Table, ["ctrl-w"], "Show all columns (wide)";
    Search, "search", Text, ["/"], "Search";
    NextMatch, "next_match", Text, ["n"], "Next match";
    PrevMatch, "prev_match", Text, ["N"], "Previous match";
    Wrap, "wrap", Text, ["w"], "Wrap long lines";
    Follow, "follow", Logs, ["f"], "Follow (autoscroll)";
    Timestamps, "timestamps", Logs, ["t"], "Timestamps";
    Since, "since", Logs, ["S"], "Since: cycle all, 1m, 5m, 15m, 1h";
    Tail, "tail", Logs, ["T"], "Tail: cycle 100, 500, 1000, all";
    Previous, "previous", Logs, ["p"], "Previous container";
    Containers, "containers", Logs, ["c"], "Pick a container";
    AllContainers, "all_containers", Logs, ["a"], "All containers";
    Json, "json", Logs, ["J"], "Pretty-print JSON lines";
    Save, "save", Logs, ["ctrl-s"], "Save to a file";
    Clear, "clear", Logs, ["ctrl-l"], "Clear the buffer";
    EditorSave, "editor_save", Editor, ["ctrl-s"], "Review the diff, then apply";
    EditorQuit, "editor_quit", Editor, ["esc"], "Leave the editor";
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<Action, Vec<Key>>,
    by_key: HashMap<Key, Vec<Action>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let mut bindings = HashMap::new();
        for &a in Action::ALL {
            bindings.insert(a, a.default_keys().iter().map(|k| Key::parse(k).expect("default keys parse")).collect());
        }
        let mut k = Keymap { bindings, by_key: HashMap::new() };
        k.reindex();
        k
    }
}

impl Keymap {
    fn reindex(&mut self) {
        self.by_key.clear();
        for &a in Action::ALL {
            for key in self.bindings.get(&a).into_iter().flatten() {
                self.by_key.entry(*key).or_default().push(a);
            }
        }
    }

    /// Replace an action's keys.
    pub fn bind(&mut self, action: Action, keys: Vec<Key>) {
        self.bindings.insert(action, keys);
        self.reindex();
    }

    /// Actions bound to `key`, in declaration order.
    pub fn actions(&self, key: Key) -> &[Action] {
        self.by_key.get(&key).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// `ctrl-d` for hints; the first key bound.
    pub fn hint(&self, action: Action) -> Option<String> {
        self.keys(action).first().map(|k| format!("<{k}>"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_parse_reads_modifiers_names_and_case() {
        assert_eq!(Key::parse("ctrl-d"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("G"), Ok(Key::char('G')));
        assert_eq!(Key::parse("shift-g"), Ok(Key::char('G')));
        assert_eq!(Key::parse("space"), Ok(Key::char(' ')));
        assert_eq!(Key::parse("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert!(Key::parse("ctrl-dd").is_err());
    }

    #[test]
    fn key_from_terminal_event_ignores_shift_on_characters() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::char('G'));
    }

    #[test]
    fn keymap_shares_s_between_scale_and_shell() {
        let k = Keymap::default();
        assert_eq!(k.actions(Key::char('s')), &[Action::Scale, Action::Shell]);
    }

    #[test]
    fn keymap_rebinding_moves_the_action() {
        let mut k = Keymap::default();
        k.bind(Action::Delete, vec![Key::char('D')]);
        assert!(k.actions(Key::ctrl('d')).is_empty());
        assert_eq!(k.actions(Key::char('D')), &[Action::Delete]);
    }

    #[test]
    fn key_display_round_trips() {
        for s in ["ctrl-d", "G", "space", "enter", "pgdn", "f1", "?"] {
            assert_eq!(Key::parse(s).expect("parses").to_string(), s);
        }
    }
}
