//! The fixed words a reader sees around a topic's own text, in each language: headings
//! footcare adds, the lines that say whom to call, the handout's labels. Messages for
//! authors stay in English.

use crate::lang::Lang;

/// The words of one language.
pub struct Labels {
    /// The heading over a topic's sources.
    pub sources: &'static str,
    /// Before the day a web page was read, in a source's line.
    pub accessed: &'static str,
    /// Before the date a topic was last reviewed.
    pub last_reviewed: &'static str,
    /// Before the name of the clinician who reviewed a topic.
    pub medical_review: &'static str,
    /// Ends a terminal page that did not show the topic's own disclaimer.
    pub short_disclaimer: &'static str,
    /// The handout's box for the care team to fill in, and its fields.
    pub notes_heading: &'static str,
    pub notes_fields: [&'static str; 4],
    pub phone: &'static str,
    pub after_hours: &'static str,
    pub logo: &'static str,
    /// How text output names a picture, before the words that say what it shows.
    pub picture: &'static str,
    /// The heading of the page that lists every handout, with and without a clinic name.
    pub handouts: &'static str,
    pub handouts_from: &'static str,
    /// Who to call when the clinic profile gives no name.
    pub your_care_team: &'static str,
    /// The months, for dates written out.
    months: [&'static str; 12],
}

const ENGLISH: Labels = Labels {
    sources: "Sources",
    accessed: "accessed",
    last_reviewed: "Last reviewed",
    medical_review: "Medical review",
    short_disclaimer:
        "General information only, not medical advice: ask your own doctor about your care.",
    notes_heading: "Notes from your care team",
    notes_fields: ["Patient's name:", "Surgeon:", "Date:", "Next visit:"],
    phone: "Phone",
    after_hours: "After hours",
    logo: "Logo",
    picture: "Picture",
    handouts: "Patient handouts",
    handouts_from: "Patient handouts from",
    your_care_team: "your care team",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

const SPANISH: Labels = Labels {
    sources: "Fuentes",
    accessed: "consultado el",
    last_reviewed: "Última revisión",
    medical_review: "Revisión médica",
    short_disclaimer: "Información general, no consejo médico: consulte a su médico sobre su \
                       atención.",
    notes_heading: "Notas de su equipo de atención",
    notes_fields: [
        "Nombre del paciente:",
        "Cirujano:",
        "Fecha:",
        "Próxima cita:",
    ],
    phone: "Teléfono",
    after_hours: "Fuera de horario",
    logo: "Logotipo",
    picture: "Imagen",
    handouts: "Hojas informativas para pacientes",
    handouts_from: "Hojas informativas para pacientes de",
    your_care_team: "su equipo de atención",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
};

/// The words of `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Es => &SPANISH,
    }
}

impl Labels {
    /// The name of a month, from 1 for January.
    pub fn month(&self, month: u8) -> &'static str {
        self.months[usize::from(month.clamp(1, 12)) - 1]
    }
}

/// The alt text of the logo of the clinic `name`.
pub fn logo_of(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name} logo"),
        Lang::Es => format!("Logotipo de {name}"),
    }
}

/// The line printed on a handout when the page `shown` is not in the language the reader
/// `wanted`, as a topic with no page in it is shown in English: in the language the reader
/// asked for, since that is the language they read.
pub fn shown_in_english(shown: Lang, wanted: Lang) -> Option<&'static str> {
    match wanted {
        _ if shown == wanted => None,
        Lang::En => None,
        Lang::Es => Some(
            "Este tema no se puede mostrar en español: se muestra en inglés, la lengua en que \
             se escribió.",
        ),
    }
}

/// [`shown_in_english`] as a line on stderr, which starts as footcare's notes do, in the
/// reader's language.
pub fn shown_in_english_note(shown: Lang, wanted: Lang) -> Option<String> {
    let note = match wanted {
        Lang::En => "note",
        Lang::Es => "nota",
    };
    shown_in_english(shown, wanted).map(|line| format!("{note}: {line}"))
}
