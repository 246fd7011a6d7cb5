//! Helpers shared by the whole-binary tests.
// Each test binary uses only some of these.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// footcare, with the environment variables that change its output cleared, so that each
/// test decides them itself.
pub fn footcare() -> Command {
    let mut cmd = Command::cargo_bin("footcare").unwrap();
    clear_output_settings(&mut cmd);
    // Only the built-in topics, whatever the machine's own clinic folder holds.
    cmd.env("FOOTCARE_TOPICS_PATH", "");
    // And no clinic profile from the machine's own configuration folder.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/footcare-tests");
    cmd
}

/// footcare run as the user `nobody`. The tests run as root, whom no permission bit
/// stops, so a folder this user cannot read or write can only be tried as another user.
pub fn footcare_as_nobody() -> Command {
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_footcare"));
    clear_output_settings(&mut cmd);
    cmd.env("HOME", "/nonexistent");
    cmd
}

/// Clears the environment variables that change footcare's output.
fn clear_output_settings(cmd: &mut Command) {
    for var in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "FOOTCARE_CONTENT_DIR",
        "PAGER",
        // The reader's language, which each test that needs one sets.
        "FOOTCARE_LANG",
        "LANGUAGE",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        cmd.env_remove(var);
    }
}

/// Whether a program can be run by name.
pub fn on_path(program: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether every one of `programs` can be run. Tests that need one that is missing say so
/// and pass, unless FOOTCARE_SHELL_TESTS is set (as in CI), which makes them mandatory.
pub fn programs_available(programs: &[&str]) -> bool {
    let missing: Vec<&&str> = programs.iter().filter(|p| !on_path(p)).collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("FOOTCARE_SHELL_TESTS").is_none(),
        "FOOTCARE_SHELL_TESTS is set but {missing:?} cannot be run"
    );
    eprintln!("skipped: {missing:?} not installed");
    false
}

/// A folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Whether `text` holds an escape code that sets a colour: a foreground or background
/// of the 8, 16, 256 or 24-bit kinds. Bold (1), italic (3), underline (4) and resets
/// set none.
pub fn sets_colour(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|code| {
        let params = code.split('m').next().unwrap_or_default();
        params
            .split(';')
            .any(|p| matches!(p.parse::<u8>(), Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)))
    })
}

/// A clinic folder, empty to start with, that footcare reads on top of the built-in topics.
pub struct Clinic {
    dir: tempfile::TempDir,
}

impl Clinic {
    pub fn new() -> Clinic {
        Clinic {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where `name` is, as footcare's messages show it.
    pub fn file(&self, name: &str) -> String {
        self.path().join(name).display().to_string()
    }

    /// Writes `text` to `name`, a path in the folder, making the folders it needs.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    /// footcare with this folder as the clinic's.
    pub fn footcare(&self) -> Command {
        let mut cmd = footcare();
        cmd.env("FOOTCARE_TOPICS_PATH", self.path());
        cmd
    }
}
