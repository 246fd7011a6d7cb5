//! Parse, split and render one built-in topic: `cargo bench --bench parse_render`.

use footcare::clinic::Clinic;
use footcare::parse::{parse_topic, FileFormat};
use footcare::render::{render, topic_blocks, Decoration, Style};

const TOPIC: &str = include_str!("../content/plantar-fascia-release.md");
const SLUG: &str = "plantar-fascia-release";

fn main() {
    divan::main();
}

/// Front matter, sections and their blocks, in one pass over the body.
#[divan::bench]
fn parse() {
    let topic = parse_topic("t.md", SLUG, FileFormat::Markdown, divan::black_box(TOPIC));
    divan::black_box(topic.unwrap());
}

#[divan::bench(args = ["plain", "styled"])]
fn render_topic(bencher: divan::Bencher, style: &str) {
    let topic = parse_topic("t.md", SLUG, FileFormat::Markdown, TOPIC).unwrap();
    let style = match style {
        "plain" => Style::Plain,
        _ => Style::Wrapped {
            decoration: Decoration::Colour,
            width: 80,
        },
    };
    bencher.bench(|| {
        let blocks = topic_blocks(&topic, &[], style != Style::Plain, &Clinic::default());
        divan::black_box(render(&blocks, style))
    });
}
