//! Clean text that remembers, character by character, where it came from.

use std::ops::Range;

use crate::corpus::markup::TextBlock;
use crate::model::Span;

/// Clean text (markup removed, whitespace folded) with the original span of
/// every character, so any sub-range maps back to the article exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MappedText {
    text: String,
    /// One entry per char of `text`: its byte offset in `text` and the
    /// original span it came from.
    chars: Vec<(usize, Span)>,
}

impl MappedText {
    /// The clean text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Appends `range` of `block`, folding whitespace runs to one space
    /// (and a break between pieces to one space).
    pub(crate) fn push_block_range(&mut self, block: &TextBlock, range: Range<usize>) {
        // A char per byte at most.
        self.text.reserve(range.len());
        self.chars.reserve(range.len());
        for (_, c, span) in block.char_spans(range) {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.push_char(' ', span);
                }
            } else {
                self.push_char(c, span);
            }
        }
    }

    /// Ends a piece: the next piece starts after a space.
    pub(crate) fn push_separator(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            let span = self.chars.last().map_or(Span::default(), |&(_, s)| Span::new(s.end, s.end));
            self.push_char(' ', span);
        }
    }

    fn push_char(&mut self, c: char, span: Span) {
        self.chars.push((self.text.len(), span));
        self.text.push(c);
    }

    /// Drops trailing spaces.
    pub(crate) fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
            self.chars.pop();
        }
    }

    /// The original span of the clean byte range `range` (which must lie on
    /// char boundaries of the clean text). Empty ranges map to an empty
    /// span at the start of the next character.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let first = self.chars.partition_point(|&(at, _)| at < range.start);
        let Some(&(_, start)) = self.chars.get(first).or(self.chars.last()) else {
            return Span::default();
        };
        if range.end <= range.start {
            return Span::new(start.start, start.start);
        }
        let last = self.chars.partition_point(|&(at, _)| at < range.end).saturating_sub(1);
        let end = self.chars.get(last).map_or(start, |&(_, s)| s);
        Span::new(start.start, end.end.max(start.start))
    }

    /// The span of the whole text.
    pub(crate) fn full_span(&self) -> Span {
        self.span(0..self.text.len())
    }
}

/// Trims `range` of `text` of surrounding whitespace; `None` when nothing
/// is left.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = text.get(range.clone())?;
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    (start < end).then_some(start..end)
}

/// Byte ranges of the words of `text`: runs of letters, digits and the
/// joiners inside words (`'`, `’`, `-`, `.` between letters or digits).
pub(crate) fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let joins = matches!(c, '\'' | '’' | '-' | '.' | ',')
            && start.is_some()
            && next.is_some_and(char::is_alphanumeric)
            && previous.is_some_and(char::is_alphanumeric)
            && (c != ','
                || (previous.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())));
        if c.is_alphanumeric() || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
        previous = Some(c);
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::markup::blocks;

    #[test]
    fn spans_of_sub_ranges_map_to_the_original() {
        let source = "See [The Jordan   Times](#) on\n*Friday*.";
        let blocks = blocks(source, 0);
        let mut text = MappedText::default();
        text.push_block_range(&blocks[0], 0..blocks[0].text().len());
        assert_eq!(text.as_str(), "See The Jordan Times on Friday.");
        let i = text.as_str().find("Jordan Times").unwrap();
        let span = text.span(i..i + "Jordan Times".len());
        assert_eq!(&source[span.start..span.end], "Jordan   Times");
        let i = text.as_str().find("Friday").unwrap();
        let span = text.span(i..i + 6);
        assert_eq!(&source[span.start..span.end], "Friday");
    }

    #[test]
    fn words_keep_joiners_inside() {
        let text = "Iran’s 25-year deal, $400,000 and U.S. ties.";
        let got: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Iran’s", "25-year", "deal", "400,000", "and", "U.S", "ties"]);
    }
}
