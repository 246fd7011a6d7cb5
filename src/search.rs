//! `footcare search`: every paragraph or list item that matches a pattern.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Serialize;
use termimad::crossterm::style::Stylize;
use unicode_segmentation::UnicodeSegmentation;

use crate::letters::{accent_family, is_combining_accent};
use crate::lookup::name_words;
use crate::markdown::{spans_text, Block};
use crate::render::{wrap_hanging, Decoration, Style, HANGING_INDENT};
use crate::sanitize::{as_read, is_hidden};
use crate::similar::{self, SHORTEST_RESPELLED};
use crate::topic::{Topic, SEARCHED_FIELDS};

/// One matching paragraph, list item, heading, code line or front-matter field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub slug: String,
    /// The section's key, or the field's name: `title`, `summary`, `aliases` or `tags`.
    pub section: String,
    /// The whole paragraph, item or field that matched, as plain text.
    pub text: String,
}

/// What a search looks for: terms that must all be in one paragraph, item or field.
pub struct Query {
    terms: Vec<Regex>,
}

/// Why the words given cannot be searched for.
#[derive(Debug)]
pub enum QueryError {
    /// A term of nothing but spaces, which every line would match.
    Blank,
    /// A term whose pattern is larger than the regex engine builds.
    TooLong,
    /// A term that is no regular expression.
    Invalid(String),
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::Blank => f.write_str(
                "nothing to search for in an empty word, which every line holds: \
                 leave it out, or give a word",
            ),
            QueryError::TooLong => {
                f.write_str("the search is too long to look for: give fewer or shorter words")
            }
            QueryError::Invalid(why) => write!(f, "invalid regular expression:\n{why}"),
        }
    }
}

impl std::error::Error for QueryError {}

impl Query {
    /// One term a phrase, several terms in any order. A literal is read as the text it is
    /// matched against (without hidden characters, any run of spaces as any other, a
    /// straight quote as a curly one); with `is_regex` each term is a regular expression.
    /// Both ignore case.
    pub fn new(terms: &[String], is_regex: bool) -> Result<Query, QueryError> {
        let blank = |term: &String| match is_regex {
            true => term.is_empty(),
            false => term.chars().all(|c| c.is_whitespace() || is_hidden(c)),
        };
        if terms.iter().any(blank) {
            return Err(QueryError::Blank);
        }
        let build = |term: &String| {
            let source = match is_regex {
                true => Cow::Borrowed(term.as_str()),
                false => Cow::Owned(literal(term)),
            };
            (RegexBuilder::new(&source).case_insensitive(true).build()).map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => QueryError::TooLong,
                other => QueryError::Invalid(other.to_string()),
            })
        };
        Ok(Query {
            terms: terms.iter().map(build).collect::<Result<_, _>>()?,
        })
    }

    /// Whether `text`, as a reader sees it, holds every term.
    fn is_match(&self, text: &str) -> bool {
        let read = as_read(text);
        self.terms.iter().all(|term| term.is_match(&read))
    }

    /// Where the terms are found in `text`, in order, with finds that overlap joined.
    fn found_in(&self, text: &str) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = (self.terms.iter())
            .flat_map(|term| term.find_iter(text).map(|m| m.range()))
            .filter(|range| !range.is_empty())
            .collect();
        found.sort_by_key(|range| range.start);
        let mut joined: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for range in found {
            match joined.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => joined.push(range),
            }
        }
        joined
    }
}

/// A name as a reader typed it, as the phrase `search` looks for: its words in order,
/// with a space for each run of spaces, dashes or underscores, so `heel-pain` is "heel
/// pain". `None` for a name of no words, which every text would hold.
pub fn name_as_phrase(name: &str) -> Option<String> {
    let words: Vec<&str> = (name_words(name))
        .filter(|word| !word.chars().all(is_hidden))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A literal term as a pattern: each run of spaces matches any run of spaces or line
/// breaks, each kind of quote any of its kind, as a reader cannot tell them apart, and
/// each letter its accented forms (see [`crate::letters::ACCENTED`]), written as one
/// character or with combining accents after it, so that "tendon" finds "tendón".
fn literal(text: &str) -> String {
    let mut source = String::with_capacity(text.len());
    let mut in_space = false;
    // A combining accent typed after its letter is matched by the letter's family.
    for c in text
        .chars()
        .filter(|&c| !is_hidden(c) && !is_combining_accent(c))
    {
        if c.is_whitespace() {
            if !in_space {
                source.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' => {
                source.push_str("['\u{2018}\u{2019}\u{02BC}]")
            }
            '"' | '\u{201C}' | '\u{201D}' => source.push_str("[\"\u{201C}\u{201D}]"),
            _ => match accent_family(c) {
                Some(family) => {
                    source.push('[');
                    source.push_str(family);
                    source.push_str("][\u{300}-\u{36F}]*");
                }
                None => source.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            },
        }
    }
    source
}

/// The matches in one topic: its title, summary, aliases and tags, then its sections in
/// document order. `sections` names the sections and fields to look in; empty means all.
/// Text is matched as a reader sees it, so `911` finds `9<U+200B>11`, and reported as
/// shown.
pub fn matches_in(topic: &Topic, query: &Query, sections: &[String]) -> Vec<Match> {
    let mut matches = Vec::new();
    each_searched_text(topic, sections, |section, text| {
        if query.is_match(&text) {
            matches.push(Match {
                slug: topic.slug.clone(),
                section: section.to_string(),
                text: text.into_owned(),
            });
        }
    });
    matches
}

/// The name `search` gives a topic's aliases by.
pub const ALIASES: &str = SEARCHED_FIELDS[2];

/// The words a misspelt search word is put right from, each with how many topics hold it:
/// those of the text a search looks in, and apart from them those of the aliases, as some
/// aliases are misspelt on purpose, so that `show` finds their topic.
#[derive(Debug, Default)]
pub struct Vocabulary {
    text: HashMap<String, usize>,
    aliases: HashMap<String, usize>,
}

impl Vocabulary {
    /// Counts the words of one more topic's text, from `words_in`.
    pub fn add(&mut self, words: TopicWords) {
        for word in words.text {
            *self.text.entry(word).or_default() += 1;
        }
        for word in words.aliases {
            *self.aliases.entry(word).or_default() += 1;
        }
    }
}

/// One topic's words, in lowercase, each once: see `Vocabulary`.
#[derive(Debug, Default)]
pub struct TopicWords {
    text: HashSet<String>,
    aliases: HashSet<String>,
}

/// The words of what a search of `sections` looks in, leaving out words too short to be
/// put right.
pub fn words_in(topic: &Topic, sections: &[String]) -> TopicWords {
    let mut words = TopicWords::default();
    each_searched_text(topic, sections, |section, text| {
        let into = match section == ALIASES {
            true => &mut words.aliases,
            false => &mut words.text,
        };
        for word in as_read(&text).split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= SHORTEST_RESPELLED {
                into.insert(word.to_lowercase());
            }
        }
    });
    words
}

/// The terms again, with each word that no searched text holds replaced by the word of
/// `vocabulary` it looks most like, at most `most_off` letters off; `None` when there is
/// no word to put right, or no word like it. The words of aliases are put right from only
/// `with_aliases`; an alias's word a letter off a word of the text is taken for a
/// misspelling of it, and the text's word is given.
pub fn respelled(
    terms: &[String],
    vocabulary: &Vocabulary,
    most_off: usize,
    with_aliases: bool,
) -> Option<Vec<String>> {
    let text = || {
        vocabulary
            .text
            .iter()
            .map(|(word, count)| (word.as_str(), *count))
    };
    let aliases = (vocabulary.aliases.iter())
        .filter(|(word, _)| with_aliases && !vocabulary.text.contains_key(*word))
        .map(|(word, count)| (word.as_str(), *count));
    let candidates: Vec<(&str, usize)> = text().chain(aliases).collect();
    let mut changed = false;
    let mut respelled = Vec::with_capacity(terms.len());
    for term in terms {
        let term: String = term.chars().filter(|&c| !is_hidden(c)).collect();
        let mut out = String::with_capacity(term.len());
        for piece in split_words(&term) {
            let typed = piece.to_lowercase();
            let is_word = piece.chars().all(char::is_alphanumeric);
            let known = candidates.iter().any(|(word, _)| word.contains(&typed));
            if !is_word || known {
                out.push_str(piece);
                continue;
            }
            let best =
                similar::spelling_for(&typed, candidates.iter().copied(), most_off).map(|word| {
                    match vocabulary.text.contains_key(word) {
                        true => word,
                        false => similar::spelling_for(word, text(), 1).unwrap_or(word),
                    }
                });
            match best {
                Some(word) => {
                    out.push_str(word);
                    changed = true;
                }
                // A word too short to put right is kept, and the others may still be.
                None if typed.chars().count() < SHORTEST_RESPELLED => out.push_str(piece),
                None => return None,
            }
        }
        respelled.push(out);
    }
    changed.then_some(respelled)
}

/// Runs of letters and digits, and the runs of other characters between them, in order.
fn split_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let end = (rest.char_indices())
            .find(|&(_, c)| c.is_alphanumeric() != first.is_alphanumeric())
            .map_or(rest.len(), |(at, _)| at);
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// Where a name a reader typed is found in one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub slug: String,
    /// The sections and fields it is found in, in document order, each once.
    pub sections: Vec<String>,
    /// Whether the title, summary, an alias or a tag holds it.
    in_front_matter: bool,
    /// How many paragraphs, items and fields hold it.
    count: usize,
}

/// Where `query` is found in `topic`, if anywhere.
pub fn mention_in(topic: &Topic, query: &Query) -> Option<Mention> {
    let matches = matches_in(topic, query, &[]);
    let mut sections: Vec<String> = Vec::new();
    for m in &matches {
        if !sections.contains(&m.section) {
            sections.push(m.section.clone());
        }
    }
    (!matches.is_empty()).then(|| Mention {
        slug: topic.slug.clone(),
        in_front_matter: sections
            .iter()
            .any(|s| SEARCHED_FIELDS.contains(&s.as_str())),
        sections,
        count: matches.len(),
    })
}

/// The best first: a topic whose front matter holds the name, then the one that says it
/// most often, then slug order.
pub fn most_first(mentions: &mut [Mention]) {
    mentions.sort_by(|a, b| {
        (b.in_front_matter.cmp(&a.in_front_matter))
            .then(b.count.cmp(&a.count))
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

/// The units a search looks in, with the name of the section or field each is in: the
/// title, the summary, each alias and each tag; then each paragraph, item, heading or
/// quote whole, and code a line at a time. Text of one span, the most common case, is
/// borrowed rather than copied.
fn each_searched_text<'a>(
    topic: &'a Topic,
    sections: &[String],
    mut visit: impl FnMut(&'a str, Cow<'a, str>),
) {
    let wanted = |name: &str| sections.is_empty() || sections.iter().any(|s| s == name);
    let [title, summary, _, tags] = SEARCHED_FIELDS;
    let fields = [(title, &topic.title), (summary, &topic.summary)]
        .into_iter()
        .chain(topic.aliases.iter().map(|alias| (ALIASES, alias)))
        .chain(topic.tags.iter().map(|tag| (tags, tag)));
    for (field, text) in fields.filter(|(field, _)| wanted(field)) {
        visit(field, Cow::Borrowed(text));
    }
    for section in topic.sections.iter().filter(|s| wanted(&s.name)) {
        for block in &section.blocks.blocks {
            match block {
                Block::Heading { spans, .. }
                | Block::Paragraph(spans)
                | Block::Item { spans, .. }
                | Block::Quote(spans) => match spans.as_slice() {
                    [one] => visit(&section.name, Cow::Borrowed(&one.text)),
                    _ => visit(&section.name, Cow::Owned(spans_text(spans))),
                },
                Block::Code(lines) => {
                    (lines.iter()).for_each(|line| visit(&section.name, Cow::Borrowed(line)))
                }
                Block::Rule => {}
            }
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
pub fn render_lines(matches: &[Match], query: &Query, style: Style) -> String {
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
        for found in query.found_in(&m.text) {
            let start = bounds[bounds.partition_point(|&b| b <= found.start) - 1].max(last);
            let end = bounds[bounds.partition_point(|&b| b < found.end)];
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
        matches_in(topic, &query(text, is_regex).unwrap(), &names)
    }

    fn query(text: &str, is_regex: bool) -> Result<Query, QueryError> {
        Query::new(&[text.to_string()], is_regex)
    }

    fn topic(slug: &str, body: &str) -> Topic {
        let text = format!(
            "---\ntitle: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n---\n{body}"
        );
        parse_topic("t.md", slug, FileFormat::Markdown, &text).unwrap()
    }

    #[test]
    fn finds_of_several_terms_are_in_order_and_overlapping_ones_joined() {
        let terms = ["heel", "the heel", "pain", "rest"].map(String::from);
        let query = Query::new(&terms, false).unwrap();
        let text = "Rest the heel; heel pain eases.";
        let found: Vec<&str> = (query.found_in(text).into_iter())
            .map(|range| &text[range])
            .collect();
        assert_eq!(found, ["Rest", "the heel", "heel", "pain"]);
    }

    #[test]
    fn a_name_is_looked_for_as_its_words_with_spaces_between() {
        assert_eq!(name_as_phrase("heel-pain").as_deref(), Some("heel pain"));
        assert_eq!(name_as_phrase(" heel__pain ").as_deref(), Some("heel pain"));
        assert_eq!(name_as_phrase("-- _\u{200B}"), None);
    }

    #[test]
    fn a_word_is_put_right_from_the_text_before_a_misspelt_alias() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.add(TopicWords {
            text: ["fasciitis", "stay"].map(String::from).into(),
            aliases: ["fascitis", "strayer"].map(String::from).into(),
        });
        let put_right = |typed: &str, most_off, with_aliases| {
            respelled(&[typed.to_string()], &vocabulary, most_off, with_aliases)
                .map(|words| words.join(" "))
        };
        assert_eq!(
            put_right("fascitiss", 2, true).as_deref(),
            Some("fasciitis")
        );
        assert_eq!(put_right("strayr", 2, true).as_deref(), Some("strayer"));
        assert_eq!(put_right("strayr", 2, false).as_deref(), Some("stay"));
        assert_eq!(
            put_right("fascitis", 1, false).as_deref(),
            Some("fasciitis")
        );
        assert_eq!(put_right("stay", 2, true), None, "a word the text holds");
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
    fn a_literal_ignores_accents_either_way() {
        let t = topic(
            "a",
            "## Risks\n- El tendón se puede romper.\n- Un pequen\u{303}o bulto.\n- Tendon.\n",
        );
        let found = |typed| search_topic(&t, typed, false, &[]).len();
        assert_eq!(found("tendon"), 2);
        assert_eq!(found("TENDÓN"), 2);
        assert_eq!(
            found("pequeno"),
            1,
            "a letter with a combining accent after it"
        );
        assert_eq!(found("pequeño"), 1);
        assert_eq!(found("tendan"), 0);
    }

    #[test]
    fn literal_patterns_are_not_regular_expressions() {
        let t = topic("a", "## Overview\nAbout 1.5 inches (or less).\n");
        assert_eq!(search_topic(&t, "(or less)", false, &[]).len(), 1);
        assert!(search_topic(&t, "1x5", false, &[]).is_empty());
        assert_eq!(search_topic(&t, r"1\.\d", true, &[]).len(), 1);
        assert!(query("(", true).is_err());
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
        let p = query("pain", false).unwrap();
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
        let p = query("\u{1F469}", false).unwrap();
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
        let p = query("dvt", false).unwrap();
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
