//! What each command does: find the topics, render them, write them out.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap_complete::env::Shells;

use crate::cli::{
    CheckArgs, CheckFormat, Cli, Command, ExportFormat, Format, FormatArgs, NewArgs, SearchArgs,
    Shell, ShowArgs,
};
use crate::date::Date;
use crate::folder::shown;
use crate::formats::JsonList;
use crate::load::{self, Catalog, Gathered};
use crate::output::{flush, write_out, Sink};
use crate::parse::is_valid_slug;
use crate::render::{self, Decoration, Style};
use crate::sanitize::sanitize;
use crate::source::ContentSource;
use crate::terminal::Terminal;
use crate::topic::{Header, SectionKey, Topic, TopicError};
use crate::{check, formats, handout, lookup, manual, search, template};

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
/// files go to `err`, and do not change the outcome. On a terminal the whole output is
/// made before any of it is shown, so it can be paged; to a pipe or a file, `list` and
/// `search` write each batch of topics as it is read.
pub fn run(
    cli: &Cli,
    source: &ContentSource,
    terminal: &Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let output = Output {
        terminal,
        decoration: terminal.decoration(cli.global.color),
        width: cli.global.width.map(usize::from),
    };
    // crossterm reads NO_COLOR itself and leaves empty codes where colours were; the
    // decision is ours, and `--color always` wins over NO_COLOR, as no-color.org asks.
    if output.decoration == Decoration::Colour {
        termimad::crossterm::style::force_color_output(true);
    }
    match &cli.command {
        // Roff goes out as it is: it is for man, never for the pager.
        Command::Man => return write_all(out, &manual::manual_page()),
        Command::Export(args) => {
            let topic = find_topic(source, &args.topic, err)?;
            let handout = match args.format {
                ExportFormat::Html => handout::html(&topic),
                ExportFormat::Markdown => handout::markdown(&topic),
            };
            return match &args.output {
                Some(path) => {
                    fs::write(path, handout)
                        .with_context(|| format!("cannot write {}", shown(path)))?;
                    Ok(Outcome::Success)
                }
                None => write_all(out, handout.as_bytes()),
            };
        }
        _ => {}
    }
    let paged = terminal.pages() && !cli.global.no_pager;
    let mut sink = Sink::new(out, terminal.stdout_is_tty);
    let outcome = match &cli.command {
        Command::List(args) => list(source, &output, &args.output, &mut sink, err)?,
        Command::Search(args) => search(source, &output, args, &mut sink, err)?,
        Command::Show(args) => {
            sink.push(&show(source, &output, args, err)?)?;
            Outcome::Success
        }
        Command::Check(args) => check(source, &output, args, &mut sink)?,
        Command::Paths => {
            sink.push(&paths(source))?;
            Outcome::Success
        }
        Command::New(args) => {
            sink.push(&new_topic(source, args)?)?;
            Outcome::Success
        }
        Command::Completions(args) => {
            sink.push(&completions(args.shell))?;
            Outcome::Success
        }
        Command::Man | Command::Export(_) => unreachable!("written above"),
    };
    let pager = terminal.pager.as_deref().filter(|_| paged);
    sink.finish(pager, terminal.height)?;
    Ok(outcome)
}

fn write_all(out: &mut dyn Write, bytes: &[u8]) -> anyhow::Result<Outcome> {
    write_out(out, bytes)?;
    flush(out)?;
    Ok(Outcome::Success)
}

/// `LOCATION<TAB>STATE` for each place topics come from, in the order they are read.
fn paths(source: &ContentSource) -> String {
    let mut out = String::new();
    if source.has_built_in_topics() {
        out.push_str("built-in\tbuilt-in\n");
    }
    for dir in source.folders() {
        let state = if dir.is_dir() { "exists" } else { "missing" };
        out.push_str(&format!("{}\t{state}\n", shown(dir)));
    }
    out
}

/// Writes the template for a new topic, never over an existing file, and says where: in
/// the first folder that exists and that this user can write, else in the first folder
/// that does not exist yet, which is made.
fn new_topic(source: &ContentSource, args: &NewArgs) -> anyhow::Result<String> {
    if !is_valid_slug(&args.slug) {
        return Err(usage(format!(
            "{:?} is not a usable slug: use lowercase letters, digits and single dashes, \
             like heel-pad-bruise",
            args.slug
        )));
    }
    let text = template::new_topic(&args.slug, args.kind, Date::today());
    if args.stdout {
        return Ok(text);
    }
    let folders = source.folders();
    if folders.is_empty() {
        bail!("no topic folder to write to: set FOOTCARE_TOPICS_PATH or --content-dir, or use --stdout");
    }
    let name = format!("{}.md", args.slug);
    let mut refused: Vec<String> = Vec::new();
    for folder in folders.iter().filter(|dir| dir.is_dir()) {
        match write_new(&folder.join(&name), &text)? {
            Some(path) => return Ok(format!("{}\n", shown(&path))),
            None => refused.push(shown(folder)),
        }
    }
    if let Some(folder) = folders.iter().find(|dir| !dir.exists()) {
        fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the topic folder {}", shown(folder)))?;
        if let Some(path) = write_new(&folder.join(&name), &text)? {
            return Ok(format!("{}\n", shown(&path)));
        }
        refused.push(shown(folder));
    }
    bail!(
        "no topic folder can be written by you: {}\n  \
         name one you can write with --content-dir, or use --stdout",
        refused.join(", ")
    )
}

/// Creates `path` with `text`, never over an existing file: `None` when this user may not
/// write there.
fn write_new(path: &Path, text: &str) -> anyhow::Result<Option<PathBuf>> {
    let created = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match created {
        Ok(file) => file,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            return Ok(None)
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => bail!(
            "{} already exists: footcare new never overwrites a file",
            shown(path)
        ),
        Err(error) => {
            return Err(anyhow::Error::new(error).context(format!("cannot write {}", shown(path))))
        }
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", shown(path)))?;
    Ok(Some(path.to_path_buf()))
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
    decoration: Decoration,
    width: Option<usize>,
}

impl Output<'_> {
    /// The layout of `text` output: styled on a terminal, plain elsewhere or when asked.
    fn style(&self, format: Format) -> Style {
        match format {
            Format::Plain => Style::Plain,
            _ => self.terminal.style(self.decoration, self.width),
        }
    }
}

fn list(
    source: &ContentSource,
    output: &Output,
    format: &FormatArgs,
    sink: &mut Sink,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let catalog = Catalog::read(source)?;
    let format = format.format();
    let mut listed = 0;
    let problems = match (format, output.style(format)) {
        (Format::Json, _) => {
            let mut json = JsonList::default();
            let problems = catalog.each_header_batch(|headers| {
                listed += headers.len();
                sink.push(&json.items(headers.iter().map(formats::list_entry)))
            })?;
            sink.push(&json.end())?;
            problems
        }
        (Format::Markdown, _) => {
            sink.push(formats::LIST_MARKDOWN_HEAD)?;
            catalog.each_header_batch(|headers| {
                listed += headers.len();
                sink.push(&formats::list_markdown(&headers))
            })?
        }
        (_, Style::Plain) => catalog.each_header_batch(|headers| {
            listed += headers.len();
            sink.push(&render::list_plain(&headers))
        })?,
        // Columns line up over the whole list, which a terminal shows whole anyway.
        (_, Style::Wrapped { decoration, width }) => {
            let gathered = catalog.headers()?;
            listed = gathered.topics.len();
            sink.push(&render::list_wrapped(&gathered.topics, decoration, width))?;
            gathered.problems
        }
    };
    warn_skipped(err, &problems);
    if listed == 0 {
        warn(err, "no topics found");
    }
    Ok(Outcome::Success)
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
    sink: &mut Sink,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
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
    let format = args.output.format();
    let style = output.style(format);
    let lines = |matches: &[search::Match]| match format {
        Format::Json => unreachable!("JSON is written as a list"),
        Format::Markdown => formats::search_markdown(matches),
        Format::Text | Format::Plain => search::render_lines(matches, &pattern, style),
    };
    let mut json = JsonList::default();
    let mut found = false;
    let mut write = |matches: Vec<search::Match>, sink: &mut Sink| -> anyhow::Result<()> {
        found |= !matches.is_empty();
        match format {
            Format::Json => sink.push(&json.items(&matches)),
            _ => sink.push(&lines(&matches)),
        }
    };
    let catalog = Catalog::read(source)?;
    let problems = if args.topic.is_empty() {
        catalog.each_topic_batch(
            |topic| search::matches_in(&topic, &pattern, &sections),
            |matches| write(matches.into_iter().flatten().collect(), sink),
        )?
    } else {
        // Matches come topic by topic in the order the topics were named. Every topic
        // is read all the same, so the warnings are those of any search.
        let headers = catalog.headers()?;
        let chosen = chosen_slugs(&headers, &args.topic, err)?;
        let mut by_slug: HashMap<String, Vec<search::Match>> = HashMap::new();
        let problems = catalog.each_topic_batch(
            |topic| {
                let matches = chosen
                    .contains(&topic.slug)
                    .then(|| search::matches_in(&topic, &pattern, &sections));
                (topic.slug, matches)
            },
            |topics| {
                for (slug, matches) in topics {
                    by_slug.extend(matches.map(|matches| (slug, matches)));
                }
                Ok(())
            },
        )?;
        // A topic whose front matter reads but whose sections do not is no topic either.
        if let Some(broken) = chosen.iter().position(|slug| !by_slug.contains_key(slug)) {
            warn_skipped(err, &problems);
            let usable: Vec<Header> = (headers.topics.iter())
                .filter(|h| by_slug.contains_key(&h.slug) || !chosen.contains(&h.slug))
                .cloned()
                .collect();
            return Err(usage(not_found_message(&usable, &args.topic[broken])));
        }
        for slug in &chosen {
            write(by_slug.remove(slug).unwrap_or_default(), sink)?;
        }
        problems
    };
    if format == Format::Json {
        sink.push(&json.end())?;
    }
    warn_skipped(err, &problems);
    Ok(if found {
        Outcome::Success
    } else {
        Outcome::Unsuccessful
    })
}

/// The slugs of the topics `--topic` names, each once, in the order named. For a name
/// that names no topic, the warnings about the files come before the error.
fn chosen_slugs(
    headers: &Gathered<Header>,
    names: &[String],
    err: &mut dyn Write,
) -> anyhow::Result<Vec<String>> {
    let mut chosen: Vec<String> = Vec::new();
    for name in names {
        let Some(header) = lookup::find(&headers.topics, name) else {
            warn_skipped(err, &headers.problems);
            return Err(usage(not_found_message(&headers.topics, name)));
        };
        if !chosen.contains(&header.slug) {
            chosen.push(header.slug.clone());
        }
    }
    Ok(chosen)
}

fn check(
    source: &ContentSource,
    output: &Output,
    args: &CheckArgs,
    sink: &mut Sink,
) -> anyhow::Result<Outcome> {
    let settings = check::Settings {
        max_grade: args.max_grade,
        warn_grade: args.warn_grade,
        warn_smog: args.warn_smog,
        max_age_years: args.max_age,
        today: Date::today(),
    };
    let mut checker = check::Checker::default();
    let problems = Catalog::read(source)?.each_topic_batch(
        |topic| check::Checked::of(&topic, &settings),
        |checked| {
            checker.add(checked);
            Ok(())
        },
    )?;
    let reports = checker.finish(problems);
    let failed = reports.iter().any(|r| r.count(check::Level::Error) > 0);
    sink.push(&match args.format {
        CheckFormat::Json => formats::check_json(&reports),
        CheckFormat::Text => check::report_text(&reports, output.style(Format::Text)),
    })?;
    Ok(if failed {
        Outcome::Unsuccessful
    } else {
        Outcome::Success
    })
}

/// Finds a topic by what the reader typed. A slug is read from its own files alone; only
/// a title, an alias or another spelling makes footcare read every topic's front matter.
fn find_topic(source: &ContentSource, name: &str, err: &mut dyn Write) -> anyhow::Result<Topic> {
    let slug = lookup::normalize(name);
    if is_valid_slug(&slug) {
        let found = load::find(source, &slug)?;
        warn_skipped(err, &found.warnings);
        if let Some(loaded) = found.topic {
            return Ok(loaded?);
        }
    }
    let headers = Catalog::read(source)?.headers()?;
    warn_skipped(err, &headers.problems);
    let Some(header) = lookup::find(&headers.topics, name) else {
        bail!(not_found_message(&headers.topics, name));
    };
    // Its warnings were given with every other topic's.
    match load::find(source, &header.slug)?.topic {
        Some(loaded) => Ok(loaded?),
        None => bail!(not_found_message(&headers.topics, name)),
    }
}

fn not_found_message(topics: &[Header], name: &str) -> String {
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

/// Warns once about each file that could not be used.
fn warn_skipped(err: &mut dyn Write, problems: &[TopicError]) {
    for problem in problems {
        warn(err, &format!("{problem} (skipped)"));
    }
}

fn warn(err: &mut dyn Write, message: &str) {
    // A warning that cannot be written must not stop the output the reader asked for.
    let _ = writeln!(err, "warning: {}", sanitize(message));
}
