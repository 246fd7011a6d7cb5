//! Topics in more than one language: choosing the reader's, falling back to English with a
//! note, and checking a translation against its original.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use base64::prelude::{Engine, BASE64_STANDARD};
use serde_json::Value;

use common::{footcare, Clinic};

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");

fn built_in(name: &str) -> String {
    fs::read_to_string(Path::new(CONTENT).join(name)).unwrap()
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

const SPANISH_TITLE: &str = "Distensión de la pantorrilla";
const NOTE: &str = "nota: Este tema no se puede mostrar en español";

#[test]
fn lang_es_shows_the_spanish_page_with_spanish_labels() {
    let shown = run(footcare().args(["--lang", "es", "show", "calf-strain", "--plain"]));
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    assert!(shown.stdout.starts_with(SPANISH_TITLE), "{}", shown.stdout);
    for label in [
        "\nSeñales de alarma\n",
        "\nLlame ahora al número de emergencias\n",
        "\nLlame ahora a su médico o cirujano, de día o de noche\n",
        "Como el 911",
        "\nFuentes\n",
        "consultado el 1 de diciembre de 2026",
        "Última revisión: ",
        "[Imagen: Dibujo",
    ] {
        let found = match label {
            "Como el 911" => shown.stdout.contains("como el 911"),
            _ => shown.stdout.contains(label),
        };
        assert!(found, "{label:?} not in:\n{}", shown.stdout);
    }
    for english in [
        "Sources",
        "accessed",
        "Last reviewed",
        "[Picture",
        "\nCall ",
    ] {
        assert!(
            !shown.stdout.contains(english),
            "{english:?} on a Spanish page"
        );
    }
    assert!(shown.stderr.is_empty(), "{}", shown.stderr);
}

#[test]
fn the_locale_chooses_the_language_and_scripts_can_pin_english() {
    let title = |envs: &[(&str, &str)], args: &[&str]| {
        let mut cmd = footcare();
        cmd.envs(envs.iter().copied());
        let shown = run(cmd.args(args).args(["show", "calf-strain", "--plain"]));
        assert_eq!(shown.code, Some(0), "{envs:?}: {}", shown.stderr);
        shown.stdout.lines().next().unwrap_or_default().to_string()
    };
    let spanish = SPANISH_TITLE.to_string();
    let english = "Calf strain".to_string();
    assert_eq!(title(&[("LANG", "es_ES.UTF-8")], &[]), spanish);
    assert_eq!(title(&[("LANG", "es_MX.UTF-8")], &[]), spanish);
    assert_eq!(title(&[("LC_MESSAGES", "es_US.UTF-8")], &[]), spanish);
    assert_eq!(title(&[("LANGUAGE", "es")], &[]), spanish);
    assert_eq!(title(&[("LANG", "en_US.UTF-8")], &[]), english);
    assert_eq!(title(&[], &[]), english);
    assert_eq!(title(&[("FOOTCARE_LANG", "es")], &[]), spanish);
    // What a script pins wins over the reader's settings.
    let reader = [("LANG", "es_ES.UTF-8"), ("FOOTCARE_LANG", "es")];
    assert_eq!(title(&reader, &["--lang", "en"]), english);
    assert_eq!(
        title(&[("LANG", "es_ES.UTF-8"), ("LC_ALL", "C")], &[]),
        english
    );
    assert_eq!(title(&[("LANGUAGE", "es"), ("LC_ALL", "C")], &[]), english);
    assert_eq!(
        title(&[("LANG", "en_US.UTF-8"), ("FOOTCARE_LANG", "es")], &[]),
        spanish
    );
}

#[test]
fn an_unknown_language_is_a_usage_error_that_names_the_known_ones() {
    let flag = run(footcare().args(["--lang", "fr", "show", "calf-strain"]));
    assert_eq!(flag.code, Some(2));
    assert!(
        flag.stderr.contains("[possible values: en, es]"),
        "{}",
        flag.stderr
    );
    let variable = run(footcare()
        .env("FOOTCARE_LANG", "fr")
        .args(["show", "calf-strain"]));
    assert_eq!(variable.code, Some(2));
    assert!(
        variable.stderr.contains("FOOTCARE_LANG"),
        "{}",
        variable.stderr
    );
    assert!(variable.stderr.contains("en, es"), "{}", variable.stderr);
    assert!(variable.stdout.is_empty());
}

/// Writes the built-in calf strain topic into `clinic`, retitled as the clinic's own, with
/// its picture.
fn with_calf_strain(clinic: &Clinic) {
    let retitled = built_in("calf-strain.md").replacen(
        "title: Calf strain",
        "title: Calf strain at Lakeside",
        1,
    );
    clinic.write("calf-strain.md", &retitled);
    clinic.write(
        "pictures/calf-strain.svg",
        &built_in("pictures/calf-strain.svg"),
    );
}

/// Writes the built-in Spanish calf strain page into `clinic`, titled `title`, with its
/// picture.
fn with_spanish_calf_strain(clinic: &Clinic, title: &str) {
    let retitled = built_in("calf-strain.es.md").replacen(
        "title: Distensión de la pantorrilla",
        &format!("title: {title}"),
        1,
    );
    clinic.write("calf-strain.es.md", &retitled);
    clinic.write(
        "pictures/calf-strain.es.svg",
        &built_in("pictures/calf-strain.es.svg"),
    );
}

#[test]
fn a_clinic_topic_without_spanish_is_shown_in_english_with_a_spanish_note() {
    let clinic = Clinic::new();
    with_calf_strain(&clinic);
    let shown = run(clinic
        .footcare()
        .args(["--lang", "es", "show", "calf-strain", "--plain"]));
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    // The clinic's page, never the built-in Spanish one it replaces.
    assert!(
        shown.stdout.starts_with("Calf strain at Lakeside\n"),
        "{}",
        shown.stdout
    );
    assert!(!shown.stdout.contains("pantorrilla"));
    // Its labels are the page's, in English; the note alone is in Spanish, on stderr.
    assert!(shown.stdout.contains("\nSources\n"));
    assert_eq!(
        shown.stderr.lines().filter(|l| l.starts_with(NOTE)).count(),
        1,
        "{}",
        shown.stderr
    );
    let json =
        run(clinic
            .footcare()
            .args(["--lang", "es", "show", "calf-strain", "--format", "json"]));
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["lang"], "en");
    assert_eq!(json["languages"], serde_json::json!(["en"]));
    // An English reader is told nothing.
    let english = run(clinic.footcare().args(["show", "calf-strain", "--plain"]));
    assert!(!english.stderr.contains("nota"), "{}", english.stderr);
}

#[test]
fn a_clinic_translation_beside_its_original_is_the_spanish_page() {
    let clinic = Clinic::new();
    with_calf_strain(&clinic);
    with_spanish_calf_strain(&clinic, "Distensión de la pantorrilla en Lakeside");
    let shown = run(clinic
        .footcare()
        .args(["--lang", "es", "show", "calf-strain", "--plain"]));
    assert!(
        shown
            .stdout
            .starts_with("Distensión de la pantorrilla en Lakeside\n"),
        "{}",
        shown.stdout
    );
    assert!(!shown.stderr.contains("nota"), "{}", shown.stderr);
    let checked = run(clinic.footcare().arg("check").arg(clinic.path()));
    assert_eq!(checked.code, Some(0), "{}", checked.stdout);
    assert!(checked
        .stdout
        .contains("calf-strain (es): Fernández-Huerta"));
}

#[test]
fn a_translation_without_its_original_is_reported_and_never_shown() {
    let clinic = Clinic::new();
    let spanish = built_in("calf-strain.es.md").replacen(
        "title: Distensión de la pantorrilla",
        "title: Página suelta",
        1,
    );
    clinic.write("calf-strain.es.md", &spanish);
    let shown = run(clinic
        .footcare()
        .args(["--lang", "es", "show", "calf-strain", "--plain"]));
    assert_eq!(shown.code, Some(0));
    // The built-in topic and its own Spanish page are what the reader gets.
    assert!(shown.stdout.starts_with(SPANISH_TITLE), "{}", shown.stdout);
    assert!(
        shown.stderr.contains("calf-strain.es.md: a translation of `calf-strain`, but this folder has no `calf-strain.md`"),
        "{}",
        shown.stderr
    );
    let checked = run(clinic.footcare().arg("check"));
    assert_eq!(checked.code, Some(1), "{}", checked.stdout);
}

#[test]
fn a_spanish_patch_adds_to_the_spanish_page_only() {
    let clinic = Clinic::new();
    clinic.write(
        "calf-strain.es.patch.md",
        "## Riesgos {#risks}\n\n- En nuestra clínica, le vemos de nuevo a las 2 semanas.\n",
    );
    clinic.write(
        "calf-strain.patch.md",
        "## Risks\n\n- At our clinic, we see you again after 2 weeks.\n",
    );
    let risks = |lang: &str| {
        run(clinic.footcare().args([
            "--lang",
            lang,
            "show",
            "calf-strain",
            "-s",
            "risks",
            "--plain",
        ]))
        .stdout
    };
    let (spanish, english) = (risks("es"), risks("en"));
    assert!(spanish.contains("En nuestra clínica"), "{spanish}");
    assert!(!spanish.contains("At our clinic"), "{spanish}");
    assert!(english.contains("At our clinic"), "{english}");
    assert!(!english.contains("En nuestra clínica"), "{english}");
}

#[test]
fn a_spanish_patch_for_a_topic_with_no_spanish_page_is_reported() {
    let clinic = Clinic::new();
    with_calf_strain(&clinic);
    clinic.write(
        "calf-strain.es.patch.md",
        "## Riesgos {#risks}\n\n- Algo más.\n",
    );
    let shown = run(clinic
        .footcare()
        .args(["--lang", "es", "show", "calf-strain", "--plain"]));
    assert!(
        shown
            .stderr
            .contains("a patch for the Spanish page of `calf-strain`"),
        "{}",
        shown.stderr
    );
    assert!(!shown.stdout.contains("Algo más"));
}

#[test]
fn list_gives_each_topics_languages_and_keeps_four_plain_fields() {
    let clinic = Clinic::new();
    with_calf_strain(&clinic);
    let json = run(clinic
        .footcare()
        .args(["--lang", "es", "list", "--format", "json"]));
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    let entry = |slug: &str| {
        (json.as_array().unwrap().iter())
            .find(|e| e["slug"] == slug)
            .unwrap()
            .clone()
    };
    assert_eq!(entry("calf-strain")["languages"], serde_json::json!(["en"]));
    assert_eq!(entry("calf-strain")["lang"], "en");
    let release = entry("plantar-fascia-release");
    assert_eq!(release["languages"], serde_json::json!(["en", "es"]));
    assert_eq!(release["lang"], "es");
    assert_eq!(release["title"], "Liberación de la fascia plantar");
    let plain = run(clinic.footcare().args(["--lang", "es", "list", "--plain"]));
    for line in plain.stdout.lines() {
        assert_eq!(line.split('\t').count(), 4, "{line}");
    }
    assert!(plain.stdout.contains("\tLiberación de la fascia plantar\t"));
}

#[test]
fn search_in_spanish_finds_the_spanish_text_with_accents_ignored() {
    let search = |args: &[&str]| run(footcare().args(args));
    let spanish = search(&["--lang", "es", "search", "tendon", "--plain"]);
    assert_eq!(spanish.code, Some(0), "{}", spanish.stderr);
    assert!(spanish.stdout.contains("tendón"), "{}", spanish.stdout);
    assert!(!spanish.stdout.contains("tendon "), "{}", spanish.stdout);
    let english = search(&["search", "tendon", "--plain"]);
    assert!(english.stdout.contains("tendon"));
    assert!(!english.stdout.contains("tendón"));
    let accented = search(&["--lang", "es", "search", "TENDÓN DE AQUILES", "--plain"]);
    assert!(accented.stdout.lines().count() > 1, "{}", accented.stdout);
}

#[test]
fn spanish_names_open_their_topics_with_or_without_accents() {
    let title = |args: &[&str]| {
        let shown = run(footcare().args(args));
        assert_eq!(shown.code, Some(0), "{args:?}: {}", shown.stderr);
        shown.stdout.lines().next().unwrap_or_default().to_string()
    };
    let show_es = |name| title(&["--lang", "es", "show", name, "--plain"]);
    assert_eq!(show_es("pierna de tenista"), SPANISH_TITLE);
    assert_eq!(show_es("tiron en la pantorrilla"), SPANISH_TITLE);
    assert_eq!(
        show_es("Fasciotomia plantar"),
        "Liberación de la fascia plantar"
    );
    // A name typed in English finds the topic too, shown in the reader's language.
    assert_eq!(show_es("tennis leg"), SPANISH_TITLE);
}

#[test]
fn completion_offers_the_language_codes() {
    let out = run(footcare()
        .env("COMPLETE", "bash")
        .args(["--", "footcare", "--lang", ""])
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n"));
    let offered: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(offered, ["en", "es"], "{}", out.stderr);
}

#[test]
fn a_spanish_handout_has_spanish_labels_the_clinics_numbers_and_spanish_pictures() {
    let clinic = Clinic::new();
    clinic.write(
        "clinic.yaml",
        "name: Lakeside Foot Clinic\nphone: \"555 0100\"\nafter-hours-phone: \"555 0199\"\n",
    );
    let out = clinic.path().join("h.html");
    let written = run(clinic
        .footcare()
        .args(["--lang", "es", "export", "calf-strain", "-o"])
        .arg(&out));
    assert_eq!(written.code, Some(0), "{}", written.stderr);
    let html = fs::read_to_string(&out).unwrap();
    for wanted in [
        "<html lang=\"es\">",
        "Teléfono: 555 0100",
        "Fuera de horario: 555 0199",
        "Llame a Lakeside Foot Clinic al 555 0199, de día o de noche.",
        "Notas de su equipo de atención",
        "Nombre del paciente:",
        "<h2>Fuentes</h2>",
        "Última revisión: ",
        "alt=\"Dibujo de la parte de atrás",
    ] {
        assert!(html.contains(wanted), "{wanted:?} not on the handout");
    }
    assert!(
        !html.contains("Este tema no se puede"),
        "a note on a Spanish page"
    );
    // The picture is the Spanish one, whose labels are in Spanish.
    let spanish_svg = built_in("pictures/calf-strain.es.svg");
    assert!(spanish_svg.contains("Tendón de Aquiles"));
    let embedded = BASE64_STANDARD.encode(spanish_svg.as_bytes());
    assert!(
        html.contains(&embedded),
        "the Spanish picture is not on the page"
    );
}

#[test]
fn a_handout_of_a_topic_without_spanish_says_so_on_the_page() {
    let clinic = Clinic::new();
    with_calf_strain(&clinic);
    let written = run(clinic.footcare().args([
        "--lang",
        "es",
        "export",
        "calf-strain",
        "--format",
        "markdown",
    ]));
    assert_eq!(written.code, Some(0), "{}", written.stderr);
    assert!(
        written
            .stdout
            .starts_with("*Este tema no se puede mostrar en español"),
        "{}",
        written.stdout
    );
    let out = clinic.path().join("h.html");
    run(clinic
        .footcare()
        .args(["--lang", "es", "export", "calf-strain", "-o"])
        .arg(&out));
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<p class=\"language-note\" lang=\"es\">Este tema no se puede"));
}

#[test]
fn export_all_in_spanish_writes_spanish_handouts_and_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handouts");
    let written = run(footcare()
        .args(["--lang", "es", "export", "--all", "-o"])
        .arg(&out));
    assert_eq!(written.code, Some(0), "{}", written.stderr);
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"es\">"));
    assert!(index.contains("Hojas informativas para pacientes"));
    assert!(index.contains("Liberación de la fascia plantar"));
    let handout = fs::read_to_string(out.join("gastrocnemius-release.html")).unwrap();
    assert!(handout.contains("<html lang=\"es\">"));
    assert!(handout.contains("Liberación del gastrocnemio"));
}

/// A folder holding the built-in calf strain topic and its translation, changed by
/// `change`, with their pictures.
fn translation_folder(change: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("calf-strain.md"),
        built_in("calf-strain.md"),
    )
    .unwrap();
    fs::write(
        dir.path().join("calf-strain.es.md"),
        change(built_in("calf-strain.es.md")),
    )
    .unwrap();
    fs::create_dir(dir.path().join("pictures")).unwrap();
    for picture in ["calf-strain.svg", "calf-strain.es.svg"] {
        fs::write(
            dir.path().join("pictures").join(picture),
            built_in(&format!("pictures/{picture}")),
        )
        .unwrap();
    }
    dir
}

/// The translation's text without its questions, a section its original has.
fn without_questions(text: String) -> String {
    let start = text.find("## Preguntas para su médico").unwrap();
    let end = text.find("## Aviso importante").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

/// What `check` says of a [`translation_folder`].
fn check_translation(change: impl Fn(String) -> String) -> Run {
    let dir = translation_folder(change);
    run(footcare()
        .arg("--content-dir")
        .arg(dir.path())
        .args(["check", "--format", "json"]))
}

/// Asserts that the Spanish page's findings include one of `level` that starts with `start`.
fn assert_finding(run: &Run, level: &str, start: &str) {
    let found = spanish_findings(run);
    assert!(
        (found.iter()).any(|(l, message)| l == level && message.starts_with(start)),
        "no {level} starting {start:?}: {found:?}"
    );
}

/// The messages of the Spanish page's findings, each with its level.
fn spanish_findings(run: &Run) -> Vec<(String, String)> {
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let report = (json["topics"].as_array().unwrap().iter())
        .find(|topic| topic["lang"] == "es")
        .unwrap_or_else(|| panic!("no Spanish report: {}", run.stdout))
        .clone();
    (report["findings"].as_array().unwrap().iter())
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap_or_default().to_string();
            (text("level"), text("message"))
        })
        .filter(|(level, _)| level != "note")
        .collect()
}

#[test]
fn a_translation_as_its_original_passes_check_with_spanish_figures() {
    let checked = check_translation(|text| text);
    assert_eq!(checked.code, Some(0), "{}", checked.stdout);
    assert_eq!(spanish_findings(&checked), []);
    let json: Value = serde_json::from_str(&checked.stdout).unwrap();
    let spanish = (json["topics"].as_array().unwrap().iter())
        .find(|topic| topic["lang"] == "es")
        .unwrap()
        .clone();
    let figures = &spanish["readability"];
    assert!(figures["fernandez_huerta"].as_f64().unwrap() >= 70.0);
    assert!(figures["inflesz"].as_f64().unwrap() >= 65.0);
    assert!(figures.get("fk_grade").is_none(), "{figures}");
}

#[test]
fn a_translation_missing_a_section_or_adding_one_fails_check() {
    let missing = check_translation(without_questions);
    assert_eq!(missing.code, Some(1));
    assert_finding(
        &missing,
        "error",
        "missing section `questions`, which the original",
    );
    let added = check_translation(|text| {
        text.replacen(
            "## Aviso importante",
            "## Nuestra clínica {#our-clinic}\n\nLe vemos pronto.\n\n## Aviso importante",
            1,
        )
    });
    assert_eq!(added.code, Some(1));
    assert_finding(
        &added,
        "error",
        "section `our-clinic` is not in the original",
    );
}

#[test]
fn a_translation_whose_tiers_differ_from_the_original_fails_check() {
    let checked = check_translation(|text| {
        let start = text.find("### Llame en horario de consulta").unwrap();
        let end = text.find("## Preguntas para su médico").unwrap();
        format!("{}{}", &text[..start], &text[end..])
    });
    assert_eq!(checked.code, Some(1));
    assert_finding(
        &checked,
        "error",
        "the warning signs' tiers are not the original's",
    );
}

#[test]
fn a_translation_reviewed_before_its_original_is_flagged_possibly_stale() {
    let checked = check_translation(|text| {
        let reviewed = text
            .lines()
            .find(|l| l.starts_with("reviewed: "))
            .unwrap()
            .to_string();
        text.replacen(&reviewed, "reviewed: 2026-01-05", 1)
    });
    assert_finding(&checked, "warning", "possibly stale");
    // A warning: the page may still be shown, and `check` passes.
    assert_eq!(checked.code, Some(0), "{}", checked.stdout);
}

#[test]
fn a_hard_spanish_page_fails_both_spanish_readability_targets() {
    let checked = check_translation(|text| {
        let hard = "La intervención quirúrgica, realizada habitualmente mediante técnicas \
                    endoscópicas mínimamente invasivas, posibilita la recuperación \
                    funcional progresiva, considerablemente más satisfactoria, \
                    independientemente de circunstancias individuales extraordinariamente \
                    complicadas.";
        let start = text.find("## Información general {#overview}").unwrap();
        let end = text.find("## Quién lo sufre").unwrap();
        let body = vec![hard; 40].join(" ");
        format!(
            "{}## Información general {{#overview}}\n\n{body}\n\n{}",
            &text[..start],
            &text[end..]
        )
    });
    assert_eq!(checked.code, Some(1));
    let found = spanish_findings(&checked);
    for scale in ["Fernández-Huerta scale", "INFLESZ scale"] {
        assert!(
            found
                .iter()
                .any(|(level, m)| level == "error" && m.contains(scale)),
            "{scale}: {found:?}"
        );
    }
    // Spanish pages are not held to English grades.
    assert!(
        !found.iter().any(|(_, m)| m.contains("Flesch")),
        "{found:?}"
    );
}

#[test]
fn a_handout_of_a_translation_that_fails_check_is_not_written() {
    let dir = translation_folder(without_questions);
    let written = run(footcare().arg("--content-dir").arg(dir.path()).args([
        "--lang",
        "es",
        "export",
        "calf-strain",
        "--format",
        "markdown",
    ]));
    assert_eq!(written.code, Some(1), "{}", written.stdout);
    assert!(
        written.stderr.contains("missing section `questions`"),
        "{}",
        written.stderr
    );
    assert!(written.stdout.is_empty());
}

#[test]
fn a_second_file_for_a_spanish_page_is_left_out_by_every_command() {
    let clinic = Clinic::new();
    with_calf_strain(&clinic);
    with_spanish_calf_strain(&clinic, "Distensión en Lakeside");
    clinic.write("calf-strain.es.yaml", "title: Otra página\n");
    let shown =
        run(clinic
            .footcare()
            .args(["--lang", "es", "show", "calf-strain", "--format", "json"]));
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    let shown_json: Value = serde_json::from_str(&shown.stdout).unwrap();
    let listed = run(clinic
        .footcare()
        .args(["--lang", "es", "list", "--format", "json"]));
    let listed: Value = serde_json::from_str(&listed.stdout).unwrap();
    let listed = &listed.as_array().unwrap()[0];
    // `show` and `list` read the same page, and say the same of its languages.
    assert_eq!(shown_json["title"], "Distensión en Lakeside");
    assert_eq!(listed["title"], shown_json["title"]);
    assert_eq!(shown_json["languages"], listed["languages"]);
    assert!(
        shown.stderr.contains("calf-strain.es.yaml: ")
            && shown
                .stderr
                .contains("defines the same topic; keep one of the two files"),
        "{}",
        shown.stderr
    );
    assert!(!shown.stderr.contains(NOTE), "{}", shown.stderr);
}

#[test]
fn an_english_patch_on_a_topic_with_a_spanish_page_is_flagged_not_blamed_on_the_page() {
    let clinic = Clinic::new();
    clinic.write(
        "calf-strain.patch.md",
        "## Risks\n\n- Smokers heal more slowly.\n\n## Aftercare {#aftercare}\n\nWe call you on day 2.\n",
    );
    let checked = run(clinic.footcare().args(["check", "--format", "json"]));
    // No error for the built-in Spanish page, which nobody can edit; a warning on the patch.
    assert_eq!(checked.code, Some(0), "{}", checked.stdout);
    let json: Value = serde_json::from_str(&checked.stdout).unwrap();
    let spanish = (json["topics"].as_array().unwrap().iter())
        .find(|t| t["slug"] == "calf-strain" && t["lang"] == "es")
        .unwrap()
        .clone();
    let findings = spanish["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["level"] == "warning"
            && f["file"]
                .as_str()
                .unwrap()
                .ends_with("calf-strain.patch.md")
            && f["message"]
                .as_str()
                .unwrap()
                .starts_with("adds to one page only: the Spanish page is shown without it")),
        "{findings:?}"
    );
    assert!(
        !findings.iter().any(|f| f["level"] == "error"),
        "{findings:?}"
    );
    // A Spanish reader is told, too.
    let shown = run(clinic
        .footcare()
        .args(["--lang", "es", "show", "calf-strain", "--plain"]));
    assert!(
        shown
            .stderr
            .contains("calf-strain.patch.md: adds to the English page only"),
        "{}",
        shown.stderr
    );
    assert!(!shown.stdout.contains("Smokers"));
}

#[test]
fn names_and_searches_typed_with_combining_accents_find_their_topics() {
    let shown = run(footcare().args([
        "--lang",
        "es",
        "show",
        "distensio\u{301}n en la pantorrilla",
        "--plain",
    ]));
    assert!(shown.stdout.starts_with(SPANISH_TITLE), "{}", shown.stderr);
    let found = run(footcare().args(["--lang", "es", "search", "tendo\u{301}n", "--plain"]));
    assert!(found.stdout.contains("tendón"), "{}", found.stdout);
}

#[test]
fn a_bad_footcare_lang_stops_only_the_commands_that_show_topics() {
    for args in [&["man"][..], &["paths"], &["completions", "bash"]] {
        let run = run(footcare().env("FOOTCARE_LANG", "fr").args(args));
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    }
    let shown = run(footcare()
        .env("FOOTCARE_LANG", "ES")
        .args(["show", "calf-strain", "--plain"]));
    assert!(shown.stdout.starts_with(SPANISH_TITLE), "{}", shown.stderr);
}

#[test]
fn a_handout_of_a_lone_translation_file_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("calf-strain.es.md");
    fs::write(
        &lone,
        built_in("calf-strain.es.md")
            .replace("(pictures/calf-strain.es.svg)", "(calf-strain.es.svg)"),
    )
    .unwrap();
    fs::write(
        dir.path().join("calf-strain.es.svg"),
        built_in("pictures/calf-strain.es.svg"),
    )
    .unwrap();
    let written = run(footcare()
        .args(["--lang", "es", "export", "--format", "markdown", "--file"])
        .arg(&lone));
    assert_eq!(written.code, Some(1), "{}", written.stdout);
    assert!(
        written.stderr.contains("its original is not there"),
        "{}",
        written.stderr
    );
}

#[test]
fn a_spanish_name_a_letter_off_is_put_right_from_the_spanish_names() {
    let shown = run(footcare().args(["--lang", "es", "show", "desgarro de pantorrilla"]));
    assert_eq!(shown.code, Some(1));
    assert!(
        shown.stderr.contains("did you mean calf-strain?"),
        "{}",
        shown.stderr
    );
}
