//! Word lists matched as whole words in one pass over a text, and the one
//! list two later stages share: the status words of an agreement or policy
//! ("talks", "signed"), which the matcher reads to keep "negotiating a
//! deal" apart from "signed the deal" and the analysis reads to relate
//! them.
//!
//! An entry is a word or a phrase of words separated by single spaces; a
//! `*` at its end matches any ending of the last word ("negotiat*").
//! Matching ignores ASCII case and needs a word boundary before the entry
//! and, unless it ends in `*`, after it; letters, digits and `-` make up
//! words.

use aho_corasick::{AhoCorasick, MatchKind};

/// A fixed list of lowercase words, looked up in constant time: a hash
/// set made on first use. For lists looked up once a word, where a scan
/// of dozens of entries per word adds up.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        Self { words, set: std::sync::OnceLock::new() }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}

/// A word list compiled into one automaton.
pub(crate) struct WordLexicon {
    patterns: Vec<&'static str>,
    finder: AhoCorasick,
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

impl WordLexicon {
    pub(crate) fn new(patterns: impl IntoIterator<Item = &'static str>) -> Self {
        let patterns: Vec<&'static str> = patterns.into_iter().collect();
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|p| p.trim_end_matches('*')))
            .expect("a word list is a fixed list of plain words");
        Self { patterns, finder }
    }

    /// Every whole-word match as `(pattern index, start, end)`, where `end`
    /// runs to the end of the word for entries ending in `*`.
    fn matches<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        self.finder.find_overlapping_iter(text).filter_map(move |m| {
            let k = m.pattern().as_usize();
            let stem = self.patterns[k].ends_with('*');
            let starts = text[..m.start()].chars().next_back().is_none_or(|c| !word_char(c));
            let rest = &text[m.end()..];
            let ends = stem || rest.chars().next().is_none_or(|c| !word_char(c));
            let end =
                m.end() + if stem { rest.find(|c: char| !word_char(c)).unwrap_or(rest.len()) } else { 0 };
            (starts && ends).then_some((k, m.start(), end))
        })
    }

    /// The entry that occurs first (the earlier-listed one when two start
    /// at the same place), with the words it matched as written, in lower
    /// case ("negotiations" for "negotiat*").
    pub(crate) fn first(&self, text: &str) -> Option<(usize, String)> {
        self.first_match(text).map(|(k, start, end)| (k, text[start..end].to_lowercase()))
    }

    /// The entry that occurs first, as `(pattern index, start, end)`,
    /// without copying the words.
    pub(crate) fn first_match(&self, text: &str) -> Option<(usize, usize, usize)> {
        self.matches(text).min_by_key(|&(k, start, _)| (start, k))
    }

    /// Whether any entry occurs.
    pub(crate) fn any(&self, text: &str) -> bool {
        self.matches(text).next().is_some()
    }

    /// Bit `k` set for every entry `k` that occurs (the first 64 entries).
    pub(crate) fn present(&self, text: &str) -> u64 {
        self.matches(text).filter(|&(k, _, _)| k < 64).fold(0, |bits, (k, _, _)| bits | 1 << k)
    }
}

/// How far an agreement or policy has got. Ordered: a later stage
/// advances an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Stage {
    /// Called for, sought, proposed.
    Proposed,
    /// Under negotiation.
    Negotiating,
    /// Agreed or approved, not yet signed.
    Agreed,
    /// Put on hold after it was agreed or begun: a step back, not an end.
    Paused,
    /// Signed, concluded, in force.
    Done,
    /// Ended, withdrawn, overhauled.
    Ended,
}

impl Stage {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Stage::Proposed => "proposed",
            Stage::Negotiating => "under negotiation",
            Stage::Agreed => "agreed",
            Stage::Paused => "on hold",
            Stage::Done => "done",
            Stage::Ended => "ended or changed",
        }
    }

    /// Whether the stage is an outcome rather than a step towards one.
    pub(crate) fn is_outcome(self) -> bool {
        matches!(self, Stage::Done | Stage::Ended)
    }
}

/// Status words and the stage each says.
const STAGES: &[(&str, Stage)] = &[
    ("called for", Stage::Proposed),
    ("calls for", Stage::Proposed),
    ("calling for", Stage::Proposed),
    ("propos*", Stage::Proposed),
    ("seek*", Stage::Proposed),
    ("sought", Stage::Proposed),
    ("talks", Stage::Negotiating),
    ("negotiat*", Stage::Negotiating),
    ("discuss*", Stage::Negotiating),
    ("finalis*", Stage::Negotiating),
    ("finaliz*", Stage::Negotiating),
    ("potential", Stage::Negotiating),
    ("agreed", Stage::Agreed),
    ("approv*", Stage::Agreed),
    ("endorsed", Stage::Agreed),
    ("on hold", Stage::Paused),
    ("paused", Stage::Paused),
    ("stalled", Stage::Paused),
    ("signed", Stage::Done),
    ("signing", Stage::Done),
    ("inked", Stage::Done),
    ("concluded", Stage::Done),
    ("sealed", Stage::Done),
    ("ratif*", Stage::Done),
    ("entered into force", Stage::Done),
    ("completed", Stage::Done),
    ("cancel*", Stage::Ended),
    ("scrapped", Stage::Ended),
    ("collapsed", Stage::Ended),
    ("terminat*", Stage::Ended),
    ("withdr*", Stage::Ended),
    ("pulled out", Stage::Ended),
    ("suspended", Stage::Ended),
    ("abandon*", Stage::Ended),
    ("overhaul*", Stage::Ended),
    ("revers*", Stage::Ended),
];

static STAGE_WORDS: std::sync::LazyLock<WordLexicon> =
    std::sync::LazyLock::new(|| WordLexicon::new(STAGES.iter().map(|s| s.0)));

/// The first status word of a text, as written, and its stage.
pub(crate) fn stage_of(text: &str) -> Option<(Stage, String)> {
    STAGE_WORDS.first(text).map(|(k, word)| (STAGES[k].1, word))
}

/// The first status word of a text, as its stage and byte range.
pub(crate) fn stage_at(text: &str) -> Option<(Stage, std::ops::Range<usize>)> {
    STAGE_WORDS.first_match(text).map(|(k, start, end)| (STAGES[k].1, start..end))
}

/// Words and phrases that deny what follows.
pub(crate) const DENIALS: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "denying",
    "rejected the report*",
    "rejected the rumour*",
    "rejected the rumor*",
    "dismissed the report*",
    "dismissed the rumour*",
    "refuted",
    "does not exist",
    "did not exist",
    "no such",
];

static DENIAL_WORDS: std::sync::LazyLock<WordLexicon> =
    std::sync::LazyLock::new(|| WordLexicon::new(DENIALS.iter().copied()));

/// The byte range of the first denial in a text ("denied", "rejected the
/// reports").
pub(crate) fn denial_at(text: &str) -> Option<std::ops::Range<usize>> {
    DENIAL_WORDS.first_match(text).map(|(_, start, end)| start..end)
}

/// Whether a text's first status word is an outcome ("signed",
/// "cancelled": `Some(true)`) or a step towards one ("talks", "agreed",
/// "on hold": `Some(false)`), or `None` when it has none.
/// The matcher calls this for every claim, so it copies no words.
pub(crate) fn outcome_of(text: &str) -> Option<bool> {
    STAGE_WORDS.first_match(text).map(|(k, _, _)| STAGES[k].1.is_outcome())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_match_whole_words_and_phrases() {
        let lexicon = WordLexicon::new(["finalis*", "road map", "talk"]);
        let text = "Talks will continue to finalise the road map";
        assert_eq!(lexicon.first(text), Some((0, "finalise".to_owned())));
        assert_eq!(lexicon.present(text), 0b011, "\"talk\" is not \"talks\"");
        assert!(!lexicon.any("the roadmap"));
        assert_eq!(stage_of(text).map(|s| s.0), Some(Stage::Negotiating));
        assert_eq!(stage_of("They designed it, then signed it").map(|s| s.1).as_deref(), Some("signed"));
        assert_eq!(stage_of("Negotiations began").map(|s| s.1).as_deref(), Some("negotiations"));
    }

    #[test]
    fn the_earliest_entry_wins_even_inside_a_rejected_match() {
        // "signedness" is not "signed"; "sign" inside it would be a stem.
        let lexicon = WordLexicon::new(["signed", "talks"]);
        assert_eq!(lexicon.first("signedness talks"), Some((1, "talks".to_owned())));
    }

    #[test]
    fn an_entry_listed_twice_is_found_twice() {
        let lexicon = WordLexicon::new(["accept*", "reject*", "approv*", "reject*"]);
        assert_eq!(lexicon.present("they rejected it"), 0b1010);
    }
}
