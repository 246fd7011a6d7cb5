//! An index of each topic folder, kept in `$XDG_CACHE_HOME/footcare`, so that `list` and
//! `search` need not parse every file on every run.
//!
//! The index holds, for each topic file, what `list` and `search` need of it (an
//! [`Entry`], or the error the file gave) and the file's stamp: its size, modification
//! and change times and inode. The entries come first (their numbers, then all their text
//! as one UTF-8 run) and the search units after them, so a search reads the entries whole
//! but the units only a batch at a time, as it searches them. A stored entry is used only
//! while the file's stamp is the same, and only if the file was last changed well before
//! the entry was stored, so an edit in the same clock tick as a read cannot go unseen.
//! Anything unreadable is simply not used: the files are read instead, and the index is
//! written again.

use std::borrow::Cow;
use std::fmt;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::binary::{put_u128, put_u64, put_usize, Reader};
use crate::entry::{Entry, Lines, Units};
use crate::topic::Kind;

const MAGIC: &[u8] = b"footcare index 3\n";

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

/// One folder's index in the cache: its entries' bytes, decoded on demand, and the open
/// file its search units are read from. The file is read when first needed, so a big
/// folder can be listed meanwhile. `list` keeps an index without units, so it reads a
/// small file.
pub struct Index {
    dir: PathBuf,
    with_units: bool,
    contents: OnceLock<Contents>,
}

/// What was read of an index file: nothing if there is none or it cannot be read.
#[derive(Default)]
struct Contents {
    /// The build id, the number of files, and each file's record; then the text of all
    /// records, one string after another.
    records: Vec<u8>,
    text_start: usize,
    /// For `search`, open while the index is in use: replacing the index renames a new
    /// file into place, so this one still holds the units its records point to.
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
        // Only new room is zeroed: the bytes kept from the last read are read over.
        buffer.resize(len, 0);
        let file = self.index.contents().file.as_ref();
        let file = file.ok_or(io::ErrorKind::NotFound)?;
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
    /// Entries before this one were found or passed over.
    next: usize,
    found: usize,
}

impl Index {
    /// The index for `dir`, with search units or without. Nothing is read yet.
    pub fn new(dir: &Path, with_units: bool) -> Index {
        Index {
            dir: dir.to_path_buf(),
            with_units,
            contents: OnceLock::new(),
        }
    }

    fn contents(&self) -> &Contents {
        self.contents.get_or_init(|| {
            // Whatever cannot be read leaves the index empty.
            index_path(&self.dir, self.with_units)
                .and_then(|path| Contents::read(&path, self.with_units).ok())
                .unwrap_or_default()
        })
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
            found: 0,
        }
    }
}

impl<'a> Known<'a> {
    /// Where the stored result for `name` is, if its stamp is still `stamp` and it can be
    /// trusted. Names must be asked for in file-name order, as the index stores them.
    /// Entries never found are for files that changed or went away.
    pub fn find(&mut self, name: &str, stamp: Stamp) -> Option<usize> {
        while self.entries.get(self.next)?.name < name {
            self.next += 1;
        }
        let at = self.next;
        let entry = &self.entries[at];
        if entry.name != name {
            return None;
        }
        self.next += 1;
        (entry.trusted && entry.stamp == stamp).then(|| {
            self.found += 1;
            at
        })
    }

    /// The result [`Self::find`] found at `at`.
    pub fn get(&self, at: usize) -> &Parsed<'a> {
        &self.entries[at].parsed
    }

    /// Takes out the result [`Self::find`] found at `at`, leaving an empty error.
    pub fn take(&mut self, at: usize) -> Parsed<'a> {
        std::mem::replace(
            &mut self.entries[at].parsed,
            Parsed::Error(None, String::new()),
        )
    }

    /// Whether every entry was found: none is left for a file that changed or went away.
    pub fn all_found(&self) -> bool {
        self.found == self.entries.len()
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
    let mut text = String::with_capacity(64 * 1024);
    let mut put_text = |records: &mut Vec<u8>, string: &str| {
        put_usize(records, string.len());
        text.push_str(string);
    };
    put_u64(&mut records, build_id());
    put_usize(&mut records, files.len());
    for (name, stamp, parsed) in files {
        put_text(&mut records, name);
        put_u64(&mut records, stamp.len);
        put_u128(&mut records, stamp.modified_ns as u128);
        put_u128(&mut records, stamp.changed_ns as u128);
        put_u64(&mut records, stamp.inode);
        records.push(u8::from(stamp.settled_before(started)));
        match parsed {
            Parsed::Topic(entry) => {
                records.push(0);
                for string in [&entry.slug, &entry.title, &entry.summary] {
                    put_text(&mut records, string);
                }
                records.push(entry.kind.number());
                for lines in [&entry.aliases, &entry.tags] {
                    put_text(&mut records, lines.joined());
                }
                let units_len = match &entry.units {
                    Units::Text(text) => text.len(),
                    Units::Stored(stored) => stored.byte_len(),
                };
                put_usize(&mut records, units_len);
            }
            Parsed::Error(line, message) => {
                records.push(1);
                put_usize(&mut records, line.unwrap_or(0));
                put_text(&mut records, message);
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
            out.write_all(&(text.len() as u64).to_le_bytes())?;
            out.write_all(&records)?;
            out.write_all(text.as_bytes())?;
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

impl Contents {
    /// Reads the records and their text. The file is kept open only `with_units`: `list`
    /// needs nothing more from it, and a long topics path would hold a file per folder.
    fn read(path: &Path, with_units: bool) -> io::Result<Contents> {
        let mut file = fs::File::open(path)?;
        let file_len = file.metadata()?.len();
        let mut header = [0; MAGIC.len() + 16];
        file.read_exact(&mut header)?;
        let lengths = header
            .strip_prefix(MAGIC)
            .ok_or(io::ErrorKind::InvalidData)?;
        let length = |at: usize| {
            let bytes = lengths[at..at + 8].try_into().expect("eight bytes");
            usize::try_from(u64::from_le_bytes(bytes)).ok()
        };
        let (records_len, text_len) = length(0)
            .zip(length(8))
            .and_then(|(records, text)| Some((records, records.checked_add(text)?)))
            .filter(|&(_, both)| both as u64 <= file_len)
            .map(|(records, both)| (records, both - records))
            .ok_or(io::ErrorKind::InvalidData)?;
        let mut records = vec![0; records_len + text_len];
        file.read_exact(&mut records)?;
        Ok(Contents {
            records,
            text_start: records_len,
            file: with_units.then_some(file),
            units_start: (header.len() + records_len + text_len) as u64,
            file_len,
        })
    }
}

/// The index's strings, kept one after another in one UTF-8 text and read back in the
/// same order: checking that the whole text is UTF-8 once is much quicker than checking
/// each string.
struct Texts<'a>(&'a str);

impl<'a> Texts<'a> {
    fn next(&mut self, len: usize) -> Option<&'a str> {
        let (text, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(text)
    }
}

/// One file as the index knows it.
struct Stored<'a> {
    name: &'a str,
    stamp: Stamp,
    /// Whether the file had settled when the entry was written.
    trusted: bool,
    /// What the file gave.
    parsed: Parsed<'a>,
}

/// The stored files, in the order they were written: by file name.
type Decoded<'a> = Vec<Stored<'a>>;

fn decode(index: &Index) -> Option<Decoded<'_>> {
    let contents = index.contents();
    let (records, text) = contents.records.split_at_checked(contents.text_start)?;
    let mut texts = Texts(std::str::from_utf8(text).ok()?);
    let mut reader = Reader::new(records);
    // Text is borrowed from the index, not copied.
    let mut text = |reader: &mut Reader| texts.next(reader.usize()?);
    if reader.u64()? != build_id() {
        return None;
    }
    let count = reader.usize()?;
    let mut entries = Vec::with_capacity(count.min(1 << 20));
    // The folder's origin is not stored: the caller sets it, and until then the entries
    // share one empty one.
    let no_origin: Arc<str> = Arc::from("");
    let mut offset = contents.units_start;
    for _ in 0..count {
        let name = text(&mut reader)?;
        let stamp = Stamp {
            len: reader.u64()?,
            modified_ns: reader.u128()? as i128,
            changed_ns: reader.u128()? as i128,
            inode: reader.u64()?,
        };
        let trusted = reader.byte()? == 1;
        let parsed = match reader.byte()? {
            0 => {
                let slug = text(&mut reader)?;
                let title = text(&mut reader)?;
                let summary = text(&mut reader)?;
                let kind = Kind::from_number(reader.byte()?)?;
                let aliases = Lines::from_joined(text(&mut reader)?);
                let tags = Lines::from_joined(text(&mut reader)?);
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
                    slug: Cow::Borrowed(slug),
                    origin: Arc::clone(&no_origin),
                    title: Cow::Borrowed(title),
                    summary: Cow::Borrowed(summary),
                    kind,
                    aliases,
                    tags,
                    units,
                })
            }
            1 => {
                let line = reader.usize()?;
                Parsed::Error((line > 0).then_some(line), text(&mut reader)?.to_string())
            }
            _ => return None,
        };
        entries.push(Stored {
            name,
            stamp,
            trusted,
            parsed,
        });
    }
    // Units that do not end where the file does mean a damaged file.
    (reader.is_at_end() && texts.0.is_empty() && offset == contents.file_len).then_some(entries)
}
