//! The README's examples of topic files must be topics footcare accepts.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

/// The body of the first fenced block in the README that opens with "```LANG".
fn readme_block(lang: &str) -> String {
    let readme = include_str!("../README.md");
    let fence = format!("```{lang}\n");
    let start = readme.find(&fence).expect("README has the example") + fence.len();
    let end = start
        + readme[start..]
            .find("```\n")
            .expect("the example is closed");
    readme[start..end].to_string()
}

#[test]
fn readme_topic_examples_are_valid_topics() {
    for (lang, file) in [
        ("markdown", "heel-pad-bruise.md"),
        ("yaml", "heel-pad-bruise.yaml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(file), readme_block(lang)).unwrap();
        Command::cargo_bin("footcare")
            .unwrap()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "heel pad bruise", "--section", "warning-signs"])
            .assert()
            .success()
            .stderr("")
            .stdout(predicate::str::starts_with(
                "Warning signs\n- Call your doctor if",
            ));
    }
}
