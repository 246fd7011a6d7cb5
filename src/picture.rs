//! Pictures: a topic's drawings and a clinic's logo, checked by what their bytes are and
//! put on a handout as `data:` URLs, so that a page loads nothing from elsewhere and an
//! SVG shown as an image runs no script.

use base64::Engine;

/// The most a picture may weigh: a handout is one file, and a line drawing is small.
pub const MAX_PICTURE_BYTES: u64 = 512 * 1024;

/// Whether a topic's picture is named by a web address or a `data:` URL: something to
/// fetch or decode, never a file beside the topic.
pub fn is_fetched(path: &str) -> bool {
    path.contains("://") || path.starts_with("data:")
}

/// Whether a file name is that of a picture footcare can show.
pub fn is_picture_name(name: &str) -> bool {
    PictureKind::from_name(name).is_some()
}

/// A picture's type, known from its bytes and agreeing with its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    Svg,
    Png,
    Jpeg,
}

impl PictureKind {
    fn mime(self) -> &'static str {
        match self {
            PictureKind::Svg => "image/svg+xml",
            PictureKind::Png => "image/png",
            PictureKind::Jpeg => "image/jpeg",
        }
    }

    fn name(self) -> &'static str {
        match self {
            PictureKind::Svg => "an SVG",
            PictureKind::Png => "a PNG",
            PictureKind::Jpeg => "a JPEG",
        }
    }

    fn from_name(name: &str) -> Option<PictureKind> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "svg" => Some(PictureKind::Svg),
            "png" => Some(PictureKind::Png),
            "jpg" | "jpeg" => Some(PictureKind::Jpeg),
            _ => None,
        }
    }

    fn of_bytes(bytes: &[u8]) -> Option<PictureKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(PictureKind::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(PictureKind::Jpeg);
        }
        // An SVG's first element is `svg`, after an XML declaration, comments and a
        // doctype, where it has them.
        let text = std::str::from_utf8(bytes).ok()?;
        let mut rest = text.trim_start_matches('\u{feff}').trim_start();
        loop {
            let (open, close) = if rest.starts_with("<?") {
                ("<?", "?>")
            } else if rest.starts_with("<!--") {
                ("<!--", "-->")
            } else if rest.starts_with("<!DOCTYPE") {
                // A doctype with declarations of its own ends at `]>`.
                match rest.find(['[', '>']).map(|at| rest.as_bytes()[at]) {
                    Some(b'[') => ("<!DOCTYPE", "]>"),
                    _ => ("<!DOCTYPE", ">"),
                }
            } else {
                break;
            };
            let end = open.len() + rest[open.len()..].find(close)? + close.len();
            rest = rest[end..].trim_start();
        }
        let after_name = rest.strip_prefix("<svg")?;
        let is_svg = after_name.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        is_svg.then_some(PictureKind::Svg)
    }
}

/// A picture whose bytes are what its name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub kind: PictureKind,
    pub bytes: Vec<u8>,
}

impl Picture {
    /// The picture in `bytes`, read from a file called `name`, or why it cannot be one.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Picture, String> {
        let Some(named) = PictureKind::from_name(name) else {
            return Err("a picture must be an .svg, .png, .jpg or .jpeg file".to_string());
        };
        if bytes.len() as u64 > MAX_PICTURE_BYTES {
            return Err(format!(
                "larger than {} KiB, the limit for a picture: make it smaller",
                MAX_PICTURE_BYTES / 1024
            ));
        }
        match PictureKind::of_bytes(&bytes) {
            Some(kind) if kind == named => Ok(Picture { kind, bytes }),
            _ => Err(format!(
                "not {} picture, as its name says: save it again in that format",
                named.name()
            )),
        }
    }

    /// The picture as a URL that holds it whole.
    pub fn data_url(&self) -> String {
        let encoded = base64::engine::general_purpose::STANDARD.encode(&self.bytes);
        format!("data:{};base64,{encoded}", self.kind.mime())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>";

    #[test]
    fn a_picture_is_what_its_bytes_and_name_both_say() {
        let svg = Picture::from_bytes("foot.svg", SVG.to_vec()).unwrap();
        assert_eq!(svg.kind, PictureKind::Svg);
        assert!(svg
            .data_url()
            .starts_with("data:image/svg+xml;base64,PHN2Zy"));
        let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
        assert_eq!(
            Picture::from_bytes("a.PNG", png.clone()).unwrap().kind,
            PictureKind::Png
        );
        assert!(Picture::from_bytes("a.svg", png)
            .unwrap_err()
            .contains("not an SVG"));
        assert!(Picture::from_bytes("a.gif", SVG.to_vec()).is_err());
        assert!(Picture::from_bytes("a.jpg", b"<html>".to_vec()).is_err());
        let disguised = b"<?xml version=\"1.0\"?><!-- <svg --><html/>".to_vec();
        assert!(Picture::from_bytes("a.svg", disguised).is_err());
        let commented =
            b"<?xml version=\"1.0\"?>\n<!-- drawn by us -->\n<svg viewBox=\"0 0 1 1\"/>";
        assert!(Picture::from_bytes("a.svg", commented.to_vec()).is_ok());
        let entities = b"<!DOCTYPE svg [ <!ENTITY ns \"x\"> ]>\n<svg viewBox=\"0 0 1 1\"/>";
        assert!(Picture::from_bytes("a.svg", entities.to_vec()).is_ok());
    }

    #[test]
    fn a_picture_over_the_limit_is_refused() {
        let mut big = SVG.to_vec();
        big.resize(MAX_PICTURE_BYTES as usize + 1, b' ');
        assert!(Picture::from_bytes("big.svg", big)
            .unwrap_err()
            .contains("KiB"));
    }

    #[test]
    fn data_urls_hold_the_bytes_exactly() {
        let picture = Picture {
            kind: PictureKind::Png,
            bytes: b"Man".to_vec(),
        };
        assert_eq!(picture.data_url(), "data:image/png;base64,TWFu");
    }
}
