use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use clap_complete::CompleteEnv;

use footcare::app::{Outcome, UsageError};
use footcare::cli::Cli;
use footcare::complete::typed_lang;
use footcare::hints::{add_tips, content_dir_in, option_in};
use footcare::load::headers_or_none;
use footcare::output::is_broken_pipe;
use footcare::sanitize::{sanitize, without_os_error_code};
use footcare::source::ContentSource;
use footcare::terminal::Terminal;

fn main() -> ExitCode {
    // A shell asking for completions gets them and nothing else.
    CompleteEnv::with_factory(Cli::command).complete();
    let args: Vec<OsString> = std::env::args_os().collect();
    // clap's own help and errors follow --color too, even on a line it refuses.
    let mut command = match option_in(&args, "--color")
        .as_ref()
        .and_then(|c| c.to_str())
    {
        Some("never") => Cli::command().color(clap::ColorChoice::Never),
        Some("always") => Cli::command().color(clap::ColorChoice::Always),
        _ => Cli::command(),
    };
    let parsed = command
        .try_get_matches_from_mut(&args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let mut error = error.format(&mut command);
            let content_dir = content_dir_in(&args);
            let named_folder = content_dir.is_some();
            add_tips(&mut error, named_folder, || {
                let source = ContentSource::from_environment(content_dir);
                headers_or_none(&source, typed_lang(&args))
            });
            return clap_exit(&error);
        }
    };
    // Not freed: dropping clap's command tree costs about 40,000 instructions, and the
    // process is about to end.
    std::mem::forget(command);
    let source = ContentSource::from_environment(cli.global.content_dir.clone());
    let terminal = Terminal::detect();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = footcare::app::run(&cli, &source, &terminal, &mut out, &mut io::stderr());
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Unsuccessful) => ExitCode::from(1),
        // The reader closed the pipe (`| head`): they have what they wanted.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Messages can quote content and what was typed: both are sanitised.
            let message = format!("{error:#}");
            report(&sanitize(without_os_error_code(&message)));
            if error.is::<UsageError>() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Ends as clap would for help, `--version` or a usage error, except that help or a
/// version that cannot be written (`--help >/dev/full`) is an error, not a success.
fn clap_exit(error: &clap::Error) -> ExitCode {
    match error.print() {
        Ok(()) => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2)),
        Err(write) if write.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(write) => {
            let reason = write.to_string();
            report(&format!(
                "cannot write the output: {}",
                without_os_error_code(&reason)
            ));
            ExitCode::FAILURE
        }
    }
}

fn report(message: &str) {
    // stderr may be closed too; there is nobody left to tell then.
    let _ = writeln!(io::stderr(), "error: {message}");
}
