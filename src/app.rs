//! What each command does: find the topics, render them, write them out.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{bail, Context};
use clap_complete::env::Shells;

use crate::cli::{
    CheckArgs, CheckFormat, Cli, Command, ExportArgs, ExportFormat, Format, FormatArgs, NewArgs,
    PaperSize, SearchArgs, Shell, ShowArgs,
};
use crate::clinic::{Clinic, PROFILE_FILE};
use crate::date::Date;
use crate::folder::{self, shown};
use crate::formats::JsonList;
use crate::lang::{self, Lang};
use crate::load::{self, Catalog, Gathered};
use crate::output::{flush, write_out, Sink};
use crate::picture::{self, Picture};
use crate::profile::{self, ProfileFrom};
use crate::render::{self, Decoration, Style};
use crate::sanitize::sanitize;
use crate::source::ContentSource;
use crate::terminal::Terminal;
use crate::topic::{
    is_valid_slug, Header, Part, SectionKey, Topic, TopicError, BUILT_IN_PREFIX, SEARCHED_FIELDS,
    SOURCES_NAME,
};
use crate::{
    browser, builtin, check, formats, handout, labels, lookup, manual, markdown, parse, paths,
    search, similar, template,
};

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
    // Only the commands that show a clinic's numbers look for its profile.
    let profile = || profile_place(cli.global.clinic.as_deref(), source);
    // Asked only by the commands that show topics: a mistake in it stops nothing else.
    let lang =
        || lang::reader_lang(cli.global.lang, |name| std::env::var(name).ok()).map_err(usage);
    match &cli.command {
        // Roff goes out as it is: it is for man, never for the pager.
        Command::Man => return write_all(out, &manual::manual_page()),
        Command::Export(args) => {
            let reader = Reader {
                source,
                lang: lang()?,
            };
            return export(&reader, &profile(), args, terminal, out, err);
        }
        _ => {}
    }
    let paged = terminal.pages() && !cli.global.no_pager;
    let mut sink = Sink::new(out, terminal.stdout_is_tty);
    let outcome = match &cli.command {
        Command::List(args) => list(source, lang()?, &output, &args.output, &mut sink, err)?,
        Command::Search(args) => search(source, lang()?, &output, args, &mut sink, err)?,
        Command::Show(args) => {
            let reader = Reader {
                source,
                lang: lang()?,
            };
            let clinic = reading_clinic(&profile(), err)?;
            sink.push(&show(&reader, &clinic, &output, args, err)?)?;
            Outcome::Success
        }
        Command::Check(args) => check(
            source,
            cli.global.clinic.as_deref(),
            &output,
            args,
            &mut sink,
        )?,
        Command::Paths => {
            sink.push(&paths(source, &profile()))?;
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

/// `LOCATION<TAB>STATE` for each place topics come from, in the order they are read, then
/// the clinic profile and where it was found.
fn paths(source: &ContentSource, profile: &Option<(PathBuf, ProfileFrom)>) -> String {
    let mut out = String::new();
    if source.has_built_in_topics() {
        out.push_str("built-in\tbuilt-in\n");
    }
    for dir in source.folders() {
        let state = if dir.is_dir() { "exists" } else { "missing" };
        out.push_str(&format!("{}\t{state}\n", shown(dir)));
    }
    if let Some((path, from)) = profile {
        let state = match (path.is_file(), folder::is_there(path)) {
            (true, _) => "clinic profile",
            (false, true) => "unreadable clinic profile",
            (false, false) => "missing clinic profile",
        };
        out.push_str(&format!("{}\t{state}, from {from}\n", shown(path)));
    }
    out
}

/// footcare's own profile file, in the configuration folder.
fn config_profile() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name);
    profile::config_profile(env("XDG_CONFIG_HOME").as_deref(), env("HOME").as_deref())
}

/// Where the clinic profile is, if there is one.
fn profile_place(option: Option<&Path>, source: &ContentSource) -> Option<(PathBuf, ProfileFrom)> {
    profile::locate(option, source.folders(), config_profile())
}

/// The clinic for a page a reader sees. A profile named with `--clinic` must be usable; one
/// that was found but has problems is left out, with a warning, and the warning signs then
/// say to call without giving a number, as with no profile.
fn reading_clinic(
    place: &Option<(PathBuf, ProfileFrom)>,
    err: &mut dyn Write,
) -> anyhow::Result<Clinic> {
    let Some((path, from)) = place else {
        return Ok(Clinic::default());
    };
    match profile::read(path, *from) {
        Ok(profile) => Ok(profile.clinic),
        Err(problem) if *from == ProfileFrom::Option => {
            bail!("{problem}\n  fix the clinic profile, or leave out --clinic")
        }
        Err(problem) => {
            warn(
                err,
                &format!(
                    "{} (left out: the warning signs give no clinic numbers until it is \
                     fixed; `footcare check` lists its problems)",
                    problem.summary()
                ),
            );
            Ok(Clinic::default())
        }
    }
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
    let mut folders = source.folders();
    if let Some(existing) = load::find(source, &args.slug, Lang::En)?.topic {
        let file = match &existing {
            Ok(topic) => topic.file.clone(),
            Err(problem) => problem.file.clone(),
        };
        // Only a file in a later folder replaces it.
        folders = &folders[folders_through(folders, Path::new(&file))..];
        if folders.is_empty() {
            let or_add = match source {
                ContentSource::Layered(_) => format!(
                    ", or add a folder after its own to {}",
                    paths::TOPICS_PATH_VAR
                ),
                _ => String::new(),
            };
            bail!(
                "`{}` is already a topic, from {file}, and no folder after it can hold one that \
                 replaces it\n  edit {file} instead{or_add}",
                args.slug
            );
        }
        if !args.replace {
            bail!(
                "`{}` is already a topic, from {file}: a new file would replace it for every \
                 reader\n  choose another slug, or add --replace to write one that replaces it",
                args.slug
            );
        }
    } else {
        // A slug opens its own topic first, so a new one would take the name from another
        // topic, a clash that `check` refuses.
        // Every page's names: a slug that is a Spanish alias would take it as well.
        let mut headers = Vec::new();
        for lang in Lang::ALL {
            headers.extend(Catalog::read(source, lang)?.headers()?.topics);
        }
        if let Some(owner) = lookup::claimants(&headers, &args.slug).first() {
            bail!(
                "`{slug}` is already a name of the topic {}, from {}: a topic with this slug \
                 would take the name from it\n  choose another slug",
                owner.slug,
                owner.file,
                slug = args.slug
            );
        }
    }
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

/// How many of `folders` hold `file` or come before the one that does: 0 for a built-in
/// topic, which comes before them all.
fn folders_through(folders: &[PathBuf], file: &Path) -> usize {
    // A built-in topic's file names no folder on disk.
    let Some(own) = file
        .parent()
        .filter(|dir| dir.exists())
        .map(folder::identity)
    else {
        return 0;
    };
    (folders.iter())
        .rposition(|dir| folder::identity(dir) == own)
        .map_or(0, |at| at + 1)
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

/// Where topics are read from, and the language the reader reads.
#[derive(Clone, Copy)]
struct Reader<'a> {
    source: &'a ContentSource,
    lang: Lang,
}

impl Reader<'_> {
    /// The line that tells the reader `topic` is not in their language, if it is not.
    fn fallback_note(&self, topic: &Topic) -> Option<String> {
        labels::shown_in_english_note(topic.lang, self.lang)
    }
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
    lang: Lang,
    output: &Output,
    format: &FormatArgs,
    sink: &mut Sink,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let catalog = Catalog::read(source, lang)?;
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
    reader: &Reader,
    clinic: &Clinic,
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
    let chosen = chosen_topic(reader, args.topic.as_deref(), args.file.as_deref(), err)?;
    // A file named by `--file` is shown as it is, whatever its language.
    let fallback = reader
        .fallback_note(&chosen.topic)
        .filter(|_| args.file.is_none());
    if let Some(line) = fallback {
        let _ = writeln!(err, "{line}");
    }
    for problem in &chosen.patches_left_out {
        warn(
            err,
            &format!(
                "{} (left out: showing {} without this patch; `footcare check` lists its \
                 problems)",
                problem.summary(),
                chosen.topic.slug
            ),
        );
    }
    let topic = chosen.topic;
    if output.terminal.stderr_is_tty {
        if let Some(replaced) = &topic.replaces {
            note(
                err,
                &format!("this is {}, which replaces {replaced}", topic.file),
            );
        }
    }
    let mut parts: Vec<Part> = Vec::with_capacity(args.section.len());
    for name in &args.section {
        let part = section_part(&topic, name)?;
        // Asking twice for a section shows it once.
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    Ok(match format {
        Format::Json => formats::topic_json(&topic, &parts, clinic),
        Format::Markdown => formats::topic_markdown(&topic, &parts, args.front_matter),
        Format::Text | Format::Plain => {
            let style = output.style(format);
            let on_terminal = matches!(style, Style::Wrapped { .. });
            let blocks = render::topic_blocks(&topic, &parts, on_terminal, clinic);
            render::render(&blocks, style)
        }
    })
}

/// Writes a handout of a topic that passes `check`, or of any with `--ignore-check`; the
/// problems go to stderr either way.
fn export(
    reader: &Reader,
    profile_place: &Option<(PathBuf, ProfileFrom)>,
    args: &ExportArgs,
    terminal: &Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if args.format == ExportFormat::Pdf && args.output.is_none() {
        bail!("a PDF is written only to a file: add -o FILE, as in -o handout.pdf");
    }
    // A page of HTML is no use on a screen, as gzip will not write to one either.
    if args.output.is_none() && args.format == ExportFormat::Html && terminal.stdout_is_tty {
        bail!(
            "not writing an HTML handout to the terminal\n  add -o FILE to write it to a file, \
             as in -o handout.html, or send it to one with > handout.html"
        );
    }
    let browser = match args.format {
        ExportFormat::Pdf => Some(browser::find(
            std::env::var_os(browser::BROWSER_VAR),
            std::env::var_os("PATH"),
        )?),
        _ => None,
    };
    let everyone = Catalog::read(reader.source, reader.lang)?.headers()?;
    let profile = match profile_place {
        None => Ok(None),
        Some((path, from)) => profile::read(path, *from).map(Some),
    };
    if args.all {
        return export_all(reader, &everyone, &profile, args, browser.as_deref(), err);
    }
    let chosen = chosen_topic(reader, args.topic.as_deref(), args.file.as_deref(), err)?;
    let mut sections = Vec::with_capacity(args.section.len());
    for name in &args.section {
        // The sources close every handout; asked for alone, they come with no other section.
        sections.push(match section_part(&chosen.topic, name)? {
            Part::Section(name) => name,
            Part::Sources => SOURCES_NAME.to_string(),
        });
    }
    let handout = checked_handout(
        (&chosen, reader.lang),
        &everyone.topics,
        &profile,
        &sections,
        args,
        err,
    )?;
    // Known before the browser is started for nothing.
    if let Some(path) = args.output.as_deref() {
        let example = match args.format {
            ExportFormat::Pdf => "handout.pdf",
            ExportFormat::Html => "handout.html",
            ExportFormat::Markdown => "handout.md",
        };
        refuse_unwritable(path, args.force, example)?;
    }
    let bytes = match &browser {
        Some(browser) => browser::print_pdf(browser, &handout)?,
        None => handout.into_bytes(),
    };
    match &args.output {
        Some(path) => {
            write_file(path, &bytes, args.force)?;
            Ok(Outcome::Success)
        }
        None => write_all(out, &bytes),
    }
}

/// The handout of a chosen topic, as `args.format` asks (a PDF's page as HTML), once it and
/// the clinic profile have been checked: with errors, only under `--ignore-check`. Their
/// problems go to `err` either way.
fn checked_handout(
    (chosen, lang): (&Chosen, Lang),
    everyone: &[Header],
    profile: &Result<Option<profile::Profile>, TopicError>,
    sections: &[String],
    args: &ExportArgs,
    err: &mut dyn Write,
) -> anyhow::Result<String> {
    let topic = &chosen.topic;
    let mut report = check::check_topic(topic, &check::Settings::standard(Date::today()));
    report
        .findings
        .extend(check::shared_name_findings(topic, everyone));
    for problem in &chosen.patches_left_out {
        (report.findings).extend(check::error_findings(problem, Some(&problem.file)));
    }
    (report.findings).extend(chosen.translation_findings()?);
    let (pictures, picture_problems) = topic_pictures(topic);
    (report.findings).extend(check::picture_findings(&picture_problems));
    if let Err(problem) = profile {
        (report.findings).extend(check::error_findings(problem, Some(&problem.file)));
    }
    // Problems cannot stop the handout from being written, nor be lost if they cannot be.
    let _ = err.write_all(sanitize(&check::problems_text(&report)).as_bytes());
    let errors = report.count(check::Level::Error);
    // The files to fix, as `footcare check` takes them: a built-in topic is no file.
    let mut to_fix: Vec<&str> = Vec::new();
    for finding in report
        .findings
        .iter()
        .filter(|f| f.level == check::Level::Error)
    {
        let file = finding.file.as_deref().unwrap_or(&topic.file);
        if !file.starts_with(BUILT_IN_PREFIX) && !to_fix.contains(&file) {
            to_fix.push(file);
        }
    }
    let plural = |one: &'static str, many: &'static str| if errors == 1 { one } else { many };
    if errors > 0 && !args.ignore_check {
        bail!(
            "{} was not exported: it has {errors} {}, listed above\n  fix {}, and run \
             `footcare check {}`; or add --ignore-check to export it as it is",
            topic.slug,
            plural("error", "errors"),
            plural("it", "them"),
            match to_fix.is_empty() {
                true => topic.file.clone(),
                false => to_fix.join(" "),
            }
        );
    }
    if errors > 0 {
        let left_out = match chosen.patches_left_out.len() {
            0 => String::new(),
            1 => ", and without the patch that cannot be used".to_string(),
            n => format!(", and without the {n} patches that cannot be used"),
        };
        warn(
            err,
            &format!(
                "exporting {} with {errors} {}{left_out}, as --ignore-check asks",
                topic.slug,
                plural("error", "errors")
            ),
        );
    }
    let profile = usable(profile);
    let clinic = profile.map(|p| &p.clinic);
    Ok(match args.format {
        ExportFormat::Html | ExportFormat::Pdf => handout::html(
            topic,
            &handout::Page {
                clinic,
                logo: profile.and_then(|p| p.logo.as_ref()),
                pictures: Some(&pictures),
                paper: match args.paper {
                    PaperSize::Letter => handout::Paper::Letter,
                    PaperSize::A4 => handout::Paper::A4,
                },
                large_print: args.large_print,
                sections,
                reader_lang: lang,
            },
        ),
        ExportFormat::Markdown => {
            handout::markdown(topic, clinic.unwrap_or(&Clinic::default()), sections, lang)
        }
    })
}

/// The profile to put on a handout: none when there is none, or when it has problems,
/// which the handout's check has reported.
fn usable(profile: &Result<Option<profile::Profile>, TopicError>) -> Option<&profile::Profile> {
    profile.as_ref().ok().and_then(Option::as_ref)
}

/// `export --all -o DIR`: every topic's handout, and an index.html that links to each. A
/// topic that fails its check is left out (unless --ignore-check), and the export fails
/// once the others are written. No file is replaced without --force, and none is written
/// until that is known.
fn export_all(
    reader: &Reader,
    gathered: &Gathered<Header>,
    profile: &Result<Option<profile::Profile>, TopicError>,
    args: &ExportArgs,
    browser: Option<&Path>,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let Some(dir) = args.output.as_deref() else {
        bail!("--all writes a folder of handouts: add -o FOLDER");
    };
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} is not a folder: --all writes a folder of handouts",
            shown(dir)
        );
    }
    if args.format == ExportFormat::Markdown {
        return Err(usage(
            "--all writes HTML or PDF handouts and a page that links them: leave out \
             --format markdown, or add --format pdf"
                .to_string(),
        ));
    }
    let extension = match args.format {
        ExportFormat::Pdf => "pdf",
        _ => "html",
    };
    let everyone = &gathered.topics;
    let names: Vec<PathBuf> = (everyone.iter())
        .map(|header| dir.join(format!("{}.{extension}", header.slug)))
        .chain([dir.join(INDEX_FILE)])
        .collect();
    if !args.force {
        let existing: Vec<String> = names
            .iter()
            // A link counts, even one that leads nowhere: it would be written through.
            .filter(|p| folder::is_there(p))
            .map(|p| shown(p))
            .collect();
        if !existing.is_empty() {
            bail!(
                "not replacing {}: add --force to replace {}, or choose another folder",
                existing.join(", "),
                if existing.len() == 1 { "it" } else { "them" }
            );
        }
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot make the folder {}", shown(dir)))?;
    let mut written: Vec<(&Header, String)> = Vec::new();
    // A file that could not be read as a topic at all is no handout either. One of a slug
    // that is listed (a clinic's broken copy of a built-in topic, or a broken patch) is
    // reported when that topic's turn comes.
    let listed = |file: &str| {
        let name = Path::new(file).file_name().map(|n| n.to_string_lossy());
        let slug = name
            .as_deref()
            .and_then(folder::name_role)
            .map(|(slug, _, _)| slug);
        slug.is_some_and(|slug| everyone.iter().any(|h| h.slug == slug))
    };
    let unread: Vec<&TopicError> = (gathered.problems.iter())
        .filter(|problem| !listed(&problem.file))
        .collect();
    let mut failed: Vec<String> = Vec::new();
    for problem in &unread {
        let _ = writeln!(err, "error: {}", sanitize(&problem.to_string()));
        failed.push(problem.file.clone());
    }
    for (header, path) in everyone.iter().zip(&names) {
        let handout = find_topic(reader, &header.slug, err).and_then(|chosen| {
            checked_handout((&chosen, reader.lang), everyone, profile, &[], args, err)
        });
        let handout = match handout {
            Ok(handout) => handout,
            Err(error) => {
                let _ = writeln!(err, "error: {}", sanitize(&format!("{error:#}")));
                failed.push(header.slug.clone());
                continue;
            }
        };
        let bytes = match browser {
            Some(browser) => browser::print_pdf(browser, &handout)?,
            None => handout.into_bytes(),
        };
        write_file(path, &bytes, true)?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        written.push((header, file_name.unwrap_or_default()));
    }
    let clinic = usable(profile).map(|p| &p.clinic);
    write_file(
        &dir.join(INDEX_FILE),
        handout::index_html(&written, clinic, reader.lang).as_bytes(),
        true,
    )?;
    if !failed.is_empty() {
        let hint = match args.ignore_check {
            true => "",
            false => "; --ignore-check exports a topic that fails its check as it is",
        };
        bail!(
            "{} {} written to {}; not written, for the problems listed above: {}\n  fix {}, \
             and run `footcare check`{hint}",
            written.len(),
            if written.len() == 1 {
                "handout"
            } else {
                "handouts"
            },
            shown(dir),
            failed.join(", "),
            if failed.len() == 1 { "it" } else { "them" },
        );
    }
    Ok(Outcome::Success)
}

/// The page `export --all` writes beside the handouts, linking each.
const INDEX_FILE: &str = "index.html";

/// The most pictures a topic may show: each is written out whole wherever it is shown.
const MOST_PICTURES: usize = 12;

/// The pictures a topic shows, read from beside the file each is written in (or built in),
/// and the problems of those that cannot be shown. A path from a file's folder must stay
/// inside it. Two pictures of one name from two folders are a problem, and neither is
/// shown: a handout must never show one in the other's place.
fn topic_pictures(topic: &Topic) -> (HashMap<String, Picture>, Vec<check::PictureProblem>) {
    let mut found: HashMap<String, (Picture, &Path)> = HashMap::new();
    let mut problems: Vec<check::PictureProblem> = Vec::new();
    let mut shown = 0;
    for section in &topic.sections {
        let blocks = &section.blocks;
        for (block, &start) in blocks.blocks.iter().zip(&blocks.starts) {
            let mut in_block = markdown::pictures(std::slice::from_ref(block)).peekable();
            if in_block.peek().is_none() {
                continue;
            }
            // Only for a block with a picture, as finding a block's place counts lines.
            let (patch, line) = section.place(start);
            let file = patch.unwrap_or(&topic.file);
            let dir = Path::new(file).parent().unwrap_or(Path::new(""));
            for picture in in_block {
                let path = &picture.path;
                let problem = |message: String| check::PictureProblem {
                    file: patch.map(str::to_string),
                    line,
                    path: path.clone(),
                    problem: message,
                };
                shown += 1;
                if shown == MOST_PICTURES + 1 {
                    problems.push(problem(format!(
                        "a topic may show at most {MOST_PICTURES} pictures, to keep its \
                         handout one small file: leave some out"
                    )));
                }
                match found.get(path) {
                    Some((_, first)) if *first == dir => continue,
                    Some(_) => {
                        found.remove(path);
                        problems.push(problem(
                            "a picture of that name, from another folder, is also in this \
                             topic: give one of them another name"
                                .to_string(),
                        ));
                        continue;
                    }
                    None => {}
                }
                // Each is read once; a web address or a data: URL is reported by `check`.
                let reported = problems.iter().any(|p| p.path == *path);
                if reported || picture::is_fetched(path) {
                    continue;
                }
                let read = match file.strip_prefix(BUILT_IN_PREFIX) {
                    Some(_) => builtin::picture(path),
                    None => folder::read_picture(dir, path, true),
                };
                match read {
                    Ok(picture) => {
                        found.insert(path.clone(), (picture, dir));
                    }
                    Err(message) => problems.push(problem(message)),
                }
            }
        }
    }
    let pictures = (found.into_iter())
        .map(|(path, (picture, _))| (path, picture))
        .collect();
    (pictures, problems)
}

/// Refuses to go on when `path` cannot be written as asked (a folder, a file in a folder
/// that does not exist, or, without `force`, a file that exists), before any work is done
/// for it. `example` is a name of the kind to give.
fn refuse_unwritable(path: &Path, force: bool, example: &str) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!(
            "{} is a folder: give a file name, as in -o {}",
            shown(path),
            shown(&path.join(example))
        );
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent.filter(|p| !p.is_dir()) {
        bail!(
            "cannot write {}: there is no folder {}",
            shown(path),
            shown(parent)
        );
    }
    if !force && folder::is_there(path) {
        bail!(
            "{} already exists: add --force to replace it, or choose another file",
            shown(path)
        );
    }
    Ok(())
}

/// Writes `bytes` to `path`, over an existing file only when told to.
fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> anyhow::Result<()> {
    // The file itself is opened below, so that no other writer can slip in between.
    refuse_unwritable(path, true, "handout.html")?;
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if overwrite {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Err(error) if error.kind() == ErrorKind::AlreadyExists => bail!(
            "{} already exists: add --force to replace it, or choose another file",
            shown(path)
        ),
        opened => opened.with_context(|| format!("cannot write {}", shown(path)))?,
    };
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", shown(path)))
}

/// The part of `topic` that `--section NAME` asks for: a section by its key or by the
/// heading a reader sees, or the sources.
fn section_part(topic: &Topic, name: &str) -> anyhow::Result<Part> {
    let wanted = lookup::normalize(name);
    if wanted == SOURCES_NAME {
        return Ok(Part::Sources);
    }
    if let Some(section) = lookup::section_called(topic, &wanted) {
        return Ok(Part::Section(section.name.clone()));
    }
    let names = format!("{}, {SOURCES_NAME}", topic.section_keys());
    if let Some(key) = SectionKey::from_key(&wanted) {
        bail!(
            "{} has no {key} section\n  its sections are: {names}",
            topic.slug
        );
    }
    // A typo of a key, or of a heading, which stands for its key.
    let headings: Vec<(String, &str)> = (topic.sections.iter())
        .map(|s| (s.name.clone(), s.name.as_str()))
        .chain((topic.sections.iter()).map(|s| (lookup::normalize(&s.title), s.name.as_str())))
        .chain([(SOURCES_NAME.to_string(), SOURCES_NAME)])
        .collect();
    let close = similar::closest(&wanted, headings.iter().map(|(typed, _)| typed.as_str()))
        .and_then(|typed| headings.iter().find(|(t, _)| t == typed))
        .map(|(_, name)| format!("\n  did you mean {name}?"))
        .unwrap_or_default();
    bail!(
        "{} has no section called {name:?}{close}\n  its sections are: {names}",
        topic.slug
    )
}

fn search(
    source: &ContentSource,
    lang: Lang,
    output: &Output,
    args: &SearchArgs,
    sink: &mut Sink,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let query = search::Query::new(&args.words, args.regex).map_err(|e| usage(e.to_string()))?;
    let catalog = Catalog::read(source, lang)?;
    let sections = (args.section.iter())
        .map(|name| search_section(&catalog, name))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let format = args.output.format();
    let style = output.style(format);
    let lines = |matches: &[search::Match]| match format {
        Format::Json => unreachable!("JSON is written as a list"),
        Format::Markdown => formats::search_markdown(matches),
        Format::Text | Format::Plain => search::render_lines(matches, &query, style),
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
    // The words that a misspelt one is put right from: gathered only while nothing has
    // matched but aliases, as they are needed only then. An alias may be misspelt on
    // purpose, so that `show` finds its topic: a word found only there is put right too.
    let nothing_yet = AtomicBool::new(!args.regex);
    let mut vocabulary = search::Vocabulary::default();
    let mut count_words = |topic_words: Option<search::TopicWords>| {
        if let Some(topic_words) = topic_words {
            vocabulary.add(topic_words);
        }
    };
    let searched = |topic: &Topic| {
        let matches = search::matches_in(topic, &query, &sections);
        let beyond_aliases = matches.iter().any(|m| m.section != search::ALIASES);
        if beyond_aliases {
            nothing_yet.store(false, Ordering::Relaxed);
        }
        let words = (!beyond_aliases && nothing_yet.load(Ordering::Relaxed))
            .then(|| search::words_in(topic, &sections));
        (matches, words)
    };
    let (problems, chosen) = if args.topic.is_empty() {
        let problems = catalog.each_topic_batch(
            |topic| searched(&topic),
            |batch| {
                let mut matches = Vec::new();
                for (found, words) in batch {
                    matches.extend(found);
                    count_words(words);
                }
                write(matches, sink)
            },
        )?;
        (problems, None)
    } else {
        // Matches come topic by topic in the order the topics were named. Every topic
        // is read all the same, so the warnings are those of any search.
        let headers = catalog.headers()?;
        let chosen = chosen_slugs(&headers, &args.topic, err)?;
        let mut by_slug: HashMap<String, Vec<search::Match>> = HashMap::new();
        let problems = catalog.each_topic_batch(
            |topic| {
                chosen
                    .contains(&topic.slug)
                    .then(|| (topic.slug.clone(), searched(&topic)))
            },
            |batch| {
                for (slug, (matches, words)) in batch.into_iter().flatten() {
                    by_slug.insert(slug, matches);
                    count_words(words);
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
            return Err(usage(not_found_message(
                &usable,
                &args.topic[broken],
                0,
                &Mentions::default(),
            )));
        }
        for slug in &chosen {
            write(by_slug.remove(slug).unwrap_or_default(), sink)?;
        }
        (problems, Some(chosen))
    };
    if format == Format::Json {
        sink.push(&json.end())?;
    }
    warn_skipped(err, &problems);
    let outcome = match found {
        true => Outcome::Success,
        false => Outcome::Unsuccessful,
    };
    if !nothing_yet.load(Ordering::Relaxed) {
        return Ok(outcome);
    }
    // A word found among aliases is more likely a name than a slip: only one a letter
    // off the text's word is put right. A word found nowhere may be an alias misspelt.
    let (most_off, with_aliases) = if found { (1, false) } else { (2, true) };
    if let Some(respelled) = search::respelled(&args.words, &vocabulary, most_off, with_aliases) {
        // Suggested only if it finds something, in the same topics and sections.
        let query = search::Query::new(&respelled, false)?;
        let mut finds = false;
        catalog.each_topic_batch(
            |topic| {
                let in_scope = chosen.as_ref().is_none_or(|c| c.contains(&topic.slug));
                in_scope && !search::matches_in(&topic, &query, &sections).is_empty()
            },
            |batch| {
                finds |= batch.contains(&true);
                Ok(())
            },
        )?;
        let (typed, meant) = (as_typed(&args.words), as_typed(&respelled));
        match (finds, found) {
            (false, _) => {}
            (true, false) => note(err, &format!("no match for {typed}; did you mean {meant}?")),
            (true, true) => note(
                err,
                &format!("{typed} matched only aliases; did you mean {meant}?"),
            ),
        }
    }
    Ok(outcome)
}

/// Search words as a message gives them back, each in quotes if it holds a space, so that
/// a phrase reads as one argument.
fn as_typed(words: &[String]) -> String {
    (words.iter())
        .map(|word| match word.contains(char::is_whitespace) {
            true => format!("{word:?}"),
            false => word.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The section `search --section NAME` looks in: a standard key, or the key or heading
/// of a section some topic has. A name no topic has is a mistake, and the section it
/// looks like is named.
fn search_section(catalog: &Catalog, name: &str) -> anyhow::Result<String> {
    let wanted = lookup::normalize(name);
    if SectionKey::from_key(&wanted).is_some() || SEARCHED_FIELDS.contains(&wanted.as_str()) {
        return Ok(wanted);
    }
    let mut found: Option<String> = None;
    catalog.each_topic_batch(
        |topic| lookup::section_called(&topic, &wanted).map(|section| section.name.clone()),
        |names| {
            found = found.take().or(names.into_iter().flatten().next());
            Ok(())
        },
    )?;
    if let Some(found) = found {
        return Ok(found);
    }
    let searched = (SEARCHED_FIELDS.into_iter()).chain(SectionKey::ALL.map(SectionKey::as_str));
    let meant = similar::closest(&wanted, searched)
        .map_or(String::new(), |key| format!("\n  did you mean {key}?"));
    Err(usage(format!(
        "no topic has a section called {name:?}{meant}\n  the standard sections are: {}\n  \
         the front matter's fields are: {}",
        SectionKey::list_all(),
        SEARCHED_FIELDS.join(", ")
    )))
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
            return Err(usage(not_found_message(
                &headers.topics,
                name,
                0,
                &Mentions::default(),
            )));
        };
        if !chosen.contains(&header.slug) {
            chosen.push(header.slug.clone());
        }
    }
    Ok(chosen)
}

fn check(
    source: &ContentSource,
    clinic_option: Option<&Path>,
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
    // A profile named on its own is checked as a profile, and a folder's with the folder;
    // a folder that holds a profile and no topics is checked for its profile alone.
    let mut profiles: Vec<(PathBuf, ProfileFrom)> = Vec::new();
    let mut topic_paths: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        if path.file_name() == Some(PROFILE_FILE.as_ref()) && !path.is_dir() {
            // Under the rules of where it is: a topic folder's, or the reader's own file's.
            let dir = path.parent().unwrap_or(Path::new(""));
            let in_topic_folder = (source.folders().iter()).any(|f| same_folder(f, dir));
            let from = match in_topic_folder {
                true => ProfileFrom::Folder,
                false => ProfileFrom::Option,
            };
            profiles.push((path.clone(), from));
            continue;
        }
        if path.is_dir() && folder::is_there(&path.join(PROFILE_FILE)) {
            profiles.push((path.join(PROFILE_FILE), ProfileFrom::Folder));
            let no_topics = folder::Folder::open(path)
                .and_then(|folder| folder.files())
                .is_ok_and(|files| files.is_empty());
            if no_topics {
                continue;
            }
        }
        topic_paths.push(path.clone());
    }
    let reports = match (args.paths.as_slice(), topic_paths.as_slice()) {
        ([], _) => {
            profiles = profile::every_profile(clinic_option, source.folders(), config_profile());
            check_source(source, &settings)?
        }
        (_, []) => Vec::new(),
        (_, paths) => check_paths(source, paths, &settings)?,
    };
    profiles.dedup_by(|a, b| same_spelling(&a.0, &b.0));
    let profiles: Vec<check::ProfileReport> = (profiles.iter())
        .map(|(path, from)| {
            let problem = profile::read(path, *from).err();
            check::ProfileReport::new(shown(path), problem.as_ref())
        })
        .collect();
    let failed = reports.iter().any(|r| r.count(check::Level::Error) > 0)
        || profiles.iter().any(|p| !p.findings.is_empty());
    sink.push(&match args.format {
        CheckFormat::Json => formats::check_json(&reports, &profiles),
        CheckFormat::Text => check::report_text(&reports, &profiles, output.style(Format::Text)),
    })?;
    Ok(if failed {
        Outcome::Unsuccessful
    } else {
        Outcome::Success
    })
}

/// Every topic of `source`, checked, and a report for each file that could not be read.
fn check_source(
    source: &ContentSource,
    settings: &check::Settings,
) -> anyhow::Result<Vec<check::TopicReport>> {
    let mut checker = check::Checker::default();
    let problems = Catalog::read(source, Lang::En)?.each_pages_batch(
        |pages| {
            let checked = |page: &Topic, original: Option<&Topic>| {
                let (_, problems) = topic_pictures(page);
                check::Checked::of(page, original, settings).with_pictures(&problems)
            };
            let (original, translations) = pages.split_first().expect("a topic has its original");
            let mut all = vec![checked(original, None)];
            all.extend(
                translations
                    .iter()
                    .map(|page| checked(page, Some(original))),
            );
            all
        },
        |checked| {
            checker.add(checked.into_iter().flatten().collect());
            Ok(())
        },
    )?;
    Ok(checker.finish(problems))
}

/// The reports of the topic files and patches in `paths`, files or folders. They are
/// checked in one run, each path's folder among the source's (in the order given, after
/// the source's own), so that every name they share, with each other or with any topic
/// footcare reads, is found. A patch is checked with the topic it adds to.
fn check_paths(
    source: &ContentSource,
    paths: &[PathBuf],
    settings: &check::Settings,
) -> anyhow::Result<Vec<check::TopicReport>> {
    let mut combined = source.clone();
    let mut asked: Vec<(&Path, bool)> = Vec::with_capacity(paths.len());
    for path in paths {
        let meta = fs::metadata(path).map_err(|error| {
            let reason = match error.kind() {
                ErrorKind::NotFound => "no such file or folder".to_string(),
                _ => folder::io_reason(&error),
            };
            anyhow::anyhow!("cannot check {}: {reason}", shown(path))
        })?;
        let is_dir = meta.is_dir();
        let name = path.file_name().map(|name| name.to_string_lossy());
        if !is_dir && !name.as_deref().is_some_and(folder::is_candidate) {
            bail!(
                "{} is not a topic file or a patch: check a file named like calf-strain.md, \
                 calf-strain.yaml or calf-strain.patch.md, or a folder of them",
                shown(path)
            );
        }
        if !is_dir && !meta.is_file() {
            bail!(
                "{} is not a regular file: footcare reads only regular files as topics",
                shown(path)
            );
        }
        combined = combined.with_folder(folder_of(path, is_dir));
        asked.push((path, is_dir));
    }
    let reports = check_source(&combined, settings)?;
    let mut kept = vec![false; reports.len()];
    let mut alone: Vec<check::TopicReport> = Vec::new();
    for (path, is_dir) in asked {
        if keep_named(&reports, &combined, path, is_dir, &mut kept) {
            continue;
        }
        // A file that a folder named only here shadows is checked in its own folder's run:
        // two drafts of one topic are both checked.
        let folders = combined.folders();
        let layer = folders
            .iter()
            .rposition(|f| same_folder(f, folder_of(path, is_dir)));
        let winner = layer.and_then(|layer| shadowing(path, &folders[layer + 1..]));
        match winner {
            Some((winner, dir)) if source.folders().iter().any(|f| same_folder(f, &dir)) => {
                bail!(
                    "{} is not read: {winner}, in a later folder, has the same slug and \
                     replaces it\n  check {winner} instead, or rename one of them",
                    shown(path)
                )
            }
            Some(_) => {
                let own = source.with_folder(folder_of(path, is_dir));
                let reports = check_source(&own, settings)?;
                let mut own_kept = vec![false; reports.len()];
                keep_named(&reports, &own, path, is_dir, &mut own_kept);
                alone.extend(
                    (reports.into_iter().zip(own_kept))
                        .filter_map(|(report, kept)| kept.then_some(report)),
                );
            }
            None => bail!(nothing_to_check(path, is_dir)),
        }
    }
    let mut found: Vec<check::TopicReport> = (reports.into_iter().zip(kept))
        .filter_map(|(report, kept)| kept.then_some(report))
        .collect();
    for report in alone {
        if !found.iter().any(|kept| kept.file == report.file) {
            found.push(report);
        }
    }
    Ok(found)
}

/// Marks in `kept` the reports of what `path` names, from a run over `source`: the topic
/// files and patches in it, or it, and the topics those patches add to. Says whether any
/// were found.
fn keep_named(
    reports: &[check::TopicReport],
    source: &ContentSource,
    path: &Path,
    is_dir: bool,
    kept: &mut [bool],
) -> bool {
    let folders = source.folders();
    let dir = folder_of(path, is_dir);
    // The folder as the source spells it, which is how the reports name its files.
    let Some(spelled) = folders.iter().rev().find(|f| same_folder(f, dir)) else {
        return false;
    };
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let slug_of = |name: &str| parse::topic_file_name(name).map(|name| name.slug.to_string());
    let own_slug = name.as_deref().and_then(slug_of);
    let is_named = |file: &str| {
        let file = Path::new(file);
        let beside = file
            .parent()
            .is_some_and(|parent| same_spelling(parent, spelled));
        let same_topic = || {
            let slug = file.file_name().and_then(|n| slug_of(&n.to_string_lossy()));
            own_slug.is_some() && slug == own_slug
        };
        match (is_dir, &name) {
            (true, _) => beside,
            // Another file of the same topic beside it makes the topic unreadable.
            (false, Some(name)) => {
                same_spelling(file, &spelled.join(name)) || (beside && same_topic())
            }
            (false, None) => false,
        }
    };
    let patches = |slug: &str| {
        Lang::ALL.into_iter().any(|lang| {
            let patch = folder::patch_name(slug, lang);
            match is_dir {
                true => spelled.join(&patch).is_file(),
                false => name.as_deref() == Some(patch.as_str()),
            }
        })
    };
    let mut found = false;
    for (at, report) in reports.iter().enumerate() {
        let named = is_named(&report.file)
            || patches(&report.slug)
            || (report.findings.iter()).any(|f| f.file.as_deref().is_some_and(is_named));
        if named {
            kept[at] = true;
            found = true;
        }
    }
    found
}

/// Whether two paths are written the same, but for doubled or trailing slashes and `.`.
fn same_spelling(a: &Path, b: &Path) -> bool {
    a.components().eq(b.components())
}

fn same_folder(a: &Path, b: &Path) -> bool {
    folder::identity(a) == folder::identity(b)
}

/// The topic file in one of the `later` folders that replaces the topic file `path`, as
/// messages show it, with its folder.
fn shadowing(path: &Path, later: &[PathBuf]) -> Option<(String, PathBuf)> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let slug = parse::topic_file_name(&name)?.slug;
    (later.iter().rev()).find_map(|dir| {
        let folder = folder::Folder::open(dir).ok()?;
        let winner =
            (folder.files_for(slug).into_iter()).find(|f| f.role != folder::Role::Patch)?;
        Some((winner.shown(), dir.clone()))
    })
}

/// The folder a path named to `check` stands for: itself, or the folder a file is in.
fn folder_of(path: &Path, is_dir: bool) -> &Path {
    match is_dir {
        true => path,
        false => path.parent().unwrap_or(Path::new("")),
    }
}

/// Why a path named to `check` gave no topic to check.
fn nothing_to_check(path: &Path, is_dir: bool) -> String {
    match is_dir {
        true => format!(
            "{} holds no topic files or patches: a topic file is named like calf-strain.md \
             or calf-strain.yaml",
            shown(path)
        ),
        false => format!(
            "{} was not read as a topic: run `footcare check` to see why",
            shown(path)
        ),
    }
}

/// A topic to show or export, and the patches it is shown without.
struct Chosen {
    topic: Topic,
    patches_left_out: Vec<TopicError>,
    /// Where the topic's original is read from, should the topic be a translation: the
    /// reader's folders, or the folder of a file named by `--file`.
    originals: ContentSource,
}

impl Chosen {
    /// What `check` finds in a translation against its original, as an English reader
    /// would get it: nothing for an original. A translation whose original is missing or
    /// cannot be read cannot be held to it, which is an error.
    fn translation_findings(&self) -> anyhow::Result<Vec<check::Finding>> {
        let topic = &self.topic;
        if topic.lang == Lang::En {
            return Ok(Vec::new());
        }
        let missing = |why: String| check::Finding {
            level: check::Level::Error,
            file: None,
            line: None,
            message: format!(
                "its original {why}: a translation is checked against it, beside it as `{}.md`",
                topic.slug
            ),
        };
        Ok(
            match load::find(&self.originals, &topic.slug, Lang::En)?.topic {
                Some(Ok(original)) => check::translation_findings(topic, &original),
                Some(Err(problem)) => {
                    vec![missing(format!("cannot be read ({})", problem.summary()))]
                }
                None => vec![missing("is not there".to_string())],
            },
        )
    }
}

/// The topic `--file` names, or else the one named by what the reader typed.
fn chosen_topic(
    reader: &Reader,
    name: Option<&str>,
    file: Option<&Path>,
    err: &mut dyn Write,
) -> anyhow::Result<Chosen> {
    match (file, name) {
        (Some(file), _) => Ok(Chosen {
            topic: load::topic_file(file)?,
            patches_left_out: Vec::new(),
            originals: ContentSource::Dir(file.parent().unwrap_or(Path::new("")).to_path_buf()),
        }),
        (None, Some(name)) => find_topic(reader, name, err),
        (None, None) => Err(usage("name a topic, or give --file".to_string())),
    }
}

/// Finds a topic by what the reader typed. A slug is read from its own files alone; only
/// a title, an alias or another spelling makes footcare read every topic's front matter.
/// Only the problems of the chosen topic's files are reported: a reader of one topic
/// need not hear about the others.
fn find_topic(reader: &Reader, name: &str, err: &mut dyn Write) -> anyhow::Result<Chosen> {
    let Reader { source, lang } = *reader;
    let slug = lookup::normalize(name);
    if is_valid_slug(&slug) {
        let found = load::find(source, &slug, lang)?;
        if let Some(loaded) = found.topic {
            warn_skipped(err, &found.warnings);
            return Ok(Chosen {
                topic: loaded?,
                patches_left_out: found.patches_left_out,
                originals: source.clone(),
            });
        }
    }
    let catalog = Catalog::read(source, lang)?;
    let mut headers = catalog.headers()?;
    // A name may be typed in English whatever the reader's language: the English names
    // are looked in when the reader's own find nothing. What a name looks like is still
    // told from the reader's own.
    if lang != Lang::En && lookup::find(&headers.topics, name).is_none() {
        let english = Catalog::read(source, Lang::En)?.headers()?;
        if lookup::find(&english.topics, name).is_some() {
            headers = english;
        }
    }
    let unread = headers.problems.len();
    let Some(header) = lookup::find(&headers.topics, name) else {
        let mentions = mentions_of(&catalog, name)?;
        let unread = unread.max(mentions.unread);
        bail!(not_found_message(&headers.topics, name, unread, &mentions));
    };
    let claimants = lookup::claimants(&headers.topics, name);
    if claimants.len() > 1 {
        let slugs: Vec<&str> = claimants.iter().map(|h| h.slug.as_str()).collect();
        warn(
            err,
            &format!(
                "{name:?} is a name of {} topics ({}): it opens {}, as {}; `footcare check` \
                 reports the clash",
                slugs.len(),
                slugs.join(", "),
                header.slug,
                lookup::why_chosen(&headers.topics, name, header)
            ),
        );
    }
    let found = load::find(source, &header.slug, lang)?;
    warn_skipped(err, &found.warnings);
    match found.topic {
        Some(loaded) => Ok(Chosen {
            topic: loaded?,
            patches_left_out: found.patches_left_out,
            originals: source.clone(),
        }),
        None => bail!(not_found_message(
            &headers.topics,
            name,
            unread,
            &Mentions::default()
        )),
    }
}

/// The topics whose text mentions a name, found as `search` finds it as a phrase.
#[derive(Default)]
struct Mentions {
    /// The phrase looked for.
    phrase: String,
    /// The best first.
    found: Vec<search::Mention>,
    /// How many files could not be read, whose topics may mention it too.
    unread: usize,
}

fn mentions_of(catalog: &Catalog, name: &str) -> anyhow::Result<Mentions> {
    let Some(phrase) = search::name_as_phrase(name) else {
        return Ok(Mentions::default());
    };
    // A name too long to look for is mentioned nowhere.
    let Ok(query) = search::Query::new(std::slice::from_ref(&phrase), false) else {
        return Ok(Mentions::default());
    };
    let mut found = Vec::new();
    let problems = catalog.each_topic_batch(
        |topic| search::mention_in(&topic, &query),
        |batch| {
            found.extend(batch.into_iter().flatten());
            Ok(())
        },
    )?;
    search::most_first(&mut found);
    Ok(Mentions {
        phrase,
        found,
        unread: problems.len(),
    })
}

/// How many of the topics that mention a name a message lists.
const MENTIONS_LISTED: usize = 5;

/// What to say when no topic goes by `name`: the topics that mention it, best first, and
/// the names it looks like. `unread` files could not be read, and may hold the topic meant.
fn not_found_message(topics: &[Header], name: &str, unread: usize, mentions: &Mentions) -> String {
    let Mentions {
        phrase,
        found: mentions,
        ..
    } = mentions;
    let mut message = format!("no topic called {name:?}");
    if !mentions.is_empty() {
        message.push_str("\n  topics that mention it, the most first:");
    }
    for mention in mentions.iter().take(MENTIONS_LISTED) {
        let sections = mention.sections.join(", ");
        message.push_str(&format!("\n    {}: in {sections}", mention.slug));
    }
    if let Some(more) = mentions
        .len()
        .checked_sub(MENTIONS_LISTED)
        .filter(|&n| n > 0)
    {
        // The command is given whole only where every shell reads it as written.
        let search = match phrase.chars().all(|c| c.is_alphanumeric() || c == ' ') {
            true => format!("footcare search {phrase:?}"),
            false => "footcare search".to_string(),
        };
        message.push_str(&format!(
            "\n    and {more} more: `{search}` finds every mention"
        ));
    }
    let listed = |slug: &String| mentions.iter().any(|m| &m.slug == slug);
    let mut suggestions = lookup::suggestions(topics, name);
    suggestions.retain(|slug| !listed(slug));
    match suggestions.as_slice() {
        [] => {}
        [one] => message.push_str(&format!("\n  did you mean {one}?")),
        several => message.push_str(&format!("\n  did you mean one of: {}?", several.join(", "))),
    }
    message.push_str("\n  run `footcare list` to see every topic");
    match unread {
        0 => {}
        1 => message.push_str("\n  1 topic file could not be read: `footcare check` names it"),
        n => message.push_str(&format!(
            "\n  {n} topic files could not be read: `footcare check` names them"
        )),
    }
    message
}

/// Warns once about each file that could not be used.
fn warn_skipped(err: &mut dyn Write, problems: &[TopicError]) {
    for problem in problems {
        warn(err, &format!("{} (skipped)", problem.summary()));
    }
}

fn warn(err: &mut dyn Write, message: &str) {
    // A warning that cannot be written must not stop the output the reader asked for.
    let _ = writeln!(err, "warning: {}", sanitize(message));
}

fn note(err: &mut dyn Write, message: &str) {
    let _ = writeln!(err, "note: {}", sanitize(message));
}
