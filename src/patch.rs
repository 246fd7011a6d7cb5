//! A clinic's patch file adds to a topic's sections without copying the topic.

use crate::topic::{Section, SectionKey, Topic};

/// Adds each section of a patch to the end of the topic's section with the same key, or
/// as a new section where the topic has none: before the disclaimer, which ends a page.
pub fn add_sections(topic: &mut Topic, additions: Vec<Section>) {
    for addition in additions {
        match topic.sections.iter_mut().find(|s| s.name == addition.name) {
            Some(section) => section.append(&addition, topic.lang),
            None => {
                let at = (topic.sections.iter())
                    .position(|s| s.key == SectionKey::Disclaimer)
                    .unwrap_or(topic.sections.len());
                topic.sections.insert(at, addition);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::markdown::to_located_blocks;
    use crate::parse::{parse_patch, parse_topic, FileFormat};

    #[test]
    fn a_patch_adds_to_a_section_or_adds_the_section() {
        let text = "---\ntitle: T\nsummary: S.\nkind: condition\nreviewed: 2026-01-01\n---\n\
                    ## Risks\n- Infection.\n";
        let mut topic = parse_topic("t.md", "t", FileFormat::Markdown, text).unwrap();
        let patch = "## Risks\n\n- A risk only our clinic lists.\n\n## Recovery\nRest.\n";
        add_sections(
            &mut topic,
            parse_patch("t.patch.md", Lang::En, patch).unwrap(),
        );
        let risks = topic.section(SectionKey::Risks).unwrap();
        assert_eq!(
            risks.markdown,
            "- Infection.\n\n- A risk only our clinic lists."
        );
        // The blocks describe the whole section, the clinic's part too.
        assert_eq!(risks.blocks, to_located_blocks(&risks.markdown));
        assert_eq!(risks.blocks.blocks.len(), 2);
        let recovery = topic.section(SectionKey::Recovery).unwrap();
        assert_eq!(recovery.blocks, to_located_blocks(&recovery.markdown));
    }
}
