//! Splitting a sentence that makes two claims into its clauses.
//!
//! "A road map has been approved and talks will continue to finalise the
//! deal" makes two checkable statements. Without a parser, a split is made
//! only where the evidence is strong: at `and`, `but`, `while` or `;`
//! outside quotes and brackets, when the left side already has a finite
//! verb and the right side starts a clause of its own: an auxiliary or
//! modal ("and is also negotiating", "and would like"), a past-tense verb
//! from a short list ("and made it clear"), or a short noun phrase followed
//! by one of those ("and talks will continue", "but details were").

use std::ops::Range;

use super::text::{trim_range, words};

/// Auxiliaries and modals: finite verbs that reliably open a predicate.
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
    "should", "must", "shall", "does", "did", "do", "remains", "remain", "seems", "seem",
];

/// Common finite past-tense verbs of news prose.
const PAST_VERBS: &[&str] = &[
    "said",
    "made",
    "met",
    "signed",
    "began",
    "took",
    "gave",
    "called",
    "agreed",
    "announced",
    "reached",
    "issued",
    "imposed",
    "launched",
    "persuaded",
    "stressed",
    "noted",
    "became",
    "remained",
    "sent",
    "visited",
    "warned",
    "added",
    "approved",
    "rejected",
    "denied",
    "released",
    "extended",
    "continued",
];

/// Words that may sit between the conjunction and the verb without
/// breaking the pattern.
const ADVERBS: &[&str] =
    &["also", "then", "still", "now", "already", "later", "even", "further", "not", "likely"];

/// Determiners and pronouns that may open the right side's noun phrase.
const NP_OPENERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "it", "he",
    "she", "they", "we", "i", "both", "many", "some", "all", "no",
];

/// Words that cannot sit inside the short subject noun phrase.
const BREAKS_NP: &[&str] = &[
    "until", "in", "on", "at", "to", "for", "with", "by", "from", "of", "that", "which", "who", "when", "as",
    "if", "because", "into", "than",
];

/// How one clause relates to the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// The first clause of the sentence.
    Start,
    /// Joined by `and`: shares the sentence's attribution.
    And,
    /// Joined by `but`, `while` or `;`: may change voice.
    Contrast,
}

/// The clauses of `text` as trimmed byte ranges, with how each joins the
/// one before.
pub(crate) fn clauses(text: &str) -> Vec<(Range<usize>, Join)> {
    let spans = words(text);
    let lower: Vec<String> = spans.iter().map(|r| text[r.clone()].to_lowercase()).collect();
    let depth_at = depths(text);
    let mut cuts: Vec<(usize, usize, Join)> = Vec::new(); // (cut start, right start, join)
    for (k, r) in spans.iter().enumerate() {
        let join = match lower[k].as_str() {
            "and" => Join::And,
            "but" | "while" => Join::Contrast,
            _ => continue,
        };
        if depth_at.get(r.start).copied().unwrap_or(0) != 0 {
            continue;
        }
        if join == Join::Contrast && lower[k] == "while" && !text[..r.start].trim_end().ends_with(',') {
            continue;
        }
        let left_start = cuts.last().map_or(0, |c| c.1);
        let left_words = &lower[word_index_at(&spans, left_start)..k];
        if left_words.len() < 4 || !has_finite_verb(left_words) {
            continue;
        }
        let right = &lower[k + 1..];
        if right.len() < 4 || !opens_clause(right, &spans[k + 1..], text) {
            continue;
        }
        cuts.push((r.start, r.end, join));
    }
    // Semicolons at depth 0 split too, when both sides are long enough.
    for (i, c) in text.char_indices() {
        if c == ';' && depth_at.get(i).copied().unwrap_or(0) == 0 {
            let left = text[..i].split_whitespace().count();
            let right = text[i + 1..].split_whitespace().count();
            if left >= 4 && right >= 4 {
                cuts.push((i, i + 1, Join::Contrast));
            }
        }
    }
    cuts.sort_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut start = 0;
    let mut join = Join::Start;
    for (cut, next, next_join) in cuts {
        if let Some(range) = trim_range(text, start..cut) {
            let range = trim_trailing_comma(text, range);
            out.push((range, join));
        }
        start = next;
        join = next_join;
    }
    if let Some(range) = trim_range(text, start..text.len()) {
        out.push((range, join));
    }
    if out.is_empty() {
        out.push((0..text.len(), Join::Start));
    }
    out
}

fn trim_trailing_comma(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let trimmed = piece.trim_end_matches([',', ' ']);
    range.start..range.start + trimmed.len().max(1)
}

fn word_index_at(spans: &[Range<usize>], offset: usize) -> usize {
    spans.partition_point(|r| r.start < offset)
}

fn is_verb(word: &str) -> bool {
    AUXILIARIES.contains(&word) || PAST_VERBS.contains(&word)
}

/// Only listed verbs count: an "-ed" word is as often a participle or
/// adjective ("a detailed document") as a finite verb.
fn has_finite_verb(words: &[String]) -> bool {
    words.iter().any(|w| is_verb(w))
}

/// Whether the words after a conjunction open a clause of their own.
fn opens_clause(right: &[String], spans: &[Range<usize>], text: &str) -> bool {
    let mut k = 0;
    while right.get(k).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
        k += 1;
    }
    if right.get(k).is_some_and(|w| is_verb(w)) {
        return true;
    }
    // A short noun phrase, then a verb, with no comma in between.
    let first = &right[0];
    let capitalised = spans.first().is_some_and(|r| text[r.clone()].starts_with(char::is_uppercase));
    // The noun phrase opens with a determiner or pronoun, a name, or a
    // plural noun ("talks", "details").
    let plural = first.len() > 3 && first.ends_with('s') && !first.ends_with("ss");
    if !(NP_OPENERS.contains(&first.as_str()) || capitalised || plural) {
        return false;
    }
    for (n, w) in right.iter().enumerate().take(5).skip(1) {
        let between = &text[spans[0].start..spans[n].start];
        if between.contains([',', '"', '“', '(']) {
            return false;
        }
        if is_verb(w) {
            return true;
        }
        if BREAKS_NP.contains(&w.as_str()) {
            return false;
        }
    }
    false
}

/// Quote and bracket depth before each byte of `text`.
fn depths(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; text.len() + 1];
    let mut quote = false;
    let mut curly = 0u8;
    let mut paren = 0u8;
    for (i, c) in text.char_indices() {
        let depth = u8::from(quote) + curly + paren;
        for slot in out.iter_mut().skip(i).take(c.len_utf8()) {
            *slot = depth;
        }
        match c {
            '"' => quote = !quote,
            '“' => curly = curly.saturating_add(1),
            '”' => curly = curly.saturating_sub(1),
            '(' | '[' => paren = paren.saturating_add(1),
            ')' | ']' => paren = paren.saturating_sub(1),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        clauses(text).into_iter().map(|(r, _)| &text[r]).collect()
    }

    #[test]
    fn two_claims_in_one_sentence_are_split() {
        assert_eq!(
            split(
                "A road map has now, reportedly, been approved by Iranian President Hassan Rouhani and talks will continue to finalise the deal."
            ),
            [
                "A road map has now, reportedly, been approved by Iranian President Hassan Rouhani",
                "talks will continue to finalise the deal."
            ]
        );
        assert_eq!(
            split(
                "Iran is seeking to extend a 20-year agreement with Russia and is also negotiating a 25-year deal with China."
            ),
            [
                "Iran is seeking to extend a 20-year agreement with Russia",
                "is also negotiating a 25-year deal with China."
            ]
        );
        assert_eq!(
            split(
                "The minister said both sides \"agreed to finalize the agreement\" but details were not disclosed."
            ),
            [
                "The minister said both sides \"agreed to finalize the agreement\"",
                "details were not disclosed."
            ]
        );
    }

    #[test]
    fn coordinated_subjects_and_objects_stay_together() {
        for text in [
            "Last year, China, Iran and Russia conducted naval drills in the Indian Ocean.",
            "Tehran and Beijing have accelerated talks on a 25-year partnership.",
            "Washington rejected this opportunity, leaving Iran largely ostracised and isolated until the deal was implemented.",
            "He said \"we agree and they will follow\" today.",
        ] {
            assert_eq!(split(text), [text]);
        }
    }
}
