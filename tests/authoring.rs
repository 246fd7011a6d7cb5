//! A clinic's content author at work: `new`, edit, `check`, `show` and `export`, and the
//! ways a half-written or broken page is stopped before it reaches a patient.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{fixture, footcare, Clinic};
use predicates::prelude::*;

/// A finished topic that passes `check` with no errors and no warnings.
fn finished_topic() -> String {
    fs::read_to_string(fixture("check-broken").join("clean-topic.md")).unwrap()
}

/// The lines of `check` output that are errors, warnings or notes.
fn findings(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|line| {
            [": error: ", ": warning: ", ": note: "]
                .iter()
                .any(|l| line.contains(l))
        })
        .map(str::to_string)
        .collect()
}

const STANDARD_SECTIONS: &str = "key-points, overview, indications, preparing, procedure, \
                                 recovery, outlook, risks, warning-signs, questions, disclaimer";

/// The front-matter fields a search looks in, as its messages list them.
const FIELDS: &str = "title, summary, aliases, tags";

#[test]
fn the_untouched_template_fails_check_naming_each_placeholder_and_its_line() {
    let clinic = Clinic::new();
    clinic
        .footcare()
        .args(["new", "heel-pad-bruise", "--kind", "condition"])
        .assert()
        .success();
    let output = clinic.footcare().args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let file = clinic.file("heel-pad-bruise.md");
    let found = findings(&output.stdout);
    for expected in [
        format!(
            "{file}:3: error: `summary` is the template's \"Say in one sentence what this topic \
             is about.\": say in one sentence of your own what the topic is about"
        ),
        format!(
            "{file}:5: error: the alias \"another name people type\" is the template's: list \
             other names readers type for the topic, or delete `aliases`"
        ),
        format!(
            "{file}:9: error: source 1's title \"Title of the source\" is the template's: give \
             the title the source itself has"
        ),
        format!(
            "{file}:9: error: source 1's publisher \"Who published it\" is the template's: name \
             who published it"
        ),
        format!(
            "{file}:9: error: source 1's url https://example.org/replace-with-the-source is an \
             example address, not a source: give the address the facts come from"
        ),
        format!(
            "{file}:17: error: \"Say what this is.\" is the template's placeholder: write the \
             topic's own words here, from its sources"
        ),
        format!(
            "{file}:48: error: \"Write one risk here, as a whole sentence.\" is the template's \
             placeholder: write the topic's own words here, from its sources"
        ),
    ] {
        assert!(
            found.contains(&expected),
            "{expected}\nnot in:\n{}",
            found.join("\n")
        );
    }
    // Each line where the template asks its author to say or write something is named,
    // and the disclaimer, which stays, is not.
    let written = fs::read_to_string(clinic.path().join("heel-pad-bruise.md")).unwrap();
    for (number, line) in (1..).zip(written.lines()) {
        let text = line.trim_start_matches(|c: char| "-0123456789. ".contains(c));
        let named = found
            .iter()
            .any(|l| l.starts_with(&format!("{file}:{number}: error: ")));
        if text.starts_with("Say ") || text.starts_with("Write ") {
            assert!(
                named,
                "line {number} {line:?} not named:\n{}",
                found.join("\n")
            );
        }
    }
    assert!(!found.iter().any(|l| l.contains("general information only")));
}

#[test]
fn a_source_at_an_example_address_fails_check() {
    let clinic = Clinic::new();
    for domain in ["example.com", "www.example.net"] {
        let topic = finished_topic().replace(
            "    publisher: footcare tests\n    date: 2026-01\n",
            &format!("    publisher: footcare tests\n    date: 2026-01\n    url: https://{domain}/page\n"),
        );
        clinic.write("clean-topic.md", &topic);
        clinic
            .footcare()
            .args(["check", &clinic.file("clean-topic.md")])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!(
                "{}:9: error: source 1's url https://{domain}/page is an example address, not a \
                 source: give the address the facts come from\n",
                clinic.file("clean-topic.md")
            )));
    }
}

#[test]
fn new_for_a_built_in_slug_refuses_and_leaves_the_built_in_in_place() {
    let clinic = Clinic::new();
    clinic
        .footcare()
        .args(["new", "calf-strain"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: `calf-strain` is already a topic, from <built-in>/calf-strain.md: a new file \
             would replace it for every reader\n  choose another slug, or add --replace to write \
             one that replaces it\n",
        );
    assert!(!clinic.path().join("calf-strain.md").exists());
    clinic
        .footcare()
        .args(["show", "calf-strain", "--plain"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Calf strain\nA pulled calf muscle",
        ));
}

#[test]
fn a_topic_that_replaces_another_is_written_only_on_purpose_and_said_so() {
    let clinic = Clinic::new();
    clinic
        .footcare()
        .args(["new", "calf-strain", "--replace", "--kind", "condition"])
        .assert()
        .success()
        .stdout(format!("{}\n", clinic.file("calf-strain.md")));
    clinic.write(
        "calf-strain.md",
        &finished_topic().replace("Clean topic", "Our calf strain"),
    );
    clinic
        .footcare()
        .args(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{}: note: replaces the topic `calf-strain` of <built-in>/calf-strain.md: readers \
             see this file in its place\n",
            clinic.file("calf-strain.md")
        )));
    // A script reading the page hears nothing of it...
    clinic
        .footcare()
        .args(["show", "calf-strain", "--plain"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Our calf strain\n"))
        .stderr("");
    // ... and a reader at a terminal is told in one line.
    let on_terminal = Command::new("script")
        .args([
            "-qec",
            &format!(
                "'{}' show calf-strain --plain >/dev/null",
                env!("CARGO_BIN_EXE_footcare")
            ),
            "/dev/null",
        ])
        .env("FOOTCARE_TOPICS_PATH", clinic.path())
        .env("TERM", "dumb")
        .output()
        .expect("util-linux `script` runs");
    assert_eq!(
        String::from_utf8_lossy(&on_terminal.stdout).replace("\r\n", "\n"),
        format!(
            "note: this is {}, which replaces <built-in>/calf-strain.md\n",
            clinic.file("calf-strain.md")
        )
    );
}

#[test]
fn replace_writes_only_where_the_new_file_would_win() {
    let clinic = Clinic::new();
    clinic.write("heel-wrap.md", &finished_topic());
    // With no later folder, --replace is not offered, and does not help.
    for replace in [&[][..], &["--replace"]] {
        clinic
            .footcare()
            .args(["new", "heel-wrap"])
            .args(replace)
            .assert()
            .code(1)
            .stderr(format!(
                "error: `heel-wrap` is already a topic, from {file}, and no folder after it can \
                 hold one that replaces it\n  edit {file} instead, or add a folder after its \
                 own to FOOTCARE_TOPICS_PATH\n",
                file = clinic.file("heel-wrap.md")
            ));
    }
    assert_eq!(
        fs::read_to_string(clinic.path().join("heel-wrap.md")).unwrap(),
        finished_topic()
    );
}

#[test]
fn a_clinic_alias_that_a_built_in_topic_has_is_blamed_on_the_clinic_file_alone() {
    let clinic = Clinic::new();
    clinic.write(
        "clean-topic.md",
        &finished_topic().replace("[clean sample]", "[clean sample, heel pain surgery]"),
    );
    let output = clinic.footcare().args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors: Vec<String> = findings(&output.stdout)
        .into_iter()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(
        errors,
        [format!(
            "{}:5: error: the name `heel-pain-surgery` also belongs to plantar-fascia-release: \
             each slug, title and alias must name one topic, and `footcare show \
             heel-pain-surgery` opens clean-topic; take it out of `aliases`, or rename it",
            clinic.file("clean-topic.md")
        )]
    );
}

#[test]
fn a_name_two_topics_share_opens_by_the_documented_rule_with_a_warning() {
    let clinic = Clinic::new();
    clinic.write(
        "clean-topic.md",
        &finished_topic().replace("[clean sample]", "[clean sample, heel pain surgery]"),
    );
    clinic
        .footcare()
        .args(["show", "heel pain surgery", "--plain"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Clean topic\n"))
        .stderr(
            "warning: \"heel pain surgery\" is a name of 2 topics (clean-topic, \
             plantar-fascia-release): it opens clean-topic, as a clinic's topic comes before a \
             built-in one; `footcare check` reports the clash\n",
        );
    // A slug always opens its own topic, whoever else has it as an alias.
    clinic.write(
        "clean-topic.md",
        &finished_topic().replace("[clean sample]", "[calf strain]"),
    );
    clinic
        .footcare()
        .args(["show", "calf-strain", "--plain"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Calf strain\n"));
}

#[test]
fn export_of_a_topic_that_fails_check_exits_1_and_lists_the_errors() {
    let clinic = Clinic::new();
    let no_risks = finished_topic()
        .replace(
            "## Risks\n\n- It can come back if you rush.\n- You may feel stiff for a while.\n\n",
            "",
        )
        .replace("reviewed: 2026-11-01", "reviewed: 2099-01-01");
    clinic.write("clean-topic.md", &no_risks);
    let file = clinic.file("clean-topic.md");
    let handout = clinic.path().join("handout.html");
    for args in [
        &["export", "clean-topic"][..],
        &["export", "clean-topic", "-o", "handout.html"],
    ] {
        clinic
            .footcare()
            .current_dir(clinic.path())
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::ends_with(format!(
                "{file}: error: missing section `risks`: add it, as `## Risks`; a topic has \
                 {STANDARD_SECTIONS}\n{file}:7: error: reviewed 2099-01-01 is in the future \
                 (today is {today}): give the day the topic was last checked\nerror: clean-topic was \
                 not exported: it has 2 errors, listed above\n  fix them, and run `footcare \
                 check {file}`; or add --ignore-check to export it as it is\n",
                today = today()
            )));
        assert!(!handout.exists());
    }
    // On purpose, it is exported as it is, and said so.
    clinic
        .footcare()
        .args(["export", "clean-topic", "--ignore-check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!DOCTYPE html>"))
        .stderr(predicate::str::ends_with(
            "warning: exporting clean-topic with 2 errors, as --ignore-check asks\n",
        ));
}

/// Today, as footcare's messages give it.
fn today() -> String {
    let out = Command::new("date").arg("+%Y-%m-%d").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn export_tells_of_warnings_and_still_exports() {
    let clinic = Clinic::new();
    let no_questions = finished_topic().replace(
        "## Questions to ask your doctor {#questions}\n\n- When can I run again?\n- What should I \
         do if it hurts?\n- Do I need a scan?\n- Who do I call at night?\n\n",
        "",
    );
    clinic.write("clean-topic.md", &no_questions);
    clinic
        .footcare()
        .args(["export", "clean-topic", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Clean topic\n"))
        .stderr(format!(
            "{}: warning: missing section `questions`: give 4 to 6 questions to ask your \
             doctor\n",
            clinic.file("clean-topic.md")
        ));
}

#[test]
fn export_never_overwrites_a_handout_without_force() {
    let clinic = Clinic::new();
    let handout = clinic.write("handout.html", "an older handout");
    clinic
        .footcare()
        .current_dir(clinic.path())
        .args(["export", "calf-strain", "-o", "handout.html"])
        .assert()
        .code(1)
        .stderr(
            "error: handout.html already exists: add --force to replace it, or choose another \
             file\n",
        );
    assert_eq!(fs::read_to_string(&handout).unwrap(), "an older handout");
    clinic
        .footcare()
        .current_dir(clinic.path())
        .args(["export", "calf-strain", "-o", "handout.html", "--force"])
        .assert()
        .success();
    assert!(fs::read_to_string(&handout)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
}

#[test]
fn check_of_files_or_a_folder_checks_just_those() {
    let clinic = Clinic::new();
    clinic.write("clean-topic.md", &finished_topic());
    clinic.write("broken.md", "---\ntitle: Broken\n---\n");
    let other = tempfile::tempdir().unwrap();
    fs::write(other.path().join("loose-topic.md"), finished_topic()).unwrap();
    let summary = |stdout: &[u8]| {
        let text = String::from_utf8_lossy(stdout).into_owned();
        text.lines().last().unwrap_or_default().to_string()
    };
    let one = clinic
        .footcare()
        .current_dir(clinic.path())
        .args(["check", "clean-topic.md"])
        .output()
        .unwrap();
    assert!(one.status.success());
    assert_eq!(
        summary(&one.stdout),
        "1 topic checked: 0 errors, 0 warnings"
    );
    // A patch is checked with the topic it adds to.
    clinic.write(
        "calf-strain.patch.md",
        "## Recovery\n\nWe see you again in 2 weeks.\n",
    );
    let patch = clinic
        .footcare()
        .current_dir(clinic.path())
        .args(["check", "calf-strain.patch.md"])
        .output()
        .unwrap();
    assert!(patch.status.success());
    let patch = String::from_utf8_lossy(&patch.stdout).into_owned();
    assert!(patch.contains("\ncalf-strain: grade"), "{patch}");
    // The built-in topic has a Spanish page too, which an English patch does not reach.
    assert!(
        patch.contains(
            "calf-strain.patch.md: warning: adds to one page only: the Spanish page is shown \
             without it"
        ),
        "{patch}"
    );
    assert!(
        patch.ends_with("1 topic (2 pages) checked: 0 errors, 1 warning\n"),
        "{patch}"
    );
    // A file in no folder footcare reads is checked all the same.
    let loose = footcare()
        .arg("check")
        .arg(other.path().join("loose-topic.md"))
        .output()
        .unwrap();
    assert!(
        loose.status.success(),
        "{}",
        String::from_utf8_lossy(&loose.stdout)
    );
    assert!(String::from_utf8_lossy(&loose.stdout).contains("loose-topic: grade"));
    let folder = clinic
        .footcare()
        .arg("check")
        .arg(clinic.path())
        .output()
        .unwrap();
    assert_eq!(folder.status.code(), Some(1));
    // Its two topic files, and the topic its patch adds to.
    assert_eq!(
        summary(&folder.stdout),
        "3 topics (4 pages) checked: 3 errors, 1 warning"
    );
    let folder = String::from_utf8_lossy(&folder.stdout).into_owned();
    assert!(!folder.contains("plantar-fascia-release"), "{folder}");
    footcare()
        .current_dir(clinic.path())
        .args(["check", "no-such-topic.md"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: cannot check no-such-topic.md: no such file or folder\n");
    clinic.write("notes.txt", "not a topic");
    footcare()
        .current_dir(clinic.path())
        .args(["check", "notes.txt"])
        .assert()
        .code(1)
        .stderr(
            "error: notes.txt is not a topic file or a patch: check a file named like \
             calf-strain.md, calf-strain.yaml or calf-strain.patch.md, or a folder of them\n",
        );
}

#[test]
fn show_and_export_preview_a_topic_file_that_is_in_no_folder() {
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("heel-wrap.md");
    fs::write(&file, finished_topic().replace("Clean topic", "Heel wrap")).unwrap();
    footcare()
        .args(["show", "--plain", "--file"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Heel wrap\n"));
    footcare()
        .args(["export", "--format", "markdown", "--file"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Heel wrap\n"));
    footcare()
        .current_dir(elsewhere.path())
        .args(["show", "--file", "missing.md"])
        .assert()
        .code(1)
        .stderr("error: cannot read missing.md: no such file\n");
}

#[test]
fn check_names_every_problem_of_a_file_in_one_run() {
    let clinic = Clinic::new();
    clinic.write(
        "many-slips.md",
        "---\ntitle: Many slips\nsumary: A topic.\nkind: condition\nreviewed: 2026-13-01\n---\n\
         # Many slips\n\n## Overview\n\nText.\n\n## Risk\n\n- A risk.\n",
    );
    let file = clinic.file("many-slips.md");
    clinic
        .footcare()
        .args(["check", &file])
        .assert()
        .code(1)
        .stdout(format!(
            "{file}:3: error: unknown field `sumary`: did you mean `summary`?\n\
             {file}:5: error: `reviewed`: invalid date `2026-13-01`: write a real calendar date \
             as YYYY-MM-DD\n\
             {file}:7: error: a level-1 heading: the title belongs in the front matter's \
             `title`, and each section starts with `## `\n\
             {file}:13: error: `risk` is not a standard section: to add to `risks`, write its \
             heading as `## Risks`; for a section of your own, give it a key that is not a slip \
             for a standard one, as in `## Heading {{#our-risk}}`\n\
             many-slips: not measured: 4 errors, 0 warnings\n\
             1 topic checked: 4 errors, 0 warnings\n"
        ));
}

#[test]
fn yaml_mistakes_are_explained_in_plain_words_at_their_line() {
    let clinic = Clinic::new();
    let head = "title: Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\n";
    let cases = [
        (
            format!("{head}aliases:\n\t- wrap\n"),
            "6: error: this line is indented with a tab: YAML allows only spaces for \
             indentation; replace the tab with spaces",
        ),
        (
            format!("{head}tags: [foot, heel\n"),
            "5: error: the list that starts here with `[` is never closed: end it with `]` on \
             the same line, and put quotes around an item that holds a comma or a bracket",
        ),
        (
            "title: \"Heel wrap\nsummary: A wrap.\nkind: condition\nreviewed: 2026-11-01\n"
                .to_string(),
            "1: error: the quote `\"` on line 1 opens a value that never ends: close it with \
             `\"` where the value ends, and write a `\"` inside it as `\\\"`",
        ),
        (
            format!("{head}sections:\n  overview: Text.\n  sources: More text.\n"),
            "7: error: `sources` is a reserved name, not a section's: give the section a key of \
             its own under `sections`, such as `aftercare:`",
        ),
        (
            format!("{head}sumary: A wrap.\n"),
            "5: error: unknown field `sumary`: did you mean `summary`?",
        ),
    ];
    for (text, expected) in cases {
        clinic.write("heel-wrap.yaml", &text);
        let file = clinic.file("heel-wrap.yaml");
        let output = clinic.footcare().args(["check", &file]).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let found = findings(&output.stdout);
        assert!(
            found.contains(&format!("{file}:{expected}")),
            "{expected}\nnot in:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn section_slips_get_a_did_you_mean_and_headings_and_sources_name_sections() {
    let sections = "key-points, overview, indications, procedure, recovery, outlook, risks, \
                    warning-signs, questions, disclaimer, sources";
    for (typed, meant) in [("risk", "risks"), ("warning sign", "warning-signs")] {
        footcare()
            .args(["show", "calf-strain", "--section", typed])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "error: calf-strain has no section called \"{typed}\"\n  did you mean \
                 {meant}?\n  its sections are: {sections}\n"
            ));
    }
    // A heading as the reader sees it names its section.
    footcare()
        .args([
            "show",
            "calf-strain",
            "--plain",
            "--section",
            "questions to ask your doctor",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Questions to ask your doctor\n- ",
        ));
    footcare()
        .args(["show", "calf-strain", "--plain", "--section", "sources"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Sources\n- Soft Tissue Injury: Calf Strain.",
        ));
}

#[test]
fn show_and_export_say_nothing_about_broken_files_beside_the_topic() {
    let clinic = Clinic::new();
    clinic.write("broken.md", "---\ntitle: Broken\n---\n");
    clinic.write("clean-topic.md", &finished_topic());
    for args in [
        &["show", "clean-topic", "--plain"][..],
        &["show", "clean sample", "--plain"],
        &["export", "clean-topic"],
    ] {
        clinic.footcare().args(args).assert().success().stderr("");
    }
}

#[test]
fn a_broken_patch_leaves_its_topic_shown_with_one_warning_and_fails_check() {
    let clinic = Clinic::new();
    let patch = clinic.file("calf-strain.patch.md");
    clinic.write(
        "calf-strain.patch.md",
        "## Risk\n\n- A risk our clinic adds.\n",
    );
    clinic
        .footcare()
        .args(["show", "calf-strain", "--plain", "--section", "risks"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("Risks\n- ")
                .and(predicate::str::contains("our clinic").not()),
        )
        .stderr(format!(
            "warning: {patch}:1: `risk` is not a standard section: to add to `risks`, write its \
             heading as `## Risks`; for a section of your own, give it a key that is not a slip \
             for a standard one, as in `## Heading {{#our-risk}}` (left out: showing calf-strain without this patch; \
             `footcare check` lists its problems)\n"
        ));
    let check = clinic.footcare().args(["check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains(&format!(
            "{patch}:1: error: `risk` is not a standard section"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("calf-strain: grade"), "{stdout}");
    assert!(
        stdout.ends_with("3 topics (6 pages) checked: 1 error, 0 warnings\n"),
        "{stdout}"
    );
    clinic
        .footcare()
        .args(["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("calf-strain\tCalf strain\t"));
}

#[test]
fn a_clinics_own_sections_reach_every_output_in_file_order() {
    let clinic = Clinic::new();
    clinic.write(
        "clean-topic.md",
        &finished_topic().replace(
            "## Disclaimer",
            "## Our ward {#our-ward}\n\nPhone the ward if you are worried.\n\n## Disclaimer",
        ),
    );
    clinic.write(
        "clean-topic.patch.md",
        "## Parking {#parking}\n\nPark in the blue car park.\n",
    );
    clinic.footcare().args(["check"]).assert().success();
    let plain = clinic
        .footcare()
        .args(["show", "clean-topic", "--plain"])
        .output()
        .unwrap();
    let plain = String::from_utf8_lossy(&plain.stdout);
    let at = |text: &str| {
        plain
            .find(text)
            .unwrap_or_else(|| panic!("{text} not in:\n{plain}"))
    };
    assert!(at("Questions to ask your doctor") < at("Our ward"));
    assert!(at("Our ward") < at("Parking"));
    assert!(at("Parking") < at("Disclaimer"));
    clinic
        .footcare()
        .args([
            "show",
            "clean-topic",
            "--plain",
            "--section",
            "parking",
            "--section",
            "Our ward",
        ])
        .assert()
        .success()
        .stdout(
            "Parking\nPark in the blue car park.\n\nOur ward\nPhone the ward if you are worried.\n",
        );
    let json = clinic
        .footcare()
        .args([
            "show",
            "clean-topic",
            "--format",
            "json",
            "--section",
            "our-ward",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["sections"][0]["key"], "our-ward");
    assert_eq!(json["sections"][0]["title"], "Our ward");
    let handout = clinic
        .footcare()
        .args(["export", "clean-topic"])
        .output()
        .unwrap();
    let handout = String::from_utf8_lossy(&handout.stdout);
    assert!(
        handout.contains("<section class=\"our-ward\">"),
        "{handout}"
    );
    assert!(handout.contains("<section class=\"parking\">"), "{handout}");
    clinic
        .footcare()
        .args(["search", "blue car park", "--section", "parking"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("clean-topic:parking:"));
}

#[test]
fn a_clinics_section_may_not_be_empty_or_take_a_reserved_name() {
    let clinic = Clinic::new();
    let file = clinic.file("clean-topic.md");
    for (added, line, message) in [
        (
            "## Our ward {#our-ward}\n\n",
            72,
            "error: section `our-ward` is empty: write it, or delete it",
        ),
        (
            "## Where we got this {#sources}\n\nOur notes.\n\n",
            72,
            "error: `sources` is a reserved name, not a section's: give the section a key of \
             its own, as in `## Heading {#aftercare}`",
        ),
    ] {
        clinic.write(
            "clean-topic.md",
            &finished_topic().replace("## Disclaimer", &format!("{added}## Disclaimer")),
        );
        clinic
            .footcare()
            .args(["check", &file])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!(
                "{file}:{line}: {message}\n"
            )));
    }
}

#[test]
fn check_says_why_a_path_gave_nothing_to_check() {
    let first = Clinic::new();
    let later = Clinic::new();
    first.write("clean-topic.md", &finished_topic());
    later.write("clean-topic.md", &finished_topic());
    let empty = tempfile::tempdir().unwrap();
    // A bare file name is read in its own folder's place among the folders, too.
    for named in [first.file("clean-topic.md"), "clean-topic.md".to_string()] {
        footcare()
            .current_dir(first.path())
            .env(
                "FOOTCARE_TOPICS_PATH",
                format!("{}:{}", first.path().display(), later.path().display()),
            )
            .args(["check", &named])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "error: {named} is not read: {winner}, in a later folder, has the same slug and \
                 replaces it\n  check {winner} instead, or rename one of them\n",
                winner = later.file("clean-topic.md")
            ));
    }
    footcare()
        .arg("check")
        .arg(empty.path())
        .assert()
        .code(1)
        .stderr(format!(
            "error: {} holds no topic files or patches: a topic file is named like \
             calf-strain.md or calf-strain.yaml\n",
            empty.path().display()
        ));
}

#[test]
fn a_slip_for_a_standard_section_is_an_error_but_a_name_of_its_own_is_not() {
    let clinic = Clinic::new();
    let readme_yaml = finished_topic();
    // In Markdown, a heading that only shares a word with a standard one is the clinic's.
    clinic.write(
        "clean-topic.md",
        &readme_yaml.replace(
            "## Disclaimer",
            "## Recovery at home\n\nRest at home.\n\n## Questions for the nurse\n\n- Who?\n\n\
             ## Medications\n\nTake your tablets.\n\n## Key joints\n\nKnees.\n\n## Disclaimer",
        ),
    );
    clinic
        .footcare()
        .args(["check", &clinic.file("clean-topic.md")])
        .assert()
        .success();
    clinic
        .footcare()
        .args(["search", "rest at home", "--section", "recovery-at-home"])
        .assert()
        .success()
        .stdout("clean-topic:recovery-at-home:Rest at home.\n");
    // In YAML, a misspelt key is named at its line.
    let yaml = "title: Heel wrap\nsummary: A wrap for your heel.\nkind: condition\n\
                reviewed: 2026-11-01\nsections:\n  overview: You wrap your heel.\n  \
                questons: |\n    - Who?\n";
    clinic.write("heel-wrap.yaml", yaml);
    let file = clinic.file("heel-wrap.yaml");
    clinic
        .footcare()
        .args(["check", &file])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "{file}:7: error: `questons` is not a standard section: to fill `questions`, write \
             `questions:`; for a section of your own, give it a key that is not a slip for a \
             standard one, such as `our-questons:`\n"
        )));
    // A section no topic has is a mistake, as a search for it would find nothing.
    footcare()
        .args(["search", "pain", "--section", "nonsense"])
        .assert()
        .code(2)
        .stderr(format!(
            "error: no topic has a section called \"nonsense\"\n  the standard sections are: \
             {STANDARD_SECTIONS}\n  the front matter's fields are: {FIELDS}\n"
        ));
}

#[test]
fn new_refuses_a_slug_that_another_topic_has_as_a_name() {
    let clinic = Clinic::new();
    clinic
        .footcare()
        .args(["new", "plantar-fasciotomy"])
        .assert()
        .code(1)
        .stderr(
            "error: `plantar-fasciotomy` is already a name of the topic plantar-fascia-release, \
             from <built-in>/plantar-fascia-release.md: a topic with this slug would take the \
             name from it\n  choose another slug\n",
        );
    assert!(!clinic.path().join("plantar-fasciotomy.md").exists());
    // A built-in topic's names cannot be edited, so the clash could never be fixed.
    clinic
        .footcare()
        .args(["new", "plantar-fasciotomy", "--replace"])
        .assert()
        .code(1);
    assert!(!clinic.path().join("plantar-fasciotomy.md").exists());
}

#[test]
fn export_refuses_a_topic_whose_name_another_topic_has() {
    let clinic = Clinic::new();
    clinic.write(
        "clean-topic.md",
        &finished_topic().replace("[clean sample]", "[clean sample, plantar fasciotomy]"),
    );
    clinic
        .footcare()
        .args(["export", "clean-topic"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "{file}:5: error: the name `plantar-fasciotomy` also belongs to \
             plantar-fascia-release: each slug, title and alias must name one topic, and \
             `footcare show plantar-fasciotomy` opens clean-topic; take it out of `aliases`, or \
             rename it\nerror: clean-topic was not exported: it has 1 error, listed above\n  fix \
             it, and run `footcare check {file}`; or add --ignore-check to export it as it is\n",
            file = clinic.file("clean-topic.md")
        ));
}

#[test]
fn check_of_several_files_checks_them_together_once() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    fs::write(one.path().join("heel-wrap.md"), finished_topic()).unwrap();
    fs::write(two.path().join("heel-pad.md"), finished_topic()).unwrap();
    let first = one.path().join("heel-wrap.md");
    let output = footcare()
        .arg("check")
        .arg(&first)
        .arg(two.path().join("heel-pad.md"))
        // The same file again, spelt another way, is checked once.
        .arg(one.path().join(".").join("heel-wrap.md"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Two files from folders footcare does not read still may not share a name.
    assert!(
        stdout.contains(&format!(
            "{}:2: error: the name `clean-topic` also belongs to heel-pad",
            first.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("2 topics checked: 4 errors, 0 warnings\n"),
        "{stdout}"
    );
}

#[test]
fn check_of_a_folder_reports_a_link_that_leads_out_of_it() {
    let clinic = Clinic::new();
    std::os::unix::fs::symlink("/etc/hostname", clinic.path().join("secret.md")).unwrap();
    let output = footcare().arg("check").arg(clinic.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!("{}: error: ", clinic.file("secret.md"))),
        "{stdout}"
    );
}

/// Checks a clinic's patch to calf-strain holding `text`, which must fail with each of
/// `errors` (their text after `FILE:`), in order.
fn patch_fails_check_with(text: &str, errors: &[&str]) {
    let clinic = Clinic::new();
    let patch = clinic.write("calf-strain.patch.md", text);
    let file = clinic.file("calf-strain.patch.md");
    let expected: String = errors.iter().map(|e| format!("{file}:{e}\n")).collect();
    clinic
        .footcare()
        .arg("check")
        .arg(&patch)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(expected));
}

#[test]
fn a_patch_with_front_matter_is_told_what_a_patch_holds() {
    patch_fails_check_with(
        "---\ntitle: x\n---\n## Recovery\n\nMore.\n",
        &[
            "1: error: a patch has no front matter: it holds only `## ` sections, each added to \
           the topic's section of the same key; take out the lines from `---` to `---`",
        ],
    );
}

#[test]
fn show_file_says_what_is_wrong_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("drafts.md")).unwrap();
    fs::write(dir.path().join("notes.txt"), "Not a topic.").unwrap();
    for (file, message) in [
        (
            "drafts.md",
            "error: drafts.md is a folder: give one topic file, or check the folder with \
             `footcare check drafts.md`\n",
        ),
        (
            "nowhere/x.md",
            "error: cannot read nowhere/x.md: no such file\n",
        ),
        (
            "notes.txt",
            "error: notes.txt is not a topic file: a topic file is named like calf-strain.md \
             or calf-strain.yaml\n",
        ),
    ] {
        footcare()
            .current_dir(dir.path())
            .args(["show", "--file", file])
            .assert()
            .code(1)
            .stderr(message);
    }
}

#[test]
fn a_slip_is_refused_however_its_key_is_written() {
    patch_fails_check_with(
        "## At our clinic {#recovry}\n\nWe see you at 2 weeks.\n\n## Later {#outlok}\n\nFine.\n",
        &[
            "1: error: `recovry` is not a standard section: to add to `recovery`, write its \
             heading as `## Recovery`; for a section of your own, give it a key that is not a \
             slip for a standard one, as in `## Heading {#our-recovry}`",
            "5: error: `outlok` is not a standard section: to add to `outlook`, write its \
             heading as `## Your heading {#outlook}`; for a section of your own, give it a key \
             that is not a slip for a standard one, as in `## Heading {#our-outlok}`",
        ],
    );
    footcare()
        .args(["search", "nerve", "--section", "warning"])
        .assert()
        .code(2)
        .stderr(format!(
            "error: no topic has a section called \"warning\"\n  did you mean warning-signs?\n  \
             the standard sections are: {STANDARD_SECTIONS}\n  the front matter's fields \
             are: {FIELDS}\n"
        ));
}

#[test]
fn export_file_of_a_topics_draft_is_not_a_clash_with_the_topic() {
    let drafts = tempfile::tempdir().unwrap();
    let draft = drafts.path().join("calf-strain.md");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    fs::copy(content.join("calf-strain.md"), &draft).unwrap();
    // With the drawing it shows, beside it as in the content folder.
    fs::create_dir(drafts.path().join("pictures")).unwrap();
    fs::copy(
        content.join("pictures/calf-strain.svg"),
        drafts.path().join("pictures/calf-strain.svg"),
    )
    .unwrap();
    footcare()
        .args(["export", "--file"])
        .arg(&draft)
        .assert()
        .success()
        .stderr("");
}

#[test]
fn check_of_files_in_folders_named_only_here_checks_each_whatever_the_order() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let topic = finished_topic();
    fs::write(a.path().join("heel.md"), &topic).unwrap();
    // A topic of the same slug, and one of another, beside it in a folder named second.
    let other = |title: &str, alias: &str| {
        topic
            .replace("title: Clean topic", &format!("title: {title}"))
            .replace("[clean sample]", &format!("[{alias}]"))
    };
    fs::write(b.path().join("heel.md"), other("B heel", "b heel")).unwrap();
    fs::write(b.path().join("toe.md"), other("Toe", "toe sample")).unwrap();
    for order in [[&a, &b], [&b, &a]] {
        let (first, second) = (order[0].path(), order[1].path());
        let first_file = match first == a.path() {
            true => first.join("heel.md"),
            false => first.join("toe.md"),
        };
        let second_file = match second == a.path() {
            true => second.join("heel.md"),
            false => second.join("toe.md"),
        };
        let output = footcare()
            .arg("check")
            .arg(&first_file)
            .arg(&second_file)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stdout}");
        assert!(
            stdout.ends_with("2 topics checked: 0 errors, 0 warnings\n"),
            "{stdout}"
        );
    }
    // A folder spelt with a doubled or trailing slash is the same folder.
    let doubled = format!("{}//", a.path().display());
    footcare()
        .args(["check", &doubled])
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "1 topic checked: 0 errors, 0 warnings\n",
        ));
}

#[test]
fn check_of_a_file_reports_a_second_file_of_its_topic_beside_it() {
    let clinic = Clinic::new();
    let topic = clinic.write("clean-topic.md", &finished_topic());
    clinic.write("clean-topic.yaml", "title: Clean topic\n");
    footcare()
        .arg("check")
        .arg(&topic)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}: error: {} defines the same topic; keep one of the two files\n",
            clinic.file("clean-topic.yaml"),
            clinic.file("clean-topic.md")
        )));
}

#[test]
fn folders_given_by_hand_must_be_there_and_a_folder_is_no_file_to_write() {
    let clinic = Clinic::new();
    let topic = clinic.write("clean-topic.md", &finished_topic());
    footcare()
        .current_dir(clinic.path())
        .args(["--content-dir", "no-such-folder", "check"])
        .arg(&topic)
        .assert()
        .code(1)
        .stderr(
            "error: the content folder no-such-folder does not exist or is not a folder (set \
             by --content-dir or FOOTCARE_CONTENT_DIR)\n",
        );
    fs::create_dir(clinic.path().join("handouts")).unwrap();
    for args in [
        &["show", "--file", "handouts"][..],
        &["export", "calf-strain", "-o", "handouts"],
    ] {
        let expected = match args[0] {
            "show" => {
                "error: handouts is a folder: give one topic file, or check the folder \
                       with `footcare check handouts`\n"
            }
            _ => {
                "error: handouts is a folder: give a file name, as in -o \
                  handouts/handout.html\n"
            }
        };
        footcare()
            .current_dir(clinic.path())
            .args(args)
            .assert()
            .code(1)
            .stderr(expected);
    }
}
