//! Where topics come from: the built-in folder compiled into the binary, or a folder on disk.
//! This is the only module that reads topic files.

use std::collections::{hash_map, HashMap};
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use anyhow::Context;

use crate::entry::{Entry, Units};
use crate::index::{Index, Known, Parsed, Stamp, StoredUnits};
use crate::parse::{
    is_valid_slug, parse_patch, parse_topic, topic_file_name, FileFormat, EXTENSIONS,
};
use crate::paths::{clinic_folders, TOPICS_PATH_VAR};
use crate::sanitize::sanitize;
use crate::topic::{origin_of, Named, Topic, TopicError};

/// The built-in topics as build.rs stored them: `TOPICS`, and the files' text for tests.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_topics.rs"));
}

/// A topic file larger than this is refused unread: real topics are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where topics are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    /// Only the `content/` folder as it was when footcare was built.
    BuiltIn,
    /// Only this folder (`--content-dir`).
    Dir(PathBuf),
    /// The built-in topics, then each of these clinic folders in turn: a topic in a later
    /// folder replaces one of the same slug before it. Missing folders are skipped.
    Layered(Vec<PathBuf>),
}

/// A parsed topic, or why its file could not be used.
pub type Loaded = Result<Topic, TopicError>;

/// A file name ending that holds additions to another topic's sections.
pub const PATCH_SUFFIX: &str = ".patch.md";

/// Names a single topic folder, like `--content-dir`; set but empty, it is ignored.
pub const CONTENT_DIR_VAR: &str = "FOOTCARE_CONTENT_DIR";

impl ContentSource {
    /// The folder named by `--content-dir` or `FOOTCARE_CONTENT_DIR` alone, or else the
    /// built-in topics layered with the clinic folders the environment names.
    pub fn from_environment(content_dir: Option<PathBuf>) -> ContentSource {
        let env = |name: &str| std::env::var_os(name);
        let content_dir = content_dir.or_else(|| {
            env(CONTENT_DIR_VAR)
                .filter(|dir| !dir.is_empty())
                .map(Into::into)
        });
        match content_dir {
            Some(dir) => ContentSource::Dir(dir),
            None => ContentSource::Layered(clinic_folders(
                env(TOPICS_PATH_VAR).as_deref(),
                env("XDG_DATA_HOME").as_deref(),
                env("HOME").as_deref(),
            )),
        }
    }

    /// Reads only the files for `slug` (the topic, and any patches for it), without listing
    /// a folder, or `None` if there is no such topic. A slug that is not a plain name never
    /// reaches the file system.
    pub fn load(&self, slug: &str) -> anyhow::Result<Option<Loaded>> {
        if !is_valid_slug(slug) {
            return Ok(None);
        }
        let found = match self {
            ContentSource::BuiltIn => builtin_topic(slug),
            ContentSource::Dir(dir) => {
                check_dir(dir)?;
                find_in_folder(dir, slug)?
            }
            ContentSource::Layered(dirs) => {
                let mut found = None;
                for dir in dirs.iter().rev().filter(|dir| dir.is_dir()) {
                    found = find_in_folder(dir, slug)?;
                    if found.is_some() {
                        break;
                    }
                }
                found.or_else(|| builtin_topic(slug))
            }
        };
        let Some(Ok(mut topic)) = found else {
            return Ok(found);
        };
        for dir in self.folders() {
            let patch = dir.join(format!("{slug}{PATCH_SUFFIX}"));
            if patch.is_file() {
                if let Err(problem) = apply_patch(&mut topic, &patch) {
                    return Ok(Some(Err(problem)));
                }
            }
        }
        Ok(Some(Ok(topic)))
    }

    /// Reads every topic, in slug order, and keeps apart the files that could not be
    /// used. One bad file gives one problem and never stops the others from loading.
    pub fn load_all(&self) -> anyhow::Result<Gathered<Topic>> {
        Ok(self.parse_all(self.read_folders()?))
    }

    /// Lists each of [`ContentSource::folders`]: `None` for one that does not exist, which
    /// is an error only for `--content-dir`.
    fn read_folders(&self) -> anyhow::Result<Vec<Option<Folder>>> {
        if let ContentSource::Dir(dir) = self {
            check_dir(dir)?;
        }
        self.folders()
            .iter()
            .map(|dir| dir.is_dir().then(|| read_folder(dir)).transpose())
            .collect()
    }

    fn has_built_in_topics(&self) -> bool {
        matches!(self, ContentSource::BuiltIn | ContentSource::Layered(_))
    }

    /// Parses every topic in the listed folders, layered on the built-in ones, and applies
    /// the patches.
    fn parse_all(&self, folders: Vec<Option<Folder>>) -> Gathered<Topic> {
        let mut topics = Layers::new();
        let mut patches: Vec<PathBuf> = Vec::new();
        if self.has_built_in_topics() {
            for (_, stored) in builtin::TOPICS {
                topics.add(Ok(decode_builtin(stored)));
            }
        }
        for folder in folders.into_iter().flatten() {
            patches.extend(folder.patches);
            for loaded in crate::parallel::map(&folder.jobs, |job| job.run(&folder.dir)) {
                topics.add(loaded);
            }
        }
        let mut gathered = topics.into_sorted();
        for patch in &patches {
            let slug = patch_slug(patch);
            match gathered.topics.iter_mut().find(|t| t.slug == slug) {
                Some(topic) => {
                    if let Err(problem) = apply_patch(topic, patch) {
                        gathered.problems.push(problem);
                    }
                }
                None => gathered.problems.push(TopicError {
                    file: shown(patch),
                    line: None,
                    message: format!("a patch for `{slug}`, but there is no such topic"),
                }),
            }
        }
        gathered
    }

    /// The index of each of [`ContentSource::folders`], for [`Self::load_entries`]: with
    /// search units for `search`, or without for `list`.
    pub fn indexes(&self, with_units: bool) -> Indexes {
        Indexes {
            with_units,
            folders: self
                .folders()
                .iter()
                .map(|dir| Index::new(dir, with_units))
                .collect(),
        }
    }

    /// What `list` and `search` need of every topic, with the same topics, order and
    /// errors as [`Self::load_all`]. Files whose index entries are still good are not
    /// read; the others are, and the index is brought up to date.
    /// Entries carry search units if the indexes do.
    pub fn load_entries<'a>(&self, indexes: &'a Indexes) -> anyhow::Result<Gathered<Entry<'a>>> {
        let with_units = indexes.with_units;
        let (folders, known) = std::thread::scope(|scope| {
            // Listing a big folder mostly waits on the file system: the indexes are read
            // and decoded meanwhile.
            let listing = scope.spawn(|| self.read_folders());
            let known: Vec<Known> = indexes.folders.iter().map(Index::known).collect();
            let folders = listing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (folders, known)
        });
        let folders = folders?;
        if folders.iter().flatten().any(|f| !f.patches.is_empty()) {
            // A patch changes sections after they are parsed, and the index keeps none.
            let gathered = self.parse_all(folders);
            return Ok(Gathered {
                topics: gathered
                    .topics
                    .iter()
                    .map(|topic| entry_of(topic, with_units))
                    .collect(),
                problems: gathered.problems,
            });
        }
        let mut entries = Layers::new();
        if self.has_built_in_topics() {
            for (_, stored) in builtin::TOPICS {
                entries.add(Ok(entry_of(&decode_builtin(stored), with_units)));
            }
        }
        for ((folder, index), known) in folders.iter().zip(&indexes.folders).zip(known) {
            if let Some(folder) = folder {
                folder_entries(folder, index, known, &mut entries);
            }
        }
        Ok(entries.into_sorted())
    }

    /// The folders on disk this source reads, in order: later ones take precedence.
    pub fn folders(&self) -> &[PathBuf] {
        match self {
            ContentSource::BuiltIn => &[],
            ContentSource::Dir(dir) => std::slice::from_ref(dir),
            ContentSource::Layered(dirs) => dirs,
        }
    }
}

/// Topics gathered layer by layer: one from a later folder replaces the one of the same
/// slug before it. Files that could not be used are kept apart, in the order met.
struct Layers<T> {
    items: Vec<T>,
    problems: Vec<TopicError>,
}

impl<T: Named> Layers<T> {
    fn new() -> Layers<T> {
        Layers {
            items: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn add(&mut self, loaded: Result<T, TopicError>) {
        match loaded {
            Ok(item) => self.items.push(item),
            Err(problem) => self.problems.push(problem),
        }
    }

    /// The topics in slug order, each slug's last one only, and the problems.
    fn into_sorted(mut self) -> Gathered<T> {
        // A stable sort keeps topics of the same slug in the order they were added.
        self.items.sort_by(|a, b| a.slug().cmp(b.slug()));
        self.items.dedup_by(|later, kept| {
            let same = later.slug() == kept.slug();
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Gathered {
            topics: self.items,
            problems: self.problems,
        }
    }
}

/// Topics or entries in slug order, and the files that could not be used, in the order
/// met.
pub struct Gathered<T> {
    pub topics: Vec<T>,
    pub problems: Vec<TopicError>,
}

impl<T> Gathered<T> {
    /// The topics, then the problems.
    pub fn into_results(self) -> Vec<Result<T, TopicError>> {
        let mut all = Vec::with_capacity(self.topics.len() + self.problems.len());
        all.extend(self.topics.into_iter().map(Ok));
        all.extend(self.problems.into_iter().map(Err));
        all
    }
}

/// The stored index of each folder of a source.
pub struct Indexes {
    with_units: bool,
    folders: Vec<Index>,
}

fn entry_of(topic: &Topic, with_units: bool) -> Entry<'static> {
    let units = if with_units {
        crate::search::units(topic)
    } else {
        String::new()
    };
    Entry::new(topic, units)
}

/// How many bytes of stored units are read at a time: enough to make each read cheap,
/// few enough to stay in the processor's cache.
const UNITS_BATCH_BYTES: usize = 1 << 20;

/// Runs `work` over each entry's search units, giving the results in the entries' order.
/// Units the index keeps are read from its file in batches, on every core; units that
/// cannot be read are made again from the topic file.
pub fn with_units<R: Send>(entries: &[&Entry], work: impl Fn(&Entry, &str) -> R + Sync) -> Vec<R> {
    let mut results: Vec<Option<R>> = entries.iter().map(|_| None).collect();
    let mut stored: Vec<(usize, &StoredUnits)> = Vec::new();
    for (at, entry) in entries.iter().enumerate() {
        match &entry.units {
            Units::Text(text) => results[at] = Some(work(entry, text)),
            Units::Stored(units) => stored.push((at, units)),
        }
    }
    // Units that lie one after another in the same file are read together.
    let mut batches: Vec<&[(usize, &StoredUnits)]> = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (end, (_, units)) in stored.iter().enumerate() {
        let joins = end > start
            && stored[end - 1].1.followed_by(units)
            && bytes + units.byte_len() <= UNITS_BATCH_BYTES;
        if !joins && end > start {
            batches.push(&stored[start..end]);
            start = end;
            bytes = 0;
        }
        bytes += units.byte_len();
    }
    if start < stored.len() {
        batches.push(&stored[start..]);
    }
    let searched = crate::parallel::map_with(&batches, 1, Vec::new, |buffer, batch| {
        let (_, first) = batch[0];
        let len = batch.iter().map(|(_, units)| units.byte_len()).sum();
        let read = first.read_run(len, buffer).is_ok();
        let mut offset = 0;
        let mut results = Vec::with_capacity(batch.len());
        for &(at, units) in batch.iter() {
            let bytes = &buffer[offset..offset + units.byte_len()];
            offset += units.byte_len();
            let result = match std::str::from_utf8(bytes) {
                Ok(text) if read => work(entries[at], text),
                _ => work(entries[at], &units_again(units)),
            };
            results.push((at, result));
        }
        results
    });
    for (at, result) in searched.into_iter().flatten() {
        results[at] = Some(result);
    }
    results
        .into_iter()
        .map(|result| result.expect("every entry's units were searched"))
        .collect()
}

/// Units made again from the topic file, for when the index's copy cannot be read. A file
/// that no longer parses has none.
fn units_again(units: &StoredUnits) -> String {
    let (path, name) = units.topic_file();
    load_named(&path, name)
        .map(|topic| crate::search::units(&topic))
        .unwrap_or_default()
}

/// The entries of one folder's files: from the index where it is still good, otherwise
/// parsed (on every core), after which the index is written again.
fn folder_entries<'a>(
    folder: &Folder,
    index: &Index,
    mut known: Known<'a>,
    entries: &mut Layers<Entry<'a>>,
) {
    let started = SystemTime::now();
    let jobs = &folder.jobs;
    // Where each file's result is in the index, if it is still good there.
    let stored: Vec<Option<usize>> = jobs
        .iter()
        .map(|job| match job {
            Job::Load(TopicFile {
                name,
                stamp: Some(stamp),
                ..
            }) => known.find(name, *stamp),
            _ => None,
        })
        .collect();
    let missing: Vec<&Job> = jobs
        .iter()
        .zip(&stored)
        .filter(|(job, at)| at.is_none() && matches!(job, Job::Load(_)))
        .map(|(job, _)| job)
        .collect();
    let fresh = crate::parallel::map(&missing, |job| match job.run(&folder.dir) {
        Ok(topic) => Parsed::Topic(entry_of(&topic, index.with_units())),
        Err(problem) => Parsed::Error(problem.line, problem.message),
    });
    if !fresh.is_empty() || !known.all_found() {
        let mut fresh = fresh.iter();
        let files: Vec<(&str, Stamp, &Parsed)> = jobs
            .iter()
            .zip(&stored)
            .filter_map(|(job, at)| {
                let Job::Load(TopicFile { name, stamp, .. }) = job else {
                    return None;
                };
                let parsed = match at {
                    Some(at) => known.get(*at),
                    None => fresh.next().expect("every file not found was parsed"),
                };
                // A file whose stamp could not be taken is read again next time.
                Some((name.as_str(), (*stamp)?, parsed))
            })
            .collect();
        crate::index::write(index, &files, started);
    }
    let mut fresh = fresh.into_iter();
    // The files of one folder all have the folder's origin: it is worked out once.
    let mut origin: Option<Arc<str>> = None;
    for (job, at) in jobs.iter().zip(stored) {
        let file = match job {
            Job::Load(file) => file,
            Job::Refused(error) => {
                entries.add(Err(error.clone()));
                continue;
            }
        };
        let parsed = match at {
            Some(at) => known.take(at),
            None => fresh.next().expect("every file is either found or parsed"),
        };
        entries.add(match parsed {
            Parsed::Topic(mut entry) => {
                entry.origin = Arc::clone(
                    origin.get_or_insert_with(|| origin_of(&shown(&file.path(&folder.dir))).into()),
                );
                Ok(entry)
            }
            Parsed::Error(line, message) => Err(TopicError {
                file: shown(&file.path(&folder.dir)),
                line,
                message,
            }),
        });
    }
}

fn builtin_topic(slug: &str) -> Option<Loaded> {
    builtin::TOPICS
        .iter()
        .find(|(builtin_slug, _)| *builtin_slug == slug)
        .map(|(_, stored)| Ok(decode_builtin(stored)))
}

/// A built-in topic, parsed when footcare was built.
fn decode_builtin(stored: &[u8]) -> Topic {
    crate::precompiled::decode(stored).expect("build.rs checks that each stored topic decodes")
}

fn check_dir(dir: &Path) -> anyhow::Result<()> {
    if !dir.is_dir() {
        anyhow::bail!(
            "the content folder {} does not exist or is not a folder \
             (set by --content-dir or FOOTCARE_CONTENT_DIR)",
            dir.display()
        );
    }
    Ok(())
}

/// The topic file for `slug` in one folder, if there is one.
fn find_in_folder(dir: &Path, slug: &str) -> anyhow::Result<Option<Loaded>> {
    let mut found = EXTENSIONS
        .iter()
        .map(|(ext, format)| (dir.join(format!("{slug}.{ext}")), *format))
        .filter(|(path, _)| path.is_file());
    let Some((path, format)) = found.next() else {
        return Ok(None);
    };
    if let Some((other, _)) = found.next() {
        return Ok(Some(Err(clash(&path, &other))));
    }
    if links_outside(&canonical(dir)?, &path) {
        return Ok(Some(Err(outside_link(&path))));
    }
    Ok(Some(load_file(&path, slug, format)))
}

/// What one folder holds: its topic files (in file-name order) and its patch files.
struct Folder {
    dir: PathBuf,
    jobs: Vec<Job>,
    patches: Vec<PathBuf>,
}

fn read_folder(dir: &Path) -> anyhow::Result<Folder> {
    let cannot_read = || format!("cannot read the content folder {}", dir.display());
    let root = canonical(dir)?;
    // Only names that could be topics or patches are looked at further. Each name keeps
    // its place in the listing, to find what was learnt of its file once they are sorted.
    let mut names: Vec<(String, usize)> = Vec::new();
    let mut raw_names: Vec<Option<OsString>> = Vec::new();
    let mut entries: Vec<fs::DirEntry> = Vec::new();
    for entry in fs::read_dir(dir).with_context(cannot_read)? {
        let entry = entry.with_context(cannot_read)?;
        let (name, raw_name) = match entry.file_name().into_string() {
            Ok(name) => (name, None),
            Err(raw) => (raw.to_string_lossy().into_owned(), Some(raw)),
        };
        if !name.starts_with('.')
            && (name.ends_with(PATCH_SUFFIX) || topic_file_name(&name).is_some())
        {
            names.push((name, entries.len()));
            raw_names.push(raw_name);
            entries.push(entry);
        }
    }
    // In a big folder, sorting the names and asking for each file's metadata are most of
    // the work: they run at the same time, spread over the cores.
    let kinds = std::thread::scope(|scope| {
        // Sorted with their places, names the lossy conversion made equal keep the
        // listing's order.
        scope.spawn(|| names.sort_unstable());
        crate::parallel::map(&entries, |entry| {
            // The directory listing knows most files' types; a link is followed to see.
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            let meta = if is_link {
                fs::metadata(entry.path())
            } else {
                entry.metadata()
            };
            // Only regular files: reading a FIFO or a device could block forever.
            meta.ok()
                .filter(fs::Metadata::is_file)
                .map(|meta| (Stamp::of(&meta), is_link))
        })
    });
    // The entries hold the directory open.
    drop(entries);
    let mut topic_files = Vec::with_capacity(names.len());
    let mut patches = Vec::new();
    for (name, at) in names {
        let Some((stamp, is_link)) = kinds[at] else {
            continue;
        };
        let file = TopicFile {
            name,
            raw_name: raw_names[at].take(),
            stamp,
        };
        if !file.name.ends_with(PATCH_SUFFIX) {
            topic_files.push((file, is_link));
            continue;
        }
        let path = file.path(dir);
        if !(is_link && links_outside(&root, &path)) {
            patches.push(path);
        }
    }
    let mut refusals = refusals(&topic_files, dir, &root).into_iter().peekable();
    let jobs = (topic_files.into_iter().enumerate())
        .map(
            |(at, (file, _))| match refusals.next_if(|(refused, _)| *refused == at) {
                Some((_, refusal)) => Job::Refused(refusal),
                None => Job::Load(file),
            },
        )
        .collect();
    Ok(Folder {
        dir: dir.to_path_buf(),
        jobs,
        patches,
    })
}

/// The topic files of folder `dir` that are refused, by their place in `files` (in name
/// order, each with whether it is a link): a link that leads outside the folder, and a
/// file whose slug an earlier file already has.
fn refusals(files: &[(TopicFile, bool)], dir: &Path, root: &Path) -> Vec<(usize, TopicError)> {
    let mut refusals = Vec::new();
    let mut first_of_slug: HashMap<&str, &TopicFile> = HashMap::with_capacity(files.len());
    for (at, (file, is_link)) in files.iter().enumerate() {
        if *is_link && links_outside(root, &file.path(dir)) {
            refusals.push((at, outside_link(&file.path(dir))));
            continue;
        }
        match first_of_slug.entry(slug_of(&file.name)) {
            hash_map::Entry::Occupied(first) => {
                refusals.push((at, clash(&first.get().path(dir), &file.path(dir))));
            }
            hash_map::Entry::Vacant(slot) => {
                slot.insert(file);
            }
        }
    }
    refusals
}

/// The slug of a topic file's name.
fn slug_of(name: &str) -> &str {
    topic_file_name(name).map_or(name, |(slug, _)| slug)
}

fn patch_slug(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.strip_suffix(PATCH_SUFFIX).unwrap_or(&name).to_string()
}

/// Adds a patch file's sections to a topic: each to the end of the section with the same
/// key, or as a new section where the topic has none.
fn apply_patch(topic: &mut Topic, path: &Path) -> Result<(), TopicError> {
    let (file, text) = read_text(path)?;
    for addition in parse_patch(&file, &text)? {
        match topic.sections.iter_mut().find(|s| s.key == addition.key) {
            Some(section) => section.append_markdown(&addition.markdown),
            None => topic.sections.push(addition),
        }
    }
    Ok(())
}

/// One file of a folder to load, or why it is not loaded.
enum Job {
    Load(TopicFile),
    Refused(TopicError),
}

impl Job {
    /// Loads the file from the folder `dir`.
    fn run(&self, dir: &Path) -> Loaded {
        match self {
            Job::Load(file) => load_named(&file.path(dir), &file.name),
            Job::Refused(error) => Err(error.clone()),
        }
    }
}

/// A regular file in a folder, with a name that can be a topic's or a patch's.
struct TopicFile {
    /// The slug, then the format's extension (or the patch suffix).
    name: String,
    /// The name as the file system has it, when it is not UTF-8 and `name` stands in.
    raw_name: Option<OsString>,
    /// Taken from the directory listing, before the file is read.
    stamp: Option<Stamp>,
}

impl TopicFile {
    /// Its path in its folder `dir`. Made only when needed: most files, found in the
    /// index, never need one.
    fn path(&self, dir: &Path) -> PathBuf {
        match &self.raw_name {
            Some(raw) => dir.join(raw),
            None => dir.join(&self.name),
        }
    }
}

fn canonical(dir: &Path) -> anyhow::Result<PathBuf> {
    fs::canonicalize(dir)
        .with_context(|| format!("cannot read the content folder {}", dir.display()))
}

/// Whether `path` is a symbolic link that leads out of the folder `root`. Such links are
/// not followed: a topic folder must not become a way to print any file on the machine.
fn links_outside(root: &Path, path: &Path) -> bool {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    is_link && fs::canonicalize(path).map_or(true, |target| !target.starts_with(root))
}

fn outside_link(path: &Path) -> TopicError {
    TopicError {
        file: shown(path),
        line: None,
        message: "a link to a file outside the content folder, which footcare does not follow"
            .to_string(),
    }
}

/// A path as messages show it: file names are content too, and may hold control characters.
fn shown(path: &Path) -> String {
    sanitize(&path.to_string_lossy()).into_owned()
}

fn clash(first: &Path, second: &Path) -> TopicError {
    TopicError {
        file: shown(second),
        line: None,
        message: format!(
            "{} defines the same topic; keep one of the two files",
            shown(first)
        ),
    }
}

/// Loads a topic file whose name gives its slug and format.
fn load_named(path: &Path, name: &str) -> Loaded {
    match topic_file_name(name) {
        Some((slug, format)) => load_file(path, slug, format),
        None => Err(TopicError {
            file: shown(path),
            line: None,
            message: "not a topic file".to_string(),
        }),
    }
}

fn load_file(path: &Path, slug: &str, format: FileFormat) -> Loaded {
    let (file, text) = read_text(path)?;
    parse_topic(&file, slug, format, &text)
}

/// A file's name as messages show it, and its text.
fn read_text(path: &Path) -> Result<(String, String), TopicError> {
    let file = shown(path);
    match read_limited(path) {
        Ok(text) => Ok((file, text)),
        Err((line, message)) => Err(TopicError {
            file,
            line,
            message,
        }),
    }
}

/// Reads a file as UTF-8, refusing it without reading it whole if it is over the limit.
/// An error carries the line where that is known.
fn read_limited(path: &Path) -> Result<String, (Option<usize>, String)> {
    let file =
        fs::File::open(path).map_err(|e| (None, format!("cannot open: {}", io_reason(&e))))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| (None, format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err((
            None,
            format!(
                "larger than {} KiB, the limit for a topic file",
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        (
            Some(line),
            "not UTF-8 text: save the file with UTF-8 encoding".to_string(),
        )
    })
}

fn io_reason(error: &io::Error) -> String {
    crate::output::without_os_error_code(&error.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_located_blocks;
    use crate::render::{render_plain, topic_blocks};
    use crate::topic::{SectionKey, BUILT_IN_PREFIX};

    #[test]
    fn each_built_in_topic_is_stored_as_its_file_parses() {
        assert_eq!(builtin::SOURCES.len(), builtin::TOPICS.len());
        for (name, text) in builtin::SOURCES {
            let (slug, format) = topic_file_name(name).unwrap();
            let file = format!("{BUILT_IN_PREFIX}{name}");
            let mut parsed = parse_topic(&file, slug, format, text).unwrap();
            for section in &mut parsed.sections {
                section.precompiled = Some(to_located_blocks(&section.markdown));
            }
            let Some(Ok(stored)) = builtin_topic(slug) else {
                panic!("{slug} is not stored");
            };
            assert_eq!(stored, parsed, "{name}");
        }
    }

    #[test]
    fn a_patch_on_a_built_in_topic_is_shown_searched_and_checked_with_its_text() {
        let clinic = tempfile::tempdir().unwrap();
        fs::write(
            clinic.path().join("plantar-fascia-release.patch.md"),
            "## Risks\n\n- A risk only our clinic lists.\n",
        )
        .unwrap();
        let source = ContentSource::Layered(vec![clinic.path().to_path_buf()]);
        let one = source.load("plantar-fascia-release").unwrap().unwrap();
        let all = source.load_all().unwrap();
        let from_all = all
            .topics
            .iter()
            .find(|t| t.slug == "plantar-fascia-release");
        for topic in [one.as_ref().ok(), from_all] {
            let topic = topic.unwrap();
            let risks = render_plain(&topic_blocks(topic, &[SectionKey::Risks], false));
            assert!(
                risks.ends_with("- A risk only our clinic lists.\n"),
                "{risks}"
            );
            assert!(crate::search::units(topic).contains("A risk only our clinic lists."));
            // check and every other reader take a section's blocks from here.
            for section in &topic.sections {
                assert_eq!(*section.blocks(), to_located_blocks(&section.markdown));
            }
        }
    }
}
