use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use footcare::app::{Outcome, UsageError};
use footcare::cli::Cli;
use footcare::output::{is_broken_pipe, without_os_error_code, Terminal};

/// Names the content folder, like `--content-dir`; an empty value counts as unset.
const CONTENT_DIR_VAR: &str = "FOOTCARE_CONTENT_DIR";

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.global.content_dir.is_none() {
        cli.global.content_dir = std::env::var_os(CONTENT_DIR_VAR)
            .filter(|dir| !dir.is_empty())
            .map(Into::into);
    }
    let terminal = Terminal::detect();
    let mut out = BufWriter::new(io::stdout().lock());
    match footcare::app::run(&cli, &terminal, &mut out, &mut io::stderr()) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Unsuccessful) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // stderr may be closed too; there is nobody left to tell then.
            let message = format!("{error:#}");
            let _ = writeln!(io::stderr(), "error: {}", without_os_error_code(&message));
            if error.is::<UsageError>() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
