//! Where topics come from: the built-in folder compiled into the binary, or a folder on disk.
//! This is the only module that reads topic files.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::parse::{is_valid_slug, parse_topic, topic_file_name, FileFormat, EXTENSIONS};
use crate::sanitize::sanitize;
use crate::topic::{Topic, TopicError};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_topics.rs"));
}

/// A topic file larger than this is refused unread: real topics are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The folder topics are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    /// The `content/` folder as it was when footcare was built.
    BuiltIn,
    Dir(PathBuf),
}

/// A parsed topic, or why its file could not be used.
pub type Loaded = Result<Topic, TopicError>;

impl ContentSource {
    /// Reads only the file for `slug`, without listing the folder, or `None` if there is
    /// none. A slug that is not a plain name never reaches the file system.
    pub fn load(&self, slug: &str) -> anyhow::Result<Option<Loaded>> {
        if !is_valid_slug(slug) {
            return Ok(None);
        }
        match self {
            ContentSource::BuiltIn => Ok(builtin::TOPICS
                .iter()
                .find(|(name, _)| topic_file_name(name).is_some_and(|(stem, _)| stem == slug))
                .map(|(name, text)| parse_builtin(name, text))),
            ContentSource::Dir(dir) => {
                self.check_dir()?;
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
        }
    }

    /// Reads every topic file, in file-name order. One bad file gives one error in the
    /// list and never stops the others from loading.
    pub fn load_all(&self) -> anyhow::Result<Vec<Loaded>> {
        match self {
            ContentSource::BuiltIn => Ok(builtin::TOPICS
                .iter()
                .map(|(name, text)| parse_builtin(name, text))
                .collect()),
            ContentSource::Dir(dir) => {
                self.check_dir()?;
                let entries = fs::read_dir(dir)
                    .with_context(|| format!("cannot read the content folder {}", dir.display()))?;
                let mut files: Vec<(String, PathBuf)> = Vec::new();
                for entry in entries {
                    let entry = entry.with_context(|| {
                        format!("cannot read the content folder {}", dir.display())
                    })?;
                    let name = entry.file_name().to_string_lossy().into_owned();
                    // Only regular files: reading a FIFO or a device could block forever.
                    if !name.starts_with('.')
                        && topic_file_name(&name).is_some()
                        && entry.path().is_file()
                    {
                        files.push((name, entry.path()));
                    }
                }
                files.sort();
                let root = canonical(dir)?;
                let mut seen: HashMap<&str, &Path> = HashMap::with_capacity(files.len());
                let mut jobs: Vec<Job> = Vec::with_capacity(files.len());
                for (name, path) in &files {
                    let Some((slug, format)) = topic_file_name(name) else {
                        continue;
                    };
                    if links_outside(&root, path) {
                        jobs.push(Job::Refused(outside_link(path)));
                        continue;
                    }
                    match seen.get(slug) {
                        Some(first) => jobs.push(Job::Refused(clash(first, path))),
                        None => {
                            seen.insert(slug, path);
                            jobs.push(Job::Load(path, slug, format));
                        }
                    }
                }
                Ok(crate::parallel::map(&jobs, Job::run))
            }
        }
    }

    fn check_dir(&self) -> anyhow::Result<()> {
        if let ContentSource::Dir(dir) = self {
            if !dir.is_dir() {
                anyhow::bail!(
                    "the content folder {} does not exist or is not a folder \
                     (set by --content-dir or FOOTCARE_CONTENT_DIR)",
                    dir.display()
                );
            }
        }
        Ok(())
    }
}

/// One file of a folder to load, or why it is not loaded.
enum Job<'a> {
    Load(&'a Path, &'a str, FileFormat),
    Refused(TopicError),
}

impl Job<'_> {
    fn run(&self) -> Loaded {
        match self {
            Job::Load(path, slug, format) => load_file(path, slug, *format),
            Job::Refused(error) => Err(error.clone()),
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
    sanitize(&path.display().to_string()).into_owned()
}

fn parse_builtin(name: &str, text: &str) -> Loaded {
    let file = format!("<built-in>/{name}");
    match topic_file_name(name) {
        Some((slug, format)) => parse_topic(&file, slug, format, text),
        None => Err(TopicError {
            file,
            line: None,
            message: "not a topic file".to_string(),
        }),
    }
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

fn load_file(path: &Path, slug: &str, format: FileFormat) -> Loaded {
    let file = shown(path);
    let text = read_limited(path).map_err(|(line, message)| TopicError {
        file: file.clone(),
        line,
        message,
    })?;
    parse_topic(&file, slug, format, &text)
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
