//! What a claim says about its matter, read cheaply from its words: the
//! parties, the status of an agreement or policy, whether it is disclosed,
//! its polarity, dates and amounts.
//!
//! The lexicons are short lists of English words chosen for what they
//! mean, not for the corpus: status verbs ("negotiating", "signed"),
//! disclosure verbs ("revealed", "leaked"), alignment words
//! ("non-aligned", "close ties") and denials ("denied", "rejected the
//! reports").

use std::sync::LazyLock;

use crate::extract::fact::is_dimension;
pub(crate) use crate::extract::lexicon::Stage;
use crate::extract::lexicon::{WordLexicon, WordSet, stage_of};
use crate::matching::COMPARED;
use crate::model::{
    Article, Certainty, Claim, EntityKind, FactKind, PartialDate, Polarity, QuantityKind, QuantityValue,
};

/// Which way a claim puts its parties towards others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Alignment {
    /// Close ties, alliance.
    Close,
    /// Non-alignment, keeping away.
    Apart,
}

/// Entries of a word list (see [`WordLexicon`]) with what each says.
type Lexicon<T> = &'static [(&'static str, T)];

const AGREEMENT: &[&str] = &[
    "deal",
    "deals",
    "agreement",
    "agreements",
    "pact",
    "plan",
    "partnership",
    "treaty",
    "accord",
    "roadmap",
    "road map",
    "contract",
    "memorandum",
    "takeover",
    "acquisition",
    "buyout",
    "merger",
    "buy",
    "purchase",
    "offer",
    "bid",
];

const DISCLOSURE: &[&str] =
    &["reveal*", "disclos*", "leak*", "unveil*", "made public", "divulg*", "publish*"];

const ALIGNMENT: Lexicon<Alignment> = &[
    ("close ties", Alignment::Close),
    ("closer ties", Alignment::Close),
    ("close-knit", Alignment::Close),
    ("alliance", Alignment::Close),
    ("allied", Alignment::Close),
    ("non-align*", Alignment::Apart),
    ("nonalign*", Alignment::Apart),
    ("non align*", Alignment::Apart),
    ("stay away", Alignment::Apart),
    ("stayed away", Alignment::Apart),
    ("keep away", Alignment::Apart),
    ("neutrality", Alignment::Apart),
    ("isolation", Alignment::Apart),
];

const _: () = assert!(ANTONYMS.len() <= 32, "antonym pairs are bits of a u32, their words of a u64");

static AGREEMENT_WORDS: LazyLock<WordLexicon> = LazyLock::new(|| WordLexicon::new(AGREEMENT.iter().copied()));
static DISCLOSURE_WORDS: LazyLock<WordLexicon> =
    LazyLock::new(|| WordLexicon::new(DISCLOSURE.iter().copied()));
static ALIGNMENT_WORDS: LazyLock<WordLexicon> =
    LazyLock::new(|| WordLexicon::new(ALIGNMENT.iter().map(|a| a.0)));
static ANTONYM_WORDS: LazyLock<WordLexicon> =
    LazyLock::new(|| WordLexicon::new(ANTONYMS.iter().flat_map(|&(x, y)| [x, y])));

/// Words whose opposites in the other claim of a pair about the same
/// thing make a contradiction: (word, its opposite).
pub(crate) const ANTONYMS: &[(&str, &str)] = &[
    ("increase*", "decrease*"),
    ("rise*", "fall*"),
    ("rose", "fell"),
    ("grew", "shrank"),
    ("support*", "oppos*"),
    ("accept*", "reject*"),
    ("approv*", "reject*"),
    ("allow*", "ban*"),
    ("lift*", "impos*"),
    ("win*", "los*"),
    ("won", "lost"),
    ("strengthen*", "weaken*"),
    ("expand*", "reduc*"),
];

/// Capitalised words that are not names: pronouns, determiners,
/// conjunctions and prepositions that open a quotation or a heading,
/// titles and demonyms' usual companions.
const NOT_NAMES: &[&str] = &[
    "The", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Our", "He", "She", "They", "But",
    "And", "For", "With", "From", "After", "Before", "When", "While", "Then", "There", "Here", "What", "Who",
    "How", "Why", "Yet", "Mr", "Mrs", "Ms", "Dr", "Sir", "CEO", "Inc", "Ltd", "Plc",
];

/// A claim's frame.
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    /// Countries the claim is about, sorted; filled from the agreement
    /// named just before when the claim names fewer than two (see
    /// [`fill_parties`]).
    pub countries: Vec<String>,
    /// The first person, country or organisation the claim names that is
    /// not its speaker or a relay: most often the subject of what it says.
    pub subject: Option<String>,
    /// The parties of a deal the claim may be about: its countries when it
    /// names two or more, else the people and organisations it names
    /// (not its sources), sorted ("Elon Musk", "Twitter").
    pub parties: Vec<String>,
    /// The nouns the claim counts ten or more of ("barrel", "worker"),
    /// sorted: the measures it gives a figure for.
    pub measures: Vec<String>,
    /// Canonical names of every entity mentioned.
    pub entities: Vec<String>,
    /// Names an agreement ("deal", "plan", "partnership").
    pub agreement: bool,
    /// The first status word, and its stage.
    pub stage: Option<(Stage, String)>,
    /// Says whether something was disclosed ("revealed", "leaked").
    pub disclosure: Option<String>,
    /// Which way it puts the parties, and the word.
    pub alignment: Option<(Alignment, String)>,
    /// Asserts, or negates.
    pub polarity: Polarity,
    /// The source is certain of it (FactBank `CT`).
    pub certain: bool,
    /// Denies something ("denied", "rejected the reports").
    pub denial: bool,
    /// Who denies, by the key of its head word ("rebels" in "the rebels
    /// have denied"; the name a pronoun stands for).
    pub denier: Option<u64>,
    /// The kind of event the denial word itself names ("denied": deny).
    pub denial_kind: Option<String>,
    /// The kinds of event the claim names, sorted (see the matcher's
    /// paraphrase classes).
    pub events: Vec<String>,
    /// The keys of the words its events are said of, sorted: who did it
    /// ("separatists shot down", "shot down by militants") and, for an
    /// accusation, who is accused ("blamed Halliburton").
    pub agents: Vec<u64>,
    /// Who the claim says did an event that one party does (see
    /// [`ACCOUNTS`]): the kind, and the key and written form of each party
    /// named as its doer (for an accusation, as the one accused), sorted.
    /// Only parties count: a name, or a word of a class of parties
    /// (rebels, the military, the government), not an instrument.
    pub accounts: Vec<(String, u64, String)>,
    /// The keys of the parties the claim says accuse ("BP blamed
    /// Transocean": BP), sorted: the sources of the accounts it tells.
    pub accusers: Vec<u64>,
    /// Dates the claim names.
    pub dates: Vec<PartialDate>,
    /// Amounts, durations, counts and percentages.
    pub amounts: Vec<Amount>,
    /// The article's publication date.
    pub published: Option<PartialDate>,
    /// The claim's article.
    pub article: String,
    /// Who the claim is attributed to, `None` in the outlet's own voice.
    pub speaker: Option<String>,
    /// The article gives several values for one of this claim's
    /// measures: it tells that figure's history, and its publication
    /// date does not date an undated figure (see [`mark_histories`]).
    pub history: bool,
    /// Tells of a figure changing ("earlier", "raised to", "revised"),
    /// outside any phrase a contrastive "not" sets aside.
    pub narrates_change: bool,
    /// Says it under a condition ("If 25,000 barrels a day are rushing
    /// into the Gulf, ..."): its figures are supposed, not reported.
    pub conditional: bool,
    /// Bit `k` set: the claim has the first word of `ANTONYMS[k]`.
    pub antonym_first: u32,
    /// Bit `k` set: the claim has the second word of `ANTONYMS[k]`.
    pub antonym_second: u32,
}

/// A number in a slot: its kind, unit and the range its bound allows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Amount {
    pub kind: QuantityKind,
    pub unit: String,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Whether the text states both ends ("35,000 to 60,000"), rather
    /// than a point, a hedge ("about") or a bound.
    pub stated_range: bool,
    /// Whether it is a move ("shares fell 6%", "a 12% jump"): a change
    /// over one day or period, not a standing figure a later one revises.
    pub movement: bool,
    pub text: String,
}

/// Words before a figure that make it a move: "rose 5%", "fell by as
/// much as 25%", "are up 12%".
static MOVES_BEFORE: WordSet = WordSet::new(&[
    "up",
    "down",
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "jumped",
    "jump",
    "jumps",
    "jumping",
    "soared",
    "soar",
    "soars",
    "soaring",
    "surged",
    "surge",
    "surges",
    "surging",
    "climbed",
    "climb",
    "climbs",
    "gained",
    "gain",
    "gains",
    "dropped",
    "drop",
    "drops",
    "plunged",
    "plunge",
    "plunges",
    "plummeted",
    "slumped",
    "slump",
    "tumbled",
    "sank",
    "slid",
    "slipped",
    "lost",
    "added",
    "increased",
    "decreased",
    "declined",
    "grew",
    "shrank",
    "by",
]);

/// Words after a figure that make it a move: "a 12% jump", "12% higher".
static MOVES_AFTER: WordSet = WordSet::new(&[
    "higher", "lower", "jump", "rise", "drop", "fall", "gain", "loss", "increase", "decrease", "decline",
    "surge", "plunge", "up", "down",
]);

/// Hedges that may sit between a move's word and its figure.
static MOVE_HEDGES: WordSet =
    WordSet::new(&["as", "much", "about", "around", "nearly", "almost", "some", "another", "a", "an"]);

/// Whether `text` opens with a condition ("If ...", "Unless ...").
fn is_conditional(text: &str) -> bool {
    let first = text.trim_start_matches(['"', '“', '\'', '‘', '(']).split_whitespace().next().unwrap_or("");
    matches!(first.to_lowercase().as_str(), "if" | "unless" | "assuming" | "supposing")
}

/// Whether the figure written `figure` in `text` is a move (see
/// [`Amount::movement`]).
fn is_movement(text: &str, figure: &str) -> bool {
    let Some(at) = text.find(figure) else { return false };
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let before = text[..at].split_whitespace().rev().map(word).find(|w| !MOVE_HEDGES.contains(w));
    let after = text[at + figure.len()..].split_whitespace().next().map(word);
    before.is_some_and(|w| MOVES_BEFORE.contains(&w)) || after.is_some_and(|w| MOVES_AFTER.contains(&w))
}

impl Frame {
    pub(crate) fn new(claim: &Claim, article: Option<&Article>, tolerance: f64) -> Self {
        let text = claim.text();
        let mut countries: Vec<String> = claim
            .entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Country)
            .map(|e| e.name.clone())
            .collect();
        countries.sort();
        countries.dedup();
        let subject = crate::extract::fact::subject(claim);
        let sources = crate::extract::fact::sources(claim);
        let mut parties: Vec<String> = claim
            .entities()
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organisation))
            .filter(|e| !sources.iter().any(|s| s.contains(e.name.as_str()) || e.name.contains(s)))
            .map(|e| e.name.clone())
            .collect();
        // Names the entity table does not know ("Musk", "Twitter"): the
        // capitalised words, as the parties of a deal between people and
        // companies. A capitalised common noun opening the sentence
        // ("Officials") rarely names the same two parties as another
        // claim.
        let countries_words: Vec<&str> = countries.iter().flat_map(|c| c.split(' ')).collect();
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()) {
            let proper = word.len() >= 3
                && word.starts_with(|c: char| c.is_uppercase())
                && word.chars().skip(1).all(char::is_lowercase)
                && !NOT_NAMES.contains(&word)
                && !crate::extract::time::is_month_word(word)
                && !crate::extract::time::is_weekday(word)
                && !countries_words.contains(&word)
                && !sources.iter().any(|s| s.split(' ').any(|w| w == word));
            if proper {
                parties.push(word.to_owned());
            }
        }
        parties.sort();
        parties.dedup();
        let mut entities: Vec<String> = claim.entities().iter().map(|e| e.name.clone()).collect();
        entities.sort();
        entities.dedup();
        // Pairs of claims compare dates and amounts each with each: a claim
        // brings its first `COMPARED` of them (the measures it gives are
        // read from all its amounts), so a table read as one sentence
        // costs no more per pair than a sentence.
        let dates: Vec<PartialDate> = claim
            .quantities()
            .iter()
            .filter_map(|q| match &q.value {
                QuantityValue::Date(d) => Some(*d),
                _ => None,
            })
            .take(COMPARED)
            .collect();
        let polarity = claim.factuality().map_or(Polarity::Positive, |f| f.polarity);
        // A figure the claim sets aside ("not the 1,000 barrels estimated
        // earlier") is not one it gives.
        let amounts: Vec<Amount> = claim
            .facts()
            .iter()
            .filter(|f| f.kind == FactKind::Measure && !is_dimension(&f.predicate))
            .filter(|f| f.polarity == polarity || polarity != Polarity::Positive)
            .filter_map(|f| {
                let v = f.value.as_ref()?;
                // A count is exact ("298 people"); an amount of money or a
                // share is often rounded.
                let tolerance = if v.kind == QuantityKind::Count { 0.0 } else { tolerance };
                let (low, high) = match (v.low, v.high) {
                    (Some(x), Some(_)) if v.bound.is_some() => range(x, v.bound.as_deref(), tolerance),
                    (Some(x), Some(y)) => (x * (1.0 - tolerance), y * (1.0 + tolerance)),
                    (None, Some(y)) => (0.0, y * (1.0 + tolerance)),
                    (Some(x), None) => (x * (1.0 - tolerance), f64::INFINITY),
                    (None, None) => return None,
                };
                let value = match (v.low, v.high) {
                    (Some(x), Some(y)) => (x + y) / 2.0,
                    (x, y) => x.or(y).unwrap_or_default(),
                };
                let stated_range =
                    v.bound.is_none() && matches!((v.low, v.high), (Some(x), Some(y)) if x < y);
                Some(Amount {
                    kind: v.kind,
                    unit: f.predicate.clone(),
                    value,
                    low,
                    high,
                    stated_range,
                    movement: v.kind == QuantityKind::Percent && is_movement(text, &v.text),
                    text: v.text.clone(),
                })
            })
            .collect();
        let mut measures: Vec<String> = amounts
            .iter()
            .filter(|a| a.kind == QuantityKind::Count && !a.unit.is_empty() && a.low >= 10.0)
            .map(|a| a.unit.clone())
            .collect();
        measures.sort();
        measures.dedup();
        let mut amounts = amounts;
        amounts.truncate(COMPARED);
        // Antonym pair `k` is entries `2k` and `2k + 1` of the word list.
        let antonyms = ANTONYM_WORDS.present(text);
        let (mut antonym_first, mut antonym_second) = (0u32, 0u32);
        for k in 0..ANTONYMS.len() {
            antonym_first |= u32::from(antonyms >> (2 * k) & 1 == 1) << k;
            antonym_second |= u32::from(antonyms >> (2 * k + 1) & 1 == 1) << k;
        }
        let certain = claim.factuality().is_none_or(|f| f.certainty == Certainty::Certain);
        Self {
            countries,
            subject,
            parties,
            measures,
            entities,
            agreement: AGREEMENT_WORDS.any(text),
            stage: stage_of(text),
            disclosure: DISCLOSURE_WORDS.first(text).map(|(_, word)| word),
            alignment: ALIGNMENT_WORDS.first(text).map(|(k, word)| (ALIGNMENT[k].1, word)),
            polarity,
            certain,
            denial: crate::extract::lexicon::denial_at(text).is_some(),
            denier: None,
            denial_kind: None,
            events: Vec::new(),
            agents: Vec::new(),
            accounts: Vec::new(),
            accusers: Vec::new(),
            dates,
            amounts,
            published: article.and_then(|a| a.meta().published),
            article: claim.article().to_owned(),
            speaker: claim.attribution().and_then(|a| a.speaker.clone()),
            history: false,
            narrates_change: narrates_change(text),
            conditional: is_conditional(text),
            antonym_first,
            antonym_second,
        }
    }

    /// Reads the kinds of event the claim names, the words they are said
    /// of, the parties it names as doers of an event one party does (see
    /// [`ACCOUNTS`]) and, for a denial, who denies and the kind of the
    /// denial itself, with the matcher's paraphrase classes and entity
    /// table. One pass over the words.
    pub(crate) fn read_events(
        &mut self,
        text: &str,
        tokenizer: &crate::matching::Tokenizer,
        aliases: &crate::extract::EntityTable,
    ) {
        // What a contrastive "not" sets aside ("Ukrainian forces, not the
        // rebels, shot it down") is not what the claim says.
        let aside = crate::extract::attribution::contrastive_negations(text);
        let (words, aside_words): (Vec<crate::matching::Word>, Vec<_>) =
            tokenizer.read(text).into_iter().partition(|w| !aside.iter().any(|r| r.contains(&w.at)));
        let mut events: Vec<String> = words.iter().filter_map(|w| w.kind.clone()).collect();
        events.sort();
        events.dedup();
        if let Some(r) = crate::extract::lexicon::denial_at(text) {
            self.denial_kind =
                words.iter().chain(&aside_words).filter(|w| r.contains(&w.at)).find_map(|w| w.kind.clone());
            self.denier = denier(&text[..r.start])
                .and_then(|w| tokenizer.read(&w).into_iter().find_map(|w| w.head))
                .map(|h| word_key(&h));
        }
        if !events.is_empty() {
            let mut agents = agents(&words, self.denial_kind.as_deref());
            agents.sort_unstable();
            agents.dedup();
            self.agents = agents;
            if !self.negated() {
                let (mut accounts, mut accusers) = accounts(text, &words, aliases);
                accounts.sort();
                accounts.dedup();
                accusers.sort_unstable();
                accusers.dedup();
                self.accounts = accounts;
                self.accusers = accusers;
            }
        }
        self.events = events;
    }

    /// The stage, without the word.
    pub(crate) fn stage_kind(&self) -> Option<Stage> {
        self.stage.as_ref().map(|s| s.0)
    }

    /// When what the claim says holds: the first date it names, or else
    /// when it was published. "On 10 June the estimate was raised" in an
    /// August article is about June.
    pub(crate) fn holds(&self) -> Option<PartialDate> {
        self.dates.first().copied().or(if self.history { None } else { self.published })
    }

    /// The parties of the deal the claim may be about: its countries when
    /// it names two or more, else its people and organisations.
    pub(crate) fn deal_parties(&self) -> &[String] {
        if self.countries.len() >= 2 { &self.countries } else { &self.parties }
    }

    /// Whether what it says was disclosed was leaked: disclosed by someone
    /// other than those who held it. A leak and an official disclosure
    /// are two predicates: "the provisions have not been revealed" and
    /// "a draft was leaked" are both true of one secret agreement.
    pub(crate) fn leaked(&self) -> bool {
        self.disclosure.as_deref().is_some_and(|w| w.to_lowercase().starts_with("leak"))
    }

    /// The alignment, without the word.
    pub(crate) fn alignment_kind(&self) -> Option<Alignment> {
        self.alignment.as_ref().map(|a| a.0)
    }

    /// Whether the claim asserts the negation of what it names.
    pub(crate) fn negated(&self) -> bool {
        self.polarity == Polarity::Negative || self.denial
    }

    /// Whether the claim firmly negates or denies: a hedged negation
    /// ("may not") does not contradict anything.
    pub(crate) fn firmly_negated(&self) -> bool {
        self.denial || (self.polarity == Polarity::Negative && self.certain)
    }
}

/// A content word as a key: a hash is enough to tell words apart here,
/// in an eighth of the room of the word.
fn word_key(word: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    word.hash(&mut h);
    h.finish()
}

/// Whether a claim says its events of `key` (a content word's head).
pub(crate) fn said_of(frame: &Frame, key: u64) -> bool {
    frame.agents.binary_search(&key).is_ok()
}

/// Words that end the stretch before an event word in which its doer is
/// named: prepositions and clause words ("crashed in rebel-held
/// Ukraine", "the deal with rebel commanders").
const NOT_DOER: &[&str] = &[
    "in", "over", "from", "of", "with", "between", "near", "at", "on", "to", "and", "that", "when", "after",
];

/// Reporting verbs: the doer of an event told after one is named after
/// it ("Rebels say Kiev shot down ...": Kiev).
const REPORTING: &[&str] = &[
    "say", "says", "said", "claim", "claims", "claimed", "told", "tell", "tells", "believe", "believes",
    "insist", "insists", "insisted", "allege", "alleges", "alleged", "accuse", "accuses", "accused",
];

/// Words between an event and its "by" that mean the "by" is not the
/// event's: another verb's auxiliaries ("the crash site has been hampered
/// by militants").
const OTHER_VERB: &[&str] = &["has", "have", "had", "been", "was", "were", "is", "are", "be"];

/// Kinds of event whose object is the one accused ("blamed Halliburton").
const ACCUSATIONS: &[&str] = &["blame"];

/// The keys of the words `words` says its events (other than `except`)
/// of: up to three words before the event word, back to a preposition or
/// clause word; the words of a "by" phrase right after it; and for an
/// accusation, the words after it. Words of hyphenated compounds
/// ("rebel-held") are places and descriptions, not doers.
fn agents(words: &[crate::matching::Word], except: Option<&str>) -> Vec<u64> {
    let mut out = Vec::new();
    let content = |w: &crate::matching::Word| w.head.as_ref().filter(|_| !w.compound).map(|h| word_key(h));
    for (e, word) in words.iter().enumerate() {
        let Some(kind) = word.kind.as_deref().filter(|k| Some(*k) != except) else { continue };
        let (before, by, accused) = doer_words(words, e, kind);
        out.extend(before.iter().chain(by).chain(accused).filter_map(content));
    }
    out
}

/// The words an event word (`words[e]`, of kind `kind`) is said of: up to
/// three before it, back to a preposition, a clause word or a reporting
/// verb ("Separatists say Ukraine shot it down": Ukraine); those of a "by"
/// phrase after it ("shot down by militants", "if it was shot down, it
/// was by Ukrainian forces"); and for an accusation, those after it
/// ("blamed Halliburton").
fn doer_words<'w>(
    words: &'w [crate::matching::Word],
    e: usize,
    kind: &str,
) -> (&'w [crate::matching::Word], &'w [crate::matching::Word], &'w [crate::matching::Word]) {
    let from = words[e.saturating_sub(3)..e]
        .iter()
        .rposition(|w| NOT_DOER.contains(&w.written.as_str()) || REPORTING.contains(&w.written.as_str()))
        .map_or(e.saturating_sub(3), |p| e.saturating_sub(3) + p + 1);
    let before = &words[from..e];
    let after = &words[e + 1..words.len().min(e + 9)];
    let by = match after.iter().position(|w| w.written == "by") {
        // Another verb's "by" ("the crash site has been hampered by
        // militants") is not the event's, unless it is the cleft "it was
        // by".
        Some(by)
            if !after[..by].iter().any(|w| OTHER_VERB.contains(&w.written.as_str()))
                || matches!(&after[..by], [it, was] if it.written == "it" && OTHER_VERB.contains(&was.written.as_str())) =>
        {
            let phrase = &after[by + 1..];
            let len = phrase.iter().take_while(|w| w.head.is_some() || w.written == "the").take(3).count();
            &phrase[..len]
        }
        _ => &[],
    };
    // "Blamed the rebels for the downing": what they are blamed for is
    // not who.
    let accused = if ACCUSATIONS.contains(&kind) {
        let len = after
            .iter()
            .take_while(|w| w.written != "for" && !NOT_DOER.contains(&w.written.as_str()))
            .take(3)
            .count();
        &after[..len]
    } else {
        &[]
    };
    (before, by, accused)
}

/// Kinds of event one party does to one thing, so that two accounts
/// naming different doers of it are rival accounts: who shot the plane
/// down, who is to blame.
pub(crate) const ACCOUNTS: &[&str] = &["crash", "blame"];

/// The forms of "be": before an event word, its passive.
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Heads of the paraphrase classes of events that befall their subject:
/// "the plane crashed" names no doer.
const BEFALLS: &[&str] = &["crash"];

/// Heads of the paraphrase classes whose words name parties that act
/// (rebels, the military, a government).
const PARTY_CLASSES: &[&str] = &["rebel", "military", "government"];

/// Words of instruments and causes, not parties: a doer phrase holding
/// one names what did it, not who ("a Buk missile system").
const INSTRUMENTS: &[&str] =
    &["missile", "weapon", "system", "launcher", "bomb", "explosion", "blast", "device", "object", "objects"];

/// The parties `text` names as the doers of its events of the kinds in
/// [`ACCOUNTS`] (for an accusation, the parties accused, not the
/// accuser): each with the kind, the key of its head and its word as
/// written. A party is a word of one of [`PARTY_CLASSES`], or a name: a
/// capitalised word other than the text's first, not in a hyphenated
/// compound ("Russian-backed rebels" are rebels). A phrase naming an
/// instrument is left out whole. Second, the keys of the parties named
/// as accusers.
///
/// A party the entity table knows is keyed by its entity ("Kiev" and
/// "Ukrainian" are Ukraine); `aliases` is read only when a claim names a
/// party.
fn accounts(
    text: &str,
    words: &[crate::matching::Word],
    aliases: &crate::extract::EntityTable,
) -> (Vec<(String, u64, String)>, Vec<u64>) {
    let mut out = Vec::new();
    let mut accusers = Vec::new();
    // The text's first word: capitalised whatever it is, so no name
    // as a doer, but the accuser when it opens an accusation.
    let first = words.iter().find(|w| w.head.is_some());
    let mentions = std::cell::OnceCell::new();
    let key = |at: usize, head: &str| {
        let mentions = mentions.get_or_init(|| aliases.find(text));
        mentions
            .iter()
            .find(|m| m.start <= at && at < m.end)
            .map_or_else(|| word_key(head), |m| word_key(&m.entity.name))
    };
    let party = |w: &crate::matching::Word| -> Option<(u64, String)> {
        let head = w.head.as_ref().filter(|_| !w.compound)?;
        let named = first.is_none_or(|f| f.at != w.at) && text[w.at..].starts_with(char::is_uppercase);
        (named || PARTY_CLASSES.contains(&head.as_str())).then(|| (key(w.at, head), w.written.clone()))
    };
    let instrument = |phrase: &[crate::matching::Word]| {
        phrase.iter().any(|w| {
            INSTRUMENTS.contains(&w.written.as_str())
                || w.head.as_deref().is_some_and(|h| INSTRUMENTS.contains(&h))
        })
    };
    for (e, word) in words.iter().enumerate() {
        let Some(kind) = word.kind.as_deref().filter(|k| ACCOUNTS.contains(k)) else { continue };
        let (before, by, accused) = doer_words(words, e, kind);
        // An accusation's own doer is the accuser; the accused is its
        // value. A cause's "by" names the doer.
        // In the passive ("the flight was shot down") the words before
        // are what it befell; so they are before a word of what befalls
        // its subject ("the plane crashed").
        let passive = before.iter().any(|w| BE.contains(&w.written.as_str()))
            || word.head.as_deref().is_some_and(|h| BEFALLS.contains(&h));
        let phrases: [&[crate::matching::Word]; 2] = match () {
            () if ACCUSATIONS.contains(&kind) && !accused.is_empty() => {
                // The accuser is the subject: named before the word, or
                // else the name that opens the sentence ("Transocean, in
                // turn, blamed Halliburton").
                let named: Vec<u64> = before.iter().filter_map(party).map(|(key, _)| key).collect();
                let opening = first.filter(|w| {
                    !w.compound && w.at < word.at && text[w.at..].starts_with(char::is_uppercase)
                });
                match opening.and_then(|w| Some((w.at, w.head.as_ref()?))) {
                    Some((at, head)) if named.is_empty() => accusers.push(key(at, head)),
                    _ => accusers.extend(named),
                }
                [accused, &[]]
            }
            () if passive => [by, &[]],
            () => [before, by],
        };
        for phrase in phrases.into_iter().filter(|p| !instrument(p)) {
            out.extend(phrase.iter().filter_map(party).map(|(key, word)| (kind.to_owned(), key, word)));
        }
    }
    // "Blamed the rebels for the downing": the one accused is the doer
    // of the other events the claim names.
    let kinds: Vec<&str> =
        words.iter().filter_map(|w| w.kind.as_deref()).filter(|k| ACCOUNTS.contains(k)).collect();
    let blamed: Vec<(u64, String)> = out
        .iter()
        .filter(|(k, ..)| ACCUSATIONS.contains(&k.as_str()))
        .map(|(_, key, word)| (*key, word.clone()))
        .collect();
    for kind in kinds.into_iter().filter(|k| !ACCUSATIONS.contains(k)) {
        out.extend(blamed.iter().map(|(key, word)| (kind.to_owned(), *key, word.clone())));
    }
    (out, accusers)
}

/// Words between a subject and its verb: auxiliaries and adverbs.
const BEFORE_VERB: &[&str] = &[
    "have",
    "has",
    "had",
    "again",
    "also",
    "strongly",
    "flatly",
    "firmly",
    "repeatedly",
    "immediately",
    "categorically",
    "vehemently",
    "quickly",
    "swiftly",
    "publicly",
    "officially",
    "both",
    "all",
];

/// Prepositions a subject's head may be followed by ("militias in
/// eastern Ukraine", "the Ministry of Defense").
const PREPOSITIONS: &[&str] = &["in", "of", "from", "at", "on", "near", "for"];

/// Pronouns that stand for a subject named before.
const SUBJECT_PRONOUNS: &[&str] = &["it", "they", "he", "she", "we"];

/// The head word of who denies, from the text before the denial: the
/// subject's last word before any prepositional phrase ("the separatist
/// militias in eastern Ukraine have again denied": "militias"), or for a
/// pronoun the name written before it ("As for Halliburton, it denied").
fn denier(before: &str) -> Option<String> {
    let words: Vec<&str> =
        before.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    let mut k = words.len();
    while k > 0 && BEFORE_VERB.contains(&words[k - 1].to_lowercase().as_str()) {
        k -= 1;
    }
    let last = *words.get(k.checked_sub(1)?)?;
    // "the separatists who denied": the word the relative pronoun follows.
    if matches!(last.to_lowercase().as_str(), "who" | "which" | "that") {
        return words.get(k.checked_sub(2)?).map(|w| (*w).to_owned());
    }
    if SUBJECT_PRONOUNS.contains(&last.to_lowercase().as_str()) {
        return words[..k - 1]
            .iter()
            .rev()
            .take(6)
            .find(|w| w.starts_with(char::is_uppercase))
            .map(|w| (*w).to_owned());
    }
    // "militias in eastern Ukraine": the word before the preposition.
    let from = k.saturating_sub(4);
    let head = match words[from..k].iter().rposition(|w| PREPOSITIONS.contains(w)) {
        Some(p) if from + p > 0 => words[from + p - 1],
        _ => last,
    };
    Some(head.to_owned())
}

/// Words that tell of a figure changing over time: what was estimated
/// before, what it was raised or revised to.
const CHANGE: &[&str] = &[
    "earlier",
    "previous*",
    "initial*",
    "original*",
    "later",
    "raised",
    "revised",
    "lowered",
    "upped",
    "increased",
    "decreased",
    "up from",
    "down from",
    "had been",
    "now",
    "first",
    "updated",
];

static CHANGE_WORDS: LazyLock<WordLexicon> = LazyLock::new(|| WordLexicon::new(CHANGE.iter().copied()));

/// Whether `text` tells of a figure changing, its set-aside phrases
/// ("not the 1,000 estimated earlier") left out.
fn narrates_change(text: &str) -> bool {
    let aside = crate::extract::attribution::contrastive_negations(text);
    if aside.is_empty() {
        return CHANGE_WORDS.any(text);
    }
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for r in aside {
        if r.start >= at {
            kept.push_str(&text[at..r.start]);
            kept.push(' ');
        }
        at = at.max(r.end);
    }
    kept.push_str(&text[at..]);
    CHANGE_WORDS.any(&kept)
}

/// The range of values a bound allows around `value`.
fn range(value: f64, bound: Option<&str>, tolerance: f64) -> (f64, f64) {
    let (lo, hi) = (value * (1.0 - tolerance), value * (1.0 + tolerance));
    match bound {
        Some("up_to" | "less_than") => (0.0, hi),
        Some("more_than" | "at_least") => (lo, f64::INFINITY),
        Some("about" | "nearly") => (value * 0.9, value * 1.1),
        _ => (lo, hi),
    }
}

/// Claims back in the same paragraph a clause may take its parties from.
const ANTECEDENT_WINDOW: usize = 4;

/// Fills in the parties of agreement clauses that name fewer than two
/// countries ("talks will continue to finalise the deal", "is also
/// negotiating a deal with China") from the nearest claim before it in the
/// same paragraph that names an agreement with two or more countries: a
/// clause naming none takes all of them, a clause naming one takes the
/// first named there (the subject, usually).
///
/// `claims` are one article's, in text order, with their frames.
pub(crate) fn fill_parties(article: &Article, claims: &[&Claim], frames: &mut [&mut Frame]) {
    let original: Vec<Vec<String>> = frames.iter().map(|f| f.countries.clone()).collect();
    let firsts: Vec<Option<String>> = claims
        .iter()
        .map(|c| c.entities().iter().find(|e| e.kind == EntityKind::Country).map(|e| e.name.clone()))
        .collect();
    for i in 0..claims.len() {
        if (!frames[i].agreement && frames[i].disclosure.is_none()) || original[i].len() >= 2 {
            continue;
        }
        let start = i.saturating_sub(ANTECEDENT_WINDOW);
        for j in (start..i).rev() {
            if new_paragraph(article.original(), claims[j].span().end, claims[j + 1].span().start) {
                break;
            }
            if !(frames[j].agreement && original[j].len() >= 2) {
                continue;
            }
            let mut countries = original[i].clone();
            match original[i].len() {
                0 => countries.extend(original[j].iter().cloned()),
                _ => countries.extend(firsts[j].iter().cloned()),
            }
            countries.sort();
            countries.dedup();
            frames[i].countries = countries;
            break;
        }
    }
}

/// Marks the claims of one article that give a figure for a measure the
/// article gives several values of ("BP said 1,000 barrels a day, then
/// stuck to 5,000"): the article tells the figure's history. Linear in
/// the article's claims.
pub(crate) fn mark_histories(frames: &mut [&mut Frame]) {
    // Each claim's figure for a measure: its one value, or the sum of its
    // parts ("280 passengers and 15 crew" is 295). The article gives
    // several values when the figures have no value in common.
    let mut span: std::collections::BTreeMap<&str, (f64, f64)> = std::collections::BTreeMap::new();
    for f in frames.iter() {
        for m in &f.measures {
            let (low, high) = f
                .amounts
                .iter()
                .filter(|a| &a.unit == m)
                .fold((0.0, 0.0), |(l, h), a| (l + a.low, h + a.high));
            let seen = span.entry(m.as_str()).or_insert((f64::NEG_INFINITY, f64::INFINITY));
            // The largest low and the smallest high seen so far.
            *seen = (seen.0.max(low), seen.1.min(high));
        }
    }
    let several: Vec<String> =
        span.into_iter().filter(|(_, (low, high))| low > high).map(|(m, _)| m.to_owned()).collect();
    for f in frames.iter_mut() {
        f.history = f.measures.iter().any(|m| several.contains(m));
    }
}

/// Whether a blank line separates `from` and `to` in the text.
fn new_paragraph(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from.min(to)..to) else { return true };
    let mut newlines = 0;
    for c in between.chars() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            _ => newlines = 0,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_widen_the_range() {
        assert_eq!(range(100.0, Some("up_to"), 0.01), (0.0, 101.0));
        assert!(range(100.0, Some("more_than"), 0.01).1.is_infinite());
    }

    #[test]
    fn paragraphs_break_on_blank_lines() {
        assert!(new_paragraph("a.\n\nb.", 2, 4));
        assert!(new_paragraph("a.\n  \nb.", 2, 6));
        assert!(!new_paragraph("a. b.", 2, 3));
    }
}
