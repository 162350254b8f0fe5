//! Who says a claim, how, and how surely.
//!
//! Attribution finds a reporting cue ("said", "according to", "was quoted
//! by", "argues", "reportedly" ...), the speaker it introduces, and the mode:
//! a direct quotation, reported speech, or the outlet's own voice. Relays
//! form a chain, FactBank-style ("... was quoted by TASS": TASS, then the
//! speaker). Pronouns and role descriptions ("he", "the minister", "the
//! analyst") resolve to the speaker just named.
//!
//! Factuality follows FactBank: certainty (CT, PR, PS, U) and polarity
//! (+, -, u) from hedges, modals, future and conditional markers, negation
//! and denials.

use crate::model::{AttributionMode, Certainty, Factuality, Polarity};

/// Reporting verbs, in the forms news prose uses.
pub(crate) const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "announced",
    "argued",
    "argues",
    "believes",
    "believe",
    "warned",
    "warn",
    "warns",
    "predicts",
    "predicted",
    "explained",
    "clarified",
    "recalled",
    "concluded",
    "added",
    "claimed",
    "claims",
    "reported",
    "reports",
    "writes",
    "wrote",
    "tweeted",
    "insisted",
    "remarked",
    "confirmed",
    "denied",
    "rejected",
    "dismissed",
    "is sure",
    "called",
    "call",
    "quoted",
    "published",
    "contended",
];

/// Verbs that report a finding or a position ("SkyTruth calculated that",
/// "the data show that"): cues only before "that", a colon or a
/// quotation, or at the end of their clause, like [`STRICT_CUES`], since
/// each also takes a plain object ("found a leak").
const FINDING_CUES: &[&str] = &[
    "calculated",
    "estimated",
    "estimates",
    "asserted",
    "alleged",
    "maintained",
    "acknowledged",
    "admitted",
    "found",
    "showed",
    "shows",
];

/// The first word of every cue, to skip most words with one lookup.
static CUE_FIRST_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        CUES.iter().chain(FINDING_CUES).filter_map(|c| c.split(' ').next()).collect()
    });

/// Cues that are also nouns or take a plain object ("the United States",
/// "announced new restrictions", "called on Washington"): they report
/// speech only before "that", a colon or a quotation, or at the end of
/// the clause they report ("..., the ministry announced.").
const STRICT_CUES: &[&str] = &[
    "states",
    "stated",
    "notes",
    "noted",
    "announced",
    "reported",
    "reports",
    "claims",
    "claimed",
    "called",
    "call",
    "confirmed",
    "denied",
    "rejected",
    "dismissed",
    "quoted",
    "published",
    "added",
];

/// Words that stand for someone named before.
const PRONOUNS: &[&str] = &["he", "she", "they", "him", "her", "them"];

/// Nouns that describe a person by role.
const ROLES: &[&str] = &[
    "minister",
    "analyst",
    "expert",
    "leader",
    "spokesman",
    "spokeswoman",
    "president",
    "head",
    "official",
    "diplomat",
    "director",
    "ambassador",
    "chief",
    "secretary",
];

/// Unnamed sources kept as spoken of.
const UNNAMED: &[&str] = &[
    "sources",
    "international sources",
    "experts",
    "analysts",
    "officials",
    "observers",
    "diplomats",
    "one diplomat",
    "some experts",
    "critics",
    "reports",
    "media",
];

/// An attribution found in a sentence, before names are resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The speaker as written ("the head of the PRC's Foreign Ministry").
    pub(crate) speaker: Option<String>,
    /// Relays between the outlet and the speaker, outermost first.
    pub(crate) relays: Vec<String>,
    pub(crate) cue: Option<String>,
    pub(crate) mode: AttributionMode,
    /// Byte offset of the cue in the sentence, to tell which clauses it
    /// governs.
    pub(crate) cue_at: usize,
    /// Whether the cue frames the whole sentence: it opens it ("According
    /// to X, A but B") or closes it ("A but B, X said").
    pub(crate) whole_sentence: bool,
}

/// Finds the attribution of one sentence.
#[cfg(test)]
pub(crate) fn find(text: &str) -> Found {
    find_continuing(text, false)
}

/// Finds the attribution of one sentence; `in_quote`: the sentence goes
/// on a quotation an earlier one opened, so its text is quoted up to the
/// first closing mark (`And we can shrink it," Suttles said.`).
pub(crate) fn find_continuing(text: &str, in_quote: bool) -> Found {
    // ASCII lowercasing keeps byte offsets aligned with `text`.
    let lower = text.to_ascii_lowercase();
    let outside = outside_quotes(text, in_quote);
    let quoted_share = quoted_share(&outside[..text.len()]);
    let own = Found {
        speaker: None,
        relays: Vec::new(),
        cue: None,
        mode: AttributionMode::OwnVoice,
        cue_at: 0,
        whole_sentence: false,
    };

    // "was quoted by TASS": the subject is the speaker, TASS the relay.
    if let Some(i) = find_outside(&lower, &outside, " was quoted by ") {
        let relay = noun_phrase_after(&text[i + " was quoted by ".len()..]);
        let speaker = noun_phrase_before(&text[..i]);
        let mode = if quoted_share > 0.4 { AttributionMode::Direct } else { AttributionMode::Indirect };
        return Found {
            speaker,
            relays: relay.into_iter().collect(),
            cue: Some("was quoted by".into()),
            mode,
            cue_at: i,
            whole_sentence: trails(&text[i + " was quoted by ".len()..]),
        };
    }
    // "According to X, ...".
    if let Some(i) = find_outside(&lower, &outside, "according to ") {
        let speaker = noun_phrase_after(&text[i + "according to ".len()..]);
        let mode = if quoted_share > 0.4 { AttributionMode::Direct } else { AttributionMode::Indirect };
        let whole_sentence = text[..i].trim().is_empty();
        return Found {
            speaker,
            relays: Vec::new(),
            cue: Some("according to".into()),
            mode,
            cue_at: i,
            whole_sentence,
        };
    }
    // "X announced ... by Y": passive announcements name the speaker after "by".
    for i in word_starts(&lower) {
        if !outside.get(i).copied().unwrap_or(false) {
            continue;
        }
        // Case-sensitive: "States" in "the United States" is a name.
        let word = text[i..].split(|c: char| !c.is_ascii_lowercase()).next().unwrap_or("");
        if !CUE_FIRST_WORDS.contains(word) {
            continue;
        }
        let cue = CUES
            .iter()
            .chain(FINDING_CUES)
            .find(|c| text[i..].starts_with(**c) && text[i + c.len()..].starts_with([' ', ',', '.', ':']));
        let Some(cue) = cue else { continue };
        let before = &text[..i];
        let after = &text[i + cue.len()..];
        let strict = STRICT_CUES.contains(cue) || FINDING_CUES.contains(cue);
        if strict && !introduces_content(after) && !ends_clause(after) {
            continue;
        }
        // "The alleged missile", "an estimated 200 people": an adjective.
        let previous = before.split_whitespace().next_back().unwrap_or("").to_lowercase();
        let adjective = matches!(previous.as_str(), "the" | "a" | "an" | "this" | "that" | "its" | "their")
            || after.trim_start().starts_with(|c: char| c.is_ascii_digit());
        if FINDING_CUES.contains(cue) && adjective {
            continue;
        }
        // Passive: "This was announced by X", "are viewed by analysts".
        let speaker = if before.trim_end().ends_with(" was") || before.trim_end().ends_with(" were") {
            after.trim_start().strip_prefix("by ").and_then(noun_phrase_after)
        } else {
            noun_phrase_before(before).or_else(|| noun_phrase_after(after))
        };
        let Some(speaker) = speaker else { continue };
        let mode = if quoted_share > 0.4 { AttributionMode::Direct } else { AttributionMode::Indirect };
        // "A but B, X said (in an interview)."
        let trailing = !before.trim().is_empty() && trails(after);
        return Found {
            speaker: Some(speaker),
            relays: Vec::new(),
            cue: Some((*cue).to_owned()),
            mode,
            cue_at: i,
            whole_sentence: trailing,
        };
    }
    for hedge in ["reportedly", "allegedly", "is said to", "are said to", "was said to"] {
        if let Some(i) = find_outside(&lower, &outside, hedge) {
            return Found { cue: Some(hedge.to_owned()), cue_at: i, whole_sentence: true, ..own };
        }
    }
    // "are viewed by analysts as".
    if let Some(i) = find_outside(&lower, &outside, " viewed by ") {
        let speaker = noun_phrase_after(&text[i + " viewed by ".len()..]);
        return Found {
            speaker,
            relays: Vec::new(),
            cue: Some("viewed by".into()),
            mode: AttributionMode::Indirect,
            cue_at: i,
            whole_sentence: false,
        };
    }
    own
}

/// Whether a speaker as written needs resolving to someone named before.
pub(crate) fn is_reference(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        [one] => PRONOUNS.contains(one),
        ["the", rest @ ..] => {
            rest.iter().any(|w| ROLES.contains(w) || *w == "ministry" || *w == "department")
        }
        _ => false,
    }
}

/// Whether a description's head, before any "of", is a person's role
/// ("the head of the PRC's Foreign Ministry", "the Iranian Foreign
/// Minister"), so it names a person even when it names a country too.
pub(crate) fn is_person_role(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    let head = lower.split(" of ").next().unwrap_or("");
    head.split_whitespace().any(|w| ROLES.contains(&w))
}

/// Whether a speaker is an unnamed source ("international sources").
pub(crate) fn unnamed(speaker: &str) -> Option<String> {
    let lower = speaker.to_lowercase();
    let trimmed = lower.trim_start_matches("the ").trim_start_matches("some ").trim_start_matches("many ");
    UNNAMED
        .contains(&lower.as_str())
        .then(|| trimmed.to_owned())
        .or_else(|| UNNAMED.contains(&trimmed).then(|| trimmed.to_owned()))
}

/// Words that open a noun phrase: what a contrastive "not" sets aside
/// ("5,000 barrels a day, not the 1,000 estimated earlier").
const DETERMINERS: &[&str] =
    &["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"];

/// The byte ranges of `text` that a contrastive negation sets aside: a
/// "not" after a comma or dash that opens a noun phrase ("5,000 barrels
/// a day — not the 1,000 barrels", "Ukrainian forces, not the rebels,
/// brought it down"), or one whose noun phrase gives way to "but" ("not
/// the rebels but the army"). Each range runs from the "not" to the end
/// of its phrase. The clause around it asserts what it says; only the
/// phrase set aside is negated.
pub(crate) fn contrastive_negations(text: &str) -> Vec<std::ops::Range<usize>> {
    // Most text has no "not" at all: no copy is made for it.
    if !text.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"not")) {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, _) in lower.match_indices("not") {
        // A whole word, followed by any space ("not\nthe"), and not inside
        // a phrase already set aside ("not the 1,000 - not 100 -").
        let followed = lower[at + 3..].starts_with(char::is_whitespace);
        let word_start = at == 0 || !lower[..at].ends_with(|c: char| c.is_alphanumeric());
        if !followed || !word_start || out.last().is_some_and(|r| at < r.end) {
            continue;
        }
        let after = lower[at + 3..].trim_start();
        let offset = lower.len() - after.len();
        let mut next_words = after.split_whitespace();
        let next = next_words.next().unwrap_or("");
        // "not a single body had been recovered" is a plain negation.
        let emphatic = next == "a" && next_words.next() == Some("single");
        let opens_phrase = DETERMINERS.contains(&next)
            || next.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£'));
        if !opens_phrase || emphatic {
            continue;
        }
        let phrase_len = phrase_end(after);
        let phrase = &after[..phrase_len];
        let before = lower[..at].trim_end();
        let after_break = before.ends_with([',', '—', '–', '-']);
        let (len, set_aside) = match phrase.find(" but ") {
            Some(but) => (but, &phrase[..but]),
            None if after_break => (phrase_len, phrase),
            None => continue,
        };
        // A verb inside is a clause of its own, negated: "By Friday, not
        // a body had been found".
        if set_aside.split_whitespace().any(|w| AUXILIARIES.contains(&w)) {
            continue;
        }
        out.push(at..offset + len);
    }
    out
}

/// Auxiliaries and copulas: a phrase holding one is a clause.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "did",
    "does",
];

/// Where the phrase opening `text` ends: at a clause mark or a spaced
/// dash, or a comma or full stop that is not inside a number ("1,000",
/// "2.5").
fn phrase_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let digit = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    let dash = text.find(" - ").into_iter().chain(text.find(" -- ")).min().unwrap_or(text.len());
    let mark = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ';' | '—' | '–' | ')' | '(')
                || (matches!(c, ',' | '.') && !(digit(i.checked_sub(1)) && digit(Some(i + 1))))
        })
        .map_or(text.len(), |(i, _)| i);
    mark.min(dash)
}

/// The FactBank value of a clause.
pub(crate) fn factuality(clause: &str, cue: Option<&str>) -> Factuality {
    let lower = clause.to_lowercase();
    // A "not" that sets one phrase aside negates nothing else.
    let set_aside: Vec<usize> = contrastive_negations(&lower).iter().map(|r| r.start).collect();
    // One pass over the words sets every single-word cue; phrases are
    // checked against the next words.
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .filter(|w| !(*w == "not" && set_aside.contains(&(w.as_ptr() as usize - lower.as_ptr() as usize))))
        .collect();
    // Phrases with punctuation read as spaces, only built when a
    // phrase's key word is there.
    let spaced = || words.join(" ");
    let (mut probable, mut possible, mut negated, mut not_only) = (false, false, false, false);
    let (mut maybe_denied, mut maybe_unclear) = (false, false);
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        match *w {
            "reportedly" | "allegedly" | "likely" | "probably" | "expected" | "seems" | "appears"
            | "believes" | "predicts" | "will" => probable = true,
            "would" if next == "like" => probable = true,
            "is" if next == "sure" || (next == "said" && words.get(i + 2) == Some(&"to")) => probable = true,
            _ => {}
        }
        match *w {
            "may" | "might" | "could" | "possibility" | "possible" | "potential" | "if" | "would"
            | "perhaps" | "hypothetical" => possible = true,
            "not" if matches!(next, "only" | "just") => not_only = true,
            "not" | "no" | "never" | "none" | "neither" | "nor" | "cannot" | "didn't" | "doesn't"
            | "don't" | "won't" | "isn't" | "wasn't" => negated = true,
            _ => {}
        }
        maybe_denied |= ["denied", "rejected", "dismissed", "exist"].iter().any(|k| w.starts_with(k));
        maybe_unclear |= ["unclear", "disclosed", "revealed", "unknown"].iter().any(|k| w.starts_with(k));
    }
    let negated = negated && !not_only;
    let probable = probable
        || cue.is_some_and(|c| {
            ["reportedly", "allegedly", "is said to", "believes", "predicts", "warn", "warned", "warns"]
                .contains(&c)
        });
    let mut certainty = Certainty::Certain;
    if probable {
        certainty = Certainty::Probable;
    }
    if possible {
        certainty = Certainty::Possible;
    }
    let denied = maybe_denied && {
        let spaced = spaced();
        ["denied", "rejected the", "dismissed the", "does not exist", "do not exist"]
            .iter()
            .any(|w| spaced.contains(w))
            && ["report", "rumour", "rumor", "claim", "allegation", "accusation", "that", "exist"]
                .iter()
                .any(|w| spaced.contains(w))
    };
    let unclear = maybe_unclear && {
        let spaced = spaced();
        ["remain unclear", "remains unclear", "not disclosed", "not been revealed", "unknown"]
            .iter()
            .any(|w| spaced.contains(w))
    };
    if clause.trim_end().ends_with('?') {
        return Factuality { certainty: Certainty::Underspecified, polarity: Polarity::Unknown };
    }
    let polarity = if negated || denied { Polarity::Negative } else { Polarity::Positive };
    if unclear && !negated {
        return Factuality { certainty: Certainty::Certain, polarity: Polarity::Positive };
    }
    Factuality { certainty, polarity }
}

/// Whether the words after a cue introduce what was said: "that", a
/// colon or a quotation within a few words ("announced on Friday that",
/// "called China \"a friend\"", "published a document stating that").
fn introduces_content(after: &str) -> bool {
    let after = after.trim_start();
    if after.starts_with([':', '"', '“']) || after.starts_with(", \"") || after.starts_with(", “") {
        return true;
    }
    for word in after.split_whitespace().take(6) {
        if word == "that" || word.starts_with(['"', '“']) || word.ends_with(':') {
            return true;
        }
        if word.ends_with(['.', ';', ',']) {
            break;
        }
    }
    false
}

/// Whether a cue closes its clause ("..., the ministry announced.").
fn ends_clause(after: &str) -> bool {
    let after = after.trim_start();
    after.is_empty() || after.starts_with(['.', ';', ',', '!', '?'])
}

/// Whether what follows a cue is only its own trimmings ("in an
/// interview with RT."), so the cue reports what came before it.
fn trails(after: &str) -> bool {
    let tail = after.trim_end().trim_end_matches(['.', '!', '?', '"', '”', '’']);
    let words: Vec<&str> = tail.split_whitespace().collect();
    words.len() <= 8
        && !words.iter().any(|w| *w == "that" || w.starts_with(['"', '“']))
        && !tail.contains([';', ':'])
}

/// Byte offsets where the space-separated words of `text` start.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.split_inclusive(' ').scan(0usize, |at, w| {
        let start = *at;
        *at += w.len();
        Some(start)
    })
}

/// Whether each byte lies outside quotation marks.
fn outside_quotes(text: &str, in_quote: bool) -> Vec<bool> {
    let mut out = vec![true; text.len() + 1];
    // Open at the start: inside the kind of quotation whose mark closes
    // first.
    let first_mark = text.chars().find(|c| matches!(c, '"' | '”' | '“'));
    let mut straight = in_quote && first_mark == Some('"');
    let mut curly = i32::from(in_quote && first_mark == Some('”'));
    for (i, c) in text.char_indices() {
        match c {
            '"' => straight = !straight,
            '“' => curly += 1,
            '”' => curly = (curly - 1).max(0),
            _ => {}
        }
        let inside = straight || curly > 0;
        for slot in out.iter_mut().skip(i).take(c.len_utf8()) {
            *slot = !inside;
        }
    }
    out
}

/// The share of bytes inside quotation marks, from `outside_quotes`.
fn quoted_share(outside: &[bool]) -> f64 {
    let inside = outside.iter().filter(|o| !**o).count();
    if outside.is_empty() { 0.0 } else { inside as f64 / outside.len() as f64 }
}

fn find_outside(lower: &str, outside: &[bool], needle: &str) -> Option<usize> {
    lower.match_indices(needle).map(|(i, _)| i).find(|&i| outside.get(i).copied().unwrap_or(false))
}

/// The noun phrase ending right before a cue: back to the last comma,
/// quote or clause word. When an appositive sits between the name and the
/// cue ("Aleksey Maslov, acting director of the Institute ..., said"),
/// the name before it.
fn noun_phrase_before(text: &str) -> Option<String> {
    let mut trimmed = text.trim_end();
    // "officials have said": the auxiliary is the verb's, not the subject's.
    for aux in [" have", " has", " had"] {
        if let Some(rest) = trimmed.strip_suffix(aux) {
            trimmed = rest.trim_end();
            break;
        }
    }
    if let Some(rest) = trimmed.strip_suffix(',') {
        return named_before_appositives(rest);
    }
    subject_phrase(trimmed)
}

/// Walks back over comma-separated appositives (they start in lower
/// case: "acting director of ...", "a member of ...") to a capitalised
/// name.
fn named_before_appositives(text: &str) -> Option<String> {
    let mut rest = text;
    for _ in 0..4 {
        let cut =
            rest.char_indices().rev().find(|&(_, c)| matches!(c, ',' | '"' | '“' | '”' | ';' | ':' | '('));
        let (segment, delimiter) = match cut {
            Some((i, c)) => (&rest[i + c.len_utf8()..], Some((i, c))),
            None => (rest, None),
        };
        let segment = segment.trim();
        let first = segment.chars().next()?;
        if first.is_uppercase() {
            let phrase = subject_phrase(segment)?;
            return (phrase.split_whitespace().count() <= 6).then_some(phrase);
        }
        match delimiter {
            Some((i, ',')) => rest = &rest[..i],
            _ => return None,
        }
    }
    None
}

/// A phrase that can be the subject of a reporting verb: the words after
/// the last comma, quote or clause mark, with no verb inside.
fn subject_phrase(text: &str) -> Option<String> {
    let mut trimmed = text.trim_end();
    // "Sen. Frank Lautenberg (D-N.J.) said": the party label in brackets
    // is not the speaker; the name before it is.
    if trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind('(')
        && trimmed[open..].split_whitespace().count() <= 3
    {
        trimmed = trimmed[..open].trim_end();
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | '"' | '“' | '”' | ';' | ':' | '(' | '—' | '–'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let phrase = trimmed[start..].trim();
    // "BP America, Inc. President Lamar McKay": the comma is the company
    // name's, and its "Inc." no part of the speaker's title.
    let phrase = match phrase.split_once(' ') {
        Some((word, rest))
            if start > 0
                && trimmed[..start].ends_with(',')
                && super::segment::NAME_ENDINGS
                    .contains(&word.trim_end_matches('.').to_lowercase().as_str()) =>
        {
            rest.trim_start()
        }
        _ => phrase,
    };
    let phrase = phrase.rsplit_once(" -- ").map_or(phrase, |(_, after)| after).trim_start_matches("-- ");
    // "But he said": the conjunction opens the clause, not the name.
    let phrase = match phrase.split_once(' ') {
        Some((first, rest)) if matches!(first.to_lowercase().as_str(), "but" | "and" | "so" | "yet") => {
            rest.trim_start()
        }
        _ => phrase,
    };
    let phrase = after_opening_adverbial(phrase)?;
    // "the 282 bodies that Ukrainian officials said": the relative
    // clause's subject.
    let phrase = ["that ", "which "]
        .iter()
        .filter_map(|w| {
            if let Some(rest) = phrase.strip_prefix(w) {
                return Some((0, rest));
            }
            phrase.rfind(&format!(" {w}")).map(|i| (i, &phrase[i + 1 + w.len()..]))
        })
        .max_by_key(|(i, _)| *i)
        .map_or(phrase, |(_, rest)| rest);
    let phrase =
        phrase.strip_suffix(" also").or_else(|| phrase.strip_suffix(" also,")).unwrap_or(phrase).trim();
    // "The company unexpectedly said": the adverb is the verb's.
    let mut phrase = phrase;
    while let Some((rest, last)) = phrase.rsplit_once(' ')
        && last.len() > 4
        && last.ends_with("ly")
        && last.starts_with(char::is_lowercase)
    {
        phrase = rest.trim_end();
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let lone_modifier = match words.as_slice() {
        // "indicated", "unexpectedly": a verb or an adverb, no one.
        [w] => w.starts_with(char::is_lowercase) && (w.ends_with("ly") || w.ends_with("ed")),
        _ => false,
    };
    let unfinished = words.last().is_some_and(|w| matches!(*w, "and" | "but" | "or" | "of"));
    // "that" or a verb inside means this is not a subject phrase.
    if words.is_empty()
        || words.len() > 12
        || words.iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "that" | "is" | "was" | "has" | "have" | "are" | "were" | "will" | "be" | "been" | "should"
                    | "would" | "can" | "could" | "must" | "may" | "might"
            )
        })
        // "It is said", "It should be noted": impersonal, no speaker.
        || phrase.eq_ignore_ascii_case("it")
        // "for what he said", "minimized what it called": a clause.
        || words.iter().any(|w| w.eq_ignore_ascii_case("what"))
        || lone_modifier
        || unfinished
        || !phrase.chars().any(char::is_alphanumeric)
        // "..., who are backed by Russia, and called it": a conjunction
        // or a relative word alone names no one.
        || words.iter().all(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "and" | "but" | "or" | "nor" | "so" | "then" | "also" | "who" | "which" | "as" | "while"
            )
        })
    {
        return None;
    }
    Some(phrase.to_owned())
}

/// Words that open an adverbial before a sentence's subject ("Following
/// the rig explosion on April 20 BP said").
const OPENERS: &[&str] = &[
    "following",
    "within",
    "after",
    "before",
    "in",
    "on",
    "at",
    "during",
    "since",
    "when",
    "while",
    "despite",
    "amid",
    "earlier",
    "later",
    "meanwhile",
    "now",
    "today",
    "yesterday",
    "then",
    "also",
];

/// `phrase` without an opening adverbial: when it opens with one, the
/// name that ends it, the capitalised words after the adverbial's last
/// lower-case word or number; `None` when nothing names a speaker there.
fn after_opening_adverbial(phrase: &str) -> Option<&str> {
    let first = phrase.split_whitespace().next().unwrap_or("");
    if !OPENERS.contains(&first.to_lowercase().as_str()) {
        return Some(phrase);
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    // The opener itself ("Later", "In") is not part of the name after it.
    let name = words[1..]
        .iter()
        .rev()
        .take_while(|w| {
            w.starts_with(char::is_uppercase) && !super::time::is_weekday(w) && !super::time::is_month_word(w)
        })
        .count();
    // Else the phrase its last article opens ("On Monday the ministry").
    let described = || {
        let k = words.iter().rposition(|w| matches!(*w, "the" | "a" | "an"))?;
        (k > 0 && words.len() - k <= 4).then_some(words.len() - k)
    };
    let kept = match name {
        0 => described()?,
        n => n,
    };
    // Where the kept words start, however the words are spaced.
    let first = words[words.len() - kept];
    Some(&phrase[first.as_ptr() as usize - phrase.as_ptr() as usize..])
}

/// The noun phrase starting right after a cue: up to a comma, quote, or
/// clause word.
fn noun_phrase_after(text: &str) -> Option<String> {
    let text = text.trim_start();
    let end = text.find([',', '.', '"', '“', '”', ';', ':', '(']).unwrap_or(text.len());
    let mut words: Vec<&str> = Vec::new();
    for w in text[..end].split_whitespace() {
        // "said the bot count was higher": the subject of what is said.
        if matches!(w, "is" | "was" | "will" | "are" | "were") {
            return None;
        }
        if matches!(w, "that" | "in" | "on" | "as" | "for" | "with" | "about" | "to") {
            break;
        }
        words.push(w);
    }
    // "... said were recovered": a verb follows, no speaker does.
    let verb_first = words.first().is_some_and(|w| {
        matches!(
            *w,
            "were" | "are" | "be" | "been" | "being" | "had" | "has" | "have" | "would" | "could" | "should"
        )
    });
    // "... called the incident a “provocation”": an object and its
    // complement follow, no speaker does; so too after "said his bid
    // to ...", the subject of what is said.
    let complement = words.last().is_some_and(|w| matches!(*w, "a" | "an" | "the"))
        || words.first().is_some_and(|w| matches!(*w, "his" | "her" | "its" | "their" | "our" | "my"));
    (!words.is_empty() && words.len() <= 8 && !verb_first && !complement).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(text: &str) -> String {
        let f = find(text);
        format!("{:?} {:?} {:?} {:?}", f.speaker, f.relays, f.cue, f.mode)
    }

    #[test]
    fn speakers_and_cues() {
        assert_eq!(
            attr(
                "\"As before, China continues to oppose sanctions,\" the head of the PRC's Foreign Ministry was quoted by TASS."
            ),
            r#"Some("the head of the PRC's Foreign Ministry") ["TASS"] Some("was quoted by") Direct"#
        );
        assert_eq!(
            attr("According to him, unilateral sanctions are unacceptable."),
            r#"Some("him") [] Some("according to") Indirect"#
        );
        assert_eq!(
            attr("International sources say Iran is seeking to extend a deal."),
            r#"Some("International sources") [] Some("say") Indirect"#
        );
        assert_eq!(
            attr(
                "Beijing will \"build a power station or a highway\" but likely will not send aid, argued one diplomat."
            ),
            r#"Some("one diplomat") [] Some("argued") Indirect"#
        );
        assert_eq!(
            attr("A road map has now, reportedly, been approved."),
            r#"None [] Some("reportedly") OwnVoice"#
        );
        assert_eq!(attr("Tehran, therefore, sees China as a vital partner."), "None [] None OwnVoice");
    }

    #[test]
    fn ambiguous_cues_need_a_complement() {
        assert_eq!(attr("China imposed sanctions on the United States."), "None [] None OwnVoice");
        assert_eq!(attr("Russia joined Western states in the talks."), "None [] None OwnVoice");
        assert_eq!(attr("The US Treasury announced new restrictions on the PRC."), "None [] None OwnVoice");
        assert_eq!(
            attr("The US Treasury announced that new restrictions apply."),
            r#"Some("The US Treasury") [] Some("announced") Indirect"#
        );
        assert_eq!(
            attr("New restrictions apply, the ministry announced."),
            r#"Some("the ministry") [] Some("announced") Indirect"#
        );
        assert_eq!(attr("It should be noted that talks resumed."), "None [] None OwnVoice");
    }

    #[test]
    fn speakers_behind_appositives_and_trailing_cues() {
        let found = find(
            "Talks failed, ”Aleksey Maslov, acting director of the Institute of Far Eastern Studies, said in an interview with RT.",
        );
        assert_eq!(found.speaker.as_deref(), Some("Aleksey Maslov"));
        assert!(found.whole_sentence);
        let found = find("The US said that Iran is a threat, but China disagreed.");
        assert!(!found.whole_sentence);
        let found = find(
            "Donetsk People's Republic PM Aleksandr Boroday has rejected any aggression by the rebels, who are backed by Russia, and called the incident a “provocation by the Ukrainian military”.",
        );
        assert_eq!(found.speaker, None);
        for (text, speaker) in [
            ("But he said the talks failed.", Some("he")),
            ("Sen. Frank Lautenberg (D-N.J.) said the spill was a disaster.", Some("Sen. Frank Lautenberg")),
            ("The company unexpectedly said the deal was off.", Some("The company")),
            ("Musk agreed to buy Twitter, but within weeks said the bot count was higher.", None),
        ] {
            assert_eq!(find(text).speaker.as_deref(), speaker, "{text}");
        }
        let found =
            find("On Monday, Twitter fired back at Musk and said his bid to end the deal was invalid.");
        assert_eq!(found.speaker, None);
        let found = find("\"It failed,\" BP America, Inc. President and Chairman Lamar McKay said.");
        assert_eq!(found.speaker.as_deref(), Some("President and Chairman Lamar McKay"));
    }

    #[test]
    fn quotations_over_several_sentences() {
        let text = "And we can shrink this spill,\" Suttles said.";
        assert_eq!(find(text).speaker, None);
        assert_eq!(find_continuing(text, true).speaker.as_deref(), Some("Suttles"));
        let text = "And we can shrink this spill,” Suttles said.";
        assert_eq!(find_continuing(text, true).speaker.as_deref(), Some("Suttles"));
        assert_eq!(find_continuing("And we can shrink this spill.", true).speaker, None);
    }

    #[test]
    fn speakers_after_datelines_and_adverbials() {
        let speaker = |t: &str| find(t).speaker;
        assert_eq!(
            speaker(
                "May 14, 2010— -- Following the rig explosion on April 20 BP said about 1,000 barrels leaked."
            )
            .as_deref(),
            Some("BP")
        );
        assert_eq!(
            speaker("After the talks Foreign Minister Wang Yi said that ties grew.").as_deref(),
            Some("Foreign Minister Wang Yi")
        );
        assert_eq!(speaker("On Monday the ministry said that ties grew.").as_deref(), Some("the ministry"));
        assert_eq!(speaker("Earlier on Monday said that ties grew.").as_deref(), None);
        assert_eq!(
            speaker("SkyTruth calculated that 6 million gallons had leaked.").as_deref(),
            Some("SkyTruth")
        );
        assert_eq!(speaker("The team found that the well was leaking.").as_deref(), Some("The team"));
        assert_eq!(speaker("Another leak has been found near the site.").as_deref(), None);
        assert_eq!(speaker("Later Obama said that the leak would stop.").as_deref(), Some("Obama"));
        assert_eq!(
            speaker("After the talks Ömer  Çelik said that ties grew.").as_deref(),
            Some("Ömer  Çelik")
        );
        assert_eq!(speaker("The alleged missile that downed the plane was a Buk.").as_deref(), None);
        assert_eq!(speaker("An estimated 200 people that were aboard were Dutch.").as_deref(), None);
        assert_eq!(
            speaker("It was lower than the 282 bodies that Ukrainian officials have said were recovered.")
                .as_deref(),
            Some("Ukrainian officials")
        );
    }

    #[test]
    fn factuality_values() {
        let f = |t: &str| factuality(t, None).to_string();
        assert_eq!(f("China signed the plan on March 27."), "CT+");
        assert_eq!(f("China is expected to invest in transport."), "PR+");
        assert_eq!(f("talks will continue to finalise the deal."), "PR+");
        assert_eq!(f("the deal would render Iran dependent on China"), "PS+");
        assert_eq!(f("Russia does not have the funds to invest heavily."), "CT-");
        assert_eq!(f("Beijing likely will not send more aid."), "PR-");
        assert_eq!(f("Officials denied that such an agreement exists."), "CT-");
        assert_eq!(f("this is not just a political alliance"), "CT+");
        assert_eq!(f("The leak is 5,000 barrels a day — not the 1,000 barrels estimated earlier."), "CT+");
        assert_eq!(f("Ukrainian forces, not the rebels, brought the plane down."), "CT+");
        assert_eq!(f("It was not the rebels but the army that fired."), "CT+");
        assert_eq!(f("The rebels did not fire the missile."), "CT-");
    }

    #[test]
    fn contrastive_negations_set_one_phrase_aside() {
        let text = "The leak is 5,000 barrels a day — not the 1,000 barrels estimated earlier, he said.";
        let ranges = contrastive_negations(text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "not the 1,000 barrels estimated earlier");
        let text = "It was not the rebels but the army.";
        assert_eq!(
            contrastive_negations(text).iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["not the rebels"]
        );
        assert!(
            contrastive_negations("The talks did not succeed, not least because of sanctions.").is_empty()
        );
        assert!(contrastive_negations("Knot the rope, not a problem").len() == 1);
        // One "not" inside another's phrase is not a second range.
        let text = "The leak is 5,000 barrels a day, not the 1,000 barrels - not 100 - estimated earlier.";
        let ranges = contrastive_negations(text);
        assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start), "{ranges:?}");
        assert_eq!(contrastive_negations("Fewer, not\nthe 1,000 barrels").len(), 1);
        for plain in ["By Friday, not a single body had been recovered.", "In fact, not the army had fired."]
        {
            assert!(contrastive_negations(plain).is_empty(), "{plain}");
        }
    }
}
