//! Arbitrary bytes as a YAML topic file, shown every way.

#![no_main]

use footcare::parse::FileFormat;
use footcare_fuzz::{assert_outputs_safe, parse, width_and_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((width, text)) = width_and_text(data) else {
        return;
    };
    if let Some(topic) = parse(&text, FileFormat::Yaml) {
        assert_outputs_safe(&topic, &text, FileFormat::Yaml, width);
    }
});
