//! The built-in topics: the files of `content/`, built into the binary as text and parsed
//! when they are read, like the files of any folder.

use crate::picture::Picture;
use crate::topic::BUILT_IN_PREFIX;

/// Each file of `content/`, by name. A test keeps this list the same as the folder.
pub const FILES: &[(&str, &str)] = &[
    (
        "calf-strain.es.md",
        include_str!("../content/calf-strain.es.md"),
    ),
    ("calf-strain.md", include_str!("../content/calf-strain.md")),
    (
        "gastrocnemius-release.es.md",
        include_str!("../content/gastrocnemius-release.es.md"),
    ),
    (
        "gastrocnemius-release.md",
        include_str!("../content/gastrocnemius-release.md"),
    ),
    (
        "plantar-fascia-release.es.md",
        include_str!("../content/plantar-fascia-release.es.md"),
    ),
    (
        "plantar-fascia-release.md",
        include_str!("../content/plantar-fascia-release.md"),
    ),
];

/// The built-in topics' pictures, by their paths from `content/`.
pub const PICTURES: &[(&str, &[u8])] = &[
    (
        "pictures/calf-muscles.es.svg",
        include_bytes!("../content/pictures/calf-muscles.es.svg"),
    ),
    (
        "pictures/calf-muscles.svg",
        include_bytes!("../content/pictures/calf-muscles.svg"),
    ),
    (
        "pictures/calf-strain.es.svg",
        include_bytes!("../content/pictures/calf-strain.es.svg"),
    ),
    (
        "pictures/calf-strain.svg",
        include_bytes!("../content/pictures/calf-strain.svg"),
    ),
    (
        "pictures/plantar-fascia.es.svg",
        include_bytes!("../content/pictures/plantar-fascia.es.svg"),
    ),
    (
        "pictures/plantar-fascia.svg",
        include_bytes!("../content/pictures/plantar-fascia.svg"),
    ),
];

/// A built-in topic's picture, by the path the topic gives for it.
pub fn picture(path: &str) -> Result<Picture, String> {
    let path = path.strip_prefix("./").unwrap_or(path);
    match PICTURES.iter().find(|(name, _)| *name == path) {
        Some((name, bytes)) => Picture::from_bytes(name, bytes.to_vec()),
        None => Err("no such built-in picture".to_string()),
    }
}

/// How messages name a built-in file.
pub fn shown(name: &str) -> String {
    format!("{BUILT_IN_PREFIX}{name}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_topic, Level, Settings};
    use crate::date::Date;
    use crate::parse::{parse_topic_in, topic_file_name};

    #[test]
    fn the_built_in_list_is_the_content_folder() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let mut on_disk: Vec<(String, String)> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file())
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        on_disk.sort();
        let built_in: Vec<(String, String)> = FILES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        assert_eq!(built_in, on_disk);
    }

    #[test]
    fn every_built_in_topic_parses_and_passes_check() {
        let settings = Settings {
            max_grade: 8.0,
            warn_grade: 6.0,
            warn_smog: 8.0,
            max_age_years: 3,
            today: Date::today(),
        };
        for (name, text) in FILES {
            let topic = parse_topic_in(&shown(name), topic_file_name(name).unwrap(), text)
                .unwrap_or_else(|problem| panic!("{problem}"));
            let report = check_topic(&topic, &settings);
            let errors: Vec<_> = (report.findings.iter())
                .filter(|finding| finding.level == Level::Error)
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }
}
