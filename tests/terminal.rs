//! What a reader sees on a real terminal: footcare run in a tmux pane, and the pane read
//! back as the terminal drew it, with and without its escape codes. The pager's part is
//! tested on a pseudo-terminal from util-linux `script`.
//!
//! tmux is a Debian package. Without it the tmux tests say so and pass, unless
//! FOOTCARE_SHELL_TESTS=1 (as in CI) makes them mandatory.

mod common;

use std::fs;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{on_path, sets_colour};
use unicode_width::UnicodeWidthStr;

const END: &str = "__footcare_ended__";

fn tmux_available() -> bool {
    common::programs_available(&["tmux"])
}

/// A tmux server of its own, with one pane `width` columns wide running `args`.
struct Pane {
    socket: String,
}

impl Pane {
    fn run(width: u16, height: u16, env: &[(&str, &str)], args: &str) -> Pane {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let socket = format!(
            "footcare-terminal-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let command = format!(
            "'{}' {args}; printf '\\n{END}\\n'; sleep 60",
            env!("CARGO_BIN_EXE_footcare")
        );
        let mut tmux = Command::new("tmux");
        tmux.args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "LANG=C.UTF-8",
                "HOME=/nonexistent",
            ])
            .arg("FOOTCARE_TOPICS_PATH=");
        let has_term = env.iter().any(|(name, _)| *name == "TERM");
        if !has_term {
            tmux.arg("TERM=xterm-256color");
        }
        for (name, value) in env {
            tmux.arg(format!("{name}={value}"));
        }
        let status = tmux.args(["sh", "-c", &command]).status().unwrap();
        assert!(status.success(), "tmux did not start");
        Pane { socket }
    }

    /// The pane as drawn, from the top of its history, lines that tmux wrapped joined
    /// again (so a line too wide for the pane shows as one line); with `-e`, its styles as
    /// escape codes.
    fn capture(&self, escapes: bool) -> String {
        let mut args = vec!["-L", &self.socket, "capture-pane", "-p", "-J", "-S", "-"];
        if escapes {
            args.push("-e");
        }
        let out = Command::new("tmux").args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &str) {
        let status = (Command::new("tmux"))
            .args(["-L", &self.socket, "send-keys", keys])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits until `shown` holds for what the pane shows.
    fn wait_for(&self, what: &str, shown: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.capture(false);
            if shown(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "never saw {what}:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// What footcare drew, once it has ended: the lines before the end marker.
    fn output(&self, escapes: bool) -> String {
        self.wait_for("the end of the output", |s| s.contains(END));
        let screen = self.capture(escapes);
        let end = screen.find(END).unwrap();
        screen[..end].trim_end().to_string()
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = (Command::new("tmux"))
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// footcare's output in a pane `width` columns wide, with no pager.
fn shown(width: u16, env: &[(&str, &str)], args: &str, escapes: bool) -> String {
    let mut env = env.to_vec();
    env.push(("PAGER", ""));
    Pane::run(width, 50, &env, args).output(escapes)
}

/// Whether an escape code in `text` turns on attribute `n` (1 bold, 4 underline), alone or
/// with others, as tmux combines them.
fn sets_attribute(text: &str, n: u8) -> bool {
    text.split("\x1b[").skip(1).any(|code| {
        let params = code.split('m').next().unwrap_or_default();
        params.split(';').any(|p| p.parse() == Ok(n))
    })
}

fn starts_with_closing_punctuation(line: &str) -> bool {
    let text = line.trim_start();
    let text = text.strip_prefix("• ").unwrap_or(text);
    // The emergency tier's own marker starts with `!` on purpose.
    let text = text
        .strip_prefix(footcare::render::EMERGENCY_MARKER)
        .unwrap_or(text);
    text.chars()
        .next()
        .is_some_and(|c| footcare::wrap::is_closing_punctuation(&c.to_string()))
}

#[test]
fn a_topic_fits_the_terminal_and_no_line_starts_with_punctuation() {
    if !tmux_available() {
        return;
    }
    let topics = [
        "plantar-fascia-release",
        "calf-strain",
        "gastrocnemius-release",
    ];
    for (topic, width) in topics
        .iter()
        .flat_map(|t| [20, 24, 37, 40, 50, 57, 100].map(|w| (t, w)))
    {
        let screen = shown(width, &[], &format!("show {topic}"), false);
        assert!(screen.contains("Disclaimer"), "{screen}");
        for line in screen.lines() {
            assert!(
                line.width() <= usize::from(width),
                "{topic} {width}: {line:?}"
            );
            assert!(
                !starts_with_closing_punctuation(line),
                "{topic} {width}: {line:?}"
            );
        }
    }
}

/// The words of `text`, in order, however it was wrapped.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| *w != "built-in")
        .map(str::to_string)
        .collect()
}

#[test]
fn list_search_and_check_wrap_to_the_terminal_between_words() {
    if !tmux_available() {
        return;
    }
    const WIDTH: u16 = 46;
    for args in [
        "list",
        "search nerve",
        "search --regex 'blood clot|DVT'",
        "check",
    ] {
        // Wide enough for the longest word, a built-in translation's file name.
        let screen = shown(WIDTH, &[], args, false);
        let piped = common::footcare().args(shell_words(args)).output().unwrap();
        let piped = String::from_utf8(piped.stdout).unwrap();
        assert!(
            piped.lines().any(|l| l.width() > usize::from(WIDTH)),
            "{args}: nothing to wrap"
        );
        for line in screen.lines() {
            assert!(
                line.width() <= usize::from(WIDTH),
                "{args}: {line:?} is wider than {WIDTH}"
            );
        }
        let continued = screen.lines().filter(|l| l.starts_with("    ")).count();
        assert!(continued > 0, "{args}: no hanging indent:\n{screen}");
        // Only the spacing changes: the same words, none cut in two.
        assert_eq!(words(&screen), words(&piped), "{args}:\n{screen}");
    }
}

/// `args` split as the shell in the pane splits them (only single quotes are used).
fn shell_words(args: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (index, part) in args.split('\'').enumerate() {
        if index % 2 == 1 {
            words.push(part.to_string());
        } else {
            words.extend(part.split_whitespace().map(str::to_string));
        }
    }
    words
}

#[test]
fn no_color_keeps_bold_and_underline_and_dumb_terminals_get_no_escapes() {
    if !tmux_available() {
        return;
    }
    let args = "show calf-strain --section warning-signs";
    let colour = shown(100, &[], args, true);
    assert!(sets_colour(&colour), "{colour:?}");
    let no_color = shown(100, &[("NO_COLOR", "1")], args, true);
    assert!(
        sets_attribute(&no_color, 1),
        "no bold with NO_COLOR: {no_color:?}"
    );
    assert!(
        sets_attribute(&no_color, 4),
        "no underline with NO_COLOR: {no_color:?}"
    );
    assert!(
        !sets_colour(&no_color),
        "colour with NO_COLOR: {no_color:?}"
    );
    for env in [
        &[("TERM", "dumb")][..],
        &[("NO_COLOR", "1"), ("TERM", "dumb")],
    ] {
        let bare = shown(100, env, args, true);
        assert!(!bare.contains('\x1b'), "{env:?}: {bare:?}");
        assert!(bare.contains("Warning signs"));
    }
    let never = shown(100, &[], &format!("{args} --color never"), true);
    assert!(!never.contains('\x1b'), "{never:?}");
}

#[test]
fn the_title_and_the_emergency_tier_stand_out_with_and_without_colour() {
    if !tmux_available() {
        return;
    }
    for env in [&[][..], &[("NO_COLOR", "1")], &[("TERM", "dumb")]] {
        let screen = shown(100, env, "show calf-strain", false);
        let lines: Vec<&str> = screen.lines().collect();
        assert_eq!(lines[0], "Calf strain", "{env:?}");
        assert_eq!(
            lines[1],
            "━".repeat("Calf strain".len()),
            "{env:?}: no rule under the title"
        );
        let emergency = lines
            .iter()
            .find(|l| l.contains("Call the emergency number now"));
        assert_eq!(
            emergency.copied(),
            Some("!! Call the emergency number now"),
            "{env:?}"
        );
        let urgent = lines
            .iter()
            .find(|l| l.contains("Call your doctor or surgeon now"));
        assert!(!urgent.unwrap().starts_with("!!"), "{env:?}");
    }
    let styled = shown(100, &[], "show calf-strain", true);
    let emergency = styled
        .lines()
        .find(|l| l.contains("Call the emergency number now"))
        .unwrap();
    assert!(sets_colour(emergency), "{emergency:?}");
    let section = styled.lines().find(|l| l.contains("Key points")).unwrap();
    let title = styled.lines().next().unwrap();
    assert_ne!(
        title.replace("Calf strain", ""),
        section.replace("Key points", ""),
        "the title is styled like a section heading"
    );
}

#[test]
fn a_plain_less_shows_colours_not_escape_codes() {
    if !tmux_available() || !on_path("less") {
        return;
    }
    let pane = Pane::run(80, 20, &[("PAGER", "less")], "show plantar-fascia-release");
    let screen = pane.wait_for("the pager", |s| s.contains("Plantar fascia release"));
    assert!(
        !screen.contains("ESC["),
        "less shows raw escapes:\n{screen}"
    );
    assert!(sets_colour(&pane.capture(true)), "no colour in less");
    pane.keys("q");
    pane.output(false);
}

/// Runs footcare on a pseudo-terminal through util-linux `script`, with `env` set, and
/// returns what it wrote there and its exit status.
fn on_a_pty(args: &str, env: &[(&str, &str)]) -> (String, Option<i32>) {
    let command = format!(
        "stty rows 10 cols 80; '{}' {args}",
        env!("CARGO_BIN_EXE_footcare")
    );
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("LESS");
    for (name, value) in env {
        script.env(name, value);
    }
    let output = script.output().expect("util-linux `script` runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code(),
    )
}

#[test]
fn with_no_pager_set_and_no_less_installed_the_text_is_shown() {
    // A folder whose only program is sh: no less, no pager at all.
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.path().join("sh")).unwrap();
    let command = format!(
        "stty rows 10 cols 80; PATH='{}' '{}' show calf-strain",
        bin.path().display(),
        env!("CARGO_BIN_EXE_footcare")
    );
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("PAGER")
        .output()
        .expect("util-linux `script` runs");
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{screen}");
    assert!(screen.contains("Disclaimer"), "{screen}");
    // A pager the reader chose and that cannot run is still an error.
    let (chosen, code) = on_a_pty("show calf-strain", &[("PAGER", "no-such-pager-here")]);
    assert_eq!(code, Some(1), "{chosen}");
    assert!(chosen.contains("cannot start the pager"), "{chosen}");
}

#[test]
fn color_never_reaches_help_and_usage_errors_too() {
    for args in ["bogus", "show", "--width x list", "list --help"] {
        let (styled, _) = on_a_pty(args, &[]);
        assert!(
            styled.contains('\x1b'),
            "{args}: clap styles nothing on a terminal?"
        );
        let (never, _) = on_a_pty(&format!("--color never {args}"), &[]);
        assert!(!never.contains('\x1b'), "{args}: {never:?}");
    }
}

#[test]
fn the_pager_gets_less_frx_unless_less_is_set_and_dumb_terminals_are_not_paged() {
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("less");
    let pager = format!(
        "printf '%s' \"$LESS\" > '{}'; cat >/dev/null",
        seen.display()
    );

    assert_eq!(
        on_a_pty("show calf-strain", &[("PAGER", &pager)]).1,
        Some(0)
    );
    assert_eq!(fs::read_to_string(&seen).unwrap(), "FRX");

    on_a_pty("show calf-strain", &[("PAGER", &pager), ("LESS", "-M")]);
    assert_eq!(
        fs::read_to_string(&seen).unwrap(),
        "-M",
        "the reader's LESS was changed"
    );

    fs::remove_file(&seen).unwrap();
    on_a_pty("show calf-strain", &[("PAGER", &pager), ("TERM", "dumb")]);
    assert!(!seen.exists(), "a dumb terminal was paged");
}

#[test]
fn export_will_not_pour_html_onto_a_terminal() {
    let (screen, code) = on_a_pty("export calf-strain", &[("FOOTCARE_TOPICS_PATH", "")]);
    assert_eq!(code, Some(1), "{screen}");
    assert_eq!(
        screen.replace("\r\n", "\n"),
        "error: not writing an HTML handout to the terminal\n  add -o FILE to write it to a \
         file, as in -o handout.html, or send it to one with > handout.html\n"
    );
    // Markdown is text to read, and is shown.
    let (screen, code) = on_a_pty(
        "export calf-strain --format markdown",
        &[("FOOTCARE_TOPICS_PATH", ""), ("PAGER", "")],
    );
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.starts_with("# Calf strain"), "{screen}");
}
