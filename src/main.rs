use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{CommandFactory, FromArgMatches};
use clap_complete::CompleteEnv;

use footcare::app::{Outcome, UsageError};
use footcare::cli::Cli;
use footcare::content::ContentSource;
use footcare::output::{is_broken_pipe, without_os_error_code, Terminal};
use footcare::sanitize::sanitize;

/// Whether stdout was closed when footcare started (`footcare list >&-`).
static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Before `main`, Rust's runtime quietly connects a closed stdout to /dev/null, and the
/// output would be lost without a word. This runs earlier, while the program is loaded, to
/// see whether stdout was really open.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NOTE_STDOUT_AT_START: extern "C" fn() = note_stdout_at_start;

#[cfg(target_os = "linux")]
extern "C" fn note_stdout_at_start() {
    if std::fs::symlink_metadata("/proc/self/fd/1").is_err() {
        STDOUT_CLOSED_AT_START.store(true, Ordering::Relaxed);
    }
}

fn main() -> ExitCode {
    // A shell asking for completions gets them and nothing else.
    CompleteEnv::with_factory(Cli::command).complete();
    if STDOUT_CLOSED_AT_START.load(Ordering::Relaxed) {
        let _ = writeln!(
            io::stderr(),
            "error: cannot write the output: stdout is closed"
        );
        return ExitCode::FAILURE;
    }
    let mut command = Cli::command();
    let cli = match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(mut matches) => Cli::from_arg_matches_mut(&mut matches)
            .unwrap_or_else(|error| error.format(&mut Cli::command()).exit()),
        Err(error) => error.exit(),
    };
    // Not freed: dropping clap's command tree costs about 40,000 instructions, and the
    // process is about to end.
    std::mem::forget(command);
    let source = ContentSource::from_environment(cli.global.content_dir.clone());
    let terminal = Terminal::detect();
    let mut out = BufWriter::new(io::stdout().lock());
    match footcare::app::run(&cli, &source, &terminal, &mut out, &mut io::stderr()) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Unsuccessful) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // stderr may be closed too; there is nobody left to tell then.
            // Messages can quote content and what was typed: both are sanitised.
            let message = format!("{error:#}");
            let message = sanitize(without_os_error_code(&message));
            let _ = writeln!(io::stderr(), "error: {message}");
            if error.is::<UsageError>() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
