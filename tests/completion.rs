//! Completion in real shells, driven through tmux as a person types: a clinic's topic
//! whose aliases are shell code, and a folder whose name is, must never run as code when
//! completed and entered; safe names still complete.
//!
//! bash, zsh, fish, elvish and tmux are Debian packages. Without them these tests say so
//! and pass, unless FOOTCARE_SHELL_TESTS=1 (as in CI) makes them mandatory.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::fixture;

/// The prefixes typed before TAB: each is the start of one hostile alias in the fixture,
/// or (the last) of a hostile folder name.
const HOSTILE_PREFIXES: [&str; 12] = [
    "zz", "yy", "xx", "vv", "uu", "tt", "ss", "rr", "qq", "pp", "oo", "nn",
];
const HOSTILE_FOLDER: &str = "ww$(touch pwned-folder)";

fn bin_dir() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_footcare")).parent().unwrap()
}

/// Whether `shells` and tmux can be run, as [`common::programs_available`] says.
fn shells_available(shells: &[&str]) -> bool {
    let mut programs = shells.to_vec();
    programs.push("tmux");
    common::programs_available(&programs)
}

/// An interactive shell in a tmux session of its own, in `dir`, with footcare on PATH and
/// the fixture's topics as the clinic folder.
struct Session {
    socket: String,
    dir: tempfile::TempDir,
}

impl Session {
    fn start(shell: &[&str]) -> Session {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(HOSTILE_FOLDER)).unwrap();
        // A server of its own: tests run at once, and two sessions on one server would
        // take each other's keys.
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "footcare-test-{}-{}-{}",
            std::process::id(),
            shell[0],
            SESSIONS.fetch_add(1, Ordering::Relaxed)
        );
        let path = format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap());
        let home = dir.path().join("home");
        fs::create_dir(&home).unwrap();
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "150",
                "-y",
                "40",
            ])
            .args(["-c", dir.path().to_str().unwrap()])
            .args(["env", "-i"])
            .arg(format!("PATH={path}"))
            .arg(format!("HOME={}", home.display()))
            .arg("TERM=xterm-256color")
            .arg("LANG=C.UTF-8")
            .arg(format!(
                "FOOTCARE_TOPICS_PATH={}",
                fixture("hostile-names").display()
            ))
            .args(shell)
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start {shell:?}");
        Session { socket, dir }
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Types `text` literally.
    fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs `command` and waits until the shell has finished it and printed `marker`.
    fn run(&self, command: &str, marker: &str) {
        let command = if command.is_empty() {
            format!("echo {marker}")
        } else {
            format!("{command}; echo {marker}")
        };
        self.type_text(&command);
        self.keys(&["Enter"]);
        self.wait_for_line(marker);
    }

    /// Waits for a line that is exactly `line` (not the command that echoes it).
    fn wait_for_line(&self, line: &str) {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.lines().any(|l| l.trim_end() == line) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no line {line:?} on the screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Types `typed`, presses TAB twice (so that a list is shown too), then Enter twice
    /// (a shell showing a menu of candidates takes the first to accept one), and waits
    /// for the command to end.
    fn complete_and_enter(&self, typed: &str, step: usize) {
        self.type_text(typed);
        for key in ["Tab", "Tab", "Enter", "Enter"] {
            self.keys(&[key]);
            sleep(Duration::from_millis(150));
        }
        self.run("", &format!("done-{step}"));
    }

    fn pwned(&self) -> Vec<String> {
        fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("pwned"))
            .collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// In `shell`, completing each hostile prefix and pressing Enter runs nothing, and a safe
/// alias of the same topic still completes in full.
fn hostile_names_never_run(shell: &[&str], setup: &str) {
    let session = Session::start(shell);
    session.run(setup, "ready");
    for (step, prefix) in HOSTILE_PREFIXES.iter().enumerate() {
        session.complete_and_enter(&format!("footcare --no-pager show {prefix}"), step);
    }
    session.complete_and_enter("footcare --no-pager --content-dir ww", 100);
    session.complete_and_enter("footcare --no-pager show ga", 101);
    assert_eq!(session.pwned(), Vec::<String>::new(), "{shell:?} ran code");

    session.run("clear", "cleared");
    session.type_text("footcare show safe-al");
    session.keys(&["Tab"]);
    let started = Instant::now();
    while !session.screen().contains("footcare show safe-alias-name") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{shell:?} did not complete the safe alias:\n{}",
            session.screen()
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn completing_hostile_names_runs_nothing_in_bash() {
    if shells_available(&["bash"]) {
        hostile_names_never_run(
            &["bash", "--norc", "--noprofile", "-i"],
            "source <(footcare completions bash)",
        );
    }
}

#[test]
fn completing_hostile_names_runs_nothing_in_zsh() {
    if shells_available(&["zsh"]) {
        hostile_names_never_run(
            &["zsh", "-f", "-i"],
            "autoload -U compinit && compinit -u && source <(footcare completions zsh)",
        );
    }
}

#[test]
fn completing_hostile_names_runs_nothing_in_fish() {
    if shells_available(&["fish"]) {
        hostile_names_never_run(
            &["fish", "--no-config", "-i"],
            "footcare completions fish | source",
        );
    }
}

#[test]
fn completing_hostile_names_runs_nothing_in_elvish() {
    if shells_available(&["elvish"]) {
        hostile_names_never_run(
            &["elvish", "-norc"],
            "eval (footcare completions elvish | slurp)",
        );
    }
}

/// One TAB after the start of a slug completes the whole slug: aliases that share the
/// start are not offered beside it. With no slug to match, an alias completes.
#[test]
fn one_tab_completes_a_slug_in_bash() {
    if !shells_available(&["bash"]) {
        return;
    }
    let session = Session::start(&["bash", "--norc", "--noprofile", "-i"]);
    session.run("source <(footcare completions bash)", "ready");
    for (step, (typed, whole)) in [
        ("footcare show pla", "footcare show plantar-fascia-release"),
        ("footcare show gas", "footcare show gastrocnemius-release"),
        ("footcare export cal", "footcare export calf-strain"),
        ("footcare show baum", "footcare show baumann-procedure"),
    ]
    .into_iter()
    .enumerate()
    {
        session.run("clear", &format!("cleared-{step}"));
        session.type_text(typed);
        session.keys(&["Tab"]);
        let started = Instant::now();
        while !session
            .screen()
            .lines()
            .any(|l| l.trim_end().ends_with(whole))
        {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "one TAB after {typed:?} did not give {whole:?}:\n{}",
                session.screen()
            );
            sleep(Duration::from_millis(50));
        }
        session.keys(&["C-u"]);
    }
}

/// PowerShell cannot be installed here, so its candidates are held to its rules for a
/// bare argument: none of its special characters, which include the curly quotes and
/// dashes it reads as quotes and as the start of a parameter.
#[test]
fn powershell_candidates_need_no_quoting() {
    let special = |c: char| {
        c.is_whitespace()
            || "`$@#(){}[],;|&<>'\"".contains(c)
            || ('\u{2018}'..='\u{201E}').contains(&c)
            || ('\u{2013}'..='\u{2015}').contains(&c)
    };
    for typed in ["", "zz", "g", "s"] {
        let out = common::footcare()
            .env("FOOTCARE_TOPICS_PATH", fixture("hostile-names"))
            .env("COMPLETE", "powershell")
            .args(["--", "footcare", "show", typed])
            .output()
            .unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        let values: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
        assert!(!values.is_empty() || typed == "zz", "nothing for {typed:?}");
        let footcare_option = |v: &str| {
            v.strip_prefix("--")
                .or_else(|| v.strip_prefix('-'))
                .is_some_and(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        };
        for value in values.into_iter().filter(|v| !footcare_option(v)) {
            assert!(
                !value.starts_with(['-', '\u{2013}', '\u{2014}', '\u{2015}'])
                    && !value.chars().any(special),
                "{value:?} needs quoting in PowerShell"
            );
        }
    }
}
