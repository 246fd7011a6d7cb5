//! The three tiers of a topic's warning signs, most urgent first. An author marks where
//! each tier starts with a `### ... {#key}` heading; footcare shows every tier under the
//! same standard words, so that no page can word an emergency more softly than another.

use serde::Serialize;

use crate::lang::Lang;
use crate::markdown::{spans_text, top_level_items, Block, Blocks, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TierKey {
    Emergency,
    Urgent,
    Routine,
}

impl TierKey {
    pub const ALL: [TierKey; 3] = [TierKey::Emergency, TierKey::Urgent, TierKey::Routine];

    pub fn as_str(self) -> &'static str {
        match self {
            TierKey::Emergency => "emergency",
            TierKey::Urgent => "urgent",
            TierKey::Routine => "routine",
        }
    }

    /// The words every topic in `lang` shows for this tier.
    pub fn title(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, TierKey::Emergency) => "Call the emergency number now",
            (Lang::En, TierKey::Urgent) => "Call your doctor or surgeon now, day or night",
            (Lang::En, TierKey::Routine) => "Call during office hours, or watch closely",
            (Lang::Es, TierKey::Emergency) => "Llame ahora al número de emergencias",
            (Lang::Es, TierKey::Urgent) => "Llame ahora a su médico o cirujano, de día o de noche",
            (Lang::Es, TierKey::Routine) => "Llame en horario de consulta, o vigile de cerca",
        }
    }

    /// The tier a heading's `{#id}` names, if any.
    pub fn from_id(id: &str) -> Option<TierKey> {
        TierKey::ALL.into_iter().find(|key| key.as_str() == id)
    }
}

/// Where a tier starts in a section, and how its author worded the heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierStart {
    pub key: TierKey,
    /// The heading's text as the file gives it; it is shown as `title`.
    pub authored: String,
    /// The standard words for the tier, in the topic's language.
    pub title: &'static str,
    /// The index of the heading among the section's blocks.
    pub block: usize,
}

/// One tier as shown: its standard heading and its list items as plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub key: TierKey,
    pub title: &'static str,
    pub items: Vec<String>,
}

/// Finds the tier headings (level 3, with a tier's `{#key}`) and rewrites them, in the
/// blocks and in the Markdown alike, to the standard words. Returns where each starts.
pub fn standardize(markdown: &mut String, blocks: &mut Blocks, lang: Lang) -> Vec<TierStart> {
    let mut starts = Vec::new();
    // Rewritten from the end, so that each rewrite leaves the offsets before it valid.
    for index in (0..blocks.blocks.len()).rev() {
        let Block::Heading {
            level: 3,
            spans,
            id: Some(id),
        } = &mut blocks.blocks[index]
        else {
            continue;
        };
        let Some(key) = TierKey::from_id(id) else {
            continue;
        };
        let title = key.title(lang);
        starts.push(TierStart {
            key,
            authored: spans_text(spans),
            title,
            block: index,
        });
        *spans = vec![Span::plain(title)];
        let start = blocks.starts[index];
        let end = markdown[start..]
            .find('\n')
            .map_or(markdown.len(), |at| start + at);
        let line = format!("### {title} {{#{}}}", key.as_str());
        let shift = line.len() as isize - (end - start) as isize;
        markdown.replace_range(start..end, &line);
        for later in &mut blocks.starts[index + 1..] {
            *later = later.saturating_add_signed(shift);
        }
    }
    starts.reverse();
    starts
}

/// Each tier's start and the blocks under its heading, up to where the next tier starts.
fn tier_bodies<'a>(
    blocks: &'a Blocks,
    starts: &'a [TierStart],
) -> impl Iterator<Item = (&'a TierStart, &'a [Block])> {
    let ends = starts
        .iter()
        .skip(1)
        .map(|next| next.block)
        .chain([blocks.blocks.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(start, end)| (start, &blocks.blocks[start.block + 1..end]))
}

/// The tiers in the order the section gives them, each with its top-level list items, so
/// that the tiers' items together are the section's.
pub fn tiers(blocks: &Blocks, starts: &[TierStart]) -> Vec<Tier> {
    tier_bodies(blocks, starts)
        .map(|(start, body)| Tier {
            key: start.key,
            title: start.title,
            items: top_level_items(body),
        })
        .collect()
}

/// What is wrong with how a section's warning signs are tiered, if anything: each tier
/// once, most urgent first, and nothing outside them.
pub fn tiering_problem(blocks: &Blocks, starts: &[TierStart]) -> Option<String> {
    let keys: Vec<TierKey> = starts.iter().map(|start| start.key).collect();
    if keys != TierKey::ALL {
        let given: Vec<&str> = keys.iter().map(|key| key.as_str()).collect();
        return Some(format!(
            "the warning signs are not in three tiers, most urgent first: start each with \
             `### {{#emergency}}`, `### {{#urgent}}` and `### {{#routine}}`, in that order{}",
            if given.is_empty() {
                String::new()
            } else {
                format!(" (this topic has {})", given.join(", "))
            }
        ));
    }
    let outside = starts[0].block > 0
        || tier_bodies(blocks, starts).any(|(_, body)| {
            body.iter()
                .any(|block| !matches!(block, Block::Item { .. }))
        });
    outside.then(|| {
        "the warning signs hold more than lists of actions: put explanations in the \
         topic's other sections, and give each tier only `- ` items"
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_located_blocks;

    fn standardized(markdown: &str) -> (String, Blocks, Vec<TierStart>) {
        let mut markdown = markdown.to_string();
        let mut blocks = to_located_blocks(&markdown);
        let starts = standardize(&mut markdown, &mut blocks, Lang::En);
        (markdown, blocks, starts)
    }

    const TIERED: &str = "### Ring 999 {#emergency}\n\n- Chest pain: call now.\n\n\
        ### Phone us {#urgent .big}\n\n- A hot, swollen calf: call now.\n- Pus: call now.\n\n\
        ### Later {#routine}\n\n- Stiff toes: call in office hours.";

    #[test]
    fn tier_headings_take_the_standard_words_in_blocks_and_markdown() {
        let (markdown, blocks, starts) = standardized(TIERED);
        assert_eq!(
            starts
                .iter()
                .map(|s| s.authored.as_str())
                .collect::<Vec<_>>(),
            ["Ring 999", "Phone us", "Later"]
        );
        assert!(markdown.starts_with("### Call the emergency number now {#emergency}\n"));
        assert!(
            markdown.contains("\n### Call your doctor or surgeon now, day or night {#urgent}\n")
        );
        // The rewritten Markdown reads back to the same blocks, at the same offsets.
        assert_eq!(to_located_blocks(&markdown), blocks);
    }

    #[test]
    fn tiers_hold_their_items_in_order() {
        let (_, blocks, starts) = standardized(TIERED);
        let tiers = tiers(&blocks, &starts);
        assert_eq!(tiers.len(), 3);
        assert_eq!(tiers[1].key, TierKey::Urgent);
        assert_eq!(tiers[1].title, TierKey::Urgent.title(Lang::En));
        assert_eq!(
            tiers[1].items,
            ["A hot, swollen calf: call now.", "Pus: call now."]
        );
        assert_eq!(tiering_problem(&blocks, &starts), None);
    }

    #[test]
    fn untiered_reordered_or_explained_warning_signs_are_a_problem() {
        let flat = standardized("- Call if it hurts.");
        assert!(tiering_problem(&flat.1, &flat.2).is_some());
        let reordered = standardized(
            "### A {#urgent}\n\n- x\n\n### B {#emergency}\n\n- y\n\n### C {#routine}\n\n- z",
        );
        let problem = tiering_problem(&reordered.1, &reordered.2).unwrap();
        assert!(problem.contains("urgent, emergency, routine"), "{problem}");
        let explained =
            standardized(&TIERED.replace("{#urgent .big}", "{#urgent}\n\nA clot can kill."));
        assert!(tiering_problem(&explained.1, &explained.2).is_some());
    }

    #[test]
    fn a_tier_runs_to_the_next_tier_and_together_they_hold_every_item() {
        let (_, blocks, starts) = standardized(&TIERED.replace(
            "- Pus: call now.",
            "#### At night\n\n- Pus: call now.\n  - Or a bad smell.",
        ));
        let tiers = tiers(&blocks, &starts);
        assert_eq!(
            tiers[1].items,
            ["A hot, swollen calf: call now.", "Pus: call now."]
        );
        let all: Vec<String> = tiers.into_iter().flat_map(|t| t.items).collect();
        assert_eq!(all, top_level_items(&blocks.blocks));
        // A heading inside a tier is more than a list of actions.
        assert!(tiering_problem(&blocks, &starts).is_some());
    }

    #[test]
    fn other_headings_are_left_as_written() {
        let (markdown, _, starts) = standardized("### Emergency {#other}\n\n#### Urgent {#urgent}");
        assert!(starts.is_empty());
        assert!(markdown.starts_with("### Emergency {#other}"));
    }
}
