//! What footcare offers a shell to complete. A shell puts a candidate on the command line
//! as it is: bash does not quote it, and the others quote in ways of their own. So every
//! candidate is one that means the same to every supported shell unquoted, or is not
//! offered at all; a name from a clinic's file can then never run as code.

use std::ffi::OsStr;

use clap_complete::engine::{PathCompleter, ValueCompleter};
use clap_complete::CompletionCandidate;

use crate::lookup::{is_safe_in_every_shell, normalize};
use crate::topic::SectionKey;

/// Every slug, and every alias written as a slug, of the topics footcare would read now
/// (a clinic's own included), each with its title where the shell shows one.
pub fn topic_candidates() -> Vec<CompletionCandidate> {
    let source = crate::source::ContentSource::from_environment(None);
    let Ok(headers) = crate::load::Catalog::read(&source).and_then(|c| c.headers()) else {
        return Vec::new();
    };
    let mut names: Vec<CompletionCandidate> = Vec::new();
    for topic in &headers.topics {
        names.push(CompletionCandidate::new(&topic.slug).help(Some(topic.title.clone().into())));
        for alias in topic.aliases.iter().map(|alias| normalize(alias)) {
            if alias != topic.slug && is_safe_in_every_shell(&alias) {
                names.push(CompletionCandidate::new(alias));
            }
        }
    }
    names
}

pub fn section_candidates() -> Vec<CompletionCandidate> {
    SectionKey::ALL
        .iter()
        .map(|key| CompletionCandidate::new(key.as_str()))
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
