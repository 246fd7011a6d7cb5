//! Content is data, never terminal commands. Every string read from a topic file passes
//! through [`sanitize`] before footcare can print it.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Tabs become spaces to the next multiple of this column, as Markdown counts them.
const TAB_STOP: usize = 4;

/// Makes text safe to print on a terminal: control characters (but newline), DEL and the
/// C1 controls are shown as visible escapes such as `\x1b`, so ESC can start no sequence;
/// characters that can hide or reorder text (see [`is_hidden`]) are shown as `<U+200B>`,
/// so every reader sees them. CRLF becomes LF, and tabs become spaces.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let Some(start) = first_needing_care(text) else {
        return Cow::Borrowed(text);
    };
    // Up to `start` nothing changes, and there is no tab to widen a column.
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let mut column = text[line_start..start].chars().count();
    let mut chars = text[start..]
        .char_indices()
        .map(|(at, c)| (start + at, c))
        .peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\r' if chars.peek().map(|&(_, next)| next) == Some('\n') => continue,
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if needs_care(text, at, c) => {
                let _ = write!(out, "{MARK_START}{:04X}{MARK_END}", c as u32);
            }
            c => out.push(c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

/// How [`sanitize`] shows a hidden character: `<U+200B>`.
const MARK_START: &str = "<U+";
const MARK_END: char = '>';

/// The hidden characters [`sanitize`] has made visible in `text` as `<U+200B>`, each with
/// the byte range of its mark.
pub fn shown_hidden(text: &str) -> impl Iterator<Item = (Range<usize>, char)> + '_ {
    text.match_indices(MARK_START).filter_map(|(at, _)| {
        let rest = &text[at + MARK_START.len()..];
        let digits = rest.find(MARK_END).filter(|&n| (4..=6).contains(&n))?;
        let hex = &rest[..digits];
        if !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
        let end = at + MARK_START.len() + digits + MARK_END.len_utf8();
        is_hidden(c).then_some((at..end, c))
    })
}

/// Text as a reader sees it once rendered: without the hidden characters that
/// [`sanitize`] showed as marks, so that `9<U+200B>11` reads as `911`.
pub fn as_read(text: &str) -> Cow<'_, str> {
    let mut marks = shown_hidden(text).peekable();
    if marks.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (mark, _) in marks {
        out.push_str(&text[last..mark.start]);
        last = mark.end;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// A name for a message, such as a file's or a folder's: sanitised like any text, and
/// kept on one line, so a name holding a line break cannot forge a line of its own.
pub fn sanitize_name(name: &str) -> Cow<'_, str> {
    if !name.contains('\n') {
        return sanitize(name);
    }
    let escaped = name.replace('\n', "\\x0a");
    Cow::Owned(sanitize(&escaped).into_owned())
}

/// The standard I/O message ends with "(os error N)", which helps nobody reading it.
pub fn without_os_error_code(message: &str) -> &str {
    match message.rfind(" (os error ") {
        Some(cut) if message.ends_with(')') => &message[..cut],
        _ => message,
    }
}

/// Sanitises a string in place, allocating only when something changes.
pub fn sanitize_in_place(text: &mut String) {
    if let Cow::Owned(clean) = sanitize(text) {
        *text = clean;
    }
}

/// Where the first character of `text` that needs care starts. Only characters that
/// start with one of these bytes can: a C0 control, DEL, or the first byte of a character
/// in [`is_hidden`]'s ranges. Those bytes are never inside a character, so a quick look at
/// the bytes skips almost all text, which is ASCII, curly quotes and dashes.
fn first_needing_care(text: &str) -> Option<usize> {
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\n')
            || matches!(
                b,
                0x7F | 0xC2 | 0xCD | 0xD8 | 0xE1 | 0xE2 | 0xE3 | 0xEF | 0xF0 | 0xF3
            )
    };
    let mut at = 0;
    while let Some(skipped) = text.as_bytes()[at..].iter().position(|&b| suspect(b)) {
        let start = at + skipped;
        let c = text[start..].chars().next()?;
        if needs_care(text, start, c) {
            return Some(start);
        }
        at = start + c.len_utf8();
    }
    None
}

/// Whether the character at byte `at` of `text` must be shown rather than printed. The
/// two that emoji need are kept where they do that job: a zero-width joiner that joins
/// two emoji into one, and a variation selector that makes the character before it an
/// emoji.
fn needs_care(text: &str, at: usize, c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\n';
    }
    if c.is_control() {
        return true;
    }
    match c {
        ZERO_WIDTH_JOINER => !joins_emoji(text, at),
        EMOJI_STYLE | TEXT_STYLE => !styles_emoji(text, at),
        c => is_hidden(c),
    }
}

const ZERO_WIDTH_JOINER: char = '\u{200D}';
const TEXT_STYLE: char = '\u{FE0E}';
const EMOJI_STYLE: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';

/// Characters that print as nothing, or that change the order or direction of the text
/// around them: Unicode's default-ignorable code points (zero-width spaces and joiners,
/// the soft hyphen, direction marks, overrides and isolates, variation selectors, tag
/// characters), the line and paragraph separators, and the interlinear annotation marks.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Whether the joiner at byte `at` joins two emoji into one, as in 👩‍⚕️: it stands between
/// two pictographs, the first maybe with its emoji style or a skin tone.
fn joins_emoji(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    let first = match before.next() {
        Some(EMOJI_STYLE | '\u{1F3FB}'..='\u{1F3FF}') => before.next(),
        other => other,
    };
    let next = text[at + ZERO_WIDTH_JOINER.len_utf8()..].chars().next();
    first.is_some_and(is_pictograph) && next.is_some_and(is_pictograph)
}

/// Whether the variation selector at byte `at` styles the character before it: one with
/// an emoji form, a pictograph, or a digit, `#` or `*` of a keycap, as in 1️⃣.
fn styles_emoji(text: &str, at: usize) -> bool {
    let Some(before) = text[..at].chars().next_back() else {
        return false;
    };
    let after = at + EMOJI_STYLE.len_utf8();
    let keycap = matches!(before, '0'..='9' | '#' | '*') && text[after..].starts_with(KEYCAP);
    keycap || is_pictograph(before)
}

/// Whether `c` is a pictograph (Unicode's Extended_Pictographic), asked of the Unicode
/// rules for grapheme clusters: a joiner joins what follows it into one character only
/// after a pictograph.
fn is_pictograph(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut probe = [0u8; 12];
    let probe = {
        let len = c.encode_utf8(&mut probe).len();
        let end = len + '\u{200D}'.encode_utf8(&mut probe[len..]).len();
        let end = end + '\u{1F600}'.encode_utf8(&mut probe[end..]).len();
        std::str::from_utf8(&probe[..end]).unwrap_or_default()
    };
    probe.graphemes(true).nth(1).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_error_codes_are_dropped_from_messages() {
        assert_eq!(
            without_os_error_code("No space left on device (os error 28)"),
            "No space left on device"
        );
        assert_eq!(without_os_error_code("no code here"), "no code here");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let text = "Plain text, ½ inch, “quotes” and 日本語.\nSecond line.";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(sanitize("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(
            sanitize("\x1b]0;title\x07"),
            "\\x1b]0;title\\x07",
            "window title"
        );
        assert_eq!(
            sanitize("\x1b]52;c;aGk=\x1b\\"),
            "\\x1b]52;c;aGk=\\x1b\\",
            "clipboard"
        );
        assert_eq!(sanitize("\u{9b}2J"), "<U+009B>2J", "C1 CSI");
        assert_eq!(sanitize("del\x7f"), "del\\x7f");
        assert_eq!(sanitize("nul\0"), "nul\\x00");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_made_visible() {
        assert_eq!(sanitize("abc\u{202E}def"), "abc<U+202E>def");
        assert_eq!(sanitize("\u{2066}x\u{2069}"), "<U+2066>x<U+2069>");
    }

    #[test]
    fn characters_that_hide_or_reorder_text_are_made_visible() {
        assert_eq!(
            sanitize("Take 2\u{200F}-\u{200F}10 tablets"),
            "Take 2<U+200F>-<U+200F>10 tablets"
        );
        assert_eq!(sanitize("Call 9\u{200B}11"), "Call 9<U+200B>11");
        for c in [
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{061C}',
            '\u{2028}',
            '\u{2029}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{2060}',
            '\u{FE0F}',
        ] {
            let shown = format!("<U+{:04X}>", c as u32);
            assert_eq!(sanitize(&format!("a{c}b")), format!("a{shown}b"));
            assert_eq!(sanitize(&format!("{c}")), shown, "alone");
        }
    }

    #[test]
    fn emoji_keep_their_joiners_and_styles() {
        for emoji in [
            "\u{1F469}\u{200D}\u{2695}\u{FE0F}",           // health worker
            "\u{1F469}\u{1F3FD}\u{200D}\u{2695}\u{FE0F}",  // with a skin tone
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", // family
            "\u{2764}\u{FE0F}\u{200D}\u{1F525}",           // heart on fire
            "\u{2705}\u{FE0E}",                            // text-style check mark
            "1\u{FE0F}\u{20E3}",                           // keycap
        ] {
            assert_eq!(sanitize(emoji), emoji);
        }
        // A joiner with no emoji on each side does nothing a reader can see.
        assert_eq!(sanitize("a\u{200D}\u{1F600}"), "a<U+200D>\u{1F600}");
        assert_eq!(sanitize("\u{1F600}\u{200D}b"), "\u{1F600}<U+200D>b");
        assert_eq!(sanitize("\u{1F600}\u{200D}"), "\u{1F600}<U+200D>");
        assert_eq!(
            sanitize("\u{1F600}\u{200D}\u{301}"),
            "\u{1F600}<U+200D>\u{301}"
        );
        // Between two letters it joins nothing the reader needs either.
        assert_eq!(
            sanitize("\u{915}\u{94D}\u{200D}\u{937}"),
            "\u{915}\u{94D}<U+200D>\u{937}"
        );
        // Nor does a style after a space or a letter, or a second one.
        assert_eq!(sanitize(" \u{FE0F}"), " <U+FE0F>");
        assert_eq!(sanitize("x\u{FE0F}"), "x<U+FE0F>");
        assert_eq!(sanitize("tendó\u{FE0F}n"), "tendó<U+FE0F>n");
        assert_eq!(sanitize("日\u{FE0E}本"), "日<U+FE0E>本");
        assert_eq!(
            sanitize("\u{1F469}\u{94D}\u{200D}\u{1F469}"),
            "\u{1F469}\u{94D}<U+200D>\u{1F469}"
        );
        assert_eq!(
            sanitize("\u{2764}\u{FE0F}\u{FE0F}"),
            "\u{2764}\u{FE0F}<U+FE0F>"
        );
    }

    #[test]
    fn text_reads_without_the_marks_of_hidden_characters() {
        assert_eq!(as_read(&sanitize("Call 9\u{200B}11")), "Call 911");
        assert_eq!(as_read("plain"), "plain");
        // Only marks that sanitize makes are taken out.
        assert_eq!(as_read("<U+0041> and <U+20>"), "<U+0041> and <U+20>");
        let marks: Vec<(Range<usize>, char)> = shown_hidden("a<U+200B>b<U+E007F>").collect();
        assert_eq!(marks, [(1..9, '\u{200B}'), (10..19, '\u{E007F}')]);
    }

    #[test]
    fn line_ends_and_tabs_are_normalised() {
        assert_eq!(sanitize("one\r\ntwo\r\n"), "one\ntwo\n");
        assert_eq!(sanitize("lone\rcr"), "lone\\x0dcr");
        assert_eq!(sanitize("a\tb\n\tc"), "a   b\n    c");
    }

    #[test]
    fn the_byte_scan_never_misses_a_character_that_needs_care() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if is_hidden(c) || (c.is_control() && c != '\n') {
                let text = format!("long enough to fill a chunk of bytes, then {c}");
                assert_eq!(
                    first_needing_care(&text),
                    Some(43),
                    "missed U+{:04X}",
                    c as u32
                );
            }
        }
        assert_eq!(
            first_needing_care("plain café, “日本語” — \u{1F600}\n"),
            None
        );
    }
}
