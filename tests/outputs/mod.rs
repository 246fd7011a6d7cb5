//! Every output footcare makes of a topic, and the one promise they all keep: no
//! character from content can command a terminal or hide or reorder text. Shared by the
//! property tests and the fuzz targets.
// Each user takes what it needs.
#![allow(dead_code)]

use footcare::check::{self, Checker, Settings};
use footcare::clinic::Clinic;
use footcare::date::Date;
use footcare::formats::{self, JsonList};
use footcare::handout;
use footcare::render::{self, topic_blocks, Decoration, Style};
use footcare::search;
use footcare::topic::{Header, Topic};

/// Each output of `topic` (and of `header`, its front matter), named, and whether it is
/// styled for a terminal, where footcare's own colour codes are expected.
pub fn every_output(
    topic: &Topic,
    header: &Header,
    width: usize,
) -> Vec<(&'static str, String, bool)> {
    let blocks = topic_blocks(topic, &[], true, &Clinic::default());
    let settings = Settings {
        max_grade: 8.0,
        warn_grade: 6.0,
        warn_smog: 9.0,
        max_age_years: 2,
        today: Date {
            year: 2026,
            month: 6,
            day: 1,
        },
    };
    let mut checker = Checker::default();
    checker.add(vec![check::Checked::of(topic, None, &settings)]);
    let reports = checker.finish(Vec::new());
    let every_word = search::Query::new(&[".".to_string()], true).unwrap();
    let matches = search::matches_in(topic, &every_word, &[]);
    let headers = std::slice::from_ref(header);
    let mut list_json = JsonList::default();
    let markdown = formats::topic_markdown(topic, &[], true);
    let handout_markdown =
        handout::markdown(topic, &Clinic::default(), &[], footcare::lang::Lang::En);
    let search_markdown = formats::search_markdown(&matches);
    let list_markdown = formats::list_markdown(headers);
    let styled = Style::Wrapped {
        decoration: Decoration::Colour,
        width,
    };
    vec![
        ("markdown as read", as_read(&markdown), false),
        (
            "handout markdown as read",
            as_read(&handout_markdown),
            false,
        ),
        ("search markdown as read", as_read(&search_markdown), false),
        ("list markdown as read", as_read(&list_markdown), false),
        ("plain", render::render(&blocks, Style::Plain), false),
        (
            "wrapped",
            render::render(
                &blocks,
                Style::Wrapped {
                    decoration: Decoration::Bare,
                    width,
                },
            ),
            false,
        ),
        ("styled", render::render(&blocks, styled), true),
        ("markdown", markdown, false),
        (
            "json",
            formats::topic_json(topic, &[], &Clinic::default()),
            false,
        ),
        (
            "html",
            handout::html(topic, &handout::Page::default()),
            false,
        ),
        ("handout markdown", handout_markdown, false),
        (
            "check",
            check::report_text(&reports, &[], Style::Plain),
            false,
        ),
        (
            "check styled",
            check::report_text(&reports, &[], styled),
            true,
        ),
        ("check json", formats::check_json(&reports, &[]), false),
        (
            "search",
            search::render_lines(&matches, &every_word, Style::Plain),
            false,
        ),
        (
            "search styled",
            search::render_lines(&matches, &every_word, styled),
            true,
        ),
        ("search markdown", search_markdown, false),
        ("list", render::list_plain(headers), false),
        (
            "list styled",
            render::list_wrapped(headers, Decoration::Colour, width),
            true,
        ),
        ("list markdown", list_markdown, false),
        (
            "list json",
            list_json.items(headers.iter().map(formats::list_entry)),
            false,
        ),
    ]
}

/// The text a Markdown reader makes of `markdown`, its character references decoded (but
/// not in the front matter, which is YAML).
fn as_read(markdown: &str) -> String {
    let options = footcare::markdown::markdown_options()
        | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new_ext(markdown, options) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => text.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// The first character of `text` that must not be there, with its byte offset: ESC (but,
/// in styled output, as the start of a colour or style code footcare writes), BEL and the
/// other controls but newline and tab, the C1 controls, and the characters that hide or reorder
/// text, but for a zero-width joiner between two emoji.
pub fn unsafe_character(text: &str, styled: bool) -> Option<(usize, char)> {
    let text = if styled {
        without_style_codes(text)
    } else {
        text.to_string()
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars.iter().enumerate().find_map(|(at, &(offset, c))| {
        let bad = match c {
            // A tab separates `list`'s fields; content's own tabs become spaces.
            '\n' | '\t' => false,
            '\u{200D}' => !between_emoji(&chars, at),
            c => c.is_control() || hides_or_reorders(c),
        };
        bad.then_some((offset, c))
    })
}

/// Listed here on their own, not taken from footcare, so that a gap in footcare's list
/// shows up.
fn hides_or_reorders(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}'
    )
}

/// SGR codes (`ESC [ ... m`), which is all footcare's styling writes.
fn without_style_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let code = &rest[at + 2..];
        let end = code.find(|c: char| !(c.is_ascii_digit() || c == ';'));
        match end {
            Some(end) if code[end..].starts_with('m') => rest = &code[end + 1..],
            _ => {
                // Not a colour code: keep the ESC, so it is reported.
                out.push('\x1b');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether the joiner at `at` stands between two pictographs (a skin tone is one), past
/// the styles that may follow the first.
fn between_emoji(chars: &[(usize, char)], at: usize) -> bool {
    let pictograph = |c: char| matches!(c as u32, 0xA9 | 0xAE | 0x203C..=0x2BFF | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x1F000..=0x1FAFF);
    let modifier = |c: char| matches!(c as u32, 0xFE0E | 0xFE0F | 0x20E3);
    let before = chars[..at]
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .find(|&c| !modifier(c));
    let after = chars.get(at + 1).map(|&(_, c)| c);
    before.is_some_and(pictograph) && after.is_some_and(pictograph)
}

#[test]
fn the_checker_catches_what_it_should() {
    assert_eq!(unsafe_character("ok\n", false), None);
    assert_eq!(unsafe_character("a\x1b[31mb", false), Some((1, '\x1b')));
    assert_eq!(unsafe_character("a\x1b[31mb\x1b[0m", true), None);
    assert_eq!(unsafe_character("a\x1b]0;t\x07", true), Some((1, '\x1b')));
    assert_eq!(
        unsafe_character("9\u{200B}11", false),
        Some((1, '\u{200B}'))
    );
    assert_eq!(
        unsafe_character("\u{1F469}\u{200D}\u{2695}\u{FE0F}", false),
        None
    );
    assert_eq!(unsafe_character("a\u{200D}b", false), Some((1, '\u{200D}')));
    assert_eq!(unsafe_character("\u{9b}", false), Some((0, '\u{9b}')));
}
