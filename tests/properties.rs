//! Properties: ingestion and extraction never panic, and every span slices
//! the original on char boundaries inside the body.

use claimtrack::{Extractor, Loader, PartialDate};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Text that looks like scraped Markdown news: words, punctuation, markup,
/// quotes, line breaks and non-Latin script.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,8}",
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(". ".to_owned()),
        prop::sample::select(vec![
            "U.S.",
            "Mr.",
            "Jan.",
            "T.",
            "“",
            "”",
            "\"",
            "[Asia](#)",
            "*",
            "**",
            "\\*",
            "# ",
            "- ",
            "  • ",
            "---",
            "&amp;",
            "中国。",
            "ảnh",
            "(",
            ")",
            "?",
            "!",
            "`",
            "<b>",
            "> ",
            "1. ",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let Ok(article) = Loader::new().parse_document("p", text) else {
        return;
    };
    let extraction = Extractor::new().extract(&article);
    for skipped in &extraction.skipped {
        assert!(skipped.span.slice(article.original()).is_some(), "skipped span {:?}", skipped.span);
    }
    for claim in extraction.claims {
        for q in claim.quantities() {
            assert!(q.span.slice(article.original()).is_some(), "quantity span {:?}", q.span);
            assert!(q.span.start >= claim.span().start && q.span.end <= claim.span().end);
        }
        let span = claim.span();
        assert!(span.start <= span.end);
        assert!(span.start >= article.body_span().start && span.end <= article.original().len());
        assert!(span.slice(article.original()).is_some(), "span {span:?} not on char boundaries");
        assert!(!claim.text().is_empty());
        assert_eq!(claim.text(), claim.text().trim());
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn news_like_text_keeps_spans_on_char_boundaries(text in newsish()) {
        check(&text);
    }

    #[test]
    fn front_matter_of_any_shape_never_panics(yaml in any::<String>(), body in newsish()) {
        check(&format!("---\n{yaml}\n---\n{body}"));
    }

    #[test]
    fn dates_round_trip(y in 1000i32..3000, m in 1u8..=12, d in 1u8..=31) {
        if let Some(date) = PartialDate::ymd(y, m, d) {
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
        }
        let ym = PartialDate::year_month(y, m).unwrap();
        prop_assert_eq!(PartialDate::parse(&ym.to_string()), Ok(ym));
    }

    #[test]
    fn date_parsing_never_panics(text in any::<String>()) {
        let _ = PartialDate::parse(&text);
    }
}

/// Written quantities in the forms news prose uses.
fn written_quantity() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        (1u32..1000).prop_map(|n| n.to_string()),
        (1u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        (1u32..100, 1u32..10).prop_map(|(a, b)| format!("{a}.{b}")),
        prop::sample::select(vec!["two", "twenty-five", "forty", "a dozen", "seven"]).prop_map(str::to_owned),
    ];
    let bound = prop::sample::select(vec!["", "up to ", "about ", "nearly ", "more than ", "at least "]);
    let form = prop::sample::select(vec![
        "${n}",
        "${n} billion",
        "${n}bn",
        "US${n} million",
        "{n} billion dollars",
        "{n} yuan",
        "{n}%",
        "{n} per cent",
        "{n}-year",
        "{n} days",
        "{n} security personnel",
        "{n} countries",
    ]);
    // Currency symbols take figures, not words ("$two" is not written).
    (bound, number, form)
        .prop_filter("symbol with a number word", |(_, n, f)| {
            !(f.contains('$') && n.starts_with(char::is_alphabetic))
        })
        .prop_map(|(b, n, f)| format!("{b}{}", f.replace("{n}", &n)))
}

fn quantities_of(text: &str) -> Vec<claimtrack::Quantity> {
    let Ok(article) = Loader::new().parse_document("q", text) else { return Vec::new() };
    Extractor::new().extract(&article).claims.into_iter().flat_map(|c| c.quantities().to_vec()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        // Failures are kept next to this file (`*.proptest-regressions`),
        // where proptest replays them first on the next run.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// Normalizing a quantity's own text again gives the same kind, value,
    /// unit and bound.
    #[test]
    fn quantities_renormalize_to_themselves(q in written_quantity()) {
        let found = quantities_of(&format!("The agreement is worth {q} according to officials.\n"));
        let amounts: Vec<_> = found.iter().filter(|f| f.kind != claimtrack::QuantityKind::Date).collect();
        prop_assert!(!amounts.is_empty(), "no quantity found in {:?}", q);
        for first in amounts {
            let again = quantities_of(&format!("The agreement is worth {} according to officials.\n", first.text));
            let same = again.iter().find(|a| a.text == first.text);
            prop_assert!(same.is_some(), "{:?} not found again in its own text", first.text);
            let same = same.unwrap();
            prop_assert_eq!(same.kind, first.kind);
            prop_assert_eq!(&same.value, &first.value);
            prop_assert_eq!(&same.unit, &first.unit);
            prop_assert_eq!(&same.bound, &first.bound);
        }
    }
}
