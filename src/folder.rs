//! Reading one topic folder safely: which of its files can be topics or patches, and their
//! text. Links that lead out of the folder, files that are not regular files, files over
//! the size limit and text that is not UTF-8 are dealt with here, the same way whichever
//! command asks and however it finds the file.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::clinic::PROFILE_FILE;
use crate::lang::Lang;
use crate::parse::{split_lang, topic_file_name, FileFormat, EXTENSIONS};
use crate::picture::{Picture, MAX_PICTURE_BYTES};
use crate::sanitize::{sanitize_name, without_os_error_code};
use crate::topic::TopicError;

/// A topic file larger than this is refused unread: real topics are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A file name ending that holds additions to another topic's sections.
pub const PATCH_SUFFIX: &str = ".patch.md";

/// What a file holds, going by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Topic(FileFormat),
    Patch,
}

/// A regular file in a folder whose name makes it a topic or a patch.
#[derive(Debug, Clone)]
pub struct FolderFile {
    /// The slug its name gives. A name that is not UTF-8 gives no usable slug, which the
    /// parser reports.
    pub slug: String,
    /// The language its name gives: English unless it ends like `.es.md`.
    pub lang: Lang,
    pub role: Role,
    pub path: PathBuf,
    /// Why the file is not read, when it is not: a link out of the folder, or a second
    /// topic file for one slug.
    pub refused: Option<TopicError>,
}

impl FolderFile {
    /// Its name as messages show it.
    pub fn shown(&self) -> String {
        shown(&self.path)
    }

    /// Its text, if it is a file footcare reads.
    pub fn read(&self) -> Result<String, TopicError> {
        if let Some(refusal) = &self.refused {
            return Err(refusal.clone());
        }
        read_limited(&self.path)
            .map_err(|(line, message)| TopicError::new(self.shown(), line, message))
    }
}

/// A folder that could be listed.
pub struct Folder {
    dir: PathBuf,
    /// Where it really is, to tell which links stay inside it.
    root: PathBuf,
}

impl Folder {
    /// Opens `dir`, or says why it cannot be read. An empty path is the current folder,
    /// whose files are then shown by their bare names, as they were typed.
    pub fn open(dir: &Path) -> io::Result<Folder> {
        let listed = listed(dir);
        // Opening the listing proves that it can be read, without reading an entry.
        fs::read_dir(listed)?;
        Ok(Folder {
            dir: dir.to_path_buf(),
            root: fs::canonicalize(listed)?,
        })
    }

    /// Every file that can be a topic or a patch, in file-name order.
    pub fn files(&self) -> io::Result<Vec<FolderFile>> {
        let mut names: Vec<(String, OsString, fs::FileType)> = Vec::new();
        for entry in fs::read_dir(listed(&self.dir))? {
            let entry = entry?;
            let name = entry.file_name();
            let lossy = name.to_string_lossy().into_owned();
            if is_candidate(&lossy) {
                // The listing knows most files' types, which saves asking each file.
                if let Ok(file_type) = entry.file_type() {
                    names.push((lossy, name, file_type));
                }
            }
        }
        // Stable: names that read the same once made UTF-8 keep the listing's order.
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let files = names
            .into_iter()
            .filter_map(|(lossy, name, file_type)| self.file(lossy, &name, file_type))
            .collect();
        Ok(refuse_second_files(files))
    }

    /// The files for `slug`, in every language, that [`Folder::files`] would list, without
    /// listing the folder.
    pub fn files_for(&self, slug: &str) -> Vec<FolderFile> {
        let stems = Lang::ALL.map(|lang| page_stem(slug, lang));
        let names = stems.iter().flat_map(|stem| {
            (EXTENSIONS
                .iter()
                .map(move |(ext, _)| format!("{stem}.{ext}")))
            .chain([format!("{stem}{PATCH_SUFFIX}")])
        });
        let files = names
            .filter(|name| is_candidate(name))
            .filter_map(|name| {
                let file_type = fs::symlink_metadata(self.dir.join(&name)).ok()?.file_type();
                self.file(name.clone(), OsStr::new(&name), file_type)
            })
            .collect();
        refuse_second_files(files)
    }

    /// The file `name`, of type `file_type` (a link is not followed for it), if it is a
    /// regular file or a link to one: reading a FIFO or a device could block forever.
    fn file(&self, lossy: String, name: &OsStr, file_type: fs::FileType) -> Option<FolderFile> {
        let path = self.dir.join(name);
        let is_link = file_type.is_symlink();
        let is_file = match is_link {
            true => fs::metadata(&path).is_ok_and(|meta| meta.is_file()),
            false => file_type.is_file(),
        };
        if !is_file {
            return None;
        }
        let (slug, lang, role) = name_role(&lossy)?;
        let slug = slug.to_string();
        let refused = (is_link && links_outside(&self.root, &path)).then(|| {
            TopicError::new(
                shown(&path),
                None,
                "a link to a file outside the content folder, which footcare does not follow",
            )
        });
        Some(FolderFile {
            slug,
            lang,
            role,
            path,
            refused,
        })
    }
}

/// The name of the file of `slug`'s page in `lang`, without its extension: `calf-strain`
/// for the original, `calf-strain.es` for its Spanish page.
pub fn page_stem(slug: &str, lang: Lang) -> String {
    match lang {
        Lang::En => slug.to_string(),
        _ => format!("{slug}.{lang}"),
    }
}

/// The name of the patch of `slug`'s page in `lang`.
pub fn patch_name(slug: &str, lang: Lang) -> String {
    format!("{}{PATCH_SUFFIX}", page_stem(slug, lang))
}

/// The slug and language a file name gives, and whether it names a topic or a patch.
pub fn name_role(name: &str) -> Option<(&str, Lang, Role)> {
    match name.strip_suffix(PATCH_SUFFIX) {
        Some(stem) => {
            let (slug, lang) = split_lang(stem);
            Some((slug, lang, Role::Patch))
        }
        None => topic_file_name(name).map(|name| (name.slug, name.lang, Role::Topic(name.format))),
    }
}

/// Whether anything is at `path`, a link that leads nowhere too.
pub fn is_there(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Whether a name, by itself, can be a topic's or a patch's. The clinic profile, though
/// a YAML file, is never a topic.
pub fn is_candidate(name: &str) -> bool {
    !name.starts_with('.')
        && name != PROFILE_FILE
        && (name.ends_with(PATCH_SUFFIX) || topic_file_name(name).is_some())
}

/// Refuses each topic file whose slug and language an earlier topic file of the folder
/// already has.
fn refuse_second_files(mut files: Vec<FolderFile>) -> Vec<FolderFile> {
    // Each slug's first usable topic file in each language, by its place in `files`.
    let mut first_of_slug: HashMap<(String, Lang), usize> = HashMap::new();
    for at in 0..files.len() {
        if files[at].role == Role::Patch || files[at].refused.is_some() {
            continue;
        }
        let page = (files[at].slug.clone(), files[at].lang);
        match first_of_slug.get(&page) {
            Some(&first) => {
                let message = format!(
                    "{} defines the same topic; keep one of the two files",
                    files[first].shown()
                );
                files[at].refused = Some(TopicError::new(files[at].shown(), None, message));
            }
            None => {
                first_of_slug.insert(page, at);
            }
        }
    }
    files
}

/// What a folder is, whichever way it is written: `A`, `./A` and a link to `A` are one.
pub fn identity(dir: &Path) -> PathBuf {
    fs::canonicalize(listed(dir)).unwrap_or_else(|_| dir.to_path_buf())
}

/// The folder to list for `dir`: the current one for an empty path.
pub fn listed(dir: &Path) -> &Path {
    match dir.as_os_str().is_empty() {
        true => Path::new("."),
        false => dir,
    }
}

/// A path as messages show it: file names are content too, and may hold control
/// characters or line breaks.
pub fn shown(path: &Path) -> String {
    sanitize_name(&path.to_string_lossy()).into_owned()
}

/// Whether `path`, a symbolic link, leads out of the folder `root`. Such links are not
/// followed: a topic folder must not become a way to print any file on the machine.
/// Whether `path`, a file in the folder `dir`, is a link that leads out of it.
pub fn links_out_of(dir: &Path, path: &Path) -> bool {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|meta| meta.file_type().is_symlink());
    is_link && fs::canonicalize(listed(dir)).is_ok_and(|root| links_outside(&root, path))
}

fn links_outside(root: &Path, path: &Path) -> bool {
    fs::canonicalize(path).map_or(true, |target| !target.starts_with(root))
}

/// Reads a file as UTF-8, refusing it without reading it whole if it is over the limit.
/// An error carries the line where that is known.
fn read_limited(path: &Path) -> Result<String, (Option<usize>, String)> {
    read_text_limited(path, "a topic file")
}

/// [`read_limited`] for a file of the kind `what` names.
fn read_text_limited(path: &Path, what: &str) -> Result<String, (Option<usize>, String)> {
    let bytes = read_bytes_limited(path, MAX_FILE_BYTES, what).map_err(|e| (None, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        (
            Some(line),
            "not UTF-8 text: save the file with UTF-8 encoding".to_string(),
        )
    })
}

/// Reads a regular file of at most `limit` bytes, refusing a larger one without reading it
/// whole; `what` names the kind of file in the message.
fn read_bytes_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, String> {
    // Not blocking: should the file have become a FIFO since it was listed, opening it
    // must not wait for a writer.
    let file = fs::File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
    let size = match file.metadata() {
        Ok(meta) if meta.is_file() => meta.len(),
        _ => return Err("not a regular file".to_string()),
    };
    // Room for the whole file, and a byte more to see that it did not grow past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit) + 1).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "larger than {} KiB, the limit for {what}",
            limit / 1024
        ));
    }
    Ok(bytes)
}

/// Reads a file that is not in a topic folder's listing, such as a clinic profile, with
/// the same limits as a topic file.
pub fn read_text_file(path: &Path, what: &str) -> Result<String, TopicError> {
    read_text_limited(path, what)
        .map_err(|(line, message)| TopicError::new(shown(path), line, message))
}

/// Reads the picture at `written`, a path from the folder `dir` of the file that names it.
/// With `inside`, the picture must stay in `dir`: no absolute path, and no `..` or link
/// that leads out of it.
pub fn read_picture(dir: &Path, written: &str, inside: bool) -> Result<Picture, String> {
    let relative = Path::new(written);
    if inside
        && (relative.is_absolute()
            || relative
                .components()
                .any(|part| matches!(part, std::path::Component::ParentDir)))
    {
        return Err(
            "outside the topic's folder: keep pictures in the folder, or in a folder \
             inside it"
                .to_string(),
        );
    }
    let path = dir.join(relative);
    if !path.exists() {
        return Err(format!("no such file (looked for {})", shown(&path)));
    }
    if inside {
        let root = fs::canonicalize(listed(dir)).map_err(|e| io_reason(&e))?;
        if links_outside(&root, &path) {
            return Err(
                "a link to a file outside the topic's folder, which footcare does not \
                 follow"
                    .to_string(),
            );
        }
    }
    let bytes = read_bytes_limited(&path, MAX_PICTURE_BYTES, "a picture").map_err(|e| {
        match e.starts_with("larger than") {
            true => format!("{e}: make it smaller"),
            false => e,
        }
    })?;
    Picture::from_bytes(written, bytes)
}

/// An I/O error as a reader should see it.
pub fn io_reason(error: &io::Error) -> String {
    without_os_error_code(&error.to_string()).to_string()
}
