//! The languages footcare's pages are written in, and how a reader's language is chosen.

use std::fmt;

use serde::Serialize;

/// A language a topic can be written in. English is every topic's original; a
/// translation sits beside it as `slug.es.md`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

/// Chooses the reader's language, like `--lang`.
pub const LANG_VAR: &str = "FOOTCARE_LANG";

/// The POSIX locale variables, in the order that decides: the first one set and not
/// empty names the language of messages.
pub const LOCALE_VARS: [&str; 4] = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The code a reader types and a file name carries: `en`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, for help and completion.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "español",
        }
    }

    /// The language's name in English, for messages to authors.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Spanish",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The codes as a reader would type them, for messages.
    pub fn list_all() -> String {
        Lang::ALL.map(Lang::code).join(", ")
    }

    /// The language a locale names, if it is one footcare has: `es_MX.UTF-8`, `es`,
    /// `es-419` and `es_ES@euro` are Spanish; `C`, `POSIX` and `en_US.UTF-8` English.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        match language {
            "C" | "POSIX" => Some(Lang::En),
            _ => Lang::from_code(&language.to_ascii_lowercase()),
        }
    }

    /// The language the locale variables choose, each read by `var`: the first that is
    /// set decides. `LANGUAGE` is a list (`es:en`), whose first language footcare has
    /// wins; it counts unless the locale is set to `C` or `POSIX`, which is how scripts
    /// pin English.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Lang {
        let set = |name: &str| var(name).filter(|value| !value.is_empty());
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set);
        // A script that pins `LC_ALL=C` means it: a `LANGUAGE` list does not undo that.
        let is_c = locale
            .as_deref()
            .is_some_and(|locale| matches!(locale.split(['.', '@']).next(), Some("C" | "POSIX")));
        if !is_c {
            if let Some(list) = set("LANGUAGE") {
                if let Some(lang) = list.split(':').find_map(Lang::from_locale) {
                    return lang;
                }
            }
        }
        locale
            .as_deref()
            .and_then(Lang::from_locale)
            .unwrap_or(Lang::En)
    }
}

/// The reader's language: `--lang` if given, else [`LANG_VAR`] if set, else the locale.
/// Each variable is read by `var`. A [`LANG_VAR`] that names no language footcare has is
/// refused with what to write instead, rather than quietly read as English.
pub fn reader_lang(
    flag: Option<Lang>,
    var: impl Fn(&str) -> Option<String>,
) -> Result<Lang, String> {
    if let Some(lang) = flag {
        return Ok(lang);
    }
    match var(LANG_VAR).filter(|value| !value.is_empty()) {
        Some(value) => Lang::from_code(&value.trim().to_ascii_lowercase()).ok_or_else(|| {
            format!(
                "{LANG_VAR} is {value:?}, which is not a language footcare has: set it to one \
                 of {}, or unset it to follow the locale",
                Lang::list_all()
            )
        }),
        None => Ok(Lang::from_environment(var)),
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(vars: &[(&str, &str)]) -> Lang {
        Lang::from_environment(|name| {
            (vars.iter())
                .find(|(set, _)| *set == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn the_flag_wins_over_the_variable_and_the_variable_over_the_locale() {
        let vars = |name: &str| match name {
            LANG_VAR => Some("es".to_string()),
            "LANG" => Some("en_US.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(reader_lang(Some(Lang::En), vars), Ok(Lang::En));
        assert_eq!(reader_lang(None, vars), Ok(Lang::Es));
        let unknown = reader_lang(None, |name| (name == LANG_VAR).then(|| "fr".to_string()));
        assert!(unknown.unwrap_err().contains("en, es"));
        let empty = |name: &str| match name {
            LANG_VAR => Some(String::new()),
            "LANG" => Some("es_MX.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(reader_lang(None, empty), Ok(Lang::Es));
    }

    #[test]
    fn a_spanish_locale_chooses_spanish() {
        assert_eq!(chosen(&[("LANG", "es_MX.UTF-8")]), Lang::Es);
        assert_eq!(chosen(&[("LANG", "es_ES@euro")]), Lang::Es);
        assert_eq!(chosen(&[("LC_MESSAGES", "es")]), Lang::Es);
        assert_eq!(chosen(&[("LANGUAGE", "es-419")]), Lang::Es);
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        assert_eq!(
            chosen(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "es_ES.UTF-8")]),
            Lang::En
        );
        assert_eq!(chosen(&[("LC_ALL", ""), ("LANG", "es_ES.UTF-8")]), Lang::Es);
        assert_eq!(
            chosen(&[("LANGUAGE", "fr:es"), ("LANG", "en_GB.UTF-8")]),
            Lang::Es
        );
        assert_eq!(chosen(&[("LANGUAGE", "es"), ("LC_ALL", "C")]), Lang::En);
        assert_eq!(chosen(&[("LANG", "fr_FR.UTF-8")]), Lang::En);
        assert_eq!(chosen(&[]), Lang::En);
    }
}
