//! `footcare search`: every paragraph or list item that matches a pattern.

use regex::{Regex, RegexBuilder};
use serde::Serialize;
use termimad::crossterm::style::Stylize;

use crate::markdown::{spans_text, Block};
use crate::topic::{SectionKey, Topic};

/// One matching paragraph, list item, heading or code line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub slug: String,
    pub section: SectionKey,
    /// The whole paragraph or item that matched, as plain text.
    pub text: String,
}

/// A literal pattern is escaped; both kinds ignore case.
pub fn pattern(text: &str, is_regex: bool) -> Result<Regex, regex::Error> {
    let source = if is_regex {
        text.to_string()
    } else {
        regex::escape(text)
    };
    RegexBuilder::new(&source).case_insensitive(true).build()
}

/// A topic's text as search units: each paragraph, item, heading or quote whole, and
/// code a line at a time, in document order. Each unit is led by [`unit_mark`] of its
/// section. Text from a topic never holds those control characters: the sanitiser shows
/// them as escapes.
pub fn units(topic: &Topic) -> String {
    let mut units = String::new();
    for section in &topic.sections {
        for text in searchable_texts(&section.blocks().blocks) {
            units.push(unit_mark(section.key));
            units.push_str(&text);
        }
    }
    // A search that parses a big folder holds every topic's units at once: the room
    // left over from growing the string would be more than a third of its memory.
    units.shrink_to_fit();
    units
}

fn unit_mark(key: SectionKey) -> char {
    char::from(1 + key.number())
}

/// Marks are the bytes 1 to 7, which UTF-8 never uses inside a longer character: units
/// can be cut apart byte by byte, which is much quicker than character by character.
fn is_mark(byte: &u8) -> bool {
    (1..=7).contains(byte)
}

/// The unit whose mark is at byte `mark` of `units`: its section and its text.
fn unit_at(units: &str, mark: usize) -> (SectionKey, &str) {
    let key = SectionKey::from_number(units.as_bytes()[mark] - 1)
        .expect("the marks are 1 to 7, one for each section");
    let rest = &units[mark + 1..];
    let end = rest.bytes().position(|byte| is_mark(&byte));
    (key, &rest[..end.unwrap_or(rest.len())])
}

/// The units of `units`, each with its section.
fn each_unit(units: &str) -> impl Iterator<Item = (SectionKey, &str)> {
    (units.bytes().enumerate())
        .filter(|(_, byte)| is_mark(byte))
        .map(|(mark, _)| unit_at(units, mark))
}

/// Whether a pattern can be run over a topic's units all at once: a literal with no
/// control character cannot match across the mark between two units.
pub fn scans_whole_text(text: &str, is_regex: bool) -> bool {
    !is_regex && !text.is_empty() && !text.contains(char::is_control)
}

/// The matches in one topic's `units`, in document order. An empty `sections` searches
/// every section. With `whole_text` (see [`scans_whole_text`]) the pattern runs once over
/// all the units, which finds the same units as trying them one by one, only faster.
pub fn matches_in(
    slug: &str,
    units: &str,
    pattern: &Regex,
    whole_text: bool,
    sections: &[SectionKey],
) -> Vec<Match> {
    let mut matches = Vec::new();
    let mut add = |key: SectionKey, text: &str| {
        if sections.is_empty() || sections.contains(&key) {
            matches.push(Match {
                slug: slug.to_string(),
                section: key,
                text: text.to_string(),
            });
        }
    };
    if !whole_text {
        for (key, text) in each_unit(units) {
            if pattern.is_match(text) {
                add(key, text);
            }
        }
        return matches;
    }
    // A unit is reported once, however often it matches: the search goes on after it.
    let mut from = 0;
    while let Some(found) = pattern.find_at(units, from) {
        let before = &units.as_bytes()[..found.start()];
        let Some(mark) = before.iter().rposition(is_mark) else {
            // Damaged units can have text before the first mark; it is in no unit.
            from = found.end();
            continue;
        };
        let (key, text) = unit_at(units, mark);
        add(key, text);
        from = mark + 1 + text.len();
    }
    matches
}

/// The units a match is reported in: a paragraph, item, heading or quote whole; code a
/// line at a time.
fn searchable_texts(blocks: &[Block]) -> Vec<String> {
    let mut texts = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { spans, .. }
            | Block::Paragraph(spans)
            | Block::Item { spans, .. }
            | Block::Quote(spans) => texts.push(spans_text(spans)),
            Block::Code(lines) => texts.extend(lines.iter().cloned()),
            Block::Rule => {}
        }
    }
    texts
}

/// grep-style lines, `slug:section:text`; with colour, the matched text is highlighted.
pub fn render_lines(matches: &[Match], pattern: &Regex, color: bool) -> String {
    // Room for every plain line, so a long list is not copied as it grows.
    let plain_len = |m: &Match| m.slug.len() + m.section.as_str().len() + m.text.len() + 3;
    let mut out = String::with_capacity(matches.iter().map(plain_len).sum());
    for m in matches {
        if !color {
            for part in [&m.slug, ":", m.section.as_str(), ":", &m.text, "\n"] {
                out.push_str(part);
            }
            continue;
        }
        let colon = ":".cyan();
        out.push_str(&format!(
            "{}{colon}{}{colon}",
            m.slug.as_str().magenta(),
            m.section.as_str().green()
        ));
        let mut last = 0;
        for found in pattern.find_iter(&m.text) {
            out.push_str(&m.text[last..found.start()]);
            out.push_str(&format!("{}", found.as_str().red().bold()));
            last = found.end();
        }
        out.push_str(&m.text[last..]);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_topic, FileFormat};

    /// Searches one topic both ways a literal can be searched, and checks they agree.
    fn search_topic(
        topic: &Topic,
        text: &str,
        is_regex: bool,
        sections: &[SectionKey],
    ) -> Vec<Match> {
        let units = units(topic);
        let pattern = pattern(text, is_regex).unwrap();
        let one_by_one = matches_in(&topic.slug, &units, &pattern, false, sections);
        if scans_whole_text(text, is_regex) {
            assert_eq!(
                matches_in(&topic.slug, &units, &pattern, true, sections),
                one_by_one,
                "{text:?}"
            );
        }
        one_by_one
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
                section: SectionKey::Risks,
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
    fn sections_narrow_the_search() {
        let t = topic("a", "## Overview\nPain.\n\n## Risks\n- Pain again.\n");
        let all = search_topic(&t, "pain", false, &[]);
        assert_eq!(all.len(), 2);
        let risks = search_topic(&t, "pain", false, &[SectionKey::Risks]);
        assert_eq!(risks.len(), 1);
        assert_eq!(risks[0].text, "Pain again.");
    }

    #[test]
    fn one_pass_over_the_text_finds_the_same_units_as_one_by_one() {
        let t = topic(
            "a",
            "## Overview\nPain, pain and more pain.\n\nNo match here.\n\n\
             ## Procedure\n1. Pain first.\n2. Then painless.\n\n```\npain in code\nplain\n```\n\n\
             ## Risks\n- A *pa*in split by markup.\n- pain\n- ![](x.png)\n",
        );
        for text in [
            "pain",
            "PAIN",
            "ain",
            "n",
            "a",
            "pain.",
            "match here",
            "x.png",
            " ",
        ] {
            let found = search_topic(&t, text, false, &[]);
            let by_hand = units(&t)
                .split(|c: char| u8::try_from(c).is_ok_and(|byte| is_mark(&byte)))
                .filter(|unit| unit.to_lowercase().contains(&text.to_lowercase()))
                .count();
            assert_eq!(found.len(), by_hand, "{text:?}");
        }
        for sections in [
            &[SectionKey::Procedure][..],
            &[SectionKey::Risks, SectionKey::Overview],
        ] {
            search_topic(&t, "pain", false, sections);
        }
    }

    #[test]
    fn colour_highlights_every_match_and_plain_has_none() {
        let m = Match {
            slug: "a".into(),
            section: SectionKey::Risks,
            text: "pain, more Pain".into(),
        };
        let p = pattern("pain", false).unwrap();
        assert_eq!(
            render_lines(std::slice::from_ref(&m), &p, false),
            "a:risks:pain, more Pain\n"
        );
        let styled = render_lines(&[m], &p, true);
        assert_eq!(styled.matches("\x1b[1m").count(), 2, "{styled:?}");
    }
}
