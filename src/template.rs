//! The topic `footcare new` writes: every field and section, with text to replace.

use crate::date::Date;
use crate::lang::Lang;
use crate::tiers::TierKey;
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
    let (kind_name, indications, preparing, procedure, outlook) = match kind {
        Kind::Procedure => (
            "procedure",
            "## Who it is for {#indications}\n\nSay who this is for, and when a doctor suggests it.\n",
            "## Before your surgery {#preparing}\n\n\
             1. Write which medicines and blood thinners to ask about.\n\
             2. Write the next thing to do before the day.\n\n",
            "## What happens {#procedure}\n\nSay what is done, step by step, in plain words.\n\n\
             On the day, you can:\n\n1. Write the first thing the reader can do.\n",
            "## How well it works {#outlook}\n\nSay how well it works, and how sure the evidence \
             is.\n",
        ),
        Kind::Condition => (
            "condition",
            "## Who gets it and why {#indications}\n\nSay who gets this, and why.\n",
            "",
            "## First steps at home {#procedure}\n\nSay what the reader can do first.\n\n\
             1. Write the first step.\n2. Write the next step.\n",
            "## How long it takes to heal {#outlook}\n\nSay how long it takes to heal, and how \
             sure the evidence is.\n",
        ),
    };
    let [emergency, urgent, routine] = TierKey::ALL.map(|tier| tier.title(Lang::En));
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
             accessed: {today}\n    \
             url: https://example.org/replace-with-the-source\n\
         ---\n\n\
         ## Key points {{#key-points}}\n\n\
         - Say what this is.\n\
         - Say the main thing to do.\n\
         - Say when to get help.\n\n\
         ## Overview\n\nSay what this is in two or three short paragraphs. Explain each body part \
         the first time you name it.\n\n\
         {indications}\n\
         {preparing}\
         {procedure}\n\
         ## Recovery\n\nSay what the weeks after look like, with the time spans from your sources.\n\n\
         1. Write what the reader can do while they heal.\n\n\
         {outlook}\n\
         ## Risks\n\n- Write one risk here, as a whole sentence.\n- Write the next risk here.\n\n\
         ## Warning signs\n\n\
         ### {emergency} {{#emergency}}\n\n- Write a sign that needs the emergency number now.\n\n\
         ### {urgent} {{#urgent}}\n\n- Write a sign that needs a call to the doctor now.\n\n\
         ### {routine} {{#routine}}\n\n- Write a sign to raise in office hours.\n\n\
         ## Questions to ask your doctor {{#questions}}\n\n\
         - Write a question the reader could ask.\n\
         - Write another question.\n\
         - Write another question.\n\
         - Write another question.\n\n\
         ## Disclaimer\n\nThis page gives general information only. It is not medical advice. \
         Please see a doctor or other qualified health professional about your own care. If \
         your own care team tells you something different, follow what they say.\n"
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
            let expected: Vec<SectionKey> = SectionKey::ALL
                .into_iter()
                .filter(|&key| key != SectionKey::Preparing || kind == Kind::Procedure)
                .collect();
            assert_eq!(keys, expected);
            let warnings = topic.section(SectionKey::WarningSigns).unwrap();
            assert_eq!(warnings.tiers().len(), 3);
            assert!(!text.contains('#') || !text.contains("<!--"), "no comments");
        }
    }
}
