//! Compiles the topic files in `content/` into the binary, so an installed footcare
//! needs no files beside it. Each is parsed here, by the same code footcare runs, and
//! stored parsed (see src/precompiled.rs): footcare then never parses a built-in topic,
//! and a built-in topic that does not parse fails the build.

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

// The crate's own parser and binary form. The build script uses only part of each.
#[allow(dead_code)]
#[path = "src/binary.rs"]
mod binary;
#[allow(dead_code)]
#[path = "src/date.rs"]
mod date;
#[allow(dead_code)]
#[path = "src/markdown.rs"]
mod markdown;
#[allow(dead_code)]
#[path = "src/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "src/precompiled.rs"]
mod precompiled;
#[allow(dead_code)]
#[path = "src/sanitize.rs"]
mod sanitize;
#[allow(dead_code)]
#[path = "src/simple_yaml.rs"]
mod simple_yaml;
#[allow(dead_code)]
#[path = "src/topic.rs"]
mod topic;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let content = root.join("content");
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo::rerun-if-changed={}", content.display());

    let mut names: Vec<String> = fs::read_dir(&content)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", content.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && parse::topic_file_name(name).is_some())
        .collect();
    names.sort();

    // Slug to file name, in slug order.
    let mut slugs: BTreeMap<String, &str> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    for name in &names {
        match precompile(&content.join(name), name, &out_dir) {
            Ok(slug) => {
                if let Some(first) = slugs.insert(slug, name) {
                    problems.push(format!(
                        "content/{name}: content/{first} defines the same topic; \
                         keep one of the two files"
                    ));
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        for problem in &problems {
            println!("cargo::error={problem}");
        }
        return;
    }

    let mut code = String::from(
        "/// Each built-in topic's slug, and the topic as `precompiled::encode` stores it.\n\
         pub static TOPICS: &[(&str, &[u8])] = &[\n",
    );
    for (slug, name) in &slugs {
        let stored = out_dir.join(format!("{name}.topic"));
        writeln!(code, "    ({slug:?}, include_bytes!({stored:?})),").unwrap();
    }
    code.push_str(
        "];\n\n\
         /// Each built-in topic's file name and text, for the tests of what was stored.\n\
         #[cfg(test)]\n\
         pub static SOURCES: &[(&str, &str)] = &[\n",
    );
    for name in slugs.values() {
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            content.join(name)
        )
        .unwrap();
    }
    code.push_str("];\n");
    fs::write(out_dir.join("builtin_topics.rs"), code).unwrap();
}

/// Parses one topic file and writes its stored form beside the generated code, giving
/// its slug, or the problem as `content/NAME:LINE: message`.
fn precompile(path: &Path, name: &str, out_dir: &Path) -> Result<String, String> {
    let shown = format!("content/{name}");
    let text = fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let (slug, format) = parse::topic_file_name(name).expect("only topic files are listed");
    let file = format!("{}{name}", topic::BUILT_IN_PREFIX);
    let mut parsed = parse::parse_topic(&file, slug, format, &text).map_err(|error| {
        topic::TopicError {
            file: shown.clone(),
            ..error
        }
        .to_string()
    })?;
    let stored = precompiled::encode(&parsed);
    // footcare trusts what it decodes, so it is checked once here.
    for section in &mut parsed.sections {
        section.precompiled = Some(markdown::to_located_blocks(&section.markdown));
    }
    if precompiled::decode(&stored).as_ref() != Some(&parsed) {
        return Err(format!(
            "{shown}: the stored form does not decode to the parsed topic"
        ));
    }
    fs::write(out_dir.join(format!("{name}.topic")), stored).unwrap();
    Ok(slug.to_string())
}
