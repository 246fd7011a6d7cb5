//! Turning the text of a topic file into a [`Topic`]: front matter, fields and sections.
//!
//! Everything here is pure: it takes the file's name and text and does no I/O.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use crate::date::Date;
use crate::lang::Lang;
use crate::markdown::{defuse_references, markdown_options, BlockBuilder};
use crate::sanitize::{sanitize, sanitize_in_place, sanitize_name};
use crate::similar;
use crate::topic::{
    derive_key, is_valid_slug, Header, Kind, NameWritten, Section, SectionKey, Source, Topic,
    TopicError,
};
use crate::yaml_words::in_plain_words;

/// Parses a patch file: `## ` sections, with no front matter, to add to a topic's own.
pub fn parse_patch(file: &str, lang: Lang, text: &str) -> Result<Vec<Section>, TopicError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .next()
        .is_some_and(|first| first.trim_end() == "---")
    {
        return Err(topic_error(
            file,
            vec![Problem::at(
                1,
                "a patch has no front matter: it holds only `## ` sections, each added to the \
                 topic's section of the same key; take out the lines from `---` to `---`"
                    .to_string(),
            )],
        ));
    }
    let text = sanitize(text);
    let mut sections = split_sections(&defuse_references(&text), 1, lang)
        .map_err(|problems| topic_error(file, problems))?;
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

/// What a topic file's name says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicName<'a> {
    pub slug: &'a str,
    /// English for `slug.md`, the original; Spanish for its translation `slug.es.md`.
    pub lang: Lang,
    pub format: FileFormat,
}

impl<'a> TopicName<'a> {
    /// The name of the English original of `slug`, in `format`.
    pub fn original(slug: &'a str, format: FileFormat) -> TopicName<'a> {
        TopicName {
            slug,
            lang: Lang::En,
            format,
        }
    }
}

/// Splits `slug.ext` or `slug.LANG.ext` into its parts, or `None` for a file that is not a
/// topic. A stem with a dot that is not a language's code keeps it, and is refused as a
/// slug when the file is read.
pub fn topic_file_name(name: &str) -> Option<TopicName<'_>> {
    let (stem, ext) = name.rsplit_once('.')?;
    let format = EXTENSIONS.iter().find(|(e, _)| *e == ext)?.1;
    let (slug, lang) = split_lang(stem);
    Some(TopicName { slug, lang, format })
}

/// A file stem's slug and language: `calf-strain.es` is the Spanish `calf-strain`. English
/// is the original, written without a code.
pub fn split_lang(stem: &str) -> (&str, Lang) {
    match stem.rsplit_once('.') {
        Some((slug, code)) => match Lang::from_code(code) {
            Some(lang) if lang != Lang::En => (slug, lang),
            _ => (stem, Lang::En),
        },
        None => (stem, Lang::En),
    }
}

/// Parses one topic file in English, the original language. `file` is the name used in
/// error messages.
pub fn parse_topic(
    file: &str,
    slug: &str,
    format: FileFormat,
    text: &str,
) -> Result<Topic, TopicError> {
    let name = TopicName::original(slug, format);
    parse_topic_in(file, name, text)
}

/// Parses one topic file, in the language its name gives.
pub fn parse_topic_in(file: &str, name: TopicName, text: &str) -> Result<Topic, TopicError> {
    let parsed = parse_file(file, name, text, Read::Whole)?;
    let fields = parsed.fields;
    Ok(Topic {
        slug: name.slug.to_string(),
        lang: name.lang,
        languages: vec![name.lang],
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
        replaces: None,
    })
}

/// Parses only the front matter of an English topic file, for `list` and for finding a
/// topic by name: the same fields and errors as [`parse_topic`], without the sections.
pub fn parse_header(
    file: &str,
    slug: &str,
    format: FileFormat,
    text: &str,
) -> Result<Header, TopicError> {
    let name = TopicName::original(slug, format);
    parse_header_in(file, name, text)
}

/// [`parse_header`] in the language the file's name gives.
pub fn parse_header_in(file: &str, name: TopicName, text: &str) -> Result<Header, TopicError> {
    let fields = parse_file(file, name, text, Read::FrontMatter)?.fields;
    Ok(Header {
        slug: name.slug.to_string(),
        lang: name.lang,
        languages: vec![name.lang],
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

/// Reads a topic file to its end, so that the error for a bad file names every problem.
fn parse_file(
    file: &str,
    name: TopicName,
    text: &str,
    read: Read,
) -> Result<ParsedFile, TopicError> {
    let TopicName { slug, format, .. } = name;
    if !is_valid_slug(slug) {
        return Err(topic_error(
            file,
            vec![Problem::general(format!(
                "`{}` is not a usable topic name: name the file with lowercase letters, \
                 digits and dashes, like `calf-strain.md`",
                sanitize_name(slug)
            ))],
        ));
    }
    let unsanitized = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = &*sanitize(unsanitized);
    let (yaml, yaml_line, body) = match format {
        FileFormat::Markdown => {
            let parts =
                split_front_matter(text).map_err(|problem| topic_error(file, vec![problem]))?;
            (
                parts.yaml,
                parts.yaml_line,
                Some((parts.body, parts.body_line)),
            )
        }
        FileFormat::Yaml => (text, 1, None),
    };
    let (mut fields, mut problems) = match read_fields(yaml, yaml_line, format, read, unsanitized) {
        Ok(fields) => (Some(fields), Vec::new()),
        Err(problems) => (None, problems),
    };
    problems.extend(tab_indents(unsanitized, yaml_line, yaml.lines().count()));
    let mut sections = Vec::new();
    if let Some(fields) = &mut fields {
        clean_fields(fields);
        problems.extend(incomplete_sources(&fields.sources, yaml, yaml_line));
        if let Some(YamlSections(entries)) = fields.sections.take() {
            let sections_line = field_line(yaml, yaml_line, "sections");
            if format == FileFormat::Markdown {
                problems.push(Problem {
                    line: sections_line,
                    message: SECTIONS_IN_MARKDOWN.to_string(),
                });
            } else {
                let lines = section_lines(yaml, yaml_line, sections_line, &entries);
                let entries = (entries.into_iter()).map(|(name, value)| (name, Ok(value.0)));
                let (built, refused) =
                    yaml_sections(entries, &lines, (fields.kind, name.lang), read);
                sections = built;
                problems.extend(refused);
            }
        }
    }
    if let (Some((body, body_line)), Read::Whole) = (body, read) {
        match split_sections(&defuse_references(body), body_line, name.lang) {
            Ok(split) => sections = split,
            Err(refused) => problems.extend(refused),
        }
    }
    match fields {
        Some(fields) if problems.is_empty() => {
            for section in &mut sections {
                one_line(&mut section.title);
            }
            let field_lines = match read {
                Read::Whole => field_and_source_lines(yaml, yaml_line),
                Read::FrontMatter => Vec::new(),
            };
            Ok(ParsedFile {
                fields,
                sections,
                field_lines,
            })
        }
        _ => Err(topic_error(file, problems)),
    }
}

const TAB_INDENT: &str =
    "this line is indented with a tab: YAML allows only spaces for indentation; replace the \
     tab with spaces";

/// A problem for each YAML line indented with a tab, which YAML does not allow. The tab
/// became spaces with the rest of the sanitising, so the reader may take such a file in a
/// way its author did not see; it is refused instead. `yaml_lines` lines from `first_line`
/// are the YAML's.
fn tab_indents(unsanitized: &str, first_line: usize, yaml_lines: usize) -> Vec<Problem> {
    (unsanitized.lines().enumerate())
        .skip(first_line - 1)
        .take(yaml_lines)
        .filter(|(_, line)| {
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            indent.contains('\t')
        })
        .map(|(index, _)| Problem::at(index + 1, TAB_INDENT.to_string()))
        .collect()
}

/// A file's problems as one error: the first line's first, the others in line order.
/// Messages can quote the file, so they are sanitised like everything else from it.
fn topic_error(file: &str, mut problems: Vec<Problem>) -> TopicError {
    problems.sort_by_key(|problem| problem.line);
    // Two reads can find one problem: a tab, say, found by its own pass and by the reader.
    problems.dedup_by(|a, b| a.line == b.line && a.message == b.message);
    let mut problems = (problems.into_iter())
        .map(|problem| (problem.line, sanitize(&problem.message).into_owned()));
    let (line, message) = problems.next().unwrap_or_default();
    TopicError {
        more: problems.collect(),
        ..TopicError::new(file, line, message)
    }
}

const SECTIONS_IN_MARKDOWN: &str = "`sections` belongs in YAML topic files; in a Markdown topic, \
                                    start each section with a `## ` heading";

/// A YAML topic's sections, built when the file is read whole, and the problems of their
/// keys and values, each at its key's line (`lines` gives each entry's).
fn yaml_sections(
    entries: impl IntoIterator<Item = (String, Result<YamlSection, String>)>,
    lines: &[Option<usize>],
    (kind, lang): (Kind, Lang),
    read: Read,
) -> (Vec<Section>, Vec<Problem>) {
    let mut sections = Vec::new();
    let mut problems = Vec::new();
    let mut taken: HashMap<String, Option<usize>> = HashMap::new();
    for ((name, value), &line) in entries.into_iter().zip(lines) {
        let refused = SectionKey::for_name(&name, NameWritten::YamlKey)
            .err()
            .or_else(|| {
                taken
                    .get(&name)
                    .map(|&first| repeated_section(&name, first))
            });
        if let Some(message) = refused {
            problems.push(Problem { line, message });
            continue;
        }
        taken.insert(name.clone(), line);
        match value.and_then(|yaml| match read {
            Read::Whole => yaml_section(name, (kind, lang), yaml).map(Some),
            Read::FrontMatter => Ok(None),
        }) {
            Ok(Some(section)) => sections.push(Section { line, ..section }),
            Ok(None) => {}
            Err(message) => problems.push(Problem { line, message }),
        }
    }
    (sections, problems)
}

fn repeated_section(name: &str, first: Option<usize>) -> String {
    match first {
        Some(line) => format!("section `{name}` appears twice (first at line {line})"),
        None => format!("section `{name}` appears twice"),
    }
}

/// A section of a YAML topic, its body read into blocks in one pass.
fn yaml_section(
    name: String,
    (kind, lang): (Kind, Lang),
    yaml: YamlSection,
) -> Result<Section, String> {
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
        return Err(format!(
            "section `{name}` holds a `#` or `##` heading: in a YAML topic each \
             section is a key under `sections`, and headings inside one \
             start with `###`"
        ));
    }
    let title = yaml
        .title
        .unwrap_or_else(|| default_title(&name, kind, lang));
    Ok(Section::new(
        name,
        title,
        markdown,
        (None, None),
        builder.finish(),
        lang,
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

/// The line of each top-level field, then of each source's item as `sources[N]`, so that
/// a message about one source can point at it.
fn field_and_source_lines(yaml: &str, first_line: usize) -> Vec<(String, usize)> {
    let mut lines = top_level_field_lines(yaml, first_line);
    if let Some(&(_, sources_line)) = lines.iter().find(|(name, _)| name == "sources") {
        let items = source_items(yaml, first_line, sources_line);
        lines.extend(
            (items.iter().enumerate()).map(|(at, item)| (format!("sources[{at}]"), item.line)),
        );
    }
    lines
}

/// The line of the first top-level `field:`, if the YAML has one.
fn field_line(yaml: &str, first_line: usize, field: &str) -> Option<usize> {
    (top_level_field_lines(yaml, first_line).into_iter())
        .find(|(name, _)| name == field)
        .map(|(_, line)| line)
}

// The line finder below gives messages their lines. It only finds where keys are written,
// from the lines' indents; what a key holds is always the YAML reader's to say.

/// A line of YAML that is not blank or a comment, with its indent.
struct IndentedLine<'a> {
    line: usize,
    indent: usize,
    text: &'a str,
}

/// The lines indented under the key on `key_line`, or, for a list, starting with `-` at
/// its indent, as YAML allows.
fn block_below(yaml: &str, first_line: usize, key_line: usize) -> Vec<IndentedLine<'_>> {
    (yaml.lines().enumerate())
        .skip((key_line + 1).saturating_sub(first_line))
        .filter_map(|(index, line)| {
            let text = line.trim_start_matches(' ');
            let blank = text.trim().is_empty() || text.starts_with('#');
            (!blank).then(|| IndentedLine {
                line: first_line + index,
                indent: line.len() - text.len(),
                text,
            })
        })
        .take_while(|line| line.indent > 0 || is_item(line.text))
        .collect()
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The key a line starts with, as in `key: value`, without quotes around it.
fn key_of(text: &str) -> Option<&str> {
    let end = (text.match_indices(':'))
        .map(|(at, _)| at)
        .find(|&at| text[at + 1..].is_empty() || text[at + 1..].starts_with([' ', '\t']))?;
    let key = text[..end].trim_end();
    let unquoted = ['"', '\'']
        .into_iter()
        .find_map(|quote| key.strip_prefix(quote)?.strip_suffix(quote));
    Some(unquoted.unwrap_or(key))
}

/// The keys of a map in a block, with their lines: the block's lines at its first line's
/// indent.
fn block_keys<'a>(block: &[IndentedLine<'a>]) -> Vec<(&'a str, usize)> {
    let Some(first) = block.first() else {
        return Vec::new();
    };
    (block.iter())
        .filter(|line| line.indent == first.indent)
        .filter_map(|line| Some((key_of(line.text)?, line.line)))
        .collect()
}

/// The line each name is written on, from the `keys` found in the text: a name written
/// twice gets each of its lines in turn.
fn lines_of<'a>(
    names: impl IntoIterator<Item = &'a str>,
    keys: &[(&str, usize)],
) -> Vec<Option<usize>> {
    let mut lines: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for &(key, line) in keys {
        lines.entry(key).or_default().push_back(line);
    }
    (names.into_iter())
        .map(|name| lines.get_mut(name)?.pop_front())
        .collect()
}

/// The line of each entry of a YAML topic's `sections:` on `sections_line`.
fn section_lines<V>(
    yaml: &str,
    first_line: usize,
    sections_line: Option<usize>,
    entries: &[(String, V)],
) -> Vec<Option<usize>> {
    let block = sections_line.map_or(Vec::new(), |line| block_below(yaml, first_line, line));
    lines_of(
        entries.iter().map(|(name, _)| name.as_str()),
        &block_keys(&block),
    )
}

/// Each item of the list under `sources:` on `sources_line`: the line it starts on and
/// the lines of its keys. The first key can share the item's `- ` line.
fn source_items(yaml: &str, first_line: usize, sources_line: usize) -> Vec<SourceItem<'_>> {
    let block = block_below(yaml, first_line, sources_line);
    let Some(item_indent) = block.first().map(|line| line.indent) else {
        return Vec::new();
    };
    let starts: Vec<usize> = (0..block.len())
        .filter(|&index| block[index].indent == item_indent && is_item(block[index].text))
        .collect();
    (starts.iter().enumerate())
        .map(|(number, &start)| {
            let end = starts.get(number + 1).copied().unwrap_or(block.len());
            let dash = &block[start];
            let after_dash = dash.text[1..].trim_start_matches(' ');
            let key_indent = match after_dash {
                "" => block.get(start + 1).map_or(0, |line| line.indent),
                _ => dash.indent + dash.text.len() - after_dash.len(),
            };
            let on_dash_line = (!after_dash.is_empty()).then_some((after_dash, dash.line));
            let keys = (on_dash_line.into_iter())
                .chain(
                    (block[start + 1..end].iter())
                        .filter(|line| line.indent == key_indent)
                        .map(|line| (line.text, line.line)),
                )
                .filter_map(|(text, line)| Some((key_of(text)?, line)))
                .collect();
            SourceItem {
                line: dash.line,
                keys,
            }
        })
        .collect()
}

struct SourceItem<'a> {
    line: usize,
    keys: Vec<(&'a str, usize)>,
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
    fields.sources.iter_mut().for_each(clean_source);
}

fn clean_source(source: &mut Source) {
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

/// Every source that does not say where it appeared or how current it is, each at its
/// item's line.
fn incomplete_sources(sources: &[Source], yaml: &str, first_line: usize) -> Vec<Problem> {
    let mut lines = None;
    (sources.iter().enumerate())
        .filter_map(|(index, source)| {
            let message = incomplete_source(index, source)?;
            // The lines are only looked for when there is a problem to place.
            let lines = lines.get_or_insert_with(|| field_and_source_lines(yaml, first_line));
            let line_of = |field: &str| {
                (lines.iter())
                    .find(|(name, _)| name == field)
                    .map(|&(_, line)| line)
            };
            let line = line_of(&format!("sources[{index}]")).or_else(|| line_of("sources"));
            Some(Problem { line, message })
        })
        .collect()
}

/// A source must say where it appeared and how current it is; serde cannot say "one of
/// these two fields", so this is checked once the fields are read. `index` counts from 0.
fn incomplete_source(index: usize, source: &Source) -> Option<String> {
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

/// Every field of a topic, as [`Fields`] reads them.
const FIELD_NAMES: [&str; 9] = [
    "title",
    "summary",
    "kind",
    "aliases",
    "tags",
    "reviewed",
    "reviewed-by",
    "sources",
    "sections",
];

fn unknown_field(name: &str, close: Option<&str>) -> String {
    match close {
        Some(close) => format!("unknown field `{name}`: did you mean `{close}`?"),
        None => format!(
            "unknown field `{name}`: a topic's fields are {}",
            FIELD_NAMES.map(|field| format!("`{field}`")).join(", ")
        ),
    }
}

/// The fields [`Fields`] cannot do without, each with a stand-in value that reads.
const REQUIRED_FIELDS: [(&str, &str); 4] = [
    ("title", "stand-in"),
    ("summary", "stand-in"),
    ("kind", "condition"),
    ("reviewed", "2000-01-01"),
];

/// Reads the fields; `first_line` is the file line the YAML starts on. `unsanitized` is
/// the whole file as written, where tabs are still tabs.
fn read_fields(
    yaml: &str,
    first_line: usize,
    format: FileFormat,
    read: Read,
    unsanitized: &str,
) -> Result<Fields, Vec<Problem>> {
    if yaml.trim().is_empty() {
        return Err(vec![Problem::at(
            first_line,
            "no fields: a topic needs at least title, summary, kind and reviewed".to_string(),
        )]);
    }
    if let Some(line) = too_deep(yaml) {
        return Err(vec![Problem::at(
            first_line + line - 1,
            format!("YAML nested more than {MAX_NESTING} levels deep: a topic's fields are flat"),
        )]);
    }
    // Most files read at once; only a refused one is read again, field by field.
    serde_yaml::from_str(yaml).map_err(|refused| {
        let mut problems = field_problems(yaml, first_line, format, read, unsanitized, &refused);
        for problem in &mut problems {
            problem.message = in_plain_words(&problem.message);
        }
        problems
    })
}

/// Every problem of fields the typed read refused, each at its own line: each field is
/// read again on its own, as is each field of each source and each section, so that one
/// run names them all. The typed read stops at its first problem.
fn field_problems(
    yaml: &str,
    first_line: usize,
    format: FileFormat,
    read: Read,
    unsanitized: &str,
    refused: &serde_yaml::Error,
) -> Vec<Problem> {
    // Not YAML, or not a map of fields: the reader's own error is the one problem.
    let Ok(RawFields(entries)) = serde_yaml::from_str::<RawFields>(yaml) else {
        return vec![yaml_problem(refused, yaml, first_line, unsanitized)];
    };
    let top_level = top_level_field_lines(yaml, first_line);
    let top_level: Vec<(&str, usize)> = (top_level.iter())
        .map(|(name, line)| (name.as_str(), *line))
        .collect();
    let lines = lines_of(entries.iter().map(|(name, _)| name.as_str()), &top_level);
    let mut problems = Vec::new();
    let mut seen: HashMap<String, Option<usize>> = HashMap::new();
    // The fields that misspelt ones look like.
    let mut meant = Vec::new();
    for ((name, field), line) in entries.into_iter().zip(lines) {
        if let Some(&first) = seen.get(&name) {
            let first = first.map_or(String::new(), |line| format!(" (first at line {line})"));
            problems.push(Problem {
                line,
                message: format!("`{name}` is given twice{first}: keep one"),
            });
            continue;
        }
        seen.insert(name.clone(), line);
        match field {
            RawField::Sections(_) if format == FileFormat::Markdown => problems.push(Problem {
                line,
                message: SECTIONS_IN_MARKDOWN.to_string(),
            }),
            RawField::Sections(sections) => {
                problems.extend(section_problems(sections, yaml, first_line, line, read));
            }
            RawField::Value(Value::Sequence(items)) if name == "sources" => {
                problems.extend(source_problems(items, yaml, first_line, line));
            }
            RawField::Value(_) if !FIELD_NAMES.contains(&name.as_str()) => {
                let close = similar::closest(&name, FIELD_NAMES);
                meant.extend(close);
                problems.push(Problem {
                    line,
                    message: unknown_field(&name, close),
                });
            }
            RawField::Value(value) => {
                if let Err(message) = read_alone(&name, value) {
                    problems.push(Problem { line, message });
                }
            }
        }
    }
    for (required, _) in REQUIRED_FIELDS {
        // A misspelt field says which field it is meant to be.
        if !seen.contains_key(required) && !meant.contains(&required) {
            problems.push(Problem::at(
                first_line,
                format!(
                    "no `{required}` field: add `{required}:`; every topic needs `title`, \
                     `summary`, `kind` and `reviewed`"
                ),
            ));
        }
    }
    if problems.is_empty() {
        problems.push(yaml_problem(refused, yaml, first_line, unsanitized));
    }
    problems
}

/// The fields of a topic as the YAML reader reads them, before they are typed: in the
/// file's order, a field written twice as often as it is written, and `sections` as a
/// list, so that a section key written twice is seen too.
struct RawFields(Vec<(String, RawField)>);

enum RawField {
    Value(Value),
    Sections(Vec<(String, Value)>),
}

impl<'de> Deserialize<'de> for RawFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;

        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = RawFields;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of fields")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFields, A::Error> {
                let mut fields = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let field = match name.as_str() {
                        "sections" => {
                            RawField::Sections(map.next_value::<YamlSections<Value>>()?.0)
                        }
                        _ => RawField::Value(map.next_value()?),
                    };
                    fields.push((name, field));
                }
                Ok(RawFields(fields))
            }
        }

        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// What the typed read makes of `value` as the field `name`, read alongside stand-ins for
/// the required fields, so that only its own problem shows. The value is written back as
/// YAML for the typed read, not converted from the `Value`: as a `Value`, `date: 2022` is
/// already a number, where the typed read of the whole file takes it as a date's text.
fn read_alone(name: &str, value: Value) -> Result<Fields, String> {
    let mut fields: Mapping = (REQUIRED_FIELDS.iter())
        .map(|&(name, stand_in)| (Value::from(name), Value::from(stand_in)))
        .collect();
    fields.insert(Value::from(name), value);
    read_written_back(&Value::Mapping(fields))
}

/// The typed read of a `Value` written back as YAML (see [`read_alone`] for why).
fn read_written_back<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    let message = |err: serde_yaml::Error| without_position(&err.to_string());
    serde_yaml::from_str(&serde_yaml::to_string(value).map_err(message)?).map_err(message)
}

/// The problems of each source in `sources:` on `sources_line`: each field of a source is
/// read on its own and reported at its own line; a source whose fields all read is checked
/// as a whole, at its item's line.
fn source_problems(
    items: Vec<Value>,
    yaml: &str,
    first_line: usize,
    sources_line: Option<usize>,
) -> Vec<Problem> {
    let written = sources_line.map_or(Vec::new(), |line| source_items(yaml, first_line, line));
    let mut problems = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let item_line = written.get(index).map(|item| item.line).or(sources_line);
        let keys = written.get(index).map_or(&[][..], |item| &item.keys);
        // Each source is read as the only one, so its messages name it as `sources[0]`.
        let in_place =
            |message: String| message.replacen("sources[0]", &format!("sources[{index}]"), 1);
        let read_source = |source: Value| read_alone("sources", Value::Sequence(vec![source]));
        let before = problems.len();
        if let Value::Mapping(fields) = &item {
            if !fields.contains_key("title") {
                problems.push(Problem {
                    line: item_line,
                    message: format!("sources[{index}]: missing field `title`"),
                });
            }
            for (key, value) in fields {
                let mut alone = Mapping::new();
                alone.insert(Value::from("title"), Value::from(REQUIRED_FIELDS[0].1));
                alone.insert(key.clone(), value.clone());
                if let Err(message) = read_source(Value::Mapping(alone)) {
                    let line = (key.as_str())
                        .and_then(|key| keys.iter().find(|(written, _)| *written == key))
                        .map(|&(_, line)| line)
                        .or(item_line);
                    problems.push(Problem {
                        line,
                        message: in_place(message),
                    });
                }
            }
        }
        if problems.len() > before {
            continue;
        }
        match read_source(item) {
            Ok(mut fields) => {
                if let Some(mut source) = fields.sources.pop() {
                    clean_source(&mut source);
                    if let Some(message) = incomplete_source(index, &source) {
                        problems.push(Problem {
                            line: item_line,
                            message,
                        });
                    }
                }
            }
            Err(message) => problems.push(Problem {
                line: item_line,
                message: in_place(message),
            }),
        }
    }
    problems
}

/// The problems of a YAML topic's `sections:` on `sections_line`, each at its key's line:
/// each section's value is read on its own.
fn section_problems(
    entries: Vec<(String, Value)>,
    yaml: &str,
    first_line: usize,
    sections_line: Option<usize>,
    read: Read,
) -> Vec<Problem> {
    let lines = section_lines(yaml, first_line, sections_line, &entries);
    let entries = entries.into_iter().map(|(name, value)| {
        let section = read_written_back::<YamlSectionValue>(&value)
            .map(|section| section.0)
            .map_err(|message| format!("sections.{name}: {message}"));
        (name, section)
    });
    // A file with problems keeps no sections: the kind, which only picks the titles of
    // sections that give none, does not matter here.
    yaml_sections(entries, &lines, (Kind::Condition, Lang::En), read).1
}

/// A YAML reader's error in a file that is all YAML, such as a clinic profile: its line,
/// where known, and what it says, in plain words where it can be.
pub fn yaml_error(err: &serde_yaml::Error, text: &str) -> (Option<usize>, String) {
    let problem = yaml_problem(err, text, 1, text);
    (problem.line, problem.message)
}

/// A YAML reader's error as a problem at its line in the file, in plain words for the
/// mistakes authors make most. Any other message is the reader's own, without the
/// positions in it, which count within the YAML and not in the file. `unsanitized` is the
/// whole file as written.
fn yaml_problem(
    err: &serde_yaml::Error,
    yaml: &str,
    first_line: usize,
    unsanitized: &str,
) -> Problem {
    let message = err.to_string();
    let Some(location) = err.location() else {
        return Problem::general(without_position(&message));
    };
    let lines: Vec<&str> = yaml.lines().collect();
    // Marks count from 1 within the YAML; one past its end means its end.
    let within = |line: usize| line.clamp(1, lines.len().max(1));
    let (line, column) = (within(location.line()), location.column());
    let (context_line, context_column) =
        context_mark(&message).map_or((line, column), |(line, column)| (within(line), column));
    let text = |line: usize| lines.get(line - 1).copied().unwrap_or("");
    let char_at = |line: usize, column: usize| text(line).chars().nth(column.checked_sub(1)?);
    let text_before = |line: usize, column: usize| -> String {
        text(line).chars().take(column.saturating_sub(1)).collect()
    };
    let file_line = |line: usize| first_line + line - 1;
    let problem = |line: usize, message: String| Problem::at(file_line(line), message);

    // The reader never sees a tab, which became spaces with the rest of the sanitising,
    // and may stumble some lines below one: a tab in the indent of a line from where the
    // reader's context starts to where it stopped is the thing to fix.
    let written: Vec<&str> = unsanitized.lines().collect();
    let indented_with_tab = |line: usize| {
        let written = written.get(file_line(line) - 1).copied().unwrap_or("");
        written.trim_start_matches(' ').starts_with('\t')
    };
    if let Some(tab_line) = (context_line.min(line)..=line)
        .rev()
        .find(|&line| indented_with_tab(line))
    {
        return problem(tab_line, TAB_INDENT.to_string());
    }
    if message.starts_with("did not find expected ',' or ']'") {
        return problem(
            context_line,
            never_closed("list", '[', ']', text(context_line)),
        );
    }
    if message.starts_with("did not find expected ',' or '}'") {
        return problem(
            context_line,
            never_closed("map", '{', '}', text(context_line)),
        );
    }
    if message.starts_with("found unexpected end of stream")
        && message.contains("while scanning a quoted scalar")
    {
        let quote = char_at(context_line, context_column).unwrap_or('"');
        let inside = match quote {
            '\'' => "write an apostrophe inside it as `''`",
            _ => "write a `\"` inside it as `\\\"`",
        };
        return problem(
            context_line,
            format!(
                "the quote `{quote}` on line {} opens a value that never ends: close it \
                 with `{quote}` where the value ends, and {inside}",
                file_line(context_line)
            ),
        );
    }
    if message.starts_with("found unknown escape character") {
        let escape: String = text(line)
            .chars()
            .skip(column.saturating_sub(1))
            .take(2)
            .collect();
        return problem(
            line,
            format!(
                "`{escape}` is not an escape YAML knows: inside double quotes write a \
                 backslash as `\\\\`, or put the value in single quotes, where a backslash \
                 is just a backslash"
            ),
        );
    }
    if message.starts_with("mapping values are not allowed in this context") {
        let before = text_before(line, column);
        let start = before.trim_start_matches(' ');
        let start = start.strip_prefix("- ").unwrap_or(start);
        return problem(
            line,
            match key_of(start) {
                Some(key) => format!(
                    "the value of `{key}` holds `: `, which YAML reads as the start of \
                     another field: put the whole value in double quotes"
                ),
                None => "this line is indented more than the fields it belongs with: line \
                         it up with them, or, if it goes on with the value above, put that \
                         whole value in quotes"
                    .to_string(),
            },
        );
    }
    if message.starts_with("could not find expected ':'") {
        return problem(
            context_line,
            "this line is not a field: write it as `name: value`, or indent it under the \
             field whose value it goes on with"
                .to_string(),
        );
    }
    if message.starts_with("did not find expected key") {
        let closed_by = text_before(line, column).trim_end().chars().last();
        return problem(
            line,
            match closed_by {
                Some('"') => "text goes on after the closing `\"` on this line: if the quotes \
                              are part of the value, put the whole value in single quotes"
                    .to_string(),
                Some('\'') => "text goes on after the closing `'` on this line: write an \
                               apostrophe inside single quotes as `''`, as in \
                               `'Don''t walk on it'`, or put the whole value in double quotes"
                    .to_string(),
                Some(close @ (']' | '}')) => format!(
                    "text goes on after the closing `{close}` on this line: if the brackets \
                     are part of the text, put the whole value in quotes"
                ),
                _ => "this line does not line up with the fields above it: indent each field \
                      of a group by the same number of spaces"
                    .to_string(),
            },
        );
    }
    if message.starts_with("did not find expected '-' indicator") {
        return problem(
            line,
            "this line does not line up with the list above it: start each item with `- ` \
             at the same indent, and indent an item's other fields as far as its first"
                .to_string(),
        );
    }
    // `*` starts a reference to another value, `>` and `|` a block of text, and some
    // characters cannot start a value at all.
    let refused_start = if message.starts_with("found character that cannot start any token")
        || message.starts_with("unknown anchor")
    {
        Some((line, char_at(line, column)))
    } else if message.starts_with("did not find expected alphabetic or numeric character")
        || message.starts_with("did not find expected comment or line break")
    {
        Some((context_line, char_at(context_line, context_column)))
    } else {
        None
    };
    if let Some((line, Some(start))) = refused_start {
        return problem(
            line,
            format!(
                "the value on this line starts with {}, which YAML does not read as plain \
                 text: put the whole value in quotes",
                match start {
                    '`' => "`` ` ``".to_string(),
                    _ => format!("`{start}`"),
                }
            ),
        );
    }
    problem(line, without_position(&message))
}

/// For a `[` list or `{` map that the YAML reader could not end.
fn never_closed(what: &str, open: char, close: char, line: &str) -> String {
    let opened_at = line.find(open).unwrap_or(0);
    if line[opened_at..].contains(close) {
        // It is closed: an item in it holds something that ends the item early.
        format!(
            "an item of the {what} that starts here with `{open}` is not read as one item: \
             put quotes around an item that holds a comma, a bracket or a quote"
        )
    } else {
        format!(
            "the {what} that starts here with `{open}` is never closed: end it with `{close}` \
             on the same line, and put quotes around an item that holds a comma or a bracket"
        )
    }
}

/// The line and column of the context's mark in a YAML reader's message, as in
/// "..., while parsing a flow sequence at line 5 column 10".
fn context_mark(message: &str) -> Option<(usize, usize)> {
    let (_, context) = message.split_once(", while ")?;
    let (_, mark) = context.rsplit_once(" at line ")?;
    let (line, column) = mark.split_once(" column ")?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// A YAML reader's message without its positions (`at line 5 column 10`, `at position 0`).
fn without_position(message: &str) -> String {
    let mut kept = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        kept.push_str(&rest[..at]);
        let after = &rest[at + " at ".len()..];
        match after_mark(after) {
            Some(tail) => rest = tail,
            None => {
                kept.push_str(" at ");
                rest = after;
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// What follows a mark such as `line 5 column 10` or `position 0` at the start of `text`.
fn after_mark(text: &str) -> Option<&str> {
    match text.strip_prefix("line ") {
        Some(line) => after_number(after_number(line)?.strip_prefix(" column ")?),
        None => after_number(text.strip_prefix("position ")?),
    }
}

/// What follows the digits at the start of `text`, if it starts with any.
fn after_number(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    (rest.len() < text.len()).then_some(rest)
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

/// A YAML topic's sections, in the order the file gives them, a key written twice as
/// often as it is written: the keys are checked once read, so that each problem is named.
#[derive(Debug, PartialEq)]
struct YamlSections<V = YamlSectionValue>(Vec<(String, V)>);

/// A section body, either a bare Markdown string or `{title, body}`.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlSection {
    #[serde(default)]
    title: Option<String>,
    body: String,
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for YamlSections<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SectionsVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for SectionsVisitor<V> {
            type Value = YamlSections<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from section key to Markdown text or {title, body}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlSections<V>, A::Error> {
                let mut sections = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    sections.push((name, map.next_value()?));
                }
                Ok(YamlSections(sections))
            }
        }

        deserializer.deserialize_map(SectionsVisitor(PhantomData))
    }
}

/// Accepts a bare string as a section with the default title.
#[derive(Debug, PartialEq)]
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

/// The heading of a YAML section that gives none: a standard key's usual heading, or a
/// clinic's key written as words, `after-care` as "After care".
fn default_title(name: &str, kind: Kind, lang: Lang) -> String {
    match SectionKey::from_key(name) {
        Some(key) => key.default_title(kind, lang).to_string(),
        None => {
            let words = name.replace('-', " ");
            let mut chars = words.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
    }
}

/// Splits a Markdown body into its sections at each top-level `## ` heading, and reads
/// each section's blocks in the same pass. `first_line` is the file line the body starts on.
/// A body with problems is read to its end, so that the error names each of them.
fn split_sections(body: &str, first_line: usize, lang: Lang) -> Result<Vec<Section>, Vec<Problem>> {
    let lines = LineCounter::new(body, first_line);
    let mut problems = Vec::new();
    let mut level_one_headings: Vec<Range<usize>> = Vec::new();
    // Each heading, and the blocks of what follows it up to the next.
    let mut headings: Vec<(Heading, BlockBuilder)> = Vec::new();
    let mut open: Option<Heading> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { level, id, .. }) if depth == 0 => match level {
                HeadingLevel::H1 => {
                    problems.push(Problem::at(
                        lines.line_at(range.start),
                        "a level-1 heading: the title belongs in the front matter's \
                         `title`, and each section starts with `## `"
                            .to_string(),
                    ));
                    level_one_headings.push(range.clone());
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
    // A level-1 heading there has a problem of its own.
    let stray = (preamble.char_indices()).find(|(offset, c)| {
        !c.is_whitespace()
            && !level_one_headings
                .iter()
                .any(|heading| heading.contains(offset))
    });
    if let Some((offset, _)) = stray {
        problems.push(Problem::at(
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
    let mut first_lines: HashMap<String, usize> = HashMap::with_capacity(headings.len());
    for ((heading, blocks), end) in headings.into_iter().zip(ends) {
        let line = lines.line_at(heading.start);
        let title = heading.text.trim().to_string();
        let name = heading.id.clone().unwrap_or_else(|| derive_key(&title));
        if let Err(message) = SectionKey::for_name(
            &name,
            match heading.id {
                Some(_) => NameWritten::HeadingKey,
                None => NameWritten::FromHeading,
            },
        ) {
            problems.push(Problem::at(line, message));
            continue;
        }
        if let Some(&first) = first_lines.get(&name) {
            problems.push(Problem::at(line, repeated_section(&name, Some(first))));
            continue;
        }
        first_lines.insert(name.clone(), line);
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
            name,
            title,
            markdown.trim_end().to_string(),
            (Some(line), Some(lines.line_at(start).max(below_heading))),
            blocks,
            lang,
        ));
    }
    if problems.is_empty() {
        Ok(sections)
    } else {
        Err(problems)
    }
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
        let (line, message) = error_at(markdown("## Overview\nx\n## Risk\ny\n"));
        assert_eq!(line, Some(9));
        assert!(
            message.contains("`risk` is not a standard section: to add to `risks`"),
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
        assert_eq!(
            message,
            "`reviewed`: invalid date `2026-13-01`: write a real calendar date as YYYY-MM-DD"
        );

        let wrong_type = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\ntags: 3\n";
        let (line, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, wrong_type));
        assert_eq!(line, Some(5));
        assert_eq!(
            message,
            "`tags` must be a list, as in `[foot, heel]`, or one `- ` item a line, not the \
             number 3"
        );
    }

    #[test]
    fn the_field_names_for_messages_are_the_fields_read() {
        let text = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\nzz: 1\n";
        let message = serde_yaml::from_str::<Fields>(text)
            .unwrap_err()
            .to_string();
        let expected = message.split("expected one of ").nth(1).unwrap();
        let read: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        assert_eq!(read, FIELD_NAMES);
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
        assert_eq!(
            message,
            "`title` is given twice (first at line 2): keep one"
        );
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
    fn yaml_topics_reject_reserved_or_repeated_sections() {
        let head = "title: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\nsections:\n";
        let reserved = format!("{head}  overview: x\n  sources: x\n");
        let (line, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, &reserved));
        assert_eq!(line, Some(7));
        assert!(
            message.contains("`sources` is a reserved name, not a section's"),
            "{message}"
        );

        let body_typo = format!("{head}  risks:\n    title: R\n    bdy: x\n");
        let (_, message) = error_at(parse_topic("t.yaml", "t", FileFormat::Yaml, &body_typo));
        assert!(message.contains("unknown field `bdy`"), "{message}");
    }

    /// Each kind of YAML mistake, told in plain words at the line to fix; where a file has
    /// several problems, each is named.
    #[test]
    fn yaml_mistakes_are_told_in_plain_words_at_their_line() {
        type Problems<'a> = Vec<(Option<usize>, &'a str)>;
        let cases: Vec<(&str, Problems)> = vec![
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\ntags: [foot] heel\n",
                vec![(Some(5), "text goes on after the closing `]` on this line: if the brackets are part of the text, put the whole value in quotes")],
            ),
            (
                "title: \"Heel\" wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\n",
                vec![(Some(1), "text goes on after the closing `\"` on this line: if the quotes are part of the value, put the whole value in single quotes")],
            ),
            (
                "title: 'Heel' wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\n",
                vec![(Some(1), "text goes on after the closing `'` on this line: write an apostrophe inside single quotes as `''`, as in `'Don''t walk on it'`, or put the whole value in double quotes")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\naliases: @heel\n",
                vec![(Some(5), "the value on this line starts with `@`, which YAML does not read as plain text: put the whole value in quotes")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\naliases: `heel`\n",
                vec![(Some(5), "the value on this line starts with `` ` ``, which YAML does not read as plain text: put the whole value in quotes")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\naliases: [x]\ntags: foot: heel\n",
                vec![(Some(6), "`tags` must be a list, as in `[foot, heel]`, or one `- ` item a line, not the text \"foot\"")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\nsources:\n  - title: x\n    publisher: y\n   - title: z\n",
                vec![(Some(8), "this line does not line up with the list above it: start each item with `- ` at the same indent, and indent an item's other fields as far as its first")],
            ),
            (
                "title: \"Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\n",
                vec![(Some(1), "the quote `\"` on line 1 opens a value that never ends: close it with `\"` where the value ends, and write a `\"` inside it as `\\\"`")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\ntitle: Again\n",
                vec![(Some(5), "`title` is given twice (first at line 1): keep one")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\naliases: [\"heel\\q\"]\n",
                vec![(Some(5), "`\\q` is not an escape YAML knows: inside double quotes write a backslash as `\\\\`, or put the value in single quotes, where a backslash is just a backslash")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\n  kind: condition\nreviewed: 2026-11-01\n",
                vec![(Some(3), "this line is indented more than the fields it belongs with: line it up with them, or, if it goes on with the value above, put that whole value in quotes")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: illness\nreviewed: 2026-11-01\ntags: 3\n",
                vec![(Some(3), "`kind` must be `procedure` or `condition`, not `illness`"), (Some(5), "`tags` must be a list, as in `[foot, heel]`, or one `- ` item a line, not the number 3")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\ntags: [foot, heel\n",
                vec![(Some(5), "the list that starts here with `[` is never closed: end it with `]` on the same line, and put quotes around an item that holds a comma or a bracket")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\ntags: [foot, \"heel]\n",
                vec![(Some(5), "the quote `\"` on line 5 opens a value that never ends: close it with `\"` where the value ends, and write a `\"` inside it as `\\\"`")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\nsources: {title: x, publisher: y\n",
                vec![(Some(5), "`sources` must be a list of sources, each starting with `- title:` on a line of its own, not a group of fields")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\njust words\nkind: condition\nreviewed: 2026-11-01\n",
                vec![(Some(3), "this line is not a field: write it as `name: value`, or indent it under the field whose value it goes on with")],
            ),
            (
                "- just\n- a list\n",
                vec![(Some(1), "the file is not a list of fields: a topic is written as `name: value` lines, starting with `title:`")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\ntags: %heel\n",
                vec![(Some(5), "the value on this line starts with `%`, which YAML does not read as plain text: put the whole value in quotes")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\nsections:\n  overview: Text.\n  overview: Again.\n  Bad Key: x\n  risks:\n    title: R\n    bdy: x\n",
                vec![(Some(7), "section `overview` appears twice (first at line 6)"), (Some(8), "`Bad Key` cannot be a section's key: give the section a key of its own under `sections`, such as `aftercare:`, in lowercase letters, digits and dashes"), (Some(9), "section `risks` has an unknown field `bdy`: did you mean `body`?")],
            ),
            (
                "title: 'Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\n",
                vec![(Some(1), "the quote `'` on line 1 opens a value that never ends: close it with `'` where the value ends, and write an apostrophe inside it as `''`")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\nsources:\n  - title: x\n    publisher: y\n    date: 2026-13\n    colour: red\n  - publisher: z\n    accessed: 2026-01-01\n",
                vec![(Some(8), "source 1's `date`: invalid date `2026-13`: write YYYY, YYYY-MM or YYYY-MM-DD"), (Some(9), "source 1 has an unknown field `colour`: its fields are `title`, `journal`, `publisher`, `date`, `accessed`, `authors`, `doi`, `url`"), (Some(10), "source 2 has no `title`: add `title:`")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\naliases: *heel\n",
                vec![(Some(5), "the value on this line starts with `*`, which YAML does not read as plain text: put the whole value in quotes")],
            ),
            (
                "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\naliases:\n\t- wrap\n",
                vec![(Some(6), "this line is indented with a tab: YAML allows only spaces for indentation; replace the tab with spaces")],
            ),
        ];
        for (text, expected) in cases {
            let error = parse_topic("t.yaml", "t", FileFormat::Yaml, text).unwrap_err();
            let found: Problems = error.problems().collect();
            assert_eq!(found, expected, "{text}");
        }
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
    fn file_names_give_slug_language_and_format() {
        let name = |slug, lang, format| Some(TopicName { slug, lang, format });
        assert_eq!(
            topic_file_name("calf-strain.md"),
            name("calf-strain", Lang::En, FileFormat::Markdown)
        );
        assert_eq!(
            topic_file_name("x.yml"),
            name("x", Lang::En, FileFormat::Yaml)
        );
        assert_eq!(
            topic_file_name("calf-strain.es.md"),
            name("calf-strain", Lang::Es, FileFormat::Markdown)
        );
        assert_eq!(
            topic_file_name("x.es.yaml"),
            name("x", Lang::Es, FileFormat::Yaml)
        );
        // English is the original, named without a code; an unknown code stays in the
        // slug, which is then refused.
        for kept in ["x.en", "x.fr", "x.ES"] {
            assert_eq!(topic_file_name(&format!("{kept}.md")).unwrap().slug, kept);
        }
        assert_eq!(topic_file_name("notes.txt"), None);
        assert!(is_valid_slug("calf-strain"));
        for bad in ["", "Calf", "a/b", "..", ".hidden", "-a", "a--b", "a b"] {
            assert!(!is_valid_slug(bad), "{bad:?}");
        }
    }
}
