//! What every fuzz target asserts of the outputs it makes.

use footcare::parse::{parse_header, parse_topic, FileFormat};
use footcare::topic::Topic;
use unicode_width::UnicodeWidthStr;

#[path = "../../tests/outputs/mod.rs"]
mod outputs;

/// The first input byte picks the wrap width, from 20 to 147 columns; the rest is the file.
pub fn width_and_text(data: &[u8]) -> Option<(usize, String)> {
    let (&choice, rest) = data.split_first()?;
    Some((20 + usize::from(choice >> 1), String::from_utf8_lossy(rest).into_owned()))
}

/// Parses a topic file whole and by its front matter alone; both must agree on whether it reads.
pub fn parse(text: &str, format: FileFormat) -> Option<Topic> {
    let topic = parse_topic("fuzz.md", "fuzz", format, text);
    let header = parse_header("fuzz.md", "fuzz", format, text);
    if topic.is_ok() {
        assert!(header.is_ok(), "the whole file reads but its front matter does not");
    }
    topic.ok()
}

/// Every output of `topic` holds no control or hidden character from content, and every
/// wrapped line fits `width`.
pub fn assert_outputs_safe(topic: &Topic, text: &str, format: FileFormat, width: usize) {
    let header = parse_header("fuzz.md", "fuzz", format, text).expect("the topic read");
    for (name, out, styled) in outputs::every_output(topic, &header, width) {
        if let Some((at, c)) = outputs::unsafe_character(&out, styled) {
            panic!("{name} holds {c:?} at byte {at}: {out:?}");
        }
        if name == "wrapped" {
            for line in out.lines() {
                assert!(line.width() <= width, "{} columns > {width}: {line:?}", line.width());
            }
        }
    }
}
