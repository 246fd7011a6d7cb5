//! Turning the text of a topic file into a [`Topic`]: front matter, fields and sections.
//!
//! Everything here is pure: it takes the file's name and text and does no I/O.

use std::borrow::Cow;
use std::fmt;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::date::Date;
use crate::markdown::{defuse_references, markdown_options, BlockBuilder};
use crate::sanitize::{sanitize, sanitize_in_place, sanitize_name};
use crate::topic::{Header, Kind, Section, SectionKey, Source, Topic, TopicError};

/// Parses a patch file: `## ` sections, with no front matter, to add to a topic's own.
pub fn parse_patch(file: &str, text: &str) -> Result<Vec<Section>, TopicError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = sanitize(text);
    let mut sections =
        split_sections(&defuse_references(&text), 1).map_err(|problem| TopicError {
            file: file.to_string(),
            line: problem.line,
            message: sanitize(&problem.message).into_owned(),
        })?;
    for section in &mut sections {
        one_line(&mut section.title);
        section.file = Some(file.to_string());
    }
    Ok(sections)
}

/// The two kinds of topic file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// `slug.md`: YAML front matter, then one `## ` heading per section.
    Markdown,
    /// `slug.yaml` or `slug.yml`: the same fields, plus a `sections` map.
    Yaml,
}

/// The extensions footcare reads, in the order it tries them.
pub const EXTENSIONS: [(&str, FileFormat); 3] = [
    ("md", FileFormat::Markdown),
    ("yaml", FileFormat::Yaml),
    ("yml", FileFormat::Yaml),
];

/// Splits `slug.ext` into the slug and the format, or `None` for a file that is not a topic.
pub fn topic_file_name(name: &str) -> Option<(&str, FileFormat)> {
    let (stem, ext) = name.rsplit_once('.')?;
    let format = EXTENSIONS.iter().find(|(e, _)| *e == ext)?.1;
    Some((stem, format))
}

/// A slug names a topic in commands and scripts, so it is kept simple:
/// lowercase ASCII letters, digits and single dashes between words.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Parses one topic file. `file` is the name used in error messages.
pub fn parse_topic(
    file: &str,
    slug: &str,
    format: FileFormat,
    text: &str,
) -> Result<Topic, TopicError> {
    let parsed = parse_file(file, slug, format, text, Read::Whole)?;
    let fields = parsed.fields;
    Ok(Topic {
        slug: slug.to_string(),
        file: file.to_string(),
        title: fields.title,
        summary: fields.summary,
        kind: fields.kind,
        aliases: fields.aliases,
        tags: fields.tags,
        reviewed: fields.reviewed,
        reviewed_by: fields.reviewed_by,
        sources: fields.sources,
        sections: parsed.sections,
        field_lines: parsed.field_lines,
    })
}

/// Parses only the front matter of a topic file, for `list` and for finding a topic by
/// name: the same fields and errors as [`parse_topic`], without reading the sections.
pub fn parse_header(
    file: &str,
    slug: &str,
    format: FileFormat,
    text: &str,
) -> Result<Header, TopicError> {
    let fields = parse_file(file, slug, format, text, Read::FrontMatter)?.fields;
    Ok(Header {
        slug: slug.to_string(),
        file: file.to_string(),
        title: fields.title,
        summary: fields.summary,
        kind: fields.kind,
        aliases: fields.aliases,
        tags: fields.tags,
    })
}

/// How much of a topic file to read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    FrontMatter,
    Whole,
}

/// A topic file's fields and, when read whole, its sections.
struct ParsedFile {
    fields: Fields,
    sections: Vec<Section>,
    field_lines: Vec<(String, usize)>,
}

fn parse_file(
    file: &str,
    slug: &str,
    format: FileFormat,
    text: &str,
    read: Read,
) -> Result<ParsedFile, TopicError> {
    // Messages can quote the file, so they are sanitised like everything else from it.
    let at_file = |problem: Problem| TopicError {
        file: file.to_string(),
        line: problem.line,
        message: sanitize(&problem.message).into_owned(),
    };
    if !is_valid_slug(slug) {
        return Err(at_file(Problem::general(format!(
            "`{}` is not a usable topic name: name the file with lowercase letters, \
             digits and dashes, like `calf-strain.md`",
            sanitize_name(slug)
        ))));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = &*sanitize(text);
    let mut parsed = match format {
        FileFormat::Markdown => {
            let parts = split_front_matter(text).map_err(at_file)?;
            let fields = parse_fields(parts.yaml, parts.yaml_line).map_err(at_file)?;
            if fields.sections.is_some() {
                return Err(at_file(Problem::general(
                    "`sections` belongs in YAML topic files; in a Markdown topic, \
                     start each section with a `## ` heading"
                        .to_string(),
                )));
            }
            let mut parsed = ParsedFile {
                fields,
                sections: Vec::new(),
                field_lines: Vec::new(),
            };
            if read == Read::Whole {
                let body = defuse_references(parts.body);
                parsed.sections = split_sections(&body, parts.body_line).map_err(at_file)?;
                parsed.field_lines = top_level_field_lines(parts.yaml, parts.yaml_line);
            }
            parsed
        }
        FileFormat::Yaml => {
            let mut fields = parse_fields(text, 1).map_err(at_file)?;
            let kind = fields.kind;
            let yaml_sections = fields.sections.take().map(|s| s.0).unwrap_or_default();
            let mut parsed = ParsedFile {
                fields,
                sections: Vec::new(),
                field_lines: Vec::new(),
            };
            if read == Read::Whole {
                parsed.sections = yaml_sections
                    .into_iter()
                    .map(|(key, yaml)| yaml_section(key, kind, yaml).map_err(at_file))
                    .collect::<Result<Vec<_>, _>>()?;
                parsed.field_lines = top_level_field_lines(text, 1);
                let sections_line = (parsed.field_lines.iter())
                    .find(|(name, _)| name == "sections")
                    .map(|&(_, line)| line);
                for section in &mut parsed.sections {
                    section.line =
                        sections_line.and_then(|after| key_line(text, after, section.key));
                }
            }
            parsed
        }
    };
    clean_fields(&mut parsed.fields);
    if let Some(message) = incomplete_source(&parsed.fields.sources) {
        let line = top_level_field_lines(text, 1)
            .into_iter()
            .find(|(name, _)| name == "sources")
            .map(|(_, line)| line);
        return Err(at_file(Problem { line, message }));
    }
    for section in &mut parsed.sections {
        one_line(&mut section.title);
    }
    Ok(parsed)
}

/// A section of a YAML topic, its body read into blocks in one pass.
fn yaml_section(key: SectionKey, kind: Kind, yaml: YamlSection) -> Result<Section, Problem> {
    // YAML escapes such as `"\e"` can put control characters back into the body.
    let mut markdown = yaml.body;
    sanitize_in_place(&mut markdown);
    if let Cow::Owned(defused) = defuse_references(&markdown) {
        markdown = defused;
    }
    let mut builder = BlockBuilder::default();
    for (event, range) in Parser::new_ext(&markdown, markdown_options()).into_offset_iter() {
        builder.push(event, range.start);
    }
    if builder.saw_section_heading() {
        return Err(Problem::general(format!(
            "section `{key}` holds a `#` or `##` heading: in a YAML topic each \
             section is a key under `sections`, and headings inside one \
             start with `###`"
        )));
    }
    let title = yaml
        .title
        .unwrap_or_else(|| key.default_title(kind).to_string());
    Ok(Section::new(
        key,
        title,
        markdown,
        (None, None),
        builder.finish(),
    ))
}

/// Where each top-level `field:` of some YAML starts; `first_line` is the file line of the
/// YAML's first line.
fn top_level_field_lines(yaml: &str, first_line: usize) -> Vec<(String, usize)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let (name, _) = line.split_once(':')?;
            let is_field = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            is_field.then(|| (name.to_string(), first_line + index))
        })
        .collect()
}

/// The line of `key:` in the block that starts after line `after` (a YAML topic's
/// `sections:`), for messages; the YAML reader decides what the key holds. Keys are the
/// block's lines with the indent of its first.
fn key_line(yaml: &str, after: usize, key: SectionKey) -> Option<usize> {
    let wanted = format!("{key}:");
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let mut block = (yaml.lines().enumerate().skip(after))
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .take_while(|(_, line)| indent(line) > 0)
        .peekable();
    let key_indent = indent(block.peek()?.1);
    block
        .find(|(_, line)| indent(line) == key_indent && line[key_indent..].starts_with(&wanted))
        .map(|(index, _)| index + 1)
}

/// Sanitises a one-line field again (YAML escapes such as `"\e"` can put control
/// characters back into values) and folds its white space to single spaces.
fn one_line(text: &mut String) {
    sanitize_in_place(text);
    // Most fields are already single spaces between words, and are left as they are.
    let folded = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.contains(|c: char| c.is_whitespace() && c != ' ');
    if !folded {
        *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
}

fn clean_fields(fields: &mut Fields) {
    one_line(&mut fields.title);
    one_line(&mut fields.summary);
    fields.aliases.iter_mut().for_each(one_line);
    fields.tags.iter_mut().for_each(one_line);
    fields.reviewed_by.iter_mut().for_each(one_line);
    for source in &mut fields.sources {
        one_line(&mut source.title);
        for field in [
            &mut source.journal,
            &mut source.publisher,
            &mut source.authors,
            &mut source.doi,
            &mut source.url,
        ] {
            field.iter_mut().for_each(one_line);
        }
    }
}

/// A source must say where it appeared and how current it is; serde cannot say "one of
/// these two fields", so this is checked once the fields are read.
fn incomplete_source(sources: &[Source]) -> Option<String> {
    sources.iter().enumerate().find_map(|(index, source)| {
        let missing = if source.journal.is_none() && source.publisher.is_none() {
            "`journal:` (for an article) or `publisher:` (for a page or book)"
        } else if source.date.is_none() && source.accessed.is_none() {
            "`date:` (when it was published or last updated) or `accessed:` (the day you \
             read a page that has no date of its own)"
        } else {
            return None;
        };
        Some(format!(
            "source {} (\"{}\") needs {missing}",
            index + 1,
            source.title
        ))
    })
}

/// What went wrong, before we know which file it was in.
#[derive(Debug, PartialEq)]
struct Problem {
    line: Option<usize>,
    message: String,
}

impl Problem {
    fn at(line: usize, message: String) -> Problem {
        Problem {
            line: Some(line),
            message,
        }
    }

    fn general(message: String) -> Problem {
        Problem {
            line: None,
            message,
        }
    }
}

struct FrontMatter<'a> {
    yaml: &'a str,
    /// The file line the YAML starts on.
    yaml_line: usize,
    body: &'a str,
    /// The file line the body starts on.
    body_line: usize,
}

/// Finds the YAML between the opening `---` line and the closing `---` (or `...`) line.
fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, Problem> {
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != "---" {
        return Err(Problem::at(
            1,
            "no front matter: a Markdown topic starts with a line `---`, then its fields \
             (title, summary, kind, reviewed, ...), then another `---`"
                .to_string(),
        ));
    }
    let yaml_start = opening.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            return Ok(FrontMatter {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::at(
        1,
        "the front matter never ends: close it with a line `---`".to_string(),
    ))
}

/// Every field a topic file may have. Unknown fields are errors, so a typo is caught.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    title: String,
    summary: String,
    kind: Kind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    reviewed: Date,
    #[serde(default, rename = "reviewed-by")]
    reviewed_by: Option<String>,
    #[serde(default)]
    sources: Vec<Source>,
    /// Only in YAML topic files.
    #[serde(default)]
    sections: Option<YamlSections>,
}

/// Reads the fields; `first_line` is the file line the YAML starts on.
fn parse_fields(yaml: &str, first_line: usize) -> Result<Fields, Problem> {
    if yaml.trim().is_empty() {
        return Err(Problem::at(
            first_line,
            "no fields: a topic needs at least title, summary, kind and reviewed".to_string(),
        ));
    }
    if let Some(line) = too_deep(yaml) {
        return Err(Problem::at(
            first_line + line - 1,
            format!("YAML nested more than {MAX_NESTING} levels deep: a topic's fields are flat"),
        ));
    }
    serde_yaml::from_str(yaml).map_err(|err| {
        let message = err.to_string();
        match err.location() {
            Some(location) => {
                // The message ends with the YAML's own position; we give the file's instead.
                let message = match message.rfind(" at line ") {
                    Some(cut) => message[..cut].to_string(),
                    None => message,
                };
                let line = repeated_field_line(yaml, &message).unwrap_or(location.line());
                Problem::at(first_line + line - 1, message)
            }
            None => Problem::general(message),
        }
    })
}

/// For "duplicate field `x`" the YAML reader points at the start of the map; the line of
/// the second `x:` is more use. Lines count from 1 within `yaml`.
fn repeated_field_line(yaml: &str, message: &str) -> Option<usize> {
    let field = message
        .strip_prefix("duplicate field `")?
        .split('`')
        .next()?;
    top_level_field_lines(yaml, 1)
        .into_iter()
        .filter(|(name, _)| name == field)
        .nth(1)
        .map(|(_, line)| line)
}

/// Real topics nest two or three levels; the YAML reader slows down badly on thousands.
const MAX_NESTING: usize = 64;

/// The line on which `[` and `{`, or list dashes on one line (`- - - x`), first nest
/// deeper than [`MAX_NESTING`], if they do. Brackets inside quotes count too: no real topic
/// comes near the limit either way.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, line) in yaml.lines().enumerate() {
        let mut rest = line.trim_start();
        let mut dashes = 0;
        while let Some(after) = rest.strip_prefix("- ") {
            dashes += 1;
            rest = after.trim_start();
        }
        if dashes > MAX_NESTING {
            return Some(index + 1);
        }
        for byte in line.bytes() {
            match byte {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_NESTING {
                return Some(index + 1);
            }
        }
    }
    None
}

/// A YAML topic's sections, in the order the file gives them.
#[derive(Debug, PartialEq)]
struct YamlSections(Vec<(SectionKey, YamlSection)>);

/// A section body, either a bare Markdown string or `{title, body}`.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlSection {
    #[serde(default)]
    title: Option<String>,
    body: String,
}

impl<'de> Deserialize<'de> for YamlSections {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SectionsVisitor;

        impl<'de> Visitor<'de> for SectionsVisitor {
            type Value = YamlSections;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from section key to Markdown text or {title, body}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlSections, A::Error> {
                let mut sections: Vec<(SectionKey, YamlSection)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let key = SectionKey::from_key(&name).ok_or_else(|| {
                        de::Error::custom(format!(
                            "unknown section key `{name}`: use one of {}",
                            SectionKey::list_all()
                        ))
                    })?;
                    if sections.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("section `{key}` appears twice")));
                    }
                    sections.push((key, map.next_value::<YamlSectionValue>()?.0));
                }
                Ok(YamlSections(sections))
            }
        }

        deserializer.deserialize_map(SectionsVisitor)
    }
}

/// Accepts a bare string as a section with the default title.
struct YamlSectionValue(YamlSection);

impl<'de> Deserialize<'de> for YamlSectionValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SectionVisitor;

        impl<'de> Visitor<'de> for SectionVisitor {
            type Value = YamlSectionValue;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("Markdown text, or a map with `title` and `body`")
            }

            fn visit_str<E: de::Error>(self, body: &str) -> Result<YamlSectionValue, E> {
                Ok(YamlSectionValue(YamlSection {
                    title: None,
                    body: body.to_string(),
                }))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<YamlSectionValue, A::Error> {
                let section = YamlSection::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(YamlSectionValue(section))
            }
        }

        deserializer.deserialize_any(SectionVisitor)
    }
}

/// The key a heading gets when it has no `{#key}`: lowercase, words joined by dashes.
pub fn derive_key(heading: &str) -> String {
    heading
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Splits a Markdown body into its sections at each top-level `## ` heading, and reads
/// each section's blocks in the same pass. `first_line` is the file line the body starts on.
fn split_sections(body: &str, first_line: usize) -> Result<Vec<Section>, Problem> {
    let lines = LineCounter::new(body, first_line);
    // Each heading, and the blocks of what follows it up to the next.
    let mut headings: Vec<(Heading, BlockBuilder)> = Vec::new();
    let mut open: Option<Heading> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { level, id, .. }) if depth == 0 => match level {
                HeadingLevel::H1 => {
                    return Err(Problem::at(
                        lines.line_at(range.start),
                        "a level-1 heading: the title belongs in the front matter's \
                         `title`, and each section starts with `## `"
                            .to_string(),
                    ))
                }
                HeadingLevel::H2 => {
                    depth += 1;
                    open = Some(Heading {
                        start: range.start,
                        end: range.end,
                        id: id.as_ref().map(|id| id.to_string()),
                        text: String::new(),
                    });
                    continue;
                }
                _ => {}
            },
            Event::End(TagEnd::Heading(HeadingLevel::H2)) if depth == 1 => {
                depth -= 1;
                if let Some(heading) = open.take() {
                    headings.push((heading, BlockBuilder::default()));
                }
                continue;
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if let Some(heading) = open.as_mut() {
            if let Event::Text(text) | Event::Code(text) = &event {
                heading.text.push_str(text);
            }
        } else if let Some((_, blocks)) = headings.last_mut() {
            blocks.push(event, range.start);
        }
    }

    let preamble_end = headings.first().map_or(body.len(), |(h, _)| h.start);
    let preamble = &body[..preamble_end];
    if let Some(offset) = preamble.find(|c: char| !c.is_whitespace()) {
        return Err(Problem::at(
            lines.line_at(offset),
            "text before the first section: every part of a topic goes under a `## ` \
             heading, such as `## Overview`"
                .to_string(),
        ));
    }

    let ends: Vec<usize> = (headings.iter().skip(1).map(|(h, _)| h.start))
        .chain([body.len()])
        .collect();
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    for ((heading, blocks), end) in headings.into_iter().zip(ends) {
        let line = lines.line_at(heading.start);
        let title = heading.text.trim().to_string();
        let name = heading.id.clone().unwrap_or_else(|| derive_key(&title));
        let key = SectionKey::from_key(&name).ok_or_else(|| {
            Problem::at(
                line,
                format!(
                    "unknown section key `{name}`: use one of {}, or give the heading \
                     one of those keys, as in `## {title} {{#key}}`",
                    SectionKey::list_all()
                ),
            )
        })?;
        if let Some(first) = sections.iter().find(|s| s.key == key) {
            return Err(Problem::at(
                line,
                format!(
                    "section `{key}` appears twice (first at line {})",
                    first.line.unwrap_or(0)
                ),
            ));
        }
        let whole = &body[heading.end.min(end)..end];
        let markdown = whole.trim_start_matches(['\r', '\n']);
        let start = end - markdown.len();
        // The blocks were found in the whole body: their starts are made the section's.
        let mut blocks = blocks.finish();
        for at in &mut blocks.starts {
            *at = at.saturating_sub(start);
        }
        // The body starts below the heading's last line, even when the file ends on it.
        let below_heading = lines.line_at(heading.end.saturating_sub(1).max(heading.start)) + 1;
        sections.push(Section::new(
            key,
            title,
            markdown.trim_end().to_string(),
            (Some(line), Some(lines.line_at(start).max(below_heading))),
            blocks,
        ));
    }
    Ok(sections)
}

struct Heading {
    start: usize,
    end: usize,
    id: Option<String>,
    text: String,
}

/// Maps byte offsets in the body to file line numbers.
struct LineCounter {
    /// The byte offset at which each body line starts.
    starts: Vec<usize>,
    first_line: usize,
}

impl LineCounter {
    fn new(body: &str, first_line: usize) -> LineCounter {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineCounter { starts, first_line }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.first_line + self.starts.partition_point(|&start| start <= offset) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str =
        "---\ntitle: Calf strain\nsummary: A pulled calf muscle.\nkind: condition\nreviewed: 2026-11-24\n";

    fn markdown(body: &str) -> Result<Topic, TopicError> {
        parse_topic(
            "calf-strain.md",
            "calf-strain",
            FileFormat::Markdown,
            &format!("{FRONT}---\n{body}"),
        )
    }

    fn error_at(result: Result<Topic, TopicError>) -> (Option<usize>, String) {
        let error = result.expect_err("the topic should be rejected");
        (error.line, error.message)
    }

    #[test]
    fn front_matter_fields_are_read() {
        let text = "---\ntitle: T\nsummary: S.\nkind: procedure\naliases: [a, b]\ntags: [foot]\n\
                    reviewed: 2024-02-29\nsources:\n  - title: Paper\n    publisher: PLoS One\n    \
                    date: 2022\n    doi: 10.1/x\n---\n## Overview\nText.\n";
        let topic = parse_topic("t.md", "t", FileFormat::Markdown, text).unwrap();
        assert_eq!(topic.title, "T");
        assert_eq!(topic.kind, Kind::Procedure);
        assert_eq!(topic.aliases, ["a", "b"]);
        assert_eq!(topic.reviewed.to_string(), "2024-02-29");
        assert_eq!(topic.sources[0].date.unwrap().to_string(), "2022");
        assert_eq!(topic.sources[0].doi.as_deref(), Some("10.1/x"));
    }

    #[test]
    fn sections_split_at_level_two_headings_with_their_lines() {
        let topic =
            markdown("\n## Overview\nOne.\n\n### Detail\nTwo.\n\n## Warning signs\n- Fever\n")
                .unwrap();
        let keys: Vec<_> = topic.sections.iter().map(|s| s.key).collect();
        assert_eq!(keys, [SectionKey::Overview, SectionKey::WarningSigns]);
        assert_eq!(topic.sections[0].markdown, "One.\n\n### Detail\nTwo.");
        assert_eq!(topic.sections[0].line, Some(8));
        assert_eq!(topic.sections[1].title, "Warning signs");
        assert_eq!(topic.sections[1].line, Some(14));
        assert_eq!(topic.sections[1].markdown, "- Fever");
        assert_eq!(topic.sections[0].body_line, Some(9));
        assert_eq!(topic.sections[1].body_line, Some(15));
        assert_eq!(topic.field_line("reviewed"), Some(5));
        assert_eq!(topic.field_line("title"), Some(2));
    }

    #[test]
    fn an_empty_last_section_starts_below_its_underlined_heading() {
        let topic = markdown("Overview\n- ").unwrap();
        assert_eq!(topic.sections[0].line, Some(7));
        assert_eq!(topic.sections[0].body_line, Some(9));
        assert_eq!(topic.sections[0].markdown, "");
    }

    #[test]
    fn a_heading_attribute_sets_the_key_but_not_the_title() {
        let topic = markdown("## First steps at home {#procedure}\nRest.\n").unwrap();
        assert_eq!(topic.sections[0].key, SectionKey::Procedure);
        assert_eq!(topic.sections[0].title, "First steps at home");
    }

    #[test]
    fn keys_derive_from_heading_text() {
        assert_eq!(derive_key("Warning signs"), "warning-signs");
        assert_eq!(derive_key("  Warning   Signs "), "warning-signs");
        assert_eq!(derive_key("Overview"), "overview");
    }

    #[test]
    fn a_heading_inside_a_quote_or_list_does_not_start_a_section() {
        let topic = markdown("## Overview\n> ## Not a section\n\n- ## Nor this\n").unwrap();
        assert_eq!(topic.sections.len(), 1);
    }

    #[test]
    fn unknown_repeated_and_stray_parts_are_errors_with_lines() {
        let (line, message) = error_at(markdown("## Overview\nx\n## Aftercare\ny\n"));
        assert_eq!(line, Some(9));
        assert!(
            message.contains("unknown section key `aftercare`"),
            "{message}"
        );

        let (line, message) = error_at(markdown("## Risks\n- a\n\n## Risks\n- b\n"));
        assert_eq!(line, Some(10));
        assert!(
            message.contains("appears twice (first at line 7)"),
            "{message}"
        );

        let (line, message) = error_at(markdown("\nIntro text.\n\n## Overview\nx\n"));
        assert_eq!(line, Some(8));
        assert!(
            message.contains("text before the first section"),
            "{message}"
        );

        let (line, message) = error_at(markdown("# Calf strain\n## Overview\nx\n"));
        assert_eq!(line, Some(7));
        assert!(message.contains("level-1 heading"), "{message}");
    }

    #[test]
    fn field_errors_name_the_line_of_the_field() {
        let typo = "---\ntitle: T\nsumary: S.\nkind: condition\nreviewed: 2026-01-01\n---\n";
        let (line, message) = error_at(parse_topic("t.md", "t", FileFormat::Markdown, typo));
        assert_eq!(line, Some(3));
        assert!(message.contains("unknown field `sumary`"), "{message}");

        let bad_date = "---\ntitle: T\nsummary: S.\nkind: condition\nreviewed: 2026-13-01\n---\n";
        let (line, message) = error_at(parse_topic("t.md", "t", FileFormat::Markdown, bad_date));
        assert_eq!(line, Some(5));
        assert!(
            message.contains("reviewed: invalid date `2026-13-01`"),
            "{message}"
        );

        let wrong_type = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\ntags: 3\n";
        let (line, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, wrong_type));
        assert_eq!(line, Some(5));
        assert!(message.contains("tags: invalid type"), "{message}");
    }

    #[test]
    fn deeply_nested_yaml_is_refused_before_it_is_read() {
        let deep = format!(
            "title: T\nsummary: {}{}\nkind: condition\nreviewed: 2026-01-01\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let (line, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, &deep));
        assert_eq!(line, Some(2));
        assert!(
            message.contains("nested more than 64 levels deep"),
            "{message}"
        );
        let dashes = format!(
            "title: T\nsummary:\n  {}x\nkind: condition\nreviewed: 2026-01-01\n",
            "- ".repeat(300_000)
        );
        let (line, _) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, &dashes));
        assert_eq!(line, Some(3));
        let shallow = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n\
                       aliases: [\"a [b]\", c]\n";
        assert!(parse_topic("t.yaml", "t", FileFormat::Yaml, shallow).is_ok());
    }

    #[test]
    fn a_repeated_field_is_reported_where_it_repeats() {
        let text = "---\ntitle: One\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\ntitle: Two\n---\n";
        let (line, message) = error_at(parse_topic("t.md", "t", FileFormat::Markdown, text));
        assert_eq!(line, Some(6));
        assert!(message.contains("duplicate field `title`"), "{message}");
    }

    #[test]
    fn front_matter_must_open_and_close() {
        let (line, message) = error_at(parse_topic(
            "t.md",
            "t",
            FileFormat::Markdown,
            "## Overview\n",
        ));
        assert_eq!(line, Some(1));
        assert!(message.starts_with("no front matter"), "{message}");

        let open = "---\ntitle: T\n## Overview\n";
        let (_, message) = error_at(parse_topic("t.md", "t", FileFormat::Markdown, open));
        assert!(message.contains("never ends"), "{message}");

        let (_, message) = error_at(parse_topic("t.md", "t", FileFormat::Markdown, ""));
        assert!(message.starts_with("no front matter"), "{message}");
    }

    #[test]
    fn byte_order_mark_crlf_and_trailing_spaces_are_accepted() {
        let text = "\u{feff}--- \r\ntitle: T\r\nsummary: S.\r\nkind: condition\r\n\
                    reviewed: 2026-01-01\r\n---  \r\n## Overview\r\nLine one\r\nline two.\r\n";
        let topic = parse_topic("t.md", "t", FileFormat::Markdown, text).unwrap();
        assert_eq!(topic.sections[0].key, SectionKey::Overview);
        assert!(topic.sections[0].markdown.starts_with("Line one"));
    }

    #[test]
    fn yaml_topics_keep_section_order_and_titles() {
        let text = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\nsections:\n  \
                    risks:\n    title: What can go wrong\n    body: \"- Pain\"\n  overview: Plain text.\n";
        let topic = parse_topic("t.yaml", "t", FileFormat::Yaml, text).unwrap();
        let titles: Vec<_> = topic.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["What can go wrong", "Overview"]);
        assert_eq!(topic.sections[1].markdown, "Plain text.");
    }

    #[test]
    fn yaml_sections_are_placed_at_their_keys() {
        let text = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\nsections:\n\n  \
                    # first\n  risks:\n    body: |\n      overview: not a key\n  overview: Plain.\n";
        let topic = parse_topic("t.yaml", "t", FileFormat::Yaml, text).unwrap();
        let lines: Vec<_> = topic.sections.iter().map(|s| (s.key, s.line)).collect();
        assert_eq!(
            lines,
            [
                (SectionKey::Risks, Some(8)),
                (SectionKey::Overview, Some(11))
            ]
        );
    }

    #[test]
    fn yaml_topics_reject_unknown_or_repeated_sections() {
        let head = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\nsections:\n";
        let unknown = format!("{head}  aftercare: x\n");
        let (line, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, &unknown));
        assert_eq!(line, Some(6));
        assert!(
            message.contains("unknown section key `aftercare`"),
            "{message}"
        );

        let body_typo = format!("{head}  risks:\n    title: R\n    bdy: x\n");
        let (_, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, &body_typo));
        assert!(message.contains("unknown field `bdy`"), "{message}");
    }

    #[test]
    fn yaml_sections_may_not_hold_section_headings() {
        let text = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\nsections:\n  \
                    overview: \"Text.\\n\\n## Sneaky\\nMore.\"\n";
        let (_, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, text));
        assert!(message.contains("section `overview` holds"), "{message}");
    }

    #[test]
    fn control_characters_never_survive_parsing() {
        let text = "title: \"Bad\\e]0;pwned\\a\"\nsummary: |\n  Two\n  lines\u{202E}.\n\
                    kind: condition\nreviewed: 2026-01-01\nsections:\n  overview: \"\\e[2Jx\"\n";
        let topic = parse_topic("t.yaml", "t", FileFormat::Yaml, text).unwrap();
        assert_eq!(topic.title, "Bad\\x1b]0;pwned\\x07");
        assert_eq!(topic.summary, "Two lines<U+202E>.");
        assert_eq!(topic.sections[0].markdown, "\\x1b[2Jx");

        let bad_date = "title: T\nsummary: S.\nkind: condition\nreviewed: \"\\e[2J\"\n";
        let (_, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, bad_date));
        assert!(
            !message.contains('\x1b') && message.contains("\\x1b[2J"),
            "{message}"
        );
    }

    #[test]
    fn markdown_topics_may_not_carry_a_sections_field() {
        let text = "---\ntitle: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n\
                    sections:\n  overview: x\n---\n";
        let (_, message) = error_at(parse_topic("t.md", "t", FileFormat::Markdown, text));
        assert!(message.contains("`sections` belongs in YAML"), "{message}");
    }

    #[test]
    fn file_names_give_slug_and_format() {
        assert_eq!(
            topic_file_name("calf-strain.md"),
            Some(("calf-strain", FileFormat::Markdown))
        );
        assert_eq!(topic_file_name("x.yml"), Some(("x", FileFormat::Yaml)));
        assert_eq!(topic_file_name("notes.txt"), None);
        assert!(is_valid_slug("calf-strain"));
        for bad in ["", "Calf", "a/b", "..", ".hidden", "-a", "a--b", "a b"] {
            assert!(!is_valid_slug(bad), "{bad:?}");
        }
    }
}
