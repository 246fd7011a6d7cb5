//! The index in `$XDG_CACHE_HOME/footcare` must never change an answer: every test runs
//! footcare with the index and compares it with what the files say.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{fixture, footcare};

/// A topic file whose summary and risk carry `word`.
fn topic(word: &str) -> String {
    format!(
        "---\ntitle: T {word}\nsummary: About {word}.\nkind: condition\nreviewed: 2026-01-01\n---\n\
         ## Overview\nText.\n\n## Risks\n- A risk of {word}.\n"
    )
}

/// `list` and `search` output, run with the index in `cache`.
fn answers(dir: &Path, cache: &Path) -> (String, String) {
    let run = |args: &[&str]| {
        let out = footcare()
            .env("XDG_CACHE_HOME", cache)
            .arg("--content-dir")
            .arg(dir)
            .args(args)
            .output()
            .unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    (run(&["list"]), run(&["search", "risk"]))
}

/// Moves a file's modification time an hour back, as if it had been written long ago,
/// so that the index trusts its entry.
fn age(path: &Path) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

fn index_files(cache: &Path) -> Vec<String> {
    fs::read_dir(cache.join("footcare"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn answers_follow_edits_additions_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.md"), dir.path().join("two.md"));
    fs::write(&one, topic("apples")).unwrap();
    age(&one);
    let (list, search) = answers(dir.path(), cache.path());
    assert!(list.contains("one\tT apples"), "{list}");
    assert!(search.contains("one:risks:A risk of apples."), "{search}");
    assert_eq!(
        index_files(cache.path()).len(),
        2,
        "a list and a search index"
    );

    // The same size and an old modification time: only the change time tells.
    fs::write(&one, topic("pears!")).unwrap();
    age(&one);
    let (list, search) = answers(dir.path(), cache.path());
    assert!(
        list.contains("T pears!") && !list.contains("apples"),
        "{list}"
    );
    assert!(search.contains("A risk of pears!.") && !search.contains("apples"));

    fs::write(&two, topic("plums")).unwrap();
    let (list, search) = answers(dir.path(), cache.path());
    assert!(list.contains("two\tT plums"), "{list}");
    assert!(search.contains("two:risks:A risk of plums."), "{search}");

    fs::remove_file(&one).unwrap();
    let (list, search) = answers(dir.path(), cache.path());
    assert!(!list.contains("one\t") && list.contains("two\t"), "{list}");
    assert!(!search.contains("one:"), "{search}");

    // A file that breaks is reported, and one that is mended is read again.
    fs::write(&two, "---\ntitle: [\n---\n").unwrap();
    let (list, _) = answers(dir.path(), cache.path());
    assert!(
        list.contains("two.md:2:") && list.contains("(skipped)"),
        "{list}"
    );
    fs::write(&two, topic("plums")).unwrap();
    let (list, _) = answers(dir.path(), cache.path());
    assert!(
        list.contains("two\tT plums") && !list.contains("skipped"),
        "{list}"
    );
}

#[test]
fn a_warm_index_gives_the_same_answers_as_the_files() {
    let cache = tempfile::tempdir().unwrap();
    for folder in ["check-broken", "hostile", "clinic", "with-bad-file"] {
        let dir = fixture(folder);
        let cold = answers(&dir, tempfile::tempdir().unwrap().path());
        assert_eq!(answers(&dir, cache.path()), cold, "{folder}, first run");
        assert_eq!(
            answers(&dir, cache.path()),
            cold,
            "{folder}, from the index"
        );
    }
}

#[test]
fn a_corrupt_or_unwritable_index_falls_back_to_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.md");
    fs::write(&file, topic("apples")).unwrap();
    age(&file);
    let expected = answers(dir.path(), cache.path());
    for name in index_files(cache.path()) {
        let path = cache.path().join("footcare").join(name);
        let mut bytes = fs::read(&path).unwrap();
        bytes.truncate(bytes.len() / 2);
        bytes.extend_from_slice(b"\xff\xfe garbage");
        fs::write(&path, bytes).unwrap();
    }
    assert_eq!(answers(dir.path(), cache.path()), expected, "corrupt");
    assert_eq!(answers(dir.path(), cache.path()), expected, "rewritten");

    // A cache "folder" that is a file cannot be written at all.
    let blocked = tempfile::NamedTempFile::new().unwrap();
    assert_eq!(answers(dir.path(), blocked.path()), expected, "unwritable");
}

/// `search` output for `args`, run with the index in `cache`.
fn search(dir: &Path, cache: &Path, args: &[&str]) -> String {
    let out = footcare()
        .env("XDG_CACHE_HOME", cache)
        .arg("--content-dir")
        .arg(dir)
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A folder of topic files that have settled, so that their index entries are trusted.
fn settled_folder(words: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for word in words {
        fs::write(dir.path().join(format!("{word}.md")), topic(word)).unwrap();
    }
    // The change time cannot be set back: only waiting makes it old enough.
    std::thread::sleep(Duration::from_millis(2100));
    dir
}

/// The search index in `cache`, and something that changes whenever it is written again.
fn search_index(cache: &Path) -> (std::path::PathBuf, (u64, SystemTime)) {
    use std::os::unix::fs::MetadataExt;
    let name = index_files(cache)
        .into_iter()
        .find(|name| name.ends_with(".search"))
        .unwrap();
    let path = cache.join("footcare").join(name);
    let meta = fs::metadata(&path).unwrap();
    (path, (meta.ino(), meta.modified().unwrap()))
}

/// Searches twice, and checks the second search found every entry in the index.
fn warm_up(dir: &Path, cache: &Path) {
    search(dir, cache, &["risk"]);
    let (_, written) = search_index(cache);
    search(dir, cache, &["risk"]);
    assert_eq!(
        search_index(cache).1,
        written,
        "the index was written again"
    );
}

#[test]
fn searching_some_topics_reads_only_their_units_from_the_index() {
    let dir = settled_folder(&["apples", "pears", "plums", "quinces"]);
    let cache = tempfile::tempdir().unwrap();
    // Not in the order of the files, and with a file skipped between two of them.
    let wanted = [
        "risk", "--topic", "apples", "--topic", "plums", "--topic", "pears",
    ];
    let cold = search(dir.path(), tempfile::tempdir().unwrap().path(), &wanted);
    assert_eq!(
        cold.lines().collect::<Vec<_>>(),
        [
            "apples:risks:A risk of apples.",
            "plums:risks:A risk of plums.",
            "pears:risks:A risk of pears."
        ]
    );
    warm_up(dir.path(), cache.path());
    assert_eq!(search(dir.path(), cache.path(), &wanted), cold);
}

#[test]
fn damaged_search_units_are_made_again_from_the_topic_files() {
    let dir = settled_folder(&["apples", "pears"]);
    let cache = tempfile::tempdir().unwrap();
    let expected = search(dir.path(), cache.path(), &["risk"]);
    assert!(expected.contains("pears:risks:"), "{expected}");
    warm_up(dir.path(), cache.path());
    // The units come last in the file: damage the end of the last topic's, keeping the
    // file's length, so only reading the units can tell.
    let (path, _) = search_index(cache.path());
    let mut bytes = fs::read(&path).unwrap();
    let end = bytes.len();
    bytes[end - 8..].fill(0xff);
    fs::write(&path, bytes).unwrap();
    assert_eq!(search(dir.path(), cache.path(), &["risk"]), expected);
}

#[test]
fn an_index_written_again_keeps_the_units_of_unchanged_topics() {
    let dir = settled_folder(&["apples", "pears"]);
    let cache = tempfile::tempdir().unwrap();
    warm_up(dir.path(), cache.path());
    fs::write(dir.path().join("plums.md"), topic("plums")).unwrap();
    let cold = search(dir.path(), tempfile::tempdir().unwrap().path(), &["risk"]);
    assert_eq!(search(dir.path(), cache.path(), &["risk"]), cold);
    // The new index has the new topic's units, and the others' copied from the old one.
    let (path, _) = search_index(cache.path());
    let stored = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
    for word in ["apples", "pears", "plums"] {
        assert!(stored.contains(&format!("A risk of {word}.")), "{word}");
    }
}

#[test]
fn an_index_whose_text_is_not_utf8_is_read_again_from_the_files() {
    let dir = settled_folder(&["apples", "pears"]);
    let cache = tempfile::tempdir().unwrap();
    let list = |cache: &Path| {
        let out = footcare()
            .env("XDG_CACHE_HOME", cache)
            .arg("--content-dir")
            .arg(dir.path())
            .args(["list", "--format", "json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // The files have settled, so the index the first run writes is used from then on.
    let expected = list(cache.path());
    assert!(expected.contains("\"title\": \"T apples\""), "{expected}");
    let path = cache.path().join("footcare").join(
        index_files(cache.path())
            .into_iter()
            .find(|name| name.ends_with(".list"))
            .unwrap(),
    );
    let written = fs::read(&path).unwrap();
    assert_eq!(list(cache.path()), expected);
    assert_eq!(
        fs::read(&path).unwrap(),
        written,
        "the index was written again"
    );
    // Break the title's UTF-8 and keep every length, so only checking the text can tell;
    // the list still shows the title from the file.
    let mut bytes = written.clone();
    let title = bytes
        .windows(8)
        .position(|window| window == b"T apples")
        .expect("the index keeps the title");
    bytes[title] = 0xff;
    fs::write(&path, &bytes).unwrap();
    assert_eq!(list(cache.path()), expected);
    assert_ne!(
        fs::read(&path).unwrap(),
        bytes,
        "the damaged index was kept"
    );
}
