//! The analysis on small made-up stories, one kind of relation or verdict
//! each: numeric, date, polarity (a denial) and modality contradictions,
//! parts that add up to the whole, updates (of a status, of a figure),
//! different parties, and origins
//! collapsing through republication and relays.

use claimtrack::{ContradictionType, Corpus, Loader, RelationKind, Tracker, Verdict};

/// `(id, outlet, published, via, text)`.
type Story<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str);

fn tracker(stories: &[Story<'_>]) -> Tracker {
    let mut corpus = Corpus::new();
    for (id, outlet, published, via, text) in stories {
        let via = via.map(|v| format!("via: {v}\n")).unwrap_or_default();
        let document =
            format!("---\ntitle: {id}\noutlet: {outlet}\npublished: {published}\n{via}---\n{text}\n");
        corpus
            .insert(Loader::new().parse_document(id, &document).expect("story parses"))
            .expect("unique ids");
    }
    Tracker::new(corpus)
}

/// The relation between the groups of two claims, either way round.
fn relation(t: &Tracker, a: &str, b: &str) -> Option<(RelationKind, Option<ContradictionType>, bool)> {
    let (ga, gb) = (&t.group_of(a)?.id, &t.group_of(b)?.id);
    t.relations()
        .iter()
        .find(|r| (r.from == *ga && r.to == *gb) || (r.from == *gb && r.to == *ga))
        .map(|r| (r.kind, r.contradiction, r.from == *ga))
}

fn verdict(t: &Tracker, claim: &str) -> Verdict {
    let group = t.group_of(claim).expect("grouped");
    t.assessment(&group.id).expect("assessed").verdict
}

#[test]
fn different_amounts_for_the_same_investment_contradict() {
    let t = tracker(&[
        // The same day: a figure published later would revise it instead.
        ("a", "Outlet A", "2021-03-01", None, "China will invest $400 billion in Iran over 25 years."),
        ("b", "Outlet B", "2021-03-01", None, "China will invest $300 billion in Iran over 25 years."),
    ]);
    let (kind, kind_type, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Numeric)));
    assert_eq!(verdict(&t, "a#1"), Verdict::Disputed);
}

#[test]
fn parts_that_add_up_to_the_whole_agree() {
    let t = tracker(&[
        ("a", "Outlet A", "2021-03-01", None, "China will invest $400 billion in Iran over 25 years."),
        (
            "b",
            "Outlet B",
            "2021-03-02",
            None,
            "China will invest $280 billion in Iran's energy and $120 billion in Iran's transport over 25 years.",
        ),
    ]);
    let found = relation(&t, "a#1", "b#1");
    assert!(found.is_none_or(|r| r.0 != RelationKind::Contradicts), "{found:?}");
}

#[test]
fn two_dates_for_one_signing_contradict() {
    let t = tracker(&[
        ("a", "Outlet A", "2021-03-29", None, "Iran and China signed the cooperation plan on 27 March 2021."),
        ("b", "Outlet B", "2021-03-30", None, "Iran and China signed the cooperation plan on 28 March 2021."),
    ]);
    let (kind, kind_type, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Date)));
}

#[test]
fn a_party_denying_it_makes_it_denied() {
    let t = tracker(&[
        ("a", "Outlet A", "2021-03-01", None, "Iran and China signed a secret military pact in Tehran."),
        (
            "b",
            "Outlet B",
            "2021-03-02",
            None,
            "China's foreign ministry denied that China and Iran signed a secret military pact.",
        ),
    ]);
    let (kind, kind_type, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Polarity)));
    assert_eq!(verdict(&t, "a#1"), Verdict::Denied);
}

#[test]
fn a_later_signing_updates_the_talks() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2020-07-10",
            None,
            "Iran and China are negotiating a 25-year cooperation agreement.",
        ),
        (
            "b",
            "Outlet B",
            "2021-03-28",
            None,
            "Iran and China signed the 25-year cooperation agreement in Tehran.",
        ),
    ]);
    let (kind, _, b_is_from) = relation(&t, "b#1", "a#1").expect("related");
    assert_eq!(kind, RelationKind::Updates);
    assert!(b_is_from, "the later report is the relation's `from`");
    assert_eq!(verdict(&t, "a#1"), Verdict::Superseded);
    let timeline = &t.assessment(&t.group_of("a#1").unwrap().id).unwrap().timeline;
    let events: Vec<(&str, Verdict)> = timeline.iter().map(|e| (e.event.as_str(), e.status)).collect();
    assert_eq!(events, [("reports", Verdict::SingleSource), ("updates", Verdict::Superseded)]);
}

#[test]
fn a_deal_put_on_hold_updates_the_agreement_and_its_end_updates_the_hold() {
    let t = tracker(&[
        ("a", "Outlet A", "2022-04-25", None, "Iran and China agreed a $40 billion takeover of the port."),
        ("b", "Outlet B", "2022-05-13", None, "Iran and China put the $40 billion port takeover on hold."),
        ("c", "Outlet C", "2022-07-08", None, "Iran and China cancelled the $40 billion port takeover."),
    ]);
    for (later, earlier) in [("b#1", "a#1"), ("c#1", "b#1")] {
        let (kind, _, later_is_from) = relation(&t, later, earlier).expect("related");
        assert_eq!(kind, RelationKind::Updates, "{later} against {earlier}");
        assert!(later_is_from, "the later report is the relation's `from`");
    }
}

#[test]
fn share_moves_on_two_days_are_two_events_and_on_one_day_rival_reports() {
    let t = tracker(&[
        ("a", "Outlet A", "2022-04-14", None, "Acme shares rose 12% in premarket trading on the offer."),
        ("b", "Outlet B", "2022-07-08", None, "Acme shares fell 6% in premarket trading on the offer."),
        ("c", "Outlet C", "2022-07-08", None, "Acme shares fell 9% in premarket trading on the offer."),
    ]);
    assert_eq!(relation(&t, "b#1", "a#1"), None, "a move in July does not revise one in April");
    let (kind, kind_type, _) = relation(&t, "b#1", "c#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Numeric)));
}

#[test]
fn a_figure_supposed_under_if_bears_out_no_estimate() {
    let estimate =
        "Scientists estimate that 20,000 to 30,000 barrels of oil a day are leaking from the well.";
    let reported = "Officials said 25,000 barrels of oil a day are leaking from the well.";
    let supposed = "If 25,000 barrels of oil a day are leaking from the well, the spill doubles.";
    let t = tracker(&[
        ("a", "Outlet A", "2010-05-27", None, estimate),
        ("b", "Outlet B", "2010-05-28", None, reported),
    ]);
    let (kind, _, _) = relation(&t, "b#1", "a#1").expect("a reported figure inside the range");
    assert_eq!(kind, RelationKind::Supports);
    let t = tracker(&[
        ("a", "Outlet A", "2010-05-27", None, estimate),
        ("b", "Outlet B", "2010-05-28", None, supposed),
    ]);
    assert_eq!(relation(&t, "b#1", "a#1"), None, "a supposed figure is no estimate");
}

#[test]
fn still_negotiating_after_the_signing_contradicts_it() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2021-03-28",
            None,
            "Iran and China signed the 25-year cooperation agreement in Tehran.",
        ),
        (
            "b",
            "Outlet B",
            "2021-03-28",
            None,
            "Iran and China are still negotiating the 25-year cooperation agreement.",
        ),
    ]);
    let (kind, kind_type, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Modality)));
}

#[test]
fn an_agreement_and_its_signing_at_one_time_do_not_contradict() {
    // "Agreed" does not say it is not yet done, as "still negotiating"
    // does: the deal agreed in April is the deal inked in April.
    let t = tracker(&[
        ("a", "Outlet A", "2022-10-28", None, "Musk agreed in April to buy Twitter for $44 billion."),
        (
            "b",
            "Outlet B",
            "2022-10-28",
            None,
            "Musk had a deadline to complete the Twitter deal he inked in April.",
        ),
    ]);
    assert_ne!(
        claim_relation(&t, "a#1", "b#1"),
        Some((RelationKind::Contradicts, Some(ContradictionType::Modality)))
    );
}

#[test]
fn other_parties_do_not_contradict() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2020-07-10",
            None,
            "Iran is negotiating a 20-year cooperation agreement with Russia.",
        ),
        (
            "b",
            "Outlet B",
            "2020-07-11",
            None,
            "Iran is negotiating a 25-year cooperation agreement with China.",
        ),
    ]);
    assert_eq!(relation(&t, "a#1", "b#1"), None);
}

#[test]
fn republications_and_relays_are_one_origin() {
    let text = "Iran and China held talks on oil exports in Beijing on Friday.";
    let t = tracker(&[
        ("a", "The Jordan Times", "2020-07-22", None, text),
        ("b", "Global Research", "2020-07-23", Some("The Jordan Times"), text),
    ]);
    let a = t.assessment(&t.group_of("a#1").unwrap().id).unwrap();
    assert_eq!(t.group_of("a#1"), t.group_of("b#1"), "a copy joins its original's group");
    assert_eq!(a.independent_sources(), 1);
    assert_eq!(a.verdict, Verdict::SingleSource);

    let t = tracker(&[
        ("a", "Outlet A", "2021-03-01", None, "Wang Yi said China opposes unilateral sanctions on Iran."),
        (
            "b",
            "Outlet B",
            "2021-03-02",
            None,
            "China opposes unilateral sanctions on Iran, Wang Yi said on Monday.",
        ),
    ]);
    let a = t.assessment(&t.group_of("a#1").unwrap().id).unwrap();
    assert_eq!(t.group_of("a#1"), t.group_of("b#1"));
    assert_eq!(a.origins.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["Wang Yi"]);
    assert_eq!(a.verdict, Verdict::AttributedOnly);

    let t = tracker(&[
        ("a", "Outlet A", "2021-03-01", None, "China opposes unilateral sanctions on Iran."),
        ("b", "Outlet B", "2021-03-02", None, "China opposes the unilateral sanctions on Iran."),
    ]);
    let a = t.assessment(&t.group_of("a#1").unwrap().id).unwrap();
    assert_eq!(a.verdict, Verdict::Corroborated, "{}", a.reason);
}

#[test]
fn a_later_figure_for_the_same_measure_updates_the_earlier_one() {
    let t = tracker(&[
        ("a", "Outlet A", "2014-07-17", None, "The crash near the border killed 295 people, officials said."),
        ("b", "Outlet B", "2014-07-19", None, "All 298 people aboard died in the crash near the border."),
    ]);
    assert_ne!(t.group_of("a#1").map(|g| &g.id), t.group_of("b#1").map(|g| &g.id), "two figures, two facts");
    let (kind, _, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!(kind, RelationKind::Updates);
    let pair = t.relations().iter().flat_map(|r| &r.pairs).next().expect("a claim pair");
    assert_eq!(
        (pair.from.as_str(), pair.to.as_str()),
        ("b#1", "a#1"),
        "the later report updates the earlier one"
    );
    assert!(pair.reason.contains("298"), "{}", pair.reason);
    assert_eq!(verdict(&t, "a#1"), Verdict::Superseded);
}

#[test]
fn counts_of_one_nationality_are_one_measure_whatever_the_noun() {
    // "people of Irish nationality" and "Irish nationals": one measure,
    // two figures, two facts.
    let t = tracker(&[
        ("a", "Outlet A", "2019-05-02", None, "Most of those killed, 41 people, were of Irish nationality."),
        ("b", "Outlet B", "2019-06-20", None, "Among the victims were 44 Irish nationals and 3 Britons."),
    ]);
    assert_ne!(t.group_of("a#1").map(|g| &g.id), t.group_of("b#1").map(|g| &g.id), "two figures, two facts");
    let (kind, _, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!(kind, RelationKind::Updates);
}

#[test]
fn a_toll_and_the_count_of_one_nationality_are_two_facts() {
    // One written unit ("people"), two measures read: still two figures.
    let t = tracker(&[
        ("a", "Outlet A", "2019-05-02", None, "The storm killed 61 people, officials said on Sunday."),
        (
            "b",
            "Outlet B",
            "2019-05-03",
            None,
            "The storm killed 41 people of Irish nationality, officials said.",
        ),
    ]);
    assert_ne!(t.group_of("a#1").map(|g| &g.id), t.group_of("b#1").map(|g| &g.id), "two figures, two facts");
}

#[test]
fn different_figures_for_the_same_measure_at_the_same_time_contradict() {
    let t = tracker(&[
        ("a", "Outlet A", "2014-07-17", None, "The crash near the border killed 295 people, officials said."),
        ("b", "Outlet B", "2014-07-17", None, "All 250 people aboard died in the crash near the border."),
    ]);
    let (kind, kind_type, _) = relation(&t, "a#1", "b#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Numeric)));
}

#[test]
fn a_rate_reworded_and_revised_is_an_update_of_the_same_measure() {
    // Worded apart, but both give a daily count of barrels.
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2010-04-25",
            None,
            "Officials say the damaged well is leaking 1,000 barrels a day.",
        ),
        (
            "b",
            "Outlet B",
            "2010-05-27",
            None,
            "Government scientists now put the flow at between 12,000 and 19,000 barrels per day.",
        ),
    ]);
    let (kind, _, b_is_from) = relation(&t, "b#1", "a#1").expect("related");
    assert_eq!(kind, RelationKind::Updates);
    assert!(b_is_from, "the later figure updates the earlier one");
}

#[test]
fn overlapping_ranges_agree_and_a_total_is_not_a_rate() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2010-06-10",
            None,
            "One team estimated the flow at 20,000 to 40,000 barrels a day.",
        ),
        (
            "b",
            "Outlet B",
            "2010-06-11",
            None,
            "Another team estimated the flow at 25,000 to 30,000 barrels a day.",
        ),
        (
            "c",
            "Outlet C",
            "2010-08-02",
            None,
            "In all, the well released 4.9 million barrels of oil into the sea.",
        ),
    ]);
    assert_eq!(relation(&t, "a#1", "b#1").map(|r| r.0).filter(|&k| k != RelationKind::Supports), None);
    assert_eq!(relation(&t, "a#1", "c#1"), None, "a total is another measure than a daily rate");
}

#[test]
fn an_article_telling_a_figures_history_does_not_date_it_by_publication() {
    // The August article recounts both figures, undated: neither is news
    // of August, so neither updates the June report.
    let t = tracker(&[
        ("a", "Outlet A", "2010-06-15", None, "The government raised its estimate to 35,000 barrels a day."),
        (
            "b",
            "Outlet B",
            "2010-08-02",
            None,
            "At first BP said 1,000 barrels a day were leaking. Then it stuck to a revised estimate of 5,000 barrels a day.",
        ),
    ]);
    for later in ["b#1", "b#2"] {
        let found = relation(&t, later, "a#1");
        assert!(
            !matches!(found, Some((RelationKind::Updates, _, true))),
            "{later} is history, not a later figure: {found:?}"
        );
    }
}

#[test]
fn a_total_and_its_parts_in_one_article_are_not_a_history() {
    // 280 + 15 = 295: the article gives one figure, so its publication
    // dates it and the later 298 updates it.
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2014-07-17",
            None,
            "The airliner crashed near the border, killing all 295 people aboard. Officials said 280 passengers and 15 crew have been killed.",
        ),
        ("b", "Outlet B", "2014-07-22", None, "The crash near the border killed all 298 people on board."),
    ]);
    let (kind, _, b_is_from) = relation(&t, "b#1", "a#2").expect("related");
    assert_eq!((kind, b_is_from), (RelationKind::Updates, true));
}

#[test]
fn a_deal_between_companies_the_entity_table_does_not_know_is_updated_by_its_completion() {
    let t = tracker(&[
        ("a", "Outlet A", "2022-04-25", None, "Acmecorp agreed to buy Widgetron in a deal worth $5 billion."),
        ("b", "Outlet B", "2022-10-28", None, "Acmecorp has signed the takeover papers for Widgetron."),
        ("c", "Outlet C", "2022-10-28", None, "Gizmotec finally signed its merger with Acmecorp in Tokyo."),
    ]);
    let (kind, _, b_is_from) = relation(&t, "b#1", "a#1").expect("the same deal");
    assert_eq!((kind, b_is_from), (RelationKind::Updates, true));
    assert_ne!(t.group_of("c#1").map(|g| &g.id), t.group_of("b#1").map(|g| &g.id));
    assert_eq!(relation(&t, "c#1", "a#1").map(|r| r.0), None, "another company, another deal");
}

#[test]
fn a_narrower_estimate_inside_a_stated_range_supports_it() {
    // Worded apart: the July figure is the top of the June range, and
    // bears it out; the two ranges of May and June only overlap, so the
    // later one revises the earlier.
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2010-05-27",
            None,
            "A plume modeling team put the flow at 12,000 to 25,000 barrels a day.",
        ),
        (
            "b",
            "Outlet B",
            "2010-06-15",
            None,
            "The runaway well is pouring 35,000 to 60,000 barrels a day into the Gulf, the administration said.",
        ),
        (
            "c",
            "Outlet C",
            "2010-07-16",
            None,
            "Engineers worked through the night on a containment cap meant to capture the leaking oil, last estimated at 60,000 barrels per day.",
        ),
        (
            "d",
            "Outlet D",
            "2010-06-11",
            None,
            "That team now says its best estimate of the flow is 25,000 to 30,000 barrels a day.",
        ),
    ]);
    let (kind, _, _) = relation(&t, "c#1", "b#1").expect("related");
    assert_eq!(kind, RelationKind::Supports, "60,000 lies inside 35,000 to 60,000");
    let (kind, _, d_is_from) = relation(&t, "d#1", "a#1").expect("related");
    assert_eq!(
        (kind, d_is_from),
        (RelationKind::Updates, true),
        "ranges that only overlap are two estimates"
    );
}

#[test]
fn hedged_figures_that_overlap_agree() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2022-04-25",
            None,
            "Twitter accepted a takeover offer worth about $43B from Musk.",
        ),
        (
            "b",
            "Outlet B",
            "2022-05-17",
            None,
            "Twitter accepted a takeover offer worth around $44 billion from Musk.",
        ),
    ]);
    assert!(
        relation(&t, "a#1", "b#1").is_none_or(|r| r.0 == RelationKind::Supports),
        "about $43B and around $44 billion can be one figure"
    );
}

#[test]
fn a_leak_does_not_contradict_terms_not_revealed() {
    // A leak discloses what the parties have not: both are true of one
    // secret agreement. (Three claims this alike make one group; the
    // claim pairs of its relations say which contradict.)
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2021-03-01",
            None,
            "The provisions of the agreement between Iran and China have not been revealed.",
        ),
        (
            "b",
            "Outlet B",
            "2021-03-01",
            None,
            "A draft of the agreement between Iran and China was leaked online.",
        ),
        ("c", "Outlet C", "2021-03-01", None, "The draft agreement between Iran and China was not leaked."),
    ]);
    let contradicting: Vec<(&str, &str)> = t
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::Contradicts)
        .flat_map(|r| r.pairs.iter().map(|p| (p.from.as_str(), p.to.as_str())))
        .map(|(x, y)| if x < y { (x, y) } else { (y, x) })
        .collect();
    assert!(!contradicting.contains(&("a#1", "b#1")), "{contradicting:?}");
    // The same predicate, negated, still contradicts.
    assert!(contradicting.contains(&("b#1", "c#1")), "{contradicting:?}");
}

#[test]
fn a_negation_in_a_claim_worded_only_loosely_alike_contradicts_nothing() {
    // Two facts of one matter, one negated: they share the subject and
    // the scene, not the predicate, so neither contradicts the other.
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2010-05-11",
            None,
            "Transocean said the cement job at the well had failed on April 20.",
        ),
        (
            "b",
            "Outlet B",
            "2010-05-11",
            None,
            "Transocean said its crew at the well had not been warned on April 20.",
        ),
        // Worded alike but for the negation: a contradiction.
        (
            "c",
            "Outlet C",
            "2010-05-12",
            None,
            "Halliburton said the cement job at the well had not failed on April 20.",
        ),
    ]);
    let contradicting: Vec<(&str, &str)> = t
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::Contradicts)
        .flat_map(|r| r.pairs.iter().map(|p| (p.from.as_str(), p.to.as_str())))
        .collect();
    assert_eq!(contradicting, [("a#1", "c#1")]);
}

#[test]
fn two_sources_of_one_article_giving_their_own_figures_are_rivals() {
    // The article gives three figures, so it tells a history and its
    // publication dates none of them; two named sources, each with its
    // figure as it stands, still contradict each other. The figure told
    // as the one before ("estimated earlier") is history.
    let t = tracker(&[(
        "a",
        "Outlet A",
        "2010-04-29",
        None,
        "The leak is 5,000 barrels a day, Coast Guard officer Erik Swanson said.\n\n\
         The environmental group SkyTruth calculated that the leak is about 20,000 barrels a day.\n\n\
         Officials had estimated earlier that 1,000 barrels a day were leaking, Swanson said.",
    )]);
    let (kind, kind_type, _) = relation(&t, "a#1", "a#2").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Numeric)));
    assert_ne!(relation(&t, "a#2", "a#3").map(|r| r.0), Some(RelationKind::Contradicts));
}

#[test]
fn a_figure_set_aside_by_not_is_not_the_claims_own() {
    // "5,000, not the 1,000" asserts 5,000: it neither negates the claim
    // nor gives 1,000, so the later 1,000 of another outlet contradicts or
    // revises nothing on that account, and the 5,000 is updated by 12,000.
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2010-04-29",
            None,
            "The well is leaking 5,000 barrels a day — not the 1,000 barrels estimated before.",
        ),
        ("b", "Outlet B", "2010-05-27", None, "The well is leaking 12,000 barrels a day."),
    ]);
    let a = &t.claims()[0];
    assert_eq!(a.factuality().map(|f| f.to_string()).as_deref(), Some("CT+"));
    let (kind, _, b_is_from) = relation(&t, "b#1", "a#1").expect("related");
    assert_eq!((kind, b_is_from), (RelationKind::Updates, true));
}

#[test]
fn a_denial_contradicts_the_accusation_it_answers_however_worded() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2014-07-18",
            None,
            "Pro-Russian separatists shot down the passenger jet with a missile.",
        ),
        (
            "b",
            "Outlet B",
            "2014-07-18",
            None,
            "Ukrainian rebels have denied any involvement in the downing of the Malaysian aircraft.",
        ),
        (
            "c",
            "Outlet C",
            "2014-07-18",
            None,
            "The airliner crashed in rebel-held territory near the border.",
        ),
        (
            "d",
            "Outlet D",
            "2014-07-19",
            None,
            "Access to the crash site has been hampered by armed militants.",
        ),
    ]);
    let (kind, kind_type, _) = relation(&t, "b#1", "a#1").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Polarity)));
    // A place the rebels hold and a site they guard are not what they deny.
    for other in ["c#1", "d#1"] {
        assert_eq!(relation(&t, "b#1", other).map(|r| r.0), None, "{other}");
    }
}

#[test]
fn a_denial_of_responsibility_answers_the_blame_put_on_the_denier_only() {
    let t = tracker(&[(
        "a",
        "Outlet A",
        "2010-05-11",
        None,
        "BP said on Tuesday that the rig's owner was at fault.\n\n\
         Transocean, in turn, blamed Halliburton, the contractor for the cement job.\n\n\
         As for Halliburton, it denied responsibility, saying its workers were following orders.",
    )]);
    let (kind, kind_type, _) = relation(&t, "a#3", "a#2").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Polarity)));
    assert_ne!(relation(&t, "a#3", "a#1").map(|r| r.0), Some(RelationKind::Contradicts));
}

#[test]
fn rival_figures_of_one_article_contradict_whatever_countries_their_sources_name() {
    // A Dutch expert's count and Ukrainian officials' count of one thing:
    // the countries are the sources', not two parties the figures are of.
    let t = tracker(&[(
        "a",
        "Outlet A",
        "2014-07-22",
        None,
        "Only 200 bodies were aboard the train bound for Holland, said Jan Tuinder, a forensics expert.\n\n\
         That was lower than the 282 bodies that Ukrainian officials have said were recovered.\n\n\
         Investigators counted 200 bodies and 16 victims at first, officials said later.",
    )]);
    let (kind, kind_type, _) = relation(&t, "a#1", "a#2").expect("related");
    assert_eq!((kind, kind_type), (RelationKind::Contradicts, Some(ContradictionType::Numeric)));
}

#[test]
fn a_phrase_set_aside_inside_another_reads_without_panic() {
    let t = tracker(&[(
        "a",
        "Outlet A",
        "2010-04-29",
        None,
        "The leak is 5,000 barrels a day, not the 1,000 barrels - not 100 - estimated earlier.\n\n\
         Ukrainian forces, not the rebels - not the army - shot it down.",
    )]);
    assert_eq!(t.claims().len(), 2);
}

#[test]
fn who_a_claim_sets_aside_or_reports_is_not_the_doer_a_denial_answers() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2014-07-18",
            None,
            "Ukrainian forces, not the rebels, shot down the passenger jet.",
        ),
        ("b", "Outlet B", "2014-07-18", None, "Separatists say Kiev brought down the Boeing."),
        (
            "c",
            "Outlet C",
            "2014-07-18",
            None,
            "Ukrainian rebels have denied shooting down the Malaysian aircraft.",
        ),
    ]);
    // (The matcher may group the first with the denial, which the plain
    // negation rule then reads; the denier is not what it asserts.)
    let answered: Vec<&str> = t
        .relations()
        .iter()
        .filter(|r| r.reason.contains("of the denier"))
        .map(|r| r.reason.as_str())
        .collect();
    assert!(answered.is_empty(), "{answered:?}");
}

#[test]
fn two_sources_counting_two_parties_are_not_rivals() {
    let t = tracker(&[(
        "a",
        "Outlet A",
        "2014-08-01",
        None,
        "Russia has massed 10,000 troops near the border, NATO said.\n\n\
         Ukraine has deployed 15,000 troops in the east, Defence Minister Valeriy Heletey said.",
    )]);
    assert_ne!(relation(&t, "a#1", "a#2").map(|r| r.0), Some(RelationKind::Contradicts));
}

/// The relation of the claims `a` and `b` themselves, whatever groups
/// they are in: its kind and type.
fn claim_relation(t: &Tracker, a: &str, b: &str) -> Option<(RelationKind, Option<ContradictionType>)> {
    t.relations()
        .iter()
        .find(|r| r.pairs.iter().any(|p| (p.from == a && p.to == b) || (p.from == b && p.to == a)))
        .map(|r| (r.kind, r.contradiction))
}

#[test]
fn rival_accounts_of_who_did_it_contradict() {
    let t = tracker(&[
        (
            "a",
            "Outlet A",
            "2014-07-18",
            None,
            "A Malaysian airliner was shot down over eastern Ukraine by militants.",
        ),
        (
            "b",
            "Outlet B",
            "2014-07-18",
            None,
            "Russia's defence ministry claimed that if the plane was shot down, it was by Ukrainian forces.",
        ),
        ("c", "Outlet C", "2014-07-18", None, "Separatists say Kiev brought down the Boeing over Donetsk."),
        (
            "d",
            "Outlet D",
            "2014-07-18",
            None,
            "The Malaysian airliner crashed in rebel-held territory after a Buk missile system shot it down.",
        ),
        (
            "e",
            "Outlet E",
            "2014-07-19",
            None,
            "Western governments immediately blamed the rebels for the downing.",
        ),
        (
            "f",
            "Outlet F",
            "2014-07-19",
            None,
            "Rebel commander Igor Strelkov claimed responsibility for MH17 online.",
        ),
    ]);
    let rival = |x: &str, y: &str| {
        claim_relation(&t, x, y) == Some((RelationKind::Contradicts, Some(ContradictionType::Structure)))
    };
    assert!(rival("a#1", "b#1"));
    assert!(rival("b#1", "e#1"));
    // Kiev and Ukrainian forces are one party; the passive's subject,
    // what crashed and an instrument are no doers.
    assert!(!rival("b#1", "c#1"));
    for other in ["a#1", "b#1", "c#1", "e#1"] {
        assert!(!rival("d#1", other), "{other}");
    }
    // What one is blamed for is not who: MH17 is no party.
    assert!(!rival("e#1", "f#1"));
}

#[test]
fn rival_blame_told_by_one_outlet_contradicts() {
    let t = tracker(&[(
        "a",
        "Outlet A",
        "2010-05-11",
        None,
        "BP, the owner of the well, blamed its contractor, Transocean.\n\n\
         Transocean, in turn, blamed Halliburton, the contractor for the cement job.\n\n\
         BP later blamed its contractor, Transocean, for the failure of the valve.",
    )]);
    let rival = |x: &str, y: &str| {
        claim_relation(&t, x, y) == Some((RelationKind::Contradicts, Some(ContradictionType::Structure)))
    };
    assert!(rival("a#1", "a#2"));
    assert!(rival("a#3", "a#2"));
    // One accuser blaming one party twice tells no rival account.
    assert!(!rival("a#1", "a#3"));
}
