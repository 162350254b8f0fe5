//! Extraction: from an article's text to its claims.
//!
//! Invariants: extraction does no I/O and looks at one article at a time,
//! so articles can be processed in any order or in parallel with the same
//! result. Every claim's span lies inside its article's body, on `char`
//! boundaries of the original text.

pub(crate) mod segment;

use crate::model::{Article, Claim};

/// Turns articles into claims.
#[derive(Clone, Debug, Default)]
pub struct Extractor {}

impl Extractor {
    /// An extractor with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The claims made in `article`, in text order. Claim ids are the
    /// article id, `#`, and the claim's 1-based position.
    pub fn extract(&self, article: &Article) -> Vec<Claim> {
        segment::sentences(article)
            .into_iter()
            .enumerate()
            .map(|(i, sentence)| {
                Claim::new(format!("{}#{}", article.id(), i + 1), article.id(), sentence.span, sentence.text)
            })
            .collect()
    }
}
