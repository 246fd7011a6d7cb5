//! Breaking text into lines that fit a width. A line breaks only at a space, never
//! before closing punctuation (a comma after a bold word stays with the word), and a word
//! wider than the line is cut between whole characters. Pure: text in, pieces out.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Part of one line: bytes `start..end` of run number `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub run: usize,
    pub start: usize,
    pub end: usize,
}

/// Characters that must not start a line: they close what came before them. The full-width
/// and ideographic forms too, as Chinese and Japanese text uses them.
pub fn is_closing_punctuation(character: &str) -> bool {
    matches!(
        character,
        "." | ","
            | ";"
            | ":"
            | "!"
            | "?"
            | ")"
            | "]"
            | "}"
            | "’"
            | "”"
            | "»"
            | "›"
            | "。"
            | "、"
            | "，"
            | "．"
            | "："
            | "；"
            | "！"
            | "？"
            | "）"
            | "］"
            | "｝"
            | "」"
            | "』"
            | "】"
            | "〕"
            | "〉"
            | "》"
            | "〗"
            | "〙"
    )
}

/// Whether a line may break at `character`: a space, but not a no-break space, which an
/// author puts where a break would mislead ("400 mg").
fn is_break_space(character: &str) -> bool {
    character
        .chars()
        .all(|c| c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}'))
}

/// One character as the wrapper sees it: bytes `start..end` of the runs joined.
#[derive(Debug, Clone, Copy)]
struct Character {
    start: usize,
    end: usize,
    width: usize,
    closing: bool,
    space: bool,
    /// A dash, slash or colon: a long word may break after it, as a web address or a
    /// search result's `slug:section:` may.
    breaks_after: bool,
}

/// A word and the spaces before it. Spaces before closing punctuation belong to the word:
/// `word )` is no place to break either.
struct Word {
    spaces: Vec<Character>,
    characters: Vec<Character>,
}

fn total_width(characters: &[Character]) -> usize {
    characters.iter().map(|c| c.width).sum()
}

/// Lays `runs` (texts that follow each other, such as the bold and plain parts of a
/// paragraph) out on lines: the first `first_room` columns wide, the rest `next_room`.
/// The spaces where a line breaks are dropped. Spaces in a run for which `keeps_spaces`
/// holds are part of the text, as in code, and never a place to break.
pub fn break_lines(
    runs: &[&str],
    first_room: usize,
    next_room: usize,
    keeps_spaces: impl Fn(usize) -> bool,
) -> Vec<Vec<Piece>> {
    // Characters are found in the runs joined, as a character can span two runs: a
    // search match can end inside an emoji sequence.
    let joined = runs.concat();
    let mut starts = Vec::with_capacity(runs.len());
    let mut at = 0;
    for run in runs {
        starts.push(at);
        at += run.len();
    }
    let run_at = |byte: usize| starts.partition_point(|&start| start <= byte) - 1;
    let mut layout = Layout {
        lines: Vec::new(),
        line: Vec::new(),
        used: 0,
        room: first_room.max(1),
        next_room: next_room.max(1),
    };
    for word in words(&joined, |byte| keeps_spaces(run_at(byte))) {
        let width = total_width(&word.characters);
        if layout.line.is_empty() {
            layout.place(&word.characters);
        } else if layout.used + total_width(&word.spaces) + width <= layout.room {
            layout.push(&word.spaces);
            layout.push(&word.characters);
        } else {
            layout.break_line();
            layout.place(&word.characters);
        }
    }
    if !layout.line.is_empty() || layout.lines.is_empty() {
        layout.break_line();
    }
    // Back from the joined text to the runs: a range can cover the end of one run and
    // the start of the next.
    let pieces = |line: &Vec<(usize, usize)>| {
        let mut pieces = Vec::new();
        for &(start, end) in line {
            let (mut run, mut at) = (run_at(start), start);
            while at < end {
                let stop = end.min(starts[run] + runs[run].len());
                if stop > at {
                    pieces.push(Piece {
                        run,
                        start: at - starts[run],
                        end: stop - starts[run],
                    });
                }
                (run, at) = (run + 1, stop);
            }
        }
        pieces
    };
    layout.lines.iter().map(pieces).collect()
}

fn words(text: &str, keeps_spaces: impl Fn(usize) -> bool) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut spaces: Vec<Character> = Vec::new();
    for (start, grapheme) in text.grapheme_indices(true) {
        let character = Character {
            start,
            end: start + grapheme.len(),
            width: grapheme.width(),
            closing: is_closing_punctuation(grapheme),
            space: !keeps_spaces(start) && is_break_space(grapheme),
            breaks_after: matches!(grapheme, "-" | "/" | ":"),
        };
        if character.space {
            spaces.push(character);
            continue;
        }
        match words.last_mut() {
            Some(word) if spaces.is_empty() || character.closing => {
                word.characters.append(&mut spaces);
                word.characters.push(character);
            }
            _ => words.push(Word {
                spaces: std::mem::take(&mut spaces),
                characters: vec![character],
            }),
        }
    }
    words
}

struct Layout {
    /// Each line as byte ranges of the joined runs.
    lines: Vec<Vec<(usize, usize)>>,
    line: Vec<(usize, usize)>,
    used: usize,
    room: usize,
    next_room: usize,
}

impl Layout {
    fn push(&mut self, characters: &[Character]) {
        for character in characters {
            match self.line.last_mut() {
                Some((_, end)) if *end == character.start => *end = character.end,
                _ => self.line.push((character.start, character.end)),
            }
            self.used += character.width;
        }
    }

    fn break_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.used = 0;
        self.room = self.next_room;
    }

    /// Places a word at the start of a line, cut over as many lines as it needs. A cut
    /// goes after a dash, slash or colon in the second half of the line if there is one;
    /// else it moves back rather than leave closing punctuation, or the space before it,
    /// at the start of a line, unless all it could move back over is more of the same.
    fn place(&mut self, mut characters: &[Character]) {
        let may_not_start = |c: &Character| c.closing || c.space;
        let mut left = total_width(characters);
        while self.used + left > self.room {
            let mut fits = 0;
            let mut width = 0;
            while self.used + width + characters[fits].width <= self.room {
                width += characters[fits].width;
                fits += 1;
            }
            // A character wider than the whole line still has to go somewhere.
            let fits = fits.max(1);
            let after_a_mark = (fits / 2 + 1..=fits)
                .rev()
                .find(|&cut| characters[cut - 1].breaks_after && !may_not_start(&characters[cut]));
            let cut = after_a_mark.unwrap_or_else(|| {
                (1..=fits)
                    .rev()
                    .find(|&cut| !may_not_start(&characters[cut]))
                    .unwrap_or(fits)
            });
            self.push(&characters[..cut]);
            self.break_line();
            left -= total_width(&characters[..cut]);
            characters = &characters[cut..];
        }
        self.push(characters);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines as text, the pieces of a line joined by `|`.
    fn laid_out(runs: &[&str], room: usize) -> Vec<String> {
        break_lines(runs, room, room, |_| false)
            .into_iter()
            .map(|line| {
                line.iter()
                    .map(|p| &runs[p.run][p.start..p.end])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn lines_break_at_spaces_and_drop_them() {
        assert_eq!(
            laid_out(&["one two three four"], 9),
            ["one two", "three", "four"]
        );
    }

    #[test]
    fn closing_punctuation_stays_with_the_styled_word_before_it() {
        // "called anesthesia" fills the line exactly: the comma must not start the next.
        assert_eq!(
            laid_out(&["called ", "anesthesia", ", which"], 17),
            ["called", "anesthesia|, which"]
        );
        assert_eq!(laid_out(&["see (", "this", ")"], 8), ["see", "(|this|)"]);
        assert_eq!(laid_out(&["a word )"], 6), ["a", "word )"]);
    }

    #[test]
    fn a_word_within_a_word_is_never_split_at_its_style_change() {
        assert_eq!(
            laid_out(&["some un", "believ", "able"], 12),
            ["some", "un|believ|able"]
        );
    }

    #[test]
    fn a_long_word_is_cut_between_characters_and_not_before_punctuation() {
        assert_eq!(laid_out(&["abcdefgh"], 3), ["abc", "def", "gh"]);
        assert_eq!(laid_out(&["www.nhs.uk"], 7), ["www.nh", "s.uk"]);
        // After a dash, slash or colon in the second half of the line, if there is one.
        assert_eq!(
            laid_out(&["gastrocnemius-release"], 20),
            ["gastrocnemius-", "release"]
        );
        assert_eq!(
            laid_out(&["nhs.uk/conditions/heel"], 20),
            ["nhs.uk/conditions/", "heel"]
        );
        assert_eq!(
            laid_out(&["a-bbbbbbbbbbbbbbbbbbbbbb"], 20),
            ["a-bbbbbbbbbbbbbbbbbb", "bbbb"]
        );
        assert_eq!(
            laid_out(&["calf-strain:warning-signs:", "Veins on the leg"], 30),
            ["calf-strain:warning-signs:", "Veins on the leg"]
        );
        assert_eq!(laid_out(&["abcdef )"], 6), ["abcde", "f )"]);
        // Moved back once, then with only punctuation to move back over, cut where full.
        assert_eq!(laid_out(&["now!!!!!!"], 4), ["no", "w!!!", "!!!"]);
        assert_eq!(laid_out(&["!!!!!!!!!!"], 4), ["!!!!", "!!!!", "!!"]);
        assert_eq!(
            laid_out(&["x e\u{301}e\u{301}e\u{301}"], 2),
            ["x", "e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn a_character_made_of_two_runs_is_never_split() {
        let fire_heart = ["\u{2764}\u{FE0F}\u{200D}", "\u{1F525}"];
        let runs = ["ab ", fire_heart[0], fire_heart[1], " cd"];
        // Two columns are room for "ab" but not for the heart after it.
        assert_eq!(laid_out(&runs, 3), ["ab", &fire_heart.join("|"), "cd"]);
    }

    #[test]
    fn a_no_break_space_is_no_place_to_break() {
        assert_eq!(
            laid_out(&["take 400\u{A0}mg now"], 9),
            ["take", "400\u{A0}mg", "now"]
        );
        assert_eq!(
            laid_out(&["日本語の文章です日本。です"], 20),
            ["日本語の文章です日", "本。です"]
        );
    }

    #[test]
    fn a_very_long_word_takes_linear_time() {
        let word = "a".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(laid_out(&[&word], 20).len(), 10_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn code_keeps_its_spaces_and_breaks_anywhere() {
        let lines = break_lines(&["a b c d"], 3, 3, |_| true);
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            [Piece {
                run: 0,
                start: 3,
                end: 6
            }]
        );
    }

    #[test]
    fn the_first_line_may_have_other_room_than_the_rest() {
        let runs = ["aa bb cc dd"];
        let lines = break_lines(&runs, 2, 5, |_| false);
        let texts: Vec<&str> = lines
            .iter()
            .map(|l| &runs[0][l[0].start..l[0].end])
            .collect();
        assert_eq!(texts, ["aa", "bb cc", "dd"]);
    }
}
