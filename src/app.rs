//! What each command does: find the topics, render them, write them out.

use std::io::Write;

use anyhow::{bail, Context};

use crate::cli::{Cli, Command, ShowArgs};
use crate::content::{ContentSource, Loaded};
use crate::lookup;
use crate::output::Terminal;
use crate::render::{self, Style};
use crate::topic::{SectionKey, Topic, TopicError};

/// Runs one command. Normal output goes to `out`; warnings about bad topic files go to
/// `err`, and do not change the outcome.
pub fn run(
    cli: &Cli,
    terminal: &Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let source = match &cli.global.content_dir {
        Some(dir) => ContentSource::Dir(dir.clone()),
        None => ContentSource::BuiltIn,
    };
    let style = terminal.style(cli.global.color, cli.global.width.map(usize::from));
    let text = match &cli.command {
        Command::List => list(&source, style, err)?,
        Command::Show(args) => show(&source, args, style, err)?,
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write the output")
}

fn list(source: &ContentSource, style: Style, err: &mut dyn Write) -> anyhow::Result<String> {
    let topics = usable(source.load_all()?, err);
    if topics.is_empty() {
        warn(err, "no topics found");
    }
    let mut topics: Vec<&Topic> = topics.iter().collect();
    topics.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(match style {
        Style::Plain => render::list_plain(&topics),
        Style::Wrapped { color, width } => render::list_wrapped(&topics, color, width),
    })
}

fn show(
    source: &ContentSource,
    args: &ShowArgs,
    style: Style,
    err: &mut dyn Write,
) -> anyhow::Result<String> {
    let topic = find_topic(source, &args.topic, err)?;
    let keys = args
        .section
        .iter()
        .map(|name| section_key(&topic, name))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let on_terminal = matches!(style, Style::Wrapped { .. });
    let blocks = render::topic_blocks(&topic, &keys, on_terminal);
    Ok(render::render(&blocks, style))
}

/// Reads only the file the name points to when it is a slug; only an alias or another
/// spelling makes footcare read the whole folder.
fn find_topic(source: &ContentSource, name: &str, err: &mut dyn Write) -> anyhow::Result<Topic> {
    let slug = lookup::normalize(name);
    if let Some(loaded) = source.load(&slug)? {
        return Ok(loaded?);
    }
    let topics = usable(source.load_all()?, err);
    if let Some(topic) = lookup::find(&topics, name) {
        return Ok(topic.clone());
    }
    let mut message = format!("no topic called {name:?}");
    match lookup::suggestions(&topics, name).as_slice() {
        [] => {}
        [one] => message.push_str(&format!("\n  did you mean {one}?")),
        several => message.push_str(&format!("\n  did you mean one of: {}?", several.join(", "))),
    }
    message.push_str("\n  run `footcare list` to see every topic");
    bail!(message)
}

fn section_key(topic: &Topic, name: &str) -> anyhow::Result<SectionKey> {
    let wanted = lookup::normalize(name);
    match SectionKey::from_key(&wanted) {
        Some(key) if topic.section(key).is_some() => Ok(key),
        Some(key) => bail!(
            "{} has no {key} section\n  its sections are: {}",
            topic.slug,
            topic.section_keys()
        ),
        None => bail!(
            "no section called {name:?}\n  {} has these sections: {}",
            topic.slug,
            topic.section_keys()
        ),
    }
}

/// Keeps the topics that loaded and warns once about each file that did not.
fn usable(loaded: Vec<Loaded>, err: &mut dyn Write) -> Vec<Topic> {
    let mut topics = Vec::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok(topic) => topics.push(topic),
            Err(problem) => warn_skipped(err, &problem),
        }
    }
    topics
}

fn warn_skipped(err: &mut dyn Write, problem: &TopicError) {
    warn(err, &format!("{problem} (skipped)"));
}

fn warn(err: &mut dyn Write, message: &str) {
    // A warning that cannot be written must not stop the output the reader asked for.
    let _ = writeln!(err, "warning: {message}");
}
