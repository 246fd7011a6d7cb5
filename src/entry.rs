//! What `list` and `search` keep of a topic between runs, in the index.

use std::borrow::Cow;

use crate::index::StoredUnits;
use crate::topic::{Kind, Named, Topic};

/// What `list` and `search` need of a topic: the part the index keeps between runs. Read
/// from the index, the text is borrowed from it rather than copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub slug: Cow<'a, str>,
    /// "built-in", or the folder its file is in (see [`Topic::origin`]).
    pub origin: String,
    pub title: Cow<'a, str>,
    pub summary: Cow<'a, str>,
    pub kind: Kind,
    pub aliases: Vec<Cow<'a, str>>,
    pub tags: Vec<Cow<'a, str>>,
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
        let owned = |texts: &[String]| texts.iter().cloned().map(Cow::Owned).collect();
        Entry {
            slug: Cow::Owned(topic.slug.clone()),
            origin: topic.origin(),
            title: Cow::Owned(topic.title.clone()),
            summary: Cow::Owned(topic.summary.clone()),
            kind: topic.kind,
            aliases: owned(&topic.aliases),
            tags: owned(&topic.tags),
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
        self.aliases.iter().map(|alias| alias.as_ref())
    }
}
