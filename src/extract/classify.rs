//! Telling claims from the rest of a page: headlines, headings, captions,
//! credits, bylines, datelines, boilerplate, tag lists, bare links and
//! fragments are not claims.
//!
//! The rules look at the shape of a sentence and its block (length, final
//! punctuation, a credit marker in the block) and at phrase lists of
//! generic web-page furniture; none of them names an article.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::time::is_month_name;
use crate::model::SkipReason;

/// Phrases of web-page furniture, matched anywhere in lowercase.
const BOILERPLATE: &[&str] = &[
    "share buttons",
    "forward this article",
    "crosspost",
    "cross-post",
    "all rights reserved",
    "fair use",
    "copyrighted material",
    "become a member",
    "subscribe to our",
    "sign up for our",
    "related news",
    "related articles",
    "featured image",
    "for media inquiries",
    "click here",
    "follow us on",
    "placeholder",
    "the original source of this article",
    "sole responsibility of the author",
];

/// Openings of web-page furniture, matched at the start in lowercase.
const BOILERPLATE_OPENINGS: &[&str] = &[
    "copyright",
    "disclaimer",
    "note to readers",
    "comment on",
    "read more",
    "advertisement",
    "articles by",
    "written by",
    // Wire credit lines: "(Reporting by Thomas Escritt; Editing by ...)".
    "(reporting by",
    "(additional reporting by",
    "reporting by",
    "additional reporting by",
    "(writing by",
    "(editing by",
    "(compiled by",
];

/// Openings of a page's time stamp ("Updated at 4:47 p.m.", "Published
/// 10:32 GMT"): with a figure and a few words, it is no claim.
const STAMP_OPENINGS: &[&str] = &["updated", "last updated", "published", "posted", "first published"];

/// Credit markers, matched in lowercase.
const CREDITS: &[&str] = &[
    "getty images",
    "gettyimages",
    "photo:",
    "(photo",
    "photo afp",
    "photo by",
    "(source:",
    "©",
    "credit:",
    "image:",
    "reuters/",
    "/ reuters",
    "/ afp",
    "ảnh",
];

/// Positional markers that only captions use.
const CAPTION_MARKERS: &[&str] =
    &["(right)", "(left)", "(centre)", "(center)", "(l)", "(r)", "(2nd r)", "(2nd l)", "(front)", "(back)"];

/// One automaton per phrase list: a sentence is scanned once per list,
/// not once per phrase.
fn automaton(lists: &[&[&str]]) -> AhoCorasick {
    AhoCorasick::new(lists.iter().flat_map(|l| l.iter())).expect("phrase lists build an automaton")
}

static BOILERPLATE_AC: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[BOILERPLATE]));
static CREDITS_AC: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[CREDITS]));
static CAPTION_AC: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[CAPTION_MARKERS, CREDITS]));

/// What the classifier knows about a sentence's place in the article.
pub(crate) struct Context<'a> {
    /// The article's title, if known, as [`title_key`] normalizes it.
    pub(crate) title: Option<&'a str>,
    /// Whether this is the first sentence of the article.
    pub(crate) first: bool,
    /// Whether its block is a Markdown heading.
    pub(crate) heading_block: bool,
    /// Whether its block is an item of a list.
    pub(crate) list_item: bool,
    /// Whether its block holds nothing else.
    pub(crate) alone_in_block: bool,
}

/// A list item of this many words or more is a point made, not a menu
/// entry or a tag: the summary bullets atop a wire story ("Warhead strike
/// killed 3 crew instantly, caused plane to break up") are claims in the
/// outlet's voice, unpunctuated as headlines are.
const LIST_POINT_WORDS: usize = 7;

/// Why `text` is not a claim, judged on the sentence alone.
pub(crate) fn sentence_reason(text: &str, ctx: &Context<'_>) -> Option<SkipReason> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    if is_link(&words) {
        return Some(SkipReason::Link);
    }
    if BOILERPLATE_AC.is_match(&lower)
        || BOILERPLATE_OPENINGS.iter().any(|p| lower.starts_with(p) && (words.len() <= 6 || p.len() > 6))
    {
        return Some(SkipReason::Boilerplate);
    }
    if is_byline(&words) {
        return Some(SkipReason::Byline);
    }
    if words.len() <= 8 && CREDITS_AC.is_match(&lower) {
        return Some(SkipReason::Credit);
    }
    if let Some(title) = ctx.title
        && similar_to_title(text, title)
    {
        return Some(SkipReason::Headline);
    }
    if is_dateline(&lower, &words) || is_stamp(&lower, &words) {
        return Some(SkipReason::Dateline);
    }
    if is_tag_list(text) {
        return Some(SkipReason::List);
    }
    if text.starts_with([')', ']', '”', '’']) {
        return Some(SkipReason::Fragment);
    }
    let unfinished = !super::segment::ends_sentence(text);
    if words.len() <= 5 && text.trim_end().ends_with([',', ':', ';']) {
        return Some(SkipReason::Fragment);
    }
    if ctx.heading_block {
        return Some(if ctx.first { SkipReason::Headline } else { SkipReason::Heading });
    }
    let point = ctx.list_item && words.len() >= LIST_POINT_WORDS;
    if unfinished && ctx.alone_in_block && words.len() <= 12 && !point {
        if words.len() <= 1 {
            return Some(SkipReason::Fragment);
        }
        return Some(if ctx.first { SkipReason::Headline } else { SkipReason::Heading });
    }
    if text.starts_with(['•', '·', '▪']) && words.len() <= 6 {
        return Some(SkipReason::Caption);
    }
    None
}

/// Whether a block's text carries a caption marker or credit, so every
/// sentence in it is caption.
pub(crate) fn is_caption_block(text: &str) -> bool {
    CAPTION_AC.is_match(&text.to_lowercase())
}

fn is_link(words: &[&str]) -> bool {
    !words.is_empty()
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | ',' | '.'));
            w.contains("://")
                || w.starts_with("www.")
                || w.starts_with('@')
                || (w.contains('.') && w.contains('/') && !w.contains(' '))
        })
}

/// "By" and names: capitalised words, joined by "and" or "&" when there
/// are several writers ("By Thomas Escritt and Toby Sterling").
fn is_byline(words: &[&str]) -> bool {
    match words {
        ["By" | "BY" | "by", rest @ ..] => {
            // Up to five words of names, eight when several writers.
            let joins = rest.iter().filter(|w| matches!(**w, "and" | "&")).count();
            let names = rest.len() - joins;
            !rest.is_empty()
                && names <= if joins > 0 { 8 } else { 5 }
                && rest.iter().all(|w| {
                    matches!(*w, "and" | "&")
                        || w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                })
        }
        _ => false,
    }
}

/// A date stamp: a month name with a day or year, and little else.
fn is_dateline(lower: &str, words: &[&str]) -> bool {
    let has_year = words.iter().any(|w| {
        let d = w.trim_matches(|c: char| !c.is_ascii_digit());
        d.len() == 4 && d.chars().all(|c| c.is_ascii_digit())
    });
    if !has_year
        || !words.iter().any(|w| is_month_name(w.trim_matches(|c: char| !c.is_alphabetic())))
        || super::segment::ends_sentence(lower)
    {
        return false;
    }
    let other = words
        .iter()
        .filter(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()) && !is_month_name(t)
        })
        .count();
    other <= 4
}

/// A time stamp: one of [`STAMP_OPENINGS`] and a time of day or a date
/// ("4:47 p.m.", "10:32 GMT", "12 May"), in at most eight words.
fn is_stamp(lower: &str, words: &[&str]) -> bool {
    const ZONES: &[&str] = &["a.m.", "p.m.", "am", "pm", "gmt", "utc", "et", "edt", "est", "bst", "cet"];
    let opens =
        STAMP_OPENINGS.iter().any(|p| lower.strip_prefix(p).is_some_and(|rest| rest.starts_with([' ', ':'])));
    let clock = |w: &&str| {
        let w = w.to_lowercase();
        let t = w.trim_end_matches([',', ';']);
        ZONES.contains(&t)
            || is_month_name(t.trim_matches(|c: char| !c.is_alphabetic()))
            || t.split_once(':').is_some_and(|(h, m)| {
                !h.is_empty()
                    && h.bytes().all(|b| b.is_ascii_digit())
                    && m.bytes().take(2).filter(u8::is_ascii_digit).count() == 2
            })
    };
    words.len() <= 8 && opens && words.iter().any(clock)
}

/// "Label: item, item, item" with short items and no sentence ending.
fn is_tag_list(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    if label.split_whitespace().count() > 3 || text.trim_end().ends_with('.') {
        return false;
    }
    let items: Vec<&str> = rest.split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
    items.len() >= 2 && items.iter().all(|i| i.split_whitespace().count() <= 5)
}

/// A title or sentence for comparison: lowercase letters, digits and
/// single spaces, quotes and apostrophes dropped.
pub(crate) fn title_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c.is_whitespace() && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `text` is the title (given as its [`title_key`]), or starts
/// with it (a repeat with an image marker appended, say).
fn similar_to_title(text: &str, title: &str) -> bool {
    // Normalizing keeps every letter and digit, so a text with many more
    // of them than the title has characters can match neither test below.
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters > title.chars().count() * 6 / 5 + 20 {
        return false;
    }
    let text = title_key(text);
    if title.is_empty() || text.is_empty() {
        return false;
    }
    if text.starts_with(title) && text.len() <= title.len() + 20 {
        return true;
    }
    // Within 0.85 normalized Levenshtein, lengths differ by at most 15%:
    // check that before paying for the distance.
    let (a, b) = (text.chars().count(), title.chars().count());
    let budget = a.max(b) * 15 / 100;
    a.abs_diff(b) <= budget
        && histogram_distance(&text, title) <= budget
        && strsim::normalized_levenshtein(&text, title) >= 0.85
}

/// A lower bound on the Levenshtein distance, from character counts: each
/// edit changes the counts by at most two. Non-ASCII characters share one
/// bucket, which only lowers the bound.
fn histogram_distance(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 129];
    for c in a.chars() {
        counts[usize::try_from(u32::from(c)).map_or(128, |i| i.min(128))] += 1;
    }
    for c in b.chars() {
        counts[usize::try_from(u32::from(c)).map_or(128, |i| i.min(128))] -= 1;
    }
    let total: u32 = counts.iter().map(|n| n.unsigned_abs()).sum();
    usize::try_from(total.div_ceil(2)).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<&'static str> {
        let title = title_key("Iran Wants 'Strategic Partnership' with China");
        let ctx = Context {
            title: Some(&title),
            first: false,
            heading_block: false,
            list_item: false,
            alone_in_block: true,
        };
        sentence_reason(text, &ctx).map(SkipReason::as_str)
    }

    #[test]
    fn page_furniture_is_recognised() {
        assert_eq!(reason("Iran Wants ‘Strategic Partnership’ with China"), Some("headline"));
        assert_eq!(reason("By Michael Jansen"), Some("byline"));
        assert_eq!(reason("By Thomas Escritt and Toby Sterling"), Some("byline"));
        assert_eq!(reason("By Jane Doe, John Roe & Ann Poe"), Some("byline"));
        assert_eq!(reason("Global Research, July 23, 2020"), Some("dateline"));
        assert_eq!(reason("October 12, 2020"), Some("dateline"));
        assert_eq!(reason("Updated at 4:47 p.m."), Some("dateline"));
        assert_eq!(reason("Updated 6:44 p.m. ET"), Some("dateline"));
        assert_eq!(reason("(Reporting by Thomas Escritt)"), Some("boilerplate"));
        assert_eq!(
            reason("(Reporting by Anthony Deutsch; Editing by Alison Williams and Gareth Jones)"),
            Some("boilerplate")
        );
        assert_eq!(reason("Region: Asia, Middle East & North Africa"), Some("list"));
        assert_eq!(reason("Published under: China , Iran"), Some("list"));
        assert_eq!(reason("Iranian President Hassan Rouhani / Getty Images"), Some("credit"));
        assert_eq!(reason("(Photo: Russian Foreign Ministry)"), Some("credit"));
        assert_eq!(reason("pic.twitter.com/In5srS4lIK"), Some("link"));
        assert_eq!(
            reason("Note to readers: please click the share buttons above or below."),
            Some("boilerplate")
        );
        assert_eq!(reason("Ambitious deals"), Some("heading"));
        assert_eq!(reason("She writes,"), Some("fragment"));
        assert_eq!(reason("RT"), Some("fragment"));
    }

    #[test]
    fn claims_are_kept() {
        assert_eq!(reason("Tehran, therefore, sees China as a vital partner."), None);
        assert_eq!(
            reason("Rouhani remarked October 1 that Tehran and Beijing had taken a \"major step\" forward."),
            None
        );
        assert_eq!(reason("The countries have already made some overtures."), None);
        assert_eq!(reason("Published figures put the toll at 298."), None);
        assert_eq!(reason("Posted troops will stay until 2025, officials said."), None);
    }
}
