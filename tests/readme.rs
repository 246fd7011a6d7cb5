//! The README's examples must stay true: its topic files are valid topics, and every
//! `console` example prints what the README says it prints.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use common::{footcare, on_path};
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
                "Warning signs\n\nCall the emergency number now\n\
                 Call your local emergency number, such as 911 in the US.\n\n- ",
            ));
    }
}

/// A topic file or a patch that the README shows, and the line its block starts on.
enum TopicExample {
    /// A whole topic, with the file name its title gives it (`SLUG.md` or `SLUG.yaml`).
    Topic {
        line: usize,
        file: String,
        text: &'static str,
    },
    /// A clinic's `SLUG.patch.md`, which needs a topic to add to.
    Patch { line: usize, text: &'static str },
}

/// The slug a topic's `title:` field gives: lowercase words joined by dashes.
fn slug_of_title(text: &str) -> String {
    let title = (text.lines())
        .find_map(|l| l.strip_prefix("title:"))
        .expect("a topic example has a title");
    let words: Vec<String> = (title.trim().trim_matches('"').split_whitespace())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// Every Markdown and YAML block in the README that is a topic file (front matter first, or
/// a YAML map with `sections`) or a patch (only `## ` sections). Other blocks are not topics.
fn topic_examples() -> Vec<TopicExample> {
    let mut examples = Vec::new();
    for (line, text) in readme_blocks("markdown") {
        if text.starts_with("---\n") {
            let file = format!("{}.md", slug_of_title(text));
            examples.push(TopicExample::Topic { line, file, text });
        } else if text.starts_with("## ") {
            examples.push(TopicExample::Patch { line, text });
        }
    }
    for (line, text) in readme_blocks("yaml") {
        if text.lines().any(|l| l == "sections:") {
            let file = format!("{}.yaml", slug_of_title(text));
            examples.push(TopicExample::Topic { line, file, text });
        }
    }
    examples
}

/// The built-in topics a patch that speaks of surgery can be added to: `(slug, source)`.
fn built_in_procedures() -> Vec<(String, String)> {
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut topics = Vec::new();
    for entry in fs::read_dir(content).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let slug = path.file_stem().unwrap().to_str().unwrap().to_string();
        // The patch is English: it goes with the English originals, not their translations.
        if slug.contains('.') {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        if text.lines().any(|l| l == "kind: procedure") {
            topics.push((slug, text));
        }
    }
    topics.sort();
    topics
}

/// Runs `footcare check --content-dir` on a folder holding `files`: `None` if it exits 0
/// with no error in its summary, or else what went wrong.
fn check_failure(line: usize, files: &[(&str, &str)]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    // The drawings a built-in topic shows, beside it as in the content folder.
    let pictures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/pictures");
    fs::create_dir(dir.path().join("pictures")).unwrap();
    for entry in fs::read_dir(pictures).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            dir.path().join("pictures").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    let output = footcare()
        .arg("check")
        .arg("--content-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = stdout.lines().last().unwrap_or_default();
    if output.status.success() && summary.contains(" checked: 0 errors,") {
        return None;
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    Some(format!(
        "README line {line}: `footcare check` on {names:?} exited {:?}:\n{stdout}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    ))
}

#[test]
fn every_topic_example_in_the_readme_passes_check() {
    let examples = topic_examples();
    let topics_ending = |end: &str| {
        (examples.iter())
            .filter(|e| matches!(e, TopicExample::Topic { file, .. } if file.ends_with(end)))
            .count()
    };
    assert!(topics_ending(".md") >= 1, "no Markdown topic example found");
    assert!(topics_ending(".yaml") >= 1, "no YAML topic example found");
    assert!(
        (examples.iter()).any(|e| matches!(e, TopicExample::Patch { .. })),
        "no patch example found"
    );
    let procedures = built_in_procedures();
    assert!(!procedures.is_empty(), "no built-in procedure to patch");
    let mut failures = Vec::new();
    for example in &examples {
        match example {
            TopicExample::Topic { line, file, text } => {
                failures.extend(check_failure(*line, &[(file, text)]));
            }
            // The patch speaks of surgery: it is checked added to each built-in procedure.
            TopicExample::Patch { line, text } => {
                for (slug, topic) in &procedures {
                    let (file, patch) = (format!("{slug}.md"), format!("{slug}.patch.md"));
                    failures.extend(check_failure(*line, &[(&file, topic), (&patch, text)]));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
            .env_remove("FOOTCARE_LANG")
            .env_remove("LANGUAGE")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            // The README shows English output, whatever this machine's locale.
            .env("LC_ALL", "C")
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
