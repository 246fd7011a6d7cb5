//! The output contract scripts rely on: formats, search, exit codes and paging.

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Command as Process;

use common::footcare;
use predicates::prelude::*;
use serde_json::Value;

const BUILT_IN: [&str; 3] = [
    "calf-strain",
    "gastrocnemius-release",
    "plantar-fascia-release",
];

fn stdout_of(args: &[&str]) -> String {
    let output = footcare().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_json_matches_the_plain_list_field_by_field() {
    let json = json_of(&["list", "--format", "json"]);
    let plain = stdout_of(&["list", "--plain"]);
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for (entry, line) in entries.iter().zip(plain.lines()) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(entry["slug"], fields[0]);
        assert_eq!(entry["title"], fields[1]);
        assert_eq!(entry["summary"], fields[2]);
        assert!(["procedure", "condition"].contains(&entry["kind"].as_str().unwrap()));
        assert!(!strings(&entry["aliases"]).is_empty());
        assert!(!strings(&entry["tags"]).is_empty());
        assert_eq!(entry["origin"], fields[3]);
        assert_eq!(entry["lang"], "en");
        assert_eq!(strings(&entry["languages"]), ["en", "es"]);
        assert_eq!(fields.len(), 4, "{line}");
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 9, "{entry}");
    }
    assert_eq!(json[2]["kind"], "procedure");
    assert_eq!(json[0]["kind"], "condition");
}

#[test]
fn list_markdown_is_a_table_and_text_in_a_pipe_is_plain() {
    let table = stdout_of(&["list", "--format", "markdown"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "| slug | title | summary |");
    assert_eq!(lines.len(), 5);
    assert!(lines[2].starts_with("| calf-strain | Calf strain | "));
    assert_eq!(
        stdout_of(&["list", "--format", "text"]),
        stdout_of(&["list", "--plain"])
    );
    assert_eq!(
        stdout_of(&["list", "--format", "plain"]),
        stdout_of(&["list"])
    );
}

/// Every section key, in the order topics hold them.
const BUILT_IN_KEYS: [&str; 11] = [
    "key-points",
    "overview",
    "indications",
    "preparing",
    "procedure",
    "recovery",
    "outlook",
    "risks",
    "warning-signs",
    "questions",
    "disclaimer",
];

/// A plain list item's text: a bullet's after `- `, a step's after `1. `.
fn item_text(line: &str) -> Option<String> {
    if let Some(text) = line.strip_prefix("- ") {
        return Some(text.to_string());
    }
    let (number, text) = line.split_once(". ")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

#[test]
fn show_json_has_every_field_and_sections_in_document_order() {
    for slug in BUILT_IN {
        let topic = json_of(&["show", slug, "--format", "json"]);
        assert_eq!(topic["slug"], slug);
        for field in ["title", "summary", "kind", "reviewed"] {
            assert!(topic[field].is_string(), "{slug} {field}");
        }
        assert_eq!(topic["reviewed"].as_str().unwrap().len(), 10);
        let sources = topic["sources"].as_array().unwrap();
        // Each source says where it appeared and how current it is.
        assert!(sources.iter().all(|s| s["title"].is_string()
            && (s["journal"].is_string() || s["publisher"].is_string())
            && (s["date"].is_string() || s["accessed"].is_string())));
        let keys: Vec<&str> = topic["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            keys,
            BUILT_IN_KEYS
                .iter()
                .filter(|&&key| key != "preparing" || topic["kind"] == "procedure")
                .copied()
                .collect::<Vec<_>>()
        );
        for section in topic["sections"].as_array().unwrap() {
            let key = section["key"].as_str().unwrap();
            let plain = stdout_of(&["show", slug, "--section", key, "--plain"]);
            let (heading, body) = plain.split_once('\n').unwrap();
            assert_eq!(section["title"], heading);
            // A section that opens with a tier heading is set off from its own heading.
            let body = body.trim_start_matches('\n');
            assert_eq!(section["text"], body.trim_end(), "{slug} {key}");
            let top_items: Vec<String> = body.lines().filter_map(item_text).collect();
            assert_eq!(strings(&section["items"]), top_items, "{slug} {key}");
            if key == "warning-signs" {
                let tiers = section["tiers"].as_array().unwrap();
                let tier_keys: Vec<&str> =
                    tiers.iter().map(|t| t["key"].as_str().unwrap()).collect();
                assert_eq!(tier_keys, ["emergency", "urgent", "routine"], "{slug}");
                let tier_items: Vec<String> =
                    tiers.iter().flat_map(|t| strings(&t["items"])).collect();
                assert_eq!(tier_items, top_items, "{slug}: every sign is in a tier");
                for tier in tiers {
                    let title = tier["title"].as_str().unwrap();
                    assert!(body.lines().any(|line| line == title), "{slug}: {title}");
                }
            } else {
                assert!(section.get("tiers").is_none(), "{slug} {key}");
            }
            assert!(section["markdown"].as_str().unwrap().len() >= body.len() / 2);
        }
    }
}

#[test]
fn show_json_with_sections_holds_only_those_in_the_asked_order() {
    let topic = json_of(&[
        "show",
        "calf-strain",
        "--format",
        "json",
        "-s",
        "risks",
        "-s",
        "overview",
    ]);
    let sections = topic["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0]["key"], "risks");
    assert_eq!(sections[1]["key"], "overview");
    assert!(sections[1]["items"].as_array().unwrap().is_empty());
}

#[test]
fn every_risk_is_one_line_and_one_item() {
    for slug in BUILT_IN {
        let topic = json_of(&["show", slug, "--format", "json", "-s", "risks"]);
        let risks = &topic["sections"][0];
        let bullets_in_source = risks["markdown"]
            .as_str()
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("- ") || l.starts_with("* "))
            .count();
        let plain = stdout_of(&["show", slug, "--section", "risks", "--plain"]);
        let lines: Vec<&str> = plain.lines().filter(|l| l.starts_with("- ")).collect();
        assert!(bullets_in_source >= 3, "{slug}");
        assert_eq!(lines.len(), bullets_in_source, "{slug}:\n{plain}");
        assert_eq!(strings(&risks["items"]).len(), bullets_in_source);
        for (line, item) in lines.iter().zip(strings(&risks["items"])) {
            assert_eq!(line[2..], item);
            assert!(item.ends_with('.'), "{slug}: a risk cut short: {item:?}");
        }
    }
}

#[test]
fn the_nerve_risk_greps_out_whole() {
    let plain = stdout_of(&[
        "show",
        "plantar-fascia-release",
        "--section",
        "risks",
        "--plain",
    ]);
    let nerve: Vec<&str> = plain
        .lines()
        .filter(|l| l.to_lowercase().contains("nerve"))
        .collect();
    assert!(!nerve.is_empty());
    for line in nerve {
        assert!(line.starts_with("- ") && line.ends_with('.'), "{line:?}");
    }
}

#[test]
fn markdown_output_round_trips_to_the_same_topic() {
    for slug in BUILT_IN {
        let body = stdout_of(&["show", slug, "--format", "markdown"]);
        assert!(body.starts_with("## "), "{slug}");
        assert!(
            !body.contains("\nreviewed:"),
            "front matter shown without --front-matter"
        );
        let whole = stdout_of(&["show", slug, "--format", "markdown", "--front-matter"]);
        assert!(whole.starts_with("---\ntitle: "));
        assert!(whole.ends_with(&body));
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!("{slug}.md")), &whole).unwrap();
        let copy = footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", slug, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            copy.status.success(),
            "{}",
            String::from_utf8_lossy(&copy.stderr)
        );
        let mut copy: Value = serde_json::from_slice(&copy.stdout).unwrap();
        let mut original = json_of(&["show", slug, "--format", "json"]);
        // The copy's folder holds no translation: only that may differ.
        assert_eq!(copy["languages"], serde_json::json!(["en"]));
        assert_eq!(original["languages"], serde_json::json!(["en", "es"]));
        copy["languages"].take();
        original["languages"].take();
        assert_eq!(copy, original, "{slug}");
    }
    let risks = stdout_of(&[
        "show",
        "calf-strain",
        "--format",
        "markdown",
        "-s",
        "procedure",
    ]);
    assert!(
        risks.starts_with("## First steps at home {#procedure}\n\n"),
        "{risks}"
    );
}

#[test]
fn search_prints_grep_style_lines_and_exits_like_grep() {
    let out = stdout_of(&["search", "NERVE"]);
    assert!(!out.is_empty());
    for line in out.lines() {
        let mut parts = line.splitn(3, ':');
        let (slug, section, text) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(BUILT_IN.contains(&slug), "{line}");
        assert!(!section.is_empty());
        assert!(text.to_lowercase().contains("nerve"), "{line}");
    }
    footcare()
        .args(["search", "no-such-words-anywhere"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    footcare()
        .args(["search", "--regex", "(unclosed"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: invalid regular expression",
        ))
        .stderr(predicate::str::contains("unclosed group"));
}

#[test]
fn search_literals_are_literal_and_regexes_are_not() {
    footcare()
        .args(["search", "to 6 weeks."])
        .assert()
        .success();
    footcare().args(["search", "to 6 weeks?"]).assert().code(1);
    let regex = stdout_of(&["search", "--regex", r"\b3 to 6 weeks"]);
    assert!(regex.starts_with("plantar-fascia-release:"), "{regex}");
}

#[test]
fn search_filters_by_section_and_topic() {
    let out = stdout_of(&[
        "search",
        "emergency number",
        "--section",
        "warning-signs",
        "--topic",
        "calf-strain",
    ]);
    assert!(!out.is_empty());
    assert!(
        out.lines()
            .all(|l| l.starts_with("calf-strain:warning-signs:")),
        "{out}"
    );
    let two = stdout_of(&["search", "clot", "-s", "risks", "-s", "warning-signs"]);
    assert!(two
        .lines()
        .all(|l| l.contains(":risks:") || l.contains(":warning-signs:")));
    assert!(two.lines().any(|l| l.contains(":risks:")));
    let by_alias = stdout_of(&["search", "heel", "--topic", "plantar fasciotomy"]);
    assert!(by_alias
        .lines()
        .all(|l| l.starts_with("plantar-fascia-release:")));
    footcare()
        .args(["search", "clot", "--topic", "knee-replacement"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no topic called \"knee-replacement\"",
        ));
    // A section no topic has is a mistake, and a slip for a standard one is named.
    footcare()
        .args(["search", "clot", "--section", "risk"])
        .assert()
        .code(2)
        .stderr(
            "error: no topic has a section called \"risk\"\n  did you mean risks?\n  the \
             standard sections are: key-points, overview, indications, preparing, procedure, \
             recovery, outlook, risks, warning-signs, questions, disclaimer\n  the front \
             matter's fields are: title, summary, aliases, tags\n",
        );
}

#[test]
fn search_json_and_markdown_carry_the_same_matches() {
    let plain = stdout_of(&["search", "infection"]);
    let json = json_of(&["search", "infection", "--format", "json"]);
    let from_json: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}:{}:{}",
                m["slug"].as_str().unwrap(),
                m["section"].as_str().unwrap(),
                m["text"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(from_json, plain.lines().collect::<Vec<_>>());
    let markdown = stdout_of(&["search", "infection", "--format", "markdown"]);
    assert_eq!(markdown.lines().count(), from_json.len());
    assert!(markdown.lines().all(|l| l.starts_with("- **")));
    let none = footcare()
        .args(["search", "zzzz", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&none.stdout), "[]\n");
}

#[test]
fn search_highlights_matches_when_styled() {
    let out = stdout_of(&["search", "nerve", "--color", "always"]);
    assert!(out.contains("\x1b[1m"), "{out:?}");
    let bold_runs = out.matches("\x1b[1m").count();
    // Styled output is wrapped: a match's later lines start with spaces.
    let records = out.lines().filter(|l| !l.starts_with(' ')).count();
    assert!(bold_runs >= records, "every match is highlighted");
    assert!(!stdout_of(&["search", "nerve", "--color", "always", "--plain"]).contains('\x1b'));
}

#[test]
fn format_options_are_checked() {
    footcare()
        .args(["show", "calf-strain", "--plain", "--format", "json"])
        .assert()
        .code(2);
    footcare()
        .args(["show", "calf-strain", "--front-matter"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--front-matter goes with --format markdown",
        ));
    footcare()
        .args(["list", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn errors_leave_stdout_empty_in_every_format() {
    for format in ["text", "plain", "markdown", "json"] {
        footcare()
            .args(["show", "no-such-topic", "--format", format])
            .assert()
            .code(1)
            .stdout("");
    }
}

/// Runs footcare on a pseudo-terminal of `rows` lines through util-linux `script`.
fn on_a_terminal(rows: u16, args: &str, pager: &str) -> (String, std::process::ExitStatus) {
    let command = format!(
        "stty rows {rows} cols 80; '{}' {args}",
        env!("CARGO_BIN_EXE_footcare")
    );
    let output = Process::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("PAGER", pager)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .output()
        .expect("util-linux `script` runs commands on a pseudo-terminal");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status,
    )
}

#[test]
fn long_terminal_output_goes_through_the_pager_and_no_pager_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let paged: PathBuf = dir.path().join("paged");
    let pager = format!("cat > '{}'", paged.display());

    let (screen, status) = on_a_terminal(10, "show calf-strain", &pager);
    assert!(status.success());
    let text = fs::read_to_string(&paged).expect("the pager ran");
    assert!(
        text.contains("Disclaimer") && text.contains("\x1b["),
        "{text:?}"
    );
    assert!(
        !screen.contains("Disclaimer"),
        "paged text also went to the screen"
    );

    fs::remove_file(&paged).unwrap();
    let (screen, status) = on_a_terminal(10, "show calf-strain --no-pager", &pager);
    assert!(status.success());
    assert!(!paged.exists(), "--no-pager still paged");
    assert!(screen.contains("Disclaimer"));

    let (screen, _) = on_a_terminal(60, "show calf-strain -s disclaimer", &pager);
    assert!(!paged.exists(), "a short page was paged");
    assert!(screen.contains("Disclaimer"));
}

#[test]
fn quitting_the_pager_early_is_a_normal_end() {
    let (screen, status) = on_a_terminal(10, "show gastrocnemius-release", "head -c 10 >/dev/null");
    assert!(status.success(), "{screen}");
    assert!(!screen.contains("error"), "{screen}");
}

#[test]
fn a_pager_that_cannot_start_is_an_error() {
    let (screen, status) = on_a_terminal(10, "show calf-strain", "no-such-pager-here");
    assert!(!status.success());
    assert!(screen.contains("error: cannot start the pager"), "{screen}");
}

/// The README tells scripts to find a section's items with `^(- |[0-9]+\. )`, numbered
/// steps included, or to read `items` in the JSON: both give the same items.
#[test]
fn the_readme_item_pattern_finds_every_item_json_lists() {
    let item = regex::Regex::new(r"^(- |[0-9]+\. )").unwrap();
    let mut steps = 0;
    for slug in BUILT_IN {
        let topic = json_of(&["show", slug, "--format", "json"]);
        for section in topic["sections"].as_array().unwrap() {
            let key = section["key"].as_str().unwrap();
            let plain = stdout_of(&["show", slug, "--section", key, "--plain"]);
            let found: Vec<String> = (plain.lines())
                .filter(|line| item.is_match(line))
                .filter_map(item_text)
                .collect();
            let listed: Vec<&str> = (section["items"].as_array().unwrap().iter())
                .map(|i| i.as_str().unwrap())
                .collect();
            assert_eq!(found, listed, "{slug} {key}");
            steps += plain.lines().filter(|l| l.starts_with("1. ")).count();
        }
    }
    assert!(steps > 0, "no numbered step in any topic to test with");
}
