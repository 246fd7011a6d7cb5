//! `footcare export`: a handout to print and give to a patient.

use std::borrow::Borrow;
use std::collections::HashMap;

use crate::clinic::{tier_call, Clinic};
use crate::labels::{labels, logo_of, shown_in_english};
use crate::lang::Lang;
use crate::markdown::{plain_in_markdown, Block, Span};
use crate::picture::Picture;
use crate::render::{review_lines, source_line, tier_of};
use crate::topic::{Header, Section, SectionKey, Source, Topic};

/// The paper a handout is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

/// What goes on a handout besides the topic.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page<'a> {
    pub clinic: Option<&'a Clinic>,
    pub logo: Option<&'a Picture>,
    /// The topic's pictures, by their paths as the topic writes them.
    pub pictures: Option<&'a HashMap<String, Picture>>,
    pub paper: Paper,
    /// 16 pt body text, for readers with low vision, instead of 12 pt.
    pub large_print: bool,
    /// The sections asked for, by name; none means all. The warning signs and the
    /// disclaimer are on every handout.
    pub sections: &'a [String],
    /// The language the reader asked for: a topic without a page in it is printed in
    /// English, with a line in the reader's language that says so.
    pub reader_lang: Lang,
}

/// Print styles: body text at 12 pt (16 pt in large print), left-aligned, headings and list
/// lead-ins kept with what follows them, the warning signs boxed (a long box may go on over
/// a page, but no sign is split), a box to tick by each step of the checklists for before
/// surgery and for home, and the sources (in smaller print), review date and disclaimer at
/// the foot. Sizes are in `em`, so that one number sets the whole page's scale.
const STYLE: &str = "\
html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif;
  line-height: 1.2; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 46em; text-align: left; }
.clinic { display: flex; align-items: center; gap: 0.8em; border-bottom: 1.5pt solid #555;
  padding-bottom: 0.25em; margin-bottom: 0.4em; }
.clinic img { max-height: 2.6em; max-width: 8em; }
.clinic > div { min-width: 0; overflow-wrap: anywhere; }
.clinic .name { font-weight: bold; font-size: 1.1em; }
.clinic .details { font-size: 0.8em; }
.clinic .details { overflow-wrap: anywhere; }
h1 { font-size: 1.6em; margin: 0 0 0.15em; line-height: 1.15; overflow-wrap: anywhere; }
.summary { font-size: 1em; margin: 0 0 0.35em; }
.language-note { font-style: italic; border-left: 3pt solid #555; padding-left: 0.5em;
  margin: 0 0 0.4em; }
.notes { border: 1pt solid #555; border-radius: 4pt; padding: 0.3em 0.7em 0.45em;
  margin: 0 0 0.4em; break-inside: avoid; page-break-inside: avoid; }
.notes h2 { font-size: 1em; border: none; margin: 0 0 0.1em; padding: 0; }
.notes .fields { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.5em;
  row-gap: 0.4em; }
.notes .field { border-bottom: 0.75pt solid #777; padding-top: 0.5em; font-size: 0.85em; }
h2 { font-size: 1.2em; margin: 0.45em 0 0.2em; padding-bottom: 1pt;
  border-bottom: 1.5pt solid #555; break-after: avoid; page-break-after: avoid; }
h3, h4, h5, h6 { font-size: 1.05em; margin: 0.55em 0 0.2em; break-after: avoid;
  page-break-after: avoid; }
p { margin: 0 0 0.3em; }
p, li { orphans: 3; widows: 3; text-wrap: pretty; }
p:has(+ ul), p:has(+ ol) { break-after: avoid; page-break-after: avoid; }
ul, ol { margin: 0 0 0.35em; padding-left: 1.4em; }
li { margin: 0 0 0.05em; }
blockquote { margin: 0 0 0.5em 1em; padding-left: 0.8em; border-left: 2pt solid #999; }
figure { float: right; width: 42%; margin: 0.2em 0 0.4em 1.2em; break-inside: avoid;
  page-break-inside: avoid; }
figure img { display: block; width: 100%; }
section { clear: both; }
figcaption { font-size: 0.75em; font-style: italic; line-height: 1.2; }
img { max-width: 100%; }
.warning-signs { border: 2.5pt solid #b3261e; border-radius: 5pt; padding: 0 0.8em 0.25em;
  margin: 0.6em 0; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.warning-signs li { break-inside: avoid; page-break-inside: avoid; }
.warning-signs h2 { color: #b3261e; border-bottom: none; margin-top: 0.45em; }
.warning-signs .call { font-weight: bold; margin: 0 0 0.2em; break-after: avoid;
  page-break-after: avoid; }
footer { margin-top: 0.6em; padding-top: 2pt; border-top: 1pt solid #888; }
footer h2 { font-size: 1.05em; border-bottom: none; margin-top: 0.45em; }
.reviewed { font-size: 0.85em; }
.disclaimer h2 { float: left; font-size: 1em; margin: 0 0.5em 0 0; padding: 0; }
.preparing ol > li::before, .recovery ol > li::before { content: \"\\2610\\00a0\"; }
.sources { font-size: 0.72em; line-height: 1.15; columns: 2; column-gap: 1.6em; padding-left: 1.6em; }
.sources li { break-inside: avoid; page-break-inside: avoid; }
.sources li { overflow-wrap: anywhere; }
.sources a { color: inherit; }
@media screen { body { padding: 1.5em 1em; } }
";

/// The whole handout as one HTML page: no scripts, nothing loaded from elsewhere (its
/// pictures are in it), and every piece of content escaped.
pub fn html(topic: &Topic, page: &Page) -> String {
    let clinic = page.clinic.cloned().unwrap_or_default();
    let mut out = String::new();
    let words = labels(topic.lang);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        topic.lang
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&topic.title)));
    let (size, margins) = match page.paper {
        Paper::Letter => ("letter", "9mm 11mm"),
        Paper::A4 => ("A4", "11mm 13mm"),
    };
    let points = if page.large_print { 16 } else { 12 };
    out.push_str(&format!(
        "<style>\n@page {{ size: {size}; margin: {margins}; }}\nhtml {{ font-size: {points}pt; }}\n\
         {STYLE}</style>\n</head>\n<body>\n<header>\n"
    ));
    out.push_str(&clinic_html(&clinic, page.logo, topic.lang));
    if let Some(note) = shown_in_english(topic.lang, page.reader_lang) {
        out.push_str(&format!(
            "<p class=\"language-note\" lang=\"{}\">{}</p>\n",
            page.reader_lang,
            escape(note)
        ));
    }
    out.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"summary\">{}</p>\n",
        escape(&topic.title),
        escape(&topic.summary)
    ));
    out.push_str(&notes_box(topic.lang));
    out.push_str("</header>\n<main>\n");
    for section in (topic.sections.iter())
        .filter(|s| s.key != SectionKey::Disclaimer && on_handout(s, page.sections))
    {
        out.push_str(&format!(
            "<section class=\"{}\">\n<h2>{}</h2>\n{}</section>\n",
            section.name,
            escape(&section.title),
            section_html(section, (&clinic, topic.lang), page.pictures)
        ));
    }
    out.push_str("</main>\n<footer>\n");
    if !topic.sources.is_empty() {
        out.push_str(&format!(
            "<h2>{}</h2>\n<ol class=\"sources\">\n",
            words.sources
        ));
        for source in &topic.sources {
            out.push_str(&format!("<li>{}</li>\n", source_html(source, topic.lang)));
        }
        out.push_str("</ol>\n");
    }
    for line in review_lines(topic) {
        out.push_str(&format!("<p class=\"reviewed\">{}</p>\n", escape(&line)));
    }
    if let Some(disclaimer) = topic.section(SectionKey::Disclaimer) {
        out.push_str(&format!(
            "<section class=\"disclaimer\">\n<h2>{}</h2>\n{}</section>\n",
            escape(&disclaimer.title),
            section_html(disclaimer, (&clinic, topic.lang), page.pictures)
        ));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// Whether a handout of `sections` (none: all of them) shows `section`: the warning signs
/// are on every handout, as the disclaimer is.
fn on_handout(section: &Section, sections: &[String]) -> bool {
    sections.is_empty()
        || section.key == SectionKey::WarningSigns
        || sections.contains(&section.name)
}

/// The page that `export --all` writes beside the handouts: each topic's title, linked to
/// its handout's file, and its summary.
pub fn index_html(handouts: &[(&Header, String)], clinic: Option<&Clinic>, lang: Lang) -> String {
    let words = labels(lang);
    let heading = match clinic.and_then(|c| c.name.as_deref()) {
        Some(name) => format!("{} {}", words.handouts_from, escape(name)),
        None => words.handouts.to_string(),
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{heading}</title>\n<style>\n{INDEX_STYLE}</style>\n</head>\n<body>\n\
         <h1>{heading}</h1>\n<ul>\n"
    );
    for (header, file) in handouts {
        // A title in English on a page in another language says so, for screen readers.
        let own_lang = match header.lang == lang {
            true => String::new(),
            false => format!(" lang=\"{}\"", header.lang),
        };
        out.push_str(&format!(
            "<li{own_lang}><a href=\"{}\">{}</a><br>{}</li>\n",
            escape(&link_path(file)),
            escape(&header.title),
            escape(&header.summary)
        ));
    }
    out.push_str("</ul>\n</body>\n</html>\n");
    out
}

const INDEX_STYLE: &str = "\
html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 13pt;
  line-height: 1.4; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 40em; padding: 1.5em 1em; }
li { margin: 0 0 0.8em; }
a { font-weight: bold; }
";

/// A file name as the path of a relative link: percent-encoded where a URL needs it.
fn link_path(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for byte in file.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Lines for the care team to fill in by hand, labelled in `lang`.
fn notes_box(lang: Lang) -> String {
    let words = labels(lang);
    let fields: String = (words.notes_fields.iter())
        .map(|field| format!("<div class=\"field\">{}</div>\n", escape(field)))
        .collect();
    format!(
        "<section class=\"notes\">\n<h2>{}</h2>\n<div class=\"fields\">\n{fields}</div>\n\
         </section>\n",
        words.notes_heading
    )
}

/// The clinic's name, logo and numbers across the top, when the profile gives any.
fn clinic_html(clinic: &Clinic, logo: Option<&Picture>, lang: Lang) -> String {
    let words = labels(lang);
    let details: Vec<String> = [
        clinic
            .phone
            .as_ref()
            .map(|p| format!("{}: {p}", words.phone)),
        clinic
            .after_hours_phone
            .as_ref()
            .map(|p| format!("{}: {p}", words.after_hours)),
        clinic.address.clone(),
        clinic.website.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|detail| format!("<span>{}</span>", escape(&detail)))
    .collect();
    if clinic.name.is_none() && details.is_empty() && logo.is_none() {
        return String::new();
    }
    let mut out = String::from("<div class=\"clinic\">\n");
    if let Some(logo) = logo {
        let alt = clinic
            .name
            .as_deref()
            .map_or(words.logo.to_string(), |name| logo_of(lang, name));
        out.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\">\n",
            logo.data_url(),
            escape(&alt)
        ));
    }
    out.push_str("<div>\n");
    if let Some(name) = &clinic.name {
        out.push_str(&format!("<div class=\"name\">{}</div>\n", escape(name)));
    }
    if !details.is_empty() {
        out.push_str(&format!(
            "<div class=\"details\">{}</div>\n",
            details.join(" &middot; ")
        ));
    }
    out.push_str("</div>\n</div>\n");
    out
}

/// A source with its web address printed in full, and as a link.
fn source_html(source: &Source, lang: Lang) -> String {
    let Some(url) = source.url.as_deref().filter(|url| is_web_address(url)) else {
        return escape(&source_line(source, lang));
    };
    let without_url = Source {
        url: None,
        ..source.clone()
    };
    let url = escape(url);
    format!(
        "{} <a href=\"{url}\">{url}</a>",
        escape(&source_line(&without_url, lang))
    )
}

fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || c.is_control())
}

/// A section's blocks, with the line that says whom to call under each tier's heading.
fn section_html(
    section: &Section,
    (clinic, lang): (&Clinic, Lang),
    pictures: Option<&HashMap<String, Picture>>,
) -> String {
    let mut out = String::new();
    let mut run: Vec<&Block> = Vec::new();
    for block in &section.blocks.blocks {
        run.push(block);
        if let Some(tier) = tier_of(section, block) {
            out.push_str(&blocks_html(&run, pictures));
            run.clear();
            out.push_str(&format!(
                "<p class=\"call\">{}</p>\n",
                escape(&tier_call(clinic, tier, lang))
            ));
        }
    }
    out.push_str(&blocks_html(&run, pictures));
    out
}

/// The handout as Markdown: title, summary, the sections, then sources, review date and
/// disclaimer.
pub fn markdown(topic: &Topic, clinic: &Clinic, sections: &[String], reader_lang: Lang) -> String {
    let plain = |text: &str| plain_in_markdown(text).into_owned();
    let mut out = String::new();
    if let Some(note) = shown_in_english(topic.lang, reader_lang) {
        out.push_str(&format!("*{}*\n\n", plain(note)));
    }
    out.push_str(&format!(
        "# {}\n\n{}\n",
        plain(&topic.title),
        plain(&topic.summary)
    ));
    for section in (topic.sections.iter())
        .filter(|s| s.key != SectionKey::Disclaimer && on_handout(s, sections))
    {
        let title = plain(&section.title);
        out.push_str(&format!(
            "\n## {title}\n\n{}\n",
            with_calls(section, (clinic, topic.lang))
        ));
    }
    if !topic.sources.is_empty() {
        out.push_str(&format!("\n## {}\n\n", labels(topic.lang).sources));
        for source in &topic.sources {
            out.push_str(&format!("- {}\n", plain(&source_line(source, topic.lang))));
        }
    }
    for line in review_lines(topic) {
        out.push_str(&format!("\n{}\n", plain(&line)));
    }
    if let Some(disclaimer) = topic.section(SectionKey::Disclaimer) {
        let title = plain(&disclaimer.title);
        out.push_str(&format!("\n## {title}\n\n{}\n", disclaimer.markdown));
    }
    out
}

/// A section's Markdown with the line that says whom to call under each tier's heading.
fn with_calls(section: &Section, (clinic, topic_lang): (&Clinic, Lang)) -> String {
    let mut out = section.markdown.clone();
    let blocks = &section.blocks;
    // From the end, so that each insertion leaves the offsets before it valid.
    for (block, &start) in blocks.blocks.iter().zip(&blocks.starts).rev() {
        if let Some(tier) = tier_of(section, block) {
            let end = out[start..].find('\n').map_or(out.len(), |at| start + at);
            let call = plain_in_markdown(&tier_call(clinic, tier, topic_lang)).into_owned();
            out.insert_str(end, &format!("\n\n**{call}**"));
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn spans_html(spans: &[Span], pictures: Option<&HashMap<String, Picture>>) -> String {
    spans
        .iter()
        .map(|span| {
            if let Some(picture) = &span.picture {
                return match pictures.and_then(|all| all.get(&picture.path)) {
                    Some(found) => format!(
                        "<img src=\"{}\" alt=\"{}\">",
                        found.data_url(),
                        escape(&picture.alt)
                    ),
                    None => escape(&span.text),
                };
            }
            let mut html = escape(&span.text);
            for (on, tag) in [
                (span.code, "code"),
                (span.italic, "em"),
                (span.bold, "strong"),
            ] {
                if on {
                    html = format!("<{tag}>{html}</{tag}>");
                }
            }
            html
        })
        .collect()
}

/// Blocks as HTML. List items arrive flat with their depth, so open lists are kept on a
/// stack, each with its last item still open for a nested list to go inside.
fn blocks_html<B: Borrow<Block>>(
    blocks: &[B],
    pictures: Option<&HashMap<String, Picture>>,
) -> String {
    let mut out = String::new();
    let mut lists: Vec<&str> = Vec::new();
    let close_to = |out: &mut String, lists: &mut Vec<&str>, depth: usize| {
        while lists.len() > depth {
            let tag = lists.pop().unwrap_or("ul");
            out.push_str(&format!("</li></{tag}>\n"));
        }
    };
    let spans_html = |spans: &[Span]| spans_html(spans, pictures);
    for block in blocks.iter().map(Borrow::borrow) {
        if let Block::Item {
            depth,
            number,
            spans,
        } = block
        {
            let tag = if number.is_some() { "ol" } else { "ul" };
            close_to(&mut out, &mut lists, depth + 1);
            if lists.len() == depth + 1 {
                if lists[*depth] == tag {
                    out.push_str("</li>\n");
                } else {
                    close_to(&mut out, &mut lists, *depth);
                }
            }
            while lists.len() < depth + 1 {
                match number {
                    Some(start) if lists.len() == *depth && *start != 1 => {
                        out.push_str(&format!("<ol start=\"{start}\">\n"))
                    }
                    _ => out.push_str(&format!("<{tag}>\n")),
                }
                lists.push(tag);
                if lists.len() < depth + 1 {
                    out.push_str("<li>");
                }
            }
            out.push_str(&format!("<li>{}", spans_html(spans)));
            continue;
        }
        close_to(&mut out, &mut lists, 0);
        match block {
            Block::Heading { level, spans, .. } => {
                let level = (*level).clamp(3, 6);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", spans_html(spans)));
            }
            // A picture on its own line is a figure, with its words as the caption.
            Block::Paragraph(spans) => match spans.as_slice() {
                [Span {
                    picture: Some(picture),
                    ..
                }] if pictures.is_some_and(|all| all.contains_key(&picture.path)) => {
                    out.push_str(&format!(
                        "<figure>{}<figcaption>{}</figcaption></figure>\n",
                        spans_html(spans),
                        escape(&picture.alt)
                    ))
                }
                _ => out.push_str(&format!("<p>{}</p>\n", spans_html(spans))),
            },
            Block::Quote(spans) => out.push_str(&format!(
                "<blockquote><p>{}</p></blockquote>\n",
                spans_html(spans)
            )),
            Block::Code(lines) => out.push_str(&format!(
                "<pre><code>{}</code></pre>\n",
                escape(&lines.join("\n"))
            )),
            Block::Rule => out.push_str("<hr>\n"),
            Block::Item { .. } => {}
        }
    }
    close_to(&mut out, &mut lists, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_blocks;
    use crate::parse::{parse_topic, FileFormat};

    fn topic(body: &str) -> Topic {
        let text = format!(
            "---\ntitle: \"<script>alert(1)</script>\"\nsummary: Fish & chips.\nkind: condition\n\
             reviewed: 2026-11-24\nsources:\n  - title: A page\n    publisher: A clinic\n    date: 2025\n---\n{body}"
        );
        parse_topic("t.md", "t", FileFormat::Markdown, &text).unwrap()
    }

    #[test]
    fn content_cannot_inject_markup_or_script() {
        let page = html(
            &topic(
                "## Overview\n<img src=x onerror=alert(1)> and <b>bold</b> & \"quotes\"\n\n\
                 ## Warning signs\n- Call <a href=\"https://evil\">us</a>\n",
            ),
            &Page::default(),
        );
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<a "), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("Fish &amp; chips."));
        assert!(!page.contains("http://"), "nothing to fetch");
    }

    #[test]
    fn warning_signs_are_boxed_and_the_foot_has_sources_date_and_disclaimer() {
        let page = html(
            &topic(
                "## Disclaimer\nNot advice.\n\n## Overview\nText.\n\n## Warning signs\n- Fever.\n",
            ),
            &Page::default(),
        );
        assert!(page.contains("<section class=\"warning-signs\">\n<h2>Warning signs</h2>"));
        let footer = &page[page.find("<footer>").unwrap()..];
        for part in [
            "A page. A clinic, 2025.",
            "Last reviewed: 2026-11-24",
            "Not advice.",
        ] {
            assert!(footer.contains(part), "{part} not in the footer");
        }
        assert!(!page[..page.find("<footer>").unwrap()].contains("Not advice."));
    }

    #[test]
    fn nested_and_numbered_lists_become_proper_html_lists() {
        let html = blocks_html(
            &to_blocks("1. One\n2. Two\n   - inner\n3. Three\n\nAfter.\n"),
            None,
        );
        assert_eq!(
            html,
            "<ol>\n<li>One</li>\n<li>Two<ul>\n<li>inner</li></ul>\n</li>\n<li>Three</li></ol>\n<p>After.</p>\n"
        );
    }

    #[test]
    fn the_markdown_handout_ends_with_sources_date_and_disclaimer() {
        let text = markdown(
            &topic("## Disclaimer\nNot advice.\n\n## Overview\nText.\n"),
            &Clinic::default(),
            &[],
            Lang::En,
        );
        assert!(text.starts_with("# <script>alert(1)</script>\n\nFish & chips.\n\n## Overview\n"));
        assert!(text.ends_with(
            "## Sources\n\n- A page. A clinic, 2025.\n\nLast reviewed: 2026-11-24\n\n## Disclaimer\n\nNot advice.\n"
        ));
    }

    const TIERED: &str =
        "## Overview\nText.\n\n![A **heel** & toe](heel.svg)\n\n## Warning signs\n\n\
        ### Now {#emergency}\n\n- Chest pain: call now.\n\n### Soon {#urgent}\n\n- A hot calf.\n\n\
        ### Later {#routine}\n\n- Stiff toes.\n";

    fn lakeside() -> Clinic {
        Clinic {
            name: Some("Lake & Co".into()),
            phone: Some("555 0100".into()),
            after_hours_phone: Some("555 0199".into()),
            emergency_number: Some("112".into()),
            ..Clinic::default()
        }
    }

    #[test]
    fn the_page_names_the_clinic_and_its_number_under_each_tier() {
        let clinic = lakeside();
        let logo = Picture::from_bytes("logo.png", b"\x89PNG\r\n\x1a\nx".to_vec()).unwrap();
        let page = html(
            &topic(TIERED),
            &Page {
                clinic: Some(&clinic),
                logo: Some(&logo),
                ..Page::default()
            },
        );
        assert!(page.contains("<div class=\"name\">Lake &amp; Co</div>"));
        assert!(page.contains("<span>Phone: 555 0100</span>"));
        assert!(page.contains("<img src=\"data:image/png;base64,"));
        for call in [
            "<p class=\"call\">Call 112.</p>",
            "<p class=\"call\">Call Lake &amp; Co at 555 0199, day or night.</p>",
            "<p class=\"call\">Call Lake &amp; Co at 555 0100.</p>",
        ] {
            assert!(page.contains(call), "{call}");
        }
        // The call follows its tier's heading, before the tier's items.
        let emergency = page.find("Call the emergency number now</h3>").unwrap();
        assert!(page[emergency..].find("Call 112.") < page[emergency..].find("Chest pain"));
        assert!(page.contains("Notes from your care team"));
    }

    #[test]
    fn without_a_profile_the_page_has_no_clinic_header_and_no_number() {
        let page = html(&topic(TIERED), &Page::default());
        assert!(!page.contains("class=\"clinic\""));
        assert!(page.contains("Call your local emergency number, such as 911 in the US."));
        for call in page.split("<p class=\"call\">").skip(1) {
            let call = call[..call.find("</p>").unwrap()].replace("&#39;", "'");
            assert!(!call.contains(|c: char| c.is_ascii_digit() && c != '9' && c != '1'));
        }
    }

    #[test]
    fn a_picture_is_embedded_with_its_words_or_shown_as_words_when_missing() {
        let svg = Picture::from_bytes("heel.svg", b"<svg><script>x()</script></svg>".to_vec());
        let pictures = HashMap::from([("heel.svg".to_string(), svg.unwrap())]);
        let page = html(
            &topic(TIERED),
            &Page {
                pictures: Some(&pictures),
                ..Page::default()
            },
        );
        assert!(page.contains("<figure><img src=\"data:image/svg+xml;base64,"));
        assert!(page.contains(
            "alt=\"A heel &amp; toe\"><figcaption>A heel &amp; toe</figcaption></figure>"
        ));
        assert!(!page.contains("<script"));
        let without = html(&topic(TIERED), &Page::default());
        assert!(without.contains("<p>[Picture: A heel &amp; toe]</p>"));
        assert!(!without.contains("<img"));
    }

    #[test]
    fn only_web_addresses_become_links_and_are_printed_in_full() {
        let mut source = topic("").sources[0].clone();
        source.url = Some("https://example.org/a?b=1&c=2".into());
        assert!(source_html(&source, Lang::En).ends_with(
            "<a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a>"
        ));
        source.url = Some("javascript:alert(1)".into());
        assert!(!source_html(&source, Lang::En).contains("<a "));
    }

    #[test]
    fn a_handout_of_some_sections_keeps_the_warning_signs() {
        let sections = ["overview".to_string()];
        let page = html(
            &topic(&format!("{TIERED}\n## Risks\n- Pain.\n")),
            &Page {
                sections: &sections,
                ..Page::default()
            },
        );
        assert!(page.contains("<section class=\"overview\">"));
        assert!(page.contains("<section class=\"warning-signs\">"));
        assert!(!page.contains("<section class=\"risks\">"));
        let markdown = markdown(&topic(TIERED), &lakeside(), &sections, Lang::En);
        assert!(markdown.contains(
            "### Call the emergency number now {#emergency}\n\n**Call 112.**\n\n- Chest pain"
        ));
    }

    #[test]
    fn the_index_links_each_handout_by_a_safe_relative_path() {
        let header = topic("").header();
        let index = index_html(
            &[(&header, "a b\".html".to_string())],
            Some(&lakeside()),
            Lang::En,
        );
        assert!(index.contains("<h1>Patient handouts from Lake &amp; Co</h1>"));
        assert!(index.contains("<a href=\"a%20b%22.html\">&lt;script&gt;"));
        assert!(index.contains("Fish &amp; chips."));
    }
}
