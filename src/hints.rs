//! Tips added to clap's usage errors where footcare can tell what the reader meant: a
//! topic typed without `show`, or `show` or `export` with no topic named.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::lookup;
use crate::topic::Header;

/// At most this many topics are named in a tip; `footcare list` shows the rest.
const TOPICS_NAMED: usize = 10;

/// Adds footcare's tips to `error`. `topics` is asked for only when a tip needs them, and
/// `content_dir` says whether they came from a `--content-dir` on the command line.
pub fn add_tips(error: &mut clap::Error, content_dir: bool, topics: impl FnOnce() -> Vec<Header>) {
    let tip = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let Some(ContextValue::String(typed)) = error.get(ContextKind::InvalidSubcommand)
            else {
                return;
            };
            let typed = typed.clone();
            let topics = topics();
            let same_folder = if content_dir {
                ", with the same --content-dir"
            } else {
                ""
            };
            match lookup::find(&topics, &typed) {
                Some(topic) => format!(
                    "to read that topic, use 'footcare show {}'{same_folder}",
                    topic.slug
                ),
                // clap's own "a similar subcommand exists" is the better tip then.
                None if error.get(ContextKind::SuggestedSubcommand).is_some() => return,
                None => "to read a topic, use 'footcare show TOPIC'; 'footcare list' lists them"
                    .to_string(),
            }
        }
        ErrorKind::MissingRequiredArgument if needs_a_topic(error) => {
            let slugs: Vec<String> = topics().into_iter().map(|t| t.slug).collect();
            match slugs.len() {
                0 => return,
                1..=TOPICS_NAMED => format!("name one of the topics: {}", slugs.join(", ")),
                more => format!(
                    "name a topic, such as {}; 'footcare list' lists all {more}",
                    slugs[..TOPICS_NAMED].join(", ")
                ),
            }
        }
        _ => return,
    };
    let mut tips = match error.get(ContextKind::Suggested) {
        Some(ContextValue::StyledStrs(tips)) => tips.clone(),
        _ => Vec::new(),
    };
    tips.push(StyledStr::from(tip));
    error.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
}

/// The value of the global option `long` (such as `--color`) on a command line that clap
/// could not parse, or is not parsing: a usage error still honours `--color never`, a
/// tip names the topics of `--content-dir`, and so does completion. The last one given
/// wins, as with clap.
pub fn option_in(args: &[OsString], long: &str) -> Option<OsString> {
    let mut args = args.iter().skip(1);
    let mut found = None;
    let with_equals = format!("{long}=");
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == long {
            found = args.next().cloned();
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix(&with_equals)) {
            found = Some(OsString::from(value));
        }
    }
    found
}

/// The `--content-dir` of such a command line.
pub fn content_dir_in(args: &[OsString]) -> Option<PathBuf> {
    option_in(args, "--content-dir").map(PathBuf::from)
}

/// Whether the missing argument is the topic of `show` or `export`.
fn needs_a_topic(error: &clap::Error) -> bool {
    let missing_topic = matches!(
        error.get(ContextKind::InvalidArg),
        Some(ContextValue::Strings(args)) if args.iter().any(|a| a == "<TOPIC>")
    );
    let usage = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => String::new(),
    };
    // "Usage: NAME show <TOPIC>", whatever name footcare was run by.
    let command = usage.split_whitespace().nth(2);
    missing_topic && matches!(command, Some("show" | "export"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use crate::topic::Kind;
    use clap::CommandFactory;

    fn header(slug: &str, alias: &str) -> Header {
        Header {
            slug: slug.to_string(),
            lang: crate::lang::Lang::En,
            languages: vec![crate::lang::Lang::En],
            file: format!("{slug}.md"),
            title: slug.replace('-', " "),
            summary: String::new(),
            kind: Kind::Condition,
            aliases: vec![alias.to_string()],
            tags: Vec::new(),
        }
    }

    fn error_for(args: &[&str]) -> String {
        let mut command = Cli::command();
        let mut error = command
            .try_get_matches_from_mut(args)
            .expect_err("a usage error")
            .format(&mut command);
        add_tips(&mut error, false, || {
            vec![
                header("calf-strain", "pulled calf"),
                header("heel-pain", "sore heel"),
            ]
        });
        error.render().to_string()
    }

    #[test]
    fn a_topic_typed_as_a_command_gets_the_show_command_for_it() {
        let message = error_for(&["footcare", "pulled-calf"]);
        assert!(
            message.contains("tip: to read that topic, use 'footcare show calf-strain'"),
            "{message}"
        );
        let unknown = error_for(&["footcare", "bunion"]);
        assert!(unknown.contains("use 'footcare show TOPIC'"), "{unknown}");
        let typo = error_for(&["footcare", "lst"]);
        assert!(
            typo.contains("'list'") && !typo.contains("footcare show"),
            "{typo}"
        );
    }

    #[test]
    fn the_content_folder_is_found_on_a_line_clap_refused() {
        let args = |line: &[&str]| line.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            content_dir_in(&args(&["footcare", "--content-dir", "ours", "show"])),
            Some(PathBuf::from("ours"))
        );
        assert_eq!(
            content_dir_in(&args(&["footcare", "show", "--content-dir=ours"])),
            Some(PathBuf::from("ours"))
        );
        assert_eq!(
            content_dir_in(&args(&["footcare", "show", "--", "--content-dir"])),
            None
        );
    }

    #[test]
    fn show_or_export_without_a_topic_names_the_topics() {
        for command in ["show", "export"] {
            let message = error_for(&["footcare", command]);
            assert!(
                message.contains("tip: name one of the topics: calf-strain, heel-pain"),
                "{message}"
            );
        }
        let renamed = error_for(&["fc", "show"]);
        assert!(renamed.contains("tip: name one of the topics"), "{renamed}");
        let other = error_for(&["footcare", "search"]);
        assert!(!other.contains("tip: name one"), "{other}");
    }
}
