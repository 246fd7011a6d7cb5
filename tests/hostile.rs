//! Hostile and odd topic files, and output that cannot be written: footcare answers each
//! clearly, never panics or hangs, never lets content reach the terminal as escape codes,
//! and keeps serving the good topics beside a bad one.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, footcare};
use tempfile::TempDir;

/// Files footcare must refuse, with the error each gets (after the folder).
const BAD: [(&str, &str); 11] = [
    (
        "invalid-yaml",
        "invalid-yaml.md:2: `title` must be text, not a list",
    ),
    (
        "never-ending",
        "never-ending.md:1: the front matter never ends",
    ),
    ("no-front-matter", "no-front-matter.md:1: no front matter"),
    (
        "wrong-types",
        "wrong-types.yaml:2: `summary` must be text, not a list",
    ),
    (
        "duplicate-keys",
        "duplicate-keys.yaml:5: `title` is given twice (first at line 1): keep one",
    ),
    ("invalid-utf8", "invalid-utf8.md:9: not UTF-8 text"),
    ("empty", "empty.md:1: no front matter"),
    (
        "alias-bomb",
        "alias-bomb.yaml:1: unknown field `a`: a topic's fields are",
    ),
    (
        "deep-yaml",
        "deep-yaml.yaml:2: YAML nested more than 64 levels deep",
    ),
    (
        "huge",
        "huge.md: larger than 1024 KiB, the limit for a topic file",
    ),
    (
        "outside-link",
        "outside-link.md: a link to a file outside the content folder",
    ),
];

/// Odd files that must simply work.
const GOOD: [&str; 6] = [
    "bom-crlf",
    "deep-lists",
    "deep-quotes",
    "escapes",
    "escapes-yaml",
    "good-topic",
];

/// No hostile file may take longer than this; a release build takes well under a second.
const PATIENCE: Duration = Duration::from_secs(10);

/// The committed corpus, plus what is better made on the spot: a 300 MiB file (sparse, so
/// it costs no disk) and a link to a topic outside the folder.
fn corpus() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture("hostile")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let huge = fs::File::create(dir.path().join("huge.md")).unwrap();
    huge.set_len(300 * 1024 * 1024).unwrap();
    std::os::unix::fs::symlink(
        fixture("clinic").join("sample-markdown.md"),
        dir.path().join("outside-link.md"),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let started = Instant::now();
    let output = footcare()
        .arg("--content-dir")
        .arg(dir)
        .args(args)
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert!(started.elapsed() < PATIENCE, "{args:?} took too long");
    (
        output.status.code(),
        output.stdout,
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// No escape sequence, bell or text-direction override that came from content.
fn assert_inert(bytes: &[u8], context: &str) {
    let text = String::from_utf8_lossy(bytes);
    for forbidden in ['\x1b', '\x07', '\u{9b}', '\u{202E}', '\u{2066}'] {
        assert!(
            !text.contains(forbidden),
            "{context}: {forbidden:?} in {text:?}"
        );
    }
}

#[test]
fn each_bad_file_gets_a_clear_error_naming_it() {
    let dir = corpus();
    for (slug, expected) in BAD {
        let (code, stdout, stderr) = run(dir.path(), &["show", slug]);
        assert_eq!(code, Some(1), "{slug}: {stderr}");
        assert!(stdout.is_empty(), "{slug} printed output");
        let wanted = format!("error: {}/{expected}", dir.path().display());
        assert!(
            stderr.starts_with(&wanted),
            "{slug}: {stderr:?}, wanted {wanted:?}"
        );
        assert_eq!(stderr.lines().count(), 1, "{slug}: {stderr}");
        assert_inert(stderr.as_bytes(), slug);
    }
}

#[test]
fn odd_but_valid_files_are_served_with_no_escape_codes_from_content() {
    let dir = corpus();
    for slug in GOOD {
        for args in [
            &["show", slug][..],
            &["show", slug, "--color", "never"],
            &["show", slug, "--format", "json"],
            &["show", slug, "--format", "markdown", "--front-matter"],
        ] {
            let (code, stdout, _) = run(dir.path(), args);
            assert_eq!(code, Some(0), "{args:?}");
            assert_inert(&stdout, &format!("{args:?}"));
        }
        let (code, styled, _) = run(dir.path(), &["show", slug, "--color", "always"]);
        assert_eq!(code, Some(0));
        let styled = String::from_utf8(styled).unwrap();
        for sequence in ["\x1b]", "\x1b[2J", "\x1b[H", "\x07", "\u{9b}", "\u{202E}"] {
            assert!(
                !styled.contains(sequence),
                "{slug}: {sequence:?} from content"
            );
        }
    }
    let (_, shown, _) = run(dir.path(), &["show", "escapes"]);
    let shown = String::from_utf8(shown).unwrap();
    assert!(
        shown.starts_with("Escapes \\x1b]0;pwned\\x07 in the title\n"),
        "{shown}"
    );
    assert!(shown.contains("Clipboard \\x1b]52;c;"), "{shown}");
    assert!(shown.contains("<U+202E>reversed<U+202C> text"), "{shown}");
    let (_, line_ends, _) = run(dir.path(), &["show", "bom-crlf", "-s", "overview"]);
    assert_eq!(
        String::from_utf8(line_ends).unwrap(),
        "Overview\nLine one line two.\n"
    );
}

#[test]
fn one_bad_file_never_hides_the_good_ones() {
    let dir = corpus();
    for args in [&["list"][..], &["search", "--regex", "."]] {
        let (code, stdout, stderr) = run(dir.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        let stdout = String::from_utf8(stdout).unwrap();
        for slug in ["good-topic", "bom-crlf", "escapes", "escapes-yaml"] {
            assert!(stdout.contains(slug), "{args:?} lost {slug}");
        }
        let warnings: Vec<&str> = stderr.lines().collect();
        assert_eq!(warnings.len(), BAD.len(), "{args:?}: {stderr}");
        for (slug, _) in BAD {
            assert!(
                warnings
                    .iter()
                    .any(|w| w.starts_with("warning: ") && w.contains(slug)),
                "{args:?}: no warning for {slug}"
            );
        }
        assert_inert(stdout.as_bytes(), "list");
        assert_inert(stderr.as_bytes(), "warnings");
    }
    let (code, stdout, _) = run(dir.path(), &["check"]);
    assert_eq!(code, Some(1));
    let stdout = String::from_utf8(stdout).unwrap();
    for (_, expected) in BAD {
        let (place, message) = expected.split_once(": ").unwrap();
        let wanted = format!("{}/{place}: error: {message}", dir.path().display());
        assert!(stdout.contains(&wanted), "check lost {wanted:?}:\n{stdout}");
    }
}

#[test]
fn a_full_disk_is_one_error_line_on_every_command() {
    let bin = env!("CARGO_BIN_EXE_footcare");
    for command in [
        "list",
        "show calf-strain",
        "search nerve",
        "check",
        "--help",
        "--version",
    ] {
        let output = Process::new("bash")
            .args(["-c", &format!("'{bin}' {command} >/dev/full")])
            .env_remove("FOOTCARE_CONTENT_DIR")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: cannot write the output: No space left on device\n",
            "{command}"
        );
    }
}

#[test]
fn a_stdout_closed_before_start_is_the_null_device_as_for_any_program() {
    let bin = env!("CARGO_BIN_EXE_footcare");
    for command in ["list", "show calf-strain", "--version"] {
        let output = Process::new("bash")
            .args(["-c", &format!("'{bin}' {command} >&-")])
            .env_remove("FOOTCARE_CONTENT_DIR")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{command}");
    }
}

#[test]
fn a_closed_pipe_is_a_normal_end_on_every_command() {
    for args in [
        &["list"][..],
        &["show", "calf-strain"],
        &["search", "a"],
        &["check"],
        &["show", "calf-strain", "--format", "json"],
    ] {
        let mut child = Process::new(env!("CARGO_BIN_EXE_footcare"))
            .args(args)
            .env_remove("FOOTCARE_CONTENT_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

#[test]
fn every_command_works_without_proc() {
    // Unmounting /proc needs a mount namespace of our own, which root can make.
    let can_unshare = Process::new("unshare")
        .args(["--mount", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !can_unshare {
        eprintln!("skipped: cannot make a mount namespace here");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_footcare");
    for command in ["--version", "list", "show calf-strain --section risks"] {
        let script = format!("umount -l /proc && '{bin}' {command}");
        let output = Process::new("unshare")
            .args(["--mount", "--propagation", "private", "sh", "-c", &script])
            .env_remove("FOOTCARE_CONTENT_DIR")
            .env("FOOTCARE_TOPICS_PATH", "")
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stdout.is_empty(), "{command}");
    }
}
