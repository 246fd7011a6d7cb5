//! Finding out where output goes, a terminal or not, and deciding how it looks there.

use std::io;

use crate::render::{Decoration, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set or TERM is dumb; CLICOLOR_FORCE forces it
    Auto,
    Always,
    Never,
}

/// What footcare needs to know about where its output goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terminal {
    pub stdout_is_tty: bool,
    /// Notes meant only for a person at a terminal go to stderr when it is one.
    pub stderr_is_tty: bool,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set, not empty and not `0`.
    pub clicolor_force: bool,
    /// `TERM=dumb`.
    pub dumb: bool,
    /// The width in columns of the terminal stdout goes to, if it goes to one.
    pub width: Option<usize>,
    /// Its height in lines.
    pub height: Option<usize>,
    /// The pager command for long terminal output, if any.
    pub pager: Option<String>,
}

/// Terminal output is wrapped to at most this many columns: longer lines are hard to read.
pub const MAX_WIDTH: usize = 100;
/// Used when styled output goes somewhere that has no width of its own.
pub const FALLBACK_WIDTH: usize = 80;
/// The narrowest footcare wraps to, so indented lists keep room for their words.
pub const MIN_WIDTH: usize = 20;

impl Terminal {
    pub fn detect() -> Terminal {
        use std::io::IsTerminal;
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let stdout_is_tty = io::stdout().is_terminal();
        // Asked only of a terminal: without one, crossterm falls back to running `tput`.
        let size = stdout_is_tty
            .then(termimad::crossterm::terminal::size)
            .and_then(Result::ok)
            .filter(|&(columns, rows)| columns > 0 && rows > 0);
        Terminal {
            stdout_is_tty,
            stderr_is_tty: io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
            clicolor_force: set("CLICOLOR_FORCE")
                && std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
            dumb: std::env::var_os("TERM").is_some_and(|v| v == "dumb"),
            width: size.map(|(columns, _)| usize::from(columns)),
            height: size.map(|(_, rows)| usize::from(rows)),
            pager: crate::pager::pager_command(std::env::var("PAGER").ok().as_deref()),
        }
    }

    /// What the output may carry besides text. NO_COLOR takes colour away and leaves
    /// bold and underline, as man does; a pipe, TERM=dumb and `--color never` get none.
    pub fn decoration(&self, choice: ColorChoice) -> Decoration {
        let escapes = match choice {
            ColorChoice::Always => return Decoration::Colour,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.clicolor_force || (self.stdout_is_tty && !self.dumb),
        };
        match (escapes, self.no_color) {
            (false, _) => Decoration::Bare,
            (true, true) => Decoration::Emphasis,
            (true, false) => Decoration::Colour,
        }
    }

    /// Wrapped for a terminal or when decoration is forced; plain otherwise.
    pub fn style(&self, decoration: Decoration, width: Option<usize>) -> Style {
        if decoration == Decoration::Bare && !self.stdout_is_tty {
            return Style::Plain;
        }
        let width = width
            .unwrap_or_else(|| self.width.map_or(FALLBACK_WIDTH, |w| w.min(MAX_WIDTH)))
            .max(MIN_WIDTH);
        Style::Wrapped { decoration, width }
    }

    /// Long output goes through the pager only on a terminal that can show it.
    pub fn pages(&self) -> bool {
        self.stdout_is_tty && !self.dumb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Terminal {
        fn style_for(&self, choice: ColorChoice, width: Option<usize>) -> Style {
            self.style(self.decoration(choice), width)
        }
    }

    fn tty() -> Terminal {
        Terminal {
            stdout_is_tty: true,
            width: Some(140),
            ..Terminal::default()
        }
    }

    #[test]
    fn a_pipe_gets_plain_output_unless_colour_is_forced() {
        let pipe = Terminal::default();
        assert_eq!(pipe.style_for(ColorChoice::Auto, None), Style::Plain);
        assert_eq!(pipe.style_for(ColorChoice::Never, Some(60)), Style::Plain);
        assert_eq!(
            pipe.style_for(ColorChoice::Always, None),
            Style::Wrapped {
                decoration: Decoration::Colour,
                width: FALLBACK_WIDTH
            }
        );
        let forced = Terminal {
            clicolor_force: true,
            ..Terminal::default()
        };
        assert_eq!(forced.decoration(ColorChoice::Auto), Decoration::Colour);
    }

    #[test]
    fn a_terminal_wraps_at_its_width_but_never_past_100_columns() {
        assert_eq!(
            tty().style_for(ColorChoice::Auto, None),
            Style::Wrapped {
                decoration: Decoration::Colour,
                width: 100
            }
        );
        let narrow = Terminal {
            width: Some(50),
            ..tty()
        };
        assert_eq!(
            narrow.style_for(ColorChoice::Auto, Some(120)),
            Style::Wrapped {
                decoration: Decoration::Colour,
                width: 120
            }
        );
    }

    #[test]
    fn no_color_takes_colour_away_and_keeps_emphasis() {
        let no_color = Terminal {
            no_color: true,
            ..tty()
        };
        assert_eq!(
            no_color.style_for(ColorChoice::Auto, Some(70)),
            Style::Wrapped {
                decoration: Decoration::Emphasis,
                width: 70
            }
        );
        assert_eq!(no_color.decoration(ColorChoice::Always), Decoration::Colour);
        assert_eq!(no_color.decoration(ColorChoice::Never), Decoration::Bare);
        let piped = Terminal {
            no_color: true,
            ..Terminal::default()
        };
        assert_eq!(piped.style_for(ColorChoice::Auto, None), Style::Plain);
    }

    #[test]
    fn a_dumb_terminal_gets_no_escapes_and_no_pager_but_keeps_wrapping() {
        let dumb = Terminal {
            dumb: true,
            ..tty()
        };
        assert_eq!(
            dumb.style_for(ColorChoice::Auto, Some(70)),
            Style::Wrapped {
                decoration: Decoration::Bare,
                width: 70
            }
        );
        assert!(!dumb.pages());
        assert!(tty().pages());
    }
}
