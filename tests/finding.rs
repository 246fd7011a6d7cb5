//! Finding a topic the way people ask for it: by a field of its front matter, by several
//! words, by a name no topic has, and by a misspelt word.

mod common;

use assert_cmd::assert::Assert;
use common::{fixture, footcare};
use predicates::prelude::*;
use serde_json::Value;

/// footcare reading only the two topics of `tests/fixtures/finding`.
fn in_fixtures(args: &[&str]) -> Assert {
    footcare()
        .arg("--content-dir")
        .arg(fixture("finding"))
        .args(args)
        .assert()
}

fn stdout(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn search_looks_in_title_summary_aliases_and_tags_before_the_sections() {
    let found = in_fixtures(&["search", "--plain", "bump"]).success();
    assert_eq!(
        stdout(&found),
        "heel-bump:title:Heel bump\n\
         heel-bump:aliases:pump bump\n\
         heel-bump:overview:A bump can press on a nerve. Pressure on a nerve damage is rare, \
         but it can happen. Check it every month.\n\
         heel-bump:questions:Will my shoe still rub after the bump is gone?\n\
         heel-bump:questions:Does the bump ever come back?\n\
         heel-cup:overview:A cup under the heel eases a pump bump a little.\n\
         heel-cup:procedure:Wear it every day. A pump bump may still hurt.\n\
         heel-cup:procedure:A pump bump that is red needs a doctor.\n"
    );
    let tagged = in_fixtures(&["search", "--plain", "insoles"]).success();
    assert_eq!(stdout(&tagged), "heel-cup:tags:insoles\n");
    // A summary folded over two lines in YAML is one line here, as it reads.
    let summary = in_fixtures(&["search", "--plain", "back of the heel"]).success();
    assert_eq!(
        stdout(&summary),
        "heel-bump:summary:A sore bony lump at the back of the heel, which stiff shoes rub.\n"
    );
}

#[test]
fn search_finds_an_alias_of_a_built_in_topic() {
    footcare()
        .args(["search", "--plain", "strayer"])
        .assert()
        .success()
        .stdout("gastrocnemius-release:aliases:Strayer procedure\n");
    footcare()
        .args(["search", "--plain", "torn calf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("calf-strain:aliases:torn calf\n"));
}

#[test]
fn section_takes_the_front_matter_fields_too() {
    let found = in_fixtures(&[
        "search",
        "--plain",
        "heel",
        "--section",
        "title",
        "-s",
        "tags",
    ])
    .success();
    assert_eq!(
        stdout(&found),
        "heel-bump:title:Heel bump\nheel-bump:tags:heel\nheel-cup:title:Heel cups\n"
    );
    let aliases = in_fixtures(&["search", "--plain", "heel", "--section", "aliases"]).success();
    assert_eq!(stdout(&aliases), "heel-cup:aliases:heel pads\n");
    let summaries = in_fixtures(&["search", "--plain", "sore", "--section", "summary"]).success();
    assert_eq!(
        stdout(&summaries),
        "heel-bump:summary:A sore bony lump at the back of the heel, which stiff shoes rub.\n\
         heel-cup:summary:Soft inserts for a sore heel.\n"
    );
}

#[test]
fn an_unknown_section_names_the_front_matter_fields_it_could_be() {
    in_fixtures(&["search", "heel", "--section", "titel"])
        .failure()
        .code(2)
        .stderr(predicate::str::contains(
            "the front matter's fields are: title, summary, aliases, tags",
        ));
}

#[test]
fn json_search_names_the_field_as_its_section() {
    let found = in_fixtures(&[
        "search", "--format", "json", "heel", "-s", "aliases", "-s", "tags",
    ])
    .success();
    let hits: Value = serde_json::from_str(&stdout(&found)).unwrap();
    let pairs: Vec<(&str, &str, &str)> = (hits.as_array().unwrap().iter())
        .map(|hit| {
            (
                hit["slug"].as_str().unwrap(),
                hit["section"].as_str().unwrap(),
                hit["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("heel-bump", "tags", "heel"),
            ("heel-cup", "aliases", "heel pads")
        ]
    );
}

#[test]
fn several_words_must_all_be_in_one_paragraph_item_or_field_in_any_order() {
    let found = in_fixtures(&["search", "--plain", "rub", "heel"]).success();
    assert_eq!(
        stdout(&found),
        "heel-bump:summary:A sore bony lump at the back of the heel, which stiff shoes rub.\n\
         heel-bump:risks:Shoes that rub on the heel make it sore.\n"
    );
    // The question holds "rub" but not "heel"; the item "A heel cup helps." the reverse.
    assert!(!stdout(&found).contains("questions"));
    assert!(!stdout(&found).contains("heel cup helps"));
}

#[test]
fn one_argument_is_a_phrase_in_that_order() {
    in_fixtures(&["search", "--plain", "rub heel"])
        .failure()
        .code(1)
        .stdout("");
    in_fixtures(&["search", "--plain", "rub on the heel"])
        .success()
        .stdout("heel-bump:risks:Shoes that rub on the heel make it sore.\n");
}

#[test]
fn a_phrase_is_found_as_it_reads_across_a_line_break_or_markup() {
    let found = in_fixtures(&["search", "--plain", "nerve damage"]).success();
    assert_eq!(
        stdout(&found),
        "heel-bump:overview:A bump can press on a nerve. Pressure on a nerve damage is rare, \
         but it can happen. Check it every month.\n\
         heel-bump:risks:Surgery can lead to nerve damage.\n"
    );
}

#[test]
fn search_help_says_how_one_argument_differs_from_several() {
    let help = footcare().args(["search", "--help"]).assert().success();
    let text = stdout(&help);
    assert!(text.contains("One argument is a phrase"), "{text}");
    assert!(text.contains("in any order"), "{text}");
    for field in ["title", "summary", "aliases", "tags"] {
        assert!(text.contains(field), "{field} missing from:\n{text}");
    }
}

#[test]
fn show_of_an_unknown_name_lists_the_topics_that_mention_it_front_matter_first() {
    let missing = in_fixtures(&["show", "bump"]).failure().code(1).stdout("");
    let lines: Vec<String> = stderr(&missing).lines().map(String::from).collect();
    assert_eq!(lines[0], "error: no topic called \"bump\"");
    assert_eq!(lines[1], "  topics that mention it, the most first:");
    assert_eq!(
        lines[2],
        "    heel-bump: in title, aliases, overview, questions"
    );
    assert_eq!(lines[3], "    heel-cup: in overview, procedure");
}

#[test]
fn show_of_an_unknown_name_ranks_the_topics_by_how_often_they_mention_it() {
    // heel-cup says "every" three times, heel-bump once; neither in its front matter.
    let missing = in_fixtures(&["show", "every"]).failure().code(1);
    let text = stderr(&missing);
    let cup = text.find("    heel-cup: in procedure").expect(&text);
    let bump = text.find("    heel-bump: in overview\n").expect(&text);
    assert!(cup < bump, "{text}");
}

#[test]
fn show_of_a_symptom_leads_to_the_topic_that_explains_it() {
    footcare()
        .args(["show", "heel pain"])
        .assert()
        .failure()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "topics that mention it, the most first:\n    plantar-fascia-release: in summary, ",
        ));
}

#[test]
fn export_of_an_unknown_name_lists_the_topics_that_mention_it() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    footcare()
        .arg("--content-dir")
        .arg(fixture("finding"))
        .args(["export", "bump", "-o"])
        .arg(&page)
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains("    heel-bump: in title, aliases"));
    assert!(!page.exists(), "a page was written for a name no topic has");
}

#[test]
fn a_name_no_topic_mentions_gets_no_list() {
    let missing = in_fixtures(&["show", "zebra"]).failure().code(1);
    assert!(
        !stderr(&missing).contains("mention"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_search_with_no_match_suggests_a_spelling_from_the_topics_own_words() {
    // "shoe" and "shoes" are each a letter off; two topics say "shoe", one "shoes".
    in_fixtures(&["search", "shoez"])
        .failure()
        .code(1)
        .stdout("")
        .stderr("note: no match for shoez; did you mean shoe?\n");
    footcare()
        .args(["search", "fasciits"])
        .assert()
        .failure()
        .code(1)
        .stdout("")
        .stderr("note: no match for fasciits; did you mean fasciitis?\n");
}

#[test]
fn a_suggested_spelling_is_one_that_would_find_something() {
    // Each word is put right on its own; the pair must still share a paragraph or item.
    let suggested = in_fixtures(&["search", "shoez", "nerv"]).failure().code(1);
    assert_eq!(
        stderr(&suggested),
        "",
        "no paragraph holds both shoes and nerve"
    );
}

#[test]
fn several_misspelt_words_are_put_right_together() {
    in_fixtures(&["search", "damaje", "nervve"])
        .failure()
        .code(1)
        .stderr("note: no match for damaje nervve; did you mean damage nerve?\n");
    in_fixtures(&["search", "nervve damaje"])
        .failure()
        .code(1)
        .stderr("note: no match for \"nervve damaje\"; did you mean \"nerve damage\"?\n");
}

#[test]
fn no_spelling_is_suggested_for_a_regex_or_a_word_like_no_other() {
    in_fixtures(&["search", "--regex", "shoez"])
        .failure()
        .code(1)
        .stderr("");
    in_fixtures(&["search", "xylophone"])
        .failure()
        .code(1)
        .stderr("");
}

#[test]
fn a_misspelling_found_only_among_aliases_is_found_and_put_right() {
    footcare()
        .args(["search", "--plain", "fascitis"])
        .assert()
        .success()
        .stdout("plantar-fascia-release:aliases:plantar fascitis surgery\n")
        .stderr("note: fascitis matched only aliases; did you mean fasciitis?\n");
}

#[test]
fn a_word_found_nowhere_is_put_right_from_the_aliases_too() {
    footcare()
        .args(["search", "strayr"])
        .assert()
        .failure()
        .code(1)
        .stderr("note: no match for strayr; did you mean strayer?\n");
    // An alias's word a letter off the text's word is a misspelling kept for `show`: the
    // text's spelling is the one suggested.
    footcare()
        .args(["search", "fascitiss"])
        .assert()
        .failure()
        .code(1)
        .stderr("note: no match for fascitiss; did you mean fasciitis?\n");
    // A character that prints as nothing is left out of the word put right, as it is of
    // the search.
    footcare()
        .args(["search", "fasci\u{200B}its"])
        .assert()
        .failure()
        .code(1)
        .stderr("note: no match for fasci<U+200B>its; did you mean fasciitis?\n");
}

#[test]
fn an_empty_word_is_a_usage_error_not_a_match_for_every_line() {
    for words in [&[""][..], &["   "], &["heel", ""], &["--regex", ""]] {
        in_fixtures(&[&["search"][..], words].concat())
            .failure()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("nothing to search for"));
    }
}

#[test]
fn a_name_or_search_too_long_to_look_for_is_answered_without_a_crash() {
    let long = "k".repeat(60_000);
    in_fixtures(&["show", &long])
        .failure()
        .code(1)
        .stderr(predicate::str::starts_with("error: no topic called \"kkk"));
    let words = vec!["heel"; 12_000].join(" ");
    in_fixtures(&["export", &words])
        .failure()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: no topic called \"heel heel",
        ));
    in_fixtures(&["search", &long])
        .failure()
        .code(2)
        .stderr("error: the search is too long to look for: give fewer or shorter words\n");
}

#[test]
fn a_regex_is_searched_as_written_even_with_a_comment() {
    in_fixtures(&[
        "search",
        "--plain",
        "--regex",
        r"(?x) pump \ bump # the lay name",
    ])
    .success()
    .stdout(predicate::str::contains("heel-bump:aliases:pump bump\n"));
}

#[test]
fn several_words_are_each_highlighted_and_overlapping_finds_are_one() {
    let found = in_fixtures(&[
        "--color",
        "always",
        "search",
        "cup",
        "the heel",
        "heel eases",
    ])
    .success();
    let on = "\u{1b}[38;5;9m\u{1b}[1m";
    let off = "\u{1b}[0m";
    assert!(
        stdout(&found).ends_with(&format!(
            "A {on}cup{off} under {on}the heel eases{off} a pump bump a little.\n"
        )),
        "{:?}",
        stdout(&found)
    );
}

#[test]
fn a_long_list_of_mentions_ends_with_the_search_that_finds_them_all() {
    let folder = tempfile::tempdir().unwrap();
    let cup = std::fs::read_to_string(fixture("finding").join("heel-cup.md")).unwrap();
    for n in 1..=7 {
        let title = format!("title: Heel cup {n}");
        std::fs::write(
            folder.path().join(format!("cup-{n}.md")),
            cup.replace("title: Heel cups", &title),
        )
        .unwrap();
    }
    let in_folder = |args: &[&str]| {
        footcare()
            .arg("--content-dir")
            .arg(folder.path())
            .args(args)
            .assert()
    };
    let shown = in_folder(&["show", "pump-bump"]).failure().code(1);
    let message = stderr(&shown);
    let listed = message
        .lines()
        .filter(|l| l.starts_with("    cup-"))
        .count();
    assert_eq!(listed, 5, "{message}");
    assert!(
        message.contains("\n    and 2 more: `footcare search \"pump bump\"` finds every mention\n"),
        "{message}"
    );
    let searched = in_folder(&["search", "--plain", "pump bump"]).success();
    let mut slugs: Vec<String> = (stdout(&searched).lines())
        .map(|line| line.split(':').next().unwrap().to_string())
        .collect();
    slugs.dedup();
    assert_eq!(
        slugs.len(),
        7,
        "the search finds every topic the list counts"
    );
}

#[test]
fn a_topic_file_that_cannot_be_read_is_counted_when_no_topic_is_found() {
    let folder = tempfile::tempdir().unwrap();
    let cup = std::fs::read_to_string(fixture("finding").join("heel-cup.md")).unwrap();
    std::fs::write(folder.path().join("heel-cup.md"), &cup).unwrap();
    // Its front matter reads; its body does not.
    let broken = cup
        .replace("title: Heel cups", "title: Broken cups")
        .replace("## Overview", "## Overview {#Bad Key!}");
    std::fs::write(folder.path().join("broken-cup.md"), broken).unwrap();
    footcare()
        .arg("--content-dir")
        .arg(folder.path())
        .args(["show", "pump bump"])
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains(
            "    heel-cup: in overview, procedure\n",
        ))
        .stderr(predicate::str::contains(
            "  1 topic file could not be read: `footcare check` names it\n",
        ));
}

/// Things people type, and the topic each should lead to within the first three lines of
/// what footcare answers, on stdout or stderr.
const ASKED: [(&[&str], &str); 23] = [
    (&["show", "EPF"], "plantar-fascia-release"),
    (&["show", "plantar fasciitis"], "plantar-fascia-release"),
    (&["show", "heel pain"], "plantar-fascia-release"),
    (&["show", "fasciotomy"], "plantar-fascia-release"),
    (&["show", "plantar fascitis"], "plantar-fascia-release"),
    (
        &["show", "partial plantar fasciotomy"],
        "plantar-fascia-release",
    ),
    (&["show", "fascia release"], "plantar-fascia-release"),
    (&["show", "gastroc slide"], "gastrocnemius-release"),
    (&["show", "tight calf"], "gastrocnemius-release"),
    (&["show", "gastroc"], "gastrocnemius-release"),
    (&["show", "gastrocnemius recesion"], "gastrocnemius-release"),
    (&["show", "calf lengthening"], "gastrocnemius-release"),
    (&["show", "strayer"], "gastrocnemius-release"),
    (&["show", "tennis leg"], "calf-strain"),
    (&["show", "achilles"], "calf-strain"),
    (&["show", "sprained calf"], "calf-strain"),
    (&["show", "calf strian"], "calf-strain"),
    (&["show", "pulled calf muscle"], "calf-strain"),
    (&["show", "calf tear"], "calf-strain"),
    (&["search", "strayer"], "gastrocnemius-release"),
    (&["search", "torn calf"], "calf-strain"),
    (&["search", "fascitis"], "plantar-fascia-release"),
    (&["search", "calf", "swelling"], "calf-strain"),
];

#[test]
fn names_people_type_lead_to_their_topic_within_three_lines() {
    for (args, slug) in ASKED {
        let output = footcare().args(args).arg("--plain").output().unwrap();
        if args[0] == "show" && output.status.success() {
            let page = footcare().args(["show", slug, "--plain"]).output().unwrap();
            assert_eq!(
                output.stdout, page.stdout,
                "{args:?} showed another page than {slug}"
            );
            continue;
        }
        let answer = String::from_utf8([output.stdout, output.stderr].concat()).unwrap();
        let first_three: Vec<&str> = answer.lines().take(3).collect();
        assert!(
            first_three.iter().any(|line| line.contains(slug)),
            "{args:?} should lead to {slug}:\n{answer}"
        );
    }
}

#[test]
fn completion_offers_the_fields_search_takes_and_not_sources() {
    let offered = footcare()
        .env("COMPLETE", "fish")
        .args(["--", "footcare", "search", "heel", "--section", ""])
        .assert()
        .success();
    let offered: Vec<String> = stdout(&offered).lines().map(String::from).collect();
    for field in ["title", "summary", "aliases", "tags", "overview", "risks"] {
        assert!(
            offered.iter().any(|o| o == field),
            "{field} not in {offered:?}"
        );
    }
    assert!(!offered.iter().any(|o| o == "sources"), "{offered:?}");
}
