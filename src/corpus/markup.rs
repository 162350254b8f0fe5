//! Markdown removal that remembers where every piece of text came from.
//!
//! Articles arrive as Markdown or as plain text with Markdown remnants
//! (`[Asia](#)`, `*emphasis*`, `\*`). Claims are made of the clean text,
//! but their spans must point into the original file, so each block of
//! clean text carries a map from its byte offsets back to the original.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::model::Span;

/// The structural role of a block of text, as the Markdown shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A heading (`# ...`).
    Heading,
    /// An item of a bulleted or numbered list.
    ListItem,
    /// Text inside a block quote.
    Quote,
    /// A code block or table cell: text, but not prose.
    Other,
}

/// One run of clean text mapped onto the original.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    /// Range in the block's clean text.
    clean: Range<usize>,
    /// Range in the original.
    original: Range<usize>,
    /// Whether the clean text is a verbatim copy of the original range, so
    /// offsets inside it map one to one.
    verbatim: bool,
}

/// A block of clean text (a paragraph, heading, list item ...) with the
/// map back to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBlock {
    kind: BlockKind,
    text: String,
    segments: Vec<Segment>,
}

impl TextBlock {
    /// The block's role.
    pub fn kind(&self) -> BlockKind {
        self.kind
    }

    /// The clean text. Line breaks inside the block are kept as `\n` so a
    /// segmenter can see them.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original span of the clean range `range`. `range` must lie on
    /// `char` boundaries of [`TextBlock::text`]; the result lies on `char`
    /// boundaries of the original.
    pub fn original_span(&self, range: Range<usize>) -> Span {
        Span::new(self.map_start(range.start), self.map_end(range.end.max(range.start)))
    }

    /// The original span of the whole block.
    pub fn span(&self) -> Span {
        self.original_span(0..self.text.len())
    }

    /// The original span of each `char` of the clean range `range`, with
    /// its clean offset: [`TextBlock::original_span`] of each one's range,
    /// with the segments walked once rather than searched for each.
    pub fn char_spans(&self, range: Range<usize>) -> impl Iterator<Item = (usize, char, Span)> + '_ {
        let slice = self.text.get(range.clone()).unwrap_or_default();
        let mut first = self.segments.partition_point(|s| s.clean.end <= range.start);
        let mut last = self.segments.partition_point(|s| s.clean.end < range.start);
        slice.char_indices().map(move |(i, c)| {
            let (at, end) = (range.start + i, range.start + i + c.len_utf8());
            while self.segments.get(first).is_some_and(|s| s.clean.end <= at) {
                first += 1;
            }
            while self.segments.get(last).is_some_and(|s| s.clean.end < end) {
                last += 1;
            }
            (at, c, Span::new(self.start_in(first, at), self.end_in(last, end)))
        })
    }

    fn map_start(&self, at: usize) -> usize {
        self.start_in(self.segments.partition_point(|s| s.clean.end <= at), at)
    }

    /// Where clean offset `at` starts in the original, `i` being the first
    /// segment that ends after it.
    fn start_in(&self, i: usize, at: usize) -> usize {
        match self.segments.get(i).or(self.segments.last()) {
            Some(s) if s.verbatim && at >= s.clean.start && at <= s.clean.end => {
                s.original.start + (at - s.clean.start)
            }
            Some(s) if at >= s.clean.end => s.original.end,
            Some(s) => s.original.start,
            None => 0,
        }
    }

    fn map_end(&self, at: usize) -> usize {
        self.end_in(self.segments.partition_point(|s| s.clean.end < at), at)
    }

    /// Where clean offset `at` ends in the original, `i` being the first
    /// segment that ends at it or after.
    fn end_in(&self, i: usize, at: usize) -> usize {
        match self.segments.get(i).or(self.segments.last()) {
            Some(s) if s.verbatim && at >= s.clean.start && at <= s.clean.end => {
                s.original.start + (at - s.clean.start)
            }
            Some(s) if at <= s.clean.start => s.original.start,
            Some(s) => s.original.end,
            None => 0,
        }
    }
}

/// Builds blocks while walking the Markdown events.
struct Builder<'t> {
    source: &'t str,
    base: usize,
    blocks: Vec<TextBlock>,
    current: Option<TextBlock>,
    kind_stack: Vec<BlockKind>,
    image_depth: usize,
}

impl Builder<'_> {
    fn kind(&self) -> BlockKind {
        self.kind_stack.last().copied().unwrap_or(BlockKind::Paragraph)
    }

    fn flush(&mut self) {
        if let Some(block) = self.current.take()
            && !block.text.trim().is_empty()
        {
            self.blocks.push(block);
        }
    }

    fn push(&mut self, text: &str, range: Range<usize>) {
        if self.image_depth > 0 || text.is_empty() {
            return;
        }
        let kind = self.kind();
        let block =
            self.current.get_or_insert_with(|| TextBlock { kind, text: String::new(), segments: Vec::new() });
        let verbatim = self.source.get(range.clone()) == Some(text);
        let start = block.text.len();
        block.text.push_str(text);
        block.segments.push(Segment {
            clean: start..block.text.len(),
            original: self.base + range.start..self.base + range.end,
            verbatim,
        });
    }
}

/// Splits Markdown `source` into blocks of clean text. `base` is the offset
/// of `source` in the original (the length of any front matter), so spans
/// point into the whole file.
pub fn blocks(source: &str, base: usize) -> Vec<TextBlock> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut builder =
        Builder { source, base, blocks: Vec::new(), current: None, kind_stack: Vec::new(), image_depth: 0 };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } => {
                    builder.flush();
                    builder.kind_stack.push(BlockKind::Heading);
                }
                Tag::Item => {
                    builder.flush();
                    builder.kind_stack.push(BlockKind::ListItem);
                }
                Tag::BlockQuote(_) => {
                    builder.flush();
                    builder.kind_stack.push(BlockKind::Quote);
                }
                Tag::CodeBlock(_) | Tag::TableCell | Tag::HtmlBlock => {
                    builder.flush();
                    builder.kind_stack.push(BlockKind::Other);
                }
                Tag::Paragraph | Tag::TableRow | Tag::TableHead => builder.flush(),
                Tag::Image { .. } => builder.image_depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::HtmlBlock => {
                    builder.flush();
                    builder.kind_stack.pop();
                }
                TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead => builder.flush(),
                TagEnd::Image => builder.image_depth = builder.image_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(text) | Event::Code(text) => builder.push(&text, range),
            Event::SoftBreak | Event::HardBreak => builder.push("\n", range),
            Event::Rule => builder.flush(),
            // Raw HTML, footnote markers and task-list boxes are markup,
            // not prose.
            _ => {}
        }
    }
    builder.flush();
    builder.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(source: &str) -> Vec<String> {
        blocks(source, 0).iter().map(|b| b.text.clone()).collect()
    }

    #[test]
    fn markdown_syntax_is_removed() {
        let source = "# Head *line*\n\nRegion: [Asia](#), [Middle East & North Africa](#)\n\n\\*\n\n- item one\n- item **two**\n";
        assert_eq!(
            clean(source),
            ["Head line", "Region: Asia, Middle East & North Africa", "*", "item one", "item two"]
        );
    }

    #[test]
    fn spans_point_into_the_original() {
        let source = "Intro.\n\nSee [The Jordan Times](#) on *Friday*.";
        let blocks = blocks(source, 100);
        let block = &blocks[1];
        assert_eq!(block.text(), "See The Jordan Times on Friday.");
        let i = block.text().find("Jordan").unwrap();
        let span = block.original_span(i..i + "Jordan Times".len());
        assert_eq!(&source[span.start - 100..span.end - 100], "Jordan Times");
        let span = block.span();
        assert_eq!(&source[span.start - 100..span.end - 100], "See [The Jordan Times](#) on *Friday*.");
    }

    #[test]
    fn entities_map_to_their_whole_source() {
        let source = "Tom &amp; Jerry";
        let blocks = blocks(source, 0);
        let block = &blocks[0];
        assert_eq!(block.text(), "Tom & Jerry");
        let span = block.original_span(4..5);
        assert_eq!(&source[span.start..span.end], "&amp;");
    }

    #[test]
    fn soft_breaks_are_kept_as_newlines() {
        assert_eq!(
            clean("Caption / Getty Images\nOctober 12, 2020"),
            ["Caption / Getty Images\nOctober 12, 2020"]
        );
    }

    #[test]
    fn char_spans_walk_to_what_original_span_finds() {
        let source = "# Tom &amp; *Jerry* \\*\n\nSee [The Jordan Times](#) on **Fri**day, ![x](y.png) *\u{e9}t\u{e9}*.\n\n- a `b` c\n- d&#8217;e\n";
        for block in blocks(source, 7) {
            let len = block.text().len();
            for start in (0..=len).filter(|&i| block.text().is_char_boundary(i)) {
                let walked: Vec<(usize, char, Span)> = block.char_spans(start..len).collect();
                let searched: Vec<(usize, char, Span)> = block.text()[start..]
                    .char_indices()
                    .map(|(i, c)| (start + i, c, block.original_span(start + i..start + i + c.len_utf8())))
                    .collect();
                assert_eq!(walked, searched, "{:?} from {start}", block.text());
            }
        }
    }

    #[test]
    fn image_alt_text_is_dropped() {
        assert_eq!(clean("Before ![a photo](x.png) after."), ["Before  after."]);
    }
}
