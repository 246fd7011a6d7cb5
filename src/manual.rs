//! `footcare man`: the manual page, in roff.

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;

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
.SH ENVIRONMENT
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
\fBPAGER\fR
The pager for output taller than the terminal; \fBless \-R \-F \-X\fR when unset, none when empty.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR_FORCE\fR, \fBTERM\fR
With \fB\-\-color auto\fR: NO_COLOR turns colour off, CLICOLOR_FORCE turns it on, and TERM=dumb turns it off.
.TP
\fBCOMPLETE\fR
Set by the completion scripts when they ask footcare for completions.
.SH FILES
.TP
\fI~/.local/share/footcare/topics/\fR
The clinic topic folder, when neither FOOTCARE_TOPICS_PATH nor XDG_DATA_HOME is set.
.PP
footcare reads only topic files (\fI*.md\fR, \fI*.yaml\fR, \fI*.yml\fR and \fI*.patch.md\fR) in the topic
folders, never a file outside them: it does not follow a symbolic link that leads out of its folder,
and refuses files over 1 MiB. It reads them afresh on every run and keeps no cache; it writes a file
only when asked to, by \fBnew\fR or \fBexport \-o\fR. A \fI~/.cache/footcare/\fR folder left by an older
release is no longer used and can be deleted.
.SH "EXIT STATUS"
.TP
\fB0\fR
Success, or a search that matched.
.TP
\fB1\fR
No such topic or section, a bad topic file asked for by name, a search that matched nothing,
a check that found errors, or output that could not be written.
.TP
\fB2\fR
A usage error, such as an unknown option or a bad regular expression.
"#;

pub fn manual_page() -> Vec<u8> {
    let man = Man::new(Cli::command());
    let mut page = Vec::new();
    // Writing into a Vec cannot fail.
    let render = |page: &mut Vec<u8>| -> std::io::Result<()> {
        man.render_title(page)?;
        man.render_name_section(page)?;
        man.render_synopsis_section(page)?;
        man.render_description_section(page)?;
        man.render_options_section(page)?;
        man.render_subcommands_section(page)?;
        man.render_extra_section(page)?;
        page.extend_from_slice(SECTIONS.as_bytes());
        man.render_version_section(page)
    };
    render(&mut page).expect("writing to memory");
    page
}
