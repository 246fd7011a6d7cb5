//! Arbitrary bytes as a clinic's patch file, added to a topic and shown every way.

#![no_main]

use footcare::parse::{parse_patch, FileFormat};
use footcare::patch::add_sections;
use footcare_fuzz::{assert_outputs_safe, parse, width_and_text};
use libfuzzer_sys::fuzz_target;

const TOPIC: &str = "---\ntitle: Base\nsummary: A topic to patch.\nkind: procedure\n\
    reviewed: 2026-01-01\n---\n## Overview\nAbout it.\n\n## Risks\n- Infection.\n\n\
    ## Warning signs\n### Call now {#emergency}\n- Chest pain.\n";

fuzz_target!(|data: &[u8]| {
    let Some((width, patch)) = width_and_text(data) else {
        return;
    };
    let mut topic = parse(TOPIC, FileFormat::Markdown).expect("the base topic reads");
    if let Ok(sections) = parse_patch("fuzz.patch.md", footcare::lang::Lang::En, &patch) {
        add_sections(&mut topic, sections);
        assert_outputs_safe(&topic, TOPIC, FileFormat::Markdown, width);
    }
});
