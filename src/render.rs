//! Turning topics into text: the plain form for pipes and scripts, and the styled,
//! wrapped form for a terminal. Pure functions from data to strings.

use std::borrow::{Borrow, Cow};
use std::fmt::Write as _;

use termimad::crossterm::style::Stylize;
use termimad::minimad::{Compound, Line, Text};
use termimad::wrap::composite_kind_widths;
use termimad::{CompositeKind, FmtText, MadSkin};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::markdown::{Block, Span};
use crate::topic::{Header, SectionKey, Source, Topic, BUILT_IN_ORIGIN};

/// How output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// For pipes and files: no escape codes, no wrapping, one line per paragraph or item.
    Plain,
    /// For a terminal: wrapped to `width` columns, with colour and emphasis if `color`.
    Wrapped { color: bool, width: usize },
}

/// Ends a terminal page that did not show the topic's own disclaimer.
pub const SHORT_DISCLAIMER: &str =
    "General information only, not medical advice: ask your own doctor about your care.";

/// The blocks `show` prints: the whole topic when `keys` is empty, else the asked sections
/// in the asked order. The whole topic leaves out empty sections. `closing_note` adds the
/// short disclaimer when the disclaimer section is not among what is shown.
/// A section's blocks are borrowed, not copied.
pub fn topic_blocks<'a>(
    topic: &'a Topic,
    keys: &[SectionKey],
    closing_note: bool,
) -> Vec<Cow<'a, Block>> {
    let mut blocks = Vec::new();
    let push_section = |blocks: &mut Vec<Cow<'a, Block>>, key: SectionKey| {
        if let Some(section) = topic.section(key) {
            let body = &section.blocks;
            if body.blocks.is_empty() && keys.is_empty() {
                return;
            }
            blocks.push(Cow::Owned(Block::Heading {
                level: 2,
                spans: vec![Span::plain(&section.title)],
                id: None,
            }));
            blocks.extend(body.blocks.iter().map(Cow::Borrowed));
        }
    };
    if keys.is_empty() {
        blocks.push(Cow::Owned(Block::Heading {
            level: 1,
            spans: vec![Span::plain(&topic.title)],
            id: None,
        }));
        blocks.push(Cow::Owned(Block::Paragraph(vec![Span::italic(
            &topic.summary,
        )])));
        for section in &topic.sections {
            if section.key != SectionKey::Disclaimer {
                push_section(&mut blocks, section.key);
            }
        }
        blocks.extend(sources_blocks(topic).into_iter().map(Cow::Owned));
        push_section(&mut blocks, SectionKey::Disclaimer);
    } else {
        for &key in keys {
            push_section(&mut blocks, key);
        }
    }
    let shows_disclaimer = topic
        .section(SectionKey::Disclaimer)
        .is_some_and(|s| !s.markdown.trim().is_empty())
        && (keys.is_empty() || keys.contains(&SectionKey::Disclaimer));
    if closing_note && !shows_disclaimer {
        blocks.push(Cow::Owned(Block::Paragraph(vec![Span::italic(
            SHORT_DISCLAIMER,
        )])));
    }
    blocks
}

fn sources_blocks(topic: &Topic) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !topic.sources.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            spans: vec![Span::plain("Sources")],
            id: None,
        });
    }
    blocks.extend(topic.sources.iter().map(|source| Block::Item {
        depth: 0,
        number: None,
        spans: vec![Span::plain(source_line(source))],
    }));
    blocks.extend(
        review_lines(topic)
            .into_iter()
            .map(|line| Block::Paragraph(vec![Span::plain(line)])),
    );
    blocks
}

/// When the topic was last reviewed and, only where the file names one, by which clinician.
pub fn review_lines(topic: &Topic) -> Vec<String> {
    let mut lines = vec![format!("Last reviewed: {}", topic.reviewed)];
    if let Some(reviewer) = &topic.reviewed_by {
        lines.push(format!("Medical review: {reviewer}"));
    }
    lines
}

/// A source as one line of a reference list.
pub fn source_line(source: &Source) -> String {
    let mut line = String::new();
    if let Some(authors) = &source.authors {
        line.push_str(authors);
        line.push_str(". ");
    }
    let title = source.title.trim_end_matches('.');
    line.push_str(title);
    if !title.ends_with(['?', '!']) {
        line.push('.');
    }
    let place = match (&source.journal, &source.publisher) {
        (Some(journal), Some(publisher)) => Some(format!("{journal} ({publisher})")),
        (name, None) | (None, name) => name.clone(),
    };
    // A page's publication date and the day it was read must never be mistaken for each
    // other.
    let parts: Vec<String> = [
        place,
        source.date.map(|date| date.to_string()),
        source.accessed.map(|day| format!("accessed {day}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    line.push(' ');
    line.push_str(&parts.join(", "));
    line.push('.');
    if let Some(doi) = &source.doi {
        line.push_str(" doi:");
        line.push_str(doi);
    }
    if let Some(url) = &source.url {
        line.push(' ');
        line.push_str(url);
    }
    line
}

pub fn render<B: Borrow<Block>>(blocks: &[B], style: Style) -> String {
    match style {
        Style::Plain => render_plain(blocks),
        Style::Wrapped { color, width } => render_wrapped(blocks, color, width),
    }
}

/// Whether a blank line separates two neighbouring blocks: list items stay together, and
/// a heading sits right above what it heads (but apart from a heading that follows it).
fn blank_between(previous: &Block, next: &Block) -> bool {
    match (previous, next) {
        (Block::Item { .. }, Block::Item { .. }) => false,
        (Block::Heading { .. }, next) => matches!(next, Block::Heading { .. }),
        _ => true,
    }
}

/// One line per heading, paragraph and list item; nested items are indented two spaces a
/// level. Nothing is wrapped and nothing is styled.
pub fn render_plain<B: Borrow<Block>>(blocks: &[B]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for block in blocks.iter().map(Borrow::borrow) {
        if *block == Block::Rule {
            continue;
        }
        if previous.is_some_and(|p| blank_between(p, block)) {
            out.push('\n');
        }
        match block {
            Block::Heading { spans, .. } | Block::Paragraph(spans) | Block::Quote(spans) => {
                push_spans(&mut out, spans);
            }
            Block::Item {
                depth,
                number,
                spans,
            } => {
                for _ in 0..*depth {
                    out.push_str("  ");
                }
                // Steps keep their numbers: a reader follows them in order.
                match number {
                    Some(number) => {
                        let _ = write!(out, "{number}. ");
                    }
                    None => out.push_str("- "),
                }
                push_spans(&mut out, spans);
            }
            Block::Code(lines) => {
                for line in lines {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Block::Rule => {}
        }
        previous = Some(block);
    }
    out
}

/// The spans' text as one line.
fn push_spans(out: &mut String, spans: &[Span]) {
    for span in spans {
        out.push_str(&span.text);
    }
    out.push('\n');
}

/// termimad's levels of nesting stop somewhere; deeper items are drawn at the deepest.
const DEEPEST_LEVEL: usize = 8;

/// Lays the blocks out with termimad, reflowed to `width` columns.
pub fn render_wrapped<B: Borrow<Block>>(blocks: &[B], color: bool, width: usize) -> String {
    let mut lines: Vec<Line> = Vec::new();
    let mut previous: Option<&Block> = None;
    for block in blocks.iter().map(Borrow::borrow) {
        if previous.is_some_and(|p| blank_between(p, block)) {
            lines.push(Line::new_paragraph(Vec::new()));
        }
        match block {
            Block::Heading { level, spans, .. } => {
                lines.push(Line::new_header(*level, compounds(spans)))
            }
            Block::Paragraph(spans) => lines.push(Line::new_paragraph(compounds(spans))),
            Block::Item {
                depth,
                number,
                spans,
            } => {
                let level = (*depth).min(DEEPEST_LEVEL) as u8;
                lines.push(match number {
                    Some(n) => Line::new_ordered_list_item(
                        level,
                        u32::try_from(*n).unwrap_or(u32::MAX),
                        compounds(spans),
                    ),
                    None => Line::new_list_item(level, compounds(spans)),
                });
            }
            Block::Quote(spans) => lines.push(Line::new_quote(compounds(spans))),
            Block::Code(code) => lines.extend(
                code.iter()
                    .map(|line| Line::new_code(Compound::raw_str(line).code())),
            ),
            Block::Rule => lines.push(Line::HorizontalRule),
        }
        previous = Some(block);
    }
    let skin = skin(color);
    keep_characters_whole(&mut lines, &skin, width);
    let text = FmtText::from_text(&skin, Text { lines }, Some(width)).to_string();
    // termimad leaves the space it broke a line at on the end of the line.
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// termimad cuts a word wider than the line wherever the line ends, which can fall inside
/// a character made of several code points (👩‍⚕️, or e and a combining accent): the halves
/// would show as two, and a joiner could end a line joining nothing. Such a word is given
/// to it in pieces that end between whole characters, each narrow enough to need no cut.
fn keep_characters_whole(lines: &mut [Line], skin: &MadSkin, width: usize) {
    let has_compound_character = |compound: &Compound| {
        (compound.src.graphemes(true)).any(|character| character.chars().nth(1).is_some())
    };
    for line in lines {
        let Line::Normal(composite) = line else {
            continue;
        };
        if !composite.compounds.iter().any(has_compound_character) {
            continue;
        }
        let kind = CompositeKind::from(composite.style);
        let (first_indent, next_indent) = composite_kind_widths(kind, skin);
        let (left, right) = skin.line_style(kind).margins_in(Some(width));
        let room = width
            .saturating_sub(left + right + first_indent.max(next_indent))
            .max(1);
        composite.compounds = std::mem::take(&mut composite.compounds)
            .into_iter()
            .flat_map(|compound| pieces_between_characters(compound, room))
            .collect();
    }
}

/// `compound` cut between characters so that no run of it without a space is wider than
/// `room`. termimad breaks code at any character, spaces too.
fn pieces_between_characters(compound: Compound<'_>, room: usize) -> Vec<Compound<'_>> {
    let mut pieces = Vec::new();
    let (mut start, mut run_width) = (0, 0);
    for (at, character) in compound.src.grapheme_indices(true) {
        if !compound.code && character.chars().all(char::is_whitespace) {
            run_width = 0;
            continue;
        }
        // Counted a code point at a time, as termimad counts.
        let width: usize = character.chars().filter_map(|c| c.width()).sum();
        if run_width + width > room && at > start {
            pieces.push(compound.sub(start, at));
            start = at;
            run_width = 0;
        }
        run_width += width;
    }
    pieces.push(compound.sub(start, compound.src.len()));
    pieces
}

/// One compound per span, or per word when that would make two or three compounds: given
/// so few, termimad breaks the line between them rather than between words, which can
/// leave a short first line.
fn compounds(spans: &[Span]) -> Vec<Compound<'_>> {
    let compound = |span: &Span, text| {
        let mut compound = Compound::raw_str(text);
        compound.bold = span.bold;
        compound.italic = span.italic;
        compound.code = span.code;
        compound
    };
    if matches!(spans.len(), 2 | 3) {
        spans
            .iter()
            .flat_map(|span| span.text.split_inclusive(' ').map(|w| compound(span, w)))
            .collect()
    } else {
        spans
            .iter()
            .map(|span| compound(span, &span.text))
            .collect()
    }
}

fn skin(color: bool) -> MadSkin {
    if !color {
        return MadSkin::no_style();
    }
    let mut skin = MadSkin::default();
    skin.headers[0].align = termimad::Alignment::Left;
    skin.headers[1].add_attr(termimad::crossterm::style::Attribute::Bold);
    skin
}

/// The topic list for scripts: `slug<TAB>title<TAB>summary<TAB>origin`, one topic a line.
pub fn list_plain(topics: &[Header]) -> String {
    let mut out = String::with_capacity(topics.len() * 128);
    for topic in topics {
        out.push_str(&topic.slug);
        let origin = topic.origin();
        for field in [&topic.title, &topic.summary, &origin] {
            out.push('\t');
            // A tab or line break inside a field would break the line into the wrong columns.
            if field.contains(['\t', '\n', '\r']) {
                out.push_str(&field.replace(['\t', '\n', '\r'], " "));
            } else {
                out.push_str(field);
            }
        }
        out.push('\n');
    }
    out
}

/// The topic list for a terminal: aligned columns, the summary wrapped under itself, and
/// where each topic comes from when they do not all come from footcare itself.
pub fn list_wrapped(topics: &[Header], color: bool, width: usize) -> String {
    let show_origin = topics.iter().any(|t| t.origin() != BUILT_IN_ORIGIN);
    let slug_width = topics.iter().map(|t| t.slug.width()).max().unwrap_or(0);
    let title_width = topics.iter().map(|t| t.title.width()).max().unwrap_or(0);
    let summary_column = slug_width + title_width + 4;
    // Too narrow a column for the summary reads badly: put it on lines of its own.
    let (indent, summary_width) = if width >= summary_column + 24 {
        (summary_column, width - summary_column)
    } else {
        (4, width.saturating_sub(4).max(20))
    };
    let mut out = String::new();
    for topic in topics {
        let slug = pad(&topic.slug, slug_width);
        let title = if indent == 4 {
            topic.title.to_string()
        } else {
            pad(&topic.title, title_width)
        };
        if color {
            out.push_str(&format!("{}  {}", slug.bold(), title));
        } else {
            out.push_str(&format!("{slug}  {title}"));
        }
        let mut lines = wrap_words(&topic.summary, summary_width);
        if show_origin {
            lines.extend(wrap_words(
                &format!("from {}", topic.origin()),
                summary_width,
            ));
        }
        for (index, line) in lines.iter().enumerate() {
            if index > 0 || indent == 4 {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
            } else {
                out.push_str("  ");
            }
            if color {
                out.push_str(&format!("{}", line.as_str().dim()));
            } else {
                out.push_str(line);
            }
        }
        out.push('\n');
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Greedy word wrap; a word longer than the width gets a line to itself.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_blocks;
    use crate::parse::{parse_topic, FileFormat};

    fn topic() -> Topic {
        let text = "---\ntitle: Calf strain\nsummary: A pulled calf muscle.\nkind: condition\n\
                    reviewed: 2026-11-24\nsources:\n  - title: A page\n    publisher: A clinic\n    \
                    date: 2023-07-17\n    doi: 10.1/x\n---\n\
                    ## Disclaimer\nGeneral information.\n\n\
                    ## Overview\nYour calf has\ntwo **big** muscles.\n\n\
                    ## Risks\n- It can tear\n  again.\n  - worse if you rush\n- It can ache.\n";
        parse_topic("calf-strain.md", "calf-strain", FileFormat::Markdown, text).unwrap()
    }

    fn header(topic: &Topic) -> Header {
        Header {
            slug: topic.slug.clone(),
            file: topic.file.clone(),
            title: topic.title.clone(),
            summary: topic.summary.clone(),
            kind: topic.kind,
            aliases: topic.aliases.clone(),
            tags: topic.tags.clone(),
        }
    }

    fn plain(topic: &Topic, keys: &[SectionKey]) -> String {
        render_plain(&topic_blocks(topic, keys, false))
    }

    #[test]
    fn plain_output_has_one_line_per_paragraph_and_item() {
        let out = plain(&topic(), &[SectionKey::Overview, SectionKey::Risks]);
        assert_eq!(
            out,
            "Overview\nYour calf has two big muscles.\n\n\
             Risks\n- It can tear again.\n  - worse if you rush\n- It can ache.\n"
        );
    }

    #[test]
    fn a_whole_topic_puts_sources_then_the_disclaimer_last() {
        let out = plain(&topic(), &[]);
        let order: Vec<usize> = [
            "Calf strain\nA pulled calf muscle.",
            "Overview",
            "Risks",
            "Sources\n- A page. A clinic, 2023-07-17. doi:10.1/x",
            "Last reviewed: 2026-11-24",
            "Disclaimer\nGeneral information.",
        ]
        .iter()
        .map(|part| {
            out.find(part)
                .unwrap_or_else(|| panic!("{part:?} missing from:\n{out}"))
        })
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
        assert!(out.starts_with("Calf strain\n"));
        assert!(out.ends_with("General information.\n"));
    }

    #[test]
    fn sections_come_in_the_order_asked() {
        let out = plain(&topic(), &[SectionKey::Risks, SectionKey::Overview]);
        assert!(out.find("Risks").unwrap() < out.find("Overview").unwrap());
        assert!(!out.contains("Disclaimer"));
    }

    #[test]
    fn the_short_disclaimer_closes_pages_without_the_full_one() {
        let note = |keys: &[SectionKey]| {
            topic_blocks(&topic(), keys, true)
                .last()
                .is_some_and(|b| **b == Block::Paragraph(vec![Span::italic(SHORT_DISCLAIMER)]))
        };
        assert!(note(&[SectionKey::Risks]));
        assert!(!note(&[]));
        assert!(!note(&[SectionKey::Risks, SectionKey::Disclaimer]));
    }

    #[test]
    fn wrapped_output_reflows_to_the_width() {
        let long = "This sentence is long enough that it has to wrap somewhere.\n".repeat(4);
        let blocks = to_blocks(&format!("{long}\n- {long}"));
        let out = render_wrapped(&blocks, false, 30);
        assert!(out.lines().count() > 8, "{out}");
        for line in out.lines() {
            assert!(line.width() <= 30, "{line:?} is wider than 30");
        }
        assert!(!out.contains('\x1b'));
        let words: Vec<&str> = out.split_whitespace().filter(|w| *w != "•").collect();
        assert_eq!(
            words.join(" "),
            format!("{} {}", long.trim(), long.trim()).replace('\n', " ")
        );
    }

    #[test]
    fn a_word_wider_than_the_line_breaks_between_whole_characters() {
        let nurse = "\u{1F469}\u{1F3FD}\u{200D}\u{2695}\u{FE0F}";
        let word = format!(
            "{}{nurse}{}e\u{301}{}",
            "a".repeat(15),
            "b".repeat(3),
            "c".repeat(30)
        );
        for width in 20..40 {
            for markdown in [word.clone(), format!("- {word}"), format!("> `{word}`")] {
                let out = render_wrapped(&to_blocks(&markdown), false, width);
                assert!(out.contains(nurse), "width {width}: {out}");
                assert!(out.contains("e\u{301}"), "width {width}: {out}");
                assert!(
                    out.lines().all(|l| l.width() <= width),
                    "width {width}: {out}"
                );
            }
        }
    }

    #[test]
    fn a_bold_lead_in_wraps_between_words_not_after_the_bold() {
        let item = "- **Call emergency services now** if you cough up blood, \
                    as a clot may have moved to your lungs.";
        let out = render_wrapped(&to_blocks(item), false, 80);
        let first = out.lines().next().unwrap();
        assert!(first.width() > 70, "first line cut short: {out}");
    }

    #[test]
    fn colour_brings_escape_codes_and_no_colour_none() {
        let topic = topic();
        let blocks = topic_blocks(&topic, &[SectionKey::Overview], true);
        assert!(render_wrapped(&blocks, true, 80).contains("\x1b["));
        assert!(!render_wrapped(&blocks, false, 80).contains('\x1b'));
        assert!(!render_plain(&blocks).contains('\x1b'));
    }

    #[test]
    fn the_plain_list_is_tab_separated() {
        let topic = header(&topic());
        assert_eq!(
            list_plain(&[topic]),
            "calf-strain\tCalf strain\tA pulled calf muscle.\t.\n"
        );
    }

    #[test]
    fn the_terminal_list_aligns_titles_and_fits_the_width() {
        let first = topic();
        let mut second = topic();
        second.slug = "plantar-fascia-release".to_string();
        second.summary = "word ".repeat(40);
        let out = list_wrapped(&[header(&first), header(&second)], false, 60);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0].find("Calf strain"),
            lines
                .iter()
                .find(|l| l.starts_with("plantar"))
                .unwrap()
                .find("Calf strain")
        );
        assert!(lines.iter().all(|l| l.width() <= 60), "{out}");
    }
}
