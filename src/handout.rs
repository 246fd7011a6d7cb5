//! `footcare export`: a handout to print and give to a patient.

use crate::markdown::{plain_in_markdown, Block, Span};
use crate::render::{review_lines, source_line};
use crate::topic::{SectionKey, Topic};

/// Print styles: body text at 12 pt, left-aligned, headings and list lead-ins kept with what
/// follows them, the warning signs boxed (a long box may go on over a page, but no sign is
/// split), a box to tick by each step of the checklists for before surgery and for home, and
/// the sources (in smaller print), review date and disclaimer at the foot.
const STYLE: &str = "\
@page { size: A4; margin: 12mm 14mm; }
html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 12pt;
  line-height: 1.3; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 44em; text-align: left; }
h1 { font-size: 20pt; margin: 0 0 3pt; line-height: 1.15; }
.summary { font-size: 13pt; margin: 0 0 6pt; }
h2 { font-size: 14.5pt; margin: 10pt 0 4pt; padding-bottom: 1pt; border-bottom: 1.5pt solid #555;
  break-after: avoid; page-break-after: avoid; }
h3, h4, h5, h6 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 5pt; }
p, li { orphans: 3; widows: 3; text-wrap: pretty; }
p:has(+ ul), p:has(+ ol) { break-after: avoid; page-break-after: avoid; }
ul, ol { margin: 0 0 5pt; padding-left: 1.5em; }
li { margin: 0 0 2pt; }
blockquote { margin: 0 0 7pt 1em; padding-left: 0.8em; border-left: 2pt solid #999; }
.warning-signs { border: 2.5pt solid #b3261e; border-radius: 5pt; padding: 0 11pt 4pt;
  margin: 10pt 0; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.warning-signs li { break-inside: avoid; page-break-inside: avoid; }
.warning-signs h2 { color: #b3261e; border-bottom: none; margin-top: 7pt; }
footer { margin-top: 10pt; padding-top: 2pt; border-top: 1pt solid #888; font-size: 12pt; }
footer h2 { font-size: 13pt; border-bottom: none; margin-top: 8pt; }
.preparing ol > li::before, .recovery ol > li::before { content: \"\\2610\\00a0\"; }
.sources { font-size: 10.5pt; }
.sources li { overflow-wrap: anywhere; }
@media screen { body { padding: 1.5em 1em; } }
";

/// The whole handout as one HTML page: no scripts, nothing loaded from elsewhere, and every
/// piece of content escaped.
pub fn html(topic: &Topic) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&topic.title)));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n</header>\n<main>\n",
        escape(&topic.title),
        escape(&topic.summary)
    ));
    for section in topic
        .sections
        .iter()
        .filter(|s| s.key != SectionKey::Disclaimer)
    {
        out.push_str(&format!(
            "<section class=\"{}\">\n<h2>{}</h2>\n{}</section>\n",
            section.name,
            escape(&section.title),
            blocks_html(&section.blocks.blocks)
        ));
    }
    out.push_str("</main>\n<footer>\n");
    if !topic.sources.is_empty() {
        out.push_str("<h2>Sources</h2>\n<ol class=\"sources\">\n");
        for source in &topic.sources {
            out.push_str(&format!("<li>{}</li>\n", escape(&source_line(source))));
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
            blocks_html(&disclaimer.blocks.blocks)
        ));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// The handout as Markdown: title, summary, the sections, then sources, review date and
/// disclaimer.
pub fn markdown(topic: &Topic) -> String {
    let plain = |text: &str| plain_in_markdown(text).into_owned();
    let mut out = format!("# {}\n\n{}\n", plain(&topic.title), plain(&topic.summary));
    for section in topic
        .sections
        .iter()
        .filter(|s| s.key != SectionKey::Disclaimer)
    {
        let title = plain(&section.title);
        out.push_str(&format!("\n## {title}\n\n{}\n", section.markdown));
    }
    if !topic.sources.is_empty() {
        out.push_str("\n## Sources\n\n");
        for source in &topic.sources {
            out.push_str(&format!("- {}\n", plain(&source_line(source))));
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

fn spans_html(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| {
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
fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut lists: Vec<&str> = Vec::new();
    let close_to = |out: &mut String, lists: &mut Vec<&str>, depth: usize| {
        while lists.len() > depth {
            let tag = lists.pop().unwrap_or("ul");
            out.push_str(&format!("</li></{tag}>\n"));
        }
    };
    for block in blocks {
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
            Block::Paragraph(spans) => out.push_str(&format!("<p>{}</p>\n", spans_html(spans))),
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
        let page = html(&topic(
            "## Overview\n<img src=x onerror=alert(1)> and <b>bold</b> & \"quotes\"\n\n\
             ## Warning signs\n- Call <a href=\"https://evil\">us</a>\n",
        ));
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<a "), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("Fish &amp; chips."));
        assert!(!page.contains("http://"), "nothing to fetch");
    }

    #[test]
    fn warning_signs_are_boxed_and_the_foot_has_sources_date_and_disclaimer() {
        let page = html(&topic(
            "## Disclaimer\nNot advice.\n\n## Overview\nText.\n\n## Warning signs\n- Fever.\n",
        ));
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
        let html = blocks_html(&to_blocks(
            "1. One\n2. Two\n   - inner\n3. Three\n\nAfter.\n",
        ));
        assert_eq!(
            html,
            "<ol>\n<li>One</li>\n<li>Two<ul>\n<li>inner</li></ul>\n</li>\n<li>Three</li></ol>\n<p>After.</p>\n"
        );
    }

    #[test]
    fn the_markdown_handout_ends_with_sources_date_and_disclaimer() {
        let text = markdown(&topic("## Disclaimer\nNot advice.\n\n## Overview\nText.\n"));
        assert!(text.starts_with("# <script>alert(1)</script>\n\nFish & chips.\n\n## Overview\n"));
        assert!(text.ends_with(
            "## Sources\n\n- A page. A clinic, 2025.\n\nLast reviewed: 2026-11-24\n\n## Disclaimer\n\nNot advice.\n"
        ));
    }
}
