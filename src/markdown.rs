//! Markdown reduced to the blocks footcare shows: headings, paragraphs, list items,
//! quotes and code. Both renderers work from these, so they agree on what a topic says.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::labels::labels;
use crate::lang::Lang;
use crate::sanitize::sanitize;

/// The Markdown dialect of topic bodies.
pub fn markdown_options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH
}

/// Markdown with each character reference (`&#27;`, `&rlm;`) that decodes to a character
/// [`sanitize`] must show rewritten as what it shows, so that the Markdown footcare
/// prints, and what any Markdown reader makes of it, says what every other output says.
/// Each is rewritten wherever it stands, in code too: joined with other Markdown, a
/// section's code may end where it did not in its own file. Which text is a reference,
/// and what it means, is pulldown-cmark's decision, as everywhere else.
pub fn defuse_references(markdown: &str) -> Cow<'_, str> {
    let mut defused: Option<String> = None;
    let mut copied_to = 0;
    for (at, _) in markdown.match_indices('&') {
        let Some(reference) = reference_at(markdown, at).filter(|_| at >= copied_to) else {
            continue;
        };
        let decoded: String = Parser::new(reference)
            .filter_map(|event| match event {
                Event::Text(text) => Some(text.into_string()),
                _ => None,
            })
            .collect();
        if decoded == reference {
            continue;
        }
        if let Cow::Owned(shown) = sanitize(&decoded) {
            let out = defused.get_or_insert_with(|| String::with_capacity(markdown.len()));
            out.push_str(&markdown[copied_to..at]);
            out.push_str(&shown);
            copied_to = at + reference.len();
        }
    }
    match defused {
        Some(mut out) => {
            out.push_str(&markdown[copied_to..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(markdown),
    }
}

/// Plain text (a title, a source, a line of search output) made ready to stand in Markdown
/// as it is: an `&` that could start a character reference is escaped, and so is a
/// backslash before one, so that no Markdown reader turns `&#x202E;` into the character it
/// names.
pub fn plain_in_markdown(text: &str) -> Cow<'_, str> {
    let mut escaped: Option<String> = None;
    let mut copied_to = 0;
    for (at, _) in text.match_indices('&') {
        if reference_at(text, at).is_none() {
            continue;
        }
        // Each backslash just before it would escape the next, or the `&`.
        let before = &text[copied_to..at];
        let backslashes = before.len() - before.trim_end_matches('\\').len();
        let out = escaped.get_or_insert_with(|| String::with_capacity(text.len() + 8));
        out.push_str(before);
        out.extend(std::iter::repeat_n('\\', backslashes + 1));
        copied_to = at;
    }
    match escaped {
        Some(mut out) => {
            out.push_str(&text[copied_to..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// The text from the `&` at `at` to the first `;`, if it is shaped like a character
/// reference: `#` or a letter after the `&`, and no longer than the longest reference.
fn reference_at(text: &str, at: usize) -> Option<&str> {
    const LONGEST: usize = 33;
    let rest = &text.as_bytes()[at + 1..];
    let shaped = rest
        .first()
        .is_some_and(|b| *b == b'#' || b.is_ascii_alphabetic());
    let end = rest.iter().take(LONGEST).position(|&b| b == b';')?;
    shaped.then(|| &text[at..at + end + 2])
}

/// A run of text in one style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// Set when the span stands for a picture; its text is then what a terminal shows.
    pub picture: Option<PictureRef>,
}

/// A picture in a topic, `![alt](path)`, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PictureRef {
    /// The path from the topic file's folder.
    pub path: String,
    /// The words that stand for it where it cannot be seen.
    pub alt: String,
}

/// How text output shows a picture: by what it shows, under the word for a picture in
/// the topic's language.
pub fn picture_text(alt: &str, lang: Lang) -> String {
    let picture = labels(lang).picture;
    match alt.trim() {
        "" => format!("[{picture}]"),
        alt => format!("[{picture}: {alt}]"),
    }
}

/// Words each picture among `blocks` in `lang`: blocks are read before their topic's
/// language is known to them.
pub fn label_pictures(blocks: &mut Blocks, lang: Lang) {
    for block in &mut blocks.blocks {
        let spans = match block {
            Block::Heading { spans, .. }
            | Block::Paragraph(spans)
            | Block::Item { spans, .. }
            | Block::Quote(spans) => spans,
            Block::Code(_) | Block::Rule => continue,
        };
        for span in spans {
            if let Some(picture) = &span.picture {
                span.text = picture_text(&picture.alt, lang);
            }
        }
    }
}

/// Every picture among some blocks, in reading order.
pub fn pictures(blocks: &[Block]) -> impl Iterator<Item = &PictureRef> {
    blocks
        .iter()
        .flat_map(|block| match block {
            Block::Heading { spans, .. }
            | Block::Paragraph(spans)
            | Block::Item { spans, .. }
            | Block::Quote(spans) => spans.as_slice(),
            Block::Code(_) | Block::Rule => &[],
        })
        .filter_map(|span| span.picture.as_ref())
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            italic: true,
            ..Span::plain(text)
        }
    }

    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }
}

/// One line's worth of content: a paragraph is a block however many lines it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `id` is the heading's `{#id}` attribute, if it has one.
    Heading {
        level: u8,
        spans: Vec<Span>,
        id: Option<String>,
    },
    Paragraph(Vec<Span>),
    /// `depth` 0 is a top-level item; `number` is set for ordered lists.
    Item {
        depth: usize,
        number: Option<u64>,
        spans: Vec<Span>,
    },
    Quote(Vec<Span>),
    Code(Vec<String>),
    Rule,
}

/// Markdown reduced to blocks, with the byte offset in the Markdown at which each starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    pub blocks: Vec<Block>,
    /// Where each of `blocks` starts.
    pub starts: Vec<usize>,
}

/// The text of some spans without their styling.
pub fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The top-level list items among some blocks, as plain text.
pub fn top_level_items(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Item {
                depth: 0, spans, ..
            } => Some(spans_text(spans)),
            _ => None,
        })
        .collect()
}

/// Reduces Markdown to blocks. Soft and hard line breaks become spaces, so each
/// paragraph and each list item is one block however it was wrapped in the source.
pub fn to_blocks(markdown: &str) -> Vec<Block> {
    to_located_blocks(markdown).blocks
}

/// The blocks with the byte offset in `markdown` at which each starts.
pub fn to_located_blocks(markdown: &str) -> Blocks {
    let mut builder = BlockBuilder::default();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        builder.push(event, range.start);
    }
    builder.finish()
}

/// The kind of block being gathered.
#[derive(Debug, Clone)]
enum Open {
    Heading(u8, Option<String>),
    Paragraph,
    Item { depth: usize, number: Option<u64> },
    Quote,
}

/// Gathers blocks from pulldown-cmark's events, so that a caller that reads the events
/// for its own ends (finding a topic's sections) gets the blocks from the same pass.
#[derive(Default)]
pub struct BlockBuilder {
    done: Blocks,
    /// How many tags are open: 0 between top-level blocks.
    depth: usize,
    /// Whether a `#` or `##` heading stood at the top level.
    section_heading: bool,
    /// Where the event being handled starts.
    offset: usize,
    open: Option<Open>,
    /// Where the open block started.
    open_at: usize,
    spans: Vec<Span>,
    bold: usize,
    italic: usize,
    /// The next number of each open list, `None` for a bullet list.
    lists: Vec<Option<u64>>,
    quotes: usize,
    /// Set inside a code block, holding its text so far.
    code: Option<String>,
    /// The destination of each open link and where its text starts.
    links: Vec<(String, usize)>,
    /// The path of the open picture and how many spans there were before its alt text.
    picture: Option<(String, usize)>,
    /// How many pictures are open inside the open picture's words.
    inner_pictures: usize,
}

impl BlockBuilder {
    /// Takes the next event, which starts at byte `offset` of the Markdown.
    pub fn push(&mut self, event: Event, offset: usize) {
        self.offset = offset;
        match event {
            Event::Start(tag) => {
                if self.depth == 0
                    && matches!(
                        tag,
                        Tag::Heading {
                            level: HeadingLevel::H1 | HeadingLevel::H2,
                            ..
                        }
                    )
                {
                    self.section_heading = true;
                }
                self.depth += 1;
                self.start(tag);
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(tag);
            }
            Event::Text(text) => match self.code.as_mut() {
                Some(code) => code.push_str(&sanitize(&text)),
                None => self.push_text(&text, false),
            },
            Event::Code(text) => self.push_text(&text, true),
            Event::Html(text) | Event::InlineHtml(text) => self.push_text(&text, false),
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", false),
            Event::Rule => {
                self.flush();
                self.push_block(Block::Rule, self.offset);
            }
            _ => {}
        }
    }

    /// Whether the Markdown had a top-level `#` or `##` heading, which only a Markdown
    /// topic's section breaks may have.
    pub fn saw_section_heading(&self) -> bool {
        self.section_heading
    }

    /// The blocks, with where each starts.
    pub fn finish(mut self) -> Blocks {
        self.flush();
        self.done
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, id, .. } => {
                self.flush();
                let id = id.map(|id| sanitize(&id).into_owned());
                self.open_block(Open::Heading(heading_level(level), id));
            }
            Tag::Paragraph => {
                // A paragraph inside a list item continues that item's line.
                if let Some(Open::Item { .. }) = &self.open {
                    if !self.spans.is_empty() {
                        self.push_text(" ", false);
                    }
                } else {
                    self.flush();
                }
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let number = self.lists.last_mut().and_then(|next| {
                    let current = *next;
                    *next = next.map(|n| n.saturating_add(1));
                    current
                });
                self.open_block(Open::Item {
                    depth: self.lists.len().saturating_sub(1),
                    number,
                });
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
                self.open_at = self.offset;
            }
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            Tag::Link { dest_url, .. } => {
                let start = self.spans.iter().map(|s| s.text.len()).sum();
                self.links.push((dest_url.to_string(), start));
            }
            // A picture inside another's words is only words: the outer one is the picture.
            Tag::Image { dest_url, .. } if self.picture.is_none() => {
                if self.open.is_none() {
                    self.open_block(if self.quotes > 0 {
                        Open::Quote
                    } else {
                        Open::Paragraph
                    });
                }
                self.picture = Some((sanitize(&dest_url).into_owned(), self.spans.len()));
                self.inner_pictures = 0;
            }
            Tag::Image { .. } => self.inner_pictures += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Item | TagEnd::HtmlBlock => self.flush(),
            // An item's paragraphs all go on the item's one line.
            TagEnd::Paragraph if !matches!(self.open, Some(Open::Item { .. })) => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let lines = code.lines().map(str::to_string).collect();
                    self.push_block(Block::Code(lines), self.open_at);
                }
            }
            TagEnd::Image if self.inner_pictures > 0 => self.inner_pictures -= 1,
            TagEnd::Image => {
                if let Some((path, first)) = self.picture.take() {
                    let alt = spans_text(&self.spans[first.min(self.spans.len())..]);
                    let alt = alt.trim().to_string();
                    self.spans.truncate(first);
                    self.spans.push(Span {
                        text: picture_text(&alt, Lang::En),
                        picture: Some(PictureRef { path, alt }),
                        ..Span::default()
                    });
                }
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Link => {
                // A terminal cannot follow a link, so its address is shown after its text.
                if let Some((url, start)) = self.links.pop() {
                    let text = spans_text(&self.spans);
                    if !url.is_empty() && text.get(start..).is_some_and(|t| t.trim() != url) {
                        self.push_text(&format!(" ({url})"), false);
                    }
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str, code: bool) {
        if self.open.is_none() {
            self.open_block(if self.quotes > 0 {
                Open::Quote
            } else {
                Open::Paragraph
            });
        }
        // Entities such as `&#27;` decode to control characters: sanitise what came out.
        let text = sanitize(text);
        let style = (self.bold > 0, self.italic > 0, code);
        let same_style =
            |last: &Span| last.picture.is_none() && (last.bold, last.italic, last.code) == style;
        // A picture's words start a span of their own, to be told from the text before it.
        let in_open_span =
            (self.picture.as_ref()).is_none_or(|(_, first)| self.spans.len() > *first);
        match self.spans.last_mut() {
            Some(last) if in_open_span && same_style(last) => {
                push_on_one_line(&mut last.text, &text)
            }
            _ => {
                let mut span = Span {
                    text: String::with_capacity(text.len()),
                    bold: style.0,
                    italic: style.1,
                    code,
                    picture: None,
                };
                push_on_one_line(&mut span.text, &text);
                self.spans.push(span);
            }
        }
    }

    /// Ends the block being gathered, dropping it if it holds only white space.
    fn flush(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let mut spans = std::mem::take(&mut self.spans);
        trim_spans(&mut spans);
        if spans.is_empty() {
            return;
        }
        let block = match open {
            Open::Heading(level, id) => Block::Heading { level, spans, id },
            Open::Paragraph => Block::Paragraph(spans),
            Open::Item { depth, number } => Block::Item {
                depth,
                number,
                spans,
            },
            Open::Quote => Block::Quote(spans),
        };
        self.push_block(block, self.open_at);
    }

    fn open_block(&mut self, open: Open) {
        self.open = Some(open);
        self.open_at = self.offset;
    }

    fn push_block(&mut self, block: Block, start: usize) {
        self.done.blocks.push(block);
        self.done.starts.push(start);
    }
}

/// Adds `text` with its line breaks made spaces: a block is one line.
fn push_on_one_line(out: &mut String, text: &str) {
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        out.push(' ');
        out.push_str(line);
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Removes white space at both ends of a run of spans, and spans left empty.
fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        let space = first.text.len() - first.text.trim_start().len();
        first.text.drain(..space);
    }
    if let Some(last) = spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    spans.retain(|s| !s.text.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading { spans, .. }
                | Block::Paragraph(spans)
                | Block::Item { spans, .. }
                | Block::Quote(spans) => spans_text(spans),
                Block::Code(lines) => lines.join("\n"),
                Block::Rule => "---".to_string(),
            })
            .collect()
    }

    #[test]
    fn a_wrapped_paragraph_becomes_one_block() {
        let blocks = to_blocks("Rest your calf\nfor a few days.\n\nThen walk.\n");
        assert_eq!(
            texts(&blocks),
            ["Rest your calf for a few days.", "Then walk."]
        );
    }

    #[test]
    fn list_items_keep_depth_and_numbers() {
        let blocks = to_blocks("1. Rest\n2. Ice\n   - a cup of ice\n\n- Nerve\n  damage\n");
        assert_eq!(
            blocks,
            vec![
                Block::Item {
                    depth: 0,
                    number: Some(1),
                    spans: vec![Span::plain("Rest")]
                },
                Block::Item {
                    depth: 0,
                    number: Some(2),
                    spans: vec![Span::plain("Ice")]
                },
                Block::Item {
                    depth: 1,
                    number: None,
                    spans: vec![Span::plain("a cup of ice")]
                },
                Block::Item {
                    depth: 0,
                    number: None,
                    spans: vec![Span::plain("Nerve damage")]
                },
            ]
        );
    }

    #[test]
    fn a_loose_list_item_joins_its_paragraphs() {
        let blocks = to_blocks("- First part.\n\n  Second part.\n\n- Next\n");
        assert_eq!(texts(&blocks), ["First part. Second part.", "Next"]);
    }

    #[test]
    fn bold_and_emphasis_are_kept_as_styles() {
        let blocks = to_blocks("Call **today** if *it hurts*.");
        let Block::Paragraph(spans) = &blocks[0] else {
            panic!("expected a paragraph, got {blocks:?}");
        };
        assert!(spans.iter().any(|s| s.bold && s.text == "today"));
        assert!(spans.iter().any(|s| s.italic && s.text == "it hurts"));
        assert_eq!(spans_text(spans), "Call today if it hurts.");
    }

    #[test]
    fn links_show_their_address_after_the_text() {
        let blocks = to_blocks("See [the NHS page](https://www.nhs.uk/).");
        assert_eq!(texts(&blocks), ["See the NHS page (https://www.nhs.uk/)."]);
        let bare = to_blocks("<https://example.org>");
        assert_eq!(texts(&bare), ["https://example.org"]);
    }

    #[test]
    fn located_blocks_know_where_they_start() {
        let source = "First\nparagraph.\n\n- item one\n- item two\n";
        assert_eq!(to_located_blocks(source).starts, [0, 18, 29]);
    }

    #[test]
    fn character_references_cannot_smuggle_escapes() {
        let blocks = to_blocks("a&#27;[2J b&#x202E;c");
        assert_eq!(texts(&blocks), ["a\\x1b[2J b<U+202E>c"]);
    }

    #[test]
    fn references_to_hidden_or_control_characters_are_written_as_shown() {
        assert_eq!(defuse_references("a &#27;[2J b"), "a \\x1b[2J b");
        assert_eq!(defuse_references("&rlm;x&#x200B;y"), "<U+200F>x<U+200B>y");
        assert_eq!(
            defuse_references("`&ZeroWidthSpace;`"),
            "`<U+200B>`",
            "in code too"
        );
        for kept in [
            "A&E today; fine",
            "&amp; &lt;",
            "&#x41;",
            "&#10;",
            "&nosuch;",
            "&",
        ] {
            assert!(
                matches!(defuse_references(kept), Cow::Borrowed(_)),
                "{kept}"
            );
        }
        // What is left reads as the sanitised text of the original.
        let markdown = "## Note&#27;]0;t&#7; {#risks}\n\n- A &#x202E;b\n";
        assert_eq!(
            to_blocks(&defuse_references(markdown)),
            to_blocks(markdown),
            "the blocks were sanitised already"
        );
    }

    #[test]
    fn plain_text_in_markdown_keeps_its_references_literal() {
        assert_eq!(
            plain_in_markdown("A &#x202E; B &rlm;"),
            r"A \&#x202E; B \&rlm;"
        );
        assert!(matches!(plain_in_markdown("A&E, 5 & 6"), Cow::Borrowed(_)));
    }

    #[test]
    fn headings_quotes_and_code_are_their_own_blocks() {
        let blocks = to_blocks("### Day one\n\n> Take it\n> slowly.\n\n```\nline 1\nline 2\n```\n");
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 3,
                    spans: vec![Span::plain("Day one")],
                    id: None,
                },
                Block::Quote(vec![Span::plain("Take it slowly.")]),
                Block::Code(vec!["line 1".to_string(), "line 2".to_string()]),
            ]
        );
    }

    #[test]
    fn a_picture_is_one_span_of_its_words_and_keeps_the_text_around_it() {
        let blocks = to_blocks("See ![The **heel** pad](heel.svg) here.\n\n- ![](a.png)\n");
        let Block::Paragraph(spans) = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert_eq!(spans_text(spans), "See [Picture: The heel pad] here.");
        assert_eq!(
            spans[1].picture,
            Some(PictureRef {
                path: "heel.svg".into(),
                alt: "The heel pad".into()
            })
        );
        let all: Vec<&PictureRef> = pictures(&blocks).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].alt, "");
        assert_eq!(top_level_items(&blocks), ["[Picture]"]);
        let quoted = to_blocks("> ![A heel](heel.svg) and more\n");
        assert!(matches!(&quoted[0], Block::Quote(_)), "{quoted:?}");
        let nested = to_blocks("![outer ![inner](a.svg) words](b.svg)\n");
        let paths: Vec<&str> = pictures(&nested).map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["b.svg"]);
    }
}
