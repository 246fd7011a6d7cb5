//! `footcare check` on good and broken topic folders.

mod common;

use std::path::PathBuf;

use common::{fixture, footcare};
use predicates::prelude::*;
use serde_json::Value;

fn check_output(dir: &PathBuf, extra: &[&str]) -> (Option<i32>, String, String) {
    let output = footcare()
        .arg("check")
        .arg("--content-dir")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_built_in_topics_pass_with_no_error_and_no_warning() {
    let output = footcare().arg("check").output().unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(
        out.ends_with("3 topics (6 pages) checked: 0 errors, 0 warnings\n"),
        "{out}"
    );
    for slug in [
        "calf-strain",
        "gastrocnemius-release",
        "plantar-fascia-release",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{slug}: ")))
            .unwrap();
        assert!(line.ends_with(": 0 errors, 0 warnings"), "{line}");
    }
}

#[test]
fn each_broken_fixture_gets_its_finding_and_the_check_goes_on() {
    let dir = fixture("check-broken");
    let (code, out, _) = check_output(&dir, &[]);
    assert_eq!(code, Some(1), "{out}");
    let expected = [
        ("missing-section.md", "error: missing section `recovery`"),
        (
            "duplicate-alias-one.md:5",
            "error: the name `shared-name` also belongs to duplicate-alias-two",
        ),
        (
            "duplicate-alias-two.md:5",
            "error: the name `shared-name` also belongs to duplicate-alias-one",
        ),
        (
            "bad-date.md:7",
            "error: `reviewed`: invalid date `2026-02-30`",
        ),
        (
            "future-review.md:7",
            "error: reviewed 2099-01-01 is in the future",
        ),
        ("unknown-field.md:3", "error: unknown field `sumary`"),
        (
            "risks-not-a-list.md:33",
            "error: section `risks` must be a bullet list",
        ),
        (
            "grade-12-paragraph.md:16",
            "warning: a paragraph at grade 12.",
        ),
    ];
    for (place, message) in expected {
        let wanted = format!("{}/{place}: {message}", dir.display());
        assert!(
            out.lines().any(|l| l.starts_with(&wanted)),
            "no line starting {wanted:?} in:\n{out}"
        );
    }
    let clean = out
        .lines()
        .find(|l| l.starts_with("clean-topic: "))
        .unwrap();
    assert!(clean.ends_with(": 0 errors, 0 warnings"), "{clean}");
    let broken = out.lines().find(|l| l.starts_with("bad-date: ")).unwrap();
    assert_eq!(broken, "bad-date: not measured: 1 error, 0 warnings");
    assert!(
        out.ends_with("9 topics checked: 7 errors, 26 warnings\n"),
        "{out}"
    );
}

#[test]
fn json_output_has_figures_sections_and_findings() {
    let (code, out, _) = check_output(&fixture("check-broken"), &["--format", "json"]);
    assert_eq!(code, Some(1));
    let json: Value = serde_json::from_str(&out).unwrap();
    let topics = json["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 9);
    let clean = topics.iter().find(|t| t["slug"] == "clean-topic").unwrap();
    assert!(clean["file"].as_str().unwrap().ends_with("clean-topic.md"));
    for figure in ["fk_grade", "smog", "reading_ease", "words_per_sentence"] {
        let value = clean["readability"][figure].as_f64().unwrap();
        assert_eq!(
            (value * 10.0).round() / 10.0,
            value,
            "{figure} has one decimal"
        );
    }
    assert_eq!(clean["sections"].as_array().unwrap().len(), 10);
    assert_eq!(clean["sections"][0]["key"], "key-points");
    assert!(clean["sections"][0]["readability"]["fk_grade"].is_number());
    // No clinician is named, which is a note: not an error, not a warning.
    let findings = clean["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["level"], "note");
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("reviewed-by"));
    let bad = topics.iter().find(|t| t["slug"] == "bad-date").unwrap();
    assert!(bad["readability"].is_null());
    assert_eq!(bad["findings"][0]["level"], "error");
    assert_eq!(bad["findings"][0]["line"], 7);
    let risks = topics
        .iter()
        .find(|t| t["slug"] == "risks-not-a-list")
        .unwrap();
    let not_a_list = risks["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["level"] == "error")
        .unwrap();
    assert_eq!(not_a_list["line"], 33);
}

#[test]
fn thresholds_can_be_changed() {
    let dir = fixture("check-broken");
    let (_, out, _) = check_output(&dir, &["--warn-grade", "0"]);
    let clean: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("clean-topic.md"))
        .collect();
    assert!(
        clean.iter().any(|l| l.contains("warning: reads at grade")),
        "{out}"
    );
    let (_, out, _) = check_output(&dir, &["--max-grade", "0"]);
    assert!(
        out.lines()
            .any(|l| l.contains("clean-topic.md") && l.contains("error: reads at grade")),
        "{out}"
    );
    let (_, out, _) = check_output(&dir, &["--max-age", "0"]);
    assert!(
        out.lines()
            .any(|l| l.contains("clean-topic.md:7: warning: last reviewed 2026-11-01")),
        "{out}"
    );
}

#[test]
fn plain_language_problems_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let long_sentence = "word ".repeat(30);
    let topic = format!(
        "---\ntitle: Plain\nsummary: A test.\nkind: condition\nreviewed: 2026-11-01\nsources:\n  \
         - title: T\n    publisher: P\n    date: 2026\n---\n\
         ## Overview\nThe leg is hurt. The band is cut. The tendon is released. It was done.\n\n\
         One. Two is here. Three is here. Four is here. Five is here. Six is here.\n\n\
         ## Indications\n{long_sentence}end.\n\n\
         ## Procedure\nThe surgeon works on the leg.\n\n## Recovery\nHealing takes time.\n\n\
         ## Risks\n- Pain.\n\n## Warning signs\n- Fever.\n\n## Disclaimer\nNot advice.\n"
    );
    std::fs::write(dir.path().join("plain.md"), topic).unwrap();
    let (code, out, _) = check_output(&dir.path().to_path_buf(), &[]);
    assert_eq!(code, Some(0), "warnings alone do not fail: {out}");
    for message in [
        "plain.md:17: warning: a sentence of 31 words, over 25",
        "plain.md:14: warning: a paragraph of 6 sentences, over 5",
        "plain.md: warning: never speaks to the reader as \"you\"",
        "plain.md:19: warning: `procedure` gives the reader nothing to do",
        "plain.md:22: warning: `recovery` gives the reader nothing to do",
    ] {
        assert!(out.contains(message), "{message:?} missing from:\n{out}");
    }
    assert!(out.contains("sentences are passive, over 20%"), "{out}");
}

#[test]
fn a_broken_topic_file_is_named_and_the_good_ones_are_still_checked() {
    footcare()
        .args(["check", "--content-dir"])
        .arg(fixture("with-bad-file"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "broken-topic.md:5: error: `reviewed`: invalid date",
        ))
        .stdout(predicate::str::contains("good-topic: grade "));
}
