//! The one way topics are read, for every command: the layers of a [`ContentSource`]
//! become a plan for each slug (which files can give its topic, and its patches), and the
//! plans are read in slug order, a batch at a time, spread over the cores. Nothing is kept
//! between runs: every answer comes from the files as they are now.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;

use crate::builtin;
use crate::folder::{
    io_reason, listed, page_stem, patch_name, shown, Folder, FolderFile, Role, PATCH_SUFFIX,
};
use crate::lang::Lang;
use crate::parse::{
    parse_header_in, parse_patch, parse_topic_in, topic_file_name, FileFormat, TopicName,
};
use crate::patch::add_sections;
use crate::sanitize::sanitize_name;
use crate::source::ContentSource;
use crate::topic::{is_valid_slug, Header, Loaded, Section, Topic, TopicError};

/// How many topics are read at once: enough to keep every core busy, few enough that a
/// folder of any size is never held in memory whole.
const BATCH: usize = 256;

/// Where a problem is reported among the others: by layer, then by the file's place in
/// its folder's listing, every topic file before every patch. This keeps the warnings in
/// the same order however the work was spread over the cores.
type Place = (bool, usize, usize);

/// A problem with a file, and its place.
#[derive(Clone)]
struct Noted {
    place: Place,
    problem: TopicError,
}

/// Problems as they are met, to be reported in order.
#[derive(Default, Clone)]
pub struct Problems(Vec<Noted>);

impl Problems {
    fn note(&mut self, place: Place, problem: TopicError) {
        self.0.push(Noted { place, problem });
    }

    fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    /// The problems in order: layer by layer, each folder's files in name order, the
    /// patches last.
    pub fn into_sorted(mut self) -> Vec<TopicError> {
        self.0.sort_by_key(|noted| noted.place);
        self.0.into_iter().map(|noted| noted.problem).collect()
    }
}

/// Where a candidate's text is.
enum Text {
    BuiltIn(&'static str, &'static str),
    File(FolderFile),
}

/// A file that can give a slug's topic, in one language.
struct Candidate {
    text: Text,
    lang: Lang,
    format: FileFormat,
    place: Place,
}

impl Candidate {
    /// The file's name as messages give it.
    fn file(&self) -> String {
        match &self.text {
            Text::BuiltIn(name, _) => builtin::shown(name),
            Text::File(file) => file.shown(),
        }
    }

    fn layer(&self) -> usize {
        self.place.1
    }

    fn text(&self) -> Result<Cow<'static, str>, TopicError> {
        match &self.text {
            Text::BuiltIn(_, text) => Ok(Cow::Borrowed(text)),
            Text::File(file) => file.read().map(Cow::Owned),
        }
    }

    fn name<'a>(&self, slug: &'a str) -> TopicName<'a> {
        TopicName {
            slug,
            lang: self.lang,
            format: self.format,
        }
    }

    fn header(&self, slug: &str) -> Result<Header, TopicError> {
        parse_header_in(&self.file(), self.name(slug), &self.text()?)
    }

    fn topic(&self, slug: &str) -> Loaded {
        parse_topic_in(&self.file(), self.name(slug), &self.text()?)
    }

    fn refusal(&self) -> Option<&TopicError> {
        match &self.text {
            Text::File(file) => file.refused.as_ref(),
            Text::BuiltIn(..) => None,
        }
    }
}

/// A patch file, and its place.
struct Patch {
    file: FolderFile,
    place: Place,
}

impl Patch {
    /// Adds the patch's sections to `topic`; a patch that cannot be read or parsed
    /// changes nothing.
    fn apply(&self, topic: &mut Topic) -> Result<(), TopicError> {
        let additions = self.sections()?;
        add_sections(topic, additions);
        Ok(())
    }

    fn sections(&self) -> Result<Vec<Section>, TopicError> {
        parse_patch(&self.file.shown(), self.file.lang, &self.file.read()?)
    }
}

/// Every file that can give one slug's topic, in each of its languages.
struct Plan {
    slug: String,
    /// The topic files, from the last layer to the first: the first original that reads
    /// wins, with the translations of its layer.
    candidates: Vec<Candidate>,
    /// Its patches, layer by layer.
    patches: Vec<Patch>,
}

/// The page of a topic that is read: the original, or its translation into the reader's
/// language where its layer has one.
fn page_in<'a>(
    candidates: &'a [Candidate],
    original: &'a Candidate,
    lang: Lang,
) -> Option<&'a Candidate> {
    (candidates.iter())
        .find(|c| lang != Lang::En && c.lang == lang && c.layer() == original.layer())
}

/// The page of the topic whose original is `original` that a reader of `lang` gets, as
/// `read` makes it: its translation where the original's layer has one that reads, else
/// the original, which `read` has made already into `in_original`. A translation that
/// cannot be read is noted in `problems`.
fn read_page<'a, T>(
    (candidates, original): (&'a [Candidate], &'a Candidate),
    in_original: T,
    lang: Lang,
    problems: &mut Problems,
    read: impl Fn(&Candidate) -> Result<T, TopicError>,
) -> (&'a Candidate, T) {
    let Some(page) = page_in(candidates, original, lang) else {
        return (original, in_original);
    };
    match read(page) {
        Ok(translated) => (page, translated),
        Err(problem) => {
            problems.note(page.place, problem);
            (original, in_original)
        }
    }
}

/// The file that `page` takes the place of: the page in its language in a layer below
/// it, if any.
fn replaced(candidates: &[Candidate], page: &Candidate) -> Option<String> {
    (candidates.iter())
        .find(|c| c.lang == page.lang && c.layer() < page.layer())
        .map(Candidate::file)
}

/// The languages of the topic whose original is `original`: English, and each
/// translation beside it.
fn languages_of(candidates: &[Candidate], original: &Candidate) -> Vec<Lang> {
    (Lang::ALL.into_iter())
        .filter(|&lang| lang == Lang::En || page_in(candidates, original, lang).is_some())
        .collect()
}

/// Each translation in a layer that has no original for it to translate: none is read.
fn stray_translations<'a>(
    candidates: &'a [Candidate],
    slug: &'a str,
) -> impl Iterator<Item = (Place, TopicError)> + 'a {
    (candidates.iter())
        .filter(|c| c.lang != Lang::En)
        .filter(|c| {
            !(candidates.iter()).any(|other| other.lang == Lang::En && other.layer() == c.layer())
        })
        .map(move |c| {
            let slug = sanitize_name(slug);
            // A name such as `x.es.es.md` is no translation of anything.
            let message = match is_valid_slug(&slug) {
                true => format!(
                    "a translation of `{slug}`, but this folder has no `{slug}.md` for it to \
                     translate: put the English topic beside it, since a topic's languages \
                     come from one folder"
                ),
                false => format!(
                    "`{slug}` is not a usable topic name: name a translation like \
                     `calf-strain.es.md`, with lowercase letters, digits and dashes before the \
                     language"
                ),
            };
            (c.place, TopicError::new(c.file(), None, message))
        })
}

impl Plan {
    /// The header of the first original that reads, in `lang` where it has a page in it,
    /// with the problems met on the way. The patches are read too, so that a broken one
    /// is reported by every command.
    fn header(&self, lang: Lang) -> (Option<Header>, Problems) {
        let mut problems = self.stray_translations();
        let chosen = self.first(&mut problems, |c| c.header(&self.slug));
        let header = chosen.map(|(original, header)| {
            let (_, header) = read_page(
                (&self.candidates, original),
                header,
                lang,
                &mut problems,
                |c| c.header(&self.slug),
            );
            Header {
                languages: languages_of(&self.candidates, original),
                ..header
            }
        });
        for patch in &self.patches {
            let checked = match &header {
                Some(header) if header.languages.contains(&patch.file.lang) => {
                    patch.sections().map(drop)
                }
                Some(_) => Err(self.stray(patch, true)),
                None => Err(self.stray(patch, false)),
            };
            if let Err(problem) = checked {
                problems.note(patch.place, problem);
            }
        }
        (header, problems)
    }

    /// The topic of the first original that reads, in `lang` where it has a page in it,
    /// with the patches of that page's language applied, and the problems met on the way.
    fn topic(&self, lang: Lang) -> (Option<Topic>, Problems) {
        let mut problems = self.stray_translations();
        let Some((original, topic)) = self.original(&mut problems) else {
            return (None, problems);
        };
        let (page, topic) = read_page(
            (&self.candidates, original),
            topic,
            lang,
            &mut problems,
            |c| c.topic(&self.slug),
        );
        let topic = self.finished((original, page), topic, &mut problems);
        (Some(topic), problems)
    }

    /// Every page of the topic, its original first, each with its patches: for `check`.
    fn pages(&self) -> (Option<Vec<Topic>>, Problems) {
        let mut problems = self.stray_translations();
        let Some((original, topic)) = self.original(&mut problems) else {
            return (None, problems);
        };
        let mut pages = vec![self.finished((original, original), topic, &mut problems)];
        for lang in Lang::ALL {
            if let Some(page) = page_in(&self.candidates, original, lang) {
                match page.topic(&self.slug) {
                    Ok(translated) => {
                        pages.push(self.finished((original, page), translated, &mut problems))
                    }
                    Err(problem) => problems.note(page.place, problem),
                }
            }
        }
        (Some(pages), problems)
    }

    /// The first original that reads, read whole; with none, every patch is reported as
    /// having no topic.
    fn original(&self, problems: &mut Problems) -> Option<(&Candidate, Topic)> {
        let found = self.first(problems, |c| c.topic(&self.slug));
        if found.is_none() {
            for patch in &self.patches {
                problems.note(patch.place, self.stray(patch, false));
            }
        }
        found
    }

    /// `topic`, read from `page`, a page of the topic whose original is `original`, with
    /// its languages, what it replaces and its patches: those in its language are
    /// applied, and those in a language it has no page in are reported.
    fn finished(
        &self,
        (original, page): (&Candidate, &Candidate),
        mut topic: Topic,
        problems: &mut Problems,
    ) -> Topic {
        topic.languages = languages_of(&self.candidates, original);
        topic.replaces = replaced(&self.candidates, page);
        for patch in &self.patches {
            let applied = if patch.file.lang == topic.lang {
                patch.apply(&mut topic)
            } else if topic.languages.contains(&patch.file.lang) {
                Ok(())
            } else {
                Err(self.stray(patch, true))
            };
            if let Err(problem) = applied {
                problems.note(patch.place, problem);
            }
        }
        topic
    }

    fn stray_translations(&self) -> Problems {
        let mut problems = Problems::default();
        for (place, problem) in stray_translations(&self.candidates, &self.slug) {
            problems.note(place, problem);
        }
        problems
    }

    /// The first original that reads, and what `read` made of it.
    fn first<T>(
        &self,
        problems: &mut Problems,
        read: impl Fn(&Candidate) -> Result<T, TopicError>,
    ) -> Option<(&Candidate, T)> {
        for candidate in self.candidates.iter().filter(|c| c.lang == Lang::En) {
            match read(candidate) {
                Ok(found) => return Some((candidate, found)),
                Err(problem) => problems.note(candidate.place, problem),
            }
        }
        None
    }

    /// What is said of a patch that has no page to add to: a refused patch says why it
    /// was refused, any other that its topic is missing, or, where `topic_exists`, its
    /// topic's page in the patch's language.
    fn stray(&self, patch: &Patch, topic_exists: bool) -> TopicError {
        stray_patch(&self.slug, patch, topic_exists)
    }
}

/// What is said of a patch in one language when the page shown is in another, and its folder
/// has no patch in that language: the page is shown without what it adds.
fn untranslated_patch(slug: &str, patch: &Patch, shown: Lang) -> TopicError {
    let slug = sanitize_name(slug);
    let wanted = patch_name(&slug, shown);
    let message = format!(
        "adds to the {} page only: the {} page is shown without it; add `{wanted}` beside it, \
         with the same in {}",
        patch.file.lang.english_name(),
        shown.english_name(),
        shown.english_name()
    );
    TopicError::new(patch.file.shown(), None, message)
}

fn stray_patch(slug: &str, patch: &Patch, topic_exists: bool) -> TopicError {
    patch.file.refused.clone().unwrap_or_else(|| {
        // The slug comes from the patch's file name, which may hold anything.
        let slug = sanitize_name(slug);
        let message = match patch.file.lang {
            lang if topic_exists && lang != Lang::En => format!(
                "a patch for the {} page of `{slug}`, but the topic has no page in that \
                 language: add `{}.md` beside its original, or remove the patch",
                lang.english_name(),
                page_stem(&slug, lang)
            ),
            _ => format!("a patch for `{slug}`, but there is no such topic"),
        };
        TopicError::new(patch.file.shown(), None, message)
    })
}

/// Every slug a source has, in slug order, with the files that can give its topic, and
/// the problems found while listing the folders.
pub struct Catalog {
    plans: Vec<Plan>,
    problems: Problems,
    /// The reader's language: each topic is read in it where it has a page in it.
    lang: Lang,
}

impl Catalog {
    /// Lists the source's folders. Only `--content-dir` must exist and be readable: a clinic
    /// folder that is missing is skipped, and one that cannot be read is skipped with a
    /// warning.
    pub fn read(source: &ContentSource, lang: Lang) -> anyhow::Result<Catalog> {
        let mut plans: BTreeMap<String, Plan> = BTreeMap::new();
        let mut problems = Problems::default();
        let mut layer = 0;
        for (slug, candidate) in built_in_candidates(source) {
            plan(&mut plans, slug).candidates.push(candidate);
        }
        for dir in source.folders() {
            layer += 1;
            let Some(folder) = open_folder(source, dir, layer, &mut problems)? else {
                continue;
            };
            let files = match folder.files() {
                Ok(files) => files,
                Err(error) => {
                    folder_problem(source, dir, &error, layer, &mut problems)?;
                    continue;
                }
            };
            for (at, file) in files.into_iter().enumerate() {
                match file.role {
                    Role::Patch => {
                        let place = (true, layer, at);
                        plan(&mut plans, &file.slug)
                            .patches
                            .push(Patch { file, place });
                    }
                    Role::Topic(format) => {
                        let place = (false, layer, at);
                        match &file.refused {
                            Some(refusal) => problems.note(place, refusal.clone()),
                            None => plan(&mut plans, &file.slug).candidates.push(Candidate {
                                lang: file.lang,
                                text: Text::File(file),
                                format,
                                place,
                            }),
                        }
                    }
                }
            }
        }
        let mut plans: Vec<Plan> = plans.into_values().collect();
        for plan in &mut plans {
            // The last layer's file wins.
            plan.candidates.reverse();
        }
        Ok(Catalog {
            plans,
            problems,
            lang,
        })
    }

    /// Reads the header of every topic, in slug order, a batch at a time. The problems
    /// come back with those met while listing the folders.
    pub fn each_header_batch(
        &self,
        each: impl FnMut(Vec<Header>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<TopicError>> {
        self.each_batch(|plan| plan.header(self.lang), each)
    }

    /// Reads every topic whole, in slug order, a batch at a time. `per_topic` runs on
    /// each topic as soon as it is read, on the same core; `each` gets each batch's
    /// results, in order.
    pub fn each_topic_batch<U: Send>(
        &self,
        per_topic: impl Fn(Topic) -> U + Sync,
        each: impl FnMut(Vec<U>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<TopicError>> {
        self.each_batch(
            |plan| {
                let (topic, problems) = plan.topic(self.lang);
                (topic.map(&per_topic), problems)
            },
            each,
        )
    }

    /// Reads every page of every topic, in slug order, a batch at a time: `per_topic` gets
    /// each topic's pages, its original first, as soon as they are read.
    pub fn each_pages_batch<U: Send>(
        &self,
        per_topic: impl Fn(Vec<Topic>) -> U + Sync,
        each: impl FnMut(Vec<U>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<TopicError>> {
        self.each_batch(
            |plan| {
                let (pages, problems) = plan.pages();
                (pages.map(&per_topic), problems)
            },
            each,
        )
    }

    /// Every topic's header, and the problems, sorted.
    pub fn headers(&self) -> anyhow::Result<Gathered<Header>> {
        let mut topics = Vec::new();
        let problems = self.each_header_batch(|batch| {
            topics.extend(batch);
            Ok(())
        })?;
        Ok(Gathered { topics, problems })
    }

    fn each_batch<T: Send>(
        &self,
        read: impl Fn(&Plan) -> (Option<T>, Problems) + Sync,
        mut each: impl FnMut(Vec<T>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<TopicError>> {
        let mut problems = self.problems.clone();
        for batch in self.plans.chunks(BATCH) {
            let read: Vec<(Option<T>, Problems)> = batch.par_iter().map(&read).collect();
            let mut found = Vec::with_capacity(read.len());
            for (item, noted) in read {
                found.extend(item);
                problems.extend(noted);
            }
            each(found)?;
        }
        Ok(problems.into_sorted())
    }
}

/// The plan for `slug`, made empty when it is first needed.
fn plan<'a>(plans: &'a mut BTreeMap<String, Plan>, slug: &str) -> &'a mut Plan {
    plans.entry(slug.to_string()).or_insert_with(|| Plan {
        slug: slug.to_string(),
        candidates: Vec::new(),
        patches: Vec::new(),
    })
}

/// Topics in slug order, and the files that could not be used.
pub struct Gathered<T> {
    pub topics: Vec<T>,
    pub problems: Vec<TopicError>,
}

/// One topic by its slug, read without listing any folder, and the problems with its
/// files that do not stop it from being shown.
pub struct Found {
    /// `None` when no layer has a file for the slug.
    pub topic: Option<Loaded>,
    pub warnings: Vec<TopicError>,
    /// The patches that could not be used, and so were left out of the topic.
    pub patches_left_out: Vec<TopicError>,
}

/// The header of every topic that can be read from `source`, or none when its folders
/// cannot be read at all: for a tip or a completion, which must never fail.
pub fn headers_or_none(source: &ContentSource, lang: Lang) -> Vec<Header> {
    (Catalog::read(source, lang).and_then(|catalog| catalog.headers()))
        .map(|gathered| gathered.topics)
        .unwrap_or_default()
}

/// Reads the topic `slug`, as [`Catalog`] would find it, but from its own files alone, in
/// `lang` where it has a page in it. Its original in the last layer that has one is the
/// topic: if that file cannot be used, or the layer has two, that is the answer, rather
/// than an older topic of the same name; the layer's translations are its other pages. A
/// patch that cannot be used is left out, and named in [`Found::patches_left_out`]; a
/// patch that leads out of its folder is skipped with a warning.
pub fn find(source: &ContentSource, slug: &str, lang: Lang) -> anyhow::Result<Found> {
    let mut warnings = Problems::default();
    let mut candidates: Vec<Candidate> = (built_in_candidates(source))
        .filter(|(built_in_slug, _)| *built_in_slug == slug)
        .map(|(_, candidate)| candidate)
        .collect();
    let mut patches: Vec<Patch> = Vec::new();
    for (layer, dir) in source.folders().iter().enumerate() {
        let layer = layer + 1;
        let Some(folder) = open_folder(source, dir, layer, &mut warnings)? else {
            continue;
        };
        for (at, file) in folder.files_for(slug).into_iter().enumerate() {
            let place = (file.role == Role::Patch, layer, at);
            match file.role {
                Role::Patch => patches.push(Patch { file, place }),
                Role::Topic(format) => candidates.push(Candidate {
                    lang: file.lang,
                    text: Text::File(file),
                    format,
                    place,
                }),
            }
        }
    }
    // The last layer first, as in a plan. A translation that cannot be used (a second one,
    // or a link out of its folder) is left out with a warning, as a folder's listing leaves
    // it out for every other command; an original that cannot be used is the answer.
    candidates.reverse();
    candidates.retain(|c| match (c.lang, c.refusal()) {
        (Lang::En, _) | (_, None) => true,
        (_, Some(refusal)) => {
            warnings.note(c.place, refusal.clone());
            false
        }
    });
    for (place, problem) in stray_translations(&candidates, slug) {
        warnings.note(place, problem);
    }
    let Some(original) = candidates.iter().find(|c| c.lang == Lang::En) else {
        return Ok(Found {
            topic: None,
            warnings: warnings.into_sorted(),
            patches_left_out: Vec::new(),
        });
    };
    // Two files for one topic, or one that leads out of its folder: which page is meant
    // is not clear, so none is shown.
    let layer_refusal = (candidates.iter())
        .filter(|c| c.layer() == original.layer() && c.lang == Lang::En)
        .find_map(Candidate::refusal);
    let mut left_out = Problems::default();
    let topic = match layer_refusal {
        Some(refusal) => Err(refusal.clone()),
        None => original.topic(slug).map(|topic| {
            // A translation that cannot be read leaves the original to show, with a
            // warning; so does a patch, and `check` fails on either.
            let (page, mut topic) =
                read_page((&candidates, original), topic, lang, &mut warnings, |c| {
                    c.topic(slug)
                });
            topic.languages = languages_of(&candidates, original);
            topic.replaces = replaced(&candidates, page);
            for patch in &patches {
                if let Some(refusal) = &patch.file.refused {
                    warnings.note(patch.place, refusal.clone());
                } else if patch.file.lang == topic.lang {
                    if let Err(problem) = patch.apply(&mut topic) {
                        left_out.note(patch.place, problem);
                    }
                } else if !topic.languages.contains(&patch.file.lang) {
                    warnings.note(patch.place, stray_patch(slug, patch, true));
                } else if !(patches.iter())
                    .any(|p| p.place.1 == patch.place.1 && p.file.lang == topic.lang)
                {
                    // A clinic's addition that this page's readers would not see.
                    warnings.note(patch.place, untranslated_patch(slug, patch, topic.lang));
                }
            }
            topic
        }),
    };
    Ok(Found {
        topic: Some(topic),
        warnings: warnings.into_sorted(),
        patches_left_out: left_out.into_sorted(),
    })
}

/// The topic in one file named on the command line, in no folder footcare reads: read
/// with the same care as a folder's files, without patches.
pub fn topic_file(path: &Path) -> anyhow::Result<Topic> {
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            anyhow::bail!("cannot read {}: no such file", shown(path))
        }
        Err(error) => anyhow::bail!("cannot read {}: {}", shown(path), io_reason(&error)),
        Ok(meta) if meta.is_dir() => anyhow::bail!(
            "{} is a folder: give one topic file, or check the folder with `footcare check {}`",
            shown(path),
            shown(path)
        ),
        Ok(meta) if !meta.is_file() => anyhow::bail!(
            "{} is not a regular file: footcare reads only regular files as topics",
            shown(path)
        ),
        Ok(_) => {}
    }
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let Some(topic_name) = name.as_deref().and_then(topic_file_name) else {
        anyhow::bail!(
            "{} is not a topic file: a topic file is named like calf-strain.md or \
             calf-strain.yaml",
            shown(path)
        );
    };
    if name
        .as_deref()
        .is_some_and(|name| name.ends_with(PATCH_SUFFIX))
    {
        anyhow::bail!(
            "{} is a patch, not a topic: check it with `footcare check {}`, or show its \
             topic with the patch in its folder",
            shown(path),
            shown(path)
        );
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let folder =
        Folder::open(dir).with_context(|| format!("cannot read the folder of {}", shown(path)))?;
    let file = (folder.files_for(topic_name.slug).into_iter())
        .find(|file| {
            file.role == Role::Topic(topic_name.format) && file.path.file_name() == path.file_name()
        })
        .with_context(|| format!("cannot read {}: no such file", shown(path)))?;
    let text = file.read()?;
    Ok(parse_topic_in(&file.shown(), topic_name, &text)?)
}

/// The built-in topics, each with its slug, when the source has them: the first layer.
fn built_in_candidates(source: &ContentSource) -> impl Iterator<Item = (&'static str, Candidate)> {
    let files = if source.has_built_in_topics() {
        builtin::FILES
    } else {
        &[]
    };
    (files.iter().enumerate()).filter_map(|(at, (name, text))| {
        let TopicName { slug, lang, format } = topic_file_name(name)?;
        let candidate = Candidate {
            text: Text::BuiltIn(name, text),
            lang,
            format,
            place: (false, 0, at),
        };
        Some((slug, candidate))
    })
}

/// Opens one of the source's folders: `None` for one to skip. `--content-dir` is the only
/// folder, so there a missing or unreadable folder is an error.
fn open_folder(
    source: &ContentSource,
    dir: &Path,
    layer: usize,
    problems: &mut Problems,
) -> anyhow::Result<Option<Folder>> {
    // Folders given by hand, as --content-dir and those of files named to `check` are,
    // must be there; a clinic folder that does not exist yet is skipped.
    let only_folder = matches!(source, ContentSource::Dir(_) | ContentSource::Folders(_));
    if !listed(dir).is_dir() {
        if only_folder {
            anyhow::bail!(
                "the content folder {} does not exist or is not a folder \
                 (set by --content-dir or FOOTCARE_CONTENT_DIR)",
                shown(dir)
            );
        }
        return Ok(None);
    }
    match Folder::open(dir) {
        Ok(folder) => Ok(Some(folder)),
        Err(error) => {
            folder_problem(source, dir, &error, layer, problems)?;
            Ok(None)
        }
    }
}

/// A folder that cannot be read: an error for `--content-dir`, else a warning.
fn folder_problem(
    source: &ContentSource,
    dir: &Path,
    error: &std::io::Error,
    layer: usize,
    problems: &mut Problems,
) -> anyhow::Result<()> {
    if matches!(source, ContentSource::Dir(_)) {
        anyhow::bail!(
            "cannot read the content folder {}: {}",
            shown(dir),
            io_reason(error)
        );
    }
    problems.note(
        (false, layer, 0),
        TopicError::new(
            shown(dir),
            None,
            format!("cannot read this topic folder: {}", io_reason(error)),
        ),
    );
    Ok(())
}
