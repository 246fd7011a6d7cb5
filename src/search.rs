//! `footcare search`: every paragraph or list item that matches a pattern.

use std::borrow::Cow;

use regex::{Regex, RegexBuilder};
use serde::Serialize;
use termimad::crossterm::style::Stylize;
use unicode_segmentation::UnicodeSegmentation;

use crate::markdown::{spans_text, Block};
use crate::render::{wrap_hanging, Decoration, Style, HANGING_INDENT};
use crate::sanitize::{as_read, is_hidden};
use crate::topic::Topic;

/// One matching paragraph, list item, heading or code line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub slug: String,
    /// The section's key.
    pub section: String,
    /// The whole paragraph or item that matched, as plain text.
    pub text: String,
}

/// A literal pattern is escaped, and read as the text it matches is (without hidden
/// characters); both kinds ignore case.
pub fn pattern(text: &str, is_regex: bool) -> Result<Regex, regex::Error> {
    let source = if is_regex {
        text.to_string()
    } else {
        let visible: String = text.chars().filter(|&c| !is_hidden(c)).collect();
        regex::escape(&visible)
    };
    RegexBuilder::new(&source).case_insensitive(true).build()
}

/// The matches in one topic, in document order: each paragraph, item, heading or quote
/// whole, and code a line at a time. An empty `sections` searches every section. Text is
/// matched as a reader sees it, so `911` finds `9<U+200B>11`, and reported as shown.
pub fn matches_in(topic: &Topic, pattern: &Regex, sections: &[String]) -> Vec<Match> {
    let mut matches = Vec::new();
    for section in &topic.sections {
        if !sections.is_empty() && !sections.contains(&section.name) {
            continue;
        }
        each_searchable_text(&section.blocks.blocks, |text| {
            if pattern.is_match(&as_read(&text)) {
                matches.push(Match {
                    slug: topic.slug.clone(),
                    section: section.name.clone(),
                    text: text.into_owned(),
                });
            }
        });
    }
    matches
}

/// The units a match is reported in: a paragraph, item, heading or quote whole; code a
/// line at a time.
/// Text of one span, the most common case, is borrowed rather than copied.
fn each_searchable_text(blocks: &[Block], mut visit: impl FnMut(Cow<'_, str>)) {
    for block in blocks {
        match block {
            Block::Heading { spans, .. }
            | Block::Paragraph(spans)
            | Block::Item { spans, .. }
            | Block::Quote(spans) => match spans.as_slice() {
                [one] => visit(Cow::Borrowed(&one.text)),
                _ => visit(Cow::Owned(spans_text(spans))),
            },
            Block::Code(lines) => lines.iter().for_each(|line| visit(Cow::Borrowed(line))),
            Block::Rule => {}
        }
    }
}

/// What a piece of a search result is, for its colour.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Slug,
    Colon,
    Section,
    Text,
    Found,
}

/// grep-style lines, `slug:section:text`. On a terminal each is wrapped, later lines
/// indented, and the matched text is highlighted: in colour, or in bold for NO_COLOR.
pub fn render_lines(matches: &[Match], pattern: &Regex, style: Style) -> String {
    let Style::Wrapped { decoration, width } = style else {
        // Room for every plain line, so a long list is not copied as it grows.
        let plain_len = |m: &Match| m.slug.len() + m.section.as_str().len() + m.text.len() + 3;
        let mut out = String::with_capacity(matches.iter().map(plain_len).sum());
        for m in matches {
            for part in [&m.slug, ":", m.section.as_str(), ":", &m.text, "\n"] {
                out.push_str(part);
            }
        }
        return out;
    };
    let mut out = String::new();
    for m in matches {
        let mut runs = vec![m.slug.as_str(), ":", m.section.as_str(), ":"];
        let mut parts = vec![Part::Slug, Part::Colon, Part::Section, Part::Colon];
        // A match is widened to whole characters: an escape code inside an emoji sequence
        // would show it as several.
        let bounds: Vec<usize> = (m.text.grapheme_indices(true).map(|(at, _)| at))
            .chain([m.text.len()])
            .collect();
        let mut last = 0;
        for found in pattern.find_iter(&m.text) {
            let start = bounds[bounds.partition_point(|&b| b <= found.start()) - 1].max(last);
            let end = bounds[bounds.partition_point(|&b| b < found.end())];
            if start >= end {
                continue;
            }
            runs.extend([&m.text[last..start], &m.text[start..end]]);
            parts.extend([Part::Text, Part::Found]);
            last = end;
        }
        runs.push(&m.text[last..]);
        parts.push(Part::Text);
        out.push_str(&wrap_hanging(&runs, width, HANGING_INDENT, |run, text| {
            paint(parts[run], text, decoration)
        }));
    }
    out
}

fn paint(part: Part, text: &str, decoration: Decoration) -> String {
    match (decoration, part) {
        (Decoration::Bare, _) | (_, Part::Text) => text.to_string(),
        (Decoration::Emphasis, Part::Found) => text.bold().to_string(),
        (Decoration::Emphasis, _) => text.to_string(),
        (Decoration::Colour, Part::Slug) => text.magenta().to_string(),
        (Decoration::Colour, Part::Colon) => text.cyan().to_string(),
        (Decoration::Colour, Part::Section) => text.green().to_string(),
        (Decoration::Colour, Part::Found) => text.red().bold().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_topic, FileFormat};
    use crate::topic::SectionKey;

    fn search_topic(
        topic: &Topic,
        text: &str,
        is_regex: bool,
        sections: &[SectionKey],
    ) -> Vec<Match> {
        let names: Vec<String> = sections.iter().map(|key| key.to_string()).collect();
        matches_in(topic, &pattern(text, is_regex).unwrap(), &names)
    }

    fn topic(slug: &str, body: &str) -> Topic {
        let text = format!(
            "---\ntitle: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n---\n{body}"
        );
        parse_topic("t.md", slug, FileFormat::Markdown, &text).unwrap()
    }

    #[test]
    fn a_literal_matches_whole_items_ignoring_case_and_markup() {
        let t = topic(
            "a",
            "## Risks\n- A **nerve** injury can\n  leave you numb.\n- Infection.\n",
        );
        let found = search_topic(&t, "NERVE INJURY", false, &[]);
        assert_eq!(
            found,
            [Match {
                slug: "a".into(),
                section: SectionKey::Risks.to_string(),
                text: "A nerve injury can leave you numb.".into()
            }]
        );
    }

    #[test]
    fn literal_patterns_are_not_regular_expressions() {
        let t = topic("a", "## Overview\nAbout 1.5 inches (or less).\n");
        assert_eq!(search_topic(&t, "(or less)", false, &[]).len(), 1);
        assert!(search_topic(&t, "1x5", false, &[]).is_empty());
        assert_eq!(search_topic(&t, r"1\.\d", true, &[]).len(), 1);
        assert!(pattern("(", true).is_err());
    }

    #[test]
    fn text_is_matched_as_read_without_its_hidden_characters() {
        let t = topic(
            "a",
            "## Overview\nCall 9\u{200B}11 now.\n\nTake 2\u{200F}-\u{200F}10.\n",
        );
        let found = search_topic(&t, "911", false, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "Call 9<U+200B>11 now.", "shown as it is");
        assert_eq!(search_topic(&t, "2-10", false, &[]).len(), 1);
        assert_eq!(search_topic(&t, "9\u{200B}11", false, &[]).len(), 1);
        assert_eq!(search_topic(&t, r"9\d\d", true, &[]).len(), 1);
    }

    #[test]
    fn sections_narrow_the_search() {
        let t = topic("a", "## Overview\nPain.\n\n## Risks\n- Pain again.\n");
        let all = search_topic(&t, "pain", false, &[]);
        assert_eq!(all.len(), 2);
        let risks = search_topic(&t, "pain", false, &[SectionKey::Risks]);
        assert_eq!(risks.len(), 1);
        assert_eq!(risks[0].text, "Pain again.");
    }

    #[test]
    fn each_paragraph_item_and_code_line_is_reported_once() {
        let t = topic(
            "a",
            "## Overview\nPain, pain and more pain.\n\nNo match here.\n\n\
             ## Procedure\n1. Pain first.\n2. Then painless.\n\n```\npain in code\nplain\n```\n",
        );
        let texts: Vec<String> = (search_topic(&t, "pain", false, &[]).into_iter())
            .map(|m| m.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Pain, pain and more pain.",
                "Pain first.",
                "Then painless.",
                "pain in code"
            ]
        );
    }

    #[test]
    fn colour_highlights_every_match_and_plain_has_none() {
        let m = Match {
            slug: "a".into(),
            section: SectionKey::Risks.to_string(),
            text: "pain, more Pain".into(),
        };
        let p = pattern("pain", false).unwrap();
        assert_eq!(
            render_lines(std::slice::from_ref(&m), &p, Style::Plain),
            "a:risks:pain, more Pain\n"
        );
        let styled = |decoration| {
            render_lines(
                std::slice::from_ref(&m),
                &p,
                Style::Wrapped {
                    decoration,
                    width: 80,
                },
            )
        };
        let colour = styled(Decoration::Colour);
        assert_eq!(colour.matches("\x1b[1m").count(), 2, "{colour:?}");
        assert!(colour.contains("\x1b[38;5;9m"), "{colour:?}");
        let emphasis = styled(Decoration::Emphasis);
        assert_eq!(emphasis.matches("\x1b[1m").count(), 2, "{emphasis:?}");
        assert!(!emphasis.contains("\x1b[38"), "{emphasis:?}");
        assert_eq!(styled(Decoration::Bare), "a:risks:pain, more Pain\n");
    }

    #[test]
    fn a_highlight_never_splits_a_character() {
        let nurse = "\u{1F469}\u{1F3FD}\u{200D}\u{2695}\u{FE0F}";
        let m = Match {
            slug: "a".into(),
            section: SectionKey::Risks.to_string(),
            text: format!("ask a {nurse} now"),
        };
        let p = pattern("\u{1F469}", false).unwrap();
        let style = Style::Wrapped {
            decoration: Decoration::Emphasis,
            width: 80,
        };
        let out = render_lines(&[m], &p, style);
        assert!(out.contains(&format!("\x1b[1m{nurse}\x1b[0m")), "{out:?}");
    }

    #[test]
    fn a_match_wider_than_the_terminal_wraps_under_a_hanging_indent() {
        let m = Match {
            slug: "calf-strain".into(),
            section: SectionKey::Risks.to_string(),
            text: "a blood clot called a deep vein thrombosis, or DVT".into(),
        };
        let p = pattern("dvt", false).unwrap();
        let out = render_lines(
            &[m],
            &p,
            Style::Wrapped {
                decoration: Decoration::Bare,
                width: 30,
            },
        );
        assert_eq!(
            out,
            "calf-strain:risks:a blood clot\n    called a deep vein\n    thrombosis, or DVT\n"
        );
    }
}
