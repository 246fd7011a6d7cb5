//! Warning signs in tiers, the sections every topic now has, and what a source and a
//! reviewer say, through the binary as readers, authors and scripts meet them.

mod common;

use common::{fixture, footcare};
use predicates::prelude::*;
use serde_json::Value;

const EMERGENCY: &str = "Call the emergency number now";
const URGENT: &str = "Call your doctor or surgeon now, day or night";
const ROUTINE: &str = "Call during office hours, or watch closely";

fn in_tiers(args: &[&str]) -> String {
    let output = footcare()
        .arg("--content-dir")
        .arg(fixture("tiers"))
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn tiers_show_under_the_standard_words_whatever_the_author_wrote() {
    let plain = in_tiers(&["show", "tiered-topic", "-s", "warning-signs", "--plain"]);
    assert_eq!(
        plain,
        format!(
            "Warning signs\n\n{EMERGENCY}\n\
             Call your local emergency number, such as 911 in the US.\n\n\
             - You have chest pain: call now.\n- You cough up blood: call now.\n\n{URGENT}\n\
             Call your care team. When the office is closed, use the after-hours number they \
             gave you.\n\n- Your calf swells and feels warm: call now.\n\n{ROUTINE}\n\
             Call your care team's office.\n\n- Your scar itches: call the clinic.\n"
        )
    );
    assert!(!plain.contains("Ring for help"));
    let markdown = in_tiers(&["show", "tiered-topic", "--format", "markdown"]);
    assert!(
        markdown.contains(&format!("\n### {EMERGENCY} {{#emergency}}\n")),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("\n### {URGENT} {{#urgent}}\n")));
    assert!(!markdown.contains("Phone the ward"));
    let handout = in_tiers(&["export", "tiered-topic", "--format", "html"]);
    assert!(
        handout.contains(&format!("<h3>{EMERGENCY}</h3>")),
        "{handout}"
    );
}

#[test]
fn json_keeps_items_and_adds_the_tiers_in_order() {
    let json: Value =
        serde_json::from_str(&in_tiers(&["show", "tiered-topic", "--format", "json"])).unwrap();
    let section = |key: &str| {
        json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()
    };
    let warnings = section("warning-signs");
    assert_eq!(warnings["items"].as_array().unwrap().len(), 4);
    assert_eq!(warnings["items"][0], "You have chest pain: call now.");
    let tiers = warnings["tiers"].as_array().unwrap();
    let shape: Vec<(&str, &str, usize)> = tiers
        .iter()
        .map(|t| {
            (
                t["key"].as_str().unwrap(),
                t["title"].as_str().unwrap(),
                t["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("emergency", EMERGENCY, 2),
            ("urgent", URGENT, 1),
            ("routine", ROUTINE, 1)
        ]
    );
    assert!(section("risks").get("tiers").is_none());
}

#[test]
fn search_reports_a_tier_item_under_the_warning_signs() {
    let out = in_tiers(&["search", "swells"]);
    assert_eq!(
        out,
        "tiered-topic:warning-signs:Your calf swells and feels warm: call now.\n"
    );
    let heading = in_tiers(&["search", "emergency number"]);
    assert_eq!(heading, format!("tiered-topic:warning-signs:{EMERGENCY}\n"));
}

#[test]
fn check_notes_a_reworded_tier_heading_and_warns_on_an_old_style_topic() {
    let output = footcare()
        .arg("--content-dir")
        .arg(fixture("tiers"))
        .arg("check")
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    // Old topics still pass: what they lack is warned about, not refused.
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(
        out.contains(&format!(
            "tiered-topic.md:60: note: the `{{#emergency}}` heading says \"Ring for help\", \
             but footcare shows every topic's emergency tier as \"{EMERGENCY}\""
        )),
        "{out}"
    );
    assert!(!out.contains("routine` heading says"), "{out}");
    assert!(
        out.contains("tiered-topic: grade") && out.contains(": 0 errors, 0 warnings\n"),
        "{out}"
    );
    for missing in ["key-points", "outlook", "questions"] {
        assert!(
            out.contains(&format!(
                "flat-warnings.md: warning: missing section `{missing}`"
            )),
            "{missing}: {out}"
        );
    }
    // A condition needs no checklist for before surgery.
    assert!(!out.contains("flat-warnings.md: warning: missing section `preparing`"));
    assert!(
        out.contains("flat-warnings.md:32: warning: the warning signs are not in three tiers"),
        "{out}"
    );
    assert!(out.contains("flat-warnings: grade"), "{out}");
    assert!(
        out.ends_with("2 topics checked: 0 errors, 4 warnings\n"),
        "{out}"
    );
    // The old topic is still shown as it is.
    let shown = in_tiers(&["show", "flat-warnings", "-s", "warning-signs", "--plain"]);
    assert_eq!(
        shown,
        "Warning signs\n- Call your doctor if the pain gets worse.\n"
    );
}

#[test]
fn a_reviewer_is_named_only_where_the_topic_names_one() {
    let handout = in_tiers(&["export", "tiered-topic", "--format", "html"]);
    assert!(
        handout.contains("Medical review: Dr A. Example, test fixture"),
        "{handout}"
    );
    let plain = in_tiers(&["show", "tiered-topic", "--plain"]);
    assert!(plain.contains("\nMedical review: Dr A. Example, test fixture\n"));
    let old = in_tiers(&["export", "flat-warnings", "--format", "html"]);
    assert!(!old.contains("Medical review"), "{old}");
    let check = in_tiers(&["check"]);
    assert!(!check.contains("tiered-topic.md:7: note: no `reviewed-by`"));
    assert!(
        check.contains("flat-warnings.md:5: note: no `reviewed-by`"),
        "{check}"
    );
}

#[test]
fn a_page_read_without_a_date_shows_when_it_was_read() {
    let plain = in_tiers(&["show", "tiered-topic", "--plain"]);
    assert!(
        plain.contains(
            "\n- A test page with no date of its own. footcare tests, accessed 2026-11-24. \
             https://footcare.test/test-page\n"
        ),
        "{plain}"
    );
    assert!(plain.contains(
        "\n- Example A, Sample B. A test article. Journal of Tests, 2025-05. doi:10.1000/test\n"
    ));
}

#[test]
fn a_source_without_a_date_or_a_place_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let topic = std::fs::read_to_string(fixture("tiers").join("flat-warnings.md")).unwrap();
    let undated = topic.replace("    date: 2026-01\n", "");
    std::fs::write(dir.path().join("undated.md"), undated).unwrap();
    let nowhere = topic.replace("    publisher: footcare tests\n", "");
    std::fs::write(dir.path().join("nowhere.md"), nowhere).unwrap();
    footcare()
        .arg("--content-dir")
        .arg(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "undated.md:7: error: source 1 (\"Test source\") needs `date:`",
        ))
        .stdout(predicate::str::contains(
            "nowhere.md:7: error: source 1 (\"Test source\") needs `journal:`",
        ));
}
