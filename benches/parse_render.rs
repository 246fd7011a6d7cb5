//! Parse, split and render one built-in topic: `cargo bench --bench parse_render`.

use footcare::markdown::to_blocks;
use footcare::parse::{parse_topic, FileFormat};
use footcare::render::{render, topic_blocks, Style};

const TOPIC: &str = include_str!("../content/plantar-fascia-release.md");
const SLUG: &str = "plantar-fascia-release";

fn main() {
    divan::main();
}

/// Front matter, sections and the checks on both.
#[divan::bench]
fn parse() {
    let topic = parse_topic("t.md", SLUG, FileFormat::Markdown, divan::black_box(TOPIC));
    divan::black_box(topic.unwrap());
}

/// Markdown to blocks, section by section.
#[divan::bench]
fn split_into_blocks(bencher: divan::Bencher) {
    let topic = parse_topic("t.md", SLUG, FileFormat::Markdown, TOPIC).unwrap();
    bencher.bench(|| {
        for section in &topic.sections {
            divan::black_box(to_blocks(divan::black_box(&section.markdown)));
        }
    });
}

#[divan::bench(args = ["plain", "styled"])]
fn render_topic(bencher: divan::Bencher, style: &str) {
    let topic = parse_topic("t.md", SLUG, FileFormat::Markdown, TOPIC).unwrap();
    let style = match style {
        "plain" => Style::Plain,
        _ => Style::Wrapped {
            color: true,
            width: 80,
        },
    };
    bencher.bench(|| {
        let blocks = topic_blocks(&topic, &[], style != Style::Plain);
        divan::black_box(render(&blocks, style))
    });
}
