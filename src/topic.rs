//! What a topic is, once parsed: its front matter and its sections.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::{Date, SourceDate};
use crate::lang::Lang;
use crate::markdown::{label_pictures, to_located_blocks, Blocks};
use crate::similar::slip_for;
use crate::tiers::{self, Tier, TierStart};

/// The sections a topic may hold, in the order a reader meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKey {
    KeyPoints,
    Overview,
    Indications,
    Preparing,
    Procedure,
    Recovery,
    Outlook,
    Risks,
    WarningSigns,
    Questions,
    Disclaimer,
    /// A clinic's own section, such as `## Aftercare`: its name is [`Section::name`].
    Custom,
}

/// The front matter's fields that `search` looks in, before the sections, by the names
/// `search --section` gives them.
pub const SEARCHED_FIELDS: [&str; 4] = ["title", "summary", "aliases", "tags"];

/// Names a clinic's own section may not take: the standard keys, and the names of the
/// front matter's fields, which `--section` and JSON already use.
pub const RESERVED_NAMES: [&str; 5] = ["title", "summary", "aliases", "tags", "sources"];

impl SectionKey {
    pub const ALL: [SectionKey; 11] = [
        SectionKey::KeyPoints,
        SectionKey::Overview,
        SectionKey::Indications,
        SectionKey::Preparing,
        SectionKey::Procedure,
        SectionKey::Recovery,
        SectionKey::Outlook,
        SectionKey::Risks,
        SectionKey::WarningSigns,
        SectionKey::Questions,
        SectionKey::Disclaimer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionKey::KeyPoints => "key-points",
            SectionKey::Overview => "overview",
            SectionKey::Indications => "indications",
            SectionKey::Preparing => "preparing",
            SectionKey::Procedure => "procedure",
            SectionKey::Recovery => "recovery",
            SectionKey::Outlook => "outlook",
            SectionKey::Risks => "risks",
            SectionKey::WarningSigns => "warning-signs",
            SectionKey::Questions => "questions",
            SectionKey::Disclaimer => "disclaimer",
            SectionKey::Custom => "custom",
        }
    }

    /// The heading shown when a YAML topic gives a section no title of its own.
    pub fn default_title(self, kind: Kind, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english_title(kind),
            Lang::Es => self.spanish_title(kind),
        }
    }

    fn spanish_title(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (SectionKey::KeyPoints, _) => "Puntos clave",
            (SectionKey::Overview, _) => "Información general",
            (SectionKey::Indications, _) => "Indicaciones",
            (SectionKey::Preparing, _) => "Antes de la cirugía",
            (SectionKey::Procedure, _) => "Procedimiento",
            (SectionKey::Recovery, _) => "Recuperación",
            (SectionKey::Outlook, Kind::Procedure) => "Qué tan bien funciona",
            (SectionKey::Outlook, Kind::Condition) => "Cuánto tarda en sanar",
            (SectionKey::Risks, _) => "Riesgos",
            (SectionKey::WarningSigns, _) => "Señales de alarma",
            (SectionKey::Questions, _) => "Preguntas para su médico",
            (SectionKey::Disclaimer, _) => "Aviso importante",
            (SectionKey::Custom, _) => "",
        }
    }

    fn english_title(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (SectionKey::KeyPoints, _) => "Key points",
            (SectionKey::Overview, _) => "Overview",
            (SectionKey::Indications, _) => "Indications",
            (SectionKey::Preparing, _) => "Before your surgery",
            (SectionKey::Procedure, _) => "Procedure",
            (SectionKey::Recovery, _) => "Recovery",
            (SectionKey::Outlook, Kind::Procedure) => "How well it works",
            (SectionKey::Outlook, Kind::Condition) => "How long it takes to heal",
            (SectionKey::Risks, _) => "Risks",
            (SectionKey::WarningSigns, _) => "Warning signs",
            (SectionKey::Questions, _) => "Questions to ask your doctor",
            (SectionKey::Disclaimer, _) => "Disclaimer",
            (SectionKey::Custom, _) => "",
        }
    }

    pub fn from_key(key: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|k| k.as_str() == key)
    }

    /// The key of a section named `name` in a file: a standard key, or a clinic's own.
    /// A name made from a heading that is close to a standard key is refused, so that
    /// `## Risk` is not quietly a section of its own; the error says what to write instead.
    pub fn for_name(name: &str, written: NameWritten) -> Result<SectionKey, String> {
        if let Some(key) = SectionKey::from_key(name) {
            return Ok(key);
        }
        let own_key = match written {
            NameWritten::YamlKey => "a key of its own under `sections`, such as `aftercare:`",
            _ => "a key of its own, as in `## Heading {#aftercare}`",
        };
        if RESERVED_NAMES.contains(&name) {
            return Err(format!(
                "`{name}` is a reserved name, not a section's: give the section {own_key}"
            ));
        }
        if !is_valid_slug(name) {
            return Err(format!(
                "`{name}` cannot be a section's key: give the section {own_key}, in lowercase \
                 letters, digits and dashes"
            ));
        }
        let Some(close) = slip_for(name, SectionKey::ALL.map(SectionKey::as_str)) else {
            return Ok(SectionKey::Custom);
        };
        // A slip is refused however the name is written: a section meant for a standard
        // one must not quietly become a section of its own.
        Err(match written {
            NameWritten::YamlKey => format!(
                "`{name}` is not a standard section: to fill `{close}`, write `{close}:`; for a \
                 section of your own, give it a key that is not a slip for a standard one, such \
                 as `our-{name}:`"
            ),
            _ => format!(
                "`{name}` is not a standard section: to add to `{close}`, write its heading as \
                 `{}`; for a section of your own, give it a key that is not a slip for a \
                 standard one, as in `## Heading {{#our-{name}}}`",
                SectionKey::from_key(close).map_or_else(String::new, SectionKey::heading_for)
            ),
        })
    }

    /// A heading that makes a section of this key, as an author would write it.
    fn heading_for(self) -> String {
        let title = self.default_title(Kind::Procedure, Lang::En);
        match derive_key(title) == self.as_str() {
            true => format!("## {title}"),
            false => format!("## Your heading {{#{self}}}"),
        }
    }

    /// The keys as a reader would type them, for error messages.
    pub fn list_all() -> String {
        SectionKey::ALL.map(SectionKey::as_str).join(", ")
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

/// How a section's name is written in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameWritten {
    /// Made from a Markdown heading's words.
    FromHeading,
    /// Given as `{#name}` after a heading.
    HeadingKey,
    /// A YAML topic's key under `sections`.
    YamlKey,
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

impl fmt::Display for SectionKey {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Procedure,
    Condition,
}

/// Where a fact in a topic comes from: a journal article or a publisher's page, with the
/// date it was published or last updated, the day it was read, or both.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<SourceDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub key: SectionKey,
    /// The key as typed: a standard key's own, or a clinic's section's name.
    pub name: String,
    /// The heading the reader sees, which may differ from the key.
    pub title: String,
    /// The section's body as Markdown, without its heading.
    pub markdown: String,
    /// The line of the heading in the file, where the file has one.
    pub line: Option<usize>,
    /// The line `markdown` starts on in the file, where that is known.
    pub body_line: Option<usize>,
    /// `markdown` as blocks, with where each starts in it: worked out when the file is
    /// parsed, in the same pass that finds the sections.
    pub blocks: Blocks,
    /// Where each tier of the warning signs starts; empty in other sections.
    pub tier_starts: Vec<TierStart>,
    /// The file the heading and first part are in, when that is not the topic's own file
    /// but a clinic's patch.
    pub file: Option<String>,
    /// The parts of `markdown` that patches added, in order.
    pub appended: Vec<Appended>,
}

/// What `show --section` can ask for: one of a topic's sections, by its key, or the
/// topic's sources with its review date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Section(String),
    Sources,
}

/// The name `--section` gives the sources by.
pub const SOURCES_NAME: &str = "sources";

/// Where something is written: in another file than the topic's own (a patch) or not,
/// and on which line, where that is known.
pub type Place<'a> = (Option<&'a str>, Option<usize>);

/// A part of a section's Markdown that a patch added.
#[derive(Debug, Clone, PartialEq)]
pub struct Appended {
    /// Where the part starts in the section's Markdown.
    pub at: usize,
    pub file: Option<String>,
    /// The line the part starts on in its file, where that is known.
    pub body_line: Option<usize>,
}

impl Section {
    /// A section from its parsed parts. The warning signs' tier headings are given their
    /// standard words here, once, so that every output shows the same.
    pub fn new(
        name: String,
        title: String,
        mut markdown: String,
        lines: (Option<usize>, Option<usize>),
        mut blocks: Blocks,
        lang: Lang,
    ) -> Section {
        let key = SectionKey::from_key(&name).unwrap_or(SectionKey::Custom);
        if lang != Lang::En {
            label_pictures(&mut blocks, lang);
        }
        let tier_starts = if key == SectionKey::WarningSigns {
            tiers::standardize(&mut markdown, &mut blocks, lang)
        } else {
            Vec::new()
        };
        Section {
            key,
            name,
            title,
            markdown,
            line: lines.0,
            body_line: lines.1,
            blocks,
            tier_starts,
            file: None,
            appended: Vec::new(),
        }
    }

    /// Adds a patch's section at the end of this one, after a blank line. `lang` is the
    /// topic's, whose words the tiers' headings keep.
    pub fn append(&mut self, addition: &Section, lang: Lang) {
        let mut whole = std::mem::take(&mut self.markdown);
        whole.push_str("\n\n");
        let at = whole.len();
        whole.push_str(&addition.markdown);
        // The blocks and tiers must describe the whole section again.
        let blocks = to_located_blocks(&whole);
        let title = std::mem::take(&mut self.title);
        let mut appended = std::mem::take(&mut self.appended);
        appended.push(Appended {
            at,
            file: addition.file.clone(),
            body_line: addition.body_line,
        });
        let file = self.file.take();
        let name = std::mem::take(&mut self.name);
        *self = Section {
            file,
            appended,
            ..Section::new(
                name,
                title,
                whole,
                (self.line, self.body_line),
                blocks,
                lang,
            )
        };
    }

    /// The file (when not the topic's own) and line of the byte at `offset` in the
    /// section's Markdown.
    pub fn place(&self, offset: usize) -> Place<'_> {
        self.places([offset]).pop().unwrap_or((None, None))
    }

    /// [`Section::place`] for each of `offsets`, which must not go down: lines are counted
    /// on from one to the next, so a long section costs one pass.
    pub fn places(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<Place<'_>> {
        let mut part = None;
        let (mut counted_to, mut line_breaks) = (0, 0);
        let mut places = Vec::new();
        for offset in offsets {
            let offset = offset.min(self.markdown.len());
            let now = self.appended.iter().rposition(|p| p.at <= offset);
            if now != part || offset < counted_to {
                part = now;
                counted_to = now.map_or(0, |index| self.appended[index].at);
                line_breaks = 0;
            }
            let (file, first_line) = match part {
                Some(index) => (&self.appended[index].file, self.appended[index].body_line),
                None => (&self.file, self.body_line),
            };
            line_breaks += (self.markdown.as_bytes()[counted_to..offset].iter())
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = offset;
            places.push((file.as_deref(), first_line.map(|first| first + line_breaks)));
        }
        places
    }

    /// The warning signs' tiers, most urgent first as the file gives them.
    pub fn tiers(&self) -> Vec<Tier> {
        tiers::tiers(&self.blocks, &self.tier_starts)
    }
}

/// How the built-in topics' file names begin in messages.
pub const BUILT_IN_PREFIX: &str = "<built-in>/";
/// What `list` says of a built-in topic's origin.
pub const BUILT_IN_ORIGIN: &str = "built-in";

#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub slug: String,
    /// The language it is written in.
    pub lang: Lang,
    /// Every language the topic has a page in, in [`Lang::ALL`]'s order: set by the
    /// loader, from the files beside this one.
    pub languages: Vec<Lang>,
    /// The file it was read from, as messages name it.
    pub file: String,
    pub title: String,
    pub summary: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub reviewed: Date,
    /// The clinician who reviewed the topic, only when one really did.
    pub reviewed_by: Option<String>,
    pub sources: Vec<Source>,
    /// In document order.
    pub sections: Vec<Section>,
    /// The line of each top-level field in the file, for messages about it.
    pub field_lines: Vec<(String, usize)>,
    /// The file of the topic with the same slug that this one takes the place of, from a
    /// layer below: set by the loader.
    pub replaces: Option<String>,
}

impl Topic {
    /// A standard section; a clinic's own are found by [`Topic::section_named`].
    pub fn section(&self, key: SectionKey) -> Option<&Section> {
        (key != SectionKey::Custom)
            .then(|| self.sections.iter().find(|s| s.key == key))
            .flatten()
    }

    pub fn section_named(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Where the topic comes from: [`BUILT_IN_ORIGIN`], or the folder that holds its file.
    pub fn origin(&self) -> String {
        origin_of(&self.file)
    }

    /// Its front matter's names and summary, as `list` and look-ups see them.
    pub fn header(&self) -> Header {
        Header {
            slug: self.slug.clone(),
            lang: self.lang,
            languages: self.languages.clone(),
            file: self.file.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            kind: self.kind,
            aliases: self.aliases.clone(),
            tags: self.tags.clone(),
        }
    }

    /// The line of a top-level field such as `reviewed`, if the file has it.
    pub fn field_line(&self, field: &str) -> Option<usize> {
        self.field_lines
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, line)| *line)
    }

    /// The keys this topic has, in document order, for error messages.
    pub fn section_keys(&self) -> String {
        let keys: Vec<&str> = self.sections.iter().map(|s| s.name.as_str()).collect();
        keys.join(", ")
    }
}

fn origin_of(file: &str) -> String {
    if file.starts_with(BUILT_IN_PREFIX) {
        return BUILT_IN_ORIGIN.to_string();
    }
    match std::path::Path::new(file).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.display().to_string(),
        _ => ".".to_string(),
    }
}

/// What `list` and name look-ups need of a topic: its front matter's names and summary,
/// read without its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub slug: String,
    pub lang: Lang,
    /// As [`Topic::languages`].
    pub languages: Vec<Lang>,
    /// The file it was read from, as messages name it.
    pub file: String,
    pub title: String,
    pub summary: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
}

impl Header {
    /// Where the topic comes from: [`BUILT_IN_ORIGIN`], or the folder that holds its file.
    pub fn origin(&self) -> String {
        origin_of(&self.file)
    }
}

/// A parsed topic, or why its file could not be used.
pub type Loaded = Result<Topic, TopicError>;

/// A problem with one topic file, named by its path and, where known, its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
    /// The file's other problems, in line order, each with its line where known: a file is
    /// read to its end, so that one run names every problem.
    pub more: Vec<(Option<usize>, String)>,
}

impl TopicError {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        TopicError {
            file: file.into(),
            line,
            message: message.into(),
            more: Vec::new(),
        }
    }

    /// Every problem of the file, the first one first.
    pub fn problems(&self) -> impl Iterator<Item = (Option<usize>, &str)> {
        std::iter::once((self.line, self.message.as_str())).chain(
            self.more
                .iter()
                .map(|(line, message)| (*line, message.as_str())),
        )
    }

    /// The first problem alone, and how many more the file has, for a one-line warning.
    pub fn summary(&self) -> String {
        let first = place(&self.file, self.line, &self.message);
        match self.more.len() {
            0 => first,
            1 => format!("{first}; and 1 more problem"),
            n => format!("{first}; and {n} more problems"),
        }
    }
}

fn place(file: &str, line: Option<usize>, message: &str) -> String {
    match line {
        Some(line) => format!("{file}:{line}: {message}"),
        None => format!("{file}: {message}"),
    }
}

/// Every problem, one a line.
impl fmt::Display for TopicError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut lines = self
            .problems()
            .map(|(line, message)| place(&self.file, line, message));
        f.write_str(&lines.next().unwrap_or_default())?;
        lines.try_for_each(|line| write!(f, "\n{line}"))
    }
}

impl std::error::Error for TopicError {}
