//! Arbitrary bytes as a Markdown topic file, and as a bare Markdown body, shown every way.

#![no_main]

use footcare::markdown::to_blocks;
use footcare::parse::FileFormat;
use footcare::render::{render, Decoration, Style};
use footcare_fuzz::{assert_outputs_safe, parse, width_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((width, text)) = width_and_text(data) else {
        return;
    };
    // The blocks of any text render, however little they look like a topic.
    let blocks = to_blocks(&text);
    for style in [Style::Plain, Style::Wrapped { decoration: Decoration::Colour, width }] {
        render(&blocks, style);
    }
    if let Some(topic) = parse(&text, FileFormat::Markdown) {
        assert_outputs_safe(&topic, &text, FileFormat::Markdown, width);
    }
});
