//! A clinic's profile, `clinic.yaml`: its name and numbers, which the warning signs and the
//! handout's header use. Parsing and wording are pure; [`crate::profile`] finds the file.

use serde::Serialize;
use serde_yaml::Value;

use crate::labels::labels;
use crate::lang::Lang;
use crate::parse::yaml_error;
use crate::picture::is_picture_name;
use crate::sanitize::{is_hidden, sanitize};
use crate::similar::{closest, slip_for};
use crate::tiers::TierKey;
use crate::topic::TopicError;

/// The profile's file name, in a topic folder or in footcare's configuration folder.
pub const PROFILE_FILE: &str = "clinic.yaml";

/// What a profile may hold. Every key may be left out; an empty profile changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Clinic {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub after_hours_phone: Option<String>,
    pub emergency_number: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    /// A local picture, as written: a path from the profile's folder, or an absolute one.
    pub logo: Option<String>,
}

const KEYS: [&str; 7] = [
    "name",
    "phone",
    "after-hours-phone",
    "emergency-number",
    "address",
    "website",
    "logo",
];

const LONGEST_NAME: usize = 60;
const LONGEST_ADDRESS: usize = 100;
const LONGEST_NUMBER: usize = 30;
const LONGEST_WEBSITE: usize = 100;

/// Reads a profile, or lists every problem in it, each at its line.
pub fn parse_clinic(file: &str, text: &str) -> Result<Clinic, TopicError> {
    let mut problems: Vec<(Option<usize>, String)> = Vec::new();
    let mut clinic = Clinic::default();
    match serde_yaml::from_str::<Value>(text) {
        Err(err) => problems.push(yaml_error(&err, text)),
        Ok(Value::Null) => {}
        Ok(Value::Mapping(entries)) => {
            for (key, value) in &entries {
                let Some(key) = key.as_str() else {
                    problems.push((None, "every key must be a word, such as `phone:`".into()));
                    continue;
                };
                let line = key_line(text, key);
                match read_value(key, value) {
                    Ok(value) => match key {
                        "name" => clinic.name = Some(value),
                        "phone" => clinic.phone = Some(value),
                        "after-hours-phone" => clinic.after_hours_phone = Some(value),
                        "emergency-number" => clinic.emergency_number = Some(value),
                        "address" => clinic.address = Some(value),
                        "website" => clinic.website = Some(value),
                        _ => clinic.logo = Some(value),
                    },
                    Err(message) => problems.push((line, message)),
                }
            }
        }
        Ok(_) => problems.push((
            Some(1),
            "a clinic profile is a list of `key: value` lines, such as `phone: \"555 0100\"`"
                .into(),
        )),
    }
    problems.sort_by_key(|(line, _)| *line);
    // Messages quote keys as written, which may hold anything.
    let problems: Vec<(Option<usize>, String)> = (problems.into_iter())
        .map(|(line, message)| (line, sanitize(&message).into_owned()))
        .collect();
    let mut problems = problems.into_iter();
    match problems.next() {
        None => Ok(clinic),
        Some((line, message)) => {
            let mut error = TopicError::new(file, line, message);
            error.more = problems.collect();
            Err(error)
        }
    }
}

/// The first line that sets `key` at the top level.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.strip_prefix(['"', '\'']).unwrap_or(line);
            line.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
                rest.trim_start().starts_with(':')
            })
        })
        .map(|at| at + 1)
}

/// The value of `key`, checked, or what is wrong with it.
fn read_value(key: &str, value: &Value) -> Result<String, String> {
    if !KEYS.contains(&key) {
        let keys = KEYS.map(|k| format!("`{k}`")).join(", ");
        return Err(match slip_for(key, KEYS).or_else(|| closest(key, KEYS)) {
            Some(near) => {
                format!("unknown key `{key}`: did you mean `{near}`? A profile may have {keys}")
            }
            None => format!("unknown key `{key}`: a profile may have {keys}"),
        });
    }
    let text = match value {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) if key.ends_with("phone") || key == "emergency-number" => {
            return Err(format!(
                "`{key}` must be written in quotes, as in {key}: \"{number}\": without them, \
                 YAML may read a number otherwise than it is written"
            ))
        }
        Value::Null => {
            return Err(format!(
                "`{key}` is empty: give it a value, or remove the line"
            ))
        }
        _ => return Err(format!("`{key}` must be one line of text")),
    };
    if text.is_empty() {
        return Err(format!(
            "`{key}` is empty: give it a value, or remove the line"
        ));
    }
    if text.contains(['\n', '\r']) || text.chars().any(char::is_control) {
        return Err(format!(
            "`{key}` must be one line of text, with no control characters"
        ));
    }
    // A mark that reorders text could print a number backwards, as 8810 555 for 555 0188.
    if let Some(hidden) = text.chars().find(|&c| is_hidden(c)) {
        return Err(format!(
            "`{key}` holds U+{:04X}, a character that hides or reorders text: remove it",
            u32::from(hidden)
        ));
    }
    // These would be markup in a Markdown handout, or could never be in a web address.
    let markup: &[char] = match key {
        "website" => &['<', '>', '"', '`', '\\', '{', '}', '|', '^'],
        "logo" => &[],
        _ => &['<', '>', '[', ']', '*', '_', '`', '\\', '{', '}', '|', '#'],
    };
    if let Some(mark) = text.chars().find(|c| markup.contains(c)) {
        return Err(format!(
            "`{key}` may not hold `{mark}`: write it without one"
        ));
    }
    let too_long = |limit: usize| {
        (text.chars().count() > limit).then(|| format!("`{key}` is longer than {limit} characters"))
    };
    let problem = match key {
        "name" => too_long(LONGEST_NAME),
        "address" => too_long(LONGEST_ADDRESS),
        "website" => too_long(LONGEST_WEBSITE).or_else(|| website_problem(&text)),
        "logo" => logo_problem(&text),
        _ => too_long(LONGEST_NUMBER).or_else(|| number_problem(key, &text)),
    };
    match problem {
        Some(problem) => Err(problem),
        None => Ok(text),
    }
}

/// A phone number is digits, with spaces, dashes, dots, brackets or a leading plus to
/// group them; a number to dial needs at least three digits (as 911, 999, 112 or 000).
fn number_problem(key: &str, number: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_digit() || " -.()/".contains(c);
    let body = number.strip_prefix('+').unwrap_or(number);
    if !body.chars().all(allowed) {
        return Some(format!(
            "`{key}` may hold only digits, spaces, dashes, dots, brackets and a leading +, \
             as in \"+1 555 010 0199\"; put words such as opening hours elsewhere"
        ));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (digits < 3).then(|| format!("`{key}` has {digits} digits: a number to call has at least 3"))
}

fn website_problem(website: &str) -> Option<String> {
    let rest = website
        .strip_prefix("https://")
        .or_else(|| website.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.contains(char::is_whitespace) => None,
        _ => Some(
            "`website` must be a web address starting with https://, as in \
             https://clinic.example.org"
                .to_string(),
        ),
    }
}

fn logo_problem(logo: &str) -> Option<String> {
    (!is_picture_name(logo)).then(|| {
        format!("`logo` must be a picture file ending in .svg, .png, .jpg or .jpeg, not {logo}")
    })
}

/// Who to call, for the words beside a number: the clinic's name, or "your care team".
fn who(clinic: &Clinic, lang: Lang) -> &str {
    clinic
        .name
        .as_deref()
        .unwrap_or(labels(lang).your_care_team)
}

/// The line under each tier's heading that says whom to call, in `lang`, with the number
/// the profile gives, and without one where it gives none: footcare never makes a number
/// up.
pub fn tier_call(clinic: &Clinic, tier: TierKey, lang: Lang) -> String {
    match lang {
        Lang::En => english_call(clinic, tier),
        Lang::Es => spanish_call(clinic, tier),
    }
}

fn spanish_call(clinic: &Clinic, tier: TierKey) -> String {
    let who = who(clinic, Lang::Es);
    match tier {
        TierKey::Emergency => match &clinic.emergency_number {
            Some(number) => format!("Llame al {number}."),
            None => "Llame al número de emergencias de su zona, como el 911 en los Estados \
                     Unidos."
                .to_string(),
        },
        TierKey::Urgent => match (&clinic.after_hours_phone, &clinic.phone) {
            (Some(number), _) => format!("Llame a {who} al {number}, de día o de noche."),
            (None, Some(number)) => format!(
                "Llame a {who} al {number}. Si el consultorio está cerrado, use el número \
                 para fuera de horario que le dio su equipo de atención."
            ),
            (None, None) => "Llame a su equipo de atención. Si el consultorio está cerrado, use \
                             el número para fuera de horario que le dieron."
                .to_string(),
        },
        TierKey::Routine => match &clinic.phone {
            Some(number) => format!("Llame a {who} al {number}."),
            None => "Llame al consultorio de su equipo de atención.".to_string(),
        },
    }
}

fn english_call(clinic: &Clinic, tier: TierKey) -> String {
    let who = |clinic| who(clinic, Lang::En);
    match tier {
        TierKey::Emergency => match &clinic.emergency_number {
            Some(number) => format!("Call {number}."),
            None => "Call your local emergency number, such as 911 in the US.".to_string(),
        },
        TierKey::Urgent => match (&clinic.after_hours_phone, &clinic.phone) {
            (Some(number), _) => format!("Call {} at {number}, day or night.", who(clinic)),
            (None, Some(number)) => format!(
                "Call {} at {number}. When the office is closed, use the after-hours number \
                 your care team gave you.",
                who(clinic)
            ),
            (None, None) => "Call your care team. When the office is closed, use the \
                             after-hours number they gave you."
                .to_string(),
        },
        TierKey::Routine => match &clinic.phone {
            Some(number) => format!("Call {} at {number}.", who(clinic)),
            None => "Call your care team's office.".to_string(),
        },
    }
}

/// The number a tier's line gives, if the profile has one for it.
pub fn tier_number(clinic: &Clinic, tier: TierKey) -> Option<&str> {
    match tier {
        TierKey::Emergency => clinic.emergency_number.as_deref(),
        TierKey::Urgent => clinic
            .after_hours_phone
            .as_deref()
            .or(clinic.phone.as_deref()),
        TierKey::Routine => clinic.phone.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = "name: Lakeside Foot Clinic\nphone: \"555 0100\"\n\
        after-hours-phone: \"555 0199\"\nemergency-number: \"112\"\n\
        address: 1 Lake Road, Springfield\nwebsite: https://lakeside.example.org\nlogo: logo.svg\n";

    fn problems(text: &str) -> Vec<(Option<usize>, String)> {
        let error = parse_clinic("clinic.yaml", text).unwrap_err();
        error.problems().map(|(l, m)| (l, m.to_string())).collect()
    }

    #[test]
    fn a_full_profile_reads_every_key() {
        let clinic = parse_clinic("clinic.yaml", FULL).unwrap();
        assert_eq!(clinic.name.as_deref(), Some("Lakeside Foot Clinic"));
        assert_eq!(clinic.after_hours_phone.as_deref(), Some("555 0199"));
        assert_eq!(clinic.emergency_number.as_deref(), Some("112"));
        assert_eq!(clinic.logo.as_deref(), Some("logo.svg"));
        assert_eq!(parse_clinic("clinic.yaml", "").unwrap(), Clinic::default());
    }

    #[test]
    fn every_bad_key_and_value_is_named_at_its_line() {
        let found = problems(
            "name: Lakeside\nphon: \"555 0100\"\nemergency-number: 911\n\
             after-hours-phone: \"call us\"\nwebsite: lakeside.example.org\nlogo: logo.gif\n",
        );
        let lines: Vec<Option<usize>> = found.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4), Some(5), Some(6)]);
        assert!(
            found[0]
                .1
                .contains("unknown key `phon`: did you mean `phone`?"),
            "{found:?}"
        );
        assert!(found[1].1.contains("in quotes"), "{found:?}");
        assert!(found[2].1.contains("only digits"), "{found:?}");
        assert!(found[3].1.contains("https://"), "{found:?}");
        assert!(found[4].1.contains(".svg"), "{found:?}");
    }

    #[test]
    fn a_mark_that_reorders_text_or_markup_is_refused() {
        let found = problems("name: \"Lakeside\\u202e\"\nwebsite: \"https://a.org/<x>\"\n");
        assert_eq!(found[0].0, Some(1));
        assert!(found[0].1.contains("U+202E"), "{found:?}");
        assert!(found[1].1.contains("`<`"), "{found:?}");
        assert!(problems("address: \"[x](javascript:alert(1))\"\n")[0]
            .1
            .contains("`[`"));
        assert!(parse_clinic("clinic.yaml", "name: St Mary's & Co.\n").is_ok());
    }

    #[test]
    fn short_numbers_empty_values_and_bad_yaml_are_refused() {
        assert!(problems("phone: \"12\"\n")[0].1.contains("at least 3"));
        assert_eq!(problems("name:\n")[0].0, Some(1));
        assert!(problems("- a list\n")[0].1.contains("key: value"));
        assert!(problems("name: A\nphone: \"1\n")[0].0.is_some());
    }

    #[test]
    fn tiers_name_the_profile_numbers_and_invent_none_without_it() {
        let clinic = parse_clinic("clinic.yaml", FULL).unwrap();
        assert_eq!(
            tier_call(&clinic, TierKey::Emergency, Lang::En),
            "Call 112."
        );
        assert_eq!(
            tier_call(&clinic, TierKey::Urgent, Lang::En),
            "Call Lakeside Foot Clinic at 555 0199, day or night."
        );
        assert_eq!(
            tier_call(&clinic, TierKey::Routine, Lang::En),
            "Call Lakeside Foot Clinic at 555 0100."
        );
        let none = Clinic::default();
        for tier in TierKey::ALL {
            let line = tier_call(&none, tier, Lang::En);
            let digits: String = line.chars().filter(char::is_ascii_digit).collect();
            assert!(digits.is_empty() || digits == "911", "{line}");
            assert_eq!(tier_number(&none, tier), None);
        }
        let office_only = Clinic {
            phone: Some("555 0100".into()),
            ..Clinic::default()
        };
        assert!(tier_call(&office_only, TierKey::Urgent, Lang::En)
            .contains("When the office is closed"));
    }
}
