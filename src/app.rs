//! What each command does: find the topics, render them, write them out.

use std::fmt;
use std::io::Write;

use anyhow::{bail, Context};

use std::time::{SystemTime, UNIX_EPOCH};

use std::fs;
use std::path::Path;

use clap_complete::env::Shells;

use crate::cli::{
    CheckArgs, CheckFormat, Cli, Command, ExportFormat, Format, FormatArgs, NewArgs, SearchArgs,
    Shell, ShowArgs,
};
use crate::content::{self, ContentSource, Gathered};
use crate::date::Date;
use crate::entry::Entry;
use crate::output::Terminal;
use crate::parse::is_valid_slug;
use crate::render::{self, Style};
use crate::sanitize::sanitize;
use crate::topic::{Named, SectionKey, Topic, TopicError};
use crate::{check, formats, handout, lookup, manual, pager, search, template};

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Exit status 1 with nothing more to say: a search that matched nothing, as with
    /// grep, or a check that found errors, which it has printed.
    Unsuccessful,
}

/// A mistake in how footcare was called that clap cannot see, such as a bad regular
/// expression: exit status 2, like clap's own usage errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage(message: String) -> anyhow::Error {
    UsageError(message).into()
}

/// Runs one command. Normal output goes to `out` (or the pager); warnings about bad topic
/// files go to `err`, and do not change the outcome. Nothing is written to `out` until the
/// whole output is ready, so a failure never leaves half a document behind.
pub fn run(
    cli: &Cli,
    source: &ContentSource,
    terminal: &Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let output = Output {
        terminal,
        color: terminal.color(cli.global.color),
        width: cli.global.width.map(usize::from),
    };
    let (text, outcome) = match &cli.command {
        Command::List(args) => (list(source, &output, &args.output, err)?, Outcome::Success),
        Command::Show(args) => (show(source, &output, args, err)?, Outcome::Success),
        Command::Search(args) => search(source, &output, args, err)?,
        Command::Check(args) => check(source, &output, args)?,
        Command::Paths => (paths(source), Outcome::Success),
        Command::New(args) => (new_topic(source, args)?, Outcome::Success),
        Command::Completions(args) => (completions(args.shell), Outcome::Success),
        Command::Man => {
            // Roff goes out as it is: it is for man, never for the pager.
            return write_out(out, &manual::manual_page()).map(|()| Outcome::Success);
        }
        Command::Export(args) => {
            let topic = find_topic(source, &args.topic, err)?;
            let handout = match args.format {
                ExportFormat::Html => handout::html(&topic),
                ExportFormat::Markdown => handout::markdown(&topic),
            };
            match &args.output {
                Some(path) => {
                    fs::write(path, handout)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    return Ok(Outcome::Success);
                }
                None => return write_out(out, handout.as_bytes()).map(|()| Outcome::Success),
            }
        }
    };
    let paged = terminal.stdout_is_tty
        && !cli.global.no_pager
        && pager::needs_paging(&text, terminal.height);
    match terminal.pager.as_deref() {
        Some(command) if paged => pager::page(command, &text)?,
        _ => write_out(out, text.as_bytes())?,
    }
    Ok(outcome)
}

fn write_out(out: &mut dyn Write, bytes: &[u8]) -> anyhow::Result<()> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write the output")
}

/// `LOCATION<TAB>STATE` for each place topics come from, in the order they are read.
fn paths(source: &ContentSource) -> String {
    let mut out = String::new();
    if !matches!(source, ContentSource::Dir(_)) {
        out.push_str("built-in\tbuilt-in\n");
    }
    for dir in source.folders() {
        let state = if dir.is_dir() { "exists" } else { "missing" };
        out.push_str(&format!("{}\t{state}\n", dir.display()));
    }
    out
}

/// Writes the template for a new topic, never over an existing file, and says where.
fn new_topic(source: &ContentSource, args: &NewArgs) -> anyhow::Result<String> {
    if !is_valid_slug(&args.slug) {
        return Err(usage(format!(
            "{:?} is not a usable slug: use lowercase letters, digits and single dashes, \
             like heel-pad-bruise",
            args.slug
        )));
    }
    let text = template::new_topic(&args.slug, args.kind, today());
    if args.stdout {
        return Ok(text);
    }
    let folders = source.folders();
    let Some(folder) = folders
        .iter()
        .find(|dir| dir.is_dir() && !is_read_only(dir))
        .or_else(|| folders.first())
    else {
        bail!("no topic folder to write to: set FOOTCARE_TOPICS_PATH or --content-dir, or use --stdout");
    };
    fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the topic folder {}", folder.display()))?;
    let path = folder.join(format!("{}.md", args.slug));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
                "{} already exists: footcare new never overwrites a file",
                path.display()
            ),
            _ => anyhow::Error::new(error).context(format!("cannot write {}", path.display())),
        })?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(format!("{}\n", path.display()))
}

fn is_read_only(dir: &Path) -> bool {
    fs::metadata(dir).map_or(true, |m| m.permissions().readonly())
}

/// The script that registers footcare's completions with a shell. It asks footcare itself
/// for candidates as you type, so topics added later complete too.
fn completions(shell: Shell) -> String {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let mut script = Vec::new();
    if let Some(completer) = Shells::builtins().completer(name) {
        // Writing into memory cannot fail.
        let _ = completer.write_registration(
            "COMPLETE",
            "footcare",
            "footcare",
            "footcare",
            &mut script,
        );
    }
    String::from_utf8_lossy(&script).into_owned()
}

/// Where output goes and how it may look there.
struct Output<'a> {
    terminal: &'a Terminal,
    color: bool,
    width: Option<usize>,
}

impl Output<'_> {
    /// The layout of `text` output: styled on a terminal, plain elsewhere or when asked.
    fn style(&self, format: Format) -> Style {
        match format {
            Format::Plain => Style::Plain,
            _ => self.terminal.style(self.color, self.width),
        }
    }
}

fn list(
    source: &ContentSource,
    output: &Output,
    format: &FormatArgs,
    err: &mut dyn Write,
) -> anyhow::Result<String> {
    let indexes = source.indexes(false);
    let topics = usable(source.load_entries(&indexes)?, err);
    if topics.is_empty() {
        warn(err, "no topics found");
    }
    let topics: Vec<&Entry> = topics.iter().collect();
    let format = format.format();

    Ok(match format {
        Format::Json => formats::list_json(&topics),
        Format::Markdown => formats::list_markdown(&topics),
        Format::Text | Format::Plain => match output.style(format) {
            Style::Plain => render::list_plain(&topics),
            Style::Wrapped { color, width } => render::list_wrapped(&topics, color, width),
        },
    })
}

fn show(
    source: &ContentSource,
    output: &Output,
    args: &ShowArgs,
    err: &mut dyn Write,
) -> anyhow::Result<String> {
    let format = args.output.format();
    if args.front_matter && format != Format::Markdown {
        return Err(usage(
            "--front-matter goes with --format markdown".to_string(),
        ));
    }
    let topic = find_topic(source, &args.topic, err)?;
    let mut keys: Vec<SectionKey> = Vec::with_capacity(args.section.len());
    for name in &args.section {
        let key = section_key(&topic, name)?;
        // Asking twice for a section shows it once.
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(match format {
        Format::Json => formats::topic_json(&topic, &keys),
        Format::Markdown => formats::topic_markdown(&topic, &keys, args.front_matter),
        Format::Text | Format::Plain => {
            let style = output.style(format);
            let on_terminal = matches!(style, Style::Wrapped { .. });
            render::render(&render::topic_blocks(&topic, &keys, on_terminal), style)
        }
    })
}

fn search(
    source: &ContentSource,
    output: &Output,
    args: &SearchArgs,
    err: &mut dyn Write,
) -> anyhow::Result<(String, Outcome)> {
    let pattern = search::pattern(&args.pattern, args.regex)
        .map_err(|e| usage(format!("invalid regular expression:\n{e}")))?;
    let sections = args
        .section
        .iter()
        .map(|name| {
            SectionKey::from_key(&lookup::normalize(name)).ok_or_else(|| {
                usage(format!(
                    "no section called {name:?}: the sections are {}",
                    SectionKey::list_all()
                ))
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let indexes = source.indexes(true);
    let topics = usable(source.load_entries(&indexes)?, err);
    let chosen: Vec<&Entry> = if args.topic.is_empty() {
        topics.iter().collect()
    } else {
        let mut chosen: Vec<&Entry> = Vec::new();
        for name in &args.topic {
            let topic = lookup::find(&topics, name)
                .ok_or_else(|| usage(not_found_message(&topics, name)))?;
            if !chosen.iter().any(|t| t.slug == topic.slug) {
                chosen.push(topic);
            }
        }
        chosen
    };
    let whole_text = search::scans_whole_text(&args.pattern, args.regex);
    let matches: Vec<search::Match> = content::with_units(&chosen, |entry, units| {
        search::matches_in(&entry.slug, units, &pattern, whole_text, &sections)
    })
    .into_iter()
    .flatten()
    .collect();
    let outcome = if matches.is_empty() {
        Outcome::Unsuccessful
    } else {
        Outcome::Success
    };
    let format = args.output.format();
    let text = match format {
        Format::Json => formats::search_json(&matches),
        Format::Markdown => formats::search_markdown(&matches),
        Format::Text | Format::Plain => {
            let color = output.style(format) != Style::Plain && output.color;
            search::render_lines(&matches, &pattern, color)
        }
    };
    Ok((text, outcome))
}

fn check(
    source: &ContentSource,
    output: &Output,
    args: &CheckArgs,
) -> anyhow::Result<(String, Outcome)> {
    let settings = check::Settings {
        max_grade: args.max_grade,
        warn_grade: args.warn_grade,
        warn_smog: args.warn_smog,
        max_age_years: args.max_age,
        today: today(),
    };
    let reports = check::check_all(&source.load_all()?.into_results(), &settings);
    let failed = reports.iter().any(|r| r.count(check::Level::Error) > 0);
    let text = match args.format {
        CheckFormat::Json => formats::check_json(&reports),
        CheckFormat::Text => {
            let color = output.style(Format::Text) != Style::Plain && output.color;
            render::check_report(&reports, color)
        }
    };
    let outcome = if failed {
        Outcome::Unsuccessful
    } else {
        Outcome::Success
    };
    Ok((text, outcome))
}

/// Today's date in UTC, from the system clock.
fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    Date::from_unix_days(i64::try_from(seconds / 86_400).unwrap_or(i64::MAX))
}

/// Reads only the file the name points to when it is a slug; only an alias or another
/// spelling makes footcare read the whole folder.
fn find_topic(source: &ContentSource, name: &str, err: &mut dyn Write) -> anyhow::Result<Topic> {
    let slug = lookup::normalize(name);
    if let Some(loaded) = source.load(&slug)? {
        return Ok(loaded?);
    }
    let topics = usable(source.load_all()?, err);
    match lookup::find(&topics, name) {
        Some(topic) => Ok(topic.clone()),
        None => bail!(not_found_message(&topics, name)),
    }
}

fn not_found_message<T: Named>(topics: &[T], name: &str) -> String {
    let mut message = format!("no topic called {name:?}");
    match lookup::suggestions(topics, name).as_slice() {
        [] => {}
        [one] => message.push_str(&format!("\n  did you mean {one}?")),
        several => message.push_str(&format!("\n  did you mean one of: {}?", several.join(", "))),
    }
    message.push_str("\n  run `footcare list` to see every topic");
    message
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
fn usable<T>(gathered: Gathered<T>, err: &mut dyn Write) -> Vec<T> {
    for problem in &gathered.problems {
        warn_skipped(err, problem);
    }
    gathered.topics
}

fn warn_skipped(err: &mut dyn Write, problem: &TopicError) {
    warn(err, &format!("{problem} (skipped)"));
}

fn warn(err: &mut dyn Write, message: &str) {
    // A warning that cannot be written must not stop the output the reader asked for.
    let _ = writeln!(err, "warning: {}", sanitize(message));
}
