//! Fitting into people's habits: completions in a real bash, the man page through man, a
//! clinic's own topics layered on the built-in ones, new topics, and handouts.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use common::{fixture, footcare, on_path};
use predicates::prelude::*;

fn bin_dir() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_footcare")).parent().unwrap()
}

/// What bash offers for `words`, the last of which is being completed.
fn bash_completions(words: &[&str], topics_path: &str) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(footcare completions bash)\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9\n\
         _clap_complete_footcare footcare '{current}' '{previous}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len() - 1,
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let output = Process::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .env(
            "PATH",
            format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap()),
        )
        .env("FOOTCARE_TOPICS_PATH", topics_path)
        .env_remove("FOOTCARE_CONTENT_DIR")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_slugs_then_aliases_sections_and_clinic_topics() {
    // A slug's start offers that slug alone, so one TAB completes it; aliases come only
    // when no slug matches.
    let offered = bash_completions(&["footcare", "show", "pla"], "");
    assert_eq!(offered, ["plantar-fascia-release"]);
    let aliases = bash_completions(&["footcare", "show", "plantar-fasciot"], "");
    assert_eq!(aliases, ["plantar-fasciotomy"]);

    let sections = bash_completions(&["footcare", "show", "calf-strain", "--section", "w"], "");
    assert_eq!(sections, ["warning-signs"]);

    let clinic = fixture("clinic");
    let own = bash_completions(&["footcare", "show", "sample-y"], clinic.to_str().unwrap());
    assert_eq!(own, ["sample-yaml"]);
    // A --content-dir on the line being completed is where the topics come from.
    let named = bash_completions(
        &[
            "footcare",
            "--content-dir",
            clinic.to_str().unwrap(),
            "show",
            "sample-y",
        ],
        "",
    );
    assert_eq!(named, ["sample-yaml"]);

    let commands = bash_completions(&["footcare", "ex"], "");
    assert_eq!(commands, ["export"]);
}

#[test]
fn every_shell_gets_a_completion_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        footcare()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("footcare"))
            .stdout(predicate::str::contains("COMPLETE"));
    }
    footcare().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_renders_without_warnings() {
    if !on_path("man") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have man installed"
        );
        eprintln!("skipped: `man` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("footcare.1");
    let roff = footcare().arg("man").output().unwrap();
    assert!(roff.status.success());
    fs::write(&page, &roff.stdout).unwrap();
    let output = Process::new("man")
        .args(["--warnings", "-E", "UTF-8", "-l"])
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "man warned");
    let text = String::from_utf8_lossy(&output.stdout);
    for part in [
        "TOPIC FORMAT",
        "ENVIRONMENT",
        "FOOTCARE_TOPICS_PATH",
        "EXIT STATUS",
        "FILES",
        "EXAMPLES",
        "COMMANDS",
        "footcare show [OPTIONS] <TOPIC>",
        "-s, --section <KEY>",
        "--regex",
        "-o, --output <FILE>",
        "--max-grade <GRADE>",
        "--kind <KIND>",
    ] {
        assert!(text.contains(part), "{part} missing");
    }
    assert!(!text.contains("EXTRA"), "examples belong under EXAMPLES");
    // One page documents everything: it must not send the reader to pages that are not there.
    let reference = regex::Regex::new(r"[a-z][a-z0-9-]*\([1-9]\)").unwrap();
    let named: Vec<&str> = (reference.find_iter(&text))
        .map(|m| m.as_str())
        .filter(|name| *name != "footcare(1)")
        .collect();
    assert_eq!(named, Vec::<&str>::new(), "pages it names");
}

fn clinic_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("clinic").join("sample-yaml.yaml"),
        dir.path().join("sample-yaml.yaml"),
    )
    .unwrap();
    fs::write(
        dir.path().join("calf-strain.patch.md"),
        "## Recovery\n\nAt our clinic, book a check-up 2 weeks after the injury.\n",
    )
    .unwrap();
    dir
}

#[test]
fn clinic_topics_are_added_and_patches_extend_the_built_in_text() {
    let clinic = clinic_folder();
    let path = clinic.path().to_str().unwrap();
    let list = footcare()
        .env("FOOTCARE_TOPICS_PATH", path)
        .arg("list")
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains("calf-strain\tCalf strain\t"), "{list}");
    assert!(list.contains(&format!(
        "sample-yaml\tSample YAML topic\tA test topic written as a plain YAML file.\t{path}\n"
    )));
    assert!(
        list.lines().filter(|l| l.ends_with("\tbuilt-in")).count() == 3,
        "{list}"
    );

    let recovery = footcare()
        .env("FOOTCARE_TOPICS_PATH", path)
        .args(["show", "calf-strain", "-s", "recovery"])
        .output()
        .unwrap();
    let recovery = String::from_utf8(recovery.stdout).unwrap();
    assert!(
        recovery
            .trim_end()
            .ends_with("At our clinic, book a check-up 2 weeks after the injury."),
        "{recovery}"
    );
    let built_in = footcare()
        .env("FOOTCARE_TOPICS_PATH", "")
        .args(["show", "calf-strain", "-s", "recovery"])
        .output()
        .unwrap();
    let built_in = String::from_utf8(built_in.stdout).unwrap();
    assert!(
        recovery.starts_with(built_in.trim_end()),
        "the built-in text stays, and the clinic's follows it:\n{recovery}"
    );
}

#[test]
fn a_later_folder_replaces_a_topic_and_content_dir_means_only_that_folder() {
    let first = clinic_folder();
    let second = tempfile::tempdir().unwrap();
    fs::write(
        second.path().join("calf-strain.md"),
        fs::read_to_string(fixture("clinic").join("sample-markdown.md"))
            .unwrap()
            .replace("Sample Markdown topic", "Our own calf strain page"),
    )
    .unwrap();
    let path = format!("{}:{}", first.path().display(), second.path().display());
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["show", "calf-strain"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Our own calf strain page\n"));
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["search", "heart attack"])
        .assert()
        .code(1);
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["--content-dir"])
        .arg(first.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("sample-yaml\t"))
        .stdout(predicate::str::contains("calf-strain").not());
}

#[test]
fn paths_lists_the_folders_in_order_and_whether_each_exists() {
    let there = tempfile::tempdir().unwrap();
    let path = format!("{}:/no/such/folder", there.path().display());
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .arg("paths")
        .assert()
        .success()
        .stdout(format!(
            "built-in\tbuilt-in\n{}\texists\n/no/such/folder\tmissing\n",
            there.path().display()
        ));
    footcare()
        .env_remove("FOOTCARE_TOPICS_PATH")
        .env("XDG_DATA_HOME", "/xdg")
        .arg("paths")
        .assert()
        .stdout("built-in\tbuilt-in\n/xdg/footcare/topics\tmissing\n");
}

#[test]
fn new_writes_a_template_that_check_holds_back_and_never_overwrites() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("not-yet/topics");
    let path = missing.to_str().unwrap().to_string();
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["new", "heel-pad-bruise", "--kind", "condition"])
        .assert()
        .success()
        .stdout(format!("{path}/heel-pad-bruise.md\n"));
    let written = missing.join("heel-pad-bruise.md");
    let text = fs::read_to_string(&written).unwrap();
    assert!(
        text.contains("kind: condition") && text.contains("## First steps at home {#procedure}")
    );
    // It reads as a topic, and fails `check` until its instructions are replaced.
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{path}/heel-pad-bruise.md:3: error: `summary` is the template's \"Say in one \
             sentence what this topic is about.\": say in one sentence of your own what the \
             topic is about\n"
        )));
    fs::write(&written, "my own words").unwrap();
    for replace in [&[][..], &["--replace"]] {
        footcare()
            .env("FOOTCARE_TOPICS_PATH", &path)
            .args(["new", "heel-pad-bruise"])
            .args(replace)
            .assert()
            .code(1);
    }
    footcare()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["new", "heel-pad-bruise", "--replace"])
        .assert()
        .stderr(format!(
            "error: `heel-pad-bruise` is already a topic, from {path}/heel-pad-bruise.md, and \
             no folder after it can hold one that replaces it\n  edit {path}/heel-pad-bruise.md instead, \
             or add a folder after its own to FOOTCARE_TOPICS_PATH\n"
        ));
    assert_eq!(fs::read_to_string(&written).unwrap(), "my own words");
    footcare()
        .args(["new", "toe-fusion", "--stdout"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("---\ntitle: Toe fusion\n"));
    footcare()
        .args(["new", "../escape", "--stdout"])
        .assert()
        .code(2);
}

#[test]
fn export_writes_a_self_contained_handout() {
    let page = footcare()
        .args(["export", "plantar-fascia-release"])
        .output()
        .unwrap();
    assert!(page.status.success());
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for absent in ["<script", "<link", "@import", "url("] {
        assert!(!page.contains(absent), "{absent}");
    }
    // Its one picture is inside the page.
    let sources: Vec<&str> = page.split(" src=\"").skip(1).collect();
    assert_eq!(sources.len(), 1);
    assert!(sources[0].starts_with("data:image/svg+xml;base64,"));
    assert!(page.contains("<section class=\"warning-signs\">"));
    assert!(page.contains("@page"));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("handout.md");
    footcare()
        .args(["export", "calf strain", "--format", "markdown", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let markdown = fs::read_to_string(&file).unwrap();
    assert!(markdown.starts_with("# Calf strain\n"));
    let json = footcare()
        .args(["show", "calf-strain", "--format", "json"])
        .output()
        .unwrap();
    let topic: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let reviewed = topic["reviewed"].as_str().unwrap();
    assert!(markdown.contains(&format!("\nLast reviewed: {reviewed}\n")));
    footcare()
        .args(["export", "no-such-topic"])
        .assert()
        .code(1);
}

#[test]
fn a_long_topics_path_does_not_run_out_of_open_files() {
    let root = tempfile::tempdir().unwrap();
    let folders: Vec<_> = (0..40)
        .map(|n| {
            let dir = root.path().join(format!("clinic-{n}"));
            fs::create_dir(&dir).unwrap();
            let topic = format!(
                "---\ntitle: Topic {n}\nsummary: About {n}.\nkind: condition\n\
                 reviewed: 2026-01-01\n---\n## Overview\nText.\n"
            );
            fs::write(dir.join(format!("topic-{n}.md")), topic).unwrap();
            dir
        })
        .collect();
    let topics_path = std::env::join_paths(&folders).unwrap();
    // Fewer open files allowed than there are folders: a folder must not stay open once
    // it has been listed, nor a file once it has been read.
    for run in ["list --plain", "search --plain text"] {
        let output = Process::new("sh")
            .args(["-c", &format!("ulimit -n 20 && exec \"$0\" {run}")])
            .arg(env!("CARGO_BIN_EXE_footcare"))
            .env("FOOTCARE_TOPICS_PATH", &topics_path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{run}: {stderr}");
        assert_eq!(stderr, "", "{run}");
        let list = String::from_utf8(output.stdout).unwrap();
        for n in 0..40 {
            let wanted = match run {
                "list --plain" => format!("topic-{n}\tTopic {n}\t"),
                _ => format!("topic-{n}:overview:Text."),
            };
            assert!(list.contains(&wanted), "{run}: {list}");
        }
    }
}
