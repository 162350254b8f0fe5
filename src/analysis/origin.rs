//! Where each claim comes from, once republications, copies of one story
//! and relays collapse onto their origin.
//!
//! A claim's origin is the person or body whose statement it is (its
//! named speaker), or else the outlet that first published it in its own
//! voice: a republication (`via`) counts as the outlet it republishes, an
//! article whose claims mostly repeat another's word for word counts as
//! the earlier one's origin (one wire story, many outlets), and an
//! unnamed source ("experts") counts as the outlet relaying it, since
//! nothing says two outlets' experts are different people.

use std::collections::{BTreeMap, HashMap};

use crate::corpus::Corpus;
use crate::extract::attribution;
use crate::model::{AttributionMode, Claim};

/// Where one claim comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ClaimOrigin {
    /// The origin's name.
    pub name: String,
    /// Outlets and relays between the origin and this article, outermost
    /// first, without the origin itself.
    pub via: Vec<String>,
    /// Whether the article asserts it in its own voice.
    pub asserted: bool,
    /// The named speaker, when there is one.
    pub speaker: Option<String>,
}

/// Texts repeated in more articles than this are boilerplate, not a
/// sign that two articles are one story.
const MAX_COPIES: usize = 50;

/// The origin outlet of each article: its own outlet, or the outlet it
/// republishes (`via`), or, for articles that repeat most of an earlier
/// article word for word, that article's.
pub(crate) fn article_origins(corpus: &Corpus, claims: &[Claim]) -> HashMap<String, String> {
    let ids: Vec<&str> = corpus.articles().map(|a| a.id()).collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut per_article = vec![0usize; ids.len()];
    // Each text with the articles that carry it and how many times.
    let mut by_text: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for c in claims {
        if let Some(&a) = index.get(c.article()) {
            per_article[a] += 1;
            let list = by_text.entry(c.text()).or_default();
            // Claims come article by article: a repeat inside one
            // article is next to the previous one.
            match list.last_mut() {
                Some((last, n)) if *last == a => *n += 1,
                _ => list.push((a, 1)),
            }
        }
    }
    // The claims two articles have in common, a text repeated inside both
    // counted as often as the rarer of them carries it: a copy of an
    // article repeats every one of its claims, repeats included.
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for list in by_text.values().filter(|l| l.len() > 1 && l.len() <= MAX_COPIES) {
        for (k, &(x, nx)) in list.iter().enumerate() {
            for &(y, ny) in &list[k + 1..] {
                *shared.entry((x.min(y), x.max(y))).or_default() += nx.min(ny);
            }
        }
    }
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (&(x, y), &n) in &shared {
        let smaller = per_article[x].min(per_article[y]);
        if n >= 3 && 2 * n >= smaller {
            let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    let articles: Vec<_> = corpus.articles().collect();
    let own = |i: usize| {
        let meta = articles[i].meta();
        meta.via.clone().or_else(|| meta.outlet.clone()).unwrap_or_else(|| articles[i].id().to_owned())
    };
    // The earliest article of each cluster (then the smallest id) names it.
    let mut first: HashMap<usize, usize> = HashMap::new();
    for i in 0..ids.len() {
        let r = root(&mut parent, i);
        let key = |k: usize| (articles[k].meta().published.is_none(), articles[k].meta().published, ids[k]);
        let best = first.entry(r).or_insert(i);
        if key(i) < key(*best) {
            *best = i;
        }
    }
    (0..ids.len())
        .map(|i| {
            let r = root(&mut parent, i);
            (ids[i].to_owned(), own(first[&r]))
        })
        .collect()
}

/// Where `claim` comes from.
pub(crate) fn claim_origin(claim: &Claim, outlet: Option<&str>, article_origin: &str) -> ClaimOrigin {
    let attribution = claim.attribution();
    let mode = attribution.map_or(AttributionMode::OwnVoice, |a| a.mode);
    let speaker = attribution
        .and_then(|a| a.speaker.clone())
        .filter(|s| attribution::unnamed(s).is_none() && Some(s.as_str()) != outlet);
    let chain: Vec<String> = attribution.map(|a| a.chain.clone()).unwrap_or_default();
    let mut via: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if !via.iter().any(|v| v == name) {
            via.push(name.to_owned());
        }
    };
    if let Some(speaker) = speaker {
        for link in chain.iter().filter(|l| **l != speaker) {
            push(link);
        }
        return ClaimOrigin { name: speaker.clone(), via, asserted: false, speaker: Some(speaker) };
    }
    // An outlet relaying another: the innermost named link of the chain
    // that is not an unnamed source.
    let relay = chain
        .iter()
        .skip(1)
        .rev()
        .find(|l| attribution::unnamed(l).is_none() && Some(l.as_str()) != outlet)
        .cloned();
    let name = relay.unwrap_or_else(|| article_origin.to_owned());
    if let Some(outlet) = outlet
        && outlet != name
    {
        push(outlet);
    }
    if article_origin != name && !via.iter().any(|v| v == article_origin) {
        via.push(article_origin.to_owned());
    }
    ClaimOrigin { name, via, asserted: mode == AttributionMode::OwnVoice, speaker: None }
}
