//! A fast reader for the plain front matter nearly every topic has: `key: value` lines,
//! `[a, b]` lists, and a `sources` list of small maps. The full YAML reader costs about
//! 300 instructions a byte; most topics need none of what it offers.
//!
//! The rule that keeps this safe: [`read`] answers only for text it is sure about, and
//! gives `None` for anything else (comments, anchors, escapes, block lists, values that
//! YAML could read as numbers or booleans, any error). The caller then uses the full
//! reader, which also writes every error message. A test compares the two on many inputs.

use crate::date::{Date, SourceDate};
use crate::parse::Fields;
use crate::topic::{Kind, Source};

/// The fields in `yaml`, or `None` when the full YAML reader must decide.
pub fn read(yaml: &str) -> Option<Fields> {
    if !yaml.chars().all(is_plain_char) {
        return None;
    }
    let mut builder = FieldsBuilder::default();
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        let (key, value) = key_value(line)?;
        match (key, value) {
            ("sources", "") => {
                let mut sources = Vec::new();
                while lines.peek().is_some_and(|next| next.starts_with("  - ")) {
                    sources.push(read_source(&mut lines)?);
                }
                // `sources:` with nothing under it is null, which the full reader refuses.
                if sources.is_empty() {
                    return None;
                }
                set(&mut builder.sources, sources)?;
            }
            ("title", value) => set(&mut builder.title, scalar(value)?)?,
            ("summary", value) => set(&mut builder.summary, scalar(value)?)?,
            ("kind", "procedure") => set(&mut builder.kind, Kind::Procedure)?,
            ("kind", "condition") => set(&mut builder.kind, Kind::Condition)?,
            ("aliases", value) => set(&mut builder.aliases, flow_list(value)?)?,
            ("tags", value) => set(&mut builder.tags, flow_list(value)?)?,
            ("reviewed", value) => set(&mut builder.reviewed, Date::try_from(date(value)?).ok()?)?,
            _ => return None,
        }
    }
    Some(Fields {
        title: builder.title?,
        summary: builder.summary?,
        kind: builder.kind?,
        aliases: builder.aliases.unwrap_or_default(),
        tags: builder.tags.unwrap_or_default(),
        reviewed: builder.reviewed?,
        sources: builder.sources.unwrap_or_default(),
        sections: None,
    })
}

#[derive(Default)]
struct FieldsBuilder {
    title: Option<String>,
    summary: Option<String>,
    kind: Option<Kind>,
    aliases: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    reviewed: Option<Date>,
    sources: Option<Vec<Source>>,
}

/// Fills a field once; a repeated field is for the full reader to report.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// One source: `  - key: value` and then `    key: value` lines.
fn read_source<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Option<Source> {
    let first = lines.next()?.strip_prefix("  - ")?;
    let mut fields = vec![key_value(first)?];
    while let Some(line) = lines.peek().and_then(|next| next.strip_prefix("    ")) {
        fields.push(key_value(line)?);
        lines.next();
    }
    let (mut title, mut publisher, mut date_text) = (None, None, None);
    let (mut authors, mut doi, mut url) = (None, None, None);
    for (key, value) in fields {
        match key {
            "title" => set(&mut title, scalar(value)?)?,
            "publisher" => set(&mut publisher, scalar(value)?)?,
            "date" => set(&mut date_text, date(value)?)?,
            "authors" => set(&mut authors, scalar(value)?)?,
            "doi" => set(&mut doi, scalar(value)?)?,
            "url" => set(&mut url, scalar(value)?)?,
            _ => return None,
        }
    }
    Some(Source {
        title: title?,
        publisher: publisher?,
        date: SourceDate::try_from(date_text?).ok()?,
        authors,
        doi,
        url,
    })
}

/// `key: value` with a lowercase key at the start of the line; the value may be empty.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    match &line[colon + 1..] {
        "" => Some((key, "")),
        rest => {
            let value = rest.strip_prefix(' ')?.trim_start_matches(' ');
            // Trailing spaces, or a value YAML would read as nothing, are not for us.
            (!value.is_empty() && !value.ends_with(' ')).then_some((key, value))
        }
    }
}

/// A string value: plain, or quoted without escapes.
fn scalar(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then(|| inner.to_string());
    }
    if let Some(inner) = value.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| inner.to_string());
    }
    plain(value, false).map(str::to_string)
}

/// A date as text for the date types to check: `YYYY-MM-DD` or `YYYY-MM`, or also `YYYY`
/// in quotes (bare, YAML reads that as a number).
fn date(value: &str) -> Option<String> {
    let quoted = [('"', '"'), ('\'', '\'')]
        .iter()
        .find_map(|&(open, close)| value.strip_prefix(open)?.strip_suffix(close));
    let text = quoted.unwrap_or(value);
    let shape_ok = match text.len() {
        4 => quoted.is_some() && text.bytes().all(|b| b.is_ascii_digit()),
        7 | 10 => text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        }),
        _ => false,
    };
    shape_ok.then(|| text.to_string())
}

/// `[a, b, c]` of plain items.
fn flow_list(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let inner = inner.strip_suffix(',').unwrap_or(inner);
    inner
        .split(',')
        .map(|item| plain(item.trim_matches(' '), true).map(str::to_string))
        .collect()
}

/// A plain scalar that YAML reads as exactly this string: nothing that starts another
/// kind of node, no comment, no `: `, and nothing that could be a number, a boolean or
/// null. Inside `[...]` the flow indicators are excluded too.
fn plain(value: &str, in_flow: bool) -> Option<&str> {
    let first = value.chars().next()?;
    let starts_other_node = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    // A slash rules out every number, so DOIs such as `10.1371/x` are plain text.
    let could_be_other_type = (first.is_ascii_digit() && !value.contains('/'))
        || matches!(first, '+' | '.' | '~')
        || matches!(
            value.to_ascii_lowercase().as_str(),
            "null"
                | "true"
                | "false"
                | "yes"
                | "no"
                | "on"
                | "off"
                | "y"
                | "n"
                | "nan"
                | "inf"
                | "infinity"
        );
    let ends_badly = value.ends_with(':') || value.ends_with(' ');
    let flow_clash = in_flow && value.contains([',', '[', ']', '{', '}']);
    let ok = !starts_other_node
        && !could_be_other_type
        && !ends_badly
        && !flow_clash
        && !value.contains(": ")
        && !value.contains(" #");
    ok.then_some(value)
}

/// Characters with no special meaning to a YAML reader: printable ASCII and most of the
/// rest of Unicode, but not tabs, the byte-order mark or the Unicode line separators.
fn is_plain_char(c: char) -> bool {
    matches!(c, '\n' | ' '..='~')
        || (c >= '\u{A0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the full YAML reader makes of `yaml`.
    fn full_reader(yaml: &str) -> Option<Fields> {
        serde_yaml::from_str(yaml).ok()
    }

    /// The fast reader may decline, but whatever it answers, the full reader agrees.
    fn assert_agrees(yaml: &str) -> bool {
        match read(yaml) {
            Some(fast) => {
                assert_eq!(Some(&fast), full_reader(yaml).as_ref(), "on:\n{yaml}");
                true
            }
            None => false,
        }
    }

    fn front_matter(text: &str) -> &str {
        let rest = text.strip_prefix("---\n").expect("front matter");
        &rest[..rest.find("\n---").expect("end of front matter") + 1]
    }

    #[test]
    fn the_built_in_topics_take_the_fast_path_and_agree() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        for entry in std::fs::read_dir(folder).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(assert_agrees(front_matter(&text)), "declined:\n{text}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_the_full_reader() {
        let base = "title: T\nsummary: S\nkind: condition\nreviewed: 2026-01-02\n";
        assert!(assert_agrees(base));
        for extra in [
            "tags: [a, 'b']\n",
            "tags:\n  - a\n",
            "aliases: [a,, b]\n",
            "title: again\n",
            "# a comment\n",
            "tags: [a] # note\n",
            "sources:\n",
            "sources:\n  - title: x\n    publisher: y\n    date: 2026\n",
            "sources:\n  - title: x\n    publisher: y\n    date: 2026-01\n    isbn: 1\n",
            "colour: red\n",
        ] {
            assert!(read(&format!("{base}{extra}")).is_none(), "{extra}");
        }
        for value in [
            "\"a\\nb\"",
            "'it''s'",
            "null",
            "~",
            "Yes",
            "12 toes",
            "-x",
            "a: b",
            "a #b",
            "&anchor x",
            "*alias",
            "!!str x",
            "|",
            ">",
            "x ",
            "",
        ] {
            let yaml = base.replace("summary: S", &format!("summary: {value}"));
            assert!(read(&yaml).is_none(), "{value:?}");
        }
    }

    /// One `key: value` line: mostly a value that suits the key, sometimes a tricky one.
    fn field_line() -> impl Strategy<Value = String> {
        let text = vec![
            "A heel",
            "Runner's World",
            "\"quoted “text”\"",
            "'single'",
            "a:b",
            "a#b",
            "é ü 日本",
            "https://example.org/x",
            "10.1/x",
            "\"2026\"",
        ];
        let lists = vec!["[a, b]", "[a,b,]", "[]", "[ a , b ]", "[calf tear, é]"];
        let suits: Vec<(&str, Vec<&str>)> = vec![
            ("title", text.clone()),
            ("summary", text),
            ("kind", vec!["procedure", "condition", "Procedure"]),
            ("aliases", lists.clone()),
            ("tags", lists),
            (
                "reviewed",
                vec!["2026-01-02", "2026-01", "\"2026-01-02\"", "2026-02-30"],
            ),
            ("url", vec!["x"]),
            ("Title", vec!["x"]),
        ];
        let tricky = prop::sample::select(vec![
            "",
            "'it''s'",
            "\"a\\tb\"",
            "null",
            "~",
            "true",
            "no",
            "12",
            "1.5",
            ".inf",
            "nan",
            "-",
            "- x",
            "a: b",
            "a #b",
            "#b",
            "[a, [b]]",
            "[a, 'b']",
            "[a,, b]",
            "{a: b}",
            "1/2",
            "2026",
            "x\u{2028}y",
            "&a x",
            "*a",
            "!x",
            "|",
            ">",
            "`x`",
            "%x",
            "@x",
            "?x",
            "x:",
            "x ",
        ]);
        let gap = prop_oneof![
            6 => Just(": "),
            1 => prop::sample::select(vec![":", ":  ", " : "]),
        ];
        (prop::sample::select(suits), gap).prop_flat_map(move |((key, good), gap)| {
            prop_oneof![4 => prop::sample::select(good), 1 => tricky.clone()]
                .prop_map(move |value| format!("{key}{gap}{value}\n"))
        })
    }

    fn source_block() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec![
            "title: Paper",
            "publisher: NHS",
            "date: 2026-01-02",
            "date: 2026-13",
            "date: 2026",
            "date: \"2026\"",
            "date: '2026-01'",
            "authors: A B",
            "doi: 10.1/x",
            "url: https://x.org",
            "isbn: 1",
            "title: \"Q\"",
            "title: null",
            "",
        ]);
        let indent = prop::sample::select(vec!["    ", "   ", "      ", "  - "]);
        (prop::collection::vec((indent, line), 1..6)).prop_map(|lines| {
            let mut text = String::from("sources:\n");
            for (index, (indent, line)) in lines.iter().enumerate() {
                let indent = if index == 0 { "  - " } else { indent };
                text.push_str(&format!("{indent}{line}\n"));
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_fast_reader_never_disagrees_with_the_full_one(
            lines in prop::collection::vec(prop_oneof![4 => field_line(), 1 => source_block()], 0..6),
            complete in any::<bool>(),
        ) {
            // Mostly one line a key, with the required ones filled in, so that most
            // cases are whole topics and the fast reader answers a good share of them.
            let mut yaml = String::new();
            let mut seen = Vec::new();
            for line in &lines {
                let key = line.split(':').next().unwrap_or_default().to_string();
                if !complete || !seen.contains(&key) {
                    yaml.push_str(line);
                    seen.push(key);
                }
            }
            for (key, value) in [("title", "T"), ("summary", "S"), ("kind", "procedure"), ("reviewed", "2026-01-02")] {
                if complete && !seen.iter().any(|k| k == key) {
                    yaml.push_str(&format!("{key}: {value}\n"));
                }
            }
            assert_agrees(&yaml);
        }
    }
}
