//! Text that could command a terminal, or hide from a reader, in every kind of file (Markdown
//! and YAML topics, front matter, a clinic's patches), written raw, as Markdown references
//! or as YAML escapes: every output shows it, none obeys it, `search` reads past it and
//! `check` points at it.

mod common;

use std::fs;
use std::path::Path;

use common::footcare;
use tempfile::TempDir;

const CLEAN_TOPIC: &str = "---\ntitle: Beta\nsummary: A clean topic that a patch adds to.\n\
    kind: condition\nreviewed: 2026-01-01\nsources:\n  - title: Test\n    publisher: footcare tests\n    \
    date: 2026\n---\n## Overview\n\nAll fine.\n";

/// The heading that set a window title and cleared the screen, through character references.
const PATCH: &str = "## Note&#27;]0;PWNED&#7;&#27;[2J {#risks}\n\n\
    - A risk with &#27;[31mred&#x1b;[0m text, &#x202E;reversed, and a &#x9b;C1 code.\n";

/// Raw hidden characters in a Markdown topic, its front matter and its sections.
const HIDDEN_TOPIC: &str = "---\ntitle: Hidden\u{200B} text\nsummary: A summary\u{FEFF} with a \
    soft\u{AD}hyphen.\nkind: condition\naliases: [tag\u{E0041}\u{E0042}name]\nreviewed: 2026-01-01\n\
    sources:\n  - title: Test\n    publisher: footcare tests\n    date: 2026\n---\n\
    ## Overview\n\nTake 2\u{200F}-\u{200F}10 tablets.\n\nCall 9\u{200B}11 at once.\n\n\
    A nurse \u{1F469}\u{200D}\u{2695}\u{FE0F} can help.\n\n\
    ## Risks\n\n- A line\u{2028}separator and an \u{FFF9}annotation\u{FFFB}.\n\
    - A &rlm;mark and a &ZeroWidthSpace;space as references.\n";

/// YAML escapes put the same characters into a YAML topic.
const HIDDEN_YAML: &str = "title: \"YAML\\e]0;PWNED\\a topic\\u200B\"\nsummary: \"Escapes\\u202E.\"\n\
    kind: condition\nreviewed: 2026-01-01\nsources:\n  - title: Test\n    publisher: footcare tests\n    \
    date: 2026\nsections:\n  overview:\n    title: \"Over\\e[2Jview\\u200F\"\n    \
    body: \"Call 9\\u200B11.\\e]52;c;aGk=\\a\"\n";

fn folder() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("beta.md", CLEAN_TOPIC),
        ("beta.patch.md", PATCH),
        ("hidden.md", HIDDEN_TOPIC),
        ("hidden-yaml.yaml", HIDDEN_YAML),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = footcare()
        .arg("--content-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The ways a topic reaches a reader: plain, styled, Markdown, JSON and the two handouts.
fn every_output(dir: &Path, slug: &str) -> Vec<(String, String)> {
    let ways: [&[&str]; 6] = [
        &["show", slug, "--plain"],
        &["show", slug, "--color", "always", "--width", "60"],
        &["show", slug, "--format", "markdown", "--front-matter"],
        &["show", slug, "--format", "json"],
        // Such a topic fails `check`, and is exported only as it is.
        &["export", slug, "--ignore-check"],
        &["export", slug, "--format", "markdown", "--ignore-check"],
    ];
    ways.iter()
        .map(|args| {
            let (code, out, err) = run(dir, &args[..]);
            assert_eq!(code, Some(0), "{args:?}: {err}");
            // The HTML handout shows `<U+200B>` as text, written `&lt;U+200B&gt;`.
            // JSON is read as a script reads it: each string decoded.
            let out = if **args == ["export", slug, "--ignore-check"] {
                out.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&")
            } else if args.contains(&"json") {
                strings(&serde_json::from_str(&out).unwrap())
            } else {
                out
            };
            (args.join(" "), out)
        })
        .collect()
}

/// Every string in a JSON value, a line each.
fn strings(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => format!("{s}\n"),
        serde_json::Value::Array(items) => items.iter().map(strings).collect(),
        serde_json::Value::Object(map) => map.values().map(strings).collect(),
        _ => String::new(),
    }
}

/// ESC but as the start of footcare's own colour codes, BEL, C1 controls, and the
/// characters that hide or reorder text, but a joiner inside an emoji.
fn assert_inert(name: &str, out: &str) {
    let without_emoji = out.replace("\u{1F469}\u{200D}\u{2695}\u{FE0F}", "");
    let mut rest = without_emoji.as_str();
    while let Some(at) = rest.find('\x1b') {
        let code = &rest[at + 1..];
        let end = code.find(|c: char| !(c == '[' || c.is_ascii_digit() || c == ';'));
        assert!(
            code.starts_with('[') && end.is_some_and(|end| code[end..].starts_with('m')),
            "{name}: an escape code that is not a colour: {:?}",
            &rest[at..(at + 12).min(rest.len())]
        );
        rest = &code[end.unwrap() + 1..];
    }
    for c in without_emoji.chars() {
        let hidden = matches!(c,
            '\u{AD}' | '\u{61C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}');
        assert!(
            !hidden && (!c.is_control() || matches!(c, '\n' | '\t' | '\x1b')),
            "{name}: {c:?} in {out:?}"
        );
    }
}

#[test]
fn a_patch_heading_cannot_command_the_terminal_in_any_output() {
    let dir = folder();
    for (name, out) in every_output(dir.path(), "beta") {
        assert_inert(&name, &out);
        assert!(
            out.contains(r"Note\x1b]0;PWNED\x07\x1b[2J"),
            "{name}: the heading is not shown as written: {out}"
        );
        assert!(
            out.contains(r"\x1b[31mred\x1b[0m text, <U+202E>reversed"),
            "{name}"
        );
    }
}

#[test]
fn hidden_characters_are_shown_in_every_output_but_emoji_stay_whole() {
    let dir = folder();
    for slug in ["hidden", "hidden-yaml"] {
        for (name, out) in every_output(dir.path(), slug) {
            assert_inert(&name, &out);
            if slug == "hidden" {
                for shown in [
                    "Take 2<U+200F>-<U+200F>10 tablets",
                    "Call 9<U+200B>11",
                    "Hidden<U+200B> text",
                    "soft<U+00AD>hyphen",
                    "<U+2028>separator",
                    "<U+FFF9>annotation<U+FFFB>",
                    "<U+200F>mark and a <U+200B>space",
                ] {
                    assert!(out.contains(shown), "{name}: no {shown:?} in {out}");
                }
                assert!(
                    out.contains("\u{1F469}\u{200D}\u{2695}\u{FE0F}"),
                    "{name}: emoji"
                );
            } else {
                assert!(
                    out.contains(r"YAML\x1b]0;PWNED\x07 topic<U+200B>"),
                    "{name}: {out}"
                );
                assert!(out.contains(r"Over\x1b[2Jview<U+200F>"), "{name}: {out}");
            }
        }
    }
}

#[test]
fn search_reads_text_as_a_reader_sees_it() {
    let dir = folder();
    let (code, out, _) = run(dir.path(), &["search", "911"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "hidden:overview:Call 9<U+200B>11 at once.\nhidden-yaml:overview:Call 9<U+200B>11.\\x1b]52;c;aGk=\\x07\n"
    );
    let (code, out, _) = run(dir.path(), &["search", "2-10 tablets", "--format", "json"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Take 2<U+200F>-<U+200F>10 tablets."), "{out}");
    let (_, styled, _) = run(dir.path(), &["search", "911", "--color", "always"]);
    assert_inert("search --color always", &styled);
}

#[test]
fn check_points_at_each_hidden_character_and_at_names_shells_run() {
    let dir = folder();
    fs::write(
        dir.path().join("gamma.md"),
        CLEAN_TOPIC.replace(
            "kind: condition",
            "kind: condition\naliases: ['zz$(id>pwned)', fine name]",
        ),
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["check"]);
    assert_inert("check", &out);
    let file = |name: &str| dir.path().join(name).display().to_string();
    for (place, words) in [
        (format!("{}:2:", file("hidden.md")), "U+200B"),
        (format!("{}:3:", file("hidden.md")), "U+FEFF, U+00AD"),
        (format!("{}:5:", file("hidden.md")), "U+E0041, U+E0042"),
        (format!("{}:14:", file("hidden.md")), "U+200F"),
        (format!("{}:16:", file("hidden.md")), "U+200B"),
        (
            format!("{}:22:", file("hidden.md")),
            "U+2028, U+FFF9, U+FFFB",
        ),
        (format!("{}:23:", file("hidden.md")), "U+200F, U+200B"),
        (format!("{}:3:", file("beta.patch.md")), "U+202E"),
        (format!("{}:1:", file("hidden-yaml.yaml")), "U+200B"),
        (format!("{}:2:", file("hidden-yaml.yaml")), "U+202E"),
        (
            format!("{}:10:", file("hidden-yaml.yaml")),
            "the heading holds",
        ),
        (
            format!("{}:10:", file("hidden-yaml.yaml")),
            "the text of `overview` holds",
        ),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(&place) && l.contains("warning") && l.contains(words)),
            "no warning at {place} about {words}:\n{out}"
        );
    }
    assert!(
        !out.lines()
            .any(|l| l.contains("hidden.md") && l.contains("U+200D")),
        "a joiner inside an emoji is text: {out}"
    );
    let alias = format!(
        "{}:5: warning: the alias \"zz$(id>pwned)\" holds `$`, `(`, `>`, `)`",
        file("gamma.md")
    );
    assert!(out.contains(&alias), "{out}");
    assert!(!out.contains("\"fine name\""), "{out}");

    let (_, json, _) = run(dir.path(), &["check", "--format", "json"]);
    let reports: serde_json::Value = serde_json::from_str(&json).unwrap();
    let patch_finding = reports["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .find(|f| f["message"].as_str().unwrap().contains("U+202E"))
        .unwrap();
    assert_eq!(patch_finding["file"], file("beta.patch.md"));
    assert_eq!(patch_finding["line"], 3);
}

#[test]
fn a_patch_file_name_is_shown_not_obeyed_and_stays_on_one_line() {
    let dir = folder();
    for name in [
        "x\x1b]0;PWNED\x07\x1b[2J",
        "go\u{202E}od",
        "y\nfake.md: error: forged",
        "c1\u{9b}2J",
    ] {
        fs::write(
            dir.path().join(format!("{name}.patch.md")),
            "## Risks\n\n- x\n",
        )
        .unwrap();
    }
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["list"],
        &["search", "x"],
    ] {
        let (_, out, err) = run(dir.path(), args);
        let name = args.join(" ");
        assert_inert(&name, &out);
        assert_inert(&name, &err);
        let text = format!("{out}{err}");
        assert!(
            !text.lines().any(|l| l.starts_with("fake.md")),
            "{name}: a forged line: {text}"
        );
    }
}

#[test]
fn checking_a_long_section_takes_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let items = "- A short item.\n".repeat(50_000);
    fs::write(
        dir.path().join("long.md"),
        format!("{CLEAN_TOPIC}\n## Risks\n\n{items}"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let (code, out, err) = run(dir.path(), &["check"]);
    assert!(code.is_some(), "{err}");
    assert!(out.contains("1 topic checked"), "{out}{err}");
    // Counting lines from the top for each item took minutes.
    assert!(
        started.elapsed().as_secs() < 10,
        "check took {:?}",
        started.elapsed()
    );
}
