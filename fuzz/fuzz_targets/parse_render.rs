//! Arbitrary bytes through parse → split → render, plain and styled.
//!
//! The first byte picks the file kind and the wrap width; the rest is the file. Besides
//! not panicking, the output must keep footcare's promises: plain text holds no control
//! character but newline, and wrapped lines fit the width.

#![no_main]

use std::borrow::Borrow;

use footcare::markdown::{to_blocks, Block};
use footcare::parse::{parse_topic, FileFormat};
use footcare::render::{render, topic_blocks, Style};
use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = if choice & 1 == 0 {
        FileFormat::Markdown
    } else {
        FileFormat::Yaml
    };
    let width = 20 + usize::from(choice >> 1);

    check(&to_blocks(&text), width);
    if let Ok(topic) = parse_topic("fuzz.md", "fuzz", format, &text) {
        check(&topic_blocks(&topic, &[], true), width);
    }
});

fn check<B: Borrow<Block>>(blocks: &[B], width: usize) {
    let plain = render(blocks, Style::Plain);
    assert!(
        !plain.chars().any(|c| c.is_control() && c != '\n'),
        "control character in plain output: {plain:?}"
    );
    let wrapped = render(
        blocks,
        Style::Wrapped {
            color: false,
            width,
        },
    );
    for line in wrapped.lines() {
        assert!(
            line.width() <= width,
            "{} columns > {width}: {line:?}",
            line.width()
        );
    }
    render(blocks, Style::Wrapped { color: true, width });
}
