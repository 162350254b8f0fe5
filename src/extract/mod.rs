//! Extraction: from an article's text to its claims.
//!
//! Invariants: extraction does no I/O and looks at one article at a time,
//! so articles can be processed in any order or in parallel with the same
//! result. Every claim's span lies inside its article's body, on `char`
//! boundaries of the original text. Text that is not a claim is never
//! dropped silently: it is returned as a [`Skipped`] diagnostic.

pub(crate) mod attribution;
pub(crate) mod classify;
pub(crate) mod clause;
pub(crate) mod entity;
pub(crate) mod fact;
pub(crate) mod lexicon;
pub(crate) mod quantity;
pub(crate) mod segment;
pub(crate) mod text;
pub(crate) mod time;

use std::collections::{HashMap, HashSet};

pub use entity::EntityTable;

use crate::model::{
    Article, Attribution, AttributionMode, Claim, Entity, EntityKind, Quantity, QuantityKind, QuantityValue,
    SkipReason, Skipped, Span, UnreadAmount, UnresolvedDate,
};
use clause::Join;

/// What extraction found in one article.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Extraction {
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// Text that was not taken as a claim, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Turns articles into claims.
#[derive(Clone, Debug)]
pub struct Extractor {
    entities: EntityTable,
}

impl Default for Extractor {
    fn default() -> Self {
        Self { entities: EntityTable::builtin() }
    }
}

/// What the sentences of one block share: whether the block is short
/// (60 words at most) and a caption (short, with a caption or credit
/// marker), whether all its sentences are credit lines, and the
/// boilerplate it opens with.
#[derive(Clone, Copy, Default)]
struct BlockFacts {
    short: bool,
    caption: bool,
    credit: bool,
    boilerplate: Option<SkipReason>,
}

/// What coreference remembers from earlier sentences.
#[derive(Default)]
struct Memory {
    /// The last named speaker.
    speaker: Option<String>,
    /// The previous sentence's speaker, if it had one.
    previous_speaker: Option<String>,
    /// People mentioned in the previous sentence, in order.
    previous_people: Vec<String>,
    /// Claims inside a quotation that is still open, waiting for the
    /// sentence that names its speaker.
    open_quote: Vec<usize>,
    /// The people the article has named, the most recent last, with the
    /// title written before the name ("iranian foreign minister"): the
    /// last [`REMEMBERED_PEOPLE`] of them.
    people: Vec<(String, String)>,
}

/// How many dates an opening adverbial gives every clause: a real one
/// has one or two ("On 1 March 2021,").
const OPENING_DATES: usize = 2;

/// How many bytes before a person's name are read for their title
/// ("Iranian Foreign Minister").
const TITLE_WINDOW: usize = 128;

/// How many people coreference remembers. A pronoun, a role or a surname
/// refers to someone named recently; a bound keeps an article that names
/// a new person in every sentence linear.
const REMEMBERED_PEOPLE: usize = 256;

impl Memory {
    /// The full names of the people remembered, the most recent last.
    fn person_names(&self) -> Vec<&str> {
        self.people.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// The person a description names by role ("the Iranian Foreign
    /// Minister"): the most recent one whose title has all its words,
    /// else the most recent one whose title has its head noun.
    fn by_role(&self, description: &str) -> Option<String> {
        let lower = description.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().filter(|w| *w != "the").collect();
        let head = *words.last()?;
        let has = |title: &str, w: &str| title.split_whitespace().any(|t| t == w);
        self.people
            .iter()
            .rev()
            .find(|(_, title)| words.iter().all(|w| has(title, w)))
            .or_else(|| self.people.iter().rev().find(|(_, title)| has(title, head)))
            .map(|(name, _)| name.clone())
    }

    /// Remembers the people a sentence names, with their titles.
    fn saw_people(&mut self, text: &str, mentions: &[entity::Mention]) {
        for m in mentions.iter().filter(|m| m.entity.kind == EntityKind::Person) {
            // A title is a few short words right before the name: read a
            // window of the text before it, not all of it.
            let mut from = m.start.saturating_sub(TITLE_WINDOW);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let window = &text[from..m.start];
            // A word the window cuts is not read.
            let cut = from > 0
                && !window.starts_with(char::is_whitespace)
                && !text[..from].ends_with(char::is_whitespace);
            let whole =
                if cut { window.find(char::is_whitespace).map_or("", |i| &window[i..]) } else { window };
            let title: Vec<String> = whole
                .split_whitespace()
                .rev()
                .take(4)
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .map(str::to_lowercase)
                .collect();
            let title = title.into_iter().rev().collect::<Vec<_>>().join(" ");
            let name = m.entity.name.clone();
            match self.people.iter().position(|(n, _)| *n == name) {
                Some(i) => {
                    let (_, old) = self.people.remove(i);
                    let title = if title.is_empty() { old } else { title };
                    self.people.push((name, title));
                }
                None => self.people.push((name, title)),
            }
            if self.people.len() > REMEMBERED_PEOPLE {
                self.people.remove(0);
            }
        }
    }
}

impl Extractor {
    /// An extractor with the built-in entity table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `entities` instead of the built-in table (extend
    /// [`EntityTable::builtin`] to add names).
    pub fn with_entities(mut self, entities: EntityTable) -> Self {
        self.entities = entities;
        self
    }

    /// The claims made in `article`, in text order, and what was skipped.
    /// Claim ids are the article id, `#`, and the claim's 1-based position.
    pub fn extract(&self, article: &Article) -> Extraction {
        let sentences = segment::sentences(article);
        if sentences.is_empty() {
            // Nothing that reads as a sentence: say so, with the body,
            // trimmed, and a span that covers just that.
            let body = article.body();
            let text = body.trim();
            let start = article.body_span().start + (body.len() - body.trim_start().len());
            return Extraction {
                claims: Vec::new(),
                skipped: vec![Skipped {
                    article: article.id().to_owned(),
                    span: Span::new(start, start + text.len()),
                    text: text.to_owned(),
                    reason: SkipReason::NoSentence,
                }],
            };
        }
        let published = article.meta().published;
        let outlet = article.meta().outlet.clone();
        let mut per_block: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, s) in sentences.iter().enumerate() {
            per_block.entry(s.block).or_default().push(i);
        }
        let block_texts: HashMap<usize, String> = per_block
            .iter()
            .map(|(&block, ids)| {
                (block, ids.iter().map(|&i| sentences[i].text.as_str()).collect::<Vec<_>>().join(" "))
            })
            .collect();
        let title = article.meta().title.as_deref().map(classify::title_key);
        let reasons: Vec<Option<SkipReason>> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let in_block = per_block.get(&s.block).map_or(1, Vec::len);
                let ctx = classify::Context {
                    title: title.as_deref(),
                    first: i == 0,
                    heading_block: s.kind == crate::corpus::BlockKind::Heading,
                    list_item: s.kind == crate::corpus::BlockKind::ListItem,
                    alone_in_block: in_block == 1,
                };
                classify::sentence_reason(s.text.as_str(), &ctx)
            })
            .collect();
        // What is known of each block, worked out once (a block of many
        // sentences must not be read again for each of them).
        let blocks: HashMap<usize, BlockFacts> = per_block
            .iter()
            .map(|(&block, ids)| {
                let text = block_texts.get(&block).map_or("", String::as_str);
                let short = text.split_whitespace().nth(60).is_none();
                let facts = BlockFacts {
                    short,
                    caption: short && classify::is_caption_block(text),
                    credit: ids.iter().all(|&j| reasons[j] == Some(SkipReason::Credit)),
                    boilerplate: ids
                        .first()
                        .and_then(|&first| reasons[first].filter(|r| *r == SkipReason::Boilerplate)),
                };
                (block, facts)
            })
            .collect();
        let mut out = Extraction::default();
        let mut memory = Memory::default();
        for (i, sentence) in sentences.iter().enumerate() {
            let text = sentence.text.as_str();
            let block = blocks.get(&sentence.block).copied().unwrap_or_default();
            // A block with a credit or caption marker is a caption, and so
            // is a short block right before a credit line.
            let next_block_is_credit = blocks.get(&(sentence.end_block + 1)).is_some_and(|f| f.credit);
            let block_reason = if block.caption || (block.short && next_block_is_credit) {
                Some(SkipReason::Caption)
            } else {
                block.boilerplate
            };
            if let Some(reason) = reasons[i].or(block_reason) {
                out.skipped.push(Skipped {
                    article: article.id().to_owned(),
                    span: sentence.span(),
                    text: text.to_owned(),
                    reason,
                });
                continue;
            }
            self.sentence_claims(
                article,
                sentence,
                outlet.as_deref(),
                published,
                &mut memory,
                &mut out.claims,
            );
        }
        let country = |word: &str| {
            self.entities.lookup(word).filter(|e| e.kind == EntityKind::Country).map(|e| e.name.clone())
        };
        // Last, once a quotation's closing sentence has named its speaker.
        for claim in &mut out.claims {
            claim.facts = fact::facts(article.original(), claim, &country);
            // Claims live until the report is written; their lists, built
            // by pushing, would keep room for four items or more each.
            claim.shrink_to_fit();
        }
        out.claims.shrink_to_fit();
        out.skipped.shrink_to_fit();
        out
    }

    fn sentence_claims(
        &self,
        article: &Article,
        sentence: &segment::Sentence,
        outlet: Option<&str>,
        published: Option<crate::model::PartialDate>,
        memory: &mut Memory,
        claims: &mut Vec<Claim>,
    ) {
        let text = sentence.text.as_str();
        let mentions = self.entities.find_in_sentence(text, &memory.person_names());
        // A sentence read as going on an open quotation names no speaker
        // when the quotation had in fact closed, or a stray mark opened
        // none ("in this project, \"Nikita Danyuk ... emphasized."): it is
        // read the other way then, and the quotation state follows.
        let open_before = !memory.open_quote.is_empty();
        let mut found = attribution::find_continuing(text, open_before);
        let mut starts_in_quote = open_before;
        if found.speaker.is_none() && (open_before || quote_marks(text) % 2 == 1) {
            let other = attribution::find_continuing(text, !open_before);
            // A mark read as closing a quotation no sentence opened must
            // close on the cue that ends the sentence ("... emphasized in a
            // conversation with RT."), not open a quotation as usual; a
            // quotation read as closed before the sentence must leave it
            // marks that open and close a quotation of its own ("Maslov
            // clarified that this is \"not just ...\""), not be the rest of
            // the open one.
            let marks = quote_marks(text);
            let fits = if open_before { marks > 0 && marks.is_multiple_of(2) } else { other.whole_sentence };
            if other.speaker.is_some() && fits {
                found = other;
                starts_in_quote = !open_before;
                memory.open_quote.clear();
            }
        }
        let speaker = found.speaker.as_deref().map(|s| self.resolve_speaker(s, memory));
        let relays: Vec<String> = found.relays.iter().map(|r| self.canonical_or_text(r)).collect();
        let attribution = |attributed: bool| -> Attribution {
            if !attributed {
                return Attribution {
                    speaker: None,
                    chain: outlet.into_iter().map(str::to_owned).collect(),
                    cue: None,
                    mode: AttributionMode::OwnVoice,
                };
            }
            let mut chain: Vec<String> = outlet.into_iter().map(str::to_owned).collect();
            chain.extend(relays.iter().cloned());
            chain.extend(speaker.iter().cloned());
            Attribution { speaker: speaker.clone(), chain, cue: found.cue.clone(), mode: found.mode }
        };
        let quantities = quantity::find(text);
        let dates = time::find(text, published);
        let clauses = clause::clauses(text);
        let cue_clause = clauses.iter().position(|(r, _)| r.contains(&found.cue_at)).unwrap_or(0);
        let first_claim = claims.len();
        // `apart[i]`: how many of the first `i` clauses are not joined by
        // `and`, so that "every clause from here to there is joined by
        // `and`" is one subtraction, not a walk.
        let mut apart = Vec::with_capacity(clauses.len() + 1);
        apart.push(0usize);
        for (_, join) in &clauses {
            apart.push(apart.last().copied().unwrap_or(0) + usize::from(*join != Join::And));
        }
        let all_and = |from: usize, to: usize| from >= to || apart[to] == apart[from];
        // A date in a short adverbial that opens the sentence and is closed
        // by a comma: "On January 1, 2016, ...", "Last year, ...". Dates
        // are in text order: only those before the third word can.
        let third_word = nth_word_start(text, 2);
        let opening: Vec<&time::Found> = dates
            .iter()
            .take_while(|d| d.range.start <= third_word)
            .filter(|d| text[d.range.end..].trim_start().starts_with(','))
            .take(OPENING_DATES)
            .collect();
        for (k, (range, _)) in clauses.iter().enumerate() {
            let (lo, hi) = (k.min(cue_clause), k.max(cue_clause));
            let governed = found.cue.is_some() && (found.whole_sentence || all_and(lo + 1, hi + 1));
            let clause_text = &text[range.clone()];
            let inside = |r: &std::ops::Range<usize>| r.start >= range.start && r.end <= range.end;
            // An amount too large to represent stays text, with a note.
            let readable =
                |q: &&quantity::Found| !matches!(q.value, QuantityValue::Number(v) if !v.is_finite());
            // Quantities and mentions are in text order: each clause takes
            // its own stretch of them, so a sentence of many clauses and
            // many amounts is not read once per clause.
            let in_clause = starting_in(&quantities, |q| q.range.start, range);
            let unread_amounts: Vec<UnreadAmount> = in_clause
                .iter()
                .filter(|q| inside(&q.range) && !readable(q))
                .map(|q| UnreadAmount {
                    text: text[q.range.clone()].to_owned(),
                    span: sentence.text.span(q.range.clone()),
                })
                .collect();
            let mut claim_quantities: Vec<Quantity> = in_clause
                .iter()
                .filter(|q| inside(&q.range) && readable(q))
                .map(|q| Quantity {
                    kind: q.kind,
                    value: q.value.clone(),
                    unit: q.unit.clone(),
                    text: text[q.range.clone()].to_owned(),
                    span: sentence.text.span(q.range.clone()),
                    bound: q.bound.map(str::to_owned),
                })
                .collect();
            let mut unresolved = Vec::new();
            // A date in the sentence's opening adverbial ("On January 1,
            // 2016, A did X and did Y") dates every clause joined by `and`.
            let shares_opening = k > 0 && all_and(1, k + 1);
            let opened = opening.iter().copied().filter(|d| shares_opening && !inside(&d.range));
            let own = starting_in(&dates, |d| d.range.start, range);
            let in_scope = opened.chain(own.iter().filter(|d| inside(&d.range)));
            for d in in_scope {
                let span = sentence.text.span(d.range.clone());
                let written = text[d.range.clone()].to_owned();
                match d.date {
                    Some(date) => claim_quantities.push(Quantity {
                        kind: QuantityKind::Date,
                        value: QuantityValue::Date(date),
                        unit: "date".into(),
                        text: written,
                        span,
                        bound: None,
                    }),
                    None => unresolved.push(UnresolvedDate { text: written, span }),
                }
            }
            claim_quantities.sort_by_key(|q| q.span.start);
            let mut entities: Vec<Entity> = Vec::new();
            let mut seen: HashSet<&Entity> = HashSet::new();
            for m in starting_in(&mentions, |m| m.start, range) {
                if m.end <= range.end && seen.insert(&m.entity) {
                    entities.push(m.entity.clone());
                }
            }
            let attribution = attribution(governed);
            let factuality = attribution::factuality(clause_text, attribution.cue.as_deref());
            let n = claims.len() + 1;
            claims.push(Claim {
                id: format!("{}#{n}", article.id()),
                article: article.id().to_owned(),
                span: sentence.text.span(range.clone()),
                text: clause_text.to_owned(),
                attribution: Some(attribution),
                factuality: Some(factuality),
                quantities: claim_quantities,
                entities,
                unresolved_dates: unresolved,
                unread_amounts,
                facts: Vec::new(),
            });
        }
        // A quotation running over several sentences belongs to whoever
        // the sentence that closes it names.
        let (opens, closes) = quote_balance(text, starts_in_quote);
        if starts_in_quote || opens {
            memory.open_quote.extend(first_claim..claims.len());
        }
        if closes && speaker.is_some() {
            let attributed = attribution(true);
            for &c in &memory.open_quote {
                if let Some(claim) = claims.get_mut(c) {
                    let mut a = attributed.clone();
                    a.mode = AttributionMode::Direct;
                    claim.factuality = Some(attribution::factuality(&claim.text, a.cue.as_deref()));
                    claim.attribution = Some(a);
                }
            }
        }
        if closes || (!opens && !starts_in_quote) {
            memory.open_quote.clear();
        }
        memory.previous_speaker = speaker.clone();
        if let Some(s) = speaker.filter(|s| attribution::unnamed(s).is_none()) {
            memory.speaker = Some(s);
        }
        memory.saw_people(text, &mentions);
        memory.previous_people = mentions
            .iter()
            .filter(|m| m.entity.kind == EntityKind::Person)
            .map(|m| m.entity.name.clone())
            .collect();
    }

    /// A speaker as written, resolved to a canonical name.
    fn resolve_speaker(&self, written: &str, memory: &Memory) -> String {
        // "the ministry" refers back; "the Foreign Ministry of the Islamic
        // Republic" names its own country.
        let lower = written.to_lowercase();
        let org = lower.contains("ministry") || lower.contains("department");
        let named = self.entities.find(written);
        let person_role = attribution::is_person_role(written);
        // "the head of the PRC Foreign Ministry": the person the article
        // named with a title of the same country or body ("Chinese Foreign
        // Minister Wang Yi"), else the body itself.
        if attribution::is_reference(written)
            && person_role
            && org
            && let Some(p) = memory.people.iter().rev().find_map(|(name, title)| {
                // The body's own word ("foreign" of "Foreign Ministry") is
                // in the title too: a country's president does not head
                // its defence ministry.
                let body = lower
                    .split_whitespace()
                    .take_while(|w| !w.starts_with("ministr") && !w.starts_with("department"))
                    .last();
                if !body.is_some_and(|b| title.split_whitespace().any(|w| w == b)) {
                    return None;
                }
                let of_same = title.split_whitespace().any(|w| {
                    let mut chars = w.chars();
                    let mut cap: String = chars.next().into_iter().flat_map(char::to_uppercase).collect();
                    cap.push_str(chars.as_str());
                    // A word the table knows ("Chinese"), naming the body
                    // or written in its name ("Chinese Foreign Ministry").
                    self.entities.lookup(&cap).is_some_and(|e| {
                        named.iter().any(|m| {
                            m.entity.name == e.name || m.entity.name.split_whitespace().any(|n| n == cap)
                        })
                    })
                });
                of_same.then(|| name.clone())
            })
        {
            return p;
        }
        if attribution::is_reference(written) && (named.is_empty() || (person_role && !org)) {
            // "he", "the minister": the speaker of the sentence before,
            // else the person it named last, else the last speaker.
            let pronoun = lower.split_whitespace().count() == 1;
            if !org
                && !pronoun
                && let Some(p) = memory.by_role(written)
            {
                return p;
            }
            if !org {
                if let Some(s) = memory.previous_speaker.clone().filter(|s| attribution::unnamed(s).is_none())
                {
                    return s;
                }
                if let Some(p) = memory.previous_people.last() {
                    return p.clone();
                }
            }
            if let Some(s) = &memory.speaker {
                return s.clone();
            }
        }
        if let Some(unnamed) = attribution::unnamed(written) {
            return unnamed;
        }
        let name = self.canonical_or_text(written);
        // "Sullivan said": the Sullivan the article named before.
        if self.entities.lookup(&name).is_none()
            && let Some(person) = entity::bearer_of(&name, &memory.person_names())
        {
            return person.to_owned();
        }
        name
    }

    /// The canonical name of the entity a phrase names (a person first,
    /// then an organisation, then a country), or the phrase itself.
    fn canonical_or_text(&self, phrase: &str) -> String {
        let mentions = self.entities.find(phrase);
        for kind in [EntityKind::Person, EntityKind::Organisation, EntityKind::Country, EntityKind::Place] {
            if let Some(m) = mentions.iter().find(|m| m.entity.kind == kind) {
                // "the Foreign Ministry of the Islamic Republic": a ministry
                // of a country is that country's ministry.
                let lower = phrase.to_lowercase();
                if kind == EntityKind::Country
                    && (lower.contains("foreign ministry") || lower.contains("ministry of foreign affairs"))
                {
                    let name = format!("{} Foreign Ministry", demonym(&m.entity.name));
                    return name;
                }
                return m.entity.name.clone();
            }
        }
        let trimmed = phrase.trim().trim_start_matches("the ").trim_start_matches("The ");
        trimmed.to_owned()
    }
}

/// The adjective of a few countries' ministries; others use the name.
fn demonym(country: &str) -> String {
    match country {
        "China" => "Chinese".into(),
        "Iran" => "Iranian".into(),
        "Russia" => "Russian".into(),
        "United States" => "US".into(),
        other => other.to_owned(),
    }
}

/// The run of `items`, in order of `start`, that start inside `range`:
/// found by binary search, so each clause of a long sentence takes its own
/// stretch without reading the others'.
fn starting_in<'i, T>(
    items: &'i [T],
    start: impl Fn(&T) -> usize,
    range: &std::ops::Range<usize>,
) -> &'i [T] {
    let first = items.partition_point(|x| start(x) < range.start);
    let last = items.partition_point(|x| start(x) < range.end).max(first);
    &items[first..last]
}

/// Where word `n` (counting from zero) starts, or the text's end; reads
/// no further.
fn nth_word_start(text: &str, n: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if words == n {
                return i;
            }
            words += 1;
            in_word = true;
        }
    }
    text.len()
}

/// How many quotation marks `text` holds.
fn quote_marks(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, '"' | '“' | '”')).count()
}

/// Whether a sentence leaves a quotation open at its end, and whether it
/// closes one that was open at its start or that it opened.
fn quote_balance(text: &str, starts_open: bool) -> (bool, bool) {
    let mut open = starts_open;
    let mut closed = false;
    for c in text.chars() {
        match c {
            '“' => open = true,
            '”' => {
                if open {
                    closed = true;
                }
                open = false;
            }
            '"' => {
                if open {
                    closed = true;
                }
                open = !open;
            }
            _ => {}
        }
    }
    (open, closed && starts_open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, PartialDate};

    fn claims(text: &str) -> Vec<Claim> {
        let meta = ArticleMeta::default().published(PartialDate::ymd(2021, 3, 27).expect("a valid date"));
        let article = Article::new("a", meta, text).expect("a valid article");
        Extractor::new().extract(&article).claims
    }

    fn dates(claim: &Claim) -> Vec<String> {
        claim.quantities().iter().filter(|q| q.kind == QuantityKind::Date).map(|q| q.text.clone()).collect()
    }

    #[test]
    fn an_opening_date_dates_the_clauses_joined_by_and() {
        let found =
            claims("On January 1, 2016, Iran paid China $5 million, and China paid Russia $7 million.");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(dates(&found[0]), ["January 1, 2016"]);
        assert_eq!(dates(&found[1]), ["January 1, 2016"]);
    }

    #[test]
    fn an_opening_date_starts_by_the_third_word() {
        let by_third =
            claims("Early on 2 March 2021, Iran paid China $5 million, and China paid Russia $7 million.");
        assert_eq!(dates(&by_third[1]), ["2 March 2021"], "{by_third:#?}");
        let later = claims(
            "Very early on 2 March 2021, Iran paid China $5 million, and China paid Russia $7 million.",
        );
        assert_eq!(later.len(), 2, "{later:#?}");
        assert!(dates(&later[1]).is_empty(), "{later:#?}");
    }

    #[test]
    fn a_date_later_in_the_sentence_dates_its_own_clause_only() {
        let found =
            claims("Iran paid China $5 million on 2 March, and China paid Russia $7 million on 9 March.");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(dates(&found[0]), ["2 March"]);
        assert_eq!(dates(&found[1]), ["9 March"]);
    }

    #[test]
    fn a_clause_lists_an_entity_once() {
        let found = claims("Iran said Iran and China signed the deal with China.");
        let names: Vec<&str> = found[0].entities().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Iran", "China"]);
    }

    #[test]
    fn words_are_counted_from_the_start_and_no_further() {
        assert_eq!(nth_word_start("On  January 1", 0), 0);
        assert_eq!(nth_word_start("On  January 1", 1), 4);
        assert_eq!(nth_word_start("On  January 1", 2), 12);
        assert_eq!(nth_word_start(" two words", 2), 10);
    }
}
