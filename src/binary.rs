//! What footcare's binary formats are made of: little-endian integers, and UTF-8 strings
//! and lists led by their length.

/// Reads the pieces back; every read gives `None` once the bytes run out or do not fit.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    /// Whether every byte has been read.
    pub fn is_at_end(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    pub fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let len = self.usize()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Reader::string)
    }

    /// A count, then that many items, each read by `read`.
    pub fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let count = self.usize()?;
        // Every item takes at least a byte, so a damaged count cannot ask for much memory.
        let mut items = Vec::with_capacity(count.min(self.bytes.len()));
        for _ in 0..count {
            items.push(read(self)?);
        }
        Some(items)
    }
}

pub fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub fn put_u128(out: &mut Vec<u8>, n: u128) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub fn put_usize(out: &mut Vec<u8>, n: usize) {
    put_u64(out, n as u64);
}

pub fn put_str(out: &mut Vec<u8>, text: &str) {
    put_usize(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

pub fn put_strings(out: &mut Vec<u8>, texts: &[String]) {
    put_list(out, texts, |out, text| put_str(out, text));
}

/// A count, then each item as `put` writes it: what [`Reader::list`] reads.
pub fn put_list<T>(out: &mut Vec<u8>, items: &[T], mut put: impl FnMut(&mut Vec<u8>, &T)) {
    put_usize(out, items.len());
    for item in items {
        put(out, item);
    }
}
