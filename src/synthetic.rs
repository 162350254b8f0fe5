//! A seeded generator of claims with planted clusters, for measuring the
//! matcher at any size.
//!
//! Each planted cluster is one *fact* (who did what to whom, about which
//! named matter, with which amount, date and place), reported by several
//! claims in other words:
//!
//! - **paraphrase**: synonyms for the verb and the noun ("signed a deal",
//!   "inked a pact"), and different sentence frames, including passives;
//! - **reordering**: the parties in either order, the date first or last;
//! - **quantity variants**: "$400bn", "$400 billion", "400 billion
//!   dollars", "US$400 billion"; "12%", "12 percent"; "27 March 2021",
//!   "March 27, 2021";
//! - **name variants**: a country by its name, capital or formal name
//!   ("Iran", "Tehran", "the Islamic Republic of Iran"), a person by full
//!   name, surname or a misspelling;
//! - **omissions**: a claim may leave out the date, the place or a word of
//!   the matter's name.
//!
//! **Hard negatives** are *twin* facts: the same fact with one party
//! swapped for another country ("a 25-year deal with Russia" against "with
//! China"). A twin is a cluster of its own. **Noise** claims are
//! unrelated word salads, each its own cluster.
//!
//! Claims come as extraction would give them: text, canonical entities,
//! and quantities with the text they were read from. So the matcher is
//! measured on its own. The matters' names come from a generated lexicon
//! of pronounceable words drawn with a Zipf-like law, so term frequencies
//! look like a real corpus's: a few words are everywhere, most are rare.
//!
//! The same seed gives the same claims, on every platform and thread
//! count: the random numbers come from SplitMix64 seeded per fact, not from
//! a generator whose stream could change with a dependency's version.
//!
//! # Examples
//! ```
//! use claimtrack::synthetic::{Synthetic, SyntheticConfig};
//! let data = Synthetic::generate(&SyntheticConfig { claims: 200, ..SyntheticConfig::default() });
//! assert_eq!(data.claims.len(), 200);
//! assert_eq!(data.planted.len(), 200);
//! let again = Synthetic::generate(&SyntheticConfig { claims: 200, ..SyntheticConfig::default() });
//! assert_eq!(data.claims, again.claims);
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::matching::Grouping;
use crate::model::{Claim, Entity, EntityKind, PartialDate, Quantity, QuantityKind, QuantityValue, Span};

/// What to generate.
#[derive(Clone, Debug)]
pub struct SyntheticConfig {
    /// The seed: the same seed gives the same claims.
    pub seed: u64,
    /// How many claims.
    pub claims: usize,
    /// The most claims one fact is reported by.
    pub max_mentions: usize,
    /// The share of facts that get a hard-negative twin (one party
    /// swapped).
    pub twins: f64,
    /// The share of claims that are unrelated noise.
    pub noise: f64,
    /// How many distinct words the matters' names are drawn from; `None`
    /// for Heaps' law, the vocabulary a real corpus of this many claims
    /// would have (see [`heaps_vocabulary`]).
    pub lexicon: Option<usize>,
    /// The share of claims that give their fact's date (the rest leave it
    /// out).
    pub dated: f64,
    /// How many countries the parties are drawn from (at least 3; `None`
    /// for all 40): fewer means many facts per pair of parties.
    pub countries: Option<usize>,
}

impl Default for SyntheticConfig {
    fn default() -> Self {
        Self {
            seed: 42,
            claims: 10_000,
            max_mentions: 8,
            twins: 0.1,
            noise: 0.1,
            lexicon: None,
            dated: 0.7,
            countries: None,
        }
    }
}

impl SyntheticConfig {
    /// A harder feed, as a real one grown large: most claims give no date
    /// (a date is a rare term that blocking finds pairs by), the parties
    /// come from five countries, so every pair of parties and every kind
    /// of event has many facts, and the matters' names come from a
    /// vocabulary of 3,000 words however many claims there are, as one
    /// story's do: at a million claims each word is in hundreds to
    /// thousands of them.
    pub fn hard(claims: usize, seed: u64) -> Self {
        Self { claims, seed, dated: 0.2, countries: Some(5), lexicon: Some(3000), ..Self::default() }
    }
}

/// Generated claims and the clusters planted in them.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// The claims, in a shuffled order; ids are `syn-` and a number.
    pub claims: Vec<Claim>,
    /// The planted cluster of each claim, by position in `claims`.
    pub planted: Vec<u32>,
}

impl Synthetic {
    /// Generates claims as `config` says.
    pub fn generate(config: &SyntheticConfig) -> Self {
        let mut rng = SplitMix64::new(config.seed);
        let size = config.lexicon.unwrap_or_else(|| heaps_vocabulary(config.claims));
        let lexicon = Lexicon::new(&mut rng, size.max(100));
        let people: Vec<Person> = (0..PEOPLE).map(|_| Person::new(&mut rng)).collect();
        // Plan the clusters: sizes, and which are twins or noise.
        let mut plans: Vec<Plan> = Vec::new();
        let mut planned = 0usize;
        let mut fact = 0u32;
        while planned < config.claims {
            let left = config.claims - planned;
            if rng.chance(config.noise) {
                plans.push(Plan { fact: u32::MAX, twin: false, mentions: 1, seed: rng.next_u64() });
                planned += 1;
                continue;
            }
            let mentions = mention_count(&mut rng, config.max_mentions.max(1)).min(left);
            plans.push(Plan { fact, twin: false, mentions, seed: rng.next_u64() });
            planned += mentions;
            if planned < config.claims && rng.chance(config.twins) {
                let mentions =
                    mention_count(&mut rng, config.max_mentions.max(1)).min(config.claims - planned);
                plans.push(Plan { fact, twin: true, mentions, seed: rng.next_u64() });
                planned += mentions;
            }
            fact += 1;
        }
        // Facts are drawn from their own seeds, so twins share their fact.
        let fact_seeds: Vec<u64> = (0..fact).map(|_| rng.next_u64()).collect();
        let countries = config.countries.unwrap_or(COUNTRIES.len()).clamp(3, COUNTRIES.len());
        let generated: Vec<Vec<Mention>> = plans
            .par_iter()
            .map(|plan| {
                let mut rng = SplitMix64::new(plan.seed);
                if plan.fact == u32::MAX {
                    return vec![noise(&mut rng, &lexicon)];
                }
                let mut fact_rng = SplitMix64::new(fact_seeds[plan.fact as usize]);
                let mut fact = Fact::new(&mut fact_rng, &lexicon, people.len(), countries);
                if plan.twin {
                    fact.swap_party(&mut rng, countries);
                }
                (0..plan.mentions).map(|_| fact.mention(&mut rng, &people, config.dated)).collect()
            })
            .collect();
        let mut rows: Vec<(u32, Mention)> = generated
            .into_iter()
            .enumerate()
            .flat_map(|(cluster, mentions)| {
                let cluster = u32::try_from(cluster).unwrap_or(u32::MAX);
                mentions.into_iter().map(move |m| (cluster, m))
            })
            .collect();
        // Fisher-Yates, so clusters are not contiguous.
        for i in (1..rows.len()).rev() {
            let j = rng.below(i + 1);
            rows.swap(i, j);
        }
        let mut claims = Vec::with_capacity(rows.len());
        let mut planted = Vec::with_capacity(rows.len());
        for (n, (cluster, m)) in rows.into_iter().enumerate() {
            claims.push(m.into_claim(n));
            planted.push(cluster);
        }
        Self { claims, planted }
    }

    /// B-cubed precision, recall and F1 of `grouping` (of these claims)
    /// against the planted clusters.
    pub fn b_cubed(&self, grouping: &Grouping) -> (f64, f64, f64) {
        let position: HashMap<&str, usize> =
            self.claims.iter().enumerate().map(|(i, c)| (c.id(), i)).collect();
        let mut label = vec![u32::MAX; self.claims.len()];
        for (g, group) in grouping.groups().iter().enumerate() {
            for m in &group.members {
                if let Some(&i) = position.get(m.as_str()) {
                    label[i] = u32::try_from(g).unwrap_or(u32::MAX);
                }
            }
        }
        crate::matching::b_cubed(&self.planted, &label)
    }

    /// The planted clusters with two or more claims, as lists of positions
    /// in `claims`.
    pub fn clusters(&self) -> Vec<Vec<usize>> {
        let mut by_cluster: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, &c) in self.planted.iter().enumerate() {
            by_cluster.entry(c).or_default().push(i);
        }
        by_cluster.into_values().filter(|c| c.len() > 1).collect()
    }
}

/// The vocabulary of a news corpus of `claims` claims by Heaps' law,
/// `V = K n^β` over its `n` tokens, with the parameters Manning, Raghavan
/// and Schütze fit to Reuters-RCV1 (K = 44, β = 0.49) and 15 tokens a
/// claim: about 15,000 words for 10,000 claims, 147,000 for a million.
/// A fixed lexicon would make rare words ever commoner as the corpus
/// grows, which real news does not do: new names keep coming.
pub fn heaps_vocabulary(claims: usize) -> usize {
    let tokens = 15.0 * claims as f64;
    (44.0 * tokens.powf(0.49)) as usize
}

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and its stream
/// never changes.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A rank in `0..n` drawn log-uniformly: rank r with probability about
    /// proportional to 1 / (r + 1), Zipf's law with exponent 1.
    fn zipf(&mut self, n: usize) -> usize {
        let r = ((n as f64 + 1.0).powf(self.unit()) - 1.0) as usize;
        r.min(n - 1)
    }
}

/// How many claims report one fact: 1 to `max`, smaller more likely.
fn mention_count(rng: &mut SplitMix64, max: usize) -> usize {
    let mut n = 1;
    while n < max && rng.chance(0.75) {
        n += 1;
    }
    n
}

struct Plan {
    /// The fact, or `u32::MAX` for noise.
    fact: u32,
    twin: bool,
    mentions: usize,
    seed: u64,
}

/// Pronounceable made-up words.
struct Lexicon {
    words: Vec<String>,
}

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr", "pl", "st",
    "tr",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u"];
const CODAS: &[&str] = &["", "", "n", "r", "l", "m", "k"];

fn pseudo_word(rng: &mut SplitMix64, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick::<&str>(ONSETS));
        w.push_str(rng.pick::<&str>(VOWELS));
        w.push_str(rng.pick::<&str>(CODAS));
    }
    w
}

impl Lexicon {
    fn new(rng: &mut SplitMix64, size: usize) -> Self {
        let mut seen = HashSet::new();
        let mut words = Vec::with_capacity(size);
        while words.len() < size {
            let syllables = 2 + rng.below(2);
            let w = pseudo_word(rng, syllables);
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        Self { words }
    }

    /// A word, common ones more likely.
    fn common(&self, rng: &mut SplitMix64) -> &str {
        &self.words[rng.zipf(self.words.len())]
    }

    /// A word drawn uniformly: most are rare.
    fn any(&self, rng: &mut SplitMix64) -> &str {
        &self.words[rng.below(self.words.len())]
    }
}

/// How many made-up people there are.
const PEOPLE: usize = 5000;

/// A made-up person, who is written in several ways.
struct Person {
    given: String,
    surname: String,
}

impl Person {
    fn new(rng: &mut SplitMix64) -> Self {
        Self { given: capitalize(&pseudo_word(rng, 2)), surname: capitalize(&pseudo_word(rng, 3)) }
    }

    fn canonical(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }

    /// The full name, the surname, or a misspelling of one vowel.
    fn written(&self, rng: &mut SplitMix64) -> String {
        match rng.below(4) {
            0 => self.surname.clone(),
            1 => {
                let vowels: Vec<usize> = self
                    .surname
                    .char_indices()
                    .skip(1)
                    .filter(|(_, c)| "aeiou".contains(*c))
                    .map(|(i, _)| i)
                    .collect();
                let mut s = self.surname.clone();
                if !vowels.is_empty() {
                    let at = *rng.pick(&vowels);
                    let with = *rng.pick(&["a", "e", "i", "o", "u", "y"]);
                    s.replace_range(at..at + 1, with);
                }
                format!("{} {s}", self.given)
            }
            _ => self.canonical(),
        }
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Countries by canonical name, with the other names a report may use
/// (all aliases in the built-in entity table).
/// The first written form is the name as a sentence uses it.
const COUNTRIES: &[(&str, &[&str])] = &[
    ("China", &["China", "Beijing", "the People's Republic of China"]),
    ("Iran", &["Iran", "Tehran", "the Islamic Republic of Iran"]),
    ("Russia", &["Russia", "Moscow", "the Russian Federation"]),
    ("United States", &["the United States", "Washington", "the US", "the United States of America"]),
    ("India", &["India", "New Delhi"]),
    ("Pakistan", &["Pakistan", "Islamabad"]),
    ("Turkey", &["Turkey", "Ankara"]),
    ("Saudi Arabia", &["Saudi Arabia", "Riyadh"]),
    ("Iraq", &["Iraq", "Baghdad"]),
    ("Syria", &["Syria", "Damascus"]),
    ("Israel", &["Israel", "Tel Aviv", "the State of Israel"]),
    ("Egypt", &["Egypt", "Cairo"]),
    ("Germany", &["Germany", "Berlin", "the Federal Republic of Germany"]),
    ("France", &["France", "Paris"]),
    ("United Kingdom", &["the United Kingdom", "London", "Britain", "the UK"]),
    ("Japan", &["Japan", "Tokyo"]),
    ("South Korea", &["South Korea", "Seoul"]),
    ("Venezuela", &["Venezuela", "Caracas"]),
    ("Brazil", &["Brazil", "Brasilia"]),
    ("Qatar", &["Qatar", "Doha"]),
    ("Oman", &["Oman", "Muscat"]),
    ("Afghanistan", &["Afghanistan", "Kabul"]),
    ("Kazakhstan", &["Kazakhstan", "Astana"]),
    ("Azerbaijan", &["Azerbaijan", "Baku"]),
    ("Armenia", &["Armenia", "Yerevan"]),
    ("Indonesia", &["Indonesia", "Jakarta"]),
    ("Malaysia", &["Malaysia", "Kuala Lumpur"]),
    ("Nigeria", &["Nigeria", "Abuja"]),
    ("South Africa", &["South Africa", "Pretoria"]),
    ("Italy", &["Italy", "Rome"]),
    ("Spain", &["Spain", "Madrid"]),
    ("Ukraine", &["Ukraine", "Kyiv"]),
    ("Belarus", &["Belarus", "Minsk"]),
    ("Serbia", &["Serbia", "Belgrade"]),
    ("Cuba", &["Cuba", "Havana"]),
    ("Vietnam", &["Vietnam", "Hanoi"]),
    ("Algeria", &["Algeria", "Algiers"]),
    ("Ethiopia", &["Ethiopia", "Addis Ababa"]),
    ("Lebanon", &["Lebanon", "Beirut"]),
    ("Jordan", &["Jordan", "Amman"]),
];

/// Places that are not countries (in the built-in table).
const PLACES: &[&str] = &[
    "the Indian Ocean",
    "the Gulf of Oman",
    "the Persian Gulf",
    "the Arabian Sea",
    "the Strait of Hormuz",
    "the Caspian Sea",
    "the Red Sea",
    "the Black Sea",
    "the Mediterranean",
    "the Gulf of Aden",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Kinds of fact, each written in several frames.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Agreement,
    Investment,
    Drills,
    Sanctions,
    Supply,
    Visit,
    Rejection,
    Trade,
}

const KINDS: &[Kind] = &[
    Kind::Agreement,
    Kind::Investment,
    Kind::Drills,
    Kind::Sanctions,
    Kind::Supply,
    Kind::Visit,
    Kind::Rejection,
    Kind::Trade,
];

/// One planted fact.
struct Fact {
    kind: Kind,
    actor: usize,
    party: usize,
    /// The matter's name: one common word and two rarer ones.
    matter: [String; 3],
    /// An amount in US dollars.
    money: f64,
    /// A duration in years.
    years: u32,
    /// A percentage.
    percent: u32,
    date: (i32, u8, u8),
    place: usize,
    person: usize,
}

impl Fact {
    /// A fact between two of the first `countries` countries.
    fn new(rng: &mut SplitMix64, lexicon: &Lexicon, people: usize, countries: usize) -> Self {
        let actor = rng.below(countries);
        let mut party = rng.below(countries - 1);
        if party >= actor {
            party += 1;
        }
        let scale = *rng.pick(&[1e6, 1e9]);
        Self {
            kind: *rng.pick(KINDS),
            actor,
            party,
            matter: [
                lexicon.common(rng).to_owned(),
                lexicon.any(rng).to_owned(),
                lexicon.any(rng).to_owned(),
            ],
            money: (1 + rng.below(900)) as f64 * scale,
            years: 2 + u32::try_from(rng.below(29)).unwrap_or(0),
            percent: 2 + u32::try_from(rng.below(60)).unwrap_or(0),
            date: (
                2000 + i32::try_from(rng.below(26)).unwrap_or(0),
                1 + u8::try_from(rng.below(12)).unwrap_or(0),
                1 + u8::try_from(rng.below(28)).unwrap_or(0),
            ),
            place: rng.below(PLACES.len()),
            person: rng.below(people),
        }
    }

    /// Makes this fact its hard-negative twin: the other party is another
    /// country.
    fn swap_party(&mut self, rng: &mut SplitMix64, countries: usize) {
        loop {
            let p = rng.below(countries);
            if p != self.actor && p != self.party {
                self.party = p;
                return;
            }
        }
    }

    /// One claim reporting this fact, giving its date with chance `dated`.
    fn mention(&self, rng: &mut SplitMix64, people: &[Person], dated: f64) -> Mention {
        let mut m = Mention::default();
        let matter = self.matter_words(rng);
        let date = if rng.chance(dated) { Some(Mention::date(rng, self.date)) } else { None };
        let frame = rng.below(3);
        let actor = m.country(rng, self.actor);
        let party = m.country(rng, self.party);
        let both =
            if rng.chance(0.5) { format!("{actor} and {party}") } else { format!("{party} and {actor}") };
        let text = match self.kind {
            Kind::Agreement => {
                let verb = rng.pick(&["signed", "inked", "concluded"]);
                let noun = rng.pick(&["agreement", "deal", "pact", "accord", "treaty"]);
                let years = m.years(rng, self.years);
                let np = if rng.chance(0.5) {
                    format!("a {years} {noun} on the {matter}")
                } else {
                    format!("a {years} {matter} {noun}")
                };
                match frame {
                    0 => format!("{both} {verb} {np}{}", m.after(&date)),
                    1 => format!("{}{both} {verb} {np}", m.before(&date)),
                    _ => format!("{} was {verb} by {both}{}", capitalize(&np), m.after(&date)),
                }
            }
            Kind::Investment => {
                let money = m.money(rng, self.money);
                let noun = rng.pick(&["investment", "investments", "new investment"]);
                match frame {
                    0 => {
                        format!("{actor} will invest {money} in {party}'s {matter} sector{}", m.after(&date))
                    }
                    1 => format!(
                        "{}{party}'s {matter} sector is to receive {money} of {noun} from {actor}",
                        m.before(&date)
                    ),
                    _ => format!(
                        "{}{actor} pledged {money} in {noun} for the {matter} sector of {party}",
                        m.before(&date)
                    ),
                }
            }
            Kind::Drills => {
                let verb = rng.pick(&["held", "conducted", "staged"]);
                let noun = rng.pick(&["drills", "exercises", "manoeuvres", "war games"]);
                let name = matter.split(' ').map(capitalize).collect::<Vec<_>>().join(" ");
                let place =
                    if rng.chance(0.8) { format!(" in {}", m.place(self.place)) } else { String::new() };
                match frame {
                    0 => {
                        format!("{both} {verb} joint naval {noun} codenamed {name}{place}{}", m.after(&date))
                    }
                    1 => {
                        format!("{}the navies of {both} {verb} {noun} called {name}{place}", m.before(&date))
                    }
                    _ => format!("Joint {noun} named {name} were {verb} by {both}{place}{}", m.after(&date)),
                }
            }
            Kind::Sanctions => {
                let verb = rng.pick(&["imposed", "slapped", "placed"]);
                let noun = rng.pick(&["sanctions", "new sanctions", "restrictions", "an embargo"]);
                match frame {
                    0 => format!(
                        "{actor} {verb} {noun} on {party} over its {matter} programme{}",
                        m.after(&date)
                    ),
                    1 => format!(
                        "{party} was hit with {noun} by {actor} over the {matter} programme{}",
                        m.after(&date)
                    ),
                    _ => format!("{}{actor} {verb} {noun} on {party}'s {matter} programme", m.before(&date)),
                }
            }
            Kind::Supply => {
                let money = m.money(rng, self.money);
                match frame {
                    0 => format!(
                        "{actor} agreed to {} {party} with {matter} worth {money}",
                        rng.pick(&["supply", "provide", "equip"])
                    ),
                    1 => format!(
                        "{party} will {} {matter} worth {money} from {actor}",
                        rng.pick(&["buy", "purchase"])
                    ),
                    _ => format!("{}{actor} is to deliver {money} of {matter} to {party}", m.before(&date)),
                }
            }
            Kind::Visit => {
                let who = m.person(rng, &people[self.person]);
                let verb = rng.pick(&["visited", "travelled to", "toured"]);
                match frame {
                    0 => format!(
                        "{who}, {actor}'s envoy, {verb} {party}{} to discuss the {matter}",
                        m.after(&date)
                    ),
                    1 => format!(
                        "{}{actor}'s envoy {who} {verb} {party} for talks on the {matter}",
                        m.before(&date)
                    ),
                    _ => format!("{party} received {actor}'s envoy {who}, who came to discuss the {matter}"),
                }
            }
            Kind::Rejection => {
                let verb = rng.pick(&["rejected", "opposed", "resisted"]);
                let noun = rng.pick(&["proposal", "plan", "offer"]);
                match frame {
                    0 => format!("{actor} {verb} {party}'s {noun} on the {matter}{}", m.after(&date)),
                    1 => format!("{party}'s {noun} on the {matter} was {verb} by {actor}{}", m.after(&date)),
                    _ => format!(
                        "{}{actor} firmly {verb} the {matter} {noun} put forward by {party}",
                        m.before(&date)
                    ),
                }
            }
            Kind::Trade => {
                let pct = m.percent(rng, self.percent);
                let verb = rng.pick(&["grew", "rose", "increased"]);
                match frame {
                    0 => format!("Trade in {matter} between {both} {verb} by {pct}{}", m.after(&date)),
                    1 => format!("{}{actor}'s {matter} trade with {party} {verb} {pct}", m.before(&date)),
                    _ => format!("{both} saw their {matter} trade increase by {pct}{}", m.after(&date)),
                }
            }
        };
        let mut text = capitalize(&text);
        text.push('.');
        m.text = text;
        m
    }

    /// The matter's name, sometimes without one of its rarer words.
    fn matter_words(&self, rng: &mut SplitMix64) -> String {
        let [a, b, c] = &self.matter;
        match rng.below(6) {
            0 => format!("{a} {b}"),
            1 => format!("{a} {c}"),
            _ => format!("{a} {b} {c}"),
        }
    }
}

/// A date phrase, with the quantity it records once it is written.
struct Dated {
    phrase: String,
    quantity: Option<Written>,
}

/// A quantity as written: kind, value, unit and text.
type Written = (QuantityKind, QuantityValue, &'static str, String);

/// A claim being written: its entities and quantities as extraction would
/// report them.
#[derive(Default)]
struct Mention {
    text: String,
    entities: Vec<Entity>,
    /// Quantities, with the text they are written as.
    quantities: Vec<Written>,
}

impl Mention {
    fn country(&mut self, rng: &mut SplitMix64, index: usize) -> String {
        let (name, aliases) = COUNTRIES[index];
        self.entity(name, EntityKind::Country);
        // The name itself half the time, another name otherwise.
        if rng.chance(0.5) { aliases[0].to_owned() } else { (*rng.pick(&aliases[1..])).to_owned() }
    }

    fn place(&mut self, index: usize) -> String {
        let written = PLACES[index];
        self.entity(written.trim_start_matches("the "), EntityKind::Place);
        written.to_owned()
    }

    fn person(&mut self, rng: &mut SplitMix64, person: &Person) -> String {
        self.entity(&person.canonical(), EntityKind::Person);
        person.written(rng)
    }

    fn entity(&mut self, name: &str, kind: EntityKind) {
        let e = Entity { name: name.to_owned(), kind };
        if !self.entities.contains(&e) {
            self.entities.push(e);
        }
    }

    fn money(&mut self, rng: &mut SplitMix64, value: f64) -> String {
        let (n, unit_short, unit_long) =
            if value >= 1e9 { (value / 1e9, "bn", "billion") } else { (value / 1e6, "m", "million") };
        let written = match rng.below(4) {
            0 => format!("${n}{unit_short}"),
            1 => format!("${n} {unit_long}"),
            2 => format!("{n} {unit_long} dollars"),
            _ => format!("US${n} {unit_long}"),
        };
        self.quantities.push((QuantityKind::Money, QuantityValue::Number(value), "USD", written.clone()));
        written
    }

    fn years(&mut self, rng: &mut SplitMix64, years: u32) -> String {
        let written = if rng.chance(0.8) { format!("{years}-year") } else { format!("{years} year") };
        self.quantities.push((
            QuantityKind::Duration,
            QuantityValue::Number(f64::from(years)),
            "year",
            written.clone(),
        ));
        written
    }

    fn percent(&mut self, rng: &mut SplitMix64, percent: u32) -> String {
        let written = match rng.below(3) {
            0 => format!("{percent}%"),
            1 => format!("{percent} percent"),
            _ => format!("{percent} per cent"),
        };
        self.quantities.push((
            QuantityKind::Percent,
            QuantityValue::Number(f64::from(percent)),
            "percent",
            written.clone(),
        ));
        written
    }

    /// A date phrase at the end of a sentence, if there is one.
    fn after(&mut self, date: &Option<Dated>) -> String {
        self.write(date).map(|p| format!(" {p}")).unwrap_or_default()
    }

    /// A date phrase opening a sentence, if there is one.
    fn before(&mut self, date: &Option<Dated>) -> String {
        self.write(date).map(|p| format!("{}, ", capitalize(p))).unwrap_or_default()
    }

    /// Records the date's quantity, as the sentence writes it.
    fn write<'d>(&mut self, date: &'d Option<Dated>) -> Option<&'d str> {
        let date = date.as_ref()?;
        self.quantities.extend(date.quantity.clone());
        Some(&date.phrase)
    }

    /// A date phrase, to day or month precision, in one of the ways news
    /// write dates; its quantity is recorded when a frame writes it.
    fn date(rng: &mut SplitMix64, (year, month, day): (i32, u8, u8)) -> Dated {
        let name = MONTHS[usize::from(month - 1)];
        let (written, value, phrase) = match rng.below(3) {
            0 => {
                let w = format!("{day} {name} {year}");
                (w.clone(), PartialDate::ymd(year, month, day), format!("on {w}"))
            }
            1 => {
                let w = format!("{name} {day}, {year}");
                (w.clone(), PartialDate::ymd(year, month, day), format!("on {w}"))
            }
            _ => {
                let w = format!("{name} {year}");
                (w.clone(), PartialDate::year_month(year, month), format!("in {w}"))
            }
        };
        let quantity = value.map(|v| (QuantityKind::Date, QuantityValue::Date(v), "date", written));
        Dated { phrase, quantity }
    }

    fn into_claim(self, n: usize) -> Claim {
        let id = format!("syn-{n:07}");
        let article = format!("syn-article-{:06}", n / 20);
        // Every quantity is written in the text.
        let quantities = self
            .quantities
            .into_iter()
            .filter_map(|(kind, value, unit, written)| {
                let start = self.text.find(&written)?;
                Some(Quantity {
                    kind,
                    value,
                    unit: unit.to_owned(),
                    span: Span::new(start, start + written.len()),
                    text: written,
                    bound: None,
                })
            })
            .collect();
        let span = Span::new(0, self.text.len());
        Claim::new(id, article, span, self.text).with_entities(self.entities).with_quantities(quantities)
    }
}

/// An unrelated claim: common and rare words around a verb, sometimes
/// naming a country.
fn noise(rng: &mut SplitMix64, lexicon: &Lexicon) -> Mention {
    let mut m = Mention::default();
    let mut words: Vec<String> = Vec::new();
    words.push(format!("The {}", lexicon.common(rng)));
    words.push(lexicon.any(rng).to_owned());
    words.push((*rng.pick(&["was", "has been", "remains", "will be"])).to_owned());
    for _ in 0..3 + rng.below(6) {
        words.push(if rng.chance(0.5) { lexicon.common(rng) } else { lexicon.any(rng) }.to_owned());
    }
    if rng.chance(0.4) {
        words.push("in".to_owned());
        let c = rng.below(COUNTRIES.len());
        words.push(m.country(rng, c));
    }
    m.text = format!("{}.", words.join(" "));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_claims_and_another_seed_others() {
        let config = SyntheticConfig { claims: 500, ..SyntheticConfig::default() };
        let a = Synthetic::generate(&config);
        let b = Synthetic::generate(&config);
        assert_eq!(a.claims, b.claims);
        assert_eq!(a.planted, b.planted);
        let c = Synthetic::generate(&SyntheticConfig { seed: 7, ..config });
        assert_ne!(a.claims, c.claims);
    }

    #[test]
    fn quantities_point_at_their_text() {
        let data = Synthetic::generate(&SyntheticConfig { claims: 2000, ..SyntheticConfig::default() });
        let mut seen = 0;
        for claim in &data.claims {
            for q in claim.quantities() {
                assert_eq!(q.span.slice(claim.text()), Some(q.text.as_str()), "{}", claim.text());
                seen += 1;
            }
        }
        assert!(seen > 1000, "{seen} quantities");
    }

    #[test]
    fn every_written_name_is_in_the_builtin_table() {
        let table = crate::EntityTable::builtin();
        for (name, aliases) in COUNTRIES {
            for alias in aliases.iter() {
                let alias = alias.trim_start_matches("the ");
                let found = table.lookup(alias).map(|e| e.name.as_str());
                assert_eq!(found, Some(*name), "{alias}");
            }
        }
        for place in PLACES {
            let place = place.trim_start_matches("the ");
            assert_eq!(table.lookup(place).map(|e| e.kind), Some(EntityKind::Place), "{place}");
        }
    }

    #[test]
    fn the_hard_feed_is_mostly_undated_between_few_countries() {
        let data = Synthetic::generate(&SyntheticConfig::hard(4000, 3));
        let dated = data
            .claims
            .iter()
            .filter(|c| c.quantities().iter().any(|q| q.kind == QuantityKind::Date))
            .count();
        let share = dated as f64 / data.claims.len() as f64;
        assert!((0.1..0.3).contains(&share), "{share:.2} dated");
        let countries_of = |data: &Synthetic| -> usize {
            let names: HashSet<String> = data
                .claims
                .iter()
                .flat_map(|c| {
                    c.entities().iter().filter(|e| e.kind == EntityKind::Country).map(|e| e.name.clone())
                })
                .collect();
            names.len()
        };
        // Five for the facts; noise names any country.
        let default =
            Synthetic::generate(&SyntheticConfig { claims: 4000, seed: 3, ..SyntheticConfig::default() });
        let (countries, all) = (countries_of(&data), countries_of(&default));
        assert!(countries < all, "{countries} countries against {all}");
    }

    #[test]
    fn clusters_are_planted_with_twins_and_noise() {
        let data = Synthetic::generate(&SyntheticConfig::default());
        let clusters = data.clusters();
        let multi: usize = clusters.iter().map(Vec::len).sum();
        assert!(multi > 5000, "{multi} claims in planted clusters of two or more");
        let singletons = data.claims.len() - multi;
        assert!(singletons > 500, "{singletons} singletons");
    }
}
