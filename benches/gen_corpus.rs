//! Writes a folder of made-up topics for benchmarks: `gen_corpus --topics N DIR`.
//!
//! Each topic is about 4 KB in footcare's real format, with all seven sections, and one in
//! ten is a plain YAML file. The text is random but readable, drawn from a fixed word
//! stock with a seeded generator, so the same arguments always write the same files.
//! The topics say they are test text: they are not medical information.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus [--seed N] --topics N DIR";

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(args) => match write_corpus(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("gen_corpus: {error}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    topics: usize,
    seed: u64,
    dir: PathBuf,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut topics = None;
    let mut seed = 1;
    let mut dir = None;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| {
            args.next()
                .and_then(|value| value.parse::<u64>().ok())
                .ok_or(format!("{name} needs a whole number"))
        };
        match arg.as_str() {
            "--topics" => topics = Some(number("--topics")? as usize),
            "--seed" => seed = number("--seed")?,
            "-h" | "--help" => return Err("writes N made-up topics into DIR".to_string()),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    Ok(Args {
        topics: topics.ok_or("--topics is required")?,
        seed,
        dir: dir.ok_or("DIR is required")?,
    })
}

fn write_corpus(args: &Args) -> std::io::Result<()> {
    std::fs::create_dir_all(&args.dir)?;
    let mut random = Random::new(args.seed);
    for number in 1..=args.topics {
        let topic = Topic::invent(number, &mut random);
        let (name, text) = if number % 10 == 0 {
            (format!("{}.yaml", topic.slug), topic.to_yaml())
        } else {
            (format!("{}.md", topic.slug), topic.to_markdown())
        };
        std::fs::write(args.dir.join(name), text)?;
    }
    Ok(())
}

/// SplitMix64: small, fast and the same on every machine, which is all a corpus needs.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Random {
        Random(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const PLACES: &[&str] = &[
    "heel",
    "arch",
    "ankle",
    "calf",
    "toe",
    "shin",
    "midfoot",
    "forefoot",
    "instep",
    "sole",
    "achilles",
    "big-toe",
    "little-toe",
    "ball-of-foot",
    "knee-back",
];
const PROBLEMS: &[&str] = &[
    "bursitis",
    "strain",
    "sprain",
    "bruise",
    "cramp",
    "spur",
    "tendon-pain",
    "stiffness",
    "release",
    "repair",
    "splint",
    "cast",
    "injection",
    "taping",
    "stretching",
];
const PARTS: &[&str] = &[
    "heel",
    "arch",
    "ankle",
    "calf",
    "toe",
    "shin",
    "tendon",
    "muscle",
    "bone",
    "joint",
    "skin",
    "nerve",
    "ligament",
    "sole",
    "knee",
    "foot",
    "leg",
    "skin fold",
    "fat pad",
];
const FEELINGS: &[&str] = &[
    "sore", "stiff", "tight", "swollen", "weak", "warm", "numb", "tender", "achy", "tired",
];
const ACTIONS: &[&str] = &[
    "Rest", "Walk", "Stretch", "Press", "Lift", "Roll", "Raise", "Ice", "Wrap", "Bend",
];
const TIMES: &[&str] = &[
    "in the morning",
    "after a walk",
    "at night",
    "after sport",
    "on stairs",
    "when you stand up",
    "in cold weather",
    "at the end of the day",
    "after a long drive",
];
const PEOPLE: &[&str] = &[
    "runners",
    "older adults",
    "people who stand all day",
    "children",
    "dancers",
    "people with flat feet",
    "people with high arches",
    "walkers",
    "people with diabetes",
];
const HELPERS: &[&str] = &[
    "your doctor",
    "a nurse",
    "a physical therapist",
    "a foot doctor",
    "your care team",
];
const SIGNS: &[&str] = &[
    "a fever",
    "pus from the wound",
    "new numbness",
    "pain that keeps getting worse",
    "skin that turns pale or blue",
    "a calf that is hot and swollen",
    "bleeding that will not stop",
    "pain when you rest",
    "a cut that opens up",
    "red streaks on the skin",
];
const RISKS: &[&str] = &[
    "The area may stay sore for a while.",
    "The skin can get infected.",
    "A nerve near the area can be hurt, and the skin may feel numb.",
    "The problem can come back.",
    "The leg can get a blood clot.",
    "The scar may feel tight or thick.",
    "The ankle may feel weak for some weeks.",
    "Pain may move to another part of the foot.",
    "Some people feel no better at all.",
    "The wound may heal slowly.",
];

/// A topic name stays unique by carrying its number.
struct Topic {
    slug: String,
    title: String,
    place: &'static str,
    kind: &'static str,
    summary: String,
    aliases: Vec<String>,
    tags: Vec<&'static str>,
    reviewed: String,
    sections: Vec<(&'static str, &'static str, String)>,
}

impl Topic {
    fn invent(number: usize, random: &mut Random) -> Topic {
        let place = random.pick(PLACES);
        let problem = random.pick(PROBLEMS);
        let slug = format!("{place}-{problem}-{number:05}");
        let words = |text: &str| text.replace('-', " ");
        let mut title = format!("{} {} {number}", words(place), words(problem));
        title[..1].make_ascii_uppercase();
        let kind =
            if ["release", "repair", "splint", "cast", "injection", "taping"].contains(&problem) {
                "procedure"
            } else {
                "condition"
            };
        let part = random.pick(PARTS);
        let summary = format!(
            "Test text about the {} {} that makes the {part} feel {}.",
            words(place),
            words(problem),
            random.pick(FEELINGS)
        );
        let aliases = (0..1 + random.below(3))
            .map(|n| format!("{} {} {number} {n}", random.pick(FEELINGS), words(place)))
            .collect();
        let tags = vec![random.pick(PARTS), random.pick(PARTS), kind];
        let reviewed = format!(
            "2026-{:02}-{:02}",
            1 + random.below(10),
            1 + random.below(28)
        );
        let sections = vec![
            ("overview", "Overview", prose(random, 3, 5)),
            ("indications", "Who it is for", prose(random, 3, 4)),
            ("procedure", "What happens", steps(random, 6)),
            ("recovery", "Recovery", prose(random, 2, 4)),
            ("risks", "Risks", bullets(random, RISKS, 5)),
            ("warning-signs", "Warning signs", warning_signs(random)),
            (
                "disclaimer",
                "Disclaimer",
                "This page was made up to test footcare. It is not medical advice. \
                 Please see a doctor about your own care."
                    .to_string(),
            ),
        ];
        Topic {
            slug,
            title,
            place,
            kind,
            summary,
            aliases,
            tags,
            reviewed,
            sections,
        }
    }

    fn front_matter(&self) -> String {
        format!(
            "title: {}\nsummary: {}\nkind: {}\naliases: [{}]\ntags: [{}]\nreviewed: {}\n\
             sources:\n  - title: Notes on the {}\n    publisher: footcare benchmarks\n    \
             date: {}\n    url: https://example.org/{}\n",
            self.title,
            self.summary,
            self.kind,
            self.aliases.join(", "),
            self.tags.join(", "),
            self.reviewed,
            self.place.replace('-', " "),
            self.reviewed,
            self.slug
        )
    }

    fn to_markdown(&self) -> String {
        let mut text = format!("---\n{}---\n", self.front_matter());
        for (key, title, body) in &self.sections {
            if title.to_lowercase().replace(' ', "-") == *key {
                write!(text, "\n## {title}\n\n{body}\n").unwrap();
            } else {
                write!(text, "\n## {title} {{#{key}}}\n\n{body}\n").unwrap();
            }
        }
        text
    }

    fn to_yaml(&self) -> String {
        let mut text = format!("{}sections:\n", self.front_matter());
        for (key, _, body) in &self.sections {
            writeln!(text, "  {key}: |").unwrap();
            for line in body.lines() {
                if line.is_empty() {
                    text.push('\n');
                } else {
                    writeln!(text, "    {line}").unwrap();
                }
            }
        }
        text
    }
}

fn sentence(random: &mut Random) -> String {
    let part = random.pick(PARTS);
    match random.below(8) {
        0 => format!(
            "Your {part} can feel {} {}.",
            random.pick(FEELINGS),
            random.pick(TIMES)
        ),
        1 => format!(
            "This is common in {}, but anyone can get it.",
            random.pick(PEOPLE)
        ),
        2 => format!(
            "The **{part}** is the part that takes the load {}.",
            random.pick(TIMES)
        ),
        3 => format!(
            "Ask {} if the {part} still feels {} after a few weeks.",
            random.pick(HELPERS),
            random.pick(FEELINGS)
        ),
        4 => format!(
            "Most people find the {part} feels less {} with time.",
            random.pick(FEELINGS)
        ),
        5 => format!(
            "You may notice it most {}, when the {part} is {}.",
            random.pick(TIMES),
            random.pick(FEELINGS)
        ),
        6 => format!(
            "{} can tell you how much to do while your {part} heals.",
            capitalised(random.pick(HELPERS))
        ),
        _ => format!(
            "Good shoes help the {part} share the load with the rest of the {}.",
            random.pick(PARTS)
        ),
    }
}

fn capitalised(text: &str) -> String {
    let mut text = text.to_string();
    text[..1].make_ascii_uppercase();
    text
}

/// Paragraphs of a few sentences each. One topic in a thousand names a rare problem, so
/// a search for it finds a handful of topics in a large corpus.
fn prose(random: &mut Random, paragraphs: usize, sentences: usize) -> String {
    let mut text = Vec::new();
    for _ in 0..paragraphs {
        let mut paragraph: Vec<String> = (0..sentences).map(|_| sentence(random)).collect();
        if random.chance(3000) {
            paragraph.push("In rare cases the cause is sesamoiditis.".to_string());
        }
        text.push(paragraph.join(" "));
    }
    text.join("\n\n")
}

fn steps(random: &mut Random, count: usize) -> String {
    let mut text = format!("{}\n\n", sentence(random));
    for number in 1..=count {
        writeln!(
            text,
            "{number}. **{} the {}.** {}",
            random.pick(ACTIONS),
            random.pick(PARTS),
            sentence(random)
        )
        .unwrap();
    }
    text
}

fn bullets(random: &mut Random, stock: &[&str], count: usize) -> String {
    let mut chosen: Vec<&str> = Vec::new();
    while chosen.len() < count {
        let item = random.pick(stock);
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen.iter().map(|item| format!("- {item}\n")).collect()
}

fn warning_signs(random: &mut Random) -> String {
    let mut text = String::new();
    for _ in 0..4 {
        writeln!(
            text,
            "- Call {} if you have {}.",
            random.pick(HELPERS),
            random.pick(SIGNS)
        )
        .unwrap();
    }
    text.push_str("- **Call emergency services now** if you have chest pain or cannot breathe.\n");
    text
}
