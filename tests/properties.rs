//! Properties of the parse → split → render path that must hold for any input.

mod outputs;

use footcare::clinic::Clinic;
use footcare::markdown::{defuse_references, to_blocks};
use footcare::parse::{parse_header, parse_patch, parse_topic, FileFormat};
use footcare::patch::add_sections;
use footcare::render::{render, topic_blocks, Decoration, Style, EMERGENCY_MARKER};
use footcare::sanitize::sanitize;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const FRONT_MATTER: &str =
    "---\ntitle: Property\nsummary: Generated.\nkind: condition\nreviewed: 2026-01-01\n---\n";

/// Pieces of Markdown, tricky text and terminal controls, to be strung together at random.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Overview\n".to_string()),
        Just("## Risks\n".to_string()),
        Just("## Warning signs\n".to_string()),
        Just("## First steps {#procedure}\n".to_string()),
        Just("Recovery\n--------\n".to_string()),
        Just("### Detail\n".to_string()),
        Just("- ".to_string()),
        Just("  - ".to_string()),
        Just("1. ".to_string()),
        Just("> ".to_string()),
        Just("**bold**".to_string()),
        Just("*em*".to_string()),
        Just("`code`".to_string()),
        Just("```\n".to_string()),
        Just("[a link](https://example.org)".to_string()),
        Just("&#27;[2J".to_string()),
        Just("\x1b]0;title\x07".to_string()),
        Just("\u{202E}".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        "[a-z]{1,12}",
        "[a-zA-Z]{30,60}",
        "[\u{4e00}-\u{4e20}]{1,8}",
        any::<char>().prop_map(String::from),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

/// Characters that hide or reorder text, written raw or as Markdown references, and
/// emoji that use a joiner properly.
fn hidden() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{2028}',
            '\u{2029}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{202E}',
            '\u{2067}',
            '\u{1b}',
            '\u{7}',
            '\u{9b}',
            '\u{FE0F}',
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "&#x200B;",
            "&#8203;",
            "&zwj;",
            "&zwnj;",
            "&lrm;",
            "&rlm;",
            "&shy;",
            "&#27;",
            "&#x1b;",
            "&#7;",
            "&#x9B;",
            "&#x202E;",
            "&#xFEFF;",
            "&#x2028;",
            "&#917601;",
            "&ZeroWidthSpace;",
            "\\&#x202E;",
            "\\\\&#27;",
            "&NoBreak;",
            "&InvisibleTimes;",
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "\u{1F469}\u{200D}\u{2695}\u{FE0F}",
            "\u{1F468}\u{1F3FD}\u{200D}\u{1F9BD}",
            "\u{2764}\u{FE0F}\u{200D}\u{1F525}",
            "1\u{FE0F}\u{20E3}",
        ])
        .prop_map(String::from),
    ]
}

/// Markdown from both kinds of piece.
fn hostile_body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => piece(), 2 => hidden()], 0..80)
        .prop_map(|pieces| pieces.concat())
}

/// A one-line YAML value in double quotes, whose escapes (`\e`, `\u200B`) can write any
/// character.
fn hostile_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-z ]{1,8}",
        prop::sample::select(vec![
            "\\e]0;x\\a",
            "\\u200B",
            "\\u200F",
            "\\u202E",
            "\\u00AD",
            "\\uFEFF",
            "\\U000E0041",
            "\\u2028",
            "\\x9b",
            "\\u200D",
            "&#27;",
            "&#x200B;",
            "\\\\&#x202E;",
            "\\\\\\\\&#27;",
            "$(id)",
            "\\U0001F469\\u200D\\u2695",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..6).prop_map(|pieces| format!("\"{}\"", pieces.concat()))
}

/// Sentences of words, some styled, with punctuation right after them.
fn prose() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("anesthesia"),
        Just("**physical therapy**"),
        Just("*rest*"),
        Just("`code`"),
        Just("**bold**"),
        Just("a"),
        Just("(see"),
        Just("this)"),
        Just("“quoted”"),
        Just("www.nhs.uk/conditions/plantar-fasciitis"),
        Just("extraordinarily-long-compound-word"),
    ];
    let after = prop_oneof![
        Just(" "),
        Just(" "),
        Just(". "),
        Just(", "),
        Just("; "),
        Just(": "),
        Just("! "),
        Just("? "),
        Just(") "),
        Just("’ "),
        Just(" )"),
    ];
    prop::collection::vec((word, after), 1..40)
        .prop_map(|words| words.into_iter().map(|(w, a)| format!("{w}{a}")).collect())
}

/// The first line of `out` whose text (after any bullet, number or quote mark) starts
/// with closing punctuation, with its escape codes removed.
fn line_starting_with_closing_punctuation(out: &str) -> Option<String> {
    let escape = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    let lead = regex::Regex::new(&format!(
        "^ *(• |▐ |[0-9]+\\. )?({})?",
        regex::escape(EMERGENCY_MARKER)
    ))
    .unwrap();
    escape.replace_all(out, "").lines().find_map(|line| {
        let text = &line[lead.find(line).map_or(0, |m| m.end())..];
        let first = text.graphemes(true).next()?;
        footcare::wrap::is_closing_punctuation(first).then(|| line.to_string())
    })
}

#[test]
fn no_line_of_a_built_in_topic_starts_with_closing_punctuation_at_any_width() {
    for (name, text) in footcare::builtin::FILES {
        let slug = name.split('.').next().unwrap();
        let topic = parse_topic(name, slug, FileFormat::Markdown, text).unwrap();
        let blocks = topic_blocks(&topic, &[], true, &Clinic::default());
        for width in 20..=200 {
            let out = render(
                &blocks,
                Style::Wrapped {
                    decoration: Decoration::Colour,
                    width,
                },
            );
            let found = line_starting_with_closing_punctuation(&out);
            assert!(found.is_none(), "{slug} at {width}: {found:?}");
        }
    }
}

fn styles(width: usize) -> [Style; 4] {
    [
        Style::Plain,
        Style::Wrapped {
            decoration: Decoration::Bare,
            width,
        },
        Style::Wrapped {
            decoration: Decoration::Emphasis,
            width,
        },
        Style::Wrapped {
            decoration: Decoration::Colour,
            width,
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn rendering_never_panics_and_plain_output_holds_no_control_byte(
        body in body(),
        width in 20usize..140,
    ) {
        let blocks = to_blocks(&body);
        for style in styles(width) {
            let out = render(&blocks, style);
            if style == Style::Plain {
                prop_assert!(
                    !out.chars().any(|c| c.is_control() && c != '\n'),
                    "control character in {:?}", out
                );
            }
        }
        if let Ok(topic) = parse_topic("p.md", "p", FileFormat::Markdown, &format!("{FRONT_MATTER}{body}")) {
            for style in styles(width) {
                let out = render(&topic_blocks(&topic, &[], true, &Clinic::default()), style);
                if style == Style::Plain {
                    prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
                }
            }
        }
    }

    #[test]
    fn no_output_holds_a_control_or_hidden_character_from_a_topic_or_patch(
        title in hostile_value(),
        alias in hostile_value(),
        body in hostile_body(),
        patch in hostile_body(),
        yaml_body in hostile_value(),
        width in 20usize..140,
    ) {
        let markdown = format!(
            "---\ntitle: {title}\nsummary: {alias}\nkind: condition\naliases: [{alias}]\n\
             tags: [{title}]\nreviewed: 2026-01-01\nreviewed-by: {alias}\nsources:\n  \
             - title: {title}\n    publisher: {alias}\n    date: 2026\n---\n## Risks {{#risks}}\n{body}"
        );
        let yaml = format!(
            "title: {title}\nsummary: S.\nkind: procedure\nreviewed: 2026-01-01\n\
             sections:\n  risks:\n    title: {alias}\n    body: {yaml_body}\n"
        );
        for (text, format) in [(markdown, FileFormat::Markdown), (yaml, FileFormat::Yaml)] {
            let Ok(mut topic) = parse_topic("p.md", "p", format, &text) else {
                continue;
            };
            let header = parse_header("p.md", "p", format, &text).unwrap();
            if let Ok(sections) = parse_patch("p.patch.md", footcare::lang::Lang::En, &format!("## {title} {{#overview}}\n{patch}")) {
                add_sections(&mut topic, sections);
            }
            for (name, out, styled) in outputs::every_output(&topic, &header, width) {
                let found = outputs::unsafe_character(&out, styled);
                prop_assert!(found.is_none(), "{} holds {:?} in {:?}", name, found, out);
            }
        }
    }

    #[test]
    fn wrapped_lines_fit_the_width(body in body(), width in 20usize..140) {
        let out = render(&to_blocks(&body), Style::Wrapped { decoration: Decoration::Bare, width });
        for line in out.lines() {
            prop_assert!(line.width() <= width, "{} columns > {}: {:?}", line.width(), width, line);
        }
    }

    #[test]
    fn no_wrapped_line_starts_with_closing_punctuation(
        prose in prose(),
        width in 20usize..=200,
    ) {
        let markdown = format!("{prose}\n\n- {prose}\n\n1. {prose}\n\n> {prose}");
        for decoration in [Decoration::Bare, Decoration::Colour] {
            let out = render(&to_blocks(&markdown), Style::Wrapped { decoration, width });
            let found = line_starting_with_closing_punctuation(&out);
            prop_assert!(found.is_none(), "width {}: {:?} in\n{}", width, found, out);
        }
    }

    #[test]
    fn sections_cover_the_body_without_overlap(body in body()) {
        let text = format!("{FRONT_MATTER}{body}");
        let Ok(topic) = parse_topic("p.md", "p", FileFormat::Markdown, &text) else {
            return Ok(());
        };
        let clean = defuse_references(&sanitize(&text)).into_owned();
        let lines: Vec<&str> = clean.lines().collect();
        let line = |number: usize| lines.get(number - 1).copied().unwrap_or("");
        // Line by line, the body is: blank lines, then for each section in turn its heading
        // (one run of lines, maybe with blank lines after) and then exactly its text; nothing
        // is in two sections and nothing is left out.
        let mut next = FRONT_MATTER.lines().count() + 1;
        for section in &topic.sections {
            let heading = section.line.unwrap();
            let body_line = section.body_line.unwrap();
            let end = body_line + section.markdown.lines().count();
            prop_assert!(next <= heading && heading < body_line.max(heading + 1));
            for blank in next..heading {
                prop_assert!(line(blank).trim().is_empty(), "line {} is in no section", blank);
            }
            // The heading is one run of lines (an underlined heading may wrap), and only
            // blank lines follow it before the text.
            let heading_block: Vec<&str> = (heading..body_line).map(line).collect();
            let run = heading_block.iter().take_while(|l| !l.trim().is_empty()).count();
            prop_assert!(run >= 1, "no heading line for {}", section.key);
            prop_assert!(
                heading_block[run..].iter().all(|l| l.trim().is_empty()),
                "text between the heading of {} and its body", section.key
            );
            let text = (body_line..end).map(line).collect::<Vec<_>>().join("\n");
            prop_assert_eq!(text.trim_end(), section.markdown.as_str());
            next = end.max(body_line);
        }
        for rest in next..=lines.len() {
            prop_assert!(line(rest).trim().is_empty(), "line {} is in no section", rest);
        }
    }
}
