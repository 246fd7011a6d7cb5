//! The clinic profile and pictures, through the binary: where the profile is read from,
//! the numbers it puts under the warning signs, how `check` and `export` treat a bad one,
//! and how a topic's pictures are shown and checked.

mod common;

use std::fs;
use std::path::Path;

use common::footcare;
use predicates::prelude::*;

const PROFILE: &str = "name: Lakeside Clinic\nphone: \"555 0100\"\n\
    after-hours-phone: \"555 0199\"\nemergency-number: \"112\"\n";

fn folder_with_profile(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("clinic.yaml"), text).unwrap();
    dir
}

/// `footcare check` with `topics_path` as the clinic folders: it must fail.
fn check_fails_in(topics_path: impl AsRef<std::ffi::OsStr>) -> assert_cmd::assert::Assert {
    footcare()
        .env("FOOTCARE_TOPICS_PATH", topics_path)
        .arg("check")
        .assert()
        .code(1)
}

fn show_warning_signs(cmd: &mut assert_cmd::Command) -> std::process::Output {
    cmd.args([
        "show",
        "calf-strain",
        "--section",
        "warning-signs",
        "--plain",
    ])
    .output()
    .unwrap()
}

fn warning_signs(cmd: &mut assert_cmd::Command) -> String {
    let output = show_warning_signs(cmd);
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn each_tier_names_the_profile_number_for_it() {
    let dir = folder_with_profile(PROFILE);
    let text = warning_signs(
        footcare()
            .arg("--clinic")
            .arg(dir.path().join("clinic.yaml")),
    );
    let lines: Vec<&str> = text.lines().collect();
    let after = |heading: &str| lines[lines.iter().position(|l| *l == heading).unwrap() + 1];
    assert_eq!(after("Call the emergency number now"), "Call 112.");
    assert_eq!(
        after("Call your doctor or surgeon now, day or night"),
        "Call Lakeside Clinic at 555 0199, day or night."
    );
    assert_eq!(
        after("Call during office hours, or watch closely"),
        "Call Lakeside Clinic at 555 0100."
    );
}

#[test]
fn without_a_profile_no_number_is_made_up() {
    let text = warning_signs(&mut footcare());
    assert!(text.contains("Call your local emergency number, such as 911 in the US."));
    let json = footcare()
        .args(["show", "calf-strain", "--format", "json"])
        .output()
        .unwrap();
    let topic: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let section = topic["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "warning-signs")
        .unwrap();
    for tier in section["tiers"].as_array().unwrap() {
        assert!(tier["number"].is_null(), "{tier}");
        assert!(tier["call"].as_str().unwrap().starts_with("Call your"));
    }
}

#[test]
fn the_last_topic_folder_with_a_profile_wins_then_the_configuration_folder() {
    let first = folder_with_profile("name: First\nphone: \"555 0001\"\n");
    let second = folder_with_profile("name: Second\nphone: \"555 0002\"\n");
    let empty = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    fs::create_dir(config.path().join("footcare")).unwrap();
    fs::write(
        config.path().join("footcare/clinic.yaml"),
        "name: Config\nphone: \"555 0003\"\n",
    )
    .unwrap();
    let path = std::env::join_paths([first.path(), second.path(), empty.path()]).unwrap();
    let with = |topics_path: &std::ffi::OsStr| {
        let mut cmd = footcare();
        cmd.env("FOOTCARE_TOPICS_PATH", topics_path)
            .env("XDG_CONFIG_HOME", config.path());
        cmd
    };
    assert!(warning_signs(&mut with(&path)).contains("Call Second at 555 0002."));
    assert!(warning_signs(&mut with(empty.path().as_os_str())).contains("Call Config at 555 0003."));
    let option = first.path().join("clinic.yaml");
    assert!(warning_signs(with(&path).arg("--clinic").arg(&option)).contains("Call First"));
    with(&path)
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{}\tclinic profile, from topic folder\n",
            second.path().join("clinic.yaml").display()
        )));
}

#[test]
fn a_profile_in_a_topic_folder_is_never_read_as_a_topic() {
    let dir = folder_with_profile(PROFILE);
    let listed = footcare()
        .env("FOOTCARE_TOPICS_PATH", dir.path())
        .args(["list", "--plain"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    assert!(
        listed.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 3);
    footcare()
        .env("FOOTCARE_TOPICS_PATH", dir.path())
        .args(["show", "clinic"])
        .assert()
        .code(1);
}

#[test]
fn check_names_each_problem_of_a_profile_at_its_line() {
    let dir = folder_with_profile("name: Lakeside\nphon: \"555 0100\"\nemergency-number: 911\n");
    let profile = dir.path().join("clinic.yaml");
    let shown = profile.display().to_string();
    for args in [
        vec!["check".to_string()],
        vec!["check".to_string(), shown.clone()],
    ] {
        footcare()
            .env("FOOTCARE_TOPICS_PATH", dir.path())
            .args(&args)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!(
                "{shown}:2: error: unknown key `phon`: did you mean `phone`?"
            )))
            .stdout(predicate::str::contains(format!(
                "{shown}:3: error: `emergency-number` must be written in quotes"
            )));
    }
}

#[test]
fn export_refuses_a_handout_with_a_broken_profile_and_show_warns() {
    let dir = folder_with_profile("phone: \"call us\"\n");
    let out = dir.path().join("h.html");
    footcare()
        .env("FOOTCARE_TOPICS_PATH", dir.path())
        .args(["export", "calf-strain", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "clinic.yaml:1: error: `phone` may hold only digits",
        ))
        .stderr(predicate::str::contains("calf-strain was not exported"));
    assert!(!out.exists());
    let text = warning_signs(footcare().env("FOOTCARE_TOPICS_PATH", dir.path()));
    assert!(text.contains("Call your care team's office."));
}

/// The HTML handout that `export ARGS -o FILE` writes.
fn exported_page(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handout.html");
    footcare()
        .arg("export")
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    fs::read_to_string(&out).unwrap()
}

#[test]
fn a_handout_of_some_sections_keeps_the_warning_signs_and_the_disclaimer() {
    let page = exported_page(&["calf-strain", "--section", "recovery", "--large-print"]);
    assert!(page.contains("<section class=\"recovery\">"));
    assert!(page.contains("<section class=\"warning-signs\">"));
    assert!(page.contains("<section class=\"disclaimer\">"));
    assert!(!page.contains("<section class=\"risks\">"));
    assert!(page.contains("font-size: 16pt"));
}

#[test]
fn export_all_keeps_existing_files_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.html"), "mine").unwrap();
    footcare()
        .args(["export", "--all", "-o"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("add --force"));
    assert_eq!(
        fs::read_to_string(dir.path().join("index.html")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("calf-strain.html").exists());
    footcare()
        .args(["export", "--all", "--force", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let index = fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(index.contains("<a href=\"calf-strain.html\">Calf strain</a>"));
}

/// A small, valid SVG picture at `path`.
fn write_svg(path: &Path) {
    fs::write(path, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
}

fn topic_with_picture(dir: &Path, picture: &str) {
    fs::write(
        dir.join("heel-pad.md"),
        format!(
            "---\ntitle: Heel pad bruise\nsummary: A bruised heel pad.\nkind: condition\n\
             reviewed: 2026-11-01\nsources:\n  - title: A page\n    publisher: A clinic\n    \
             date: 2025\n---\n## Overview\n\nThe pad under your heel.\n\n{picture}\n"
        ),
    )
    .unwrap();
}

#[test]
fn pictures_show_as_their_words_in_text_and_are_listed_in_json() {
    let dir = tempfile::tempdir().unwrap();
    write_svg(&dir.path().join("heel.svg"));
    topic_with_picture(dir.path(), "![The heel pad, from the side](heel.svg)");
    let cmd = || {
        let mut cmd = footcare();
        cmd.arg("--content-dir").arg(dir.path());
        cmd
    };
    cmd()
        .args(["show", "heel-pad", "--plain"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "[Picture: The heel pad, from the side]\n",
        ));
    let json = cmd()
        .args(["show", "heel-pad", "--format", "json"])
        .output()
        .unwrap();
    let topic: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        topic["pictures"],
        serde_json::json!([{"section": "overview", "path": "heel.svg", "alt": "The heel pad, from the side"}])
    );
}

#[test]
fn check_requires_words_an_existing_file_inside_the_folder_and_a_small_one() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("x.svg"), "<svg/>").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let big = format!("<svg>{}</svg>", " ".repeat(600 * 1024));
    fs::write(dir.path().join("big.svg"), big).unwrap();
    fs::write(dir.path().join("fake.png"), "<svg/>").unwrap();
    for (picture, problem) in [
        ("![](heel.svg)", "has no words to say what it shows"),
        (
            "![Heel](missing.svg)",
            "the picture missing.svg cannot be shown: no such file",
        ),
        ("![Heel](../x.svg)", "outside the topic's folder"),
        ("![Heel](big.svg)", "larger than 512 KiB"),
        ("![Heel](fake.png)", "not a PNG picture"),
        (
            "![Heel](https://example.org/x.svg)",
            "not a file beside the topic",
        ),
    ] {
        topic_with_picture(dir.path(), picture);
        footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .arg("check")
            .assert()
            .code(1)
            .stdout(predicate::str::contains(problem));
    }
}

#[test]
fn a_profile_that_cannot_be_read_in_the_last_folder_is_not_passed_over() {
    let first = folder_with_profile(PROFILE);
    let last = tempfile::tempdir().unwrap();
    fs::create_dir(last.path().join("clinic.yaml")).unwrap();
    let path = std::env::join_paths([first.path(), last.path()]).unwrap();
    let shown = show_warning_signs(footcare().env("FOOTCARE_TOPICS_PATH", &path));
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(!text.contains("Lakeside"), "{text}");
    assert!(String::from_utf8_lossy(&shown.stderr).contains("not a regular file"));
    check_fails_in(&path).stdout(predicate::str::contains(
        "clinic.yaml: error: not a regular file",
    ));
}

#[test]
fn a_topic_folder_profile_keeps_its_logo_inside_the_folder() {
    let outside = tempfile::tempdir().unwrap();
    let logo = outside.path().join("logo.svg");
    write_svg(&logo);
    let dir = folder_with_profile(&format!("name: X\nlogo: {}\n", logo.display()));
    check_fails_in(dir.path()).stdout(predicate::str::contains("outside the topic's folder"));
    // Named with --clinic, the profile is the reader's own, and its logo may be anywhere.
    footcare()
        .arg("--clinic")
        .arg(dir.path().join("clinic.yaml"))
        .arg("check")
        .assert()
        .success();
}

#[test]
fn check_of_a_folder_with_only_a_profile_checks_the_profile() {
    let dir = folder_with_profile("phone: \"12\"\n");
    footcare()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "clinic.yaml:1: error: `phone` has 2 digits",
        ))
        .stdout(predicate::str::contains(
            "0 topics and 1 clinic profile checked",
        ));
}

#[test]
fn a_clinic_patch_can_add_a_picture_to_a_built_in_topic() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pics")).unwrap();
    write_svg(&dir.path().join("pics/ours.svg"));
    fs::write(
        dir.path().join("calf-strain.patch.md"),
        "## Recovery\n\n![Our ward's exercise sheet](pics/ours.svg)\n",
    )
    .unwrap();
    let out = dir.path().join("h.html");
    footcare()
        .env("FOOTCARE_TOPICS_PATH", dir.path())
        .args(["export", "calf-strain", "-o"])
        .arg(&out)
        .assert()
        .success();
    let page = fs::read_to_string(&out).unwrap();
    assert_eq!(
        page.matches("<img src=\"data:image/svg+xml;base64,")
            .count(),
        2
    );
    assert!(page.contains("alt=\"Our ward&#39;s exercise sheet\""));
}

#[test]
fn a_handout_of_the_sources_alone_keeps_only_the_warning_signs_besides() {
    let page = exported_page(&["calf-strain", "--section", "sources"]);
    assert_eq!(page.matches("<section class=\"").count(), 3, "{page}");
    for kept in ["notes", "warning-signs", "disclaimer"] {
        assert!(
            page.contains(&format!("<section class=\"{kept}\">")),
            "{kept}"
        );
    }
    assert!(page.contains("<h2>Sources</h2>"));
}

#[test]
fn an_existing_output_is_refused_before_the_browser_is_started() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("f.pdf");
    fs::write(&out, "mine").unwrap();
    footcare()
        .env("FOOTCARE_BROWSER", "/bin/false")
        .args(["export", "calf-strain", "--format", "pdf", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists: add --force"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine");
}

#[test]
fn export_all_goes_on_past_a_broken_topic_and_then_fails_naming_it() {
    let topics = tempfile::tempdir().unwrap();
    fs::write(
        topics.path().join("calf-strain.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    footcare()
        .env("FOOTCARE_TOPICS_PATH", topics.path())
        .args(["export", "--all", "-o"])
        .arg(&site)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("calf-strain.md:2:"))
        .stderr(predicate::str::contains("2 handouts written to"))
        .stderr(predicate::str::contains(
            "for the problems listed above: calf-strain\n",
        ));
    assert!(site.join("plantar-fascia-release.html").exists());
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains("calf-strain"));
    assert!(index.contains("gastrocnemius-release.html"));
}

#[test]
fn a_topic_may_show_only_so_many_pictures() {
    let dir = tempfile::tempdir().unwrap();
    write_svg(&dir.path().join("heel.svg"));
    topic_with_picture(dir.path(), &"![Heel](heel.svg)\n\n".repeat(13));
    footcare()
        .arg("--content-dir")
        .arg(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("at most 12 pictures"));
}

#[test]
fn a_patch_picture_named_as_the_topics_own_is_blamed_on_the_patch_and_never_swapped() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pictures")).unwrap();
    write_svg(&dir.path().join("pictures/calf-strain.svg"));
    let patch = dir.path().join("calf-strain.patch.md");
    fs::write(
        &patch,
        "## Recovery\n\n![Our own drawing](pictures/calf-strain.svg)\n",
    )
    .unwrap();
    check_fails_in(dir.path()).stdout(predicate::str::contains(format!(
        "{}:3: error: the picture pictures/calf-strain.svg cannot be shown: a picture of \
             that name, from another folder",
        patch.display()
    )));
    let out = dir.path().join("h.html");
    footcare()
        .env("FOOTCARE_TOPICS_PATH", dir.path())
        .args(["export", "calf-strain", "--ignore-check", "-o"])
        .arg(&out)
        .assert()
        .success();
    let page = fs::read_to_string(&out).unwrap();
    assert!(
        !page.contains("<img"),
        "neither drawing is shown for the other"
    );
    assert!(page.contains("[Picture: Our own drawing]"));
}

#[test]
fn a_topic_and_its_patch_may_show_the_same_picture_from_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    write_svg(&dir.path().join("heel.svg"));
    topic_with_picture(dir.path(), "![Heel](heel.svg)");
    fs::write(
        dir.path().join("heel-pad.patch.md"),
        "## Overview\n\n![Heel again](heel.svg)\n",
    )
    .unwrap();
    footcare()
        .arg("--content-dir")
        .arg(dir.path())
        .args(["check", "--max-age", "100"])
        .assert()
        .stdout(predicate::str::contains("cannot be shown").not());
}

#[test]
fn a_profile_named_to_check_outside_the_topic_folders_may_have_its_logo_anywhere() {
    let outside = tempfile::tempdir().unwrap();
    let logo = outside.path().join("logo.svg");
    write_svg(&logo);
    let dir = folder_with_profile(&format!("name: X\nlogo: {}\n", logo.display()));
    footcare()
        .arg("check")
        .arg(dir.path().join("clinic.yaml"))
        .assert()
        .success();
}

#[test]
fn a_profile_key_is_quoted_in_messages_without_its_hidden_characters() {
    let dir = folder_with_profile("\"ph\\u202eone\": \"555 0100\"\n");
    let output = footcare()
        .arg("check")
        .arg(dir.path().join("clinic.yaml"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("unknown key `ph<U+202E>one`"), "{text}");
    assert!(!text.contains('\u{202e}'));
}

#[test]
fn a_profile_link_to_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/no/such/profile.yaml", dir.path().join("clinic.yaml")).unwrap();
    check_fails_in(dir.path()).stdout(predicate::str::contains(
        "a link to a file that does not exist",
    ));
}

#[test]
fn a_pdf_into_a_folder_that_does_not_exist_is_refused_before_printing() {
    let dir = tempfile::tempdir().unwrap();
    footcare()
        .env("FOOTCARE_BROWSER", "/bin/false")
        .args(["export", "calf-strain", "--format", "pdf", "-o"])
        .arg(dir.path().join("no/such/f.pdf"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no folder"));
}
