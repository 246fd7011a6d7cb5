//! Turning topics into text: the plain form for pipes and scripts, and the styled,
//! wrapped form for a terminal. Pure functions from data to strings.

use std::borrow::{Borrow, Cow};
use std::fmt::Write as _;

use termimad::crossterm::style::{Attribute, Color, Stylize};
use termimad::minimad::{Compound, Line, Text};
use termimad::wrap::composite_kind_widths;
use termimad::{
    Alignment, CompositeKind, CompoundStyle, FmtComposite, FmtLine, FmtText, LineStyle, MadSkin,
    Spacing,
};
use unicode_width::UnicodeWidthStr;

use crate::clinic::{tier_call, Clinic};
use crate::labels::labels;
use crate::lang::Lang;
use crate::markdown::{Block, Span};
use crate::tiers::TierKey;
use crate::topic::{Header, Part, Section, SectionKey, Source, Topic, BUILT_IN_ORIGIN};
use crate::wrap;

/// How output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// For pipes and files: no escape codes, no wrapping, one line per paragraph or item.
    Plain,
    /// For a terminal: wrapped to `width` columns, and decorated as it allows.
    Wrapped {
        decoration: Decoration,
        width: usize,
    },
}

/// What a terminal is sent besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoration {
    /// Colour, bold, italic and underline.
    Colour,
    /// Bold, italic and underline but no colour, for NO_COLOR.
    Emphasis,
    /// No escape codes at all, for `--color never` and TERM=dumb.
    Bare,
}

/// The blocks `show` prints: the whole topic when `parts` is empty, else the asked parts
/// in the asked order. The whole topic leaves out empty sections. `closing_note` adds the
/// short disclaimer when the disclaimer section is not among what is shown.
/// Under each tier of the warning signs, a line says whom to call, with the number from
/// `clinic` where it has one. A section's blocks are borrowed, not copied.
pub fn topic_blocks<'a>(
    topic: &'a Topic,
    parts: &[Part],
    closing_note: bool,
    clinic: &Clinic,
) -> Vec<Cow<'a, Block>> {
    let mut blocks = Vec::new();
    let push_section = |blocks: &mut Vec<Cow<'a, Block>>, section: Option<&'a Section>| {
        if let Some(section) = section {
            let body = &section.blocks;
            if body.blocks.is_empty() && parts.is_empty() {
                return;
            }
            blocks.push(Cow::Owned(Block::Heading {
                level: 2,
                spans: vec![Span::plain(&section.title)],
                id: None,
            }));
            blocks.extend(section_blocks(section, clinic, topic.lang));
        }
    };
    if parts.is_empty() {
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
                push_section(&mut blocks, Some(section));
            }
        }
        blocks.extend(sources_blocks(topic).into_iter().map(Cow::Owned));
        push_section(&mut blocks, topic.section(SectionKey::Disclaimer));
    } else {
        for part in parts {
            match part {
                Part::Section(name) => push_section(&mut blocks, topic.section_named(name)),
                Part::Sources => blocks.extend(sources_blocks(topic).into_iter().map(Cow::Owned)),
            }
        }
    }
    let disclaimer = SectionKey::Disclaimer.as_str();
    let shows_disclaimer = topic
        .section(SectionKey::Disclaimer)
        .is_some_and(|s| !s.markdown.trim().is_empty())
        && (parts.is_empty() || parts.contains(&Part::Section(disclaimer.to_string())));
    if closing_note && !shows_disclaimer {
        blocks.push(Cow::Owned(Block::Paragraph(vec![Span::italic(
            labels(topic.lang).short_disclaimer,
        )])));
    }
    blocks
}

/// A section's blocks as shown, with the line that says whom to call, in `lang`, under
/// each tier's heading.
pub fn section_blocks<'a>(
    section: &'a Section,
    clinic: &Clinic,
    lang: Lang,
) -> Vec<Cow<'a, Block>> {
    let mut blocks = Vec::with_capacity(section.blocks.blocks.len());
    for block in &section.blocks.blocks {
        blocks.push(Cow::Borrowed(block));
        if let Some(tier) = tier_of(section, block) {
            let call = Span::bold(tier_call(clinic, tier, lang));
            blocks.push(Cow::Owned(Block::Paragraph(vec![call])));
        }
    }
    blocks
}

/// The tier whose heading `block` is, in the warning signs.
pub fn tier_of(section: &Section, block: &Block) -> Option<TierKey> {
    match block {
        Block::Heading {
            level: 3,
            id: Some(id),
            ..
        } if section.key == SectionKey::WarningSigns => TierKey::from_id(id),
        _ => None,
    }
}

fn sources_blocks(topic: &Topic) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !topic.sources.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            spans: vec![Span::plain(labels(topic.lang).sources)],
            id: None,
        });
    }
    blocks.extend(topic.sources.iter().map(|source| Block::Item {
        depth: 0,
        number: None,
        spans: vec![Span::plain(source_line(source, topic.lang))],
    }));
    blocks.extend(
        review_lines(topic)
            .into_iter()
            .map(|line| Block::Paragraph(vec![Span::plain(line)])),
    );
    blocks
}

/// When the topic was last reviewed and, only where the file names one, by which clinician,
/// in the topic's language.
pub fn review_lines(topic: &Topic) -> Vec<String> {
    let words = labels(topic.lang);
    let mut lines = vec![format!(
        "{}: {}",
        words.last_reviewed,
        topic.reviewed.written(topic.lang)
    )];
    if let Some(reviewer) = &topic.reviewed_by {
        lines.push(format!("{}: {reviewer}", words.medical_review));
    }
    lines
}

/// A source as one line of a reference list, with its dates as a reader of `lang` writes
/// them.
pub fn source_line(source: &Source, lang: Lang) -> String {
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
        source.date.map(|date| date.written(lang)),
        (source.accessed).map(|day| format!("{} {}", labels(lang).accessed, day.written(lang))),
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
        Style::Wrapped { decoration, width } => render_wrapped(blocks, decoration, width),
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

/// Items nested deeper are drawn at this depth, so that their indent leaves room for words.
const DEEPEST_LEVEL: usize = 6;

/// termimad indents a list item one column a level; two show the nesting, as plain output
/// does.
const COLUMNS_A_LEVEL: usize = 2;

/// Shown before the emergency tier's heading, so that it stands out without colour too.
pub const EMERGENCY_MARKER: &str = "!! ";

/// Drawn under a topic's title, as wide as the title.
const TITLE_RULE: char = '━';

/// Lays the blocks out with termimad, wrapped to `width` columns by [`crate::wrap`].
pub fn render_wrapped<B: Borrow<Block>>(
    blocks: &[B],
    decoration: Decoration,
    width: usize,
) -> String {
    // Borrowed by the rule under the title.
    let rule = TITLE_RULE.to_string().repeat(width);
    let mut lines: Vec<Line> = Vec::new();
    let mut previous: Option<&Block> = None;
    for block in blocks.iter().map(Borrow::borrow) {
        if previous.is_some_and(|p| blank_between(p, block)) {
            lines.push(Line::new_paragraph(Vec::new()));
        }
        match block {
            Block::Heading {
                level: 1, spans, ..
            } => {
                lines.push(Line::new_header(1, compounds(spans)));
                let title_width = spans.iter().map(|s| s.text.width()).sum::<usize>();
                let end = title_width.clamp(1, width) * TITLE_RULE.len_utf8();
                lines.push(Line::new_header(1, vec![Compound::raw_str(&rule[..end])]));
            }
            Block::Heading {
                level: 3,
                spans,
                id: Some(id),
            } if id == TierKey::Emergency.as_str() => {
                let mut heading = vec![Compound::raw_str(EMERGENCY_MARKER)];
                heading.extend(compounds(spans));
                for compound in &mut heading {
                    compound.strikeout = true;
                }
                lines.push(Line::new_header(3, heading));
            }
            Block::Heading { level, spans, .. } => {
                lines.push(Line::new_header(*level, compounds(spans)))
            }
            Block::Paragraph(spans) => lines.push(Line::new_paragraph(compounds(spans))),
            Block::Item {
                depth,
                number,
                spans,
            } => {
                let level = ((*depth).min(DEEPEST_LEVEL) * COLUMNS_A_LEVEL) as u8;
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
    let skin = skin(decoration);
    // Laid out by termimad without a width, then wrapped here: termimad would break
    // wherever one style meets another, even before a comma or inside a word.
    let mut text = FmtText::from_text(&skin, Text { lines }, None);
    text.lines = std::mem::take(&mut text.lines)
        .into_iter()
        .flat_map(|line| wrap_line(line, &skin, width))
        .collect();
    give_code_blocks_one_width(&mut text.lines);
    text.width = Some(width);
    let text = text.to_string();
    // termimad pads some lines with spaces to the width; they would only trail.
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// One line as one or more lines no wider than `width`, list items' and quotes'
/// continuation lines indented under their text.
fn wrap_line<'s>(line: FmtLine<'s>, skin: &MadSkin, width: usize) -> Vec<FmtLine<'s>> {
    let FmtLine::Normal(composite) = line else {
        return vec![line];
    };
    let (left, right) = skin.line_style(composite.kind).margins_in(Some(width));
    let room = width.saturating_sub(left + right);
    if composite.visible_length <= room {
        return vec![FmtLine::Normal(composite)];
    }
    let (first_indent, next_indent) = composite_kind_widths(composite.kind, skin);
    let runs: Vec<&str> = composite.compounds.iter().map(|c| c.src).collect();
    let is_code_line = composite.kind == CompositeKind::Code;
    let lines = wrap::break_lines(
        &runs,
        room.saturating_sub(first_indent),
        room.saturating_sub(next_indent),
        |_| is_code_line,
    );
    lines
        .into_iter()
        .enumerate()
        .map(|(index, pieces)| {
            let kind = if index == 0 {
                composite.kind
            } else {
                continuation(composite.kind)
            };
            let mut part = FmtComposite {
                kind,
                compounds: (pieces.iter())
                    .map(|p| composite.compounds[p.run].sub(p.start, p.end))
                    .collect(),
                visible_length: 0,
                spacing: None,
            };
            part.recompute_width(skin);
            FmtLine::Normal(part)
        })
        .collect()
}

/// The kind of the lines that continue a wrapped line of `kind`.
fn continuation(kind: CompositeKind) -> CompositeKind {
    match kind {
        CompositeKind::ListItem(level) => CompositeKind::ListItemFollowUp(level),
        CompositeKind::OrderedListItem { level, index } => {
            CompositeKind::OrderedListItemFollowUp { level, index }
        }
        other => other,
    }
}

/// The lines of a code block share one background, as wide as its widest line.
fn give_code_blocks_one_width(lines: &mut [FmtLine]) {
    let is_code =
        |line: &FmtLine| matches!(line, FmtLine::Normal(c) if c.kind == CompositeKind::Code);
    let mut start = 0;
    while start < lines.len() {
        let end = start + lines[start..].iter().take_while(|l| is_code(l)).count();
        let widest = lines[start..end]
            .iter()
            .map(FmtLine::visible_length)
            .max()
            .unwrap_or(0);
        for line in &mut lines[start..end] {
            if let FmtLine::Normal(code) = line {
                code.spacing = Some(Spacing {
                    width: widest,
                    align: Alignment::Left,
                });
            }
        }
        start = end + 1;
    }
}

/// One compound per span.
fn compounds(spans: &[Span]) -> Vec<Compound<'_>> {
    spans
        .iter()
        .map(|span| {
            let mut compound = Compound::raw_str(&span.text);
            compound.bold = span.bold;
            compound.italic = span.italic;
            compound.code = span.code;
            compound
        })
        .collect()
}

/// termimad's styles for each [`Decoration`]. Topics have no struck-out text, so its
/// style is free to be the alarm style of the emergency tier.
fn skin(decoration: Decoration) -> MadSkin {
    let mut skin = match decoration {
        Decoration::Bare => return MadSkin::no_style(),
        Decoration::Emphasis => MadSkin::no_style(),
        Decoration::Colour => MadSkin::default(),
    };
    skin.bold = CompoundStyle::with_attr(Attribute::Bold);
    skin.italic = CompoundStyle::with_attr(Attribute::Italic);
    skin.strikeout = CompoundStyle::with_attr(Attribute::Bold);
    // The title bold, each section's heading bold and underlined, the rest underlined.
    for heading in &mut skin.headers {
        *heading = LineStyle::default();
        heading.add_attr(Attribute::Underlined);
    }
    skin.headers[0] = LineStyle::default();
    skin.headers[0].add_attr(Attribute::Bold);
    skin.headers[1].add_attr(Attribute::Bold);
    if decoration == Decoration::Colour {
        skin.headers[0].set_fg(Color::Cyan);
        skin.strikeout.set_fg(Color::Red);
    }
    skin
}

/// How far the later lines of a wrapped record (a search match, a finding, a topic in a
/// narrow list) are indented.
pub const HANGING_INDENT: usize = 4;

/// Text made of `runs`, wrapped to `width` columns with each line after the first
/// indented by `indent`, and each piece of run `n` passed through `paint(n, piece)`.
pub fn wrap_hanging(
    runs: &[&str],
    width: usize,
    indent: usize,
    paint: impl Fn(usize, &str) -> String,
) -> String {
    let mut out = String::new();
    let lines = wrap::break_lines(runs, width, width.saturating_sub(indent), |_| false);
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            out.extend(std::iter::repeat_n(' ', indent));
        }
        for piece in line {
            out.push_str(&paint(piece.run, &runs[piece.run][piece.start..piece.end]));
        }
        out.push('\n');
    }
    out
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
/// where each topic comes from when they do not all come from footcare itself. Too narrow
/// for columns, each topic is its slug and title, then its summary indented below.
pub fn list_wrapped(topics: &[Header], decoration: Decoration, width: usize) -> String {
    let show_origin = topics.iter().any(|t| t.origin() != BUILT_IN_ORIGIN);
    let slug_width = topics.iter().map(|t| t.slug.width()).max().unwrap_or(0);
    let title_width = topics.iter().map(|t| t.title.width()).max().unwrap_or(0);
    let summary_column = slug_width + title_width + 4;
    let in_columns = width >= summary_column + 24;
    let (indent, summary_width) = if in_columns {
        (summary_column, width - summary_column)
    } else {
        (HANGING_INDENT, width.saturating_sub(HANGING_INDENT))
    };
    let decorated = decoration != Decoration::Bare;
    let bold = |text: &str| {
        if decorated {
            text.bold().to_string()
        } else {
            text.to_string()
        }
    };
    let dim = |text: &str| {
        if decorated {
            text.dim().to_string()
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for topic in topics {
        let origin = format!("from {}", topic.origin());
        let mut details = vec![topic.summary.as_str()];
        if show_origin {
            details.push(&origin);
        }
        let mut lines = Vec::new();
        for detail in details {
            let wrapped = wrap_hanging(&[detail], summary_width, 0, |_, text| dim(text));
            lines.extend(wrapped.lines().map(str::to_string));
        }
        if in_columns {
            out.push_str(&bold(&pad(&topic.slug, slug_width)));
            out.push_str("  ");
            out.push_str(&pad(&topic.title, title_width));
        } else {
            let heading = wrap_hanging(
                &[&pad(&topic.slug, slug_width), "  ", &topic.title],
                width,
                HANGING_INDENT,
                |run, text| {
                    if run == 0 {
                        bold(text)
                    } else {
                        text.to_string()
                    }
                },
            );
            out.push_str(heading.trim_end_matches('\n'));
        }
        for (index, line) in lines.iter().enumerate() {
            if index > 0 || !in_columns {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', indent));
            } else {
                out.push_str("  ");
            }
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
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

    fn parts(keys: &[SectionKey]) -> Vec<Part> {
        keys.iter()
            .map(|key| Part::Section(key.to_string()))
            .collect()
    }

    fn plain(topic: &Topic, keys: &[SectionKey]) -> String {
        render_plain(&topic_blocks(
            topic,
            &parts(keys),
            false,
            &Clinic::default(),
        ))
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
            topic_blocks(&topic(), &parts(keys), true, &Clinic::default())
                .last()
                .is_some_and(|b| {
                    **b == Block::Paragraph(vec![Span::italic(labels(Lang::En).short_disclaimer)])
                })
        };
        assert!(note(&[SectionKey::Risks]));
        assert!(!note(&[]));
        assert!(!note(&[SectionKey::Risks, SectionKey::Disclaimer]));
    }

    #[test]
    fn wrapped_output_reflows_to_the_width() {
        let long = "This sentence is long enough that it has to wrap somewhere.\n".repeat(4);
        let blocks = to_blocks(&format!("{long}\n- {long}"));
        let out = render_wrapped(&blocks, Decoration::Bare, 30);
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
                let out = render_wrapped(&to_blocks(&markdown), Decoration::Bare, width);
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
        let out = render_wrapped(&to_blocks(item), Decoration::Bare, 80);
        let first = out.lines().next().unwrap();
        assert!(first.width() > 70, "first line cut short: {out}");
    }

    #[test]
    fn colour_brings_escape_codes_and_no_colour_none() {
        let topic = topic();
        let blocks = topic_blocks(
            &topic,
            &parts(&[SectionKey::Overview]),
            true,
            &Clinic::default(),
        );
        assert!(render_wrapped(&blocks, Decoration::Colour, 80).contains("\x1b["));
        assert!(!render_wrapped(&blocks, Decoration::Bare, 80).contains('\x1b'));
        assert!(!render_plain(&blocks).contains('\x1b'));
    }

    #[test]
    fn the_plain_list_is_tab_separated() {
        let topic = topic().header();
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
        let out = list_wrapped(&[first.header(), second.header()], Decoration::Bare, 60);
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
