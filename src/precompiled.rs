//! The built-in topics as the build stores them in the binary: each one already parsed,
//! with its sections' blocks, in a small binary form. build.rs parses them with this
//! crate's own parser and encodes them here; at run time a topic is decoded instead of
//! parsed, which costs a fraction of the instructions.

use crate::binary::{put_list, put_str, put_strings, put_u64, put_usize, Reader};
use crate::date::{Date, SourceDate};
use crate::markdown::{Block, Blocks, Span};
use crate::topic::{Kind, Section, SectionKey, Source, Topic};

/// A topic and its sections' blocks, for [`decode`].
pub fn encode(topic: &Topic) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 * 1024);
    for text in [&topic.slug, &topic.file, &topic.title, &topic.summary] {
        put_str(&mut out, text);
    }
    out.push(topic.kind.number());
    put_strings(&mut out, &topic.aliases);
    put_strings(&mut out, &topic.tags);
    put_usize(&mut out, usize::from(topic.reviewed.year));
    out.extend([topic.reviewed.month, topic.reviewed.day]);
    put_list(&mut out, &topic.sources, |out, source| {
        put_str(out, &source.title);
        put_str(out, &source.publisher);
        put_usize(out, usize::from(source.date.year));
        for part in [source.date.month, source.date.day] {
            put_optional(out, part, |out, n| out.push(n));
        }
        for text in [&source.authors, &source.doi, &source.url] {
            put_optional(out, text.as_deref(), put_str);
        }
    });
    put_list(&mut out, &topic.sections, |out, section| {
        out.push(section.key.number());
        put_str(out, &section.title);
        put_str(out, &section.markdown);
        for line in [section.line, section.body_line] {
            put_optional(out, line, put_usize);
        }
        let blocks = section.blocks();
        put_list(out, &blocks.starts, |out, start| put_usize(out, *start));
        put_list(out, &blocks.blocks, put_block);
    });
    put_list(&mut out, &topic.field_lines, |out, (name, line)| {
        put_str(out, name);
        put_usize(out, *line);
    });
    out
}

/// The topic [`encode`] wrote, with its sections' blocks; `None` if `bytes` are not one.
pub fn decode(bytes: &[u8]) -> Option<Topic> {
    // Everything is read in the order `encode` wrote it; the fields of a struct expression
    // are evaluated in the order they are written.
    let r = &mut Reader::new(bytes);
    let (slug, file, title, summary) = (r.string()?, r.string()?, r.string()?, r.string()?);
    let kind = Kind::from_number(r.byte()?)?;
    let (aliases, tags) = (r.strings()?, r.strings()?);
    let reviewed = Date {
        year: u16::try_from(r.usize()?).ok()?,
        month: r.byte()?,
        day: r.byte()?,
    };
    let sources = r.list(|r| {
        Some(Source {
            title: r.string()?,
            publisher: r.string()?,
            date: SourceDate {
                year: u16::try_from(r.usize()?).ok()?,
                month: optional(r, Reader::byte)?,
                day: optional(r, Reader::byte)?,
            },
            authors: optional(r, Reader::string)?,
            doi: optional(r, Reader::string)?,
            url: optional(r, Reader::string)?,
        })
    })?;
    let sections = r.list(|r| {
        let key = SectionKey::from_number(r.byte()?)?;
        let (title, markdown) = (r.string()?, r.string()?);
        let (line, body_line) = (optional(r, Reader::usize)?, optional(r, Reader::usize)?);
        let blocks = Blocks {
            starts: r.list(Reader::usize)?,
            blocks: r.list(block)?,
        };
        (blocks.starts.len() == blocks.blocks.len()).then_some(Section {
            key,
            title,
            markdown,
            line,
            body_line,
            precompiled: Some(blocks),
        })
    })?;
    let field_lines = r.list(|r| Some((r.string()?, r.usize()?)))?;
    r.is_at_end().then_some(Topic {
        slug,
        file,
        title,
        summary,
        kind,
        aliases,
        tags,
        reviewed,
        sources,
        sections,
        field_lines,
    })
}

/// A flag byte, then the value when there is one.
fn put_optional<T>(out: &mut Vec<u8>, value: Option<T>, put: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(value) => {
            out.push(1);
            put(out, value);
        }
        None => out.push(0),
    }
}

fn optional<'a, T>(
    reader: &mut Reader<'a>,
    read: impl FnOnce(&mut Reader<'a>) -> Option<T>,
) -> Option<Option<T>> {
    match reader.byte()? {
        0 => Some(None),
        1 => read(reader).map(Some),
        _ => None,
    }
}

const BOLD: u8 = 1;
const ITALIC: u8 = 2;
const CODE: u8 = 4;

fn put_block(out: &mut Vec<u8>, block: &Block) {
    match block {
        Block::Heading { level, spans } => {
            out.extend([0, *level]);
            put_spans(out, spans);
        }
        Block::Paragraph(spans) => {
            out.push(1);
            put_spans(out, spans);
        }
        Block::Item {
            depth,
            number,
            spans,
        } => {
            out.push(2);
            put_usize(out, *depth);
            put_optional(out, *number, put_u64);
            put_spans(out, spans);
        }
        Block::Quote(spans) => {
            out.push(3);
            put_spans(out, spans);
        }
        Block::Code(lines) => {
            out.push(4);
            put_strings(out, lines);
        }
        Block::Rule => out.push(5),
    }
}

fn block(r: &mut Reader) -> Option<Block> {
    Some(match r.byte()? {
        0 => Block::Heading {
            level: r.byte()?,
            spans: spans(r)?,
        },
        1 => Block::Paragraph(spans(r)?),
        2 => Block::Item {
            depth: r.usize()?,
            number: optional(r, Reader::u64)?,
            spans: spans(r)?,
        },
        3 => Block::Quote(spans(r)?),
        4 => Block::Code(r.strings()?),
        5 => Block::Rule,
        _ => return None,
    })
}

fn put_spans(out: &mut Vec<u8>, spans: &[Span]) {
    put_list(out, spans, |out, span| {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        out.push(flag(span.bold, BOLD) | flag(span.italic, ITALIC) | flag(span.code, CODE));
        put_str(out, &span.text);
    });
}

fn spans(r: &mut Reader) -> Option<Vec<Span>> {
    r.list(|r| {
        let flags = r.byte()?;
        Some(Span {
            bold: flags & BOLD != 0,
            italic: flags & ITALIC != 0,
            code: flags & CODE != 0,
            text: r.string()?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_located_blocks;
    use crate::parse::{parse_topic, FileFormat};

    /// A topic with every kind of block, style and optional field.
    fn every_kind_of_part() -> Topic {
        let text = "title: T\nsummary: S.\nkind: condition\nreviewed: 2024-02-29\n\
                    aliases: [a, b]\ntags: [foot]\n\
                    sources:\n  - title: Bare\n    publisher: P\n    date: 2022\n  \
                    - title: Full\n    publisher: Q\n    date: 2023-07\n    authors: A\n    \
                    doi: 10.1/x\n    url: https://example.org\n\
                    sections:\n  overview: \"### Day one\\n\\nSome **bold**, *italic* and `code`.\\n\\n\
                    > A quote.\\n\\n```\\nline 1\\nline 2\\n```\\n\\n---\\n\\n\
                    1. One\\n2. Two\\n   - inner\\n\"\n  \
                    risks:\n    title: What can go wrong\n    body: \"\"\n";
        let mut topic = parse_topic("t.yaml", "t", FileFormat::Yaml, text).unwrap();
        for section in &mut topic.sections {
            section.precompiled = Some(to_located_blocks(&section.markdown));
        }
        topic
    }

    #[test]
    fn a_topic_decodes_to_what_was_encoded() {
        let topic = every_kind_of_part();
        let blocks = &topic.sections[0].blocks().blocks;
        for kind in ["Heading", "Paragraph", "Quote", "Code", "Rule", "Item"] {
            assert!(
                blocks.iter().any(|b| format!("{b:?}").starts_with(kind)),
                "no {kind} in {blocks:?}"
            );
        }
        assert_eq!(decode(&encode(&topic)), Some(topic));
    }

    #[test]
    fn bytes_cut_short_or_followed_by_more_do_not_decode() {
        let bytes = encode(&every_kind_of_part());
        for end in 0..bytes.len() {
            assert_eq!(decode(&bytes[..end]), None, "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
    }
}
