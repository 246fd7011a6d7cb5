//! Long output on a terminal goes through the reader's pager, as git and man do.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

/// Used when `PAGER` is not set: `-R` shows our colours, `-F` quits at once when the text
/// fits the screen, and `-X` leaves the text on the screen after quitting.
pub const DEFAULT_PAGER: &str = "less -R -F -X";

/// LESS for the pager when the reader has not set it: `-F`, `-R` and `-X` as above.
pub const LESS_DEFAULT: &str = "FRX";

/// The pager to run: `$PAGER`, the default when it is unset, or none when it is empty.
pub fn pager_command(pager_env: Option<&str>) -> Option<String> {
    match pager_env {
        None => Some(DEFAULT_PAGER.to_string()),
        Some(pager) if pager.trim().is_empty() => None,
        Some(pager) => Some(pager.to_string()),
    }
}

/// Output is paged only on a terminal, and only when it would not fit on the screen.
pub fn needs_paging(text: &str, screen_height: Option<usize>) -> bool {
    screen_height.is_some_and(|height| text.lines().count() >= height)
}

/// Runs `command` through the shell, as git runs `$PAGER`, and feeds it `text`. A reader
/// who quits the pager early has seen what they wanted: that is not an error.
pub fn page(command: &str, text: &str) -> anyhow::Result<()> {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command).stdin(Stdio::piped());
    // As git does: a bare `PAGER=less` then shows colours, not escape codes, and quits at
    // once when the text fits. A reader's own LESS is left alone.
    if std::env::var_os("LESS").is_none() {
        shell.env("LESS", LESS_DEFAULT);
    }
    let mut child = shell
        .spawn()
        .map_err(|_| PagerMissing(command.to_string()))?;
    let mut stdin = child.stdin.take().expect("the pager's stdin is piped");
    let written = stdin.write_all(text.as_bytes());
    drop(stdin);
    let status = child
        .wait()
        .with_context(|| format!("the pager `{command}` failed"))?;
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            return Err(error).context("cannot write to the pager");
        }
        _ => {}
    }
    // The shell says 126 or 127 when it could not run the command at all.
    if matches!(status.code(), Some(126 | 127)) {
        bail!(PagerMissing(command.to_string()));
    }
    Ok(())
}

/// The pager could not be run at all: nothing of the text was shown.
#[derive(Debug)]
pub struct PagerMissing(pub String);

impl std::fmt::Display for PagerMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "cannot start the pager `{}`: set PAGER to a pager that exists, or use --no-pager",
            self.0
        )
    }
}

impl std::error::Error for PagerMissing {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_comes_from_the_environment_with_less_as_default() {
        assert_eq!(pager_command(None).as_deref(), Some(DEFAULT_PAGER));
        assert_eq!(pager_command(Some("most")).as_deref(), Some("most"));
        assert_eq!(pager_command(Some("")), None);
    }

    #[test]
    fn only_text_taller_than_the_screen_is_paged() {
        let text = "line\n".repeat(30);
        assert!(needs_paging(&text, Some(24)));
        assert!(!needs_paging(&text, Some(40)));
        assert!(!needs_paging(&text, None));
    }

    #[test]
    fn a_missing_pager_is_an_error_and_an_early_quit_is_not() {
        let error = page("no-such-pager-here", "text\n").unwrap_err();
        assert!(format!("{error:#}").contains("cannot start the pager"));
        assert!(error.is::<PagerMissing>());
        page("head -c 1 >/dev/null", &"long text\n".repeat(100_000)).unwrap();
    }
}
