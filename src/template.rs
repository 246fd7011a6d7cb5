//! The topic `footcare new` writes: every field and section, with text to replace.

use crate::date::Date;
use crate::topic::Kind;

/// A new Markdown topic with every field and section filled with instructions, so the
/// file is a valid topic from the start.
pub fn new_topic(slug: &str, kind: Kind, today: Date) -> String {
    let title = slug
        .split('-')
        .enumerate()
        .map(|(index, word)| {
            let mut word = word.to_string();
            if index == 0 {
                word[..1].make_ascii_uppercase();
            }
            word
        })
        .collect::<Vec<_>>()
        .join(" ");
    let (kind_name, indications, procedure) = match kind {
        Kind::Procedure => (
            "procedure",
            "## Who it is for {#indications}\n\nSay who this is for, and when a doctor suggests it.\n",
            "## What happens {#procedure}\n\nSay what is done, step by step, in plain words.\n\n\
             Before the day, you can:\n\n1. Write the first thing the reader can do.\n\
             2. Write the next thing the reader can do.\n",
        ),
        Kind::Condition => (
            "condition",
            "## Who gets it and why {#indications}\n\nSay who gets this, and why.\n",
            "## First steps at home {#procedure}\n\nSay what the reader can do first.\n\n\
             1. Write the first step.\n2. Write the next step.\n",
        ),
    };
    format!(
        "---\n\
         title: {title}\n\
         summary: Say in one sentence what this topic is about.\n\
         kind: {kind_name}\n\
         aliases: [another name people type]\n\
         tags: [foot]\n\
         reviewed: {today}\n\
         sources:\n  \
           - title: Title of the source\n    \
             publisher: Who published it\n    \
             date: {today}\n    \
             url: https://example.org/replace-with-the-source\n\
         ---\n\n\
         ## Overview\n\nSay what this is in two or three short paragraphs. Explain each body part \
         the first time you name it.\n\n\
         {indications}\n\
         {procedure}\n\
         ## Recovery\n\nSay what the weeks after look like, with the time spans from your sources.\n\n\
         1. Write what the reader can do while they heal.\n\n\
         ## Risks\n\n- Write one risk here, as a whole sentence.\n- Write the next risk here.\n\n\
         ## Warning signs\n\n- Call your doctor if you notice this sign.\n\
         - Call emergency services now if you notice this sign.\n\n\
         ## Disclaimer\n\nThis page gives general information only. It is not medical advice. \
         Please see a doctor or other qualified health professional about your own care.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_topic, FileFormat};
    use crate::topic::SectionKey;

    #[test]
    fn a_new_topic_is_valid_and_has_every_section() {
        let today = Date::try_from("2026-11-24".to_string()).unwrap();
        for kind in [Kind::Procedure, Kind::Condition] {
            let text = new_topic("heel-pad-bruise", kind, today);
            let topic = parse_topic(
                "heel-pad-bruise.md",
                "heel-pad-bruise",
                FileFormat::Markdown,
                &text,
            )
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(topic.title, "Heel pad bruise");
            assert_eq!(topic.kind, kind);
            assert_eq!(topic.reviewed, today);
            let keys: Vec<SectionKey> = topic.sections.iter().map(|s| s.key).collect();
            assert_eq!(keys, SectionKey::ALL);
            assert!(!text.contains('#') || !text.contains("<!--"), "no comments");
        }
    }
}
