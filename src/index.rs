//! An index of each topic folder, kept in `$XDG_CACHE_HOME/footcare`, so that `list` and
//! `search` need not parse every file on every run.
//!
//! The index holds, for each topic file, what `list` and `search` need of it (an
//! [`Entry`], or the error the file gave) and the file's stamp: its size, modification
//! and change times and inode. The entries come first and the search units after them,
//! so a search reads the entries whole but the units only a batch at a time, as it
//! searches them. A stored entry is used only while the file's stamp is the
//! same, and only if the file was last changed well before the entry was stored, so an
//! edit in the same clock tick as a read cannot go unseen. Anything unreadable is simply
//! not used: the files are read instead, and the index is written again.

use std::borrow::Cow;
use std::fmt;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::binary::{put_list, put_str, put_u128, put_u64, Reader};
use crate::entry::{Entry, Units};
use crate::topic::Kind;

const MAGIC: &[u8] = b"footcare index 2\n";

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

/// One folder's index as read from the cache: its entries' bytes, decoded on demand, and
/// the open file its search units are read from. `list` keeps an index without units, so
/// it reads a small file.
pub struct Index {
    dir: PathBuf,
    with_units: bool,
    /// The build id, the number of files, and each file's record.
    records: Vec<u8>,
    /// Open while the index is in use: replacing the index renames a new file into place,
    /// so this one still holds the units its records point to.
    file: Option<fs::File>,
    /// Where the units begin in the file, and how long the file is.
    units_start: u64,
    file_len: u64,
}

/// Where one entry's search units lie in its folder's index file.
#[derive(Clone, Copy)]
pub struct StoredUnits<'a> {
    index: &'a Index,
    /// The topic file's name, to make the units again if they cannot be read.
    name: &'a str,
    offset: u64,
    len: usize,
}

impl StoredUnits<'_> {
    /// The topic file the units were made from.
    pub fn topic_file(&self) -> (PathBuf, &str) {
        (self.index.dir.join(self.name), self.name)
    }

    /// Whether `next` follows these units in the same file with nothing between.
    pub fn followed_by(&self, next: &StoredUnits) -> bool {
        std::ptr::eq(self.index, next.index) && self.offset + self.len as u64 == next.offset
    }

    pub fn byte_len(&self) -> usize {
        self.len
    }

    /// Reads these units and the ones that follow them, `len` bytes in all, into `buffer`.
    pub fn read_run(&self, len: usize, buffer: &mut Vec<u8>) -> io::Result<()> {
        buffer.clear();
        buffer.resize(len, 0);
        let file = self.index.file.as_ref().ok_or(io::ErrorKind::NotFound)?;
        read_exact_at(file, buffer, self.offset)
    }
}

impl fmt::Debug for StoredUnits<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} bytes of units for {} at {}",
            self.len, self.name, self.offset
        )
    }
}

impl PartialEq for StoredUnits<'_> {
    fn eq(&self, other: &StoredUnits) -> bool {
        std::ptr::eq(self.index, other.index) && self.offset == other.offset
    }
}

#[cfg(unix)]
fn read_exact_at(file: &fs::File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

/// Stamps are only taken on Unix, so elsewhere no stored entry is ever used.
#[cfg(not(unix))]
fn read_exact_at(_file: &fs::File, _buffer: &mut [u8], _offset: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// What the index knows of each file, in file-name order.
pub struct Known<'a> {
    entries: Decoded<'a>,
    /// Entries before this one were taken or passed over.
    next: usize,
    taken: usize,
}

impl Index {
    /// The stored index for `dir`, or an empty one if there is none or it cannot be read.
    pub fn read(dir: &Path, with_units: bool) -> Index {
        let mut index = Index {
            dir: dir.to_path_buf(),
            with_units,
            records: Vec::new(),
            file: None,
            units_start: 0,
            file_len: 0,
        };
        if let Some(path) = index_path(dir, with_units) {
            // Whatever cannot be read leaves the index empty.
            let _ = index.open(&path);
        }
        index
    }

    fn open(&mut self, path: &Path) -> io::Result<()> {
        let mut file = fs::File::open(path)?;
        let file_len = file.metadata()?.len();
        let mut header = [0; MAGIC.len() + 8];
        file.read_exact(&mut header)?;
        let records_len = header
            .strip_prefix(MAGIC)
            .and_then(|len| Some(u64::from_le_bytes(len.try_into().ok()?)))
            .filter(|&len| len <= file_len)
            .ok_or(io::ErrorKind::InvalidData)?;
        let mut records =
            vec![0; usize::try_from(records_len).map_err(|_| io::ErrorKind::InvalidData)?];
        file.read_exact(&mut records)?;
        self.units_start = header.len() as u64 + records_len;
        self.records = records;
        self.file_len = file_len;
        self.file = Some(file);
        Ok(())
    }

    /// Whether entries in this index carry search units.
    pub fn with_units(&self) -> bool {
        self.with_units
    }

    /// The entries the index holds. An index from another build of footcare, or one that
    /// does not decode, holds none.
    pub fn known(&self) -> Known<'_> {
        Known {
            entries: decode(self).unwrap_or_default(),
            next: 0,
            taken: 0,
        }
    }
}

impl<'a> Known<'a> {
    /// Takes the stored result for `name`, if its stamp is still `stamp` and it can be
    /// trusted. Names must be asked for in file-name order, as the index stores them.
    /// Entries never taken are for files that changed or went away.
    pub fn take(&mut self, name: &str, stamp: Stamp) -> Option<Parsed<'a>> {
        while self.entries.get(self.next)?.name < name {
            self.next += 1;
        }
        let entry = &mut self.entries[self.next];
        if entry.name != name {
            return None;
        }
        self.next += 1;
        let parsed = entry.parsed.take()?;
        if entry.trusted && entry.stamp == stamp {
            self.taken += 1;
            Some(parsed)
        } else {
            None
        }
    }

    /// Whether every entry was taken: none is left for a file that changed or went away.
    pub fn all_taken(&self) -> bool {
        self.taken == self.entries.len()
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
    let mut records = Vec::with_capacity(64 * 1024);
    put_u64(&mut records, build_id());
    put_u64(&mut records, files.len() as u64);
    for (name, stamp, parsed) in files {
        put_str(&mut records, name);
        put_u64(&mut records, stamp.len);
        put_u128(&mut records, stamp.modified_ns as u128);
        put_u128(&mut records, stamp.changed_ns as u128);
        put_u64(&mut records, stamp.inode);
        records.push(u8::from(stamp.settled_before(started)));
        match parsed {
            Parsed::Topic(entry) => {
                records.push(0);
                for text in [&entry.slug, &entry.title, &entry.summary] {
                    put_str(&mut records, text);
                }
                records.push(match entry.kind {
                    Kind::Procedure => 0,
                    Kind::Condition => 1,
                });
                for list in [&entry.aliases, &entry.tags] {
                    put_list(&mut records, list, |out, text| put_str(out, text));
                }
                let units_len = match &entry.units {
                    Units::Text(text) => text.len(),
                    Units::Stored(stored) => stored.byte_len(),
                };
                put_u64(&mut records, units_len as u64);
            }
            Parsed::Error(line, message) => {
                records.push(1);
                put_u64(&mut records, line.map_or(0, |l| l as u64));
                put_str(&mut records, message);
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
        .and_then(|file| {
            let mut out = io::BufWriter::with_capacity(1 << 20, file);
            out.write_all(MAGIC)?;
            out.write_all(&(records.len() as u64).to_le_bytes())?;
            out.write_all(&records)?;
            write_units(&mut out, files)?;
            out.into_inner().map_err(io::IntoInnerError::into_error)?;
            fs::rename(&temporary, &path)
        });
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
}

/// Writes each topic's units after the records, in the same order. Units kept from the
/// index before are copied across; if they cannot be read, no index is written.
fn write_units(out: &mut impl Write, files: &[(&str, Stamp, &Parsed)]) -> io::Result<()> {
    let mut copied = Vec::new();
    for (_, _, parsed) in files {
        match parsed {
            Parsed::Topic(Entry {
                units: Units::Text(text),
                ..
            }) => out.write_all(text.as_bytes())?,
            Parsed::Topic(Entry {
                units: Units::Stored(stored),
                ..
            }) => {
                stored.read_run(stored.byte_len(), &mut copied)?;
                out.write_all(&copied)?;
            }
            Parsed::Error(..) => {}
        }
    }
    Ok(())
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

/// One file as the index knows it.
struct Stored<'a> {
    name: &'a str,
    stamp: Stamp,
    /// Whether the file had settled when the entry was written.
    trusted: bool,
    /// What the file gave; taken out when used.
    parsed: Option<Parsed<'a>>,
}

/// The stored files, in the order they were written: by file name.
type Decoded<'a> = Vec<Stored<'a>>;

fn decode(index: &Index) -> Option<Decoded<'_>> {
    // Text is borrowed from the records, not copied.
    fn text<'a>(reader: &mut Reader<'a>) -> Option<Cow<'a, str>> {
        reader.str().map(Cow::Borrowed)
    }
    let mut reader = Reader::new(&index.records);
    if reader.u64()? != build_id() {
        return None;
    }
    let count = reader.usize()?;
    let mut entries = Vec::with_capacity(count.min(1 << 20));
    let mut offset = index.units_start;
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
                let (slug, title, summary) =
                    (text(&mut reader)?, text(&mut reader)?, text(&mut reader)?);
                let kind = match reader.byte()? {
                    0 => Kind::Procedure,
                    1 => Kind::Condition,
                    _ => return None,
                };
                let aliases = reader.list(text)?;
                let tags = reader.list(text)?;
                let len = reader.usize()?;
                let units = if len == 0 {
                    Units::Text(String::new())
                } else {
                    Units::Stored(StoredUnits {
                        index,
                        name,
                        offset,
                        len,
                    })
                };
                offset = offset.checked_add(len as u64)?;
                Parsed::Topic(Entry {
                    slug,
                    origin: String::new(),
                    title,
                    summary,
                    kind,
                    aliases,
                    tags,
                    units,
                })
            }
            1 => {
                let line = reader.usize()?;
                Parsed::Error((line > 0).then_some(line), reader.string()?)
            }
            _ => return None,
        };
        entries.push(Stored {
            name,
            stamp,
            trusted,
            parsed: Some(parsed),
        });
    }
    // Units that do not end where the file does mean a damaged file.
    (reader.is_at_end() && offset == index.file_len).then_some(entries)
}
