//! The folders a clinic's own topics are read from.

use std::ffi::OsStr;
use std::path::PathBuf;

/// Folders of a clinic's topics, separated by colons; later folders take precedence.
pub const TOPICS_PATH_VAR: &str = "FOOTCARE_TOPICS_PATH";

/// `FOOTCARE_TOPICS_PATH` when it is set (set but empty means no folders at all), else
/// `$XDG_DATA_HOME/footcare/topics`, else `~/.local/share/footcare/topics`.
pub fn clinic_folders(
    topics_path: Option<&OsStr>,
    xdg_data_home: Option<&OsStr>,
    home: Option<&OsStr>,
) -> Vec<PathBuf> {
    if let Some(list) = topics_path {
        return std::env::split_paths(list)
            .filter(|dir| !dir.as_os_str().is_empty())
            .collect();
    }
    // The XDG spec says a relative XDG_DATA_HOME is to be ignored.
    let data_home = xdg_data_home
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        });
    data_home
        .map(|dir| vec![dir.join("footcare/topics")])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders(path: Option<&str>, xdg: Option<&str>, home: Option<&str>) -> Vec<PathBuf> {
        clinic_folders(
            path.map(OsStr::new),
            xdg.map(OsStr::new),
            home.map(OsStr::new),
        )
    }

    #[test]
    fn the_topics_path_lists_folders_in_order() {
        assert_eq!(
            folders(Some("/a:/b::/c"), Some("/xdg"), Some("/home/u")),
            [
                PathBuf::from("/a"),
                PathBuf::from("/b"),
                PathBuf::from("/c")
            ]
        );
        assert!(folders(Some(""), Some("/xdg"), Some("/home/u")).is_empty());
    }

    #[test]
    fn otherwise_the_xdg_data_folder_or_the_home_default() {
        assert_eq!(
            folders(None, Some("/xdg"), Some("/home/u")),
            [PathBuf::from("/xdg/footcare/topics")]
        );
        assert_eq!(
            folders(None, Some("relative"), Some("/home/u")),
            [PathBuf::from("/home/u/.local/share/footcare/topics")]
        );
        assert!(folders(None, None, None).is_empty());
    }
}
