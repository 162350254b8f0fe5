//! Sentence segmentation that survives real news text.
//!
//! Unicode's sentence boundaries (UAX #29, through `unicode-segmentation`)
//! do the heavy lifting: closing quotes after a full stop, lowercase after
//! "U.S.", and scripts other than Latin. On top of them this module undoes
//! the breaks UAX #29 gets wrong in news: after title and month
//! abbreviations ("Mr.", "Jan. 5"), initials ("Shireen T. Hunter"), dotted
//! acronyms before a name ("U.S. Treasury"), and line breaks inside a
//! sentence; and it joins a sentence that a stray blank line cut in two.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::text::{MappedText, trim_range};
use super::time::MONTH_ABBREVIATIONS;
use crate::corpus::markup::{self, BlockKind};
use crate::model::{Article, Span};

/// One sentence: its clean text, mapped to the original, and the block
/// it starts in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Clean text, markup removed and whitespace folded, with its map.
    pub(crate) text: MappedText,
    /// The role of the block the sentence starts in.
    pub(crate) kind: BlockKind,
    /// Index of the block the sentence starts in.
    pub(crate) block: usize,
    /// Index of the block it ends in (later when a stray blank line cut
    /// the sentence in two).
    pub(crate) end_block: usize,
}

impl Sentence {
    /// The sentence's span in the article's original text.
    pub(crate) fn span(&self) -> Span {
        self.text.full_span()
    }
}

/// Titles and other abbreviations that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "sen", "rep", "gov",
    "pres", "st", "jr", "sr", "rev", "hon", "fr", "messrs", "mt", "ft", "no", "nos", "vs", "v", "e.g", "i.e",
    "cf", "approx", "dept", "fig", "art", "sec", "vol", "ca",
];

/// Abbreviations closing a company name ("Hikvision Digital Technology
/// Co."), which end a sentence unless lowercase text follows.
pub(crate) const NAME_ENDINGS: &[&str] = &["co", "corp", "inc", "ltd", "llc", "plc", "bros"];

/// Words that commonly open a sentence: after "U.S." they mean the
/// acronym did end the sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "It",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "However",
    "Meanwhile",
    "So",
    "Yet",
    "There",
    "On",
    "At",
    "For",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
];

/// Splits an article's body into sentences, in text order.
pub(crate) fn sentences(article: &Article) -> Vec<Sentence> {
    let blocks = markup::blocks(article.body(), article.body_span().start);
    let mut out: Vec<Sentence> = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        for (n, range) in split_block(block.text()).into_iter().enumerate() {
            let piece = block.text().get(range.clone()).unwrap_or_default();
            let joins_previous = n == 0
                && block.kind() == BlockKind::Paragraph
                && out.last().is_some_and(|prev| {
                    let prev_text = prev.text.as_str();
                    prev.kind == BlockKind::Paragraph
                        && prev.end_block + 1 == index
                        && (!ends_sentence(prev_text) || ends_with_name_ending(prev_text))
                        && starts_lowercase(piece)
                });
            match out.last_mut() {
                Some(prev) if joins_previous => {
                    prev.text.push_separator();
                    prev.text.push_block_range(block, range);
                    prev.text.trim_end();
                    prev.end_block = index;
                }
                _ => {
                    let mut text = MappedText::default();
                    text.push_block_range(block, range);
                    text.trim_end();
                    out.push(Sentence { text, kind: block.kind(), block: index, end_block: index });
                }
            }
        }
    }
    out
}

/// Splits one block of clean text into trimmed sentence ranges, dropping
/// pieces without a letter or digit (stray `*`, bullets, dashes).
pub(crate) fn split_block(text: &str) -> Vec<Range<usize>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut glue = false;
    let wrapped = hard_wrapped(text);
    for (start, piece) in text.split_sentence_bound_indices() {
        let end = start + piece.len();
        match pieces.last_mut() {
            Some(last) if glue => last.end = end,
            _ => pieces.push(start..end),
        }
        let next = text.get(end..).unwrap_or_default();
        glue =
            pieces.last().is_some_and(|r| continues(text.get(r.clone()).unwrap_or_default(), next, wrapped));
    }
    pieces
        .into_iter()
        .filter_map(|r| trim_range(text, r))
        .filter(|r| text.get(r.clone()).is_some_and(|s| s.chars().any(char::is_alphanumeric)))
        .collect()
}

/// Whether a block is wire copy wrapped at a fixed width: three lines or
/// more, most of them 35 to 100 characters long, most breaking mid-sentence.
/// There a line break is no boundary at all ("Malaysia\nAirlines Flight
/// 17 was shot down by a\nRussian-made Buk missile").
fn hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    let Some((_, wrapped)) = lines.split_last() else { return false };
    let sized = wrapped.iter().filter(|l| (35..=100).contains(&l.trim().chars().count())).count();
    let mid_sentence = wrapped.iter().filter(|l| !ends_sentence(l)).count();
    lines.len() >= 3 && 4 * sized >= 3 * wrapped.len() && 2 * mid_sentence >= wrapped.len()
}

/// "By Thomas Escritt and Toby Sterling": "By" and capitalised names.
fn is_byline(line: &str) -> bool {
    line.strip_prefix("By ").is_some_and(|names| {
        names.split_whitespace().all(|w| w == "and" || w.starts_with(char::is_uppercase))
    })
}

/// Whether a piece that UAX #29 ended should run on into `next`; in a
/// `wrapped` block, a line break goes on unless the line ends a sentence.
fn continues(piece: &str, next: &str, wrapped: bool) -> bool {
    let next = next.trim_start();
    let Some(next_first) = next.chars().next() else {
        return false;
    };
    // A line break inside a block: the sentence goes on when the line
    // stops mid-phrase or the next line carries on in lowercase.
    if piece.ends_with('\n') {
        let line = piece.trim_end();
        if line.is_empty() || ends_sentence(line) {
            return false;
        }
        // In wire copy, a line that closes a quotation (a bullet of
        // highlights) or is a byline ("By A and B") still ends there.
        let last_line = line.rsplit('\n').next().unwrap_or(line).trim();
        let whole_line = wrapped && !line.ends_with(['"', '”', ')']) && !is_byline(last_line);
        return whole_line || next_first.is_lowercase() || line.ends_with([',', ';', '(', '-', '–', '—']);
    }
    let Some(word) = piece.split_whitespace().last() else {
        return false;
    };
    let word = word.trim_start_matches(['(', '[', '"', '“', '\'', '‘']);
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let lower = stem.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A company name closing a quotation's speaker: "..., BP America, Inc.
    // President and Chairman Lamar McKay said."
    if NAME_ENDINGS.contains(&lower.as_str()) && is_speaker_tail(next) {
        return true;
    }
    // Month abbreviations do not end a sentence before a day number.
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) {
        return next_first.is_ascii_digit();
    }
    let mut chars = stem.chars();
    let is_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if is_initial {
        return next_first.is_uppercase();
    }
    if is_dotted_acronym(stem) {
        let next_word = next.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        return next_first.is_uppercase() && !SENTENCE_OPENERS.contains(&next_word);
    }
    false
}

/// Whether `text` opens with a sentence that is only a speaker: a title
/// and name, capitalised, then a reporting cue ("President and CEO
/// Steven Newman said."). No sentence is that alone; it ends the one
/// before.
fn is_speaker_tail(text: &str) -> bool {
    let text = text.trim_start();
    let Some(end) = text.find(['.', '!', '?']) else {
        return false;
    };
    let words: Vec<&str> = text[..end].split_whitespace().collect();
    let Some((verb, name)) = words.split_last() else {
        return false;
    };
    text[end..].starts_with('.')
        && super::attribution::CUES.contains(verb)
        && (1..=8).contains(&name.len())
        && name.iter().all(|w| matches!(*w, "and" | "of" | "&") || w.starts_with(char::is_uppercase))
}

/// "U.S", "U.N", "E.U": single letters joined by dots (the final dot
/// already removed).
fn is_dotted_acronym(stem: &str) -> bool {
    let parts: Vec<&str> = stem.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let mut c = p.chars();
            matches!((c.next(), c.next()), (Some(x), None) if x.is_alphabetic())
        })
}

/// Whether `text` ends like a finished sentence (closing quotes and
/// brackets aside).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ':'])
}

fn ends_with_name_ending(text: &str) -> bool {
    text.split_whitespace()
        .last()
        .and_then(|w| w.strip_suffix('.'))
        .is_some_and(|w| NAME_ENDINGS.contains(&w.to_lowercase().as_str()))
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_block(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones on Jan. 5 in the U.S. Treasury. They talked."),
            ["Mr. Smith met Dr. Jones on Jan. 5 in the U.S. Treasury.", "They talked."]
        );
        assert_eq!(
            split("Iran expert Shireen T. Hunter argues so. She writes."),
            ["Iran expert Shireen T. Hunter argues so.", "She writes."]
        );
        assert_eq!(
            split(
                "the fight against the U.S. unilateralism. As a member of the U.N. Human Rights Council, it spoke."
            ),
            [
                "the fight against the U.S. unilateralism.",
                "As a member of the U.N. Human Rights Council, it spoke."
            ]
        );
        assert_eq!(split("They left the U.S. The talks ended."), ["They left the U.S.", "The talks ended."]);
        assert_eq!(
            split("\"It failed,\" BP America, Inc. President and Chairman Lamar McKay said. He left."),
            ["\"It failed,\" BP America, Inc. President and Chairman Lamar McKay said.", "He left."]
        );
        assert_eq!(
            split("The order went to Hikvision Digital Technology Co. The company said."),
            ["The order went to Hikvision Digital Technology Co.", "The company said."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(split("He said \"we agree.\" Then he left."), ["He said \"we agree.\"", "Then he left."]);
    }

    #[test]
    fn lines_without_final_punctuation_stand_alone() {
        assert_eq!(
            split("Iranian President Hassan Rouhani / Getty Images\nOctober 12, 2020"),
            ["Iranian President Hassan Rouhani / Getty Images", "October 12, 2020"]
        );
        assert_eq!(
            split("a sentence that goes\non in lowercase."),
            ["a sentence that goes\non in lowercase."]
        );
        // Wire copy wrapped at a fixed width: the lines are one text, but
        // a quoted highlight and a byline end where their line does.
        assert_eq!(
            split(
                "Airlines \"should have seen dangers of flying in the area\"\nBy Thomas Escritt and Toby Sterling\nGILZE-RIJEN, Netherlands, Oct 13 Malaysia\nAirlines Flight 17 was shot down over eastern Ukraine by a\nRussian-made Buk missile."
            ),
            [
                "Airlines \"should have seen dangers of flying in the area\"",
                "By Thomas Escritt and Toby Sterling",
                "GILZE-RIJEN, Netherlands, Oct 13 Malaysia\nAirlines Flight 17 was shot down over eastern Ukraine by a\nRussian-made Buk missile."
            ]
        );
        assert_eq!(
            split(
                "GILZE-RIJEN, Netherlands, Oct 13 Malaysia\nAirlines Flight 17 was shot down over eastern Ukraine by a\nRussian-made Buk missile, the Dutch Safety Board concluded on\nTuesday in its final report. But the findings of the\nboard did not point the finger at any group."
            ),
            [
                "GILZE-RIJEN, Netherlands, Oct 13 Malaysia\nAirlines Flight 17 was shot down over eastern Ukraine by a\nRussian-made Buk missile, the Dutch Safety Board concluded on\nTuesday in its final report.",
                "But the findings of the\nboard did not point the finger at any group."
            ]
        );
    }

    #[test]
    fn non_latin_text_is_split() {
        assert_eq!(split("中国很大。伊朗也很大。"), ["中国很大。", "伊朗也很大。"]);
        assert_eq!(
            split("Spokesperson 发言人 办公室 (@MFA_China) March 28, 2021"),
            ["Spokesperson 发言人 办公室 (@MFA_China) March 28, 2021"]
        );
    }

    #[test]
    fn pieces_without_words_are_dropped() {
        assert_eq!(split("* • —"), Vec::<&str>::new());
    }
}
