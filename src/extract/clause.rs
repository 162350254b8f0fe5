//! Splitting a sentence that makes two claims into its clauses.
//!
//! "A road map has been approved and talks will continue to finalise the
//! deal" makes two checkable statements. Without a parser, a split is made
//! only where the evidence is strong, outside quotes and brackets:
//!
//! - at a coordinating `and`, `but` or `yet`, or at `, while`, `, though`,
//!   `, although`, `, whereas`, when the left side already has a finite
//!   verb and the right side starts a clause of its own: an auxiliary or
//!   modal ("and is also negotiating"), a past-tense verb from a list
//!   ("and made it clear"), a subject pronoun ("and he is"), or a short
//!   noun phrase followed by one of those ("and talks will continue"),
//!   possibly after a short introductory phrase ("and in doing so, he");
//! - after a leading subordinate clause ("While A, B", "Although A, B"),
//!   at the first comma where a clause of that kind starts;
//! - at a semicolon, and at a colon that opens a clause rather than a
//!   quotation ("three options: The first is ...").
//!
//! A sentence that is itself one quotation (it opens with a quotation
//! mark) is split inside that quotation like any other sentence.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use super::lexicon::WordSet;
use super::text::{trim_range, words};

/// Auxiliaries and modals: finite verbs that reliably open a predicate.
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
    "should", "must", "shall", "does", "did", "do", "remains", "remain", "seems", "seem",
];

/// Common finite past-tense verbs of news prose: regular ones that are
/// rarely adjectives, and the irregular ones.
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
    "reinstated",
    "withdrew",
    "put",
    "held",
    "led",
    "built",
    "sold",
    "bought",
    "told",
    "found",
    "kept",
    "won",
    "lost",
    "paid",
    "brought",
    "sought",
    "thought",
    "went",
    "came",
    "saw",
    "knew",
    "wrote",
    "spoke",
    "grew",
    "fell",
    "rose",
    "chose",
    "struck",
    "drew",
    "broke",
    "got",
    "ran",
    "stood",
    "meant",
    "felt",
    "hit",
    "cut",
    "let",
    "stuck",
    "shot",
    "sank",
    "blew",
    "flew",
    "left",
    "spread",
];

/// Words that may sit between the conjunction and the verb without
/// breaking the pattern.
static ADVERBS: WordSet = WordSet::new(&[
    "also",
    "then",
    "still",
    "now",
    "already",
    "later",
    "even",
    "further",
    "not",
    "likely",
    "nevertheless",
    "nonetheless",
    "however",
    "therefore",
    "thus",
    "again",
    "currently",
    "reportedly",
    "allegedly",
    "probably",
    "certainly",
    "actually",
    "never",
    "often",
    "regularly",
    "usually",
    "recently",
    "soon",
]);

/// Pronouns that are the subject of the clause they open.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

/// Determiners and pronouns that may open the right side's noun phrase.
static NP_OPENERS: WordSet = WordSet::new(&[
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "it", "he",
    "she", "they", "we", "i", "both", "many", "some", "all", "no",
]);

/// Words that cannot sit inside the short subject noun phrase.
static BREAKS_NP: WordSet = WordSet::new(&[
    "until", "in", "on", "at", "to", "for", "with", "by", "from", "that", "which", "who", "when", "as", "if",
    "because", "into", "than",
]);

/// Words after which a new, embedded clause starts.
static COMPLEMENTIZERS: WordSet = WordSet::new(&[
    "that", "which", "who", "whether", "if", "because", "when", "where", "while", "whereas", "although",
    "though", "unless",
]);

/// Subordinators that open a leading contrastive clause ("While A, B").
const SUBORDINATORS: &[&str] = &["while", "although", "though", "whereas"];

/// Connectives that may come before a leading subordinator ("Yet while").
const CONNECTIVES: &[&str] = &["yet", "but", "and", "so", "therefore", "however", "still", "even"];

/// Words in "-ing" after a comma that do not open a participle clause:
/// prepositions ("including", "according to") and nouns.
static NOT_PARTICIPLES: WordSet = WordSet::new(&[
    "including",
    "according",
    "during",
    "following",
    "regarding",
    "concerning",
    "excluding",
    "pending",
    "barring",
    "considering",
    "notwithstanding",
    "something",
    "nothing",
    "anything",
    "everything",
    "morning",
    "evening",
    "building",
    "meeting",
    "briefing",
    "ruling",
    "hearing",
    "ceiling",
    "spring",
    "string",
    "funding",
    "offering",
    "setting",
    "spending",
    "opening",
    "warning",
    "training",
    "acting",
    "managing",
    "outgoing",
    "incoming",
    "leading",
    "ruling",
    "governing",
    "presiding",
]);

/// Words that open a leading adverbial clause ("When A, B"): the comma
/// after it is not followed by a participle clause.
static LEADING_ADVERBIAL: WordSet = WordSet::new(&[
    "when", "while", "if", "although", "though", "as", "after", "before", "because", "since", "until",
    "unless", "once", "whereas",
]);

/// Prepositions that may follow a verb's second predicate.
static PREPOSITIONS: WordSet = WordSet::new(&[
    "from", "by", "in", "on", "at", "to", "into", "over", "with", "off", "across", "near", "against",
]);

/// How one clause relates to the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// The first clause of the sentence.
    Start,
    /// Joined by `and` or a colon: shares the sentence's attribution.
    And,
    /// Joined by `but`, `while`, a leading subordinate clause or `;`: may
    /// change voice.
    Contrast,
}

/// A sentence's words, lowercased, with their byte ranges and the quote
/// and bracket depth before each byte.
///
/// Every question asked of a stretch of words (does it hold a verb, where
/// is its last "that") is answered from prefix counts made once, so a
/// sentence of thousands of conjunctions stays linear.
struct Tokens<'t> {
    text: &'t str,
    spans: Vec<Range<usize>>,
    lower: Vec<Cow<'t, str>>,
    depth: Vec<u8>,
    /// Prefix counts, `[i]` over the words before index `i`: listed
    /// finite verbs, present-tense "-s" verbs after their subject, regular
    /// "-ed" words, and figures.
    verbs: Vec<u32>,
    presents: Vec<u32>,
    regular_pasts: Vec<u32>,
    figures: Vec<u32>,
    /// `[i]`: one past the index of the last complementizer, and of the
    /// last "between", before index `i` (0 for none).
    last_complementizer: Vec<usize>,
    last_between: Vec<usize>,
    /// The byte offsets of the commas that are not inside a number.
    commas: Vec<usize>,
}

/// Prefix counts of `test` over `0..n`.
fn prefix(n: usize, test: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(n + 1);
    out.push(0);
    for i in 0..n {
        out.push(out[i] + u32::from(test(i)));
    }
    out
}

/// `[i]`: one past the last index before `i` that passes `test`.
fn last_before(n: usize, test: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(n + 1);
    out.push(0);
    for i in 0..n {
        out.push(if test(i) { i + 1 } else { out[i] });
    }
    out
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        let spans = words(text);
        let lower: Vec<Cow<'_, str>> = spans.iter().map(|r| lowercase(&text[r.clone()])).collect();
        let n = lower.len();
        let bytes = text.as_bytes();
        let in_number = |c: usize| {
            c > 0 && bytes[c - 1].is_ascii_digit() && bytes.get(c + 1).is_some_and(u8::is_ascii_digit)
        };
        let commas = text.match_indices(',').map(|(c, _)| c).filter(|&c| !in_number(c)).collect();
        let tokens = Tokens {
            text,
            depth: depths(text),
            spans,
            lower,
            verbs: Vec::new(),
            presents: Vec::new(),
            regular_pasts: Vec::new(),
            figures: Vec::new(),
            last_complementizer: Vec::new(),
            last_between: Vec::new(),
            commas,
        };
        let verbs = prefix(n, |i| is_verb(&tokens.lower[i]));
        let presents = prefix(n, |i| tokens.present_verb_at(i));
        let regular_pasts = prefix(n, |i| is_regular_past(&tokens.lower[i]));
        let figures = prefix(n, |i| tokens.figure(i));
        let last_complementizer = last_before(n, |i| COMPLEMENTIZERS.contains(tokens.lower[i].as_ref()));
        let last_between = last_before(n, |i| tokens.lower[i] == "between");
        Tokens { verbs, presents, regular_pasts, figures, last_complementizer, last_between, ..tokens }
    }

    /// How many words of `range` pass the test `counts` is the prefix of.
    fn count(counts: &[u32], range: Range<usize>) -> u32 {
        if range.start >= range.end {
            return 0;
        }
        counts[range.end] - counts[range.start]
    }

    fn at_top(&self, offset: usize) -> bool {
        self.depth.get(offset).copied().unwrap_or(0) == 0
    }

    fn index_at(&self, offset: usize) -> usize {
        self.spans.partition_point(|r| r.start < offset)
    }

    /// Whether the words from index `k` on open a clause of their own.
    fn opens_clause(&self, k: usize) -> bool {
        if self.lower.len().saturating_sub(k) < 4 {
            return false;
        }
        if self.opens_clause_here(k) {
            return true;
        }
        // A short introductory phrase closed by a comma: "in doing so, he".
        let limit = (k + 5).min(self.spans.len());
        let from = self.spans[k].start;
        (k + 1..limit).any(|n| {
            let between = &self.text[from..self.spans[n].start];
            between.matches(',').count() == 1
                && between.trim_end().ends_with(',')
                && !between.contains(['"', '“', '('])
                && self.opens_clause_here(n)
        })
    }

    /// Whether the words `range` hold a finite verb: a listed one, or a
    /// present-tense "-s" verb right after its subject ("China continues",
    /// "it still banks"): a name, a subject pronoun or an adverb. A plural
    /// noun after a determiner or an adjective ("the talks") is not one.
    fn has_verb(&self, range: Range<usize>) -> bool {
        // A present-tense verb needs its subject inside the range.
        Self::count(&self.verbs, range.clone()) > 0
            || Self::count(&self.presents, range.start + 1..range.end) > 0
    }

    /// Whether word `i` is a present-tense "-s" verb after its subject.
    fn present_verb_at(&self, i: usize) -> bool {
        let w = self.lower[i].as_ref();
        let shaped = w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && w.chars().all(|c| c.is_ascii_lowercase());
        if !shaped || i == 0 {
            return false;
        }
        let before = &self.lower[i - 1];
        let capitalised = |k: usize| self.text[self.spans[k].clone()].starts_with(char::is_uppercase);
        let name = capitalised(i - 1) && !capitalised(i) && !NP_OPENERS.contains(before.as_ref());
        name || SUBJECT_PRONOUNS.contains(&before.as_ref())
            || ADVERBS.contains(before.as_ref())
            || before.ends_with("ly")
    }

    /// Whether the words before a conjunction make a complete clause: a
    /// finite verb, also after the last complementizer ("noted that the
    /// talks between China" is not complete), and not the first half of
    /// "between A and B".
    fn left_is_complete(&self, range: Range<usize>) -> bool {
        let after = |last: &[usize]| last.get(range.end).copied().filter(|&i| i > range.start);
        let last_clause = after(&self.last_complementizer).unwrap_or(range.start);
        // "between A and B": the conjunction joins the two parties.
        let joins_parties = after(&self.last_between).is_some_and(|b| !self.has_verb(b..range.end));
        self.has_verb(range.clone()) && self.has_verb(last_clause..range.end) && !joins_parties
    }

    /// Whether the conjunction at `offset` joins the last items of a list
    /// ("A, B and C was"): the words since the last comma are few and hold
    /// no verb. A comma inside a number ("40,000") separates no items.
    fn ends_list(&self, offset: usize) -> bool {
        let before = self.commas.partition_point(|&c| c < offset);
        let Some(&comma) =
            before.checked_sub(1).and_then(|i| self.commas.get(i)).filter(|&&c| self.at_top(c))
        else {
            return false;
        };
        let item = self.index_at(comma)..self.index_at(offset);
        !item.is_empty() && item.len() <= 3 && Self::count(&self.verbs, item) == 0
    }

    /// Whether the words from index `k` up to the next comma hold a
    /// finite verb, past its first word: a clause, not a list item.
    fn has_verb_before_comma(&self, k: usize) -> bool {
        let Some(first) = self.spans.get(k) else { return false };
        let end = self.text[first.start..].find([',', ';', ':']).map_or(self.text.len(), |i| first.start + i);
        let n = self.index_at(end);
        n > k + 1 && self.lower.len() - k >= 3 && self.has_verb(k..n)
    }

    /// Whether the words from index `k` are a second predicate of the
    /// subject before: a regular past tense followed by a preposition, a
    /// determiner or a number ("fired from", "killed all", "injured 17").
    fn second_predicate(&self, k: usize) -> bool {
        let (Some(verb), Some(next)) = (self.lower.get(k), self.lower.get(k + 1)) else { return false };
        let opens = NP_OPENERS.contains(next.as_ref())
            || PREPOSITIONS.contains(next.as_ref())
            || next.starts_with(|c: char| c.is_ascii_digit());
        // "finalised and implemented, the deal": a comma ends the phrase.
        let joined = self.text[self.spans[k].end..self.spans[k + 1].start].trim().is_empty();
        is_regular_past(verb) && opens && joined
    }

    /// Whether the words `left` and the words from index `k` each give a
    /// figure of their own, and the right side, of four words or more,
    /// starts no list item: two figures, two facts.
    fn figure_clauses(&self, left: Range<usize>, k: usize) -> bool {
        let n = self.lower.len();
        n.saturating_sub(k) >= 4
            && !self.figure(k)
            && Self::count(&self.figures, left) > 0
            && Self::count(&self.figures, k..n) > 0
    }

    /// Whether word `i` is a figure of two digits or more, not a year or a
    /// day of a month.
    fn figure(&self, i: usize) -> bool {
        let Some(w) = self.lower.get(i).map(AsRef::as_ref) else { return false };
        let year = w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y));
        let day = i > 0 && super::time::is_month_word(&self.lower[i - 1]);
        w.starts_with(|c: char| c.is_ascii_digit()) && w.len() > 1 && !year && !day
    }

    /// Whether the words from index `k` open a relative clause that gives
    /// a figure: a verb, then a figure within three words ("that killed
    /// all 298 people", "in which 295 people are reported killed").
    fn relative_with_figure(&self, k: usize) -> bool {
        let verb = self.lower.get(k).is_some_and(|w| is_verb(w) || is_regular_past(w));
        (verb && (k + 1..k + 4).any(|i| self.figure(i)))
            || (self.lower.get(k).is_some_and(|w| w == "which") && self.figure(k + 1))
    }

    fn opens_clause_here(&self, k: usize) -> bool {
        let right = &self.lower[k..];
        let spans = &self.spans[k..];
        let mut a = 0;
        while right.get(a).is_some_and(|w| ADVERBS.contains(w.as_ref())) {
            a += 1;
        }
        if right.get(a).is_some_and(|w| is_verb(w)) {
            return true;
        }
        let Some(first) = right.first() else { return false };
        // A subject pronoun, adverbs, then any word that can be a verb.
        if SUBJECT_PRONOUNS.contains(&first.as_ref()) {
            let mut v = 1;
            while right.get(v).is_some_and(|w| ADVERBS.contains(w.as_ref())) {
                v += 1;
            }
            return right.get(v).is_some_and(|w| !BREAKS_NP.contains(w.as_ref()) && w != "and");
        }
        // A short noun phrase, then a verb, with no comma in between.
        let capitalised = self.text[spans[0].clone()].starts_with(char::is_uppercase);
        // The noun phrase opens with a determiner or pronoun, a name, or a
        // plural noun ("talks", "details"), or a gerund ("ending it").
        let plural = first.len() > 3 && first.ends_with('s') && !first.ends_with("ss");
        let gerund = first.len() > 5 && first.ends_with("ing");
        if !(NP_OPENERS.contains(first.as_ref()) || capitalised || plural || gerund) {
            return false;
        }
        for (n, w) in right.iter().enumerate().take(7).skip(1) {
            let between = &self.text[spans[0].start..spans[n].start];
            if between.contains([',', '"', '“', '(']) {
                return false;
            }
            if is_verb(w) {
                return true;
            }
            if BREAKS_NP.contains(w.as_ref()) {
                return false;
            }
        }
        false
    }
}

/// The clauses of `text` as trimmed byte ranges, with how each joins the
/// one before.
pub(crate) fn clauses(text: &str) -> Vec<(Range<usize>, Join)> {
    let tokens = Tokens::new(text);
    let mut cuts = Cuts::default();
    if let Some(cut) = leading_subordinate(&tokens) {
        cuts.push(cut);
    }
    for (k, r) in tokens.spans.iter().enumerate() {
        let word = tokens.lower[k].as_ref();
        let join = match word {
            "and" => Join::And,
            "but" | "yet" => Join::Contrast,
            _ if SUBORDINATORS.contains(&word) => Join::Contrast,
            _ => continue,
        };
        if !tokens.at_top(r.start) || k == 0 {
            continue;
        }
        let after_comma = text[..r.start].trim_end().ends_with(',');
        if (word == "yet" || SUBORDINATORS.contains(&word)) && !after_comma {
            continue;
        }
        let left_start = cuts.left_start(r.start);
        let left_words = &tokens.lower[tokens.index_at(left_start)..k];
        if SUBORDINATORS.contains(&word) {
            // ", while B": the comma and the subordinator already mark the
            // boundary; B needs only a subject and a verb of its own.
            if left_words.len() < 4 || !tokens.has_verb_before_comma(k + 1) {
                continue;
            }
        } else if left_words.len() < 4
            || !tokens.left_is_complete(tokens.index_at(left_start)..k)
            || tokens.ends_list(r.start)
            || !tokens.opens_clause(k + 1)
        {
            continue;
        }
        cuts.push((r.start, r.end, join));
    }
    // Semicolons split when both sides are long enough; colons when they
    // open a clause and not a quotation or a list.
    for (i, c) in text.char_indices() {
        if !matches!(c, ';' | ':') || !tokens.at_top(i) {
            continue;
        }
        let left = tokens.index_at(i);
        let k = tokens.index_at(i + 1);
        if c == ';' {
            if left >= 4 && tokens.lower.len() - k >= 4 {
                cuts.push((i, i + 1, Join::Contrast));
            }
            continue;
        }
        let left_words = &tokens.lower[..k];
        let quoted = text[i + 1..].trim_start().starts_with(['"', '“', '\'', '‘']);
        let after_cue = left_words.last().is_some_and(|w| is_verb(w) || w == "says" || w == "adds");
        let has_verb = Tokens::count(&tokens.verbs, 0..k) > 0;
        if left >= 4 && has_verb && !quoted && !after_cue && tokens.opens_clause(k) {
            cuts.push((i, i + 1, Join::And));
        }
    }
    // Two more shapes state a fact of their own after a complete clause
    // of four words or more, when three words or more follow:
    // - a trailing participle or non-restrictive relative clause after a
    //   comma: "..., killing all 298 people aboard", "..., which killed 11
    //   workers";
    // (A trailing clause of time, "... when it was shot down", is left
    // whole: its event mostly dates the main one, "launched when Xi
    // visited".)
    // - a second predicate of the same subject: "... and fired from a
    //   field", "... and injured 17 more".
    for (k, r) in tokens.spans.iter().enumerate() {
        let word = tokens.lower[k].as_ref();
        if k < 4 || !tokens.at_top(r.start) || tokens.lower.len() - k < 3 {
            continue;
        }
        let after_comma = text[..r.start].trim_end().ends_with(',');
        let participle = is_participle(word) && text[r.clone()].starts_with(|c: char| c.is_lowercase());
        let next = tokens.lower.get(k + 1).map_or("", |w| w.as_ref());
        let relative = matches!(word, "which" | "who") || (word == "of" && matches!(next, "which" | "whom"));
        let left_start = cuts.left_start(r.start);
        let left = tokens.index_at(left_start)..k;
        // "killing 11 workers and sending 206 million gallons": two
        // participle clauses in a row.
        let opens_with_participle = tokens.lower.get(left.start).is_some_and(|w| is_participle(w));
        let cut = if after_comma && (participle || relative) {
            let comma = text[..r.start].trim_end().len() - 1;
            (comma, r.start)
        } else if word == "and" && tokens.second_predicate(k + 1) {
            (r.start, r.end)
        } else if word == "and"
            && opens_with_participle
            && left.len() >= 2
            && (is_participle(next)
                || (next == "leading" && tokens.lower.get(k + 2).is_some_and(|w| w == "to")))
        {
            cuts.push((r.start, r.end, Join::And));
            continue;
        } else if word == "then" && after_comma && (is_verb(next) || is_regular_past(next)) {
            // "..., then stuck to a revised estimate": a later step of the
            // same subject.
            let comma = text[..r.start].trim_end().len() - 1;
            (comma, r.start)
        } else if word == "and"
            && after_comma
            && tokens.figure_clauses(left.clone(), k + 1)
            && !tokens.ends_list(text[..r.start].trim_end().len() - 1)
        {
            // "... was raised to 20,000 barrels, and in June came a new
            // range: 35,000": each side gives a figure of its own.
            let comma = text[..r.start].trim_end().len() - 1;
            (comma, r.end)
        } else if matches!(word, "that" | "which") && !after_comma && tokens.relative_with_figure(k + 1)
            || (word == "in" && next == "which" && tokens.relative_with_figure(k + 1))
        {
            // "... the crash in July 2014 that killed all 298 people": the
            // figure is a fact of its own.
            (r.start, r.start)
        } else if matches!(word, "after" | "before") && is_participle(next) {
            // "..., after disclosing a 9% stake": an event of its own.
            (r.start, r.start)
        } else {
            continue;
        };
        // "When A, B-ing ... is": the comma closes a leading adverbial
        // clause, and what follows is the main clause, not a participle.
        let opening = &tokens.lower[left.start..(left.start + 4).min(k)];
        if opening.iter().any(|w| LEADING_ADVERBIAL.contains(w.as_ref())) {
            continue;
        }
        // The verb list is short; a regular past tense ("crashed") after
        // the first word is a verb here too, since a clause follows.
        let past = Tokens::count(&tokens.regular_pasts, left.start + 1..left.end) > 0;
        // A participle clause is complete without a finite verb:
        // "killing all 298 passengers on board, of which 200 were Dutch".
        let complete = past || opens_with_participle || tokens.left_is_complete(left.clone());
        if left.len() < 4 || !complete || tokens.ends_list(r.start) {
            continue;
        }
        cuts.push((cut.0, cut.1, Join::And));
    }
    let mut cuts = cuts.list;
    cuts.sort_by_key(|c| c.0);
    cuts.dedup_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut start = 0;
    let mut join = Join::Start;
    for (cut, next, next_join) in cuts {
        if cut < start {
            continue;
        }
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

/// The cuts found so far, each `(cut start, right start, join)`, and where
/// each clause after a cut starts, for the left side of the next: one
/// ordered lookup, however many cuts.
#[derive(Default)]
struct Cuts {
    list: Vec<(usize, usize, Join)>,
    starts: BTreeSet<usize>,
}

impl Cuts {
    fn push(&mut self, cut: (usize, usize, Join)) {
        self.starts.insert(cut.1);
        self.list.push(cut);
    }

    /// Where the clause holding byte `at` starts.
    fn left_start(&self, at: usize) -> usize {
        self.starts.range(..=at).next_back().copied().unwrap_or(0)
    }
}

/// "While A, B": the cut at the comma that closes a leading subordinate
/// clause, when the main clause after it starts a clause of its own.
fn leading_subordinate(tokens: &Tokens<'_>) -> Option<(usize, usize, Join)> {
    let mut k = 0;
    while tokens.lower.get(k).is_some_and(|w| CONNECTIVES.contains(&w.as_ref())) {
        k += 1;
    }
    if !tokens.lower.get(k).is_some_and(|w| SUBORDINATORS.contains(&w.as_ref())) {
        return None;
    }
    let from = tokens.spans[k].end;
    for (i, c) in tokens.text[from..].char_indices() {
        let at = from + i;
        if c != ',' || !tokens.at_top(at) {
            continue;
        }
        let n = tokens.index_at(at + 1);
        let inside = &tokens.lower[k + 1..n];
        if inside.len() >= 3 && tokens.has_verb(k + 1..n) && tokens.has_verb_before_comma(n) {
            return Some((at, at + 1, Join::Contrast));
        }
    }
    None
}

/// `word` in lower case, borrowed when it already is (most words are).
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

fn trim_trailing_comma(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let trimmed = piece.trim_end_matches([',', ' ']);
    range.start..range.start + trimmed.len().max(1)
}

/// A word shaped like a present participle that opens a clause
/// ("killing", "sending"), not a preposition or noun in "-ing".
fn is_participle(word: &str) -> bool {
    word.len() > 5 && word.ends_with("ing") && !NOT_PARTICIPLES.contains(word)
}

/// A regular past tense ("stuck" is listed): "-ed" after three letters
/// or more.
fn is_regular_past(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed")
}

/// The listed finite verbs: auxiliaries and past tenses.
static VERBS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| AUXILIARIES.iter().chain(PAST_VERBS).copied().collect());

fn is_verb(word: &str) -> bool {
    VERBS.contains(word)
}

/// Quote and bracket depth before each byte of `text`. A quotation that
/// opens the sentence and runs to its end (or beyond it) does not count:
/// the whole sentence is then a quotation, and is split like any other.
fn depths(text: &str) -> Vec<u8> {
    let whole_quote = whole_sentence_quote(text);
    let mut out = vec![0u8; text.len() + 1];
    let mut quote = false;
    let mut curly = 0u8;
    let mut paren = 0u8;
    for (i, c) in text.char_indices() {
        // Each count saturates at 255, so their sum must too.
        let depth = u8::from(quote).saturating_add(curly).saturating_add(paren);
        for slot in out.iter_mut().skip(i).take(c.len_utf8()) {
            *slot = depth;
        }
        if whole_quote.contains(&i) {
            continue;
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

/// The byte offsets of the quotation marks around a quotation that is a
/// whole sentence of its own: it opens the sentence, or follows a comma or
/// colon ("According to X, “A and B.”"), and its closing mark (if any)
/// ends the sentence.
fn whole_sentence_quote(text: &str) -> Vec<usize> {
    for (open_at, open) in text.char_indices() {
        let close = match open {
            '“' => '”',
            '"' => '"',
            _ => continue,
        };
        let before = text[..open_at].trim_end();
        if !(before.is_empty() || before.ends_with([',', ':'])) {
            return Vec::new();
        }
        let body = open_at + open.len_utf8();
        return match text[body..].find(close) {
            None => vec![open_at],
            Some(i) => {
                let at = body + i;
                let rest = text[at + close.len_utf8()..].trim();
                if rest.chars().all(|c| c.is_ascii_punctuation()) { vec![open_at, at] } else { Vec::new() }
            }
        };
    }
    Vec::new()
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
    fn subordinate_clauses_and_colons_are_split() {
        assert_eq!(
            split("While the provisions have not been revealed, China is expected to invest in transport."),
            ["While the provisions have not been revealed", "China is expected to invest in transport."]
        );
        assert_eq!(
            split("Yet while the deal has hit a hurdle in the US, ending it does not seem to be an option."),
            ["Yet while the deal has hit a hurdle in the US", "ending it does not seem to be an option."]
        );
        assert_eq!(
            split("Although Tehran does not expect Moscow to back it, it still banks on its imports."),
            ["Although Tehran does not expect Moscow to back it", "it still banks on its imports."]
        );
        assert_eq!(
            split(
                "The two countries have deepened ties in recent months, though many details remain unclear."
            ),
            ["The two countries have deepened ties in recent months", "many details remain unclear."]
        );
        assert_eq!(
            split(
                "While China is the alternative when capital and companies are fleeing, Russia is the ally."
            ),
            ["While China is the alternative when capital and companies are fleeing", "Russia is the ally."]
        );
        assert_eq!(
            split("This has left him with three options: The first is to accept the demands."),
            ["This has left him with three options", "The first is to accept the demands."]
        );
        assert_eq!(
            split(
                "Trump is forcing Iran into Russia's arms, and in doing so, he is weakening the moderates."
            ),
            ["Trump is forcing Iran into Russia's arms", "in doing so, he is weakening the moderates."]
        );
        assert_eq!(
            split(
                "\u{201c}On January 1, China and Iran issued a joint statement and agreed to come to a plan."
            ),
            ["\u{201c}On January 1, China and Iran issued a joint statement", "agreed to come to a plan."]
        );
    }

    #[test]
    fn trailing_participles_and_relative_clauses_are_facts_of_their_own() {
        assert_eq!(
            split("Washington rejected this opportunity, leaving Iran largely ostracised and isolated."),
            ["Washington rejected this opportunity", "leaving Iran largely ostracised and isolated."]
        );
        assert_eq!(
            split("The bus crashed near the border on Monday, killing all 40 people aboard."),
            ["The bus crashed near the border on Monday", "killing all 40 people aboard."]
        );
        assert_eq!(
            split("The storm hit the coast on Friday, which flooded 300 homes."),
            ["The storm hit the coast on Friday", "which flooded 300 homes."]
        );
        assert_eq!(
            split(
                "Officials said the well was leaking 1,000 barrels a day, then stuck to a revised estimate of 5,000 barrels."
            ),
            [
                "Officials said the well was leaking 1,000 barrels a day",
                "then stuck to a revised estimate of 5,000 barrels."
            ]
        );
        assert_eq!(
            split(
                "By June the estimate was raised again to 40,000 barrels a day, and in the middle of the month came a new range: 35,000 to 60,000 barrels."
            ),
            [
                "By June the estimate was raised again to 40,000 barrels a day",
                "in the middle of the month came a new range: 35,000 to 60,000 barrels."
            ]
        );
        assert_eq!(
            split(
                "The board issued its final report on the crash in July 2014 that killed all 298 people on board."
            ),
            [
                "The board issued its final report on the crash in July 2014",
                "that killed all 298 people on board."
            ]
        );
        assert_eq!(
            split(
                "Rebels denied any role in the downing of the airliner in which 295 people are reported killed."
            ),
            [
                "Rebels denied any role in the downing of the airliner",
                "in which 295 people are reported killed."
            ]
        );
        assert_eq!(
            split("killing all 298 passengers on board, of which 200 were Dutch citizens."),
            ["killing all 298 passengers on board", "of which 200 were Dutch citizens."]
        );
        // A preposition in "-ing", a list, and a short left side stay.
        for text in [
            "The ministers met in Vienna, including the envoys of France and Germany.",
            "The flight, which left at noon, landed safely.",
            "He said so, adding nothing.",
            "The company paid 300 dollars, and 200 more later.",
            "He visited Moscow on July 21 to extend the deal on oil, weapons, and nuclear cooperation signed in 2001.",
        ] {
            assert_eq!(split(text), [text]);
        }
    }

    #[test]
    fn quotations_and_adverbial_conjunctions_stay_together() {
        for text in [
            "The minister said: the agreement is ready for signing by both sides.",
            "The minister told reporters: \"We are ready and they will sign.\"",
            "The two sides have not yet signed the final text of the agreement.",
            "While in Moscow, Zarif met the Russian foreign minister.",
            "He said \u{201c}we agree and they will follow\u{201d} today, as expected.",
        ] {
            assert_eq!(split(text), [text]);
        }
    }

    #[test]
    fn nesting_deeper_than_a_byte_counts_stays_nested() {
        // Found by fuzzing: 300 curly quotes and 300 brackets deep.
        let text = format!("He said {}the deal was signed and they left{}.", "\u{201c}([".repeat(300), "])");
        let depth = depths(&text);
        let at = text.find("and").expect("and");
        assert_ne!(depth[at], 0, "inside the quotes and brackets");
        assert_eq!(split(&text), [text.as_str()]);
    }

    #[test]
    fn coordinated_subjects_and_objects_stay_together() {
        for text in [
            "Last year, China, Iran and Russia conducted naval drills in the Indian Ocean.",
            "Tehran and Beijing have accelerated talks on a 25-year partnership.",
            "For the leaders, interference by the United States (US), Soviet Union and Great Britain was reason enough.",
            "Earlier, the Foreign Ministers of Iran and China, Zarif and Wang Yi signed a plan.",
            "Danyuk predicts that the confrontation between the United States and China will continue.",
            "He said \"we agree and they will follow\" today.",
        ] {
            assert_eq!(split(text), [text]);
        }
    }
}
