//! Which of some names a person probably meant, for "did you mean" in messages.

/// The name among `names` that `typed` most looks like, if any looks like it enough: a
/// typo, a singular for a plural, or a word of it typed whole.
pub fn closest<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    (names.into_iter())
        .map(|name| (likeness(typed, name), name))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// Words shorter than this are never put right: too many other words are a letter off.
pub const SHORTEST_RESPELLED: usize = 4;

/// The word among `words` that a misspelt `typed` was most likely meant to be: the fewest
/// letters off (one for a short word, two for a longer one, and never more than
/// `most_off`), then a word with the same first letter, then the word held by the most
/// topics, then the first alphabetically. `words` come with how many topics hold each.
pub fn spelling_for<'a>(
    typed: &str,
    words: impl IntoIterator<Item = (&'a str, usize)>,
    most_off: usize,
) -> Option<&'a str> {
    let typed_len = typed.chars().count();
    if typed_len < SHORTEST_RESPELLED {
        return None;
    }
    let most_off = most_off.min(if typed_len <= 5 { 1 } else { 2 });
    let first = typed.chars().next();
    (words.into_iter())
        .filter(|(word, _)| word.chars().count().abs_diff(typed_len) <= most_off)
        .map(|(word, count)| (strsim::damerau_levenshtein(typed, word), word, count))
        .filter(|&(off, _, _)| off <= most_off)
        .min_by(|a, b| {
            (a.0.cmp(&b.0))
                .then((a.1.chars().next() != first).cmp(&(b.1.chars().next() != first)))
                .then(b.2.cmp(&a.2))
                .then(a.1.cmp(b.1))
        })
        .map(|(_, word, _)| word)
}

/// The name among `names` that `typed` is a slip of the keyboard for: one letter left
/// out, added, changed or swapped with the next, as `risk` is for `risks`. A changed first
/// letter of a word makes another word (`key-joints` is not `key-points`), and a name that
/// only shares a word, such as `recovery-at-home`, is no slip either.
pub fn slip_for<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    names.into_iter().find(|name| is_slip(typed, name))
}

fn is_slip(typed: &str, name: &str) -> bool {
    if typed == name || strsim::damerau_levenshtein(typed, name) != 1 {
        return false;
    }
    let (typed, name): (Vec<char>, Vec<char>) = (typed.chars().collect(), name.chars().collect());
    if typed.len() != name.len() {
        return true;
    }
    let Some(at) = (0..typed.len()).find(|&at| typed[at] != name[at]) else {
        return false;
    };
    let swapped = typed.get(at + 1) == name.get(at) && name.get(at + 1) == typed.get(at);
    swapped || (at > 0 && name[at - 1] != '-')
}

/// How much `typed` looks like `name`, from 0 to 1. Words are joined by dashes, as in
/// keys and slugs.
fn likeness(typed: &str, name: &str) -> f64 {
    if typed == name {
        return 1.0;
    }
    let starts_a_word = name.split('-').any(|word| word.starts_with(typed));
    if typed.len() >= 4 && (starts_a_word || name.starts_with(typed)) {
        return 0.95;
    }
    strsim::jaro_winkler(typed, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 6] = [
        "overview",
        "risks",
        "warning-signs",
        "recovery",
        "key-points",
        "indications",
    ];

    #[test]
    fn a_slip_is_a_letter_or_two_off_and_never_a_shared_word() {
        assert_eq!(slip_for("risk", KEYS), Some("risks"));
        assert_eq!(slip_for("recovry", KEYS), Some("recovery"));
        assert_eq!(slip_for("warning-sign", KEYS), Some("warning-signs"));
        for own in [
            "recovery-at-home",
            "overview-2",
            "risks-of-smoking",
            "warning",
            "overview",
        ] {
            assert_eq!(slip_for(own, KEYS), None, "{own}");
        }
    }

    #[test]
    fn a_singular_a_word_or_a_typo_finds_its_name() {
        assert_eq!(closest("risk", KEYS), Some("risks"));
        assert_eq!(closest("warning", KEYS), Some("warning-signs"));
        assert_eq!(closest("signs", KEYS), Some("warning-signs"));
        assert_eq!(closest("recovry", KEYS), Some("recovery"));
    }

    #[test]
    fn a_misspelling_is_put_right_from_the_closest_and_commonest_word() {
        let words = [
            ("fasciitis", 2),
            ("fascia", 3),
            ("heel", 3),
            ("feel", 1),
            ("heat", 9),
            ("tendon", 1),
        ];
        // (typed, letters allowed off, put right as, why)
        let cases = [
            ("fascitis", 2, Some("fasciitis"), "one left out"),
            ("fasiitis", 2, Some("fasciitis"), "one changed"),
            ("fisciitus", 2, Some("fasciitis"), "two changed"),
            ("heal", 2, Some("heat"), "one off, held by more topics"),
            ("teel", 2, Some("heel"), "one off, held by more topics"),
            ("tendno", 2, Some("tendon"), "two letters swapped"),
            ("eel", 2, None, "too short to put right"),
            ("knee", 2, None, "no word near it"),
            ("fisciatus", 2, None, "three letters off"),
            ("fisciitus", 1, None, "two off, one allowed"),
            ("fascitis", 1, Some("fasciitis"), "one off, one allowed"),
        ];
        for (typed, most_off, expected, why) in cases {
            assert_eq!(
                spelling_for(typed, words, most_off),
                expected,
                "{typed}: {why}"
            );
        }
    }

    #[test]
    fn an_unrelated_word_finds_nothing() {
        assert_eq!(closest("aftercare", KEYS), None);
        assert_eq!(closest("x", KEYS), None);
    }
}
