//! Handouts printed by a real browser: headless Chromium prints each built-in topic's HTML
//! handout to PDF, and poppler's tools check what came out.
//!
//! With FOOTCARE_BROWSER_TESTS=1 (as CI sets it) these tests must run. Without it, they run
//! when Chromium and poppler-utils are installed, and are skipped with a reason otherwise.

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{footcare, on_path};

const TOPICS: [&str; 3] = [
    "calf-strain",
    "gastrocnemius-release",
    "plantar-fascia-release",
];
const MOST_PAGES: usize = 3;

/// The browser to print with, or `None` (with the reason printed) when the tests are skipped.
fn browser() -> Option<&'static str> {
    let required = std::env::var_os("FOOTCARE_BROWSER_TESTS").is_some_and(|v| v == "1");
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| on_path(b));
    let tools = on_path("pdftotext") && on_path("pdfinfo");
    match (browser, tools) {
        (Some(browser), true) => Some(browser),
        _ if required => panic!("FOOTCARE_BROWSER_TESTS=1 needs chromium and poppler-utils"),
        _ => {
            eprintln!("skipped: the browser tests need chromium and poppler-utils");
            None
        }
    }
}

fn print_to_pdf(browser: &str, html: &Path, pdf: &Path, profile: &Path) {
    let status = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("the browser starts");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn pdf_text(pdf: &Path) -> String {
    let output = Process::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    // pdftotext breaks lines where the page did; compare words, not lines.
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_pages(pdf: &Path) -> usize {
    let output = Process::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|pages| pages.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

#[test]
fn each_handout_prints_whole_on_at_most_three_pages() {
    let Some(browser) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for slug in TOPICS {
        let html = dir.path().join(format!("{slug}.html"));
        let pdf = dir.path().join(format!("{slug}.pdf"));
        footcare()
            .args(["export", slug, "-o"])
            .arg(&html)
            .assert()
            .success();
        print_to_pdf(
            browser,
            &html,
            &pdf,
            &dir.path().join(format!("profile-{slug}")),
        );

        let text = pdf_text(&pdf);
        let topic: serde_json::Value = serde_json::from_slice(
            &footcare()
                .args(["show", slug, "--format", "json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        for section in topic["sections"].as_array().unwrap() {
            let heading = section["title"].as_str().unwrap();
            assert!(
                text.contains(heading),
                "{slug}: heading {heading:?} not in the PDF"
            );
        }
        let disclaimer = topic["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "disclaimer")
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&disclaimer),
            "{slug}: the disclaimer is not in the PDF"
        );
        let reviewed = format!("Last reviewed: {}", topic["reviewed"].as_str().unwrap());
        assert!(
            text.contains(&reviewed),
            "{slug}: the review date is not in the PDF"
        );

        // The home checklist prints a box to tick by each step.
        let steps = text.matches('\u{2610}').count();
        assert!(steps >= 4, "{slug}: {steps} boxes to tick");
        let pages = pdf_pages(&pdf);
        assert!(pages <= MOST_PAGES, "{slug} prints on {pages} pages");
    }
}
