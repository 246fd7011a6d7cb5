//! Every command reads topics the same way, straight from the files: the same layers, the
//! same rules for links and odd files, the same warnings, and no file written anywhere
//! footcare was not asked to write.

mod common;

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

use common::{footcare, footcare_as_nobody};
use tempfile::TempDir;

/// A folder that the user `nobody` can read, unlike a new temporary folder.
fn open_folder() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn no_command_writes_a_file_it_was_not_asked_to() {
    let cache = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let clinic = tempfile::tempdir().unwrap();
    fs::write(
        clinic.path().join("heel-bump.md"),
        "---\ntitle: Heel bump\nsummary: A bump on the heel.\nkind: condition\n\
         reviewed: 2026-01-01\n---\n## Overview\nA nerve can rub.\n",
    )
    .unwrap();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["search", "nerve"],
        &["search", "nerve", "--topic", "Calf Strain"],
        &["show", "calf-strain"],
        &["show", "Calf Strain"],
        &["show", "calf-strian"],
        &["check"],
        &["paths"],
        &["export", "calf-strain"],
        &["completions", "bash"],
        &["man"],
    ];
    // The last asks for completions, the way a shell asks.
    let completing: &[&str] = &["--", "footcare", "show", "ca"];
    for args in commands.iter().chain([&completing]) {
        footcare()
            .env("XDG_CACHE_HOME", cache.path())
            .env("HOME", home.path())
            .env("FOOTCARE_TOPICS_PATH", clinic.path())
            .env("COMPLETE", if *args == completing { "bash" } else { "" })
            .args(*args)
            .output()
            .unwrap();
        for dir in [cache.path(), home.path()] {
            let left: Vec<_> = fs::read_dir(dir).unwrap().collect();
            assert!(left.is_empty(), "{args:?} left {left:?} in {dir:?}");
        }
    }
}

#[test]
fn a_patch_that_links_out_of_its_folder_is_never_followed_by_any_command() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    fs::write(&secret, "## Risks\n\n- SECRET TEXT FROM ELSEWHERE\n").unwrap();
    let clinic = tempfile::tempdir().unwrap();
    let patch = clinic.path().join("calf-strain.patch.md");
    symlink(&secret, &patch).unwrap();
    let warning = format!(
        "warning: {}: a link to a file outside the content folder, which footcare does not \
         follow (skipped)\n",
        patch.display()
    );
    for args in [
        &["show", "calf-strain"][..],
        &["show", "Calf Strain"],
        &["export", "calf-strain"],
        &["list"],
        &["search", "risk"],
        &["search", "secret"],
    ] {
        let output = footcare()
            .env("FOOTCARE_TOPICS_PATH", clinic.path())
            .args(args)
            .output()
            .unwrap();
        assert!(!stdout_of(&output).contains("SECRET"), "{args:?}");
        assert_eq!(stderr_of(&output), warning, "{args:?}");
    }
}

#[test]
fn a_folder_named_twice_on_the_path_counts_once() {
    let parent = tempfile::tempdir().unwrap();
    let clinic = parent.path().join("clinic");
    fs::create_dir(&clinic).unwrap();
    fs::write(
        clinic.join("calf-strain.patch.md"),
        "## Risks\n\n- Our clinic says this once.\n",
    )
    .unwrap();
    let same = clinic.display().to_string();
    for path in [format!("{same}:{same}"), format!("{same}:./clinic")] {
        let run = |args: &[&str]| {
            let output = footcare()
                .current_dir(parent.path())
                .env("FOOTCARE_TOPICS_PATH", &path)
                .args(args)
                .output()
                .unwrap();
            stdout_of(&output)
        };
        let shown = run(&["show", "calf-strain", "--section", "risks", "--plain"]);
        assert_eq!(
            shown.matches("says this once").count(),
            1,
            "{path}:\n{shown}"
        );
        let found = run(&["search", "says this once"]);
        assert_eq!(found.lines().count(), 1, "{path}:\n{found}");
        let paths = run(&["paths"]);
        assert_eq!(paths.lines().count(), 2, "{path}:\n{paths}");
    }
}

#[test]
fn an_unreadable_folder_on_the_path_is_skipped_with_one_warning() {
    let locked = open_folder();
    let clinic = open_folder();
    fs::write(
        clinic.path().join("heel-bump.md"),
        "---\ntitle: Heel bump\nsummary: A bump on the heel.\nkind: condition\n\
         reviewed: 2026-01-01\n---\n## Overview\nA nerve can rub.\n",
    )
    .unwrap();
    let unreadable = locked.path().join("topics");
    fs::create_dir(&unreadable).unwrap();
    fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).unwrap();
    let path = format!("{}:{}", unreadable.display(), clinic.path().display());
    let warning = format!(
        "warning: {}: cannot read this topic folder: Permission denied (skipped)\n",
        unreadable.display()
    );
    for (args, wanted) in [
        (&["list", "--plain"][..], "calf-strain\t"),
        (&["list", "--plain"], "heel-bump\t"),
        (&["search", "nerve"], "heel-bump:overview:A nerve can rub."),
        (&["search", "nerve"], "gastrocnemius-release:"),
        (&["show", "heel bump"], "A nerve can rub."),
        (&["show", "calf-strain"], "Calf strain"),
    ] {
        let output = footcare_as_nobody()
            .env("FOOTCARE_TOPICS_PATH", &path)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr_of(&output)
        );
        assert!(
            stdout_of(&output).contains(wanted),
            "{args:?} lost {wanted:?}"
        );
        assert_eq!(stderr_of(&output), warning, "{args:?}");
    }
}

#[test]
fn new_writes_to_the_first_folder_this_user_can_really_write() {
    // Root's own folder: its mode bits say it can be written, but not by this user.
    let roots = open_folder();
    let writable = open_folder();
    fs::set_permissions(writable.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let path = format!("{}:{}", roots.path().display(), writable.path().display());
    let output = footcare_as_nobody()
        .env("FOOTCARE_TOPICS_PATH", &path)
        .args(["new", "heel-bump"])
        .output()
        .unwrap();
    let written = writable.path().join("heel-bump.md");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stdout_of(&output), format!("{}\n", written.display()));
    assert!(fs::read_to_string(&written)
        .unwrap()
        .contains("title: Heel bump"));
    assert!(!roots.path().join("heel-bump.md").exists());

    // Where no folder can be written, the error names them.
    let output = footcare_as_nobody()
        .env("FOOTCARE_TOPICS_PATH", roots.path())
        .args(["new", "toe-bump"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error = stderr_of(&output);
    assert!(
        error.contains(&roots.path().display().to_string()) && error.contains("--stdout"),
        "{error}"
    );
}

#[test]
fn a_file_name_with_a_line_break_stays_on_one_message_line() {
    let dir = tempfile::tempdir().unwrap();
    let name = "bad\nwarning: all is well.md";
    fs::write(dir.path().join(name), "not a topic\n").unwrap();
    for args in [&["list"][..], &["search", "x"]] {
        let output = footcare()
            .env("FOOTCARE_TOPICS_PATH", dir.path())
            .args(args)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        let about_it: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("all is well"))
            .collect();
        assert_eq!(about_it.len(), 1, "{args:?}:\n{stderr}");
        assert!(about_it[0].starts_with("warning: "), "{stderr}");
        assert!(
            about_it[0].contains("bad\\x0awarning: all is well.md"),
            "{stderr}"
        );
    }
}

#[test]
fn paths_shows_folder_names_sanitised() {
    let folder = "/srv/clinic\x1b]0;title\x07\nforged\tline";
    let output = footcare()
        .env("FOOTCARE_TOPICS_PATH", folder)
        .arg("paths")
        .output()
        .unwrap();
    let stdout = stdout_of(&output);
    assert_eq!(
        stdout,
        "built-in\tbuilt-in\n/srv/clinic\\x1b]0;title\\x07\\x0aforged line\tmissing\n"
    );
}

/// Today's date in a time zone, as `date` gives it.
fn today_in(zone: &str) -> String {
    let output = std::process::Command::new("date")
        .env("TZ", zone)
        .arg("+%F")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[test]
fn today_is_the_local_date_not_the_date_in_utc() {
    // At any moment the date 14 hours east of UTC or 12 hours west of it differs from
    // the date in UTC, so one of the two zones always tells the local date from UTC's.
    for zone in ["Etc/GMT-14", "Etc/GMT+12"] {
        let today = today_in(zone);
        let output = footcare()
            .env("TZ", zone)
            .args(["new", "heel-bump", "--stdout"])
            .output()
            .unwrap();
        let template = stdout_of(&output);
        assert!(
            template.contains(&format!("\nreviewed: {today}\n")),
            "{zone}: {today}:\n{template}"
        );

        let dir = tempfile::tempdir().unwrap();
        let topic = fs::read_to_string(common::fixture("check-broken/clean-topic.md"))
            .unwrap()
            .lines()
            .map(|line| match line.starts_with("reviewed:") {
                true => format!("reviewed: {today}"),
                false => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        fs::write(dir.path().join("clean-topic.md"), topic).unwrap();
        let output = footcare()
            .env("TZ", zone)
            .arg("--content-dir")
            .arg(dir.path())
            .args(["check", "--format", "json"])
            .output()
            .unwrap();
        let stdout = stdout_of(&output);
        assert!(!stdout.contains("future"), "{zone}: {today}:\n{stdout}");
    }
}

#[test]
fn a_symlinked_topic_folder_file_and_a_patch_are_read_the_same_in_every_command() {
    // A link that stays inside the folder is read, by name and in listings alike.
    let clinic = tempfile::tempdir().unwrap();
    let real = clinic.path().join("real-patch.txt");
    fs::write(&real, "## Risks\n\n- A linked clinic risk.\n").unwrap();
    symlink(&real, clinic.path().join("calf-strain.patch.md")).unwrap();
    for (args, wanted) in [
        (
            &["show", "calf-strain", "--section", "risks"][..],
            "A linked clinic risk.",
        ),
        (
            &["search", "linked clinic"],
            "calf-strain:risks:A linked clinic risk.",
        ),
    ] {
        footcare()
            .env("FOOTCARE_TOPICS_PATH", clinic.path())
            .args(args)
            .assert()
            .success()
            .stderr("")
            .stdout(predicates::str::contains(wanted));
    }
    assert!(Path::new(&real).exists());
}
