//! `footcare man`: the manual page, in roff.

use clap::{Arg, CommandFactory};
use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use crate::cli::{Cli, EXAMPLES};

/// What clap cannot say from the command line alone: the topic format, the environment,
/// the files read and the exit status.
const SECTIONS: &str = r#".SH "TOPIC FORMAT"
A topic is one file in a topic folder, named after its slug (lowercase letters, digits and dashes).
.PP
\fISLUG\fR.md holds YAML front matter between two lines of \fB\-\-\-\fR, then one level\-2
heading (\fB## \fR) for each section.
A section's key is the heading's \fB{#key}\fR attribute, or else its text in lowercase with dashes for spaces.
.PP
\fISLUG\fR.yaml (or .yml) holds the same fields at the top level, and a \fBsections\fR map from key to
Markdown text or to \fB{title, body}\fR.
.PP
The fields are \fBtitle\fR, \fBsummary\fR, \fBkind\fR (procedure or condition), \fBaliases\fR, \fBtags\fR,
\fBreviewed\fR (YYYY\-MM\-DD), \fBreviewed\-by\fR (only when a named clinician really reviewed the topic)
and \fBsources\fR.
Each source has a \fBtitle\fR; a \fBjournal\fR or a \fBpublisher\fR; a \fBdate\fR (when it was published or
last updated: YYYY, YYYY\-MM or YYYY\-MM\-DD), an \fBaccessed\fR date (the day it was read), or both;
and optionally \fBauthors\fR, \fBdoi\fR and \fBurl\fR.
A page read without a date of its own has only \fBaccessed\fR, and is shown as "accessed YYYY\-MM\-DD".
.PP
The section keys, in reading order, are key\-points, overview, indications, preparing (procedures only),
procedure, recovery, outlook, risks, warning\-signs, questions and disclaimer.
Any other key is a section of the clinic's own, shown where the file puts it; a key one letter off a
standard one, such as \fB## Risk\fR, is an error, and title, summary, aliases, tags and sources
cannot be keys.
.PP
The warning signs come in three tiers, most urgent first, each a \fB### \fR heading with its key and then
a list: \fB{#emergency}\fR (call the emergency number now), \fB{#urgent}\fR (call the doctor or surgeon
now, day or night) and \fB{#routine}\fR (call in office hours, or watch closely).
footcare shows every tier under the same standard words, whatever the heading says.
\fBcheck\fR warns when a topic lacks key\-points, outlook, questions or (for a procedure) preparing, or
when its warning signs are not in tiers; it notes a reworded tier heading and a topic with no
\fBreviewed\-by\fR.
.PP
\fISLUG\fR.patch.md in a clinic folder holds sections that are added to the end of the same sections of
the topic \fISLUG\fR.
A patch that cannot be used is left out, with a warning, and fails \fBcheck\fR.
.PP
A topic's Spanish page is \fISLUG\fR.es.md (or .es.yaml) beside its English file, with its own fields
and the original's section keys, each given as \fB{#key}\fR; \fISLUG\fR.es.patch.md adds to the Spanish
page only.
A clinic topic that replaces a built\-in one replaces it in every language; a translation in a folder
without its original is not read.
\fBcheck\fR holds a translation to its original's sections and tiers, warns when it was reviewed
before its original, and measures a Spanish page with the Fernández\-Huerta (at least 70) and INFLESZ
(at least 65) scales instead of English grades.
.PP
A name opens the topic whose slug it is, else the one whose title it is, else the one with it as an
alias; where topics share a title or an alias, a clinic's topic comes before a built\-in one, then the
first by slug, with a warning. \fBcheck\fR reports each shared name on the topic that can be edited.
\fBcheck\fR fails on text left from the \fBnew\fR template and on sources at example.org, example.com
or example.net; \fBexport\fR refuses a topic that fails \fBcheck\fR unless \fB\-\-ignore\-check\fR.
.SH ENVIRONMENT
.TP
\fBFOOTCARE_LANG\fR
The language to show topics in, \fBen\fR or \fBes\fR, like \fB\-\-lang\fR; set but empty, it is ignored.
.TP
\fBLANGUAGE\fR, \fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR
When neither \fB\-\-lang\fR nor FOOTCARE_LANG is given, the first of these that is set chooses the
language: es_MX.UTF\-8 or es means Spanish. LC_ALL=C means English, as scripts that pin it expect.
A topic with no page in that language is shown in English, with a note in the reader's language.
.TP
\fBFOOTCARE_CONTENT_DIR\fR
Read topics from this folder only, like \fB\-\-content\-dir\fR.
.TP
\fBFOOTCARE_TOPICS_PATH\fR
Clinic topic folders, separated by colons, read after the built\-in topics; a later folder's topic
replaces one with the same slug.
Set but empty, it means no clinic folders.
.TP
\fBXDG_DATA_HOME\fR
When FOOTCARE_TOPICS_PATH is not set, the clinic folder is \fI$XDG_DATA_HOME/footcare/topics\fR.
.TP
\fBXDG_CONFIG_HOME\fR
The clinic profile, when neither \fB\-\-clinic\fR nor a topic folder gives one, is
\fI$XDG_CONFIG_HOME/footcare/clinic.yaml\fR.
.TP
\fBFOOTCARE_BROWSER\fR
The Chromium\-family browser that \fBexport \-\-format pdf\fR prints with, by name or path; else the first
of chromium, chromium\-browser, google\-chrome and microsoft\-edge on PATH.
.TP
\fBPAGER\fR
The pager for output taller than the terminal; \fBless \-R \-F \-X\fR when unset, none when empty.
There is no paging on a terminal whose TERM is dumb.
.TP
\fBLESS\fR
When it is not set, the pager is run with LESS=FRX, as git does, so that a plain \fBless\fR shows colours.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR_FORCE\fR, \fBTERM\fR
With \fB\-\-color auto\fR: NO_COLOR takes colour away but keeps bold and underline. TERM=dumb gets no
escape codes at all, as do pipes and \fB\-\-color never\fR, unless CLICOLOR_FORCE is set: it styles output
wherever it goes.
.TP
\fBCOMPLETE\fR
Set by the completion scripts when they ask footcare for completions.
.SH FILES
.TP
\fI~/.local/share/footcare/topics/\fR
The clinic topic folder, when neither FOOTCARE_TOPICS_PATH nor XDG_DATA_HOME is set.
.TP
\fIclinic.yaml\fR
The clinic profile: \fBname\fR, \fBphone\fR, \fBafter\-hours\-phone\fR, \fBemergency\-number\fR, \fBaddress\fR,
\fBwebsite\fR and \fBlogo\fR (a picture file beside it).
\fB\-\-clinic\fR names one; else footcare reads the one in the last topic folder that has one, else
\fI~/.config/footcare/clinic.yaml\fR.
It is never read as a topic.
The warning signs' tiers give its numbers, and a handout its name, phone and logo.
.PP
footcare reads only topic files (\fI*.md\fR, \fI*.yaml\fR, \fI*.yml\fR and \fI*.patch.md\fR) in the topic
folders, never a file outside them: it does not follow a symbolic link that leads out of its folder,
and refuses files over 1 MiB. It reads them afresh on every run and keeps no cache; it writes a file
only when asked to, by \fBnew\fR or \fBexport \-o\fR; the browser that prints a PDF runs in a
temporary folder of its own, which is removed afterwards. A \fI~/.cache/footcare/\fR folder left by an older
release is no longer used and can be deleted.
.SH "EXIT STATUS"
.TP
\fB0\fR
Success, or a search that matched.
.TP
\fB1\fR
No such topic or section, a bad topic file asked for by name, a search that matched nothing,
a check that found errors, an export refused because its topic fails check, or output that could
not be written.
.TP
\fB2\fR
A usage error, such as an unknown option or a bad regular expression.
"#;

/// The whole manual as one page: every command with its options and examples, so that
/// it names no page that does not exist.
pub fn manual_page() -> Vec<u8> {
    let command = Cli::command();
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    // Writing into a Vec cannot fail.
    let render = |page: &mut Vec<u8>| -> std::io::Result<()> {
        man.render_title(page)?;
        man.render_name_section(page)?;
        synopsis_section().to_writer(page)?;
        man.render_description_section(page)?;
        man.render_options_section(page)?;
        commands_section(&command).to_writer(page)?;
        examples_section().to_writer(page)?;
        page.extend_from_slice(SECTIONS.as_bytes());
        man.render_version_section(page)
    };
    render(&mut page).expect("writing to memory");
    page
}

/// How footcare is called. clap_mangen's own synopsis lists each global option without
/// its value, so that `--width` would read as a flag.
fn synopsis_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    roff.text([
        bold("footcare"),
        roman(" ["),
        italic("GLOBAL OPTIONS"),
        roman("] "),
        italic("COMMAND"),
        roman(" ["),
        italic("OPTIONS"),
        roman("] ["),
        italic("ARGUMENTS"),
        roman("]"),
    ]);
    roff
}

/// Each command: how it is called, what it does, its own options, and its help's notes
/// and examples.
fn commands_section(command: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman(
        "Each command also takes the global options above, before or after its name.",
    )]);
    for sub in command.get_subcommands() {
        let own: Vec<&Arg> = sub
            .get_arguments()
            .filter(|arg| !arg.is_global_set() && !arg.is_hide_set())
            .collect();
        let mut synopsis = vec![bold(format!("footcare {}", sub.get_name()))];
        if own.iter().any(|arg| !arg.is_positional()) {
            synopsis.push(roman(" [OPTIONS]"));
        }
        for arg in own.iter().filter(|arg| arg.is_positional()) {
            synopsis.push(roman(" "));
            synopsis.push(italic(value_name(arg)));
        }
        roff.control("SS", [sub.get_name()]);
        roff.text(synopsis);
        roff.control("PP", []);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        for arg in own {
            option_entry(&mut roff, arg);
        }
        if let Some(notes) = sub.get_after_long_help().or(sub.get_after_help()) {
            help_notes(&mut roff, &notes.to_string());
        }
    }
    roff
}

fn value_name(arg: &Arg) -> String {
    let name = (arg.get_value_names())
        .and_then(|names| names.first())
        .map_or_else(
            || arg.get_id().to_string().to_uppercase(),
            |n| n.to_string(),
        );
    format!("<{name}>")
}

/// An option or argument as a tagged paragraph: its names and value, then its help, its
/// default and the values it takes.
fn option_entry(roff: &mut Roff, arg: &Arg) {
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(bold(format!("-{short}")));
        names.push(roman(", "));
    }
    if let Some(long) = arg.get_long() {
        names.push(bold(format!("--{long}")));
    }
    if arg.get_action().takes_values() {
        if !names.is_empty() {
            names.push(roman(" "));
        }
        names.push(italic(value_name(arg)));
    }
    roff.control("TP", []);
    roff.text(names);
    let mut help = (arg.get_long_help().or(arg.get_help()))
        .map(ToString::to_string)
        .unwrap_or_default();
    let defaults: Vec<String> = (arg.get_default_values().iter())
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&format!(" [default: {}]", defaults.join(", ")));
    }
    let values: Vec<String> = (arg.get_possible_values().iter())
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        help.push_str(&format!(" [values: {}]", values.join(", ")));
    }
    roff.text([roman(help)]);
}

/// A command's help notes: prose as paragraphs that man fills to the reader's width,
/// and the indented lines (examples, a layout) kept as they are.
fn help_notes(roff: &mut Roff, text: &str) {
    for paragraph in text.split("\n\n") {
        roff.control("PP", []);
        let mut prose: Vec<&str> = Vec::new();
        let mut kept = String::new();
        for line in paragraph.lines() {
            if line.starts_with(' ') {
                kept.push_str(line.trim_start());
                kept.push('\n');
            } else {
                prose.push(line);
            }
        }
        if !prose.is_empty() {
            roff.text([roman(prose.join(" "))]);
        }
        if !kept.is_empty() {
            roff.control("RS", ["2"]);
            preformatted(roff, &kept);
            roff.control("RE", []);
        }
    }
}

/// Text laid out by hand in the help, kept line for line.
fn preformatted(roff: &mut Roff, text: &str) {
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}

/// The examples of the top-level help.
fn examples_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    let examples: String = (EXAMPLES.lines())
        .skip_while(|line| line.trim_end() == "Examples:")
        .take_while(|line| !line.is_empty())
        .map(|line| format!("{}\n", line.trim_start()))
        .collect();
    preformatted(&mut roff, &examples);
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        String::from_utf8(manual_page()).unwrap()
    }

    #[test]
    fn every_command_and_each_of_its_options_is_in_the_page() {
        let page = page();
        for sub in Cli::command().get_subcommands() {
            assert!(
                page.contains(&format!(".SS {}\n", sub.get_name())),
                "{}",
                sub.get_name()
            );
            for arg in sub.get_arguments().filter(|a| !a.is_positional()) {
                let long = arg.get_long().unwrap();
                let escaped = format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-"));
                assert!(page.contains(&escaped), "{} --{long}", sub.get_name());
            }
        }
        for option in ["section", "regex", "output", "max\\-grade", "kind"] {
            assert!(page.contains(&format!("\\-\\-{option}")), "--{option}");
        }
    }

    #[test]
    fn the_page_names_no_other_page_and_has_no_extra_section() {
        let page = page();
        assert!(!page.contains("footcare\\-list(1)"));
        assert!(!page.contains("(1)"), "it names another page");
        assert!(!page.contains(".SH EXTRA"));
        assert!(page.contains(".SH EXAMPLES"));
    }
}
