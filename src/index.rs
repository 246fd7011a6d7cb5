//! An index of each topic folder, kept in `$XDG_CACHE_HOME/footcare`, so that `list` and
//! `search` need not parse every file on every run.
//!
//! The index holds, for each topic file, what `list` and `search` need of it (an
//! [`Entry`], or the error the file gave) and the file's stamp: its size, modification
//! and change times and inode. A stored entry is used only while the file's stamp is the
//! same, and only if the file was last changed well before the entry was stored, so an
//! edit in the same clock tick as a read cannot go unseen. Anything unreadable is simply
//! not used: the files are read instead, and the index is written again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::binary::{put_str, put_strings, put_u128, put_u64, Reader};
use crate::topic::{Entry, Kind};

const MAGIC: &[u8] = b"footcare index 1\n";

/// A file changed this recently may change again within the same clock tick without its
/// stamp changing, so its entry is not trusted on the next run.
const SETTLE: Duration = Duration::from_secs(2);

/// Size, modification time, change time and inode. The change time moves on every
/// write, and nobody can set it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        Some(Stamp {
            len: meta.len(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_meta: &fs::Metadata) -> Option<Stamp> {
        None
    }

    /// Whether the file was last changed at least [`SETTLE`] before `moment`.
    fn settled_before(&self, moment: SystemTime) -> bool {
        let moment = moment
            .checked_sub(SETTLE)
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        self.modified_ns.max(self.changed_ns) < moment
    }
}

/// What a topic file gave when it was parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed<'a> {
    Topic(Entry<'a>),
    /// A file that is not a usable topic: the error's line and message.
    Error(Option<usize>, String),
}

/// One folder's index as read from the cache: the file's bytes, parsed on demand.
/// `list` keeps an index without the search units, so it reads a small file.
pub struct Index {
    dir: PathBuf,
    with_units: bool,
    bytes: Vec<u8>,
}

/// What the index knows of each file, by file name.
pub struct Known<'a> {
    entries: Decoded<'a>,
}

impl Index {
    /// The stored index for `dir`, or an empty one if there is none or it cannot be read.
    pub fn read(dir: &Path, with_units: bool) -> Index {
        let bytes = index_path(dir, with_units)
            .and_then(|path| fs::read(path).ok())
            .unwrap_or_default();
        Index {
            dir: dir.to_path_buf(),
            with_units,
            bytes,
        }
    }

    /// Whether entries in this index carry search units.
    pub fn with_units(&self) -> bool {
        self.with_units
    }

    /// The entries the index holds. An index from another build of footcare, or one that
    /// does not decode, holds none.
    pub fn known(&self) -> Known<'_> {
        Known {
            entries: decode(&self.bytes).unwrap_or_default(),
        }
    }
}

impl<'a> Known<'a> {
    /// Takes the stored result for `name`, if its stamp is still `stamp` and it can be
    /// trusted. Entries never taken are for files that changed or went away.
    pub fn take(&mut self, name: &str, stamp: Stamp) -> Option<Parsed<'a>> {
        match self.entries.remove(name) {
            Some((stored, true, parsed)) if stored == stamp => Some(parsed),
            _ => None,
        }
    }

    /// Whether every entry was taken: none is left for a file that changed or went away.
    pub fn all_taken(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Writes the index for `dir`: each file's name, stamp and result. `started` is when the
/// files were first looked at. Failing to write is not an error: the index is only a
/// shortcut, and the next run reads the files again.
pub fn write(index: &Index, files: &[(&str, Stamp, &Parsed)], started: SystemTime) {
    let Some(path) = index_path(&index.dir, index.with_units) else {
        return;
    };
    let Some(folder) = path.parent() else {
        return;
    };
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(MAGIC);
    put_u64(&mut out, build_id());
    put_u64(&mut out, files.len() as u64);
    for (name, stamp, parsed) in files {
        put_str(&mut out, name);
        put_u64(&mut out, stamp.len);
        put_u128(&mut out, stamp.modified_ns as u128);
        put_u128(&mut out, stamp.changed_ns as u128);
        put_u64(&mut out, stamp.inode);
        out.push(u8::from(stamp.settled_before(started)));
        match parsed {
            Parsed::Topic(entry) => {
                out.push(0);
                for text in [&entry.slug, &entry.title, &entry.summary] {
                    put_str(&mut out, text);
                }
                out.push(match entry.kind {
                    Kind::Procedure => 0,
                    Kind::Condition => 1,
                });
                put_strings(&mut out, &entry.aliases);
                put_strings(&mut out, &entry.tags);
                put_str(&mut out, &entry.units);
            }
            Parsed::Error(line, message) => {
                out.push(1);
                put_u64(&mut out, line.map_or(0, |l| l as u64));
                put_str(&mut out, message);
            }
        }
    }
    // A whole new file, renamed into place: a reader never sees half of one.
    let temporary = folder.join(format!(
        ".{}.{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let written = fs::create_dir_all(folder)
        .and_then(|()| fs::File::create(&temporary))
        .and_then(|mut file| file.write_all(&out))
        .and_then(|()| fs::rename(&temporary, &path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
}

/// `$XDG_CACHE_HOME/footcare/FOLDER-HASH.search` (or `.list`), or under `~/.cache`.
fn index_path(dir: &Path, with_units: bool) -> Option<PathBuf> {
    let env = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let cache = env("XDG_CACHE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| env("HOME").map(|home| home.join(".cache")))?;
    let folder = fs::canonicalize(dir).ok()?;
    let mut hasher = DefaultHasher::new();
    folder.hash(&mut hasher);
    Some(cache.join("footcare").join(format!(
        "{:016x}.{}",
        hasher.finish(),
        if with_units { "search" } else { "list" }
    )))
}

/// Names this build of footcare, so an index written by another one is never used: the
/// way files are parsed may have changed.
fn build_id() -> u64 {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    if let Some(stamp) = std::env::current_exe()
        .and_then(fs::metadata)
        .ok()
        .as_ref()
        .and_then(Stamp::of)
    {
        (stamp.len, stamp.modified_ns, stamp.inode).hash(&mut hasher);
    }
    hasher.finish()
}

/// Each file's stamp, whether its entry can be trusted, and what it gave, by file name.
type Decoded<'a> = HashMap<&'a str, (Stamp, bool, Parsed<'a>)>;

fn decode(bytes: &[u8]) -> Option<Decoded<'_>> {
    let mut reader = Reader::new(bytes.strip_prefix(MAGIC)?);
    if reader.u64()? != build_id() {
        return None;
    }
    let count = reader.usize()?;
    let mut entries = HashMap::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let name = reader.str()?;
        let stamp = Stamp {
            len: reader.u64()?,
            modified_ns: reader.u128()? as i128,
            changed_ns: reader.u128()? as i128,
            inode: reader.u64()?,
        };
        let trusted = reader.byte()? == 1;
        let parsed = match reader.byte()? {
            0 => {
                let (slug, title, summary) = (reader.string()?, reader.string()?, reader.string()?);
                let kind = match reader.byte()? {
                    0 => Kind::Procedure,
                    1 => Kind::Condition,
                    _ => return None,
                };
                let aliases = reader.strings()?;
                let tags = reader.strings()?;
                Parsed::Topic(Entry {
                    slug,
                    file: String::new(),
                    title,
                    summary,
                    kind,
                    aliases,
                    tags,
                    units: Cow::Borrowed(reader.str()?),
                })
            }
            1 => {
                let line = reader.usize()?;
                Parsed::Error((line > 0).then_some(line), reader.string()?)
            }
            _ => return None,
        };
        entries.insert(name, (stamp, trusted, parsed));
    }
    reader.is_at_end().then_some(entries)
}
