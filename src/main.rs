use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use footcare::app::{Outcome, UsageError};
use footcare::cli::Cli;
use footcare::output::{is_broken_pipe, Terminal};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let terminal = Terminal::detect();
    let mut out = BufWriter::new(io::stdout().lock());
    match footcare::app::run(&cli, &terminal, &mut out, &mut io::stderr()) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NoMatch) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // stderr may be closed too; there is nobody left to tell then.
            let _ = writeln!(io::stderr(), "error: {error:#}");
            if error.is::<UsageError>() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
