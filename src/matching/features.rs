//! From a claim to what the matcher compares: canonical tokens.
//!
//! Text is NFKC-normalized, lowercased and split at anything that is not
//! a letter or digit. Entity aliases become one entity token ("Beijing",
//! "Chinese" and "PRC" are all `China`), the claim's normalized quantities
//! become value tokens (so "$400bn" and "400 billion USD" meet), stop words
//! go, and the remaining words are stemmed (Snowball English).

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use super::MatchConfig;
use crate::model::{Claim, EntityKind, PartialDate, QuantityKind, QuantityValue};

/// A term id in the vocabulary.
pub(crate) type Term = u32;

/// A quantity as the matcher compares it: a slot (what is measured, in
/// which unit) and a value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Amount {
    /// The slot's term ("money USD", "duration year", "date").
    pub(crate) slot: Term,
    pub(crate) value: AmountValue,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum AmountValue {
    Number(f64),
    Date(PartialDate),
}

/// One claim's canonical tokens.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// Word terms, sorted and unique.
    pub(crate) words: Vec<Term>,
    /// Entity terms, sorted and unique, with their kinds.
    pub(crate) entities: Vec<(Term, EntityKind)>,
    /// Amounts and dates.
    pub(crate) amounts: Vec<Amount>,
    /// Value terms of the amounts ("money USD 4e11"), sorted and unique:
    /// keys for blocking.
    pub(crate) values: Vec<Term>,
    /// Every word and entity term in text order: the wording.
    pub(crate) sequence: Vec<Term>,
}

/// Tokens of one claim before interning.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tokens {
    words: Vec<String>,
    entities: Vec<(String, EntityKind)>,
    amounts: Vec<(String, AmountValue)>,
    values: Vec<String>,
    /// Word or entity keys in text order.
    sequence: Vec<String>,
}

/// Turns claims into tokens with one configuration.
pub(crate) struct Tokenizer {
    stemmer: Stemmer,
    stop: std::collections::HashSet<String>,
    /// Lowercase alias keys (words joined by one space) to entity.
    aliases: HashMap<String, (String, EntityKind)>,
    /// For each word that starts an alias, the longest alias it starts.
    starts: HashMap<String, usize>,
    /// Stem to the stem that stands for its synonym set.
    synonyms: HashMap<String, String>,
}

impl Tokenizer {
    pub(crate) fn new(config: &MatchConfig) -> Self {
        let mut aliases = HashMap::new();
        let mut starts: HashMap<String, usize> = HashMap::new();
        for (key, entity) in config.aliases.aliases() {
            let words: Vec<String> = split_words(key).collect();
            if words.is_empty() {
                continue;
            }
            let joined = words.join(" ");
            let longest = starts.entry(words[0].clone()).or_default();
            *longest = (*longest).max(words.len());
            aliases.entry(joined).or_insert_with(|| (entity.name.clone(), entity.kind));
        }
        let stemmer = Stemmer::create(Algorithm::English);
        let mut synonyms = HashMap::new();
        for set in &config.synonyms {
            let Some(head) = set.first() else { continue };
            let head = stemmer.stem(&head.to_lowercase()).into_owned();
            for word in set {
                synonyms
                    .entry(stemmer.stem(&word.to_lowercase()).into_owned())
                    .or_insert_with(|| head.clone());
            }
        }
        Self {
            stemmer,
            stop: config.stop_words.iter().map(|w| w.to_lowercase()).collect(),
            aliases,
            starts,
            synonyms,
        }
    }

    /// The canonical tokens of `claim`.
    pub(crate) fn tokens(&self, claim: &Claim) -> Tokens {
        let mut out = Tokens::default();
        let mut text: String = claim.text().nfkc().collect::<String>().to_lowercase();
        // Quantities become value tokens; their words are taken out of the
        // text so "$400bn" does not also count as the word "400bn".
        for q in claim.quantities() {
            let written = q.text.nfkc().collect::<String>().to_lowercase();
            if let Some(at) = text.find(&written) {
                text.replace_range(at..at + written.len(), " ");
            }
            let (slot, value, key) = match q.value {
                QuantityValue::Date(d) => {
                    ("date".to_owned(), AmountValue::Date(d), format!("date {}", d.year()))
                }
                QuantityValue::Number(n) => {
                    let slot = format!("{} {}", kind_name(q.kind), q.unit.to_lowercase());
                    let key = format!("{slot} {}", significant(n));
                    (slot, AmountValue::Number(n), key)
                }
            };
            out.amounts.push((slot, value));
            out.values.push(key);
        }
        let words: Vec<String> = split_words(&text).collect();
        let mut k = 0;
        while k < words.len() {
            if let Some((entity, len)) = self.alias_at(&words, k) {
                out.entities.push(entity.clone());
                out.sequence.push(format!("@{}", entity.0));
                k += len;
                continue;
            }
            let word = &words[k];
            k += 1;
            if word.chars().count() < 2 || self.stop.contains(word.as_str()) {
                continue;
            }
            let stem = self.stemmer.stem(word);
            let stem = self.synonyms.get(stem.as_ref()).cloned().unwrap_or_else(|| stem.into_owned());
            out.sequence.push(stem.clone());
            out.words.push(stem);
        }
        for e in claim.entities() {
            out.entities.push((e.name.clone(), e.kind));
        }
        // Who says it is not what is said: the speaker and the relays of
        // the attribution are not parties to the claim.
        if let Some(a) = claim.attribution() {
            let sources: Vec<&str> = a.speaker.iter().chain(a.chain.iter()).map(String::as_str).collect();
            out.entities.retain(|(name, _)| !sources.contains(&name.as_str()));
            out.sequence.retain(|t| t.strip_prefix('@').is_none_or(|name| !sources.contains(&name)));
        }
        out
    }

    /// The longest alias starting at word `k`, with its length in words.
    fn alias_at(&self, words: &[String], k: usize) -> Option<(&(String, EntityKind), usize)> {
        let longest = *self.starts.get(&words[k])?;
        let mut key = String::new();
        let mut best = None;
        for (n, w) in words[k..].iter().take(longest).enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(w);
            if let Some(entity) = self.aliases.get(&key) {
                best = Some((entity, n + 1));
            }
        }
        best
    }
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
    pub(crate) fn intern(&mut self, term: &str) -> Term {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = Term::try_from(self.terms.len()).unwrap_or(Term::MAX);
        self.ids.insert(term.to_owned(), id);
        self.terms.push(term.to_owned());
        self.df.push(0);
        id
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
        let mut words: Vec<Term> = tokens.words.iter().map(|w| self.intern(&format!("w {w}"))).collect();
        words.sort_unstable();
        words.dedup();
        let mut entities: Vec<(Term, EntityKind)> =
            tokens.entities.iter().map(|(name, kind)| (self.intern(&format!("e {name}")), *kind)).collect();
        entities.sort_unstable_by_key(|e| e.0);
        entities.dedup_by_key(|e| e.0);
        let amounts: Vec<Amount> = tokens
            .amounts
            .iter()
            .map(|(slot, value)| Amount { slot: self.intern(&format!("s {slot}")), value: *value })
            .collect();
        let mut values: Vec<Term> = tokens.values.iter().map(|v| self.intern(&format!("q {v}"))).collect();
        values.sort_unstable();
        values.dedup();
        let sequence = tokens
            .sequence
            .iter()
            .map(|t| match t.strip_prefix('@') {
                Some(name) => self.intern(&format!("e {name}")),
                None => self.intern(&format!("w {t}")),
            })
            .collect();
        for &t in words.iter().chain(entities.iter().map(|e| &e.0)).chain(values.iter()) {
            if let Some(df) = self.df.get_mut(t as usize) {
                *df += 1;
            }
        }
        Features { words, entities, amounts, values, sequence }
    }
}

/// The readable form of a term: the word stem, the entity's name, or the
/// value.
pub(crate) fn display(term: &str) -> &str {
    term.get(2..).unwrap_or(term)
}
