//! What footcare offers a shell to complete. A shell puts a candidate on the command line
//! as it is: bash does not quote it, and the others quote in ways of their own. So every
//! candidate is one that means the same to every supported shell unquoted, or is not
//! offered at all; a name from a clinic's file can then never run as code.

use std::ffi::{OsStr, OsString};

use clap_complete::engine::{PathCompleter, ValueCompleter};
use clap_complete::CompletionCandidate;

use crate::hints::{content_dir_in, option_in};
use crate::lang::{reader_lang, Lang};
use crate::load::headers_or_none;
use crate::lookup::{is_safe_in_every_shell, normalize};
use crate::topic::{Header, SectionKey, SEARCHED_FIELDS, SOURCES_NAME};

/// The topics footcare would read for the command line being completed (a clinic's own
/// included) whose names start with what was typed.
pub fn topic_candidates(typed: &OsStr) -> Vec<CompletionCandidate> {
    // The shell passes the words being completed after `--`: a `--content-dir` among them
    // is where the topics come from.
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|arg| arg != "--")
        .skip(1)
        .collect();
    let source = crate::source::ContentSource::from_environment(content_dir_in(&words));
    names_to_offer(
        &headers_or_none(&source, typed_lang(&words)),
        &typed.to_string_lossy(),
    )
}

/// The language of the command line being completed: its `--lang`, else the
/// environment's. An unknown one is the command's to report: the names offered are then
/// English.
pub fn typed_lang(words: &[OsString]) -> Lang {
    let flag = (option_in(words, "--lang").as_deref())
        .and_then(OsStr::to_str)
        .and_then(Lang::from_code);
    reader_lang(flag, |name| std::env::var(name).ok()).unwrap_or(Lang::En)
}

/// The slugs that start with `typed`, each with its title where the shell shows one; or,
/// when no slug does, the aliases (written as slugs) that do. Aliases would otherwise
/// crowd the slugs: `pla` then completes to the one slug in a single TAB.
pub fn names_to_offer(topics: &[Header], typed: &str) -> Vec<CompletionCandidate> {
    // Typed as a reader would type a name, `pulled c` or `Pulled_C`, and matched as a slug.
    let typed = normalize(typed);
    let slugs: Vec<CompletionCandidate> = topics
        .iter()
        .filter(|topic| topic.slug.starts_with(&typed))
        .map(|topic| CompletionCandidate::new(&topic.slug).help(Some(topic.title.clone().into())))
        .collect();
    if !slugs.is_empty() {
        return slugs;
    }
    let mut aliases: Vec<String> = Vec::new();
    for topic in topics {
        for alias in topic.aliases.iter().map(|alias| normalize(alias)) {
            if alias.starts_with(&typed)
                && is_safe_in_every_shell(&alias)
                && !aliases.contains(&alias)
            {
                aliases.push(alias);
            }
        }
    }
    aliases.into_iter().map(CompletionCandidate::new).collect()
}

pub fn section_candidates() -> Vec<CompletionCandidate> {
    (SectionKey::ALL.iter().map(|key| key.as_str()))
        .chain([SOURCES_NAME])
        .map(CompletionCandidate::new)
        .collect()
}

/// What `search --section` takes: the front matter's fields and the standard sections.
/// Sources are not searched.
pub fn searched_section_candidates() -> Vec<CompletionCandidate> {
    (SEARCHED_FIELDS.into_iter())
        .chain(SectionKey::ALL.iter().map(|key| key.as_str()))
        .map(CompletionCandidate::new)
        .collect()
}

/// Files and folders, as a shell would offer them, leaving out those whose names would
/// need quoting.
pub fn path_candidates(typed: &OsStr) -> Vec<CompletionCandidate> {
    PathCompleter::any()
        .complete(typed)
        .into_iter()
        .filter(|candidate| is_safe_in_every_shell(&candidate.get_value().to_string_lossy()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topic::Kind;

    fn topic(slug: &str, aliases: &[&str]) -> Header {
        Header {
            slug: slug.to_string(),
            lang: crate::lang::Lang::En,
            languages: vec![crate::lang::Lang::En],
            file: format!("{slug}.md"),
            title: slug.to_string(),
            summary: String::new(),
            kind: Kind::Procedure,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            tags: Vec::new(),
        }
    }

    fn offered(typed: &str) -> Vec<String> {
        let topics = [
            topic(
                "plantar-fascia-release",
                &["plantar fasciotomy", "Plantar fasciitis surgery"],
            ),
            topic(
                "gastrocnemius-release",
                &["gastroc recession", "Strayer procedure"],
            ),
            topic("calf-strain", &["pulled calf"]),
        ];
        names_to_offer(&topics, typed)
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_prefix_of_a_slug_offers_that_slug_alone() {
        assert_eq!(offered("pla"), ["plantar-fascia-release"]);
        assert_eq!(offered("gas"), ["gastrocnemius-release"]);
        assert_eq!(offered("Cal"), ["calf-strain"]);
        assert_eq!(
            offered("").len(),
            3,
            "nothing typed offers every slug and no alias"
        );
    }

    #[test]
    fn aliases_are_offered_when_no_slug_matches() {
        assert_eq!(offered("str"), ["strayer-procedure"]);
        assert_eq!(offered("pu"), ["pulled-calf"]);
        assert_eq!(offered("Pulled c"), ["pulled-calf"]);
        assert!(offered("zz").is_empty());
    }
}
