//! The pipeline driver: corpus in, claims, groups and relations out.
//!
//! Invariants: the tracker owns the results of every stage and runs the
//! stages in order (extraction, grouping, analysis); it knows nothing of
//! output formats. Results depend only on the corpus and the settings,
//! never on timing or thread count.

use std::collections::HashMap;

use crate::corpus::Corpus;
use crate::extract::Extractor;
use crate::matching::{MatchConfig, Matcher};
use crate::model::{Claim, ClaimGroup, Relation, Skipped};

/// A corpus together with everything claimtrack found in it.
///
/// # Examples
/// ```
/// use claimtrack::{Loader, Corpus, Tracker};
/// let mut corpus = Corpus::new();
/// corpus.insert(Loader::new().parse_document("note", "Iran and China signed a deal. Talks went on.")?)?;
/// let tracker = Tracker::new(corpus);
/// assert_eq!(tracker.claims().len(), 2);
/// assert_eq!(tracker.claims()[0].text(), "Iran and China signed a deal.");
/// # Ok::<(), claimtrack::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Tracker {
    corpus: Corpus,
    claims: Vec<Claim>,
    /// Claim id to its index in `claims`.
    by_id: HashMap<String, usize>,
    skipped: Vec<Skipped>,
    groups: Vec<ClaimGroup>,
    relations: Vec<Relation>,
}

impl Tracker {
    /// Runs the pipeline over `corpus` with the default settings.
    pub fn new(corpus: Corpus) -> Self {
        let extractor = Extractor::new();
        let mut claims = Vec::new();
        let mut skipped = Vec::new();
        for article in corpus.articles() {
            let extraction = extractor.extract(article);
            claims.extend(extraction.claims);
            skipped.extend(extraction.skipped);
        }
        let grouping = Matcher::new(MatchConfig::default()).group(&claims);
        let groups = grouping
            .groups()
            .iter()
            .enumerate()
            .map(|(g, group)| ClaimGroup {
                id: group.id.clone(),
                claims: group.members.clone(),
                canonical: group.canonical.clone(),
                evidence: grouping.evidence(g),
            })
            .collect();
        let by_id = claims.iter().enumerate().map(|(i, c)| (c.id().to_owned(), i)).collect();
        Self { corpus, claims, by_id, skipped, groups, relations: Vec::new() }
    }

    /// The articles.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Every claim, article by article in corpus order, in text order
    /// within an article.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Text that was not taken as a claim (headlines, captions,
    /// boilerplate ...), with the reason, in corpus order.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.by_id.get(id).and_then(|&i| self.claims.get(i))
    }

    /// The claims of one article.
    pub fn claims_of<'s>(&'s self, article: &'s str) -> impl Iterator<Item = &'s Claim> + 's {
        self.claims.iter().filter(move |c| c.article() == article)
    }

    /// The groups of claims that say the same thing; every claim is in
    /// exactly one.
    pub fn groups(&self) -> &[ClaimGroup] {
        &self.groups
    }

    /// Relations between groups.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }
}
