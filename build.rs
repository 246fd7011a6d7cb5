//! Compiles the topic files in `content/` into the binary, so an installed footcare
//! needs no files beside it.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let content = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("content");
    println!("cargo:rerun-if-changed={}", content.display());

    let mut names: Vec<String> = fs::read_dir(&content)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", content.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            !name.starts_with('.')
                && [".md", ".yaml", ".yml"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
        })
        .collect();
    names.sort();

    let mut code = String::from("pub static TOPICS: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = content.join(name);
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_topics.rs");
    fs::write(out, code).unwrap();
}
