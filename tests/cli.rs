//! Whole-binary tests: footcare as a person or a script runs it.

mod common;

use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use common::{fixture, footcare, sets_colour};
use predicates::prelude::*;

const BUILT_IN: [&str; 3] = [
    "calf-strain",
    "gastrocnemius-release",
    "plantar-fascia-release",
];

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The text a terminal would show, without the escape codes that style it.
fn visible(styled: &str) -> String {
    let mut out = String::new();
    let mut chars = styled.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn piped_list_is_one_tab_separated_line_per_topic_slug_first() {
    let out = stdout_of(footcare().arg("list"));
    let slugs: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(slugs, BUILT_IN);
    for line in out.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{line:?}");
        assert!(fields.iter().all(|f| !f.trim().is_empty()), "{line:?}");
        assert_eq!(fields[3], "built-in");
    }
    assert!(!out.contains('\x1b'));
}

#[test]
fn list_on_a_terminal_is_styled_and_aligned() {
    let out = stdout_of(footcare().args(["list", "--color", "always", "--width", "100"]));
    assert!(out.contains("\x1b["));
    let shown = visible(&out);
    let title_columns: Vec<usize> = shown
        .lines()
        .filter(|l| BUILT_IN.iter().any(|slug| l.starts_with(slug)))
        .map(|l| {
            l.find("  ").unwrap() + l[l.find("  ").unwrap()..].find(|c: char| c != ' ').unwrap()
        })
        .collect();
    assert_eq!(title_columns.len(), 3, "{shown}");
    assert!(title_columns.windows(2).all(|w| w[0] == w[1]), "{shown}");
    assert!(!shown.contains('\t'));
}

#[test]
fn show_prints_every_section_of_every_built_in_topic_plainly_when_piped() {
    for slug in BUILT_IN {
        let out = stdout_of(footcare().args(["show", slug]));
        assert!(!out.contains('\x1b'), "{slug} has escape codes");
        for key in [
            "overview",
            "indications",
            "procedure",
            "recovery",
            "risks",
            "warning-signs",
        ] {
            let section = stdout_of(footcare().args(["show", slug, "--section", key]));
            let heading = section.lines().next().unwrap();
            assert!(
                out.contains(section.trim_end()),
                "{slug} {key} missing from the whole topic"
            );
            assert!(
                !heading.is_empty() && section.lines().count() > 1,
                "{slug} {key}: {section}"
            );
        }
        let disclaimer = stdout_of(footcare().args(["show", slug, "-s", "disclaimer"]));
        assert!(
            out.trim_end().ends_with(disclaimer.trim_end()),
            "{slug}: disclaimer is not last"
        );
        assert!(out.contains("Last reviewed: "), "{slug}");
    }
}

#[test]
fn piped_show_has_one_line_per_paragraph_and_item() {
    let dir = fixture("clinic");
    let out = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(&dir)
            .args(["show", "sample-markdown"]),
    );
    assert!(
        out.contains("\nThis paragraph is split over three lines in the file.\n"),
        "{out}"
    );
    assert!(
        out.contains("\n- A risk that is written over two lines.\n- Another risk.\n"),
        "{out}"
    );
    assert!(out.contains("\n1. First step.\n2. Second step.\n"), "{out}");
    assert!(out.contains("\nWhat happens\n"), "{out}");
}

#[test]
fn sections_are_shown_in_the_order_asked() {
    let out = stdout_of(footcare().args([
        "show",
        "calf-strain",
        "--section",
        "warning-signs",
        "--section",
        "overview",
    ]));
    let signs = out.find("Warning signs").expect("warning signs heading");
    let overview = out.find("Overview").expect("overview heading");
    assert!(signs < overview, "{out}");
    assert!(!out.contains("Disclaimer"));
}

#[test]
fn a_topic_is_found_by_its_title_in_any_case_or_by_an_alias() {
    let by_slug = stdout_of(footcare().args(["show", "plantar-fascia-release"]));
    let by_title = stdout_of(footcare().args(["show", "Plantar Fascia Release"]));
    assert_eq!(by_slug, by_title);
    let dir = fixture("clinic");
    let by_alias = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(&dir)
            .args(["show", "YAML Sample"]),
    );
    assert!(by_alias.starts_with("Sample YAML topic\n"), "{by_alias}");
    let by_title = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(&dir)
            .args(["show", "sample yaml TOPIC"]),
    );
    assert_eq!(by_title, by_alias);
}

#[test]
fn an_unknown_topic_fails_with_suggestions_and_a_hint() {
    footcare()
        .args(["show", "plantar-fascia-relase"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: no topic called \"plantar-fascia-relase\"",
        ))
        .stderr(predicate::str::contains(
            "did you mean plantar-fascia-release?",
        ))
        .stderr(predicate::str::contains("footcare list"));
    // Topics that mention the name are listed, and not suggested a second time.
    footcare()
        .args(["show", "release"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "    gastrocnemius-release: in title",
        ))
        .stderr(predicate::str::contains(
            "    plantar-fascia-release: in title",
        ))
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn an_unknown_section_fails_and_lists_the_topic_sections() {
    footcare()
        .args(["show", "calf-strain", "--section", "aftercare"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no section called \"aftercare\""))
        .stderr(predicate::str::contains(
            "key-points, overview, indications, procedure, recovery, outlook, risks, \
             warning-signs, questions, disclaimer",
        ));
}

#[test]
fn a_section_the_topic_lacks_fails_and_lists_what_it_has() {
    footcare()
        .arg("--content-dir")
        .arg(fixture("clinic"))
        .args(["show", "sample-yaml", "--section", "risks"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("sample-yaml has no risks section"))
        .stderr(predicate::str::contains(
            "overview, warning-signs, disclaimer",
        ));
}

#[test]
fn a_closed_pipe_is_a_normal_end() {
    let mut child = Process::new(env!("CARGO_BIN_EXE_footcare"))
        .args(["show", "calf-strain"])
        .env_remove("FOOTCARE_CONTENT_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before footcare writes, as `| head -0` would.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn head_of_the_output_exits_cleanly() {
    // Far more than a pipe holds, so footcare is still writing when `head` exits.
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "A sentence that is long enough to fill the pipe quickly. ".repeat(20);
    let body = format!("{paragraph}\n\n").repeat(400);
    std::fs::write(
        dir.path().join("long-topic.md"),
        format!(
            "---\ntitle: Long topic\nsummary: Long.\nkind: condition\nreviewed: 2026-01-01\n---\n\
             ## Overview\n{body}"
        ),
    )
    .unwrap();
    assert!(body.len() > 256 * 1024);
    let script = format!(
        "set -o pipefail; '{}' --content-dir '{}' show long-topic | head -1",
        env!("CARGO_BIN_EXE_footcare"),
        dir.path().display()
    );
    let output = Process::new("bash").args(["-c", &script]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Long topic\n");
}

#[test]
fn a_content_folder_serves_markdown_and_yaml_topics() {
    let dir = fixture("clinic");
    let list = stdout_of(footcare().arg("--content-dir").arg(&dir).arg("list"));
    assert_eq!(
        list,
        format!(
            "sample-markdown\tSample Markdown topic\tA test topic written as Markdown with front \
             matter.\t{0}\nsample-yaml\tSample YAML topic\tA test topic written as a plain YAML \
             file.\t{0}\n",
            dir.display()
        )
    );
    let yaml = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(&dir)
            .args(["show", "sample-yaml"]),
    );
    assert_eq!(
        yaml,
        "Sample YAML topic\nA test topic written as a plain YAML file.\n\n\
         Overview\nA YAML section given as a bare Markdown string.\n\n\
         When to get help\n- Call for help when the test fails.\n\n\
         Sources\n- Test source. footcare tests, 2026.\n\n\
         Last reviewed: 2026-02-01\n\n\
         Disclaimer\nTest text only.\n"
    );
}

#[test]
fn the_content_folder_option_may_follow_the_command_or_come_from_the_environment() {
    let dir = fixture("clinic");
    let before = stdout_of(footcare().arg("--content-dir").arg(&dir).arg("list"));
    let after = stdout_of(footcare().arg("list").arg("--content-dir").arg(&dir));
    let from_env = stdout_of(footcare().env("FOOTCARE_CONTENT_DIR", &dir).arg("list"));
    assert_eq!(before, after);
    assert_eq!(before, from_env);
    assert!(before.starts_with("sample-markdown\t"));
}

#[test]
fn a_missing_content_folder_is_a_clear_error() {
    footcare()
        .args(["--content-dir", "no/such/folder", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/folder does not exist"));
}

#[test]
fn built_in_topics_need_no_files_beside_the_binary() {
    let empty = tempfile::tempdir().unwrap();
    let out = stdout_of(
        footcare()
            .current_dir(empty.path())
            .args(["show", "calf-strain"]),
    );
    assert!(out.starts_with("Calf strain\n"));
}

#[test]
fn forced_colour_styles_and_piped_output_does_not() {
    let styled = stdout_of(footcare().args(["show", "calf-strain", "--color", "always"]));
    assert!(styled.contains("\x1b[1m"), "no bold in styled output");
    for args in [
        &["show", "calf-strain"][..],
        &["show", "calf-strain", "--color", "never"],
        &["--color", "never", "list"],
    ] {
        assert!(
            !stdout_of(footcare().args(args)).contains('\x1b'),
            "{args:?}"
        );
    }
    let no_color = stdout_of(
        footcare()
            .env("NO_COLOR", "1")
            .args(["show", "calf-strain"]),
    );
    assert!(!no_color.contains('\x1b'), "a pipe gets no escapes");
    let forced = stdout_of(
        footcare()
            .env("CLICOLOR_FORCE", "1")
            .args(["show", "calf-strain"]),
    );
    assert!(forced.contains('\x1b'));
    let both = stdout_of(
        footcare()
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .args(["show", "calf-strain"]),
    );
    assert!(both.contains("\x1b[1m"), "CLICOLOR_FORCE forces emphasis");
    let always = stdout_of(footcare().env("NO_COLOR", "1").args([
        "show",
        "calf-strain",
        "--color",
        "always",
    ]));
    assert!(sets_colour(&always), "--color always wins over NO_COLOR");
    assert!(!always.contains("\x1b[m"), "empty escape codes: {always:?}");
    assert!(
        !sets_colour(&both),
        "NO_COLOR takes the colour away: {both:?}"
    );
    assert!(sets_colour(&forced));
}

#[test]
fn styled_output_wraps_to_the_width_and_ends_with_a_short_disclaimer() {
    for width in ["40", "72"] {
        let out = stdout_of(footcare().args([
            "show",
            "plantar-fascia-release",
            "--section",
            "risks",
            "--color",
            "always",
            "--width",
            width,
        ]));
        let shown = visible(&out);
        let limit: usize = width.parse().unwrap();
        assert!(shown.lines().all(|l| l.chars().count() <= limit), "{shown}");
        assert!(
            shown.lines().any(|l| l.chars().count() > limit - 12),
            "{shown}"
        );
        let words = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.ends_with("ask your own doctor about your care."),
            "{shown}"
        );
    }
    let whole = visible(&stdout_of(footcare().args([
        "show",
        "calf-strain",
        "--color",
        "always",
    ])));
    assert!(!whole.contains("ask your own doctor about your care."));
}

#[test]
fn help_on_every_command_has_examples_and_version_prints() {
    for args in [&["--help"][..], &["list", "--help"], &["show", "--help"]] {
        footcare()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"))
            .stdout(predicate::str::contains("--content-dir"));
    }
    footcare()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("footcare {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_command_s_help_lists_its_own_options_apart_from_the_global_ones() {
    for (command, own) in [
        ("list", "--plain"),
        ("show", "--section"),
        ("search", "--regex"),
    ] {
        let help = stdout_of(footcare().args([command, "--help"]));
        let (own_part, global_part) = help
            .split_once("Global options:")
            .unwrap_or_else(|| panic!("{command}: no global options heading:\n{help}"));
        assert!(own_part.contains(own), "{command}");
        assert!(!own_part.contains("--content-dir"), "{command}: mixed in");
        assert!(global_part.contains("--content-dir"), "{command}");
    }
    let list = stdout_of(footcare().args(["list", "--help"]));
    assert!(
        list.contains("slug<TAB>title<TAB>summary<TAB>origin"),
        "{list}"
    );
}

#[test]
fn a_topic_typed_as_a_command_or_a_show_without_one_gets_a_tip() {
    footcare()
        .arg("plantar-fascia-release")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "tip: to read that topic, use 'footcare show plantar-fascia-release'",
        ));
    footcare()
        .arg("Strayer procedure")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'footcare show gastrocnemius-release'",
        ));
    for command in ["show", "export"] {
        footcare().arg(command).assert().code(2).stdout("").stderr(predicate::str::contains(
            "tip: name one of the topics: calf-strain, gastrocnemius-release, plantar-fascia-release",
        ));
    }
    // A clinic's own topics are named too.
    footcare()
        .env("FOOTCARE_CONTENT_DIR", fixture("clinic"))
        .arg("show")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sample-yaml"));
    footcare()
        .args(["--content-dir"])
        .arg(fixture("clinic"))
        .arg("sample-yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'footcare show sample-yaml', with the same --content-dir",
        ));
}

#[test]
fn usage_errors_exit_with_two() {
    for args in [
        &["show"][..],
        &["frobnicate"],
        &["--color", "sometimes", "list"],
        &["--width", "5", "list"],
    ] {
        footcare().args(args).assert().code(2).stdout("");
    }
}

#[test]
fn a_bad_file_is_named_and_never_hides_the_good_topics() {
    let dir = fixture("with-bad-file");
    footcare()
        .arg("--content-dir")
        .arg(&dir)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("good-topic\t"))
        .stderr(predicate::str::contains("warning: "))
        .stderr(predicate::str::contains(
            "broken-topic.md:5: `reviewed`: invalid date `2026-02-30`",
        ));
    footcare()
        .arg("--content-dir")
        .arg(&dir)
        .args(["show", "broken-topic"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("error: "))
        .stderr(predicate::str::contains(
            "broken-topic.md:5: `reviewed`: invalid date",
        ));
}

#[test]
fn show_says_nothing_about_broken_files_beside_the_topic_shown() {
    let dir = fixture("with-bad-file");
    // By slug only the topic's own files are read; by alias every topic's front matter is,
    // the broken file's too, and still a reader of one topic hears nothing of the others.
    for name in ["good-topic", "good alias"] {
        footcare()
            .arg("--content-dir")
            .arg(&dir)
            .args(["show", name])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Sample Markdown topic\n"))
            .stderr("");
    }
}

#[test]
fn a_topic_name_is_never_a_path() {
    // `../with-bad-file/good-topic` names a real topic file, outside the content folder.
    for name in [
        "../with-bad-file/good-topic",
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        ".hidden",
        "a/b",
        "a\\b",
    ] {
        footcare()
            .arg("--content-dir")
            .arg(fixture("clinic"))
            .args(["show", name])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("no topic called"));
    }
}

#[test]
fn an_empty_content_folder_variable_means_the_built_in_topics() {
    let out = stdout_of(footcare().env("FOOTCARE_CONTENT_DIR", "").arg("list"));
    assert!(out.starts_with("calf-strain\t"), "{out}");
}

#[test]
fn escape_codes_in_content_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hostile.yaml"),
        "title: \"Bad\\e]0;pwned\\a title\"\nsummary: |\n  Two\n  lines.\n\
         kind: condition\nreviewed: 2026-01-01\nsections:\n  overview: \"Text \\e[2J&#27;[31m \\u202Eevil\"\n",
    )
    .unwrap();
    for args in [
        &["list"][..],
        &["show", "hostile"],
        &["show", "hostile", "--color", "never"],
        &["show", "hostile", "--format", "markdown", "--front-matter"],
        &["search", "text"],
    ] {
        let output = footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(
            !out.contains('\x1b') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(!out.contains('\u{202E}'), "{args:?}: {out:?}");
        assert!(
            out.contains("\\x1b"),
            "{args:?}: the escape is shown, not dropped"
        );
    }
    let styled = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "hostile", "--color", "always"]),
    );
    assert!(!styled.contains("\x1b]0;") && !styled.contains("\x1b[2J"));
    let plain = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "hostile"]),
    );
    assert!(
        plain.contains("\nTwo lines.\n"),
        "a summary is one line: {plain}"
    );
}

#[test]
fn a_fifo_in_the_content_folder_is_skipped_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("clinic").join("sample-yaml.yaml"),
        dir.path().join("sample-yaml.yaml"),
    )
    .unwrap();
    let fifo = dir.path().join("waiting.md");
    let made = Process::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    footcare()
        .arg("--content-dir")
        .arg(dir.path())
        .arg("list")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("sample-yaml\t"));
}

#[test]
fn a_section_asked_twice_is_shown_once() {
    let once = stdout_of(footcare().args(["show", "calf-strain", "-s", "risks", "--plain"]));
    let twice = stdout_of(footcare().args([
        "show",
        "calf-strain",
        "-s",
        "risks",
        "-s",
        "RISKS",
        "--plain",
    ]));
    assert!(once.contains("\n- "), "{once}");
    assert_eq!(twice, once);
}

#[test]
fn an_empty_disclaimer_does_not_stand_in_for_the_short_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("thin.md"),
        "---\ntitle: Thin\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n---\n\
         ## Overview\nText.\n\n## Risks\n\n## Disclaimer\n",
    )
    .unwrap();
    let out = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "thin", "--color", "always"]),
    );
    let words = visible(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.ends_with("ask your own doctor about your care."),
        "{words}"
    );
    let plain = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "thin"]),
    );
    assert!(
        !plain.contains("Risks") && !plain.contains("Disclaimer"),
        "{plain:?}"
    );
    let asked = stdout_of(
        footcare()
            .arg("--content-dir")
            .arg(dir.path())
            .args(["show", "thin", "-s", "risks", "-s", "overview"]),
    );
    assert_eq!(asked, "Risks\n\nOverview\nText.\n");
}
