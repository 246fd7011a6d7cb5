//! Our readability figures must agree with an established dictionary-based tool on the
//! reference texts in the folder named by `FOOTCARE_REFERENCE_TEXTS`: `*.txt` files and a
//! `README.md` whose table gives each file's FK grade, SMOG and reading ease.

use std::env;
use std::fs;
use std::path::Path;

use footcare::readability::{Counts, Readability};

const REFERENCE_TEXTS: &str = "FOOTCARE_REFERENCE_TEXTS";
const FK_GRADE_TOLERANCE: f64 = 1.0;
const SMOG_TOLERANCE: f64 = 1.0;
const READING_EASE_TOLERANCE: f64 = 5.0;

/// One row of the reference table.
#[derive(Debug, PartialEq)]
struct Reference {
    file: String,
    fk_grade: f64,
    smog: f64,
    reading_ease: f64,
}

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(|cell| cell.trim().to_string())
        .collect()
}

/// The rows of the first Markdown table in `readme` with the columns "file", "FK grade",
/// "SMOG" and "reading ease" (in any order, among others).
fn reference_rows(readme: &str) -> Result<Vec<Reference>, String> {
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.trim_start().starts_with('|') {
            continue;
        }
        let headers: Vec<String> = cells(line).iter().map(|h| h.to_lowercase()).collect();
        let column = |name: &str| headers.iter().position(|header| header == name);
        let (Some(file), Some(fk_grade), Some(smog), Some(reading_ease)) = (
            column("file"),
            column("fk grade"),
            column("smog"),
            column("reading ease"),
        ) else {
            // Another table: skip its rows.
            while lines.next_if(|l| l.trim_start().starts_with('|')).is_some() {}
            continue;
        };
        lines.next(); // the |---| line under the headers
        let mut rows = Vec::new();
        while let Some(row) = lines.next_if(|l| l.trim_start().starts_with('|')) {
            let cells = cells(row);
            let number = |index: usize| -> Result<f64, String> {
                let cell = cells.get(index).map_or("", String::as_str);
                cell.parse()
                    .map_err(|_| format!("{:?} is not a number in row {row:?}", cell))
            };
            rows.push(Reference {
                file: cells.get(file).cloned().unwrap_or_default(),
                fk_grade: number(fk_grade)?,
                smog: number(smog)?,
                reading_ease: number(reading_ease)?,
            });
        }
        return Ok(rows);
    }
    Err("no table with the columns file, FK grade, SMOG and reading ease".to_string())
}

#[test]
fn reference_table_is_found_by_its_column_headers() {
    let readme = "\
# Texts

| file | what it is |
| --- | --- |
| a.txt | not the figures |

| reading ease | file | SMOG | FK grade |
| ---: | --- | --- | --- |
| 65.7 | a.txt | 10.85 | 8.19 |
| 47.42 | b.txt | 13.18 | 10.92 |

After the table.
";
    assert_eq!(
        reference_rows(readme).unwrap(),
        [
            Reference {
                file: "a.txt".into(),
                fk_grade: 8.19,
                smog: 10.85,
                reading_ease: 65.7,
            },
            Reference {
                file: "b.txt".into(),
                fk_grade: 10.92,
                smog: 13.18,
                reading_ease: 47.42,
            },
        ]
    );
    assert!(reference_rows("| file | grade |\n| --- | --- |\n| a.txt | 3 |\n").is_err());
}

#[test]
fn figures_match_the_reference_tool_on_every_reference_text() {
    let Some(folder) = env::var_os(REFERENCE_TEXTS) else {
        if env::var_os("CI").is_some() {
            panic!(
                "{REFERENCE_TEXTS} is not set: CI must name the folder of reference texts \
                 (*.txt and a README.md table of their FK grade, SMOG and reading ease)"
            );
        }
        eprintln!(
            "skipped the readability check against reference figures: {REFERENCE_TEXTS} is \
             not set (set it to a folder of *.txt files with a README.md table of figures)"
        );
        return;
    };
    let folder = Path::new(&folder);
    let readme_path = folder.join("README.md");
    let readme = fs::read_to_string(&readme_path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", readme_path.display()));
    let references = reference_rows(&readme)
        .unwrap_or_else(|error| panic!("{}: {error}", readme_path.display()));
    assert!(
        !references.is_empty(),
        "{} has no reference rows",
        readme_path.display()
    );

    println!(
        "{:<28} {:>15} {:>15} {:>15}",
        "file", "FK ours/ref", "SMOG ours/ref", "ease ours/ref"
    );
    let mut out_of_tolerance = Vec::new();
    for reference in &references {
        let path = folder.join(&reference.file);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let ours = Readability::from_counts(Counts::of_text(&text));
        println!(
            "{:<28} {:>7.2}/{:<7.2} {:>7.2}/{:<7.2} {:>7.2}/{:<7.2}",
            reference.file,
            ours.fk_grade,
            reference.fk_grade,
            ours.smog,
            reference.smog,
            ours.reading_ease,
            reference.reading_ease
        );
        for (figure, ours, theirs, tolerance) in [
            (
                "FK grade",
                ours.fk_grade,
                reference.fk_grade,
                FK_GRADE_TOLERANCE,
            ),
            ("SMOG", ours.smog, reference.smog, SMOG_TOLERANCE),
            (
                "reading ease",
                ours.reading_ease,
                reference.reading_ease,
                READING_EASE_TOLERANCE,
            ),
        ] {
            if (ours - theirs).abs() > tolerance {
                out_of_tolerance.push(format!(
                    "{}: {figure} {ours:.2}, reference {theirs:.2} (tolerance ±{tolerance})",
                    reference.file
                ));
            }
        }
    }
    assert!(
        out_of_tolerance.is_empty(),
        "figures out of tolerance:\n{}",
        out_of_tolerance.join("\n")
    );
}
