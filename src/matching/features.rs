//! From a claim to what the matcher compares: canonical tokens.
//!
//! Text is NFKC-normalized, lowercased and split at anything that is not
//! a letter or digit. Entity aliases become one entity token ("Beijing",
//! "Chinese" and "PRC" are all `China`), the claim's normalized quantities
//! become value tokens (so "$400bn" and "400 billion USD" meet), stop words
//! go, and the remaining words are stemmed (Snowball English) and mapped to
//! their paraphrase class, a phrase of a class ("shot down") as one word.
//! The kinds of event the classes name are kept apart for the event
//! penalty.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::MatchConfig;
use crate::extract::EntityTable;
use crate::model::{Claim, EntityKind, Fact, FactKind, PartialDate, QuantityKind, QuantityValue};

/// A term id in the vocabulary.
pub(crate) type Term = u32;

/// A quantity as the matcher compares it: a slot (what is measured, in
/// which unit) and a value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Amount {
    /// The slot's term ("money USD", "duration year", "date").
    pub(crate) slot: Term,
    /// What a count was read to count ("count person/netherlands" for
    /// "196 Dutch nationals" and "193 people of Dutch nationality"), else
    /// the slot: two figures of one slot or one measure that differ are
    /// two facts. Only that test reads it; agreement is judged in the
    /// slot, since different facts of one story often share a measure and
    /// a value.
    pub(crate) measure: Term,
    pub(crate) value: AmountValue,
    /// Whether it is a figure a report is about: a count from ten up, an
    /// amount of money or a share (not a duration or a small count).
    pub(crate) figure: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum AmountValue {
    Number(f64),
    Date(PartialDate),
}

/// How many amounts and dates of one claim a pair of claims compares,
/// each with each. Past this a sentence is a table or a list: its other
/// values stay in the output and in the blocking keys, but add nothing to
/// a pair's judgement, so no claim makes a pair cost more than a bound.
pub(crate) const COMPARED: usize = 64;

/// One claim's canonical tokens.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// Word terms, sorted and unique.
    pub(crate) words: Vec<Term>,
    /// Entity terms, sorted and unique, with their kinds.
    pub(crate) entities: Vec<(Term, EntityKind)>,
    /// Amounts and dates, the first [`COMPARED`].
    pub(crate) amounts: Vec<Amount>,
    /// Value terms of the amounts ("money USD 4e11"), sorted and unique:
    /// keys for blocking.
    pub(crate) values: Vec<Term>,
    /// The value terms of amounts that are not dates, sorted and unique:
    /// a rare figure both claims state ("298 people", "a 9.2% stake") is
    /// content they share, as a rare word is. Dates are left out: many
    /// different facts of one story share its dates.
    pub(crate) figures: Vec<Term>,
    /// Whether it states an amount of money.
    pub(crate) money: bool,
    /// Every word and entity term in text order: the wording.
    pub(crate) sequence: Vec<Term>,
    /// Whether its status is an outcome ("signed") or a step ("talks"),
    /// when it names one.
    pub(crate) outcome: Option<bool>,
    /// The kinds of event it names, as terms, sorted and unique.
    pub(crate) events: Vec<Term>,
}

/// Tokens of one claim before interning.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tokens {
    words: Vec<String>,
    entities: Vec<(String, EntityKind)>,
    /// Slot, measure when it differs from the slot, value, figure.
    amounts: Vec<(String, Option<String>, AmountValue, bool)>,
    values: Vec<String>,
    /// Words and entities in text order.
    sequence: Vec<Piece>,
    outcome: Option<bool>,
    /// The kinds of event it names.
    events: Vec<String>,
}

/// A place in the wording: the word or entity at this index of
/// [`Tokens`]' lists.
#[derive(Clone, Copy, Debug)]
enum Piece {
    Word(u32),
    Entity(u32),
}

fn index(list_len: usize) -> u32 {
    u32::try_from(list_len).unwrap_or(u32::MAX)
}

/// Turns claims into tokens with one configuration.
pub(crate) struct Tokenizer {
    stemmer: Stemmer,
    stop: HashSet<String>,
    /// Stem to what stands for it: its synonym set's.
    synonyms: HashMap<String, Class>,
    /// Phrases of several words ("shot down") by the stem of their first
    /// word, longest first: the stems of the rest, and their set's class.
    phrases: HashMap<String, Vec<(Vec<String>, Class)>>,
}

/// What a word of a synonym set stands for: the stem of the set's first
/// word, and the kind of event the set names, if it names one.
#[derive(Clone, Debug)]
struct Class {
    head: String,
    kind: Option<String>,
}

/// Words of `phrase`, stemmed.
fn phrase_stems(stemmer: &Stemmer, phrase: &str) -> Vec<String> {
    split_words(phrase).map(|w| stemmer.stem(&w).into_owned()).collect()
}

impl Tokenizer {
    pub(crate) fn new(config: &MatchConfig) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let stem = |word: &str| stemmer.stem(&word.to_lowercase()).into_owned();
        let kinds: HashMap<String, String> =
            config.events.iter().map(|(head, kind)| (stem(head), kind.to_lowercase())).collect();
        let class = |head: String| Class { kind: kinds.get(&head).cloned(), head };
        let mut synonyms: HashMap<String, Class> = HashMap::default();
        let mut phrases: HashMap<String, Vec<(Vec<String>, Class)>> = HashMap::default();
        for set in &config.synonyms {
            let Some(head) = set.first() else { continue };
            let head = class(stem(head));
            for word in set {
                match phrase_stems(&stemmer, word).as_slice() {
                    [] => {}
                    [one] => {
                        synonyms.entry(one.clone()).or_insert_with(|| head.clone());
                    }
                    [first, rest @ ..] => {
                        phrases.entry(first.clone()).or_default().push((rest.to_vec(), head.clone()));
                    }
                }
            }
        }
        // A kind named for a word no set lists: the word itself.
        for head in kinds.keys() {
            synonyms.entry(head.clone()).or_insert_with(|| class(head.clone()));
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        Self {
            stop: config.stop_words.iter().map(|w| w.to_lowercase()).collect(),
            synonyms,
            phrases,
            stemmer,
        }
    }

    /// The canonical tokens of `claim`, with entity mentions found through
    /// `aliases` as extraction finds them: case-sensitive, longest alias
    /// first, possessives stripped.
    pub(crate) fn tokens(&self, claim: &Claim, aliases: &EntityTable) -> Tokens {
        let mut out =
            Tokens { outcome: crate::extract::lexicon::outcome_of(claim.text()), ..Tokens::default() };
        // Most text is already in NFKC form: check before rebuilding it.
        let text: std::borrow::Cow<'_, str> = if is_nfkc_quick(claim.text().chars()) == IsNormalized::Yes {
            claim.text().into()
        } else {
            claim.text().nfkc().collect::<String>().into()
        };
        // Quantities become value tokens; their words are taken out of the
        // text so "$400bn" does not also count as the word "400bn".
        let mut blanks: Vec<(usize, usize)> = Vec::new();
        // Quantities come in text order: each is looked for after the one
        // before, so a claim of many amounts is read once, not once each.
        let mut cursor = 0;
        let measures: Vec<&Fact> =
            claim.facts().iter().filter(|f| f.kind == FactKind::Measure && !f.predicate.is_empty()).collect();
        for q in claim.quantities() {
            let written: String = q.text.nfkc().collect();
            if let Some(at) = text.get(cursor..).and_then(|rest| rest.find(&written)) {
                let at = cursor + at;
                blanks.push((at, at + written.len()));
                cursor = at + written.len();
            }
            let (slot, value, key) = match q.value {
                // A date keys by its month when it has one: a year alone
                // is shared by too many unrelated claims to block on.
                QuantityValue::Date(d) => {
                    let key = match d.month() {
                        Some(m) => format!("date {}-{m:02}", d.year()),
                        None => format!("date {}", d.year()),
                    };
                    ("date".to_owned(), AmountValue::Date(d), key)
                }
                QuantityValue::Number(n) => {
                    let slot = format!("{} {}", kind_name(q.kind), q.unit.to_lowercase());
                    // A count's noun is the writer's choice ("298 people",
                    // "298 passengers", "298 victims"): its value alone is
                    // the figure.
                    let key = if q.kind == QuantityKind::Count {
                        format!("count {}", significant(n))
                    } else {
                        format!("{slot} {}", significant(n))
                    };
                    (slot, AmountValue::Number(n), key)
                }
            };
            let figure = match (q.kind, &q.value) {
                (QuantityKind::Count, QuantityValue::Number(n)) => *n >= 10.0,
                (QuantityKind::Money | QuantityKind::Percent, _) => true,
                _ => false,
            };
            // What the extractor read a count to count: people under one
            // name whatever the noun, a nationality, "/day" for a rate.
            // Measure facts are disjoint and sorted, so the only one that
            // can hold the count is the last to start at or before it.
            let measure = (q.kind == QuantityKind::Count)
                .then(|| {
                    let k = measures.partition_point(|f| f.span.start <= q.span.start);
                    k.checked_sub(1).map(|k| measures[k]).filter(|f| q.span.end <= f.span.end)
                })
                .flatten()
                .map(|f| format!("count {}", f.predicate.to_lowercase()));
            out.amounts.push((slot, measure, value, figure));
            out.values.push(key);
        }
        // Entity mentions become entity tokens, in text order, between the
        // words around them.
        // The blanks are disjoint and in text order: one ordered lookup.
        let overlaps = |start: usize, end: usize| {
            let first = blanks.partition_point(|&(_, e)| e <= start);
            blanks.get(first).is_some_and(|&(s, _)| s < end)
        };
        let mentions: Vec<_> =
            aliases.find(&text).into_iter().filter(|m| !overlaps(m.start, m.end)).collect();
        // Who says it is not what is said: the speaker and the relays of
        // the attribution are not parties to the claim.
        let sources: Vec<&str> = claim
            .attribution()
            .map(|a| a.speaker.iter().chain(a.chain.iter()).map(String::as_str).collect())
            .unwrap_or_default();
        // Walk the text from one quantity or mention to the next: words in
        // between, an entity token for each mention, nothing for a
        // quantity (it has its value token).
        let mut stops: Vec<(usize, usize, Option<&_>)> = blanks
            .iter()
            .map(|&(start, end)| (start, end, None))
            .chain(mentions.iter().map(|m| (m.start, m.end, Some(m))))
            .collect();
        stops.sort_by_key(|&(start, end, _)| (start, end));
        let mut at = 0;
        for (start, end, mention) in stops {
            self.words(text.get(at..start).unwrap_or(""), &mut out);
            if let Some(m) = mention
                && !sources.contains(&m.entity.name.as_str())
            {
                out.sequence.push(Piece::Entity(index(out.entities.len())));
                out.entities.push((m.entity.name.clone(), m.entity.kind));
            }
            at = at.max(end);
        }
        self.words(text.get(at..).unwrap_or(""), &mut out);
        for e in claim.entities() {
            if !sources.contains(&e.name.as_str()) {
                out.entities.push((e.name.clone(), e.kind));
            }
        }
        out
    }

    /// The content words of `text`: stop words dropped, the rest stemmed
    /// and mapped to their synonym set's head; a phrase of a set ("shot
    /// down", "brought down") counts as one word, its set's head. A
    /// phrase starts with a content word: one starting with a stop word
    /// is never matched.
    fn words(&self, text: &str, out: &mut Tokens) {
        let words: Vec<String> = split_words(text).collect();
        let mut k = 0;
        while k < words.len() {
            let word = &words[k];
            k += 1;
            if word.chars().count() < 2 || self.stop.contains(word.as_str()) {
                continue;
            }
            let stem = self.stemmer.stem(word);
            if let Some((rest, class)) = self.phrase_at(&stem, &words[k..]) {
                k += rest;
                push_word(class.head.clone(), class.kind.as_ref(), out);
                continue;
            }
            match self.synonyms.get(stem.as_ref()) {
                Some(class) => push_word(class.head.clone(), class.kind.as_ref(), out),
                None => push_word(stem.into_owned(), None, out),
            }
        }
    }

    /// Every word of `text` in order, stop words too, each content word
    /// read as the matcher reads it: by the head of its paraphrase class,
    /// a phrase of a class as one word.
    pub(crate) fn read(&self, text: &str) -> Vec<Word> {
        let spans: Vec<(usize, &str)> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
            .collect();
        let hyphen_at = |i: usize| text.as_bytes().get(i) == Some(&b'-');
        let lowered: Vec<String> = spans.iter().map(|(_, w)| w.to_lowercase()).collect();
        let mut out = Vec::with_capacity(spans.len());
        let mut k = 0;
        while k < spans.len() {
            let (at, w) = spans[k];
            let written = lowered[k].clone();
            let compound = (at > 0 && hyphen_at(at - 1)) || hyphen_at(at + w.len());
            k += 1;
            if written.chars().count() < 2 || self.stop.contains(written.as_str()) {
                out.push(Word { written, head: None, kind: None, compound, at });
                continue;
            }
            let stem = self.stemmer.stem(&written);
            let class = match self.phrase_at(&stem, &lowered[k..]) {
                Some((rest, class)) => {
                    k += rest;
                    Some(class)
                }
                None => self.synonyms.get(stem.as_ref()),
            };
            let (head, kind) = match class {
                Some(c) => (c.head.clone(), c.kind.clone()),
                None => (stem.into_owned(), None),
            };
            out.push(Word { written, head: Some(head), kind, compound, at });
        }
        out
    }

    /// The phrase that starts with a word of stem `first` followed by
    /// `next`, as the number of words of `next` it takes and what stands
    /// for it.
    fn phrase_at(&self, first: &str, next: &[String]) -> Option<(usize, &Class)> {
        let candidates = self.phrases.get(first)?;
        candidates.iter().find_map(|(rest, head)| {
            let matches = rest.len() <= next.len()
                && rest.iter().zip(next).all(|(stem, word)| *stem == self.stemmer.stem(word));
            matches.then_some((rest.len(), head))
        })
    }
}

/// A word as [`Tokenizer::read`] reads it.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// As written, lowercased.
    pub(crate) written: String,
    /// The head of its paraphrase class, or its stem; `None` for a stop
    /// word.
    pub(crate) head: Option<String>,
    /// The kind of event it names.
    pub(crate) kind: Option<String>,
    /// It is joined to a neighbour by a hyphen ("rebel-held").
    pub(crate) compound: bool,
    /// Byte offset in the text read.
    pub(crate) at: usize,
}

/// Adds a word, by the stem that stands for it, with the kind of event it
/// names.
fn push_word(stem: String, kind: Option<&String>, out: &mut Tokens) {
    if let Some(kind) = kind {
        out.events.push(kind.clone());
    }
    out.sequence.push(Piece::Word(index(out.words.len())));
    out.words.push(stem);
}

/// Words of `text`: runs of letters and digits, lowercased.
fn split_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn kind_name(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Money => "money",
        QuantityKind::Percent => "percent",
        QuantityKind::Duration => "duration",
        QuantityKind::Count => "count",
        QuantityKind::Date => "date",
    }
}

/// A number written to four significant digits, so values that differ
/// only in float noise share a token.
fn significant(n: f64) -> String {
    format!("{n:.3e}")
}

/// Term ids and document frequencies.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, Term>,
    terms: Vec<String>,
    df: Vec<u32>,
}

impl Vocabulary {
    fn intern(&mut self, term: &str) -> Term {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = Term::try_from(self.terms.len()).unwrap_or(Term::MAX);
        self.ids.insert(term.to_owned(), id);
        self.terms.push(term.to_owned());
        self.df.push(0);
        id
    }

    /// Interns `tag` and `text` as one term ("w deal"), building the key
    /// in a reused buffer: no allocation for a term already known.
    fn intern_tagged(&mut self, buffer: &mut String, tag: &str, text: &str) -> Term {
        buffer.clear();
        buffer.push_str(tag);
        buffer.push_str(text);
        self.intern(buffer)
    }

    pub(crate) fn term(&self, id: Term) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    pub(crate) fn df(&self, id: Term) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    /// Interns one claim's tokens and counts each distinct term once.
    pub(crate) fn add(&mut self, tokens: &Tokens) -> Features {
        let mut buffer = String::new();
        let word_ids: Vec<Term> =
            tokens.words.iter().map(|w| self.intern_tagged(&mut buffer, "w ", w)).collect();
        let entity_ids: Vec<(Term, EntityKind)> = tokens
            .entities
            .iter()
            .map(|(name, kind)| (self.intern_tagged(&mut buffer, "e ", name), *kind))
            .collect();
        let sequence = tokens
            .sequence
            .iter()
            .map(|&piece| match piece {
                Piece::Word(k) => word_ids[k as usize],
                Piece::Entity(k) => entity_ids[k as usize].0,
            })
            .collect();
        let mut events: Vec<Term> =
            tokens.events.iter().map(|k| self.intern_tagged(&mut buffer, "k ", k)).collect();
        events.sort_unstable();
        events.dedup();
        let mut words = word_ids;
        words.sort_unstable();
        words.dedup();
        let mut entities = entity_ids;
        entities.sort_unstable_by_key(|e| e.0);
        entities.dedup_by_key(|e| e.0);
        let amounts: Vec<Amount> = tokens
            .amounts
            .iter()
            .map(|(slot, measure, value, figure)| {
                let slot = self.intern_tagged(&mut buffer, "s ", slot);
                let measure = measure.as_ref().map_or(slot, |m| self.intern_tagged(&mut buffer, "s ", m));
                Amount { slot, measure, value: *value, figure: *figure }
            })
            .take(COMPARED)
            .collect();
        let mut values: Vec<Term> =
            tokens.values.iter().map(|v| self.intern_tagged(&mut buffer, "q ", v)).collect();
        values.sort_unstable();
        values.dedup();
        let figures: Vec<Term> =
            values.iter().copied().filter(|&v| !self.term(v).starts_with("q date")).collect();
        for &t in words.iter().chain(entities.iter().map(|e| &e.0)).chain(values.iter()) {
            if let Some(df) = self.df.get_mut(t as usize) {
                *df += 1;
            }
        }
        let money = tokens.amounts.iter().any(|(slot, ..)| slot.starts_with("money"));
        Features {
            words,
            entities,
            amounts,
            values,
            figures,
            money,
            sequence,
            outcome: tokens.outcome,
            events,
        }
    }
}

/// The readable form of a term: the word stem, the entity's name, or the
/// value.
pub(crate) fn display(term: &str) -> &str {
    term.get(2..).unwrap_or(term)
}
