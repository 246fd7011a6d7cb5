//! The text `footcare new` writes for an author to replace. A topic that still holds any
//! of it is not finished: its instructions would reach a patient as if they were advice.
//!
//! The placeholders are read from the template itself, so they cannot drift from it.

use std::sync::OnceLock;

use crate::date::Date;
use crate::markdown::{spans_text, Block};
use crate::parse::{parse_topic, FileFormat};
use crate::readability::sentences;
use crate::template::new_topic;
use crate::topic::{Kind, SectionKey, Topic};

/// What the template holds that a finished topic must not.
pub struct Placeholders {
    /// Each of the template's sentences, as written and in the form they are matched in.
    sentences: Vec<(String, String)>,
    aliases: Vec<String>,
    source_titles: Vec<String>,
    publishers: Vec<String>,
}

/// The template's placeholders, read from it once.
pub fn placeholders() -> &'static Placeholders {
    static PLACEHOLDERS: OnceLock<Placeholders> = OnceLock::new();
    PLACEHOLDERS.get_or_init(Placeholders::of_template)
}

impl Placeholders {
    fn of_template() -> Placeholders {
        let mut found = Placeholders {
            sentences: Vec::new(),
            aliases: Vec::new(),
            source_titles: Vec::new(),
            publishers: Vec::new(),
        };
        let any_day = Date::try_from("2026-01-01".to_string()).expect("a real date");
        for kind in [Kind::Procedure, Kind::Condition] {
            let text = new_topic("new-topic", kind, any_day);
            let template = parse_topic("new-topic.md", "new-topic", FileFormat::Markdown, &text)
                .expect("the template is a valid topic");
            found.read(&template);
        }
        found
    }

    fn read(&mut self, template: &Topic) {
        let units = template
            .sections
            .iter()
            // The disclaimer is meant to stay as it is.
            .filter(|section| section.key != SectionKey::Disclaimer)
            .flat_map(|section| &section.blocks.blocks)
            .filter_map(|block| match block {
                Block::Paragraph(spans) | Block::Item { spans, .. } => Some(spans_text(spans)),
                _ => None,
            })
            .chain([template.summary.clone()]);
        for unit in units {
            // A lead-in such as "On the day, you can:" is a real topic's words too.
            for sentence in sentences(&unit).into_iter().filter(|s| !s.ends_with(':')) {
                let matched = matched_form(sentence);
                if !self.sentences.iter().any(|(_, known)| *known == matched) {
                    self.sentences.push((sentence.trim().to_string(), matched));
                }
            }
        }
        self.aliases.extend(template.aliases.iter().cloned());
        for source in &template.sources {
            self.source_titles.push(source.title.clone());
            self.publishers.extend(source.publisher.clone());
        }
    }

    /// Each of `sentences` (a text as [`sentences`] splits it) that is one of the
    /// template's, as the template writes it. Only whole sentences count: "An X-ray can say
    /// what this is." is the author's own.
    pub fn template_sentences<'a>(&'a self, sentences: &[&str]) -> Vec<&'a str> {
        (sentences.iter())
            .filter_map(|sentence| {
                let form = matched_form(sentence);
                (self.sentences.iter())
                    .find(|(_, known)| *known == form)
                    .map(|(written, _)| written.as_str())
            })
            .collect()
    }

    pub fn is_alias(&self, alias: &str) -> bool {
        self.aliases.iter().any(|known| same_words(known, alias))
    }

    pub fn is_source_title(&self, title: &str) -> bool {
        self.source_titles
            .iter()
            .any(|known| same_words(known, title))
    }

    pub fn is_publisher(&self, publisher: &str) -> bool {
        self.publishers
            .iter()
            .any(|known| same_words(known, publisher))
    }
}

/// Whether a URL points at `example.org`, `example.com` or `example.net` (or a name under
/// them): domains kept for examples, never a real source.
pub fn is_example_url(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    ["example.org", "example.com", "example.net"]
        .iter()
        .any(|domain| host == *domain || host.ends_with(&format!(".{domain}")))
}

/// Text as words are matched: lowercase, each word between single spaces, so that line
/// breaks, spacing, case and punctuation do not hide a sentence.
fn matched_form(text: &str) -> String {
    let mut form = String::with_capacity(text.len() + 2);
    form.push(' ');
    for word in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|word| !word.is_empty())
    {
        form.push_str(&word.to_lowercase());
        form.push(' ');
    }
    form
}

fn same_words(a: &str, b: &str) -> bool {
    matched_form(a) == matched_form(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_sentences_are_found_however_they_are_spaced() {
        let found = placeholders();
        assert_eq!(
            found.template_sentences(&sentences("Our words.  say WHAT this is.\nMore words.")),
            ["Say what this is."]
        );
        assert_eq!(
            found.template_sentences(&sentences(
                "Say what this is in two or three short paragraphs. Explain each body part \
                 the first time you name it."
            )),
            [
                "Say what this is in two or three short paragraphs.",
                "Explain each body part the first time you name it."
            ]
        );
        // The author's own sentences that hold the template's words are not its.
        for own in [
            "An X-ray can say what this is.",
            "Your doctor will write the first step.",
            "Rest your foot for a week.",
            "On the day, you can:",
            "This page gives general information only.",
        ] {
            assert!(
                found.template_sentences(&sentences(own)).is_empty(),
                "{own}"
            );
        }
    }

    #[test]
    fn the_template_fields_are_known() {
        let found = placeholders();
        assert!(found.is_alias("Another name people type"));
        assert!(!found.is_alias("heel bruise"));
        assert!(found.is_source_title("Title of the source"));
        assert!(found.is_publisher("who published it"));
        assert!(!found.is_publisher("NHS"));
    }

    #[test]
    fn example_domains_are_found_in_any_url_form() {
        for url in [
            "https://example.org/replace-with-the-source",
            "http://www.EXAMPLE.com",
            "https://user@example.net:8080/x",
            "example.org/page",
        ] {
            assert!(is_example_url(url), "{url}");
        }
        for url in [
            "https://www.nhs.uk/conditions/",
            "https://example.org.uk/",
            "https://notexample.com/",
        ] {
            assert!(!is_example_url(url), "{url}");
        }
    }
}
