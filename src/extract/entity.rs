//! Entities: people, countries, organisations and places under one
//! canonical name each.
//!
//! The built-in alias table (`entities.txt` beside this file) is data: one
//! line per entity, `Canonical | kind | alias | alias ...`. Callers extend
//! it through [`EntityTable::add`]. Names not in the table still resolve
//! when they are spelling variants of a known person ("Mohammad Javid
//! Zarif"): surnames must match closely, and so must given names when both
//! are present, so "Wang Yi" and "Wang Junzheng" stay two people.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::model::{Entity, EntityKind};

/// The built-in table's text.
const BUILTIN: &str = include_str!("entities.txt");

/// Similarity above which two surnames are taken as one spelling.
const SURNAME_SIMILARITY: f64 = 0.9;
/// Similarity above which two given names are taken as one spelling.
const GIVEN_NAME_SIMILARITY: f64 = 0.85;

/// Titles that announce a person's name.
const PERSON_TITLES: &[&str] = &[
    "President",
    "president",
    "Minister",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "Spokesman",
    "Secretary",
    "Ayatollah",
    "Shah",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "director",
    "Director",
    "expert",
    "analyst",
    "Chancellor",
    "Premier",
    "Prime",
    "King",
    "Prince",
    "General",
    "Gen.",
    "leader",
    "adviser",
    "advisor",
    "Assistant",
    "ambassador",
    "Ambassador",
    "counterpart",
    "Senator",
    "Sen.",
    "Governor",
];

/// A table of known entities and their aliases. Cloning it is cheap: the
/// clones share one table until one of them is changed.
#[derive(Clone, Debug, Default)]
pub struct EntityTable {
    table: Arc<Table>,
}

#[derive(Clone, Debug, Default)]
struct Table {
    entities: Vec<Entity>,
    /// Alias, as a space-joined token sequence, to entity index.
    aliases: FxHashMap<String, usize>,
    /// The longest alias in tokens.
    longest: usize,
    /// For each token that starts an alias, the longest alias it starts,
    /// in tokens: most words start none, and cost one lookup.
    starts: FxHashMap<String, usize>,
    /// People by the first letter of their surname, for spelling-variant
    /// matching (Jaro-Winkler rarely reaches the threshold across
    /// different first letters, which carry its prefix bonus).
    /// Each with its index and the words of its name, split once.
    people_by_initial: FxHashMap<char, Vec<(usize, Vec<String>)>>,
}

impl EntityTable {
    /// The built-in table: every UN member state and its capital,
    /// demonyms and abbreviations, major organisations and news agencies,
    /// regions, and people prominent in Middle East, China and Russia news.
    pub fn builtin() -> Self {
        // Parsed once per process; the built-in table is checked by a unit
        // test, so it always parses.
        static TABLE: std::sync::LazyLock<EntityTable> =
            std::sync::LazyLock::new(|| EntityTable::parse(BUILTIN).unwrap_or_default());
        TABLE.clone()
    }

    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// A hash of what the table resolves, the same in every process and
    /// on every platform: two tables with one fingerprint resolve every
    /// alias alike (a saved state's results are reused only then).
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut entries: Vec<(&str, &Entity)> =
            self.table.aliases.iter().map(|(alias, &e)| (alias.as_str(), &self.table.entities[e])).collect();
        entries.sort_unstable_by_key(|&(alias, _)| alias);
        let mut hash = crate::hash::Fnv::default();
        for (alias, entity) in entries {
            hash.write(alias.as_bytes());
            hash.write(&[0x1f]);
            hash.write(entity.name.as_bytes());
            hash.write(&[0x1f]);
            hash.write(format!("{:?}", entity.kind).as_bytes());
            hash.write(&[0x1e]);
        }
        hash.0
    }

    /// Parses a table in the built-in format: `#` comments, and lines of
    /// `Canonical | kind | alias | ...` with kind one of `person`,
    /// `country`, `organisation`, `place`.
    ///
    /// # Errors
    /// [`Error::EntityTable`] naming the line of a malformed entry or a
    /// duplicate alias.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut table = Self::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
            let [canonical, kind, aliases @ ..] = fields.as_slice() else {
                return Err(Error::EntityTable {
                    line: Some(i + 1),
                    message: "expected `Name | kind | aliases`".into(),
                });
            };
            let kind = match *kind {
                "person" => EntityKind::Person,
                "country" => EntityKind::Country,
                "organisation" | "organization" => EntityKind::Organisation,
                "place" => EntityKind::Place,
                other => {
                    return Err(Error::EntityTable {
                        line: Some(i + 1),
                        message: format!("unknown kind `{other}`"),
                    });
                }
            };
            table.add(canonical, kind, aliases.iter().copied()).map_err(|e| match e {
                Error::EntityTable { message, .. } => Error::EntityTable { line: Some(i + 1), message },
                other => other,
            })?;
        }
        Ok(table)
    }

    /// Adds an entity with its aliases.
    ///
    /// # Errors
    /// [`Error::EntityTable`] when an alias already names another entity.
    pub fn add<'a>(
        &mut self,
        canonical: &str,
        kind: EntityKind,
        aliases: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Error> {
        let table = Arc::make_mut(&mut self.table);
        let index = table.entities.len();
        let mut keys = vec![key(canonical)];
        keys.extend(aliases.into_iter().map(key));
        for k in &keys {
            if let Some(&other) = table.aliases.get(k)
                && other != index
            {
                return Err(Error::EntityTable {
                    line: None,
                    message: format!(
                        "alias `{k}` of `{canonical}` already names `{}`",
                        table.entities[other].name
                    ),
                });
            }
        }
        table.entities.push(Entity { name: canonical.to_owned(), kind });
        if kind == EntityKind::Person
            && let Some(initial) = surname_initial(canonical)
        {
            let words = canonical.split_whitespace().map(str::to_owned).collect();
            table.people_by_initial.entry(initial).or_default().push((index, words));
        }
        for k in keys {
            let n = k.split(' ').count();
            table.longest = table.longest.max(n);
            let first = k.split(' ').next().unwrap_or("").to_owned();
            let longest = table.starts.entry(first).or_default();
            *longest = (*longest).max(n);
            table.aliases.insert(k, index);
        }
        Ok(())
    }

    /// The entity an exact alias names.
    pub fn lookup(&self, alias: &str) -> Option<&Entity> {
        self.table.aliases.get(&key(alias)).and_then(|&i| self.table.entities.get(i))
    }

    /// How many entities the table holds.
    pub fn len(&self) -> usize {
        self.table.entities.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.table.entities.is_empty()
    }

    /// The known person a name, given as its words, is a spelling variant
    /// of, if exactly one.
    fn person_variant_of(&self, words: &[&str]) -> Option<&Entity> {
        if words.len() < 2 {
            return None;
        }
        let mut found: Option<&Entity> = None;
        let initial = surname_initial(words.last()?)?;
        let candidates = self.table.people_by_initial.get(&initial).map_or(&[][..], Vec::as_slice);
        for (i, name) in candidates {
            let entity = &self.table.entities[*i];
            if same_person(words, name) {
                if found.is_some_and(|f| f.name != entity.name) {
                    return None;
                }
                found = Some(entity);
            }
        }
        found
    }

    /// Every entity mentioned in `text`, in text order.
    pub(crate) fn find(&self, text: &str) -> Vec<Mention> {
        self.find_in_tokens(&tokens(text))
    }

    /// Every entity mentioned in a sentence, in text order, with surnames
    /// alone resolved to the `people` the article named before (the most
    /// recent last; see [`bearer_of`]). The sentence is tokenized once.
    pub(crate) fn find_in_sentence(&self, text: &str, people: &[&str]) -> Vec<Mention> {
        let tokens = tokens(text);
        let mut mentions = self.find_in_tokens(&tokens);
        if people.is_empty() {
            return mentions;
        }
        let mut by_surname = Vec::new();
        // Mentions are in text order and do not overlap: one cursor finds
        // the mention that could hold each token.
        let mut next = 0;
        for token in &tokens {
            while next < mentions.len() && mentions[next].end < token.end {
                next += 1;
            }
            let held = mentions.get(next).is_some_and(|m| m.start <= token.start && token.end <= m.end);
            if !is_capitalised(token.text) || held {
                continue;
            }
            if let Some(name) = bearer_of(token.text, people) {
                let entity = Entity { name: name.to_owned(), kind: EntityKind::Person };
                by_surname.push(Mention { entity, start: token.start, end: token.end });
            }
        }
        if !by_surname.is_empty() {
            mentions.extend(by_surname);
            mentions.sort_by_key(|m| m.start);
        }
        mentions
    }

    fn find_in_tokens(&self, tokens: &[Token<'_>]) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut joined = String::new();
        let mut k = 0;
        while k < tokens.len() {
            let mut matched = 0;
            let longest = self.table.starts.get(tokens[k].text).copied().unwrap_or(0);
            for n in (1..=longest.min(tokens.len() - k)).rev() {
                joined.clear();
                for (j, t) in tokens[k..k + n].iter().enumerate() {
                    if j > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(t.text);
                }
                if let Some(&i) = self.table.aliases.get(joined.as_str()) {
                    out.push(Mention {
                        entity: self.table.entities[i].clone(),
                        start: tokens[k].start,
                        end: tokens[k + n - 1].end,
                    });
                    matched = n;
                    break;
                }
            }
            if matched == 0 && !PERSON_TITLES.contains(&tokens[k].text) {
                // A capitalised name after a title, or any two- or
                // three-word capitalised name close to a known person.
                let name_len = tokens[k..].iter().take(3).take_while(|t| is_capitalised(t.text)).count();
                let after_title = k > 0 && PERSON_TITLES.contains(&tokens[k - 1].text);
                // At most three words: on the stack, for this runs at
                // every word that starts no alias.
                let mut run = [""; 3];
                for (slot, t) in run.iter_mut().zip(&tokens[k..k + name_len]) {
                    *slot = t.text;
                }
                let words = &run[..name_len];
                for n in (2..=name_len).rev() {
                    let entity = match self.person_variant_of(&words[..n]) {
                        Some(e) => Some(e.clone()),
                        None if after_title
                            && !tokens[k..k + n].iter().any(|t| self.table.aliases.contains_key(t.text)) =>
                        {
                            Some(Entity { name: words[..n].join(" "), kind: EntityKind::Person })
                        }
                        None => None,
                    };
                    if let Some(entity) = entity {
                        out.push(Mention { entity, start: tokens[k].start, end: tokens[k + n - 1].end });
                        matched = n;
                        break;
                    }
                }
                // "Mohammad Reza Zarif" is not Mohammad Javad Zarif: a
                // known surname after unknown given names is someone else.
                // Not when the run starts with a date word ("March Biden")
                // or a shorter tail names a known person ("State Anthony
                // Blinken": Anthony Blinken is tried from the next word).
                let calendar_word =
                    |t: &Token<'_>| super::time::is_month_word(t.text) || super::time::is_weekday(t.text);
                let tail_is_known =
                    || (1..name_len.saturating_sub(1)).any(|j| self.person_variant_of(&words[j..]).is_some());
                if matched == 0 && name_len >= 2 && !calendar_word(&tokens[k]) && !tail_is_known() {
                    let name = &tokens[k..k + name_len];
                    let last_is_person = self
                        .table
                        .aliases
                        .get(name[name_len - 1].text)
                        .is_some_and(|&i| self.table.entities[i].kind == EntityKind::Person);
                    let given_unknown =
                        name[..name_len - 1].iter().all(|t| !self.table.aliases.contains_key(t.text));
                    if last_is_person && given_unknown {
                        let full = name.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
                        let entity = Entity { name: full, kind: EntityKind::Person };
                        out.push(Mention { entity, start: name[0].start, end: name[name_len - 1].end });
                        matched = name_len;
                    }
                }
            }
            k += matched.max(1);
        }
        out
    }
}

/// The person a surname alone refers to: the most recent of `people`
/// (full names, the most recent last) whose last name it is ("Sullivan"
/// after "Jake Sullivan").
pub(crate) fn bearer_of<'p>(surname: &str, people: &[&'p str]) -> Option<&'p str> {
    people.iter().rev().copied().find(|p| p.rsplit_once(' ').is_some_and(|(_, last)| last == surname))
}

/// One mention of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    pub(crate) entity: Entity,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

/// Alias keys: tokens joined by one space, final full stops dropped
/// ("U.S." and "U.S" meet), curly apostrophes straightened.
fn key(alias: &str) -> String {
    tokens(alias).iter().map(|t| t.text).collect::<Vec<_>>().join(" ").replace('’', "'")
}

/// Words of `text`, split at hyphens too ("Sino-Iranian", "China-Iran"),
/// without possessive endings.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for range in super::text::words(text) {
        let word = &text[range.clone()];
        let mut offset = range.start;
        for part in word.split('-') {
            let start = offset;
            offset += part.len() + 1;
            let part = strip_possessive(part).trim_end_matches('.');
            if !part.is_empty() {
                out.push(Token { text: part, start, end: start + part.len() });
            }
        }
    }
    out
}

/// `word` without its possessive ending ("Iran's", "Iran’s"). Suffix
/// checks, not `trim_end_matches` with a string pattern, which builds a
/// substring searcher for every word.
fn strip_possessive(mut word: &str) -> &str {
    while let Some(rest) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
        word = rest;
    }
    word
}

/// The lowercase first letter of a name's last word.
fn surname_initial(name: &str) -> Option<char> {
    name.split_whitespace().last()?.chars().next()?.to_lowercase().next()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().skip(1).any(char::is_lowercase)
}

/// Whether two names are spellings of one person: same surname (last
/// token), same given name (first token), and similar middle names when
/// both have them.
fn same_person<S: AsRef<str>>(a: &[&str], b: &[S]) -> bool {
    let (Some(a_last), Some(b_last)) = (a.last(), b.last()) else { return false };
    if b.len() < 2 || strsim::jaro_winkler(a_last, b_last.as_ref()) < SURNAME_SIMILARITY {
        return false;
    }
    if strsim::jaro_winkler(a[0], b[0].as_ref()) < GIVEN_NAME_SIMILARITY {
        return false;
    }
    match (a.get(1..a.len() - 1), b.get(1..b.len() - 1)) {
        (Some([am]), Some([bm])) => strsim::jaro_winkler(am, bm.as_ref()) >= GIVEN_NAME_SIMILARITY - 0.05,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> EntityTable {
        EntityTable::parse(
            "# test\nChina | country | Beijing | PRC | Chinese | Sino\nIran | country | Tehran | Iranian | Islamic Republic\n\
             United States | country | US | U.S. | Washington | White House | American\n\
             Mohammad Javad Zarif | person | Mohammed Javad Zarif | Zarif\nWang Yi | person\nWang Junzheng | person\n\
             Mohammad Khatami | person | Khatami\n",
        )
        .unwrap()
    }

    fn names(text: &str) -> Vec<String> {
        let mut seen = Vec::new();
        for m in table().find(text) {
            if !seen.contains(&m.entity.name) {
                seen.push(m.entity.name);
            }
        }
        seen
    }

    #[test]
    fn aliases_resolve_to_one_entity() {
        assert_eq!(names("Beijing and the PRC's Chinese partners"), ["China"]);
        assert_eq!(names("the Sino-Iranian plan"), ["China", "Iran"]);
        assert_eq!(names("the U.S. and the White House"), ["United States"]);
        assert_eq!(names("the Islamic Republic"), ["Iran"]);
    }

    #[test]
    fn spelling_variants_of_names_merge_but_namesakes_do_not() {
        assert_eq!(names("Foreign Minister Mohammad Javid Zarif"), ["Mohammad Javad Zarif"]);
        assert_eq!(names("Mohammed Javad Zarif and Zarif"), ["Mohammad Javad Zarif"]);
        assert_eq!(names("President Mohammed Khatami"), ["Mohammad Khatami"]);
        assert_eq!(names("Wang Yi met Wang Junzheng"), ["Wang Yi", "Wang Junzheng"]);
        assert_eq!(names("President Mahmoud Ahmadinejad"), ["Mahmoud Ahmadinejad"]);
        assert_eq!(names("Mohammad Reza Zarif"), ["Mohammad Reza Zarif"]);
    }

    #[test]
    fn date_words_and_titles_are_not_given_names() {
        let mut t = table();
        t.add("Joe Biden", EntityKind::Person, ["Biden"]).unwrap();
        t.add("Antony Blinken", EntityKind::Person, []).unwrap();
        let found: Vec<String> = t
            .find("On 3 March Biden met Secretary of State Anthony Blinken.")
            .into_iter()
            .map(|m| m.entity.name)
            .collect();
        assert_eq!(found, ["Joe Biden", "Antony Blinken"]);
    }

    #[test]
    fn surnames_resolve_to_people_named_before() {
        let people = ["Jake Sullivan", "Aleksey Maslov"];
        let found = table().find_in_sentence("Sullivan and Maslov agreed, said Smith.", &people);
        let names: Vec<&str> = found.iter().map(|m| m.entity.name.as_str()).collect();
        assert_eq!(names, ["Jake Sullivan", "Aleksey Maslov"]);
    }

    #[test]
    fn duplicate_aliases_are_refused() {
        let err = EntityTable::parse("A | country | X\nB | country | X\n").unwrap_err();
        assert_eq!(err.to_string(), "entity table line 2: alias `X` of `B` already names `A`");
    }

    #[test]
    fn the_builtin_table_parses() {
        let table = EntityTable::parse(BUILTIN).expect("built-in table parses");
        assert!(table.len() > 200);
        for (alias, name) in [
            ("Beijing", "China"),
            ("Tehran", "Iran"),
            ("Kremlin", "Russia"),
            ("White House", "United States"),
        ] {
            assert_eq!(table.lookup(alias).map(|e| e.name.as_str()), Some(name));
        }
    }
}
