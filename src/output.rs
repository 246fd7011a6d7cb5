//! Writing what a command made: kept whole for a terminal, where it may go through the
//! reader's pager, or written out as it is made, so that a long answer for a pipe or a
//! file is never held in memory whole.

use std::io::{self, Write};

use anyhow::Context;

use crate::pager;

pub struct Sink<'a> {
    out: &'a mut dyn Write,
    /// The text so far, when it is kept for the pager.
    kept: Option<String>,
}

impl<'a> Sink<'a> {
    /// A sink that keeps the text when `keep`, or else writes each piece to `out` at once.
    pub fn new(out: &'a mut dyn Write, keep: bool) -> Sink<'a> {
        Sink {
            out,
            kept: keep.then(String::new),
        }
    }

    pub fn push(&mut self, text: &str) -> anyhow::Result<()> {
        match &mut self.kept {
            Some(kept) => {
                kept.push_str(text);
                Ok(())
            }
            None => write_out(self.out, text.as_bytes()),
        }
    }

    /// Ends the output. Kept text goes through `pager` when it would not fit on a screen
    /// of `height` lines.
    pub fn finish(self, pager: Option<&str>, height: Option<usize>) -> anyhow::Result<()> {
        match (self.kept, pager) {
            (Some(text), Some(command)) if pager::needs_paging(&text, height) => {
                match pager::page(command, &text) {
                    // With no PAGER set and no less installed, the text is shown as it is,
                    // as git does: a pager the reader chose and cannot run is an error.
                    Err(error)
                        if command == pager::DEFAULT_PAGER && error.is::<pager::PagerMissing>() =>
                    {
                        write_out(self.out, text.as_bytes())?;
                        flush(self.out)
                    }
                    paged => paged,
                }
            }
            (Some(text), _) => {
                write_out(self.out, text.as_bytes())?;
                flush(self.out)
            }
            (None, _) => flush(self.out),
        }
    }
}

/// Writes all of `bytes`; the caller flushes.
pub fn write_out(out: &mut dyn Write, bytes: &[u8]) -> anyhow::Result<()> {
    out.write_all(bytes).context("cannot write the output")
}

pub fn flush(out: &mut dyn Write) -> anyhow::Result<()> {
    out.flush().context("cannot write the output")
}

/// A reader who quits `head` or `less` early closes the pipe: that is a normal end.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_found_under_context() {
        let error = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("cannot write the output");
        assert!(is_broken_pipe(&error));
        let other = anyhow::Error::from(io::Error::from(io::ErrorKind::StorageFull));
        assert!(!is_broken_pipe(&other));
    }

    #[test]
    fn a_streamed_sink_writes_each_piece_and_a_kept_one_only_at_the_end() {
        let mut streamed = Vec::new();
        let mut sink = Sink::new(&mut streamed, false);
        sink.push("one\n").unwrap();
        sink.push("two\n").unwrap();
        sink.finish(None, None).unwrap();
        assert_eq!(streamed, b"one\ntwo\n");

        let mut kept = Vec::new();
        let mut sink = Sink::new(&mut kept, true);
        sink.push("one\n").unwrap();
        assert_eq!(sink.kept.as_deref(), Some("one\n"));
        sink.finish(None, Some(40)).unwrap();
        assert_eq!(kept, b"one\n");
    }
}
