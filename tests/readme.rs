//! The README's examples must stay true: its topic files are valid topics, and every
//! `console` example prints what the README says it prints.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use common::on_path;
use predicates::prelude::*;

const README: &str = include_str!("../README.md");

/// The bodies of the fenced blocks in the README that open with "```LANG", with the line
/// each starts on.
fn readme_blocks(lang: &str) -> Vec<(usize, &'static str)> {
    let fence = format!("```{lang}\n");
    let mut blocks = Vec::new();
    let mut rest = README;
    while let Some(found) = rest.find(&fence) {
        let start = &rest[found + fence.len()..];
        let end = start.find("```\n").expect("every example is closed");
        let line = README[..README.len() - start.len()].lines().count() + 1;
        blocks.push((line, &start[..end]));
        rest = &start[end..];
    }
    blocks
}

#[test]
fn readme_topic_examples_are_valid_topics() {
    for (lang, file) in [
        ("markdown", "heel-pad-bruise.md"),
        ("yaml", "heel-pad-bruise.yaml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(file), readme_blocks(lang)[0].1).unwrap();
        Command::cargo_bin("footcare")
            .unwrap()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "heel pad bruise", "--section", "warning-signs"])
            .assert()
            .success()
            .stderr("")
            .stdout(predicate::str::starts_with(
                "Warning signs\n\nCall the emergency number now\n- ",
            ));
    }
}

/// A `$ command` line and the lines the README shows after it.
struct Example {
    line: usize,
    command: String,
    output: String,
}

fn console_examples() -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for (first_line, block) in readme_blocks("console") {
        for (offset, text) in block.lines().enumerate() {
            match text.strip_prefix("$ ") {
                Some(command) => examples.push(Example {
                    line: first_line + offset,
                    command: command.to_string(),
                    output: String::new(),
                }),
                None => {
                    let example = examples
                        .last_mut()
                        .expect("a console block starts with `$ `");
                    example.output.push_str(text);
                    example.output.push('\n');
                }
            }
        }
    }
    examples
}

#[test]
fn readme_console_examples_print_what_the_readme_shows() {
    let examples = console_examples();
    assert!(
        examples.len() >= 10,
        "found only {} examples",
        examples.len()
    );
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_footcare")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let workdir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readme");
    let has_jq = on_path("jq");
    for example in examples {
        if example.command.contains("jq ") && !has_jq {
            assert!(
                std::env::var_os("CI").is_none(),
                "README line {}: CI must have jq installed",
                example.line
            );
            eprintln!("skipped README line {}: jq is not installed", example.line);
            continue;
        }
        let output = Process::new("bash")
            .args(["-c", &format!("exec 2>&1\n{}", example.command)])
            .current_dir(&workdir)
            .env("PATH", &path)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("FOOTCARE_CONTENT_DIR")
            .env_remove("PAGER")
            .env("FOOTCARE_TOPICS_PATH", "")
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            example.output,
            "README line {}: `{}`",
            example.line,
            example.command
        );
    }
}
