//! `footcare check`: is each topic whole, sourced, current and easy to read?
//!
//! Pure: it takes parsed topics and today's date, and returns findings, figures and the
//! report that shows them.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;
use termimad::crossterm::style::Stylize;
use unicode_segmentation::UnicodeSegmentation;

use crate::date::Date;
use crate::folder::PATCH_SUFFIX;
use crate::folder::{name_role, patch_name};
use crate::lang::Lang;
use crate::lookup::{self, is_safe_in_every_shell, normalize};
use crate::markdown::{pictures, spans_text, Block, Blocks};
use crate::parse::split_lang;
use crate::picture::is_fetched;
use crate::placeholders::{is_example_url, placeholders};
use crate::readability::{
    self, inflesz_band, Counts, Readability, SpanishReadability, FERNANDEZ_HUERTA_TARGET,
    INFLESZ_TARGET,
};
use crate::render::{wrap_hanging, Decoration, Style, HANGING_INDENT};
use crate::sanitize::{as_read, shown_hidden};
use crate::tiers::{tiering_problem, TierKey};
use crate::topic::{
    derive_key, Header, Kind, Place, Section, SectionKey, Topic, TopicError, BUILT_IN_ORIGIN,
};

/// The limits a topic is held to.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// A topic above this Flesch–Kincaid grade is an error.
    pub max_grade: f64,
    /// A topic above this grade is a warning.
    pub warn_grade: f64,
    /// A topic above this SMOG index is a warning.
    pub warn_smog: f64,
    /// A review older than this many years is a warning.
    pub max_age_years: u16,
    pub today: Date,
}

/// The limits `check` holds a topic to unless told otherwise, and `export` always.
pub const DEFAULT_MAX_GRADE: f64 = 8.0;
pub const DEFAULT_WARN_GRADE: f64 = 6.0;
pub const DEFAULT_WARN_SMOG: f64 = 8.0;
pub const DEFAULT_MAX_AGE_YEARS: u16 = 3;

impl Settings {
    pub fn standard(today: Date) -> Settings {
        Settings {
            max_grade: DEFAULT_MAX_GRADE,
            warn_grade: DEFAULT_WARN_GRADE,
            warn_smog: DEFAULT_WARN_SMOG,
            max_age_years: DEFAULT_MAX_AGE_YEARS,
            today,
        }
    }
}

/// Sentences longer than this are hard to follow.
pub const LONG_SENTENCE_WORDS: usize = 25;
/// Paragraphs longer than this are hard to take in.
pub const LONG_PARAGRAPH_SENTENCES: usize = 5;
/// More passive sentences than this share make a page feel distant.
pub const MAX_PASSIVE_SHARE: f64 = 0.20;
/// Paragraphs shorter than this are too short for a grade to mean much.
const GRADED_PARAGRAPH_WORDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    /// Worth knowing, but nothing to fix in the file: it neither fails nor warns.
    Note,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub level: Level,
    /// The file the finding is in, when that is not the topic's own file but a patch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

impl Finding {
    /// `file:line`, or `file` for a finding about a whole file; `own_file` is the file of
    /// the report it is in, for a finding that names none of its own.
    fn place(&self, own_file: &str) -> String {
        let file = self.file.as_deref().unwrap_or(own_file);
        match self.line {
            Some(line) => format!("{file}:{line}"),
            None => file.to_string(),
        }
    }
}

/// The readability figures of a topic's language, rounded to one decimal as they are
/// printed: the English formulas for English, the Spanish ones for Spanish.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Figures {
    English {
        fk_grade: f64,
        smog: f64,
        reading_ease: f64,
        words_per_sentence: f64,
    },
    Spanish {
        fernandez_huerta: f64,
        inflesz: f64,
        words_per_sentence: f64,
    },
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

impl Figures {
    /// The figures of text in `lang` whose counts, made in that language, are `counts`.
    fn of(lang: Lang, counts: Counts) -> Figures {
        match lang {
            Lang::En => {
                let r = Readability::from_counts(counts);
                Figures::English {
                    fk_grade: one_decimal(r.fk_grade),
                    smog: one_decimal(r.smog),
                    reading_ease: one_decimal(r.reading_ease),
                    words_per_sentence: one_decimal(r.words_per_sentence),
                }
            }
            Lang::Es => {
                let r = SpanishReadability::from_counts(counts);
                Figures::Spanish {
                    fernandez_huerta: one_decimal(r.fernandez_huerta),
                    inflesz: one_decimal(r.inflesz),
                    words_per_sentence: one_decimal(r.words_per_sentence),
                }
            }
        }
    }

    /// The figures as `check` prints them.
    fn text(&self) -> String {
        match *self {
            Figures::English {
                fk_grade,
                smog,
                reading_ease,
                words_per_sentence,
            } => format!(
                "grade {fk_grade:.1}, SMOG {smog:.1}, reading ease {reading_ease:.1}, \
                 {words_per_sentence:.1} words a sentence"
            ),
            Figures::Spanish {
                fernandez_huerta,
                inflesz,
                words_per_sentence,
            } => format!(
                "Fernández-Huerta {fernandez_huerta:.1}, INFLESZ {inflesz:.1} ({}), \
                 {words_per_sentence:.1} words a sentence",
                inflesz_band(inflesz)
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionReport {
    pub key: String,
    pub readability: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicReport {
    pub slug: String,
    /// The language of the page checked: a topic has a report for each of its pages.
    pub lang: Lang,
    pub file: String,
    /// `None` when the file could not be read as a topic.
    pub readability: Option<Figures>,
    pub sections: Vec<SectionReport>,
    pub findings: Vec<Finding>,
}

impl TopicReport {
    /// A report with nothing in it yet.
    fn new(slug: String, lang: Lang, file: String) -> TopicReport {
        TopicReport {
            slug,
            lang,
            file,
            readability: None,
            sections: Vec::new(),
            findings: Vec::new(),
        }
    }

    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    fn add(&mut self, level: Level, line: Option<usize>, message: String) {
        self.add_in(level, (None, line), message);
    }

    /// A finding at a place that [`Section::place`] gave.
    fn add_in(&mut self, level: Level, (file, line): Place, message: String) {
        self.findings.push(Finding {
            level,
            file: file.map(str::to_string),
            line,
            message,
        });
    }
}

/// One topic checked: its report, and the names it goes by, which are checked against
/// every other topic's once all are in.
pub struct Checked {
    report: TopicReport,
    names: TopicNames,
}

impl Checked {
    /// Checks one page of a topic on its own, and a translation against its `original`;
    /// this is most of the work, and can run on any core.
    pub fn of(topic: &Topic, original: Option<&Topic>, settings: &Settings) -> Checked {
        let mut report = check_topic(topic, settings);
        if let Some(original) = original {
            report
                .findings
                .extend(translation_findings(topic, original));
        }
        Checked {
            report,
            names: TopicNames::of(topic),
        }
    }

    /// Adds the problems found in reading the topic's pictures.
    pub fn with_pictures(mut self, problems: &[PictureProblem]) -> Checked {
        (self.report.findings).extend(picture_findings(problems));
        self
    }
}

/// A picture that cannot be shown, where it is shown: `file` is set for a patch's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureProblem {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub path: String,
    pub problem: String,
}

/// The problems found in reading a topic's pictures, each an error where it is shown.
pub fn picture_findings(problems: &[PictureProblem]) -> Vec<Finding> {
    problems
        .iter()
        .map(|found| Finding {
            level: Level::Error,
            file: found.file.clone(),
            line: found.line,
            message: format!(
                "the picture {} cannot be shown: {}",
                found.path, found.problem
            ),
        })
        .collect()
}

/// Every picture says in words what it shows, for a reader who cannot see it, and is a
/// file kept with the topic, never something fetched.
fn check_pictures(topic: &Topic, report: &mut TopicReport) {
    for section in &topic.sections {
        let blocks = &section.blocks;
        for (block, &start) in blocks.blocks.iter().zip(&blocks.starts) {
            for picture in pictures(std::slice::from_ref(block)) {
                if picture.alt.is_empty() {
                    report.add_in(
                        Level::Error,
                        section.place(start),
                        format!(
                            "the picture {} has no words to say what it shows: write them \
                             between the brackets, as in ![The plantar fascia, from heel to \
                             toes]({})",
                            picture.path, picture.path
                        ),
                    );
                }
                if is_fetched(&picture.path) {
                    report.add_in(
                        Level::Error,
                        section.place(start),
                        format!(
                            "the picture {} is not a file beside the topic: footcare shows only \
                             pictures kept in the topic's folder",
                            picture.path
                        ),
                    );
                }
            }
        }
    }
}

/// Gathers checked topics, keeping only their reports and names, then checks the names
/// they share once every topic is in.
#[derive(Default)]
pub struct Checker {
    reports: Vec<TopicReport>,
    /// The names of each report's topic.
    names: Vec<TopicNames>,
}

/// The names a topic opens by, as a reader would type them, and where they are written.
struct TopicNames {
    names: Vec<(String, NameKind)>,
    title_line: Option<usize>,
    aliases_line: Option<usize>,
    header: Header,
}

impl TopicNames {
    fn of(topic: &Topic) -> TopicNames {
        let header = topic.header();
        TopicNames {
            names: header_names(&header),
            title_line: topic.field_line("title"),
            aliases_line: topic.field_line("aliases"),
            header,
        }
    }

    /// Nobody can edit a built-in topic, so a clash with one is the other topic's to fix.
    fn built_in(&self) -> bool {
        self.header.origin() == BUILT_IN_ORIGIN
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Slug,
    Title,
    Alias,
}

impl Checker {
    pub fn add(&mut self, checked: Vec<Checked>) {
        for Checked { report, names } in checked {
            self.reports.push(report);
            self.names.push(names);
        }
    }

    /// The reports: each topic's, with the names it shares with others, then one for each
    /// file that could not be read as a topic.
    pub fn finish(mut self, problems: Vec<TopicError>) -> Vec<TopicReport> {
        let shared = shared_names(&self.names);
        for (at, line, message) in shared {
            self.reports[at].add(Level::Error, line, message);
        }
        for report in &mut self.reports {
            // The topic's own file first, then each patch's.
            (report.findings).sort_by(|a, b| {
                (&a.file, a.line.unwrap_or(0), a.level).cmp(&(
                    &b.file,
                    b.line.unwrap_or(0),
                    b.level,
                ))
            });
        }
        for problem in problems {
            // A patch that cannot be used is the problem of the topic it was meant for,
            // which is still checked without it.
            let patched = (problem.file.strip_suffix(PATCH_SUFFIX))
                .and_then(|stem| Path::new(stem).file_name())
                .and_then(|stem| {
                    let stem = stem.to_string_lossy();
                    let (slug, lang) = split_lang(&stem);
                    let page =
                        |report: &&mut TopicReport| report.slug == slug && report.lang == lang;
                    let topic = |report: &&mut TopicReport| report.slug == slug;
                    let at = (self.reports.iter_mut().position(|r| page(&r)))
                        .or_else(|| self.reports.iter_mut().position(|r| topic(&r)))?;
                    self.reports.get_mut(at)
                });
            if let Some(report) = patched {
                (report.findings).extend(error_findings(&problem, Some(&problem.file)));
                continue;
            }
            let (slug, lang) = (Path::new(&problem.file).file_name())
                .map(|name| name.to_string_lossy())
                .and_then(|name| name_role(&name).map(|(slug, lang, _)| (slug.to_string(), lang)))
                .unwrap_or_default();
            let report = TopicReport {
                slug,
                lang,
                findings: error_findings(&problem, None),
                file: problem.file,
                readability: None,
                sections: Vec::new(),
            };
            self.reports.push(report);
        }
        self.reports
    }
}

/// A clinic profile's check: each of its problems is an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileReport {
    pub file: String,
    pub findings: Vec<Finding>,
}

impl ProfileReport {
    pub fn new(file: String, problem: Option<&TopicError>) -> ProfileReport {
        let findings = problem.map_or_else(Vec::new, |p| error_findings(p, None));
        ProfileReport { file, findings }
    }
}

/// Each problem of a file that could not be used, as an error; `file` is set when that is
/// not the file of the topic the error is reported with, as for a patch.
pub fn error_findings(problem: &TopicError, file: Option<&str>) -> Vec<Finding> {
    (problem.problems())
        .map(|(line, message)| Finding {
            level: Level::Error,
            file: file.map(str::to_string),
            line,
            message: message.to_string(),
        })
        .collect()
}

/// `check` output: each finding compiler-style, `path:line: level: message`, then a line
/// with each topic's figures, then the totals. On a terminal each record is wrapped with
/// its later lines indented, and an error's or a warning's level is in bold (and in
/// colour, unless NO_COLOR).
pub fn report_text(reports: &[TopicReport], profiles: &[ProfileReport], style: Style) -> String {
    let mut out = String::new();
    let mut record = |place: &str, level: Option<Level>, message: &str| match style {
        Style::Plain => {
            let level = level
                .map(|l| format!("{}: ", l.as_str()))
                .unwrap_or_default();
            let _ = writeln!(out, "{place}: {level}{message}");
        }
        Style::Wrapped { decoration, width } => {
            let level_text = level.map(Level::as_str).unwrap_or_default();
            let runs = [
                place,
                ": ",
                level_text,
                if level.is_some() { ": " } else { "" },
                message,
            ];
            out.push_str(&wrap_hanging(
                &runs,
                width,
                HANGING_INDENT,
                |run, text| match (run, level) {
                    (2, Some(level)) => paint_level(level, text, decoration),
                    _ => text.to_string(),
                },
            ));
        }
    };
    let (mut errors, mut warnings) = (0, 0);
    for report in reports {
        for finding in &report.findings {
            record(
                &finding.place(&report.file),
                Some(finding.level),
                &finding.message,
            );
        }
        let (e, w) = (report.count(Level::Error), report.count(Level::Warning));
        errors += e;
        warnings += w;
        let figures = match &report.readability {
            Some(figures) => format!("{}: {}", figures.text(), counted(e, w)),
            None => format!("not measured: {}", counted(e, w)),
        };
        let name = match report.lang {
            Lang::En => report.slug.clone(),
            lang => format!("{} ({lang})", report.slug),
        };
        record(&name, None, &figures);
    }
    for profile in profiles {
        for finding in &profile.findings {
            record(
                &finding.place(&profile.file),
                Some(finding.level),
                &finding.message,
            );
        }
        let e = profile.findings.len();
        errors += e;
        record(
            &profile.file,
            None,
            &format!("clinic profile: {}", counted(e, 0)),
        );
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    // A topic's pages in its languages are one topic, each with a report: the pages of a
    // slug in one folder. Files of one slug in two folders are two topics.
    let mut topics: Vec<(&str, Option<&Path>)> = (reports.iter())
        .map(|r| (r.slug.as_str(), Path::new(&r.file).parent()))
        .collect();
    topics.sort_unstable();
    topics.dedup();
    let mut checked = plural(topics.len(), "topic", "topics");
    if reports.len() > topics.len() {
        checked.push_str(&format!(" ({} pages)", reports.len()));
    }
    if !profiles.is_empty() {
        checked.push_str(" and ");
        checked.push_str(&plural(profiles.len(), "clinic profile", "clinic profiles"));
    }
    checked.push_str(" checked");
    record(&checked, None, &counted(errors, warnings));
    out
}

/// The errors and warnings of one report, one `path:line: level: message` line each,
/// for `export`, which shows them before it writes a handout.
pub fn problems_text(report: &TopicReport) -> String {
    let mut out = String::new();
    for finding in (report.findings.iter()).filter(|f| f.level != Level::Note) {
        let _ = writeln!(
            out,
            "{}: {}: {}",
            finding.place(&report.file),
            finding.level.as_str(),
            finding.message
        );
    }
    out
}

fn paint_level(level: Level, text: &str, decoration: Decoration) -> String {
    match (decoration, level) {
        (Decoration::Bare, _) => text.to_string(),
        (Decoration::Emphasis, Level::Note) => text.to_string(),
        (Decoration::Emphasis, _) => text.bold().to_string(),
        (Decoration::Colour, Level::Error) => text.red().bold().to_string(),
        (Decoration::Colour, Level::Warning) => text.yellow().bold().to_string(),
        (Decoration::Colour, Level::Note) => text.cyan().to_string(),
    }
}

fn counted(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// A topic's slug and aliases, as a reader would type them, each once.
fn header_names(header: &Header) -> Vec<(String, NameKind)> {
    let mut names = vec![(header.slug.clone(), NameKind::Slug)];
    let written = std::iter::once((&header.title, NameKind::Title))
        .chain(header.aliases.iter().map(|alias| (alias, NameKind::Alias)));
    for (name, kind) in written {
        let name = normalize(name);
        if !names.iter().any(|(known, _)| *known == name) {
            names.push((name, kind));
        }
    }
    names
}

/// An error for each name a topic shares with another, as (the topic's place in
/// `names`, line, message). Each goes to the topic that can be edited: a built-in topic is
/// blamed only when the others are built-in too.
fn shared_names(names: &[TopicNames]) -> Vec<(usize, Option<usize>, String)> {
    let clashes = name_clashes(names);
    // In slug order, as the look-up takes them, so that the topic named is the one `show`
    // opens.
    let mut headers: Vec<Header> = names.iter().map(|n| n.header.clone()).collect();
    headers.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut shared = Vec::new();
    for (at, topic) in names.iter().enumerate() {
        for (name, kind) in &topic.names {
            let Some(owners) = clashes.get(name.as_str()) else {
                continue;
            };
            let others_built_in = (owners.iter())
                .filter(|&&owner| owner != at)
                .all(|&owner| names[owner].built_in());
            if topic.built_in() && !others_built_in {
                continue;
            }
            let slugs: Vec<&str> = (owners.iter())
                .map(|&owner| names[owner].header.slug.as_str())
                .collect();
            // A built-in topic's names cannot be edited, so the fix is this topic's.
            let theirs = match others_built_in {
                true => "",
                false => ", or take the name out of the other topic's aliases",
            };
            let (line, fix) = match kind {
                NameKind::Slug => (None, format!("rename the file{theirs}")),
                NameKind::Title => (
                    topic.title_line,
                    format!("give the topic another title{theirs}"),
                ),
                NameKind::Alias => (
                    topic.aliases_line,
                    "take it out of `aliases`, or rename it".to_string(),
                ),
            };
            let opens = lookup::find(&headers, name).map_or("", |h| h.slug.as_str());
            let message = format!(
                "the name `{name}` also belongs to {}: each slug, title and alias must name one \
                 topic, and `footcare show {name}` opens {opens}; {fix}",
                others(&slugs, &topic.header.slug),
            );
            shared.push((at, line, message));
        }
    }
    shared
}

/// The errors `check` gives `topic` for the names it shares with any of `topics` (every
/// topic footcare reads), for a command that checks one topic alone. A topic of the same
/// slug is `topic` itself, or one it replaces, never a clash.
pub fn shared_name_findings(topic: &Topic, topics: &[Header]) -> Vec<Finding> {
    let mut names = vec![TopicNames::of(topic)];
    names.extend(
        (topics.iter())
            .filter(|other| other.slug != topic.slug)
            .map(|other| TopicNames {
                names: header_names(other),
                title_line: None,
                aliases_line: None,
                header: other.clone(),
            }),
    );
    (shared_names(&names).into_iter())
        .filter(|&(at, _, _)| at == 0)
        .map(|(_, line, message)| Finding {
            level: Level::Error,
            file: None,
            line,
            message,
        })
        .collect()
}

/// Names that lead to more than one topic, with the places of those topics' reports.
fn name_clashes(names: &[TopicNames]) -> foldhash::HashMap<&str, Vec<usize>> {
    let mut owners: foldhash::HashMap<&str, Vec<usize>> = foldhash::HashMap::default();
    for (at, topic) in names.iter().enumerate() {
        for (name, _) in &topic.names {
            owners.entry(name).or_default().push(at);
        }
    }
    // A topic's pages in its languages are one topic: names they share are no clash.
    owners.retain(|_, topics| {
        let slug = |at: &usize| names[*at].header.slug.as_str();
        topics.iter().any(|at| slug(at) != slug(&topics[0]))
    });
    owners
}

/// The topics other than `slug` that claim a name; a long list is cut short.
fn others(owners: &[&str], slug: &str) -> String {
    const SHOWN: usize = 3;
    let others: Vec<&str> = owners.iter().copied().filter(|o| *o != slug).collect();
    if others.len() <= SHOWN {
        others.join(", ")
    } else {
        format!(
            "{} and {} more",
            others[..SHOWN].join(", "),
            others.len() - SHOWN
        )
    }
}

/// One piece of prose a reader sees, and where it starts.
struct Prose<'a> {
    place: Place<'a>,
    text: String,
    is_paragraph: bool,
}

/// The visible text of a section: paragraphs, quotes and list items, each item read as a
/// sentence of its own. Headings and code are not prose.
fn prose(section: &Section) -> Vec<Prose<'_>> {
    let blocks = &section.blocks;
    let places = section.places(blocks.starts.iter().copied());
    places
        .into_iter()
        .zip(&blocks.blocks)
        .filter_map(|(place, block)| match block {
            Block::Paragraph(spans) | Block::Quote(spans) => Some(Prose {
                place,
                text: spans_text(spans),
                is_paragraph: true,
            }),
            Block::Item { spans, .. } => {
                let mut text = spans_text(spans);
                if !text.ends_with(['.', '!', '?', ':']) {
                    text.push('.');
                }
                Some(Prose {
                    place,
                    text,
                    is_paragraph: false,
                })
            }
            Block::Heading { .. } | Block::Code(_) | Block::Rule => None,
        })
        .collect()
}

pub fn check_topic(topic: &Topic, settings: &Settings) -> TopicReport {
    let mut report = TopicReport::new(topic.slug.clone(), topic.lang, topic.file.clone());
    let parsed: Vec<&Blocks> = topic.sections.iter().map(|s| &s.blocks).collect();
    check_structure(topic, &parsed, &mut report);
    check_hidden_characters(topic, &mut report);
    check_pictures(topic, &mut report);
    check_names_for_shells(topic, &mut report);
    check_review_date(topic, settings, &mut report);
    check_reviewer(topic, &mut report);
    check_unfinished_fields(topic, &mut report);
    if let Some(replaced) = &topic.replaces {
        report.add(
            Level::Note,
            None,
            format!(
                "replaces the topic `{}` of {replaced}: readers see this file in its place",
                topic.slug
            ),
        );
    }

    let lang = topic.lang;
    let mut total = Counts::of_text_in(lang, &topic.summary);
    let mut voice = Voice::default();
    voice.read(&readability::sentences(&topic.summary));
    let mut addresses_reader = mentions_reader(lang, &topic.summary);
    for (section, blocks) in topic.sections.iter().zip(&parsed) {
        let pieces = prose(section);
        let split: Vec<Vec<&str>> = (pieces.iter())
            .map(|piece| readability::sentences(&piece.text))
            .collect();
        let mut counts = Counts::default();
        if section.key != SectionKey::Disclaimer {
            check_template_sentences(section, &pieces, &split, &mut report);
        }
        for (piece, sentences) in pieces.iter().zip(&split) {
            let piece_counts = Counts::of_sentences_in(lang, &piece.text, sentences);
            counts.add(piece_counts);
            check_prose(
                piece,
                sentences,
                (lang, piece_counts),
                settings,
                &mut report,
            );
            addresses_reader = addresses_reader || mentions_reader(lang, &piece.text);
            voice.read(sentences);
        }
        if matches!(section.key, SectionKey::Procedure | SectionKey::Recovery)
            && !pieces.is_empty()
            && !has_action(lang, &blocks.blocks, &pieces)
        {
            report.add_in(
                Level::Warning,
                (section.file.as_deref(), section.line),
                format!(
                    "`{}` gives the reader nothing to do: add a numbered step or a sentence \
                     that starts with what to do",
                    section.key
                ),
            );
        }
        total.add(counts);
        report.sections.push(SectionReport {
            key: section.name.clone(),
            readability: Figures::of(lang, counts),
        });
    }

    let line = topic.field_line("title");
    match lang {
        Lang::En => check_english_reading(total, &voice, settings, line, &mut report),
        Lang::Es => check_spanish_reading(total, line, &mut report),
    }
    if !addresses_reader {
        let message = match lang {
            Lang::En => "never speaks to the reader as \"you\"",
            Lang::Es => "never speaks to the reader as \"usted\"",
        };
        report.add(Level::Warning, None, message.to_string());
    }
    report.readability = Some(Figures::of(lang, total));
    report
}

/// The English page's grades and voice, against the settings' limits.
fn check_english_reading(
    total: Counts,
    voice: &Voice,
    settings: &Settings,
    line: Option<usize>,
    report: &mut TopicReport,
) {
    let figures = Readability::from_counts(total);
    if figures.fk_grade > settings.max_grade {
        report.add(
            Level::Error,
            line,
            format!(
                "reads at grade {:.1} (Flesch–Kincaid), above the limit of {:.1}: use shorter \
                 sentences and shorter words",
                figures.fk_grade, settings.max_grade
            ),
        );
    } else if figures.fk_grade > settings.warn_grade {
        report.add(
            Level::Warning,
            line,
            format!(
                "reads at grade {:.1} (Flesch–Kincaid), above the target of {:.1}",
                figures.fk_grade, settings.warn_grade
            ),
        );
    }
    if figures.smog > settings.warn_smog {
        report.add(
            Level::Warning,
            line,
            format!(
                "SMOG index {:.1}, above the target of {:.1}: fewer words of three or more \
                 syllables",
                figures.smog, settings.warn_smog
            ),
        );
    }
    let Voice {
        sentences,
        passive,
        example,
    } = voice;
    let (sentences, passive) = (*sentences, *passive);
    if sentences > 0 && passive as f64 / sentences as f64 > MAX_PASSIVE_SHARE {
        report.add(
            Level::Warning,
            None,
            format!(
                "{passive} of {sentences} sentences are passive, over {:.0}%: say who does \
                 what, as in \"your surgeon cuts\" rather than \"the tendon is cut\" (for \
                 example {})",
                MAX_PASSIVE_SHARE * 100.0,
                example.as_deref().unwrap_or_default()
            ),
        );
    }
}

/// The Spanish page's scores, against their targets: a page below either is an error,
/// as a page above the grade limit is in English.
fn check_spanish_reading(total: Counts, line: Option<usize>, report: &mut TopicReport) {
    let figures = SpanishReadability::from_counts(total);
    if figures.fernandez_huerta < FERNANDEZ_HUERTA_TARGET {
        report.add(
            Level::Error,
            line,
            format!(
                "reads at {:.1} on the Fernández-Huerta scale, below the target of \
                 {FERNANDEZ_HUERTA_TARGET:.0}: use shorter sentences and shorter words",
                figures.fernandez_huerta
            ),
        );
    }
    if figures.inflesz < INFLESZ_TARGET {
        report.add(
            Level::Error,
            line,
            format!(
                "reads at {:.1} on the INFLESZ scale ({}), below the target of \
                 {INFLESZ_TARGET:.0} (bastante fácil): use shorter sentences and shorter words",
                figures.inflesz,
                inflesz_band(figures.inflesz)
            ),
        );
    }
}

/// The patches that added to a page, each once, by file.
fn patch_files(topic: &Topic) -> Vec<String> {
    let mut files: Vec<String> = (topic.sections.iter())
        .flat_map(|s| (s.file.iter()).chain(s.appended.iter().filter_map(|a| a.file.as_ref())))
        .cloned()
        .collect();
    files.sort();
    files.dedup();
    files
}

/// What a translation must share with its original: the same sections, in the same
/// order, and the same tiers of warning signs; one reviewed before its original was may
/// not say what the original now says.
pub fn translation_findings(page: &Topic, original: &Topic) -> Vec<Finding> {
    let mut report = TopicReport::new(page.slug.clone(), page.lang, page.file.clone());
    let language = page.lang.english_name();
    // The pages' own sections: a clinic's patch adds to one page only, and is held to its
    // counterpart below, on the patch, which the clinic can edit.
    let names = |topic: &Topic| -> Vec<String> {
        (topic.sections.iter())
            .filter(|s| s.file.is_none())
            .map(|s| s.name.clone())
            .collect()
    };
    let (own, theirs) = (names(page), names(original));
    for name in theirs.iter().filter(|name| !own.contains(name)) {
        report.add(
            Level::Error,
            None,
            format!(
                "missing section `{name}`, which the original {} has: a translation holds \
                 every section of its original",
                original.file
            ),
        );
    }
    for name in own.iter().filter(|name| !theirs.contains(name)) {
        let line = page.section_named(name).and_then(|s| s.line);
        report.add(
            Level::Error,
            line,
            format!(
                "section `{name}` is not in the original {}: a translation says what its \
                 original says, no more; give the heading the key of the original's section, \
                 as in `## Heading {{#key}}`",
                original.file
            ),
        );
    }
    let shared: Vec<&String> = own.iter().filter(|name| theirs.contains(name)).collect();
    let in_original: Vec<&String> = theirs.iter().filter(|name| own.contains(name)).collect();
    if shared != in_original {
        report.add(
            Level::Error,
            None,
            format!(
                "the sections are in another order than in the original {}: put them in its \
                 order, {}",
                original.file,
                original.section_keys()
            ),
        );
    }
    if page.kind != original.kind {
        report.add(
            Level::Error,
            page.field_line("kind"),
            format!(
                "`kind` is not the original's, which is `{:?}`",
                original.kind
            )
            .to_lowercase(),
        );
    }
    let tier_keys = |topic: &Topic| -> Vec<TierKey> {
        (topic.section(SectionKey::WarningSigns).map(Section::tiers))
            .unwrap_or_default()
            .into_iter()
            .map(|tier| tier.key)
            .collect()
    };
    if tier_keys(page) != tier_keys(original) && !tier_keys(original).is_empty() {
        let line = page.section(SectionKey::WarningSigns).and_then(|s| s.line);
        let keys: Vec<&str> = tier_keys(original)
            .into_iter()
            .map(TierKey::as_str)
            .collect();
        report.add(
            Level::Error,
            line,
            format!(
                "the warning signs' tiers are not the original's: give them as it does, {}",
                keys.join(", ")
            ),
        );
    }
    let (own_patches, their_patches) = (patch_files(page), patch_files(original));
    let counterpart = |patch: &str, lang: Lang| -> String {
        let stem = patch.strip_suffix(PATCH_SUFFIX).unwrap_or(patch);
        patch_name(split_lang(stem).0, lang)
    };
    let missing = (their_patches.iter().map(|p| (p, page.lang, &own_patches))).chain(
        own_patches
            .iter()
            .map(|p| (p, original.lang, &their_patches)),
    );
    for (patch, lang, other_side) in missing {
        let wanted = counterpart(patch, lang);
        if !other_side.contains(&wanted) {
            report.add_in(
                Level::Warning,
                (Some(patch), None),
                format!(
                    "adds to one page only: the {} page is shown without it; add {wanted} \
                     with the same in {}",
                    lang.english_name(),
                    lang.english_name()
                ),
            );
        }
    }
    if page.reviewed < original.reviewed {
        report.add(
            Level::Warning,
            page.field_line("reviewed"),
            format!(
                "possibly stale: this {language} page was reviewed on {}, before its original \
                 {} was, on {}; check it against the original, then update `reviewed`",
                page.reviewed, original.file, original.reviewed
            ),
        );
    }
    report.findings
}

/// `parsed` holds each of the topic's sections as blocks, in the same order.
fn check_structure(topic: &Topic, parsed: &[&Blocks], report: &mut TopicReport) {
    for key in SectionKey::ALL {
        let Some(index) = topic.sections.iter().position(|s| s.key == key) else {
            match expected(key, topic.kind) {
                Expected::Required => report.add(
                    Level::Error,
                    None,
                    format!(
                        "missing section `{key}`: add it, {}; a topic has {}",
                        how_to_add(topic, key),
                        SectionKey::list_all()
                    ),
                ),
                Expected::Recommended(why) => report.add(
                    Level::Warning,
                    None,
                    format!("missing section `{key}`: {why}"),
                ),
                Expected::Optional => {}
            }
            continue;
        };
        let (section, blocks) = (&topic.sections[index], &parsed[index].blocks);
        if blocks.is_empty() {
            report.add_in(
                Level::Error,
                (section.file.as_deref(), section.line),
                format!("section `{key}` is empty: write it"),
            );
            continue;
        }
        if matches!(key, SectionKey::Risks | SectionKey::WarningSigns) {
            let bullets = blocks.iter().any(|b| {
                matches!(
                    b,
                    Block::Item {
                        depth: 0,
                        number: None,
                        ..
                    }
                )
            });
            if !bullets || has_numbered_item(blocks) {
                report.add_in(
                    Level::Error,
                    (section.file.as_deref(), section.line),
                    format!(
                        "section `{key}` must be a bullet list (`- ` items), one point an item, \
                         so that each can be read and found on its own"
                    ),
                );
            }
        }
    }
    for section in &topic.sections {
        if section.title.trim().is_empty() {
            report.add_in(
                Level::Error,
                (section.file.as_deref(), section.line),
                format!(
                    "section `{}` has an empty title: give it a heading",
                    section.name
                ),
            );
        }
        // A standard section that is empty is reported above, with its key.
        if section.key == SectionKey::Custom && section.blocks.blocks.is_empty() {
            report.add_in(
                Level::Error,
                (section.file.as_deref(), section.line),
                format!(
                    "section `{}` is empty: write it, or delete it",
                    section.name
                ),
            );
        }
    }
    check_counts(topic, report);
    check_tiers(topic, report);
    if topic.sources.is_empty() {
        report.add(
            Level::Error,
            topic.field_line("title"),
            "no sources: list where the facts come from, each with title, publisher and date"
                .to_string(),
        );
    }
}

/// How a section is written in the topic's own kind of file.
fn how_to_add(topic: &Topic, key: SectionKey) -> String {
    if topic.file.ends_with(".md") {
        let title = key.default_title(topic.kind, topic.lang);
        match derive_key(title) == key.as_str() {
            true => format!("as `## {title}`"),
            false => format!("as `## {title} {{#{key}}}`"),
        }
    } else {
        format!("as `{key}:` under `sections`")
    }
}

/// How much a topic needs a section. The sections added after the first release only
/// warn, so that a clinic's existing topics still pass and print.
enum Expected {
    Required,
    Recommended(&'static str),
    Optional,
}

fn expected(key: SectionKey, kind: Kind) -> Expected {
    match (key, kind) {
        (SectionKey::KeyPoints, _) => Expected::Recommended(
            "open with 3 to 5 bullets: what it is, the main thing to do, when to get help",
        ),
        (SectionKey::Outlook, Kind::Procedure) => Expected::Recommended(
            "say how well it works, and how sure the evidence is (\"How well it works\")",
        ),
        (SectionKey::Outlook, Kind::Condition) => Expected::Recommended(
            "say how long it takes to heal, and how sure the evidence is \
             (\"How long it takes to heal\")",
        ),
        (SectionKey::Questions, _) => {
            Expected::Recommended("give 4 to 6 questions to ask your doctor")
        }
        (SectionKey::Preparing, Kind::Procedure) => Expected::Recommended(
            "give a checklist for before the surgery (\"Before your surgery\")",
        ),
        (SectionKey::Preparing, Kind::Condition) => Expected::Optional,
        _ => Expected::Required,
    }
}

/// The short lists a reader takes in at a glance, held to their length.
fn check_counts(topic: &Topic, report: &mut TopicReport) {
    let limits = [
        (SectionKey::KeyPoints, 3, 5, "key points"),
        (SectionKey::Questions, 4, 6, "questions"),
    ];
    for (key, least, most, what) in limits {
        let Some(section) = topic.section(key) else {
            continue;
        };
        let items = section
            .blocks
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Item { depth: 0, .. }))
            .count();
        if !(least..=most).contains(&items) {
            report.add_in(
                Level::Warning,
                (section.file.as_deref(), section.line),
                format!("{items} {what} as list items: give {least} to {most}"),
            );
        }
    }
}

/// Characters that hide or reorder text, which footcare shows as marks such as
/// `<U+200B>`: one warning for each field or line that holds any.
fn check_hidden_characters(topic: &Topic, report: &mut TopicReport) {
    let mut fields: Vec<(&str, &str)> = vec![("title", &topic.title), ("summary", &topic.summary)];
    fields.extend(topic.aliases.iter().map(|a| ("aliases", a.as_str())));
    fields.extend(topic.tags.iter().map(|t| ("tags", t.as_str())));
    fields.extend(
        topic
            .reviewed_by
            .iter()
            .map(|r| ("reviewed-by", r.as_str())),
    );
    for source in &topic.sources {
        let parts = [
            &source.journal,
            &source.publisher,
            &source.authors,
            &source.doi,
            &source.url,
        ];
        fields.push(("sources", &source.title));
        fields.extend(parts.into_iter().flatten().map(|p| ("sources", p.as_str())));
    }
    for (field, text) in fields {
        warn_hidden(
            report,
            (None, topic.field_line(field)),
            &format!("`{field}`"),
            text,
        );
    }
    for section in &topic.sections {
        let heading = (section.file.as_deref(), section.line);
        warn_hidden(report, heading, "the heading", &section.title);
        // A YAML topic's section text has no lines of its own: its key's line stands in.
        if section.body_line.is_none() {
            let what = format!("the text of `{}`", section.key);
            warn_hidden(report, heading, &what, &section.markdown);
            continue;
        }
        let marks: Vec<(Range<usize>, char)> = shown_hidden(&section.markdown).collect();
        let places = section.places(marks.iter().map(|(mark, _)| mark.start));
        let mut lines: Vec<(Place, Vec<char>)> = Vec::new();
        for (place, (_, c)) in places.into_iter().zip(marks) {
            match lines.last_mut() {
                Some((last, found)) if *last == place => found.push(c),
                _ => lines.push((place, vec![c])),
            }
        }
        for (place, found) in lines {
            report.add_in(Level::Warning, place, hidden_message("the line", &found));
        }
    }
}

/// One warning, at `place`, for all the hidden characters of `text`, if it has any.
fn warn_hidden(report: &mut TopicReport, place: Place, what: &str, text: &str) {
    let found: Vec<char> = shown_hidden(text).map(|(_, c)| c).collect();
    if !found.is_empty() {
        report.add_in(Level::Warning, place, hidden_message(what, &found));
    }
}

/// What to say of hidden characters found in `what`: each kind named once, the first few
/// of them.
fn hidden_message(what: &str, found: &[char]) -> String {
    const NAMED: usize = 5;
    let mut kinds: Vec<char> = Vec::new();
    for &c in found {
        if !kinds.contains(&c) {
            kinds.push(c);
        }
    }
    let mut codes: Vec<String> = (kinds.iter().take(NAMED))
        .map(|&c| format!("U+{:04X}", c as u32))
        .collect();
    if kinds.len() > NAMED {
        codes.push(format!("and {} more", kinds.len() - NAMED));
    }
    let reordering = kinds.iter().filter(|&&c| reorders_text(c)).count();
    let one = found.len() == 1;
    let (it, each) = if one { ("it", "it") } else { ("them", "each") };
    let (kind, effect) = if reordering == kinds.len() {
        (
            "direction character",
            format!("can show the text around {it} in another order"),
        )
    } else if reordering > 0 {
        (
            "invisible or direction character",
            "can hide text or show it in another order".to_string(),
        )
    } else {
        (
            "invisible character",
            "can hide text or split a word a reader or a search sees as one".to_string(),
        )
    };
    let count = if one {
        format!("a {kind}")
    } else {
        format!("{} {kind}s", found.len())
    };
    format!(
        "{what} holds {count} ({}), which {effect}: footcare shows {each} as a mark such as \
         `<{}>`; delete {it}, or write what was meant",
        codes.join(", "),
        codes[0],
    )
}

/// The marks and controls that set which way text runs.
fn reorders_text(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An alias a shell reads as code cannot be typed unquoted, and completion leaves it out.
fn check_names_for_shells(topic: &Topic, report: &mut TopicReport) {
    const CODE: &str = "$`;|&<>()\\!'\"\u{2018}\u{2019}\u{201C}\u{201D}";
    for alias in &topic.aliases {
        // Hidden characters get a warning of their own; their marks are not the author's.
        let typed = normalize(&as_read(alias));
        if typed.is_empty() || is_safe_in_every_shell(&typed) {
            continue;
        }
        let mut special: Vec<&str> = Vec::new();
        for character in typed.graphemes(true) {
            if !is_safe_in_every_shell(&format!("a{character}")) && !special.contains(&character) {
                special.push(character);
            }
        }
        let is_code = special.iter().any(|s| s.chars().any(|c| CODE.contains(c)));
        let listed: Vec<String> = special.iter().map(|s| format!("`{s}`")).collect();
        report.add(
            Level::Warning,
            topic.field_line("aliases"),
            format!(
                "the alias \"{alias}\" holds {}, which {}: a reader must quote it to type \
                 it, and completion does not offer it; use letters, digits, spaces and dashes",
                listed.join(", "),
                if is_code {
                    "shells read as code or quoting"
                } else {
                    "some shells need quoted"
                }
            ),
        );
    }
}

/// The warning signs in their three tiers, and tier headings worded as footcare shows them.
fn check_tiers(topic: &Topic, report: &mut TopicReport) {
    let Some(section) = topic.section(SectionKey::WarningSigns) else {
        return;
    };
    if let Some(problem) = tiering_problem(&section.blocks, &section.tier_starts) {
        report.add_in(
            Level::Warning,
            (section.file.as_deref(), section.line),
            problem,
        );
    }
    for start in &section.tier_starts {
        if start.authored != start.title {
            let place = section.place(section.blocks.starts[start.block]);
            report.add_in(
                Level::Note,
                place,
                format!(
                    "the `{{#{}}}` heading says \"{}\", but footcare shows every topic's \
                     {} tier as \"{}\"",
                    start.key.as_str(),
                    start.authored,
                    start.key.as_str(),
                    start.title
                ),
            );
        }
    }
}

/// Each sentence left from the template's instructions, at its paragraph or item, or at
/// the section's key where its text has no lines of its own (a YAML topic's). `split`
/// holds each piece's sentences.
fn check_template_sentences(
    section: &Section,
    pieces: &[Prose],
    split: &[Vec<&str>],
    report: &mut TopicReport,
) {
    for (piece, sentences) in pieces.iter().zip(split) {
        let (file, line) = piece.place;
        for sentence in placeholders().template_sentences(sentences) {
            report.add_in(
                Level::Error,
                (file, line.or(section.line)),
                format!(
                    "\"{sentence}\" is the template's placeholder: write the topic's own words \
                     here, from its sources"
                ),
            );
        }
    }
}

/// Fields that are empty, or still hold what `footcare new` wrote in them.
fn check_unfinished_fields(topic: &Topic, report: &mut TopicReport) {
    let found = placeholders();
    let mut unfinished = |field: &str, message: String| {
        report.add(Level::Error, topic.field_line(field), message);
    };
    if topic.title.trim().is_empty() {
        unfinished(
            "title",
            "`title` is empty: give the topic's name as a reader says it".into(),
        );
    }
    if topic.summary.trim().is_empty() {
        unfinished(
            "summary",
            "`summary` is empty: say in one sentence what the topic is about".into(),
        );
    } else if let Some(sentence) = found
        .template_sentences(&readability::sentences(&topic.summary))
        .first()
    {
        unfinished(
            "summary",
            format!(
                "`summary` is the template's \"{sentence}\": say in one sentence of your own \
                 what the topic is about"
            ),
        );
    }
    for alias in &topic.aliases {
        if alias.trim().is_empty() {
            unfinished("aliases", "`aliases` holds an empty name: delete it".into());
        } else if found.is_alias(alias) {
            unfinished(
                "aliases",
                format!(
                    "the alias \"{alias}\" is the template's: list other names readers type \
                     for the topic, or delete `aliases`"
                ),
            );
        }
    }
    if topic.tags.iter().any(|tag| tag.trim().is_empty()) {
        unfinished("tags", "`tags` holds an empty tag: delete it".into());
    }
    if topic
        .reviewed_by
        .as_deref()
        .is_some_and(|name| name.trim().is_empty())
    {
        unfinished(
            "reviewed-by",
            "`reviewed-by` is empty: name the clinician who reviewed the topic, or delete \
             `reviewed-by`"
                .into(),
        );
    }
    for (at, source) in topic.sources.iter().enumerate() {
        let number = at + 1;
        let line = topic
            .field_line(&format!("sources[{at}]"))
            .or(topic.field_line("sources"));
        let mut unfinished = |message: String| report.add(Level::Error, line, message);
        let title = &source.title;
        if title.trim().is_empty() {
            unfinished(format!(
                "source {number} has an empty `title`: give the title the source itself has"
            ));
        } else if found.is_source_title(title) {
            unfinished(format!(
                "source {number}'s title \"{title}\" is the template's: give the title the \
                 source itself has"
            ));
        }
        let optional = [
            ("journal", &source.journal),
            ("publisher", &source.publisher),
            ("authors", &source.authors),
            ("doi", &source.doi),
            ("url", &source.url),
        ];
        for (field, value) in optional {
            if value
                .as_deref()
                .is_some_and(|value| value.trim().is_empty())
            {
                unfinished(format!(
                    "source {number} has an empty `{field}`: fill it in, or delete it"
                ));
            }
        }
        if let Some(publisher) = source
            .publisher
            .as_deref()
            .filter(|p| found.is_publisher(p))
        {
            unfinished(format!(
                "source {number}'s publisher \"{publisher}\" is the template's: name who \
                 published it"
            ));
        }
        if let Some(url) = source.url.as_deref().filter(|url| is_example_url(url)) {
            unfinished(format!(
                "source {number}'s url {url} is an example address, not a source: give the \
                 address the facts come from"
            ));
        }
    }
}

/// A topic names its clinical reviewer only when one really reviewed it; without one,
/// that is worth knowing, though nothing in the file is wrong.
fn check_reviewer(topic: &Topic, report: &mut TopicReport) {
    if topic.reviewed_by.is_none() {
        report.add(
            Level::Note,
            topic.field_line("reviewed"),
            "no `reviewed-by`: no clinician is named as having reviewed this topic; \
             have one review it before it is handed out"
                .to_string(),
        );
    }
}

fn check_review_date(topic: &Topic, settings: &Settings, report: &mut TopicReport) {
    let line = topic.field_line("reviewed");
    if topic.reviewed > settings.today {
        report.add(
            Level::Error,
            line,
            format!(
                "reviewed {} is in the future (today is {}): give the day the topic was last \
                 checked",
                topic.reviewed, settings.today
            ),
        );
    } else if topic.reviewed.plus_years(settings.max_age_years) < settings.today {
        report.add(
            Level::Warning,
            line,
            format!(
                "last reviewed {}, more than {} years ago: check it against current sources",
                topic.reviewed, settings.max_age_years
            ),
        );
    }
}

/// Long sentences and paragraphs, and paragraphs far harder than the page should be.
/// `sentences` are the piece's.
fn check_prose(
    piece: &Prose,
    sentences: &[&str],
    (lang, counts): (Lang, Counts),
    settings: &Settings,
    report: &mut TopicReport,
) {
    for sentence in sentences {
        let words = readability::words(sentence).count();
        if words > LONG_SENTENCE_WORDS {
            report.add_in(
                Level::Warning,
                piece.place,
                format!(
                    "a sentence of {words} words, over {LONG_SENTENCE_WORDS}: {}",
                    quote(sentence)
                ),
            );
        }
    }
    if piece.is_paragraph && sentences.len() > LONG_PARAGRAPH_SENTENCES {
        report.add_in(
            Level::Warning,
            piece.place,
            format!(
                "a paragraph of {} sentences, over {LONG_PARAGRAPH_SENTENCES}: split it",
                sentences.len()
            ),
        );
    }
    let grade = Readability::from_counts(counts).fk_grade;
    // English grades mean nothing of Spanish text, whose page is scored as a whole.
    if lang == Lang::En
        && piece.is_paragraph
        && counts.words >= GRADED_PARAGRAPH_WORDS
        && grade > settings.max_grade
    {
        report.add_in(
            Level::Warning,
            piece.place,
            format!(
                "a paragraph at grade {grade:.1}, above {:.1}: {}",
                settings.max_grade,
                quote(&piece.text)
            ),
        );
    }
}

/// The start of a sentence, quoted, for a message.
fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        format!("\"{}\"", words.join(" "))
    } else {
        format!("\"{} …\"", words[..8].join(" "))
    }
}

/// How many sentences a page has, how many are passive, and the first passive one.
#[derive(Default)]
struct Voice {
    sentences: usize,
    passive: usize,
    /// The first passive sentence, quoted.
    example: Option<String>,
}

impl Voice {
    fn read(&mut self, sentences: &[&str]) {
        for &sentence in sentences {
            self.sentences += 1;
            if is_passive(sentence) {
                self.passive += 1;
                self.example.get_or_insert_with(|| quote(sentence));
            }
        }
    }
}

/// The words of a text in lower case, with curly apostrophes made straight. Most words
/// need neither change, and are not copied.
fn lowercase_words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + Clone + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let unchanged = if w.is_ascii() {
                !w.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                w.chars().all(|c| {
                    let mut lower = c.to_lowercase();
                    c != '’' && lower.next() == Some(c) && lower.next().is_none()
                })
            };
            if unchanged {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase().replace('’', "'"))
            }
        })
}

/// Whether a text speaks to the reader: as "you" in English, as "usted" (or "su", "le") in
/// Spanish.
fn mentions_reader(lang: Lang, text: &str) -> bool {
    match lang {
        Lang::En => mentions_you(text),
        Lang::Es => lowercase_words(text).any(|w| {
            matches!(
                &*w,
                "usted" | "ustedes" | "su" | "sus" | "le" | "les" | "suyo" | "suya"
            )
        }),
    }
}

fn mentions_you(text: &str) -> bool {
    // Every form starts with "you", which most text never holds.
    let may_mention = (text.as_bytes().windows(3)).any(|three| three.eq_ignore_ascii_case(b"you"));
    may_mention
        && lowercase_words(text).any(|w| {
            matches!(
                &*w,
                "you" | "your" | "yours" | "yourself" | "you're" | "you'll" | "you've" | "you'd"
            )
        })
}

/// Verbs a step for the reader commonly starts with.
const ACTION_VERBS: &[&str] = &[
    "ask", "avoid", "begin", "bring", "call", "check", "count", "do", "don't", "eat", "follow",
    "get", "go", "keep", "let", "limit", "move", "plan", "put", "raise", "rest", "roll", "rub",
    "see", "sit", "start", "stay", "stop", "stretch", "switch", "take", "talk", "tell", "think",
    "try", "use", "wait", "walk", "wear", "write",
];

/// Verbs a step for the reader commonly starts with in Spanish, in the "usted"
/// imperative, and "no", which starts a step not to take.
const SPANISH_ACTION_VERBS: &[&str] = &[
    "apoye", "busque", "camine", "consulte", "cuente", "deje", "descanse", "diga", "empiece",
    "espere", "estire", "evite", "haga", "hable", "levante", "limite", "llame", "lleve",
    "mantenga", "mueva", "no", "pida", "piense", "planee", "ponga", "pregunte", "revise", "siga",
    "tome", "traiga", "use", "vaya", "vuelva",
];

/// Whether a section tells the reader what to do: a numbered step, or a sentence or item
/// that starts with an action verb.
fn has_action(lang: Lang, blocks: &[Block], pieces: &[Prose]) -> bool {
    let verbs = match lang {
        Lang::En => ACTION_VERBS,
        Lang::Es => SPANISH_ACTION_VERBS,
    };
    has_numbered_item(blocks)
        || pieces.iter().any(|piece| {
            readability::sentences(&piece.text).iter().any(|sentence| {
                lowercase_words(sentence)
                    .next()
                    .is_some_and(|first| verbs.contains(&&*first))
            })
        })
}

fn has_numbered_item(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| {
        matches!(
            b,
            Block::Item {
                number: Some(_),
                ..
            }
        )
    })
}

const BE_FORMS: &[&str] = &["am", "is", "are", "was", "were", "be", "been", "being"];

/// Past participles that do not end in -ed.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "begun",
    "bent",
    "bitten",
    "born",
    "bought",
    "broken",
    "brought",
    "built",
    "caught",
    "chosen",
    "cut",
    "done",
    "drawn",
    "driven",
    "eaten",
    "fallen",
    "felt",
    "found",
    "forgotten",
    "given",
    "gone",
    "grown",
    "held",
    "hidden",
    "hit",
    "hurt",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "paid",
    "put",
    "seen",
    "sent",
    "set",
    "shown",
    "shut",
    "sold",
    "spent",
    "split",
    "spread",
    "stuck",
    "swollen",
    "taken",
    "taught",
    "thrown",
    "told",
    "torn",
    "understood",
    "worn",
    "written",
];

/// Words ending in -ed that are not participles.
const NOT_PARTICIPLES: &[&str] = &[
    "bed", "bleed", "breed", "feed", "hundred", "need", "red", "seed", "shed", "sled", "speed",
];

/// A sentence with a form of "be" followed (past an adverb or "not") by a past participle:
/// "the tendon is cut", "you may be given".
fn is_passive(sentence: &str) -> bool {
    let mut words = lowercase_words(sentence);
    while let Some(word) = words.next() {
        if !BE_FORMS.contains(&&*word) {
            continue;
        }
        let next = words.clone().find(|w| {
            !(w.ends_with("ly") || matches!(&**w, "not" | "also" | "often" | "then" | "still"))
        });
        let participle = next.is_some_and(|w| {
            IRREGULAR_PARTICIPLES.contains(&&*w)
                || (w.len() > 3 && w.ends_with("ed") && !NOT_PARTICIPLES.contains(&&*w))
        });
        if participle {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_located_blocks;
    use crate::parse::{parse_topic, FileFormat};

    fn settings() -> Settings {
        Settings {
            max_grade: 8.0,
            warn_grade: 6.0,
            warn_smog: 8.0,
            max_age_years: 3,
            today: Date::try_from("2026-11-24".to_string()).unwrap(),
        }
    }

    #[test]
    fn passive_sentences_are_recognised() {
        for passive in [
            "The tendon is cut straight across.",
            "You may be given medicine.",
            "The band is then gently released.",
            "It was not done.",
        ] {
            assert!(is_passive(passive), "{passive}");
        }
        for active in [
            "Your surgeon cuts the tendon.",
            "The skin is red and sore.",
            "You need to rest.",
            "It is a band of tissue.",
        ] {
            assert!(!is_passive(active), "{active}");
        }
    }

    #[test]
    fn actions_are_numbered_steps_or_sentences_that_start_with_a_verb() {
        let acts = |markdown: &str| {
            let section = section(markdown, None);
            has_action(Lang::En, &section.blocks.blocks, &prose(&section))
        };
        assert!(acts("1. Rest.\n2. Ice."));
        assert!(acts("Most people heal. Wear the boot for 2 weeks."));
        assert!(!acts("Healing takes weeks. The boot helps."));
    }

    #[test]
    fn prose_lines_follow_the_file() {
        let mut section = section("One.\n\n- Two\n- Three.", Some(10));
        let pieces = prose(&section);
        let places: Vec<_> = pieces.iter().map(|p| p.place).collect();
        assert_eq!(
            places,
            [(None, Some(10)), (None, Some(12)), (None, Some(13))]
        );
        assert_eq!(pieces[1].text, "Two.", "an item reads as a sentence");

        // A patch's part is placed in the patch.
        let mut patch = self::section("Four.\n\nFive.", Some(3));
        patch.file = Some("t.patch.md".to_string());
        section.append(&patch, Lang::En);
        let places: Vec<_> = prose(&section).iter().map(|p| p.place).collect();
        assert_eq!(
            places[3..],
            [(Some("t.patch.md"), Some(3)), (Some("t.patch.md"), Some(5))]
        );
    }

    fn section(markdown: &str, body_line: Option<usize>) -> Section {
        let blocks = to_located_blocks(markdown);
        Section::new(
            "overview".into(),
            "O".into(),
            markdown.into(),
            (None, body_line),
            blocks,
            Lang::En,
        )
    }

    #[test]
    fn a_long_list_of_clashing_topics_is_cut_short() {
        assert_eq!(others(&["a", "b"], "a"), "b");
        assert_eq!(
            others(&["a", "b", "c", "d", "e", "f"], "c"),
            "a, b, d and 2 more"
        );
    }

    #[test]
    fn you_is_found_in_any_form() {
        assert!(mentions_you("Your calf"));
        assert!(mentions_you("If you’re sore"));
        assert!(!mentions_you("The patient rests. Young people heal."));
    }

    #[test]
    fn review_dates_in_the_future_or_long_past_are_reported() {
        let topic = |reviewed: &str| {
            let text = format!("title: T\nsummary: S.\nkind: condition\nreviewed: {reviewed}\n");
            parse_topic("t.yaml", "t", FileFormat::Yaml, &text).unwrap()
        };
        let messages = |reviewed: &str| {
            let mut report = TopicReport::new(String::new(), Lang::En, String::new());
            check_review_date(&topic(reviewed), &settings(), &mut report);
            report.findings
        };
        assert_eq!(messages("2027-01-01")[0].level, Level::Error);
        assert_eq!(messages("2027-01-01")[0].line, Some(4));
        assert_eq!(messages("2023-11-23")[0].level, Level::Warning);
        assert!(messages("2023-11-24").is_empty());
        assert!(messages("2026-11-24").is_empty());
    }

    #[test]
    fn empty_fields_are_errors_at_their_lines() {
        let text = "title: \"\"\nsummary: \" \"\nkind: condition\nreviewed: 2026-01-01\n\
                    aliases: [\"\"]\ntags: [\"\"]\nsources:\n  - title: \"\"\n    \
                    publisher: P\n    date: 2026\n  - title: T\n    journal: \" \"\n    \
                    publisher: \"\"\n    authors: \"\"\n    doi: \"\"\n    url: \"\"\n    \
                    date: 2026\nreviewed-by: \"\"\n";
        let topic = parse_topic("t.yaml", "t", FileFormat::Yaml, text).unwrap();
        let mut report = TopicReport::new(String::new(), Lang::En, String::new());
        check_unfinished_fields(&topic, &mut report);
        let found: Vec<(Option<usize>, &str)> = (report.findings.iter())
            .map(|f| (f.line, f.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(1),
                    "`title` is empty: give the topic's name as a reader says it"
                ),
                (
                    Some(2),
                    "`summary` is empty: say in one sentence what the topic is about"
                ),
                (Some(5), "`aliases` holds an empty name: delete it"),
                (Some(6), "`tags` holds an empty tag: delete it"),
                (
                    Some(18),
                    "`reviewed-by` is empty: name the clinician who reviewed the topic, or \
                     delete `reviewed-by`"
                ),
                (
                    Some(8),
                    "source 1 has an empty `title`: give the title the source itself has"
                ),
                (
                    Some(11),
                    "source 2 has an empty `journal`: fill it in, or delete it"
                ),
                (
                    Some(11),
                    "source 2 has an empty `publisher`: fill it in, or delete it"
                ),
                (
                    Some(11),
                    "source 2 has an empty `authors`: fill it in, or delete it"
                ),
                (
                    Some(11),
                    "source 2 has an empty `doi`: fill it in, or delete it"
                ),
                (
                    Some(11),
                    "source 2 has an empty `url`: fill it in, or delete it"
                ),
            ]
        );
    }
}
