//! Letters with and without their accents: one table for reading names, searching text
//! and counting syllables, so that all three agree on what an accented letter is.

/// Lowercase letters with the accented forms a reader may type without their accents, or
/// may not have the keys for: each family's first letter is the plain one.
pub const ACCENTED: [&str; 7] = ["aáàâäãå", "eéèêë", "iíìîï", "oóòôöõ", "uúùûü", "nñ", "cç"];

/// The family of [`ACCENTED`] that `c` belongs to, in either case.
pub fn accent_family(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    ACCENTED.into_iter().find(|family| family.contains(lower))
}

/// A lowercase letter without its accent: "fasciotomía" and "fasciotomia" name one topic,
/// and "é" is said as an "e".
pub fn without_accent(c: char) -> char {
    ACCENTED
        .into_iter()
        .find(|family| family.contains(c))
        .and_then(|family| family.chars().next())
        .unwrap_or(c)
}

/// Whether `c` is an accent written after its letter, as some keyboards and files write
/// "o\u{301}" for "ó".
pub fn is_combining_accent(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_letters_lose_their_accents_and_others_stay() {
        let plain: String = "áéíóúüñçåxß".chars().map(without_accent).collect();
        assert_eq!(plain, "aeiouuncaxß");
        assert_eq!(accent_family('Ó'), Some("oóòôöõ"));
        assert_eq!(accent_family('x'), None);
        assert!(is_combining_accent('\u{301}') && !is_combining_accent('a'));
    }
}
