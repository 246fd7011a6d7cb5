//! Where topics come from: the built-in ones, a single folder, or the built-in ones with a
//! clinic's folders layered on them.

use std::path::{Path, PathBuf};

use crate::folder::identity;
use crate::paths::{clinic_folders, TOPICS_PATH_VAR};

/// Names a single topic folder, like `--content-dir`; set but empty, it is ignored.
pub const CONTENT_DIR_VAR: &str = "FOOTCARE_CONTENT_DIR";

/// Where topics are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    /// Only the topics built into footcare.
    BuiltIn,
    /// Only this folder (`--content-dir`).
    Dir(PathBuf),
    /// The built-in topics, then each of these clinic folders in turn: a topic in a later
    /// folder replaces one of the same slug before it. Missing folders are skipped.
    Layered(Vec<PathBuf>),
    /// These folders alone, in the same way: `--content-dir` with the folders of the
    /// files named to `check`.
    Folders(Vec<PathBuf>),
}

impl ContentSource {
    /// The folder named by `--content-dir` or `FOOTCARE_CONTENT_DIR` alone, or else the
    /// built-in topics layered with the clinic folders the environment names.
    pub fn from_environment(content_dir: Option<PathBuf>) -> ContentSource {
        let env = |name: &str| std::env::var_os(name);
        let content_dir = content_dir.or_else(|| {
            env(CONTENT_DIR_VAR)
                .filter(|dir| !dir.is_empty())
                .map(Into::into)
        });
        match content_dir {
            Some(dir) => ContentSource::Dir(dir),
            None => ContentSource::layered(clinic_folders(
                env(TOPICS_PATH_VAR).as_deref(),
                env("XDG_DATA_HOME").as_deref(),
                env("HOME").as_deref(),
            )),
        }
    }

    /// The built-in topics with `folders` on them. A folder named twice (`A:A`, or `A:./A`)
    /// counts once, at its last place, where it wins over the most.
    pub fn layered(folders: Vec<PathBuf>) -> ContentSource {
        let identities: Vec<PathBuf> = folders.iter().map(|dir| identity(dir)).collect();
        let distinct = (folders.iter().enumerate())
            .filter(|(at, _)| !identities[at + 1..].contains(&identities[*at]))
            .map(|(_, dir)| dir.clone())
            .collect();
        ContentSource::Layered(distinct)
    }

    /// The folders on disk this source reads, in order: later ones take precedence.
    pub fn folders(&self) -> &[PathBuf] {
        match self {
            ContentSource::BuiltIn => &[],
            ContentSource::Dir(dir) => std::slice::from_ref(dir),
            ContentSource::Layered(dirs) | ContentSource::Folders(dirs) => dirs,
        }
    }

    /// This source with `dir` among its folders, for checking files in `dir` with the
    /// topics they are read with: at its own place if the source has it, else on top. With
    /// `--content-dir`, still without the built-in topics.
    pub fn with_folder(&self, dir: &Path) -> ContentSource {
        let wanted = identity(dir);
        if self.folders().iter().any(|own| identity(own) == wanted) {
            return self.clone();
        }
        let mut dirs = self.folders().to_vec();
        dirs.push(dir.to_path_buf());
        match self {
            ContentSource::Dir(_) | ContentSource::Folders(_) => ContentSource::Folders(dirs),
            ContentSource::BuiltIn | ContentSource::Layered(_) => ContentSource::layered(dirs),
        }
    }

    /// Whether the built-in topics are read, under any folders.
    pub fn has_built_in_topics(&self) -> bool {
        matches!(self, ContentSource::BuiltIn | ContentSource::Layered(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_named_twice_counts_once_at_its_last_place() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let (a, b) = (a.path().to_path_buf(), b.path().to_path_buf());
        let dotted = a.join(".");
        let source = ContentSource::layered(vec![a.clone(), b.clone(), dotted.clone()]);
        assert_eq!(source.folders(), [b.clone(), dotted]);
        let missing = PathBuf::from("/no/such/folder");
        let source = ContentSource::layered(vec![missing.clone(), b.clone(), missing.clone()]);
        assert_eq!(source.folders(), [b, missing]);
    }
}
