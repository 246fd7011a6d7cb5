//! The typed YAML reader's messages about a topic's fields, such as
//! "sources[0]: unknown field `colour`, expected one of ...", said in an author's words:
//! which field, what is wrong with it, and what to write instead.

use crate::similar::closest;

/// `message` in plain words, if it is one of the reader's kinds of message; else as it is.
pub fn in_plain_words(message: &str) -> String {
    let (path, body) = match message.split_once(": ") {
        Some((path, body)) if is_path(path) => (Some(path), body),
        _ => (None, message),
    };
    let subject = path.map_or_else(|| "the file".to_string(), subject);
    if let Some((found, wanted)) =
        (body.strip_prefix("invalid type: ")).and_then(|rest| rest.split_once(", expected "))
    {
        return match path {
            None => "the file is not a list of fields: a topic is written as `name: value` \
                     lines, starting with `title:`"
                .to_string(),
            Some("sources") if wanted == "a sequence" => format!(
                "`sources` must be a list of sources, each starting with `- title:` on a line \
                 of its own, not {}",
                found_in_words(found)
            ),
            Some(_) => format!(
                "{subject} must be {}, not {}",
                wanted_in_words(wanted),
                found_in_words(found)
            ),
        };
    }
    if let Some((variant, wanted)) =
        (body.strip_prefix("unknown variant `")).and_then(|rest| rest.split_once("`, expected "))
    {
        return format!("{subject} must be {wanted}, not `{variant}`");
    }
    if let Some((field, wanted)) =
        (body.strip_prefix("unknown field `")).and_then(|rest| rest.split_once("`, expected "))
    {
        let known = quoted_names(wanted);
        let whose = match path {
            Some(_) => "its",
            None => "a topic's",
        };
        let advice = match closest(field, known.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "{whose} fields are {}",
                wanted.trim_start_matches("one of ")
            ),
        };
        return match path {
            Some(_) => format!("{subject} has an unknown field `{field}`: {advice}"),
            None => format!("unknown field `{field}`: {advice}"),
        };
    }
    let twice = (body.strip_prefix("duplicate field `")).and_then(|r| r.strip_suffix('`'));
    if let Some(field) = twice.filter(|field| !field.contains(['`', ' '])) {
        return format!("{subject} gives `{field}` twice: keep one");
    }
    let missing = (body.strip_prefix("missing field `")).and_then(|r| r.strip_suffix('`'));
    if let Some(field) = missing.filter(|field| !field.contains(['`', ' '])) {
        return format!("{subject} has no `{field}`: add `{field}:`");
    }
    match path {
        Some(_) => format!("{subject}: {body}"),
        None => message.to_string(),
    }
}

/// Whether `text` is a field's path as the reader writes it: `tags`, `sources[0].date`.
fn is_path(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.[]".contains(c))
}

/// A path as an author would say it: `sources[0].date` is "source 1's `date`".
fn subject(path: &str) -> String {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let head = match first.strip_suffix(']').and_then(|f| f.split_once('[')) {
        Some(("sources", index)) => match index.parse::<usize>() {
            Ok(index) => format!("source {}", index + 1),
            Err(_) => format!("`{first}`"),
        },
        _ if first == "sections" && !rest.is_empty() => {
            return match &rest[1..] {
                [] => format!("section `{}`", rest[0]),
                more => format!("section `{}`'s `{}`", rest[0], more.join(".")),
            };
        }
        _ => format!("`{first}`"),
    };
    match rest.as_slice() {
        [] => head,
        more => format!("{head}'s `{}`", more.join(".")),
    }
}

fn wanted_in_words(wanted: &str) -> &str {
    match wanted {
        "a sequence" => "a list, as in `[foot, heel]`, or one `- ` item a line",
        "a string" => "text",
        "a map from section key to Markdown text or {title, body}" => {
            "a map of sections, each written as `key: text`"
        }
        "a string or {title, body}" | "Markdown text or {title, body}" => {
            "Markdown text, or `title:` and `body:`"
        }
        other if other.starts_with("struct ") || other == "a map" => {
            "a group of `name: value` fields"
        }
        other => other,
    }
}

fn found_in_words(found: &str) -> String {
    let (kind, value) = found.split_once(' ').unwrap_or((found, ""));
    let value = value.trim_matches(['`', '"']);
    match kind {
        "string" => format!("the text \"{value}\""),
        "integer" | "floating" => format!("the number {}", value.trim_start_matches("point `")),
        "boolean" => format!("`{value}`, which YAML reads as yes or no"),
        "sequence" => "a list".to_string(),
        "map" => "a group of fields".to_string(),
        "unit" => "nothing".to_string(),
        _ => found.to_string(),
    }
}

/// The names in "one of `a`, `b`, `c`" or "`a` or `b`".
fn quoted_names(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_messages_are_said_in_an_authors_words() {
        for (message, plain) in [
            (
                "tags: invalid type: integer `3`, expected a sequence",
                "`tags` must be a list, as in `[foot, heel]`, or one `- ` item a line, not the \
                 number 3",
            ),
            (
                "sources: invalid type: map, expected a sequence",
                "`sources` must be a list of sources, each starting with `- title:` on a line of \
                 its own, not a group of fields",
            ),
            (
                "title: invalid type: boolean `true`, expected a string",
                "`title` must be text, not `true`, which YAML reads as yes or no",
            ),
            (
                "kind: unknown variant `illness`, expected `procedure` or `condition`",
                "`kind` must be `procedure` or `condition`, not `illness`",
            ),
            (
                "sources[0]: unknown field `colour`, expected one of `title`, `journal`, \
                 `publisher`, `date`, `accessed`, `authors`, `doi`, `url`",
                "source 1 has an unknown field `colour`: its fields are `title`, `journal`, \
                 `publisher`, `date`, `accessed`, `authors`, `doi`, `url`",
            ),
            (
                "sources[2]: unknown field `publsher`, expected one of `title`, `publisher`",
                "source 3 has an unknown field `publsher`: did you mean `publisher`?",
            ),
            (
                "sections.risks: unknown field `bdy`, expected `title` or `body`",
                "section `risks` has an unknown field `bdy`: did you mean `body`?",
            ),
            (
                "unknown field `a`, expected one of `title`, `summary`",
                "unknown field `a`: a topic's fields are `title`, `summary`",
            ),
            (
                "sources[0]: duplicate field `publisher`",
                "source 1 gives `publisher` twice: keep one",
            ),
            (
                "sources[1]: missing field `title`",
                "source 2 has no `title`: add `title:`",
            ),
            (
                "invalid type: sequence, expected struct Fields",
                "the file is not a list of fields: a topic is written as `name: value` lines, \
                 starting with `title:`",
            ),
            (
                "sources[0].date: invalid date `2026-13`: write YYYY, YYYY-MM or YYYY-MM-DD",
                "source 1's `date`: invalid date `2026-13`: write YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                "section `overview` appears twice (first at line 6)",
                "section `overview` appears twice (first at line 6)",
            ),
        ] {
            assert_eq!(in_plain_words(message), plain, "{message}");
        }
    }

    #[test]
    fn paths_are_named_as_an_author_would() {
        assert_eq!(subject("tags"), "`tags`");
        assert_eq!(subject("sources[0]"), "source 1");
        assert_eq!(subject("sources[4].date"), "source 5's `date`");
        assert_eq!(subject("sections.risks"), "section `risks`");
        assert_eq!(subject("sections.risks.title"), "section `risks`'s `title`");
    }
}
