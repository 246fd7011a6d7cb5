//! Content is data, never terminal commands. Every string read from a topic file passes
//! through [`sanitize`] before footcare can print it.

use std::borrow::Cow;
use std::fmt::Write;

/// Tabs become spaces to the next multiple of this column, as Markdown counts them.
const TAB_STOP: usize = 4;

/// Makes text safe to print on a terminal: control characters (but newline), DEL, the
/// C1 controls and the bidirectional overrides and isolates are shown as visible escapes
/// such as `\x1b` or `<U+202E>`, so ESC can start no sequence and no text can hide or
/// reorder other text. CRLF becomes LF, and tabs become spaces.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !may_need_care(text) || !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if needs_care(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
        column += 1;
    }
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

/// A quick look at the bytes, which the compiler can vectorise: false means no character
/// of `text` needs care. Every such character starts with one of these bytes: a C0
/// control, DEL, 0xC2 (the C1 controls) or 0xE2 (the bidi controls).
fn may_need_care(text: &str) -> bool {
    let suspect = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7F || b == 0xC2 || b == 0xE2;
    text.as_bytes()
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | suspect(b)))
}

fn needs_care(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
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
        assert_eq!(
            sanitize("\u{200F}"),
            "\u{200F}",
            "a plain mark is not an override"
        );
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
            if needs_care(c) {
                let text = format!("long enough to fill a chunk of bytes, then {c}");
                assert!(may_need_care(&text), "missed U+{:04X}", c as u32);
            }
        }
        assert!(!may_need_care("plain café, 日本語\n"));
    }
}
