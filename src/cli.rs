//! The command line: what footcare accepts, and its help.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use clap_complete::{ArgValueCandidates, ArgValueCompleter};

use crate::check::{
    DEFAULT_MAX_AGE_YEARS, DEFAULT_MAX_GRADE, DEFAULT_WARN_GRADE, DEFAULT_WARN_SMOG,
};
use crate::complete::{
    path_candidates, searched_section_candidates, section_candidates, topic_candidates,
};

use crate::lang::Lang;
use crate::terminal::ColorChoice;
use crate::topic::Kind;

pub const EXAMPLES: &str = "\
Examples:
  footcare list                                      every topic
  footcare show plantar-fascia-release               a whole topic
  footcare show \"calf strain\" --section warning-signs
  footcare show calf-strain --section risks --plain | grep -i tear
  footcare search nerve                              every mention, grep-style
  footcare --content-dir ./our-topics list           a clinic's own folder
  footcare --lang es show calf-strain                a topic in Spanish

Exit status: 0 success, 1 not found or no match or bad content, 2 usage error.";

#[derive(Debug, Parser)]
#[command(
    name = "footcare",
    version,
    about = "Patient information about the foot and calf, in your terminal",
    long_about = "Patient information about the foot and calf, in your terminal.\n\n\
        footcare shows plain-language topics about foot and calf surgery and injuries. \
        It is general information, not medical advice.",
    after_help = EXAMPLES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options that may stand before or after the command.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// When to use colour and text styles
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Wrap terminal output to N columns [default: the terminal's width, at most 100]
    #[arg(long, value_name = "N", global = true,
          value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,

    /// Read topics from DIR only, not the built-in topics or clinic folders [env: FOOTCARE_CONTENT_DIR]
    #[arg(long, value_name = "DIR", global = true, add = ArgValueCompleter::new(path_candidates))]
    pub content_dir: Option<PathBuf>,

    /// Never send long terminal output through $PAGER
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Read the clinic's name and numbers from FILE [default: clinic.yaml in the last topic
    /// folder that has one, else ~/.config/footcare/clinic.yaml]
    #[arg(long, value_name = "FILE", global = true, add = ArgValueCompleter::new(path_candidates))]
    pub clinic: Option<PathBuf>,

    /// Show topics in LANG where they have a page in it, and in English, with a note, where
    /// they do not [default: $FOOTCARE_LANG, else the locale: LANGUAGE, LC_ALL,
    /// LC_MESSAGES, LANG]
    #[arg(
        long,
        value_name = "LANG",
        value_enum,
        ignore_case = true,
        global = true
    )]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every topic: its slug, title and summary
    #[command(after_help = "\
On a terminal the list is aligned in columns, or, too narrow for columns,
each summary goes under its topic, indented. Piped, or with --plain, each
line is slug<TAB>title<TAB>summary<TAB>origin, with no styling: origin is
`built-in` or the folder the topic was read from.

Examples:
  footcare list
  footcare list --plain | cut -f1
  footcare list --format json | jq -r '.[].title'")]
    List(ListArgs),

    /// Show a topic, or only some of its sections
    #[command(after_help = "\
Sections, in reading order: key-points, overview, indications, preparing
(procedures only), procedure, recovery, outlook, risks, warning-signs,
questions, disclaimer; a clinic's topic may add sections of its own. A section
is named by its key or its heading; `sources` names the sources and review
date. A topic may leave some out; the error for a missing one lists those it
has.

A name opens the topic whose slug it is, else the one whose title it is, else
the one with it as an alias. Where two topics share a title or an alias, a
clinic's topic comes before a built-in one, then the first by slug, with a
warning; `footcare check` reports such clashes. On a terminal, a topic that
replaces another of the same slug says so on stderr. A name that opens no topic
lists the topics that mention it, the most first, with the sections it is in,
and exits 1.

Examples:
  footcare show plantar-fascia-release
  footcare show \"Plantar Fascia Release\" --section recovery
  footcare show calf-strain --section warning-signs --section risks
  footcare show gastrocnemius-release --section risks --plain | grep -i nerve
  footcare show calf-strain --format json | jq '.sections[].key'
  footcare show calf-strain --format markdown --front-matter > calf-strain.md
  footcare show --file ./draft/heel-pad-bruise.md")]
    Show(ShowArgs),

    /// Find words or a phrase in every topic, one matching paragraph or item a line
    #[command(after_help = "\
Each match prints as slug:section:text, where text is the whole paragraph or
list item that matched. The title, the summary, each alias and each tag are
searched too, as the sections title, summary, aliases and tags.

One argument is a phrase: 'nerve damage' finds those two words together. Several
arguments find the paragraphs and items that hold all of them, in any order:
calf swelling finds \"swelling in one calf\". Each is a literal, case-insensitive,
that matches the text as it reads, across line breaks and markup, unless --regex
makes each a regular expression (also case-insensitive; start it with (?-i) to
match case). When nothing matches, or only an alias does, a word that the text
does not hold may get a \"did you mean\" from the words it does hold, on stderr.

Exit status: 0 when something matched, 1 when nothing did, 2 on a usage error
such as a bad regular expression.

Examples:
  footcare search nerve
  footcare search strayer --section aliases
  footcare search 'blood clot' --section warning-signs
  footcare search calf swelling
  footcare search --regex '\\b[0-9]+ to [0-9]+ weeks' --topic plantar-fascia-release
  footcare search infection --format json | jq -r '.[].slug' | sort -u")]
    Search(SearchArgs),

    /// Check topics: structure, sources, review dates, and how easy they are to read
    #[command(after_help = "\
Checks every topic footcare reads: the built-in topics and the clinic folders
(see `footcare paths`), or only --content-dir; or, given files or folders, only
the topics and patches in them, still against every other topic's names. Each
finding prints as
path:line: level: message, where level is error, warning or note (a finding
about a whole file has no line), then one line a topic with its Flesch-Kincaid
grade, SMOG index, Flesch reading ease and words a sentence.

Exit status: 1 if any topic has an error, else 0. Warnings do not fail.

Examples:
  footcare check
  footcare check ~/.local/share/footcare/topics/heel-pad-bruise.md
  footcare check --content-dir ./our-topics --warn-grade 7
  footcare check --format json | jq '.topics[] | {slug, grade: .readability.fk_grade}'")]
    Check(CheckArgs),

    /// Print the folders topics are read from, in order, and whether each exists
    #[command(after_help = "\
Without --content-dir, footcare reads its built-in topics, then each clinic
folder in turn: those in FOOTCARE_TOPICS_PATH (separated by colons), or else
$XDG_DATA_HOME/footcare/topics (~/.local/share/footcare/topics). A topic in a
later folder replaces one with the same slug. A folder named twice counts once,
at its last place.

Each line is LOCATION<TAB>STATE, where STATE is built-in, exists or missing.")]
    Paths,

    /// Start a new topic from a template, in the first clinic folder that can take it
    #[command(after_help = "\
The new file has every field and section, each holding text to replace:
`footcare check` fails until every placeholder is gone. It is written to
--content-dir if given, else to the first clinic folder that exists and that
you can write, else to the first clinic folder that does not exist yet, which
is created. The path of the new file is printed. An existing file is never
overwritten. A slug that is another topic's title or alias is refused, and one
that is already a topic's slug is refused unless --replace says the new topic
is to replace it (it is then written to a folder after that topic's, where it
wins).

Examples:
  footcare new heel-pad-bruise --kind condition
  footcare new toe-fusion --stdout > toe-fusion.md")]
    New(NewArgs),

    /// Print a shell completion script that completes topics and sections too
    #[command(after_help = "\
Examples:
  echo 'source <(footcare completions bash)' >> ~/.bashrc
  echo 'source <(footcare completions zsh)' >> ~/.zshrc
  footcare completions fish > ~/.config/fish/completions/footcare.fish")]
    Completions(CompletionsArgs),

    /// Print the manual page, in roff
    #[command(after_help = "\
Examples:
  footcare man | man -l -
  footcare man > ~/.local/share/man/man1/footcare.1")]
    Man,

    /// Write a printable handout of a topic, as one HTML file, a PDF or Markdown
    #[command(after_help = "\
The HTML handout is one file with no scripts and nothing to fetch, its pictures
inside it: open it in a browser and print it. A header names the clinic, with
its phone and logo, from the clinic profile (see `footcare paths`); a box holds
notes from the care team; the warning signs are boxed, each tier with the
number to call; each step of the checklists has a box to tick; and the sources,
the review date and the disclaimer close the page.

--format pdf prints the page with a Chromium-family browser (chromium,
chromium-browser, google-chrome or microsoft-edge on PATH, or the one
FOOTCARE_BROWSER names), headless, with no network, in a private temporary
folder that is removed afterwards.

A topic is checked first, as `footcare check` would: one with errors is not
exported unless --ignore-check, and its errors and warnings are listed on
stderr; so is a clinic profile with problems. With --output, an existing file
is kept unless --force. On a terminal, the HTML handout is written only to a
file: give --output, or redirect.

Examples:
  footcare export plantar-fascia-release -o plantar-fascia-release.html
  footcare export calf-strain --format pdf --paper a4 -o calf-strain.pdf
  footcare export calf-strain --section recovery --large-print -o recovery.html
  footcare export --all -o handouts/
  footcare --clinic ./clinic.yaml export --all --format pdf -o handouts/
  footcare export calf-strain --format markdown > calf-strain-handout.md")]
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new topic's slug: lowercase letters, digits and dashes
    pub slug: String,

    /// Whether the topic is a procedure or a condition
    #[arg(long, value_enum, default_value_t = Kind::Procedure)]
    pub kind: Kind,

    /// Print the template instead of writing a file
    #[arg(long)]
    pub stdout: bool,

    /// Write the file even though a topic with this slug exists, which it will replace
    #[arg(long)]
    pub replace: bool,
}

// By hand, not derived: the topic model does not depend on the command line.
impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Lang] {
        &Lang::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.code()).help(self.name()))
    }
}

impl ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Kind] {
        &[Kind::Procedure, Kind::Condition]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            Kind::Procedure => "procedure",
            Kind::Condition => "condition",
        }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One self-contained HTML page, styled for print
    Html,
    /// The HTML page printed to PDF by a Chromium-family browser (needs --output)
    Pdf,
    /// Markdown, with the title, sources, review date and disclaimer
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperSize {
    /// US Letter, 8.5 x 11 inches
    Letter,
    /// A4, 210 x 297 mm
    A4,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The topic: its slug, title, or another name for it
    #[arg(add = ArgValueCompleter::new(topic_candidates),
          required_unless_present_any = ["file", "all"])]
    pub topic: Option<String>,

    /// Export the topic in FILE, a topic file in no topic folder, instead of a named topic
    #[arg(long, value_name = "FILE", conflicts_with = "topic",
          add = ArgValueCompleter::new(path_candidates))]
    pub file: Option<PathBuf>,

    /// Export every topic into the folder --output names, with an index.html that links
    /// to each
    #[arg(long, conflicts_with_all = ["topic", "file", "section"], requires = "output")]
    pub all: bool,

    /// Put only this section on the handout (its key or heading); repeat for several. The
    /// warning signs and the disclaimer are always on it
    #[arg(long, short, value_name = "KEY", add = ArgValueCandidates::new(section_candidates))]
    pub section: Vec<String>,

    /// The paper the handout is laid out for
    #[arg(long, value_enum, default_value_t = PaperSize::Letter)]
    pub paper: PaperSize,

    /// Print the text at 16 pt instead of 12 pt, for readers with low vision
    #[arg(long)]
    pub large_print: bool,

    /// Export even a topic that fails `footcare check`; its problems are still listed
    #[arg(long)]
    pub ignore_check: bool,

    /// With --output, replace a file that already exists
    #[arg(long, requires = "output")]
    pub force: bool,

    /// The handout's format
    #[arg(long, value_enum, default_value_t = ExportFormat::Html)]
    pub format: ExportFormat,

    /// Write to FILE instead of standard output (with --all, into the folder FILE); an
    /// existing file is kept unless --force
    #[arg(long, short, value_name = "FILE", add = ArgValueCompleter::new(path_candidates))]
    pub output: Option<PathBuf>,
}

/// The output formats; `text` is styled on a terminal and the same as `plain` elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Styled and wrapped on a terminal; plain in a pipe
    Text,
    /// One line per heading, paragraph and list item, with no styling or wrapping
    Plain,
    /// The topic's Markdown source
    Markdown,
    /// One JSON document
    Json,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format [default: text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Short for --format plain
    #[arg(long, conflicts_with = "format")]
    pub plain: bool,
}

impl FormatArgs {
    pub fn format(&self) -> Format {
        if self.plain {
            Format::Plain
        } else {
            self.format.unwrap_or(Format::Text)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style findings and a summary line a topic
    Text,
    /// One JSON document
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check only these topic files, patches or folders
    #[arg(value_name = "PATH", add = ArgValueCompleter::new(path_candidates))]
    pub paths: Vec<PathBuf>,

    /// A topic above this Flesch-Kincaid grade is an error
    #[arg(long, value_name = "GRADE", default_value_t = DEFAULT_MAX_GRADE)]
    pub max_grade: f64,

    /// A topic above this Flesch-Kincaid grade is a warning
    #[arg(long, value_name = "GRADE", default_value_t = DEFAULT_WARN_GRADE)]
    pub warn_grade: f64,

    /// A topic above this SMOG index is a warning
    #[arg(long, value_name = "INDEX", default_value_t = DEFAULT_WARN_SMOG)]
    pub warn_smog: f64,

    /// A topic last reviewed more than this many years ago is a warning
    #[arg(long, value_name = "YEARS", default_value_t = DEFAULT_MAX_AGE_YEARS)]
    pub max_age: u16,

    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: FormatArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find. One argument is a phrase: 'nerve damage'. Several must all be in
    /// one paragraph, item or field, in any order: calf swelling
    #[arg(required = true, value_name = "WORDS")]
    pub words: Vec<String>,

    /// Treat each of WORDS as a regular expression
    #[arg(long)]
    pub regex: bool,

    /// Search only this section or front-matter field; repeat for several
    #[arg(long, short, value_name = "KEY",
          add = ArgValueCandidates::new(searched_section_candidates))]
    pub section: Vec<String>,

    /// Search only this topic; repeat for several
    #[arg(long, short, value_name = "TOPIC", add = ArgValueCompleter::new(topic_candidates))]
    pub topic: Vec<String>,

    #[command(flatten)]
    pub output: FormatArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The topic: its slug (as `footcare list` shows it), its title, or another name for it
    #[arg(add = ArgValueCompleter::new(topic_candidates), required_unless_present = "file")]
    pub topic: Option<String>,

    /// Show the topic in FILE, a topic file in no topic folder, to preview it
    #[arg(long, value_name = "FILE", conflicts_with = "topic",
          add = ArgValueCompleter::new(path_candidates))]
    pub file: Option<PathBuf>,

    /// Show only this section (its key, its heading, or `sources`); repeat for several, in
    /// the order given
    #[arg(long, short, value_name = "KEY", add = ArgValueCandidates::new(section_candidates))]
    pub section: Vec<String>,

    /// With --format markdown, begin with the topic's front matter
    #[arg(long)]
    pub front_matter: bool,

    #[command(flatten)]
    pub output: FormatArgs,
}
