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
use crate::folder::{io_reason, listed, shown, Folder, FolderFile, Role, PATCH_SUFFIX};
use crate::parse::{parse_header, parse_patch, parse_topic, topic_file_name, FileFormat};
use crate::patch::add_sections;
use crate::sanitize::sanitize_name;
use crate::source::ContentSource;
use crate::topic::{Header, Loaded, Section, Topic, TopicError};

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

/// A file that can give a slug's topic.
struct Candidate {
    text: Text,
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

    fn text(&self) -> Result<Cow<'static, str>, TopicError> {
        match &self.text {
            Text::BuiltIn(_, text) => Ok(Cow::Borrowed(text)),
            Text::File(file) => file.read().map(Cow::Owned),
        }
    }

    fn header(&self, slug: &str) -> Result<Header, TopicError> {
        parse_header(&self.file(), slug, self.format, &self.text()?)
    }

    fn topic(&self, slug: &str) -> Loaded {
        parse_topic(&self.file(), slug, self.format, &self.text()?)
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
        parse_patch(&self.file.shown(), &self.file.read()?)
    }
}

/// Every file that can give one slug's topic.
struct Plan {
    slug: String,
    /// The topic files, from the last layer to the first: the first that reads wins.
    candidates: Vec<Candidate>,
    /// Its patches, layer by layer.
    patches: Vec<Patch>,
}

impl Plan {
    /// The header of the first candidate that reads, with the problems met on the way.
    /// The patches are read too, so that a broken one is reported by every command.
    fn header(&self) -> (Option<Header>, Problems) {
        let mut problems = Problems::default();
        let header = self.first(&mut problems, |c| c.header(&self.slug));
        for patch in &self.patches {
            let checked = match header {
                Some(_) => patch.sections().map(drop),
                None => Err(self.stray(patch)),
            };
            if let Err(problem) = checked {
                problems.note(patch.place, problem);
            }
        }
        (header, problems)
    }

    /// The topic of the first candidate that reads, with its patches applied, and the
    /// problems met on the way.
    fn topic(&self) -> (Option<Topic>, Problems) {
        let mut problems = Problems::default();
        let mut topic = self.first(&mut problems, |c| c.topic(&self.slug));
        if let Some(topic) = topic.as_mut() {
            topic.replaces = self.replaced(&topic.file);
        }
        for patch in &self.patches {
            let applied = match topic.as_mut() {
                Some(topic) => patch.apply(topic),
                None => Err(self.stray(patch)),
            };
            if let Err(problem) = applied {
                problems.note(patch.place, problem);
            }
        }
        (topic, problems)
    }

    /// The file that the topic read from `file` takes the place of: the one in the layer
    /// below it, if any.
    fn replaced(&self, file: &str) -> Option<String> {
        let at = self.candidates.iter().position(|c| c.file() == file)?;
        self.candidates.get(at + 1).map(Candidate::file)
    }

    fn first<T>(
        &self,
        problems: &mut Problems,
        read: impl Fn(&Candidate) -> Result<T, TopicError>,
    ) -> Option<T> {
        for candidate in &self.candidates {
            match read(candidate) {
                Ok(found) => return Some(found),
                Err(problem) => problems.note(candidate.place, problem),
            }
        }
        None
    }

    /// What is said of a patch whose topic gave nothing: a refused patch says why it was
    /// refused, any other that its topic is missing.
    fn stray(&self, patch: &Patch) -> TopicError {
        patch.file.refused.clone().unwrap_or_else(|| {
            // The slug comes from the patch's file name, which may hold anything.
            let message = format!(
                "a patch for `{}`, but there is no such topic",
                sanitize_name(&self.slug)
            );
            TopicError::new(patch.file.shown(), None, message)
        })
    }
}

/// Every slug a source has, in slug order, with the files that can give its topic, and
/// the problems found while listing the folders.
pub struct Catalog {
    plans: Vec<Plan>,
    problems: Problems,
}

impl Catalog {
    /// Lists the source's folders. Only `--content-dir` must exist and be readable: a clinic
    /// folder that is missing is skipped, and one that cannot be read is skipped with a
    /// warning.
    pub fn read(source: &ContentSource) -> anyhow::Result<Catalog> {
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
        Ok(Catalog { plans, problems })
    }

    /// Reads the header of every topic, in slug order, a batch at a time. The problems
    /// come back with those met while listing the folders.
    pub fn each_header_batch(
        &self,
        each: impl FnMut(Vec<Header>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<TopicError>> {
        self.each_batch(Plan::header, each)
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
                let (topic, problems) = plan.topic();
                (topic.map(&per_topic), problems)
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
pub fn headers_or_none(source: &ContentSource) -> Vec<Header> {
    (Catalog::read(source).and_then(|catalog| catalog.headers()))
        .map(|gathered| gathered.topics)
        .unwrap_or_default()
}

/// Reads the topic `slug`, as [`Catalog`] would find it, but from its own files alone.
/// Its file in the last layer that has one is the topic: if that file cannot be used, or
/// the layer has two, that is the answer, rather than an older topic of the same name. A
/// patch that cannot be used is left out, and named in [`Found::patches_left_out`]; a
/// patch that leads out of its folder is skipped with a warning.
pub fn find(source: &ContentSource, slug: &str) -> anyhow::Result<Found> {
    let mut warnings = Problems::default();
    let mut chosen: Option<Vec<Candidate>> = None;
    // The first file of the layer below the chosen one, which the topic replaces.
    let mut replaced: Option<String> = None;
    let mut patches: Vec<Patch> = Vec::new();
    for (layer, dir) in source.folders().iter().enumerate() {
        let layer = layer + 1;
        let Some(folder) = open_folder(source, dir, layer, &mut warnings)? else {
            continue;
        };
        let mut candidates = Vec::new();
        for (at, file) in folder.files_for(slug).into_iter().enumerate() {
            let place = (file.role == Role::Patch, layer, at);
            match file.role {
                Role::Patch => patches.push(Patch { file, place }),
                Role::Topic(format) => candidates.push(Candidate {
                    text: Text::File(file),
                    format,
                    place,
                }),
            }
        }
        if !candidates.is_empty() {
            replaced = chosen
                .as_ref()
                .and_then(|below| below.first())
                .map(Candidate::file);
            chosen = Some(candidates);
        }
    }
    let built_in: Vec<Candidate> = (built_in_candidates(source))
        .filter(|(built_in_slug, _)| *built_in_slug == slug)
        .map(|(_, candidate)| candidate)
        .collect();
    let candidates = match chosen {
        Some(candidates) => {
            replaced = replaced.or_else(|| built_in.first().map(Candidate::file));
            candidates
        }
        None => built_in,
    };
    // Two files for one topic, or one that leads out of its folder: which page is meant
    // is not clear, so none is shown.
    let refusal = candidates
        .iter()
        .find_map(|candidate| match &candidate.text {
            Text::File(file) => file.refused.clone(),
            Text::BuiltIn(..) => None,
        });
    let mut topic = match (refusal, candidates.first()) {
        (Some(refusal), _) => Some(Err(refusal)),
        (None, Some(candidate)) => Some(candidate.topic(slug)),
        (None, None) => None,
    };
    // A patch that cannot be used is left out, and said so: the topic beneath it is still
    // whole and checked, and `check` fails on the patch.
    let mut left_out = Problems::default();
    if let Some(Ok(found)) = topic.as_mut() {
        found.replaces = replaced;
        for patch in &patches {
            if let Some(refusal) = &patch.file.refused {
                warnings.note(patch.place, refusal.clone());
            } else if let Err(problem) = patch.apply(found) {
                left_out.note(patch.place, problem);
            }
        }
    }
    Ok(Found {
        topic,
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
    let Some((slug, format)) = name.as_deref().and_then(topic_file_name) else {
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
    let file = (folder.files_for(slug).into_iter())
        .find(|file| file.role == Role::Topic(format) && file.path.file_name() == path.file_name())
        .with_context(|| format!("cannot read {}: no such file", shown(path)))?;
    let text = file.read()?;
    Ok(parse_topic(&file.shown(), slug, format, &text)?)
}

/// The built-in topics, each with its slug, when the source has them: the first layer.
fn built_in_candidates(source: &ContentSource) -> impl Iterator<Item = (&'static str, Candidate)> {
    let files = if source.has_built_in_topics() {
        builtin::FILES
    } else {
        &[]
    };
    (files.iter().enumerate()).filter_map(|(at, (name, text))| {
        let (slug, format) = topic_file_name(name)?;
        let candidate = Candidate {
            text: Text::BuiltIn(name, text),
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
