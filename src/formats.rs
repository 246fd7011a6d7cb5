//! The formats for scripts and other tools: JSON documents and Markdown source.
//! Their shapes are a documented contract (see the README's "Scripting" section).

use serde::Serialize;

use crate::check::{ProfileReport, TopicReport};
use crate::clinic::{tier_call, tier_number, Clinic};
use crate::date::Date;
use crate::labels::labels;
use crate::lang::Lang;
use crate::markdown::{pictures, plain_in_markdown, top_level_items};
use crate::render::{render_plain, review_lines, section_blocks, source_line};
use crate::search::Match;
use crate::tiers::Tier;
use crate::topic::{derive_key, Header, Kind, Part, Section, Source, Topic};

#[derive(Serialize)]
struct TopicJson<'a> {
    slug: &'a str,
    /// The language of the page shown, which may be English where the reader asked for
    /// another.
    lang: Lang,
    languages: &'a [Lang],
    #[serde(flatten)]
    fields: FrontMatter<'a>,
    sections: Vec<SectionJson<'a>>,
    pictures: Vec<PictureJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    key: &'a str,
    title: &'a str,
    markdown: &'a str,
    /// The section as plain text, without its heading.
    text: String,
    /// Its top-level list items as plain text.
    items: Vec<String>,
    /// The warning signs' tiers, most urgent first; left out of other sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tiers: Vec<TierJson>,
}

#[derive(Serialize)]
struct TierJson {
    #[serde(flatten)]
    tier: Tier,
    /// Whom to call, as the page says it under the tier's heading.
    call: String,
    /// The clinic profile's number for this tier, or null.
    number: Option<String>,
}

/// A picture of the topic: its path from the topic file's folder, its alt text, and the
/// section it is in.
#[derive(Serialize)]
struct PictureJson<'a> {
    section: &'a str,
    path: &'a str,
    alt: &'a str,
}

/// One topic of `list --format json`.
#[derive(Serialize)]
pub struct ListEntry<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    kind: Kind,
    aliases: &'a [String],
    tags: &'a [String],
    /// "built-in", or the folder the topic's file is in.
    origin: String,
    /// The language of the title and summary given, and every language the topic has.
    lang: Lang,
    languages: &'a [Lang],
}

pub fn list_entry(header: &Header) -> ListEntry<'_> {
    ListEntry {
        slug: &header.slug,
        title: &header.title,
        summary: &header.summary,
        kind: header.kind,
        aliases: &header.aliases,
        tags: &header.tags,
        origin: header.origin(),
        lang: header.lang,
        languages: &header.languages,
    }
}

/// A JSON list written a batch of items at a time: the same text as the whole list
/// written at once, so a long list need never be held whole.
#[derive(Default)]
pub struct JsonList {
    started: bool,
}

impl JsonList {
    /// The next items, each as one element of the list.
    pub fn items<T: Serialize>(&mut self, items: impl IntoIterator<Item = T>) -> String {
        let mut out = String::new();
        for item in items {
            out.push_str(if self.started { ",\n" } else { "[\n" });
            self.started = true;
            // An element stands one level in; JSON strings hold no raw line breaks.
            let element = to_json(&item);
            for (at, line) in element.trim_end().split('\n').enumerate() {
                if at > 0 {
                    out.push('\n');
                }
                out.push_str("  ");
                out.push_str(line);
            }
        }
        out
    }

    /// What closes the list.
    pub fn end(self) -> String {
        if self.started { "\n]\n" } else { "[]\n" }.to_string()
    }
}

/// The sections `show` prints: all of them in document order, or the asked ones in the
/// asked order.
fn selected<'a>(topic: &'a Topic, parts: &[Part]) -> Vec<&'a Section> {
    if parts.is_empty() {
        topic.sections.iter().collect()
    } else {
        (parts.iter())
            .filter_map(|part| match part {
                Part::Section(name) => topic.section_named(name),
                Part::Sources => None,
            })
            .collect()
    }
}

fn to_json(value: &impl Serialize) -> String {
    // Our types hold only strings, lists and maps with string keys, which always serialize.
    let mut json = serde_json::to_string_pretty(value).expect("topic data serializes as JSON");
    json.push('\n');
    json
}

pub fn topic_json(topic: &Topic, parts: &[Part], clinic: &Clinic) -> String {
    let shown = selected(topic, parts);
    let pictures = (shown.iter())
        .flat_map(|section| {
            pictures(&section.blocks.blocks).map(|picture| PictureJson {
                section: &section.name,
                path: &picture.path,
                alt: &picture.alt,
            })
        })
        .collect();
    let sections = shown
        .into_iter()
        .map(|section| {
            let blocks = &section.blocks;
            let items = top_level_items(&blocks.blocks);
            SectionJson {
                key: &section.name,
                title: &section.title,
                markdown: &section.markdown,
                text: render_plain(&section_blocks(section, clinic, topic.lang))
                    .trim_end()
                    .to_string(),
                items,
                tiers: (section.tiers().into_iter())
                    .map(|tier| TierJson {
                        call: tier_call(clinic, tier.key, topic.lang),
                        number: tier_number(clinic, tier.key).map(str::to_string),
                        tier,
                    })
                    .collect(),
            }
        })
        .collect();
    to_json(&TopicJson {
        slug: &topic.slug,
        lang: topic.lang,
        languages: &topic.languages,
        fields: FrontMatter::of(topic),
        sections,
        pictures,
    })
}

/// `check --format json`: `{"topics": [...]}`.
pub fn check_json(reports: &[TopicReport], profiles: &[ProfileReport]) -> String {
    #[derive(Serialize)]
    struct Checked<'a> {
        topics: &'a [TopicReport],
        /// Left out when no clinic profile was checked, as before there were profiles.
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        profiles: &'a [ProfileReport],
    }
    to_json(&Checked {
        topics: reports,
        profiles,
    })
}

/// The fields a Markdown topic keeps in its front matter, which JSON gives too.
#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    summary: &'a str,
    kind: Kind,
    aliases: &'a [String],
    tags: &'a [String],
    reviewed: Date,
    #[serde(rename = "reviewed-by", skip_serializing_if = "Option::is_none")]
    reviewed_by: Option<&'a str>,
    sources: &'a [Source],
}

impl<'a> FrontMatter<'a> {
    fn of(topic: &'a Topic) -> FrontMatter<'a> {
        FrontMatter {
            title: &topic.title,
            summary: &topic.summary,
            kind: topic.kind,
            aliases: &topic.aliases,
            tags: &topic.tags,
            reviewed: topic.reviewed,
            reviewed_by: topic.reviewed_by.as_deref(),
            sources: &topic.sources,
        }
    }
}

/// The topic as a Markdown topic file would hold it: each section under its `## ` heading,
/// with a `{#key}` where the heading text would not give the key. The front matter comes
/// first only when asked for.
pub fn topic_markdown(topic: &Topic, parts: &[Part], front_matter: bool) -> String {
    let mut out = String::new();
    if front_matter {
        let fields = FrontMatter::of(topic);
        out.push_str("---\n");
        out.push_str(&serde_yaml::to_string(&fields).expect("topic fields serialize as YAML"));
        out.push_str("---\n");
    }
    // The whole topic is each of its sections, in order.
    let whole: Option<Vec<Part>> = parts.is_empty().then(|| {
        (topic.sections.iter())
            .map(|section| Part::Section(section.name.clone()))
            .collect()
    });
    let parts = whole.as_deref().unwrap_or(parts);
    for part in parts {
        let section = match part {
            Part::Section(name) => match topic.section_named(name) {
                Some(section) => section,
                None => continue,
            },
            Part::Sources => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("## {}\n\n", labels(topic.lang).sources));
                for source in &topic.sources {
                    let line = source_line(source, topic.lang);
                    out.push_str(&format!("- {}\n", plain_in_markdown(&line)));
                }
                for line in review_lines(topic) {
                    out.push_str(&format!("\n{}\n", plain_in_markdown(&line)));
                }
                continue;
            }
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("## ");
        out.push_str(&plain_in_markdown(&section.title));
        if derive_key(&section.title) != section.name {
            out.push_str(&format!(" {{#{}}}", section.name));
        }
        out.push_str("\n\n");
        if !section.markdown.is_empty() {
            out.push_str(&section.markdown);
            out.push('\n');
        }
    }
    out
}

/// The head of the topic list as a Markdown table.
pub const LIST_MARKDOWN_HEAD: &str = "| slug | title | summary |\n| --- | --- | --- |\n";

/// Rows of the topic list as a Markdown table, under [`LIST_MARKDOWN_HEAD`].
pub fn list_markdown(topics: &[Header]) -> String {
    let cell =
        |text: &str| (plain_in_markdown(text).replace('|', "\\|")).replace(['\n', '\r'], " ");
    let mut out = String::new();
    for topic in topics {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            topic.slug,
            cell(&topic.title),
            cell(&topic.summary)
        ));
    }
    out
}

/// Search matches as a Markdown list.
pub fn search_markdown(matches: &[Match]) -> String {
    matches
        .iter()
        .map(|m| {
            let text = plain_in_markdown(&m.text);
            format!("- **{}** ({}): {text}\n", m.slug, m.section)
        })
        .collect()
}
