//! What `list` and `search` keep of a topic between runs, in the index.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::index::StoredUnits;
use crate::topic::{Kind, Named, Topic};

/// What `list` and `search` need of a topic: the part the index keeps between runs. Read
/// from the index, the text is borrowed from it rather than copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub slug: Cow<'a, str>,
    /// "built-in", or the folder its file is in (see [`Topic::origin`]). Shared by the
    /// entries of one folder.
    pub origin: Arc<str>,
    pub title: Cow<'a, str>,
    pub summary: Cow<'a, str>,
    pub kind: Kind,
    pub aliases: Lines<'a>,
    pub tags: Lines<'a>,
    pub units: Units<'a>,
}

/// An entry's text as search units, each led by its section's mark (see `search::units`).
#[derive(Debug, Clone, PartialEq)]
pub enum Units<'a> {
    /// Made from the topic just now; empty when only the list was asked for.
    Text(String),
    /// Kept in the index file, and read only when searched.
    Stored(StoredUnits<'a>),
}

impl Entry<'_> {
    /// The entry for a topic; `units` as `search::units` makes them, or empty.
    pub fn new(topic: &Topic, units: String) -> Entry<'static> {
        Entry {
            slug: Cow::Owned(topic.slug.clone()),
            origin: topic.origin().into(),
            title: Cow::Owned(topic.title.clone()),
            summary: Cow::Owned(topic.summary.clone()),
            kind: topic.kind,
            aliases: Lines::of(&topic.aliases),
            tags: Lines::of(&topic.tags),
            units: Units::Text(units),
        }
    }
}

impl Named for Entry<'_> {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.iter()
    }
}

/// One-line texts such as aliases, kept as one text with a line break after each. Read
/// from the index, they are borrowed whole rather than split into a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Lines<'a>(Cow<'a, str>);

impl<'a> Lines<'a> {
    /// One-line texts, as the parser leaves aliases and tags. Should a line break get into
    /// one, it becomes a space rather than splitting the text in two.
    pub fn of(texts: &[String]) -> Lines<'static> {
        let mut joined = String::new();
        for text in texts {
            joined.extend(text.chars().map(|c| if c == '\n' { ' ' } else { c }));
            joined.push('\n');
        }
        Lines(Cow::Owned(joined))
    }

    /// Lines as [`Lines::joined`] gives them.
    pub fn from_joined(joined: &'a str) -> Lines<'a> {
        Lines(Cow::Borrowed(joined))
    }

    /// Each text followed by a line break.
    pub fn joined(&self) -> &str {
        &self.0
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator('\n')
    }
}

impl Serialize for Lines<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    fn texts(lines: &Lines) -> Vec<String> {
        lines.iter().map(str::to_string).collect()
    }

    #[test]
    fn lines_give_back_each_text_empty_ones_too() {
        for list in [vec![], vec![""], vec!["", "a b", ""], vec!["heel pain"]] {
            let list: Vec<String> = list.into_iter().map(str::to_string).collect();
            let lines = Lines::of(&list);
            assert_eq!(texts(&lines), list);
            assert_eq!(texts(&Lines::from_joined(lines.joined())), list);
        }
    }

    #[test]
    fn a_line_break_inside_a_text_does_not_split_it() {
        let lines = Lines::of(&["heel\npain".to_string(), "b".to_string()]);
        assert_eq!(texts(&lines), ["heel pain", "b"]);
    }

    #[test]
    fn lines_serialize_as_a_list() {
        let lines = Lines::of(&["".to_string(), "a \"b\"".to_string()]);
        assert_eq!(serde_json::to_string(&lines).unwrap(), r#"["","a \"b\""]"#);
        assert_eq!(serde_json::to_string(&Lines::of(&[])).unwrap(), "[]");
    }
}
