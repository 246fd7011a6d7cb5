//! Handouts printed by a real browser: `footcare export --format pdf` prints each built-in
//! topic through headless Chromium, and poppler's tools check what came out.
//!
//! With FOOTCARE_BROWSER_TESTS=1 (as CI sets it) these tests must run. Without it, they run
//! when Chromium and poppler-utils are installed, and are skipped with a reason otherwise.

mod common;

use std::path::{Path, PathBuf};
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

const PROFILE: &str = "name: Lakeside Foot and Ankle Clinic\nphone: \"555 0100\"\n\
    after-hours-phone: \"555 0199\"\nemergency-number: \"112\"\n\
    address: 12 Lake Road, Springfield\nwebsite: https://lakeside.example.org\n";

/// A profile with every key at its longest, whose header and calls take the most room.
const LONGEST_PROFILE: &str = "\
name: Lakeside Foot, Ankle and Lower Leg Surgery Clinic of Springf\n\
phone: \"+1 (555) 010-0142 / 0143 / 014\"\n\
after-hours-phone: \"+1 (555) 010-0188 / 0189 / 019\"\n\
emergency-number: \"911\"\n\
address: Suite 400, 1234 Lakeshore Boulevard North, Springfield Heights, IL 62704, United States of Ame\n\
website: https://www.lakeside-foot-and-ankle-clinic.example.org/patients/handouts/and-more-pages-for-you-x\n\
logo: logo.svg\n";

/// A folder with a clinic profile in it, and footcare set to print with `browser`, with
/// its own HOME and temporary folder, to see that printing leaves nothing in either.
struct Setup {
    dir: tempfile::TempDir,
    browser: &'static str,
}

impl Setup {
    fn new(browser: &'static str) -> Setup {
        Setup::with_profile(browser, PROFILE)
    }

    fn with_profile(browser: &'static str, profile: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "tmp", "out"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        std::fs::write(dir.path().join("clinic.yaml"), profile).unwrap();
        let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-clinic/logo.svg");
        std::fs::copy(logo, dir.path().join("logo.svg")).unwrap();
        Setup { dir, browser }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn footcare(&self) -> assert_cmd::Command {
        let mut cmd = footcare();
        cmd.env("HOME", self.path("home"))
            .env("TMPDIR", self.path("tmp"))
            .env("FOOTCARE_BROWSER", self.browser)
            .arg("--clinic")
            .arg(self.path("clinic.yaml"));
        cmd
    }

    /// Whether printing left anything in the home or temporary folder.
    fn left_behind(&self) -> Vec<PathBuf> {
        ["home", "tmp"]
            .iter()
            .flat_map(|sub| std::fs::read_dir(self.path(sub)).unwrap())
            .map(|entry| entry.unwrap().path())
            .collect()
    }
}

/// How far down each page its lowest line of text is, as a share of the page's height.
fn page_fill(pdf: &Path) -> Vec<f64> {
    let output = Process::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let number = |tag: &str, name: &str| -> Option<f64> {
        let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
        tag[at..].split('"').next()?.parse().ok()
    };
    text.split("<page ")
        .skip(1)
        .map(|page| {
            let height = number(page, "height").unwrap();
            let lowest = page
                .split("<word ")
                .skip(1)
                .filter_map(|word| number(word, "yMax"))
                .fold(0.0, f64::max);
            lowest / height
        })
        .collect()
}

#[test]
fn each_handout_prints_on_at_most_three_pages_and_the_last_is_a_third_full() {
    let Some(browser) = browser() else {
        return;
    };
    // With the longest profile there can be, and with none: an empty profile.
    let longest = Setup::with_profile(browser, LONGEST_PROFILE);
    let empty = Setup::with_profile(browser, "");
    let cases = [(&longest, "longest"), (&empty, "empty")]
        .into_iter()
        .flat_map(|case| TOPICS.into_iter().map(move |slug| (case, slug)));
    for ((setup, profile), slug) in cases {
        for paper in ["letter", "a4"] {
            let pdf = setup.path(&format!("out/{slug}-{paper}.pdf"));
            setup
                .footcare()
                .args(["export", slug, "--format", "pdf", "--paper", paper, "-o"])
                .arg(&pdf)
                .assert()
                .success();
            let slug = format!("{slug} (with the {profile} profile)");
            let fill = page_fill(&pdf);
            assert_eq!(fill.len(), pdf_pages(&pdf));
            assert!(
                fill.len() <= MOST_PAGES,
                "{slug} on {paper} prints on {} pages",
                fill.len()
            );
            let last = fill[fill.len() - 1];
            assert!(
                last >= 1.0 / 3.0,
                "{slug} on {paper}: the last page is only {:.0}% full",
                last * 100.0
            );
        }
    }
    for setup in [longest, empty] {
        assert_eq!(setup.left_behind(), Vec::<PathBuf>::new());
    }
}

#[test]
fn the_printed_handout_holds_every_section_the_clinic_numbers_and_the_pictures() {
    let Some(browser) = browser() else {
        return;
    };
    let setup = Setup::new(browser);
    for slug in TOPICS {
        let pdf = setup.path(&format!("out/{slug}.pdf"));
        setup
            .footcare()
            .args(["export", slug, "--format", "pdf", "-o"])
            .arg(&pdf)
            .assert()
            .success();
        let text = pdf_text(&pdf);
        let shown = setup
            .footcare()
            .args(["show", slug, "--format", "json"])
            .output()
            .unwrap();
        let topic: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for section in topic["sections"].as_array().unwrap() {
            let heading = section["title"].as_str().unwrap();
            assert!(text.contains(heading), "{slug}: {heading:?} not in the PDF");
            if section["key"] == "disclaimer" {
                let disclaimer = words(section["text"].as_str().unwrap());
                assert!(text.contains(&disclaimer), "{slug}: no disclaimer");
            }
            for tier in section["tiers"].as_array().into_iter().flatten() {
                let call = tier["call"].as_str().unwrap();
                assert!(text.contains(call), "{slug}: {call:?} not in the PDF");
            }
        }
        for part in [
            "Lakeside Foot and Ankle Clinic",
            "Phone: 555 0100",
            "Call 112.",
            "Call Lakeside Foot and Ankle Clinic at 555 0199, day or night.",
            "Call Lakeside Foot and Ankle Clinic at 555 0100.",
            "Notes from your care team",
            "Patient's name:",
            "Surgeon:",
            "Next visit:",
        ] {
            assert!(text.contains(part), "{slug}: {part:?} not in the PDF");
        }
        let reviewed = format!("Last reviewed: {}", topic["reviewed"].as_str().unwrap());
        assert!(text.contains(&reviewed), "{slug}: no review date");
        // The picture's own labels are text in the PDF, and its words are its caption.
        let pictures = topic["pictures"].as_array().unwrap();
        assert_eq!(pictures.len(), 1, "{slug}: one drawing");
        assert!(text.contains(&words(pictures[0]["alt"].as_str().unwrap())));
        assert!(text.contains("Heel bone"), "{slug}: the drawing's labels");
        // Each source's web address is printed in full, and is a link.
        let links = Process::new("pdftohtml")
            .args(["-stdout", "-i", "-xml"])
            .arg(&pdf)
            .output()
            .unwrap();
        let links = String::from_utf8_lossy(&links.stdout).into_owned();
        let urls = topic["sources"].as_array().unwrap().iter();
        // In the order the page holds them (the sources are in two columns), with the
        // lines an address is broken over joined up again.
        let raw = Process::new("pdftotext")
            .arg("-raw")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let raw = String::from_utf8_lossy(&raw.stdout).replace('\n', "");
        for url in urls.filter_map(|source| source["url"].as_str()) {
            let printed = raw.contains(url);
            assert!(printed, "{slug}: {url} is not printed in full");
            assert!(
                links.contains(&format!("href=\"{url}\"")),
                "{slug}: {url} is no link"
            );
        }
        let steps = text.matches('\u{2610}').count();
        assert!(steps >= 4, "{slug}: {steps} boxes to tick");
    }
    assert_eq!(setup.left_behind(), Vec::<PathBuf>::new());
}

#[test]
fn the_handout_page_loads_nothing_and_its_pictures_are_inside_it() {
    let Some(browser) = browser() else {
        return;
    };
    let setup = Setup::new(browser);
    for slug in TOPICS {
        let html = setup.path(&format!("out/{slug}.html"));
        setup
            .footcare()
            .args(["export", slug, "-o"])
            .arg(&html)
            .assert()
            .success();
        let page = std::fs::read_to_string(&html).unwrap();
        let sources: Vec<&str> = page.split(" src=\"").skip(1).collect();
        assert_eq!(sources.len(), 1, "{slug}: one picture");
        for source in sources {
            assert!(source.starts_with("data:image/svg+xml;base64,"), "{slug}");
        }
        for fetch in ["<link", "@import", "url(", "<script", "http-equiv"] {
            assert!(!page.contains(fetch), "{slug}: {fetch}");
        }
        // Chromium's own view of the page: the picture has loaded, with its words.
        let dom = Process::new(browser)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!(
                "--user-data-dir={}",
                setup.path("tmp/profile").display()
            ))
            .arg(format!("file://{}", html.display()))
            .env("HOME", setup.path("tmp"))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("<img src=\"data:image/svg+xml;base64,"),
            "{slug}"
        );
        assert!(
            dom.contains(" alt=\"Drawing of the "),
            "{slug}: the picture has words"
        );
    }
}

#[test]
fn export_all_writes_a_site_whose_links_all_open_in_chromium() {
    let Some(browser) = browser() else {
        return;
    };
    let setup = Setup::new(browser);
    let site = setup.path("out/site");
    setup
        .footcare()
        .args(["export", "--all", "-o"])
        .arg(&site)
        .assert()
        .success();
    let mut files: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = TOPICS.iter().map(|t| format!("{t}.html")).collect();
    expected.push("index.html".to_string());
    expected.sort();
    assert_eq!(files, expected);

    let dump = |url: String| {
        let output = Process::new(browser)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!(
                "--user-data-dir={}",
                setup.path("tmp/profile").display()
            ))
            .arg(url)
            .env("HOME", setup.path("tmp"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let index = dump(format!("file://{}", site.join("index.html").display()));
    let links: Vec<String> = index
        .split("<a href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    assert_eq!(links.len(), TOPICS.len(), "{index}");
    for slug in TOPICS {
        let title = footcare()
            .args(["show", slug, "--format", "json"])
            .output()
            .unwrap();
        let topic: serde_json::Value = serde_json::from_slice(&title.stdout).unwrap();
        let title = topic["title"].as_str().unwrap();
        assert!(index.contains(title), "{slug}: title not in the index");
        assert!(index.contains(topic["summary"].as_str().unwrap()));
        let link = links
            .iter()
            .find(|l| l.starts_with(slug))
            .unwrap_or_else(|| panic!("no link to {slug}"));
        // The link resolves to the file beside the index, and Chromium opens it.
        let page = dump(format!("file://{}/{link}", site.display()));
        assert!(page.contains(&format!("<title>{title}</title>")), "{slug}");
    }
}

#[test]
fn without_a_browser_a_pdf_export_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    footcare()
        .env("PATH", dir.path())
        .env_remove("FOOTCARE_BROWSER")
        .args(["export", "calf-strain", "--format", "pdf", "-o"])
        .arg(dir.path().join("f.pdf"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("sudo apt install chromium"));
    assert!(!dir.path().join("f.pdf").exists());
}
