//! The command line: what footcare accepts, and its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::ColorChoice;

const EXAMPLES: &str = "\
Examples:
  footcare list                                      every topic
  footcare show plantar-fascia-release               a whole topic
  footcare show \"calf strain\" --section warning-signs
  footcare show calf-strain --section risks | grep -i tear
  footcare --content-dir ./our-topics list           a clinic's own folder";

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
pub struct GlobalArgs {
    /// When to use colour and text styles
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Wrap terminal output to N columns [default: the terminal's width, at most 100]
    #[arg(long, value_name = "N", global = true,
          value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,

    /// Read topics from DIR instead of the built-in ones
    #[arg(long, value_name = "DIR", env = "FOOTCARE_CONTENT_DIR", global = true)]
    pub content_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every topic: its slug, title and summary
    #[command(after_help = "\
On a terminal the list is aligned in columns. Piped, each line is
slug<TAB>title<TAB>summary, with no styling.

Examples:
  footcare list
  footcare list | cut -f1")]
    List,

    /// Show a topic, or only some of its sections
    #[command(after_help = "\
Sections: overview, indications, procedure, recovery, risks, warning-signs,
disclaimer.

Examples:
  footcare show plantar-fascia-release
  footcare show \"Plantar Fascia Release\" --section recovery
  footcare show calf-strain --section warning-signs --section risks
  footcare show gastrocnemius-release --section risks | grep -i nerve")]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The topic: its slug (as `footcare list` shows it), its title, or another name for it
    pub topic: String,

    /// Show only this section; repeat it to show several, in the order given
    #[arg(long, short, value_name = "KEY")]
    pub section: Vec<String>,
}
