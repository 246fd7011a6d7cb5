//! Finding a topic by what a person typed, and suggesting one when nothing matches.

use crate::letters::{is_combining_accent, without_accent};
use crate::sanitize::is_hidden;

use crate::topic::{Header, Section, Topic, BUILT_IN_ORIGIN};

/// How a typed name compares with slugs and aliases: case ignored, spaces and
/// underscores as dashes, so `Plantar Fascia Release` finds `plantar-fascia-release`.
pub fn normalize(name: &str) -> String {
    name_words(name)
        .map(|word| {
            (word.to_lowercase().chars())
                .filter(|&c| !is_combining_accent(c))
                .map(without_accent)
                .collect()
        })
        .collect::<Vec<String>>()
        .join("-")
}

/// The words of a name as a reader typed it: what spaces, dashes and underscores part.
pub fn name_words(name: &str) -> impl Iterator<Item = &str> {
    (name.split(|c: char| c.is_whitespace() || c == '_' || c == '-'))
        .filter(|word| !word.is_empty())
}

/// Whether `word` reads the same unquoted in bash, zsh, fish, elvish and PowerShell:
/// letters and digits (of any script), with dashes, dots, underscores, plus signs and
/// slashes between them, and no leading dash that would read as an option.
pub fn is_safe_in_every_shell(word: &str) -> bool {
    !word.is_empty()
        && !word.starts_with('-')
        && word.chars().all(|c| {
            (c.is_alphanumeric() && !is_hidden(c)) || matches!(c, '-' | '.' | '_' | '+' | '/')
        })
}

/// The topic that `name` opens: the one whose slug it is; else one whose title it is;
/// else one whose alias it is. Where several topics have the same title or alias, a
/// clinic's topic comes before a built-in one (the clinic chose the name), then the first
/// in slug order. `topics` are in slug order.
pub fn find<'a>(topics: &'a [Header], name: &str) -> Option<&'a Header> {
    let wanted = normalize(name);
    (0..=2).find_map(|level| {
        (topics.iter())
            .filter(|t| match_level(t, &wanted) == Some(level))
            .min_by_key(|t| t.origin() == BUILT_IN_ORIGIN)
    })
}

/// How closely a topic claims a name already normalised: 0 by its slug, 1 by its title,
/// 2 by an alias.
fn match_level(topic: &Header, wanted: &str) -> Option<u8> {
    if topic.slug == wanted {
        Some(0)
    } else if normalize(&topic.title) == wanted {
        Some(1)
    } else if topic.aliases.iter().any(|a| normalize(a) == wanted) {
        Some(2)
    } else {
        None
    }
}

/// Why [`find`] chose `chosen` for `name` over the other topics that claim it, in the
/// words of its rule.
pub fn why_chosen(topics: &[Header], name: &str, chosen: &Header) -> &'static str {
    let wanted = normalize(name);
    let level = match_level(chosen, &wanted);
    let mut rivals = (topics.iter())
        .filter(|t| t.slug != chosen.slug && match_level(t, &wanted) == level)
        .peekable();
    if rivals.peek().is_none() {
        return match level {
            Some(0) => "a slug always opens its own topic",
            _ => "a title comes before an alias",
        };
    }
    if chosen.origin() != BUILT_IN_ORIGIN && rivals.any(|t| t.origin() == BUILT_IN_ORIGIN) {
        "a clinic's topic comes before a built-in one"
    } else {
        "the first by slug comes first"
    }
}

/// The section of `topic` that `name` names, already normalised: by its key, or by its
/// heading as a reader types it.
pub fn section_called<'a>(topic: &'a Topic, wanted: &str) -> Option<&'a Section> {
    (topic.section_named(wanted))
        .or_else(|| (topic.sections.iter()).find(|s| normalize(&s.title) == wanted))
}

/// Every topic `name` could mean, by slug, title or alias, in slug order: more than one
/// makes the name ambiguous.
pub fn claimants<'a>(topics: &'a [Header], name: &str) -> Vec<&'a Header> {
    let wanted = normalize(name);
    (topics.iter())
        .filter(|t| match_level(t, &wanted).is_some())
        .collect()
}

/// Up to three slugs close to `name`, closest first.
pub fn suggestions(topics: &[Header], name: &str) -> Vec<String> {
    let wanted = normalize(name);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = Vec::new();
    for topic in topics {
        let best = std::iter::once(topic.slug.clone())
            .chain(topic.aliases.iter().map(|a| normalize(a)))
            .map(|candidate| similarity(&wanted, &candidate))
            .fold(0.0, f64::max);
        if best >= 0.75 {
            scored.push((best, &topic.slug));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, slug)| slug.to_string())
        .collect()
}

/// 1.0 for a match; a part typed in full (`plantar` for `plantar-fascia-release`) counts as
/// close, and otherwise Jaro-Winkler similarity forgives typos.
fn similarity(wanted: &str, candidate: &str) -> f64 {
    if candidate.split('-').any(|word| word == wanted) || candidate.starts_with(wanted) {
        return 0.9_f64.max(strsim::jaro_winkler(wanted, candidate));
    }
    strsim::jaro_winkler(wanted, candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_header, FileFormat};

    fn topic(slug: &str, aliases: &str) -> Header {
        let text = format!(
            "title: Title of {slug}\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n\
             aliases: [{aliases}]\n"
        );
        parse_header("t.yaml", slug, FileFormat::Yaml, &text).unwrap()
    }

    fn topics() -> Vec<Header> {
        vec![
            topic("calf-strain", "tennis leg, calf heart attack"),
            topic("plantar-fascia-release", "plantar fasciotomy"),
            topic("gastrocnemius-release", "strayer procedure"),
        ]
    }

    #[test]
    fn names_ignore_case_spaces_and_underscores() {
        assert_eq!(
            normalize("  Plantar Fascia_Release "),
            "plantar-fascia-release"
        );
        assert_eq!(normalize("calf--strain"), "calf-strain");
    }

    #[test]
    fn a_topic_is_found_by_slug_title_spelling_or_alias() {
        let topics = topics();
        assert_eq!(find(&topics, "Calf Strain").unwrap().slug, "calf-strain");
        assert_eq!(find(&topics, "TENNIS LEG").unwrap().slug, "calf-strain");
        assert_eq!(
            find(&topics, "title of Gastrocnemius Release")
                .unwrap()
                .slug,
            "gastrocnemius-release"
        );
        assert_eq!(
            find(&topics, "plantar fasciotomy").unwrap().slug,
            "plantar-fascia-release"
        );
        assert!(find(&topics, "knee").is_none());
    }

    #[test]
    fn a_shared_name_opens_by_slug_then_title_then_a_clinics_topic_then_slug_order() {
        let in_file = |file: &str, slug: &str, aliases: &str| Header {
            file: file.to_string(),
            ..topic(slug, aliases)
        };
        let built_in =
            |slug: &str, aliases: &str| in_file(&format!("<built-in>/{slug}.md"), slug, aliases);
        let clinic =
            |slug: &str, aliases: &str| in_file(&format!("clinic/{slug}.md"), slug, aliases);
        let opens = |topics: &[Header], name: &str| {
            let chosen = find(topics, name).unwrap();
            (chosen.slug.clone(), why_chosen(topics, name, chosen))
        };
        let topics = [built_in("heel-pain", ""), clinic("heel-wrap", "heel pain")];
        assert_eq!(
            opens(&topics, "heel pain"),
            ("heel-pain".into(), "a slug always opens its own topic")
        );
        let topics = [
            built_in("heel-pad", "title of heel wrap"),
            clinic("heel-wrap", ""),
        ];
        assert_eq!(
            opens(&topics, "title of heel wrap"),
            ("heel-wrap".into(), "a title comes before an alias")
        );
        let topics = [built_in("a-built-in", "pad"), clinic("b-clinic", "pad")];
        assert_eq!(
            opens(&topics, "pad"),
            (
                "b-clinic".into(),
                "a clinic's topic comes before a built-in one"
            )
        );
        let topics = [clinic("a-clinic", "pad"), clinic("b-clinic", "pad")];
        assert_eq!(
            opens(&topics, "pad"),
            ("a-clinic".into(), "the first by slug comes first")
        );
    }

    #[test]
    fn typos_and_partial_names_get_suggestions() {
        let topics = topics();
        assert_eq!(
            suggestions(&topics, "plantar-fascia-relase"),
            ["plantar-fascia-release"]
        );
        assert_eq!(suggestions(&topics, "calf")[0], "calf-strain");
        assert_eq!(
            suggestions(&topics, "gastrocnemius")[0],
            "gastrocnemius-release"
        );
        assert!(suggestions(&topics, "elbow").is_empty());
    }

    #[test]
    fn only_words_every_shell_reads_as_they_are_are_safe() {
        for safe in [
            "calf-strain",
            "fascitis-plantar",
            "tendón",
            "a.b_c+d",
            "dir/sub/",
            "911",
        ] {
            assert!(is_safe_in_every_shell(safe), "{safe}");
        }
        for unsafe_word in [
            "zz$(id>/tmp/pwned)",
            "zz`id`",
            "zz;id",
            "a|b",
            "a&b",
            "a<b",
            "a>b",
            "(a)",
            "a\\b",
            "a!b",
            "it's",
            "\"a\"",
            "a b",
            "a\tb",
            "a*",
            "a?",
            "[a]",
            "{a,b}",
            "~a",
            "#a",
            "-a",
            "a=b",
            "a,b",
            "a@b",
            "a%b",
            "a:b",
            "a\u{2018}b",
            "a\u{201C}b",
            "a\u{2013}b",
            "",
        ] {
            assert!(!is_safe_in_every_shell(unsafe_word), "{unsafe_word}");
        }
    }
}
