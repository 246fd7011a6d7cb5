//! Where the clinic profile comes from, and reading it with its logo.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::clinic::{key_line, parse_clinic, Clinic, PROFILE_FILE};
use crate::folder::{is_there, links_out_of, read_picture, read_text_file, shown};
use crate::picture::Picture;
use crate::topic::TopicError;

/// How a profile was chosen, for `paths` and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileFrom {
    /// Named with `--clinic`.
    Option,
    /// Found in a topic folder.
    Folder,
    /// In footcare's configuration folder.
    Config,
}

impl fmt::Display for ProfileFrom {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            ProfileFrom::Option => "--clinic",
            ProfileFrom::Folder => "topic folder",
            ProfileFrom::Config => "configuration",
        })
    }
}

/// `$XDG_CONFIG_HOME/footcare/clinic.yaml`, else `~/.config/footcare/clinic.yaml`.
pub fn config_profile(xdg_config_home: Option<&OsStr>, home: Option<&OsStr>) -> Option<PathBuf> {
    // The XDG spec says a relative XDG_CONFIG_HOME is to be ignored.
    let config_home = xdg_config_home
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(config_home.join("footcare").join(PROFILE_FILE))
}

/// The profile to use: the file `--clinic` names, else the one in the last topic folder
/// that has one, else the configuration folder's, if it exists.
pub fn locate(
    option: Option<&Path>,
    folders: &[PathBuf],
    config: Option<PathBuf>,
) -> Option<(PathBuf, ProfileFrom)> {
    if let Some(path) = option {
        return Some((path.to_path_buf(), ProfileFrom::Option));
    }
    // Of those `check` reads, the last folder's, else the configuration folder's.
    let every = every_profile(None, folders, config);
    let last_of = |from: ProfileFrom| every.iter().rev().find(|(_, f)| *f == from);
    last_of(ProfileFrom::Folder)
        .or_else(|| last_of(ProfileFrom::Config))
        .cloned()
}

/// Every profile footcare might read, for `check`: the one `--clinic` names, each topic
/// folder's, and the configuration folder's. Anything by that name counts, a folder or a
/// broken link too: it is then reported as unreadable, rather than passed over for
/// another clinic's numbers.
pub fn every_profile(
    option: Option<&Path>,
    folders: &[PathBuf],
    config: Option<PathBuf>,
) -> Vec<(PathBuf, ProfileFrom)> {
    let mut found: Vec<(PathBuf, ProfileFrom)> = option
        .map(|path| (path.to_path_buf(), ProfileFrom::Option))
        .into_iter()
        .collect();
    for dir in folders {
        let path = dir.join(PROFILE_FILE);
        if is_there(&path) {
            found.push((path, ProfileFrom::Folder));
        }
    }
    found.extend(
        config
            .filter(|path| is_there(path))
            .map(|path| (path, ProfileFrom::Config)),
    );
    found
}

/// A profile as read from its file, with its logo when it names one.
#[derive(Debug, Clone)]
pub struct Profile {
    pub clinic: Clinic,
    pub logo: Option<Picture>,
}

/// Reads the profile at `path`, with its logo; every problem is named at its line. A topic
/// folder's profile keeps to the folder's rules, as its topics do: no link out of the
/// folder, and a logo inside it. One named with `--clinic`, or in the configuration
/// folder, was put there by the reader, and may name a logo anywhere.
pub fn read(path: &Path, from: ProfileFrom) -> Result<Profile, TopicError> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let in_folder = from == ProfileFrom::Folder;
    if is_there(path) && !path.exists() {
        return Err(TopicError::new(
            shown(path),
            None,
            "a link to a file that does not exist: point it at the profile, or remove it",
        ));
    }
    if in_folder && links_out_of(dir, path) {
        return Err(TopicError::new(
            shown(path),
            None,
            "a link to a file outside the topic folder, which footcare does not follow",
        ));
    }
    let text = read_text_file(path, "a clinic profile")?;
    let clinic = parse_clinic(&shown(path), &text)?;
    let logo = match &clinic.logo {
        None => None,
        Some(logo) => {
            let picture = read_picture(dir, logo, in_folder).map_err(|message| {
                let line = key_line(&text, "logo");
                TopicError::new(shown(path), line, format!("the logo: {message}"))
            })?;
            Some(picture)
        }
    };
    Ok(Profile { clinic, logo })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_wins_then_the_last_folder_with_one_then_the_configuration() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let empty = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        for dir in [&a, &b, &config] {
            std::fs::write(dir.path().join(PROFILE_FILE), "name: X\n").unwrap();
        }
        let folders = vec![
            a.path().to_path_buf(),
            b.path().to_path_buf(),
            empty.path().to_path_buf(),
        ];
        let config_file = Some(config.path().join(PROFILE_FILE));
        let option = Path::new("/chosen/clinic.yaml");
        assert_eq!(
            locate(Some(option), &folders, config_file.clone()),
            Some((option.to_path_buf(), ProfileFrom::Option))
        );
        assert_eq!(
            locate(None, &folders, config_file.clone()),
            Some((b.path().join(PROFILE_FILE), ProfileFrom::Folder))
        );
        assert_eq!(
            locate(None, &folders[2..], config_file.clone()),
            Some((config.path().join(PROFILE_FILE), ProfileFrom::Config))
        );
        assert_eq!(locate(None, &folders[2..], None), None);
    }

    #[test]
    fn the_configuration_folder_follows_xdg() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert_eq!(
            config_profile(os("/xdg"), os("/home/u")),
            Some(PathBuf::from("/xdg/footcare/clinic.yaml"))
        );
        assert_eq!(
            config_profile(os("relative"), os("/home/u")),
            Some(PathBuf::from("/home/u/.config/footcare/clinic.yaml"))
        );
        assert_eq!(config_profile(None, None), None);
    }
}
