//! Saved trackers: save and load give the same results, adding articles
//! keeps the groups' ids, writes are atomic, and a corrupt, truncated or
//! newer state file is refused with a clear error and left untouched.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use claimtrack::report::json::Document;
use claimtrack::{Corpus, Error, State, Tracker, TrackerBuilder};

fn corpus_of(files: &[&str]) -> Corpus {
    let dir = common::corpus_dir();
    Corpus::load(files.iter().map(|f| dir.join(format!("{f}.txt")))).expect("articles load")
}

const FIRST: [&str; 3] = ["000_6381181499891bc2", "001_52251914fc1c893e", "002_a6c832129a1f4424"];
const ALL: [&str; 5] = [
    "000_6381181499891bc2",
    "001_52251914fc1c893e",
    "002_a6c832129a1f4424",
    "003_2ae25c5b15da7739",
    "004_df1fef503f7763e1",
];

#[test]
fn a_saved_tracker_loads_back_to_the_same_results() {
    let tmp = common::temp_dir("state-roundtrip");
    let dir = tmp.path();
    let file = dir.join("state.json");
    let tracker = common::tracker();
    // Temporaries a killed save left behind, in both namings, and a file
    // of another state that must stay.
    let others = [".other.json.a1b2c3.tmp", ".state.json.bak.a1b2c3.tmp"];
    for stale in [".state.json.x1Y2z3.tmp", ".state.json.tmp-4242"].into_iter().chain(others) {
        std::fs::write(dir.join(stale), "half a state").expect("write");
    }
    tracker.save(&file).expect("saves");
    for other in others {
        std::fs::remove_file(dir.join(other)).expect("another state's temporary is left alone");
    }
    // The state keeps articles, not settings: reloaded with the evidence
    // too, it gives the same document.
    let back = State::load(&file).expect("loads").into_tracker_with(TrackerBuilder::default().evidence(true));
    assert_eq!(Document::new(&back).to_json(), Document::new(&tracker).to_json());
    let leftovers: Vec<_> =
        std::fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(leftovers, ["state.json"], "no temporary file is left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).expect("saved").permissions().mode();
        assert_ne!(mode & 0o044, 0, "a new file's usual permissions, not a temporary's 0600: {mode:o}");
        // A replaced state keeps its own, whatever the umask.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).expect("chmod");
        tracker.save(&file).expect("saves again");
        let mode = std::fs::metadata(&file).expect("saved").permissions().mode();
        assert_eq!(mode & 0o777, 0o664);
    }
}

#[test]
fn adding_articles_keeps_group_ids() {
    let tmp = common::temp_dir("state-incremental");
    let dir = tmp.path();
    let file = dir.join("state.json");
    let before = Tracker::new(corpus_of(&FIRST));
    before.save(&file).expect("saves");
    let mut state = State::load(&file).expect("loads");
    for article in corpus_of(&ALL[3..]).into_articles() {
        state.corpus.insert(article).expect("new ids");
    }
    let after = state.into_tracker();
    // Every group whose old members stay together keeps its id.
    let new_group: BTreeMap<&str, &str> = after
        .groups()
        .iter()
        .flat_map(|g| g.claims.iter().map(move |c| (c.as_str(), g.id.as_str())))
        .collect();
    let mut kept = 0;
    for old in before.groups() {
        let homes: BTreeSet<&str> = old.claims.iter().map(|c| new_group[c.as_str()]).collect();
        let together = homes.len() == 1;
        let exclusive = together && {
            let home = homes.iter().next().expect("one");
            before.groups().iter().filter(|g| g.claims.iter().any(|c| new_group[c.as_str()] == *home)).count()
                == 1
        };
        if exclusive {
            assert!(homes.contains(old.id.as_str()), "{} moved to {homes:?}", old.id);
            kept += 1;
        }
    }
    assert!(kept > before.groups().len() * 9 / 10, "{kept} of {} kept", before.groups().len());
    // Ids stay unique, and relations and assessments follow them.
    let ids: BTreeSet<&str> = after.groups().iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids.len(), after.groups().len());
    for r in after.relations() {
        assert!(ids.contains(r.from.as_str()) && ids.contains(r.to.as_str()));
    }
    for (g, a) in after.groups().iter().zip(after.assessments()) {
        assert_eq!(g.id, a.group);
        assert!(after.assessment(&g.id).is_some());
    }
}

fn load_error(file: &Path) -> String {
    match State::load(file) {
        Err(e @ Error::State { .. }) => e.to_string(),
        Err(other) => panic!("a state error, got {other}"),
        Ok(_) => panic!("{} loaded", file.display()),
    }
}

#[test]
fn truncated_corrupt_and_newer_files_are_refused_and_left_untouched() {
    let tmp = common::temp_dir("state-bad");
    let dir = tmp.path();
    let file = dir.join("state.json");
    common::tracker().save(&file).expect("saves");
    let whole = std::fs::read(&file).expect("read");

    std::fs::write(&file, &whole[..whole.len() / 2]).expect("truncate");
    let message = load_error(&file);
    assert!(message.contains("state.json:1: state file: corrupt or truncated"), "{message}");
    assert_eq!(std::fs::read(&file).expect("read").len(), whole.len() / 2, "left untouched");

    let text = String::from_utf8(whole.clone()).expect("utf-8");
    std::fs::write(&file, text.replacen("\"version\":2", "\"version\":3", 1)).expect("write");
    let message = load_error(&file);
    assert!(message.contains("version 3, but this claimtrack reads versions 1 and 2 only"), "{message}");

    std::fs::write(&file, "{\"hello\": 1}").expect("write");
    assert!(load_error(&file).contains("not a claimtrack-state file"));

    std::fs::write(&file, text.replacen("\"version\":2", "\"version\":99999999999", 1)).expect("write");
    let message = load_error(&file);
    assert!(
        message.contains("version 99999999999, but this claimtrack reads versions 1 and 2 only"),
        "{message}"
    );
}

#[test]
fn a_state_is_checked_as_strictly_as_fresh_input() {
    let tmp = common::temp_dir("state-strict");
    let file = tmp.path().join("state.json");
    common::tracker().save(&file).expect("saves");
    let text = std::fs::read_to_string(&file).expect("read");
    let first_id = "000_6381181499891bc2";
    for (bad_id, why) in [("a b#c", "must not contain whitespace"), ("", "the id is empty")] {
        let id_field = format!("\"id\":\"{first_id}\"");
        assert!(text.contains(&id_field));
        std::fs::write(&file, text.replacen(&id_field, &format!("\"id\":\"{bad_id}\""), 1)).expect("write");
        let message = load_error(&file);
        assert!(message.contains(why), "{bad_id:?}: {message}");
    }
    // An empty body: the span covers nothing.
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let article = &mut value["articles"][0];
    let len = article["original"].as_str().expect("text").len();
    article["body"] = serde_json::json!([len, len]);
    std::fs::write(&file, value.to_string()).expect("write");
    let message = load_error(&file);
    assert!(message.contains("the text is empty"), "{message}");
}

#[test]
fn track_with_state_adds_articles_and_never_overwrites_a_bad_file() {
    let tmp = common::temp_dir("state-cli");
    let dir = tmp.path();
    let file = dir.join("state.json");
    let state = file.to_str().expect("utf-8 path");
    let first = common::track(&["--state", state, "--format", "json", "corpus/000_6381181499891bc2.txt"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let again = common::track(&["--state", state, "--format", "json", "corpus/000_6381181499891bc2.txt"]);
    assert!(again.status.success(), "re-adding an unchanged article is fine");
    assert_eq!(again.stdout, first.stdout);
    let grown = common::track(&["--state", state, "--format", "json", "corpus"]);
    assert!(grown.status.success(), "{}", String::from_utf8_lossy(&grown.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&grown.stdout).expect("JSON");
    assert_eq!(doc["articles"].as_array().expect("articles").len(), 5);
    let only_state = common::track(&["--state", state, "--format", "json"]);
    assert_eq!(only_state.stdout, grown.stdout, "the state alone reports the same");

    std::fs::write(&file, "{\"format\": \"claimtrack-state\", \"version\": 1, \"arti").expect("truncate");
    let bad = common::track(&["--state", state, "corpus"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.starts_with("claimtrack: ")
            && stderr.contains("state.json:1: state file: corrupt or truncated"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert!(bad.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "{\"format\": \"claimtrack-state\", \"version\": 1, \"arti",
        "the bad file is left as it was"
    );
}

#[test]
fn a_state_takes_the_settings_of_a_builder() {
    use claimtrack::{Article, ArticleMeta, EntityKind, EntityTable};
    let tmp = common::temp_dir("state-builder");
    let file = tmp.path().join("state.json");
    let mut corpus = Corpus::new();
    let text = "Zorvex Industries denied that it signed the supply deal with Borealis.";
    corpus
        .insert(Article::new("z1", ArticleMeta::default().outlet("Daily"), text).expect("article"))
        .expect("id");
    let mut entities = EntityTable::builtin();
    entities.add("Zorvex Industries", EntityKind::Organisation, ["Zorvex"]).expect("a new name");
    let builder = TrackerBuilder::default().entities(entities);
    let tracker = builder.clone().build(corpus);
    tracker.save(&file).expect("saves");
    let named =
        |t: &Tracker| t.claims().iter().any(|c| c.entities().iter().any(|e| e.name == "Zorvex Industries"));
    assert!(named(&tracker), "the builder's alias is an entity");
    assert!(named(&State::load(&file).expect("loads").into_tracker_with(builder)), "and after a reload");
    assert!(!named(&State::load(&file).expect("loads").into_tracker()), "the default table does not know it");
}

#[test]
fn the_builders_thread_count_changes_no_byte() {
    let json = |threads: usize| {
        let tracker = TrackerBuilder::default().threads(threads).evidence(true).build(corpus_of(&ALL));
        Document::new(&tracker).to_json()
    };
    let one = json(1);
    assert_eq!(json(3), one);
    let global = TrackerBuilder::default().evidence(true).build(corpus_of(&ALL));
    assert_eq!(Document::new(&global).to_json(), one, "the global pool");
}

#[test]
fn a_query_over_a_state_keeps_its_ids_and_saves_only_what_it_adds() {
    let tmp = common::temp_dir("state-query");
    let file = tmp.path().join("state.json");
    let state = file.to_str().expect("utf-8 path");
    let query = "China will invest 400 billion dollars in Iran";
    // Asked while adding articles: the state is saved, as without a query.
    let first = common::track(&["--state", state, "--format", "json", "--query", query, "corpus"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let saved = std::fs::read(&file).expect("the state is written");
    // A rewrite would give the same bytes (saving is deterministic) but a
    // new file: the time it was modified tells.
    let modified = std::fs::metadata(&file).and_then(|m| m.modified()).expect("a modification time");
    // Asked of the state alone: the same answer, the state untouched.
    let again = common::track(&["--state", state, "--format", "json", "--query", query]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(again.stdout, first.stdout, "the same answer, with the saved ids");
    assert_eq!(std::fs::read(&file).expect("read"), saved, "nothing added, nothing written");
    assert_eq!(
        std::fs::metadata(&file).and_then(|m| m.modified()).expect("a modification time"),
        modified,
        "nothing added, nothing written"
    );
    let doc: serde_json::Value = serde_json::from_slice(&again.stdout).expect("JSON");
    assert!(!doc["hits"].as_array().expect("hits").is_empty(), "{doc}");
}

/// The corpus as a synthetic feed of articles: enough claims that new ones
/// join old groups, make new ones and reach old ones through relations.
fn feed(claims: usize, seed: u64) -> Vec<claimtrack::Article> {
    use claimtrack::synthetic::{Synthetic, SyntheticConfig};
    use claimtrack::{Article, ArticleMeta, PartialDate};
    let synthetic = Synthetic::generate(&SyntheticConfig::hard(claims, seed));
    synthetic
        .claims
        .chunks(4)
        .enumerate()
        .map(|(i, chunk)| {
            let body: Vec<String> = chunk.iter().map(|c| c.text().to_owned()).collect();
            let date =
                PartialDate::parse(&format!("2021-{:02}-{:02}", 1 + i % 12, 1 + i % 28)).expect("date");
            let meta = ArticleMeta::default().outlet(format!("Outlet {}", i % 9)).published(date);
            Article::new(format!("s{i:04}"), meta, body.join(" ")).expect("article")
        })
        .collect()
}

#[test]
fn adding_articles_changes_only_the_groups_they_touch() {
    let tmp = common::temp_dir("state-touch");
    let file = tmp.path().join("state.json");
    let articles = feed(1_200, 3);
    let (old, new) = articles.split_at(270);
    let mut corpus = Corpus::new();
    for a in old {
        corpus.insert(a.clone()).expect("id");
    }
    let before = Tracker::new(corpus);
    before.save(&file).expect("saves");
    let mut state = State::load(&file).expect("loads");
    assert!(state.is_current(&TrackerBuilder::default()));
    for a in new {
        state.corpus.insert(a.clone()).expect("id");
    }
    let after = state.clone().into_tracker();
    // Every claim in exactly one group; every group with its verdict.
    let mut seen = BTreeSet::new();
    for g in after.groups() {
        for c in &g.claims {
            assert!(seen.insert(c.as_str()), "{c} in two groups");
        }
    }
    assert_eq!(seen.len(), after.claims().len());
    assert_eq!(after.assessments().len(), after.groups().len());
    // A group the new articles did not join, and that relates to none they
    // joined, is as it was: members, relations and verdict with timeline.
    let old_claims: BTreeSet<&str> = before.claims().iter().map(|c| c.id()).collect();
    let touched: BTreeSet<&str> = after
        .groups()
        .iter()
        .filter(|g| g.claims.iter().any(|c| !old_claims.contains(c.as_str())))
        .map(|g| g.id.as_str())
        .collect();
    let (mut joined, mut unchanged) = (0, 0);
    for old in before.groups() {
        let now = after.group(&old.id).expect("a saved group keeps its id");
        if touched.contains(old.id.as_str()) {
            joined += 1;
            assert!(old.claims.iter().all(|c| now.claims.contains(c)), "{} keeps its members", old.id);
            continue;
        }
        assert_eq!(now.claims, old.claims);
        // Relations to a touched group are found again, before or after.
        let touches =
            |r: &claimtrack::Relation| touched.contains(r.from.as_str()) || touched.contains(r.to.as_str());
        let reached = after.relations_of(&old.id).any(touches) || before.relations_of(&old.id).any(touches);
        if !reached {
            unchanged += 1;
            assert_eq!(after.assessment(&old.id), before.assessment(&old.id), "{}", old.id);
            let was: Vec<_> = before.relations_of(&old.id).collect();
            assert_eq!(after.relations_of(&old.id).collect::<Vec<_>>(), was, "{}", old.id);
        }
    }
    assert!(joined > 10 && unchanged > 100, "{joined} groups joined, {unchanged} unchanged");
    assert!(after.groups().len() > before.groups().len(), "new claims make groups of their own too");
    // Deterministic, whatever the threads; and saved, it reads back as it is.
    let one = Document::new(&state.clone().into_tracker_with(TrackerBuilder::default().threads(1))).to_json();
    assert_eq!(Document::new(&after).to_json(), one);
    after.save(&file).expect("saves");
    let back = State::load(&file).expect("loads").into_tracker();
    assert_eq!(Document::new(&back).to_json(), one);
}

#[test]
fn an_edited_article_replaces_the_saved_one_and_retires_its_claims() {
    use claimtrack::{Article, ArticleMeta};
    let tmp = common::temp_dir("state-replace");
    let file = tmp.path().join("state.json");
    let mut corpus = corpus_of(&FIRST);
    let first = "Iran and China signed a 25-year cooperation agreement in Tehran on Saturday.";
    corpus.insert(Article::new("edited", ArticleMeta::default(), first).expect("article")).expect("id");
    let before = Tracker::new(corpus);
    before.save(&file).expect("saves");
    let old_claim = before.claims_of("edited").next().expect("a claim").id().to_owned();
    let mut state = State::load(&file).expect("loads");
    let second = "The agreement was never signed, an official in Tehran said on Sunday.";
    let replaced =
        state.corpus.replace(Article::new("edited", ArticleMeta::default(), second).expect("article"));
    assert_eq!(replaced.map(|a| a.original().to_owned()), Some(first.to_owned()));
    let after = state.into_tracker();
    let texts: Vec<&str> = after.claims_of("edited").map(|c| c.text()).collect();
    assert_eq!(texts, [second]);
    assert!(after.claims().iter().all(|c| c.text() != first), "the old version's claim is retired");
    let home = after.group_of(&old_claim).expect("the id is the new version's claim now");
    assert!(home.claims.iter().all(|c| after.claim(c).is_some()));
    assert_eq!(after.claims().len(), before.claims().len());
    // The old claim is retired, and the group it was in shows it.
    let was_in = before.group_of(&old_claim).expect("grouped").id.clone();
    assert_eq!(after.retired().len(), 1);
    let retired = &after.retired()[0];
    assert_eq!(
        (retired.claim.as_str(), retired.text.as_str(), retired.group.as_str()),
        (old_claim.as_str(), first, was_in.as_str())
    );
    let a = after.assessment(&was_in).expect("the group it was in has other members");
    assert!(a.timeline.iter().any(|t| t.event == "retracts" && t.claim == old_claim), "{:?}", a.timeline);
    let markdown = claimtrack::report::markdown(&after);
    assert!(markdown.contains("Retired by an edit of the article: 1 claims."), "{markdown}");
    // Saved and read back, the retirement stays, and survives the group
    // being judged again when more articles come.
    after.save(&file).expect("saves");
    let mut state = State::load(&file).expect("loads");
    assert_eq!(state.clone().into_tracker().retired(), after.retired());
    for article in corpus_of(&ALL[3..]).into_articles() {
        state.corpus.insert(article).expect("new ids");
    }
    let grown = state.into_tracker();
    assert_eq!(grown.retired(), after.retired());
    let a = grown.assessment(&was_in).expect("the group is still there");
    assert!(a.timeline.iter().any(|t| t.event == "retracts" && t.claim == old_claim), "{:?}", a.timeline);
}

#[test]
fn a_version_1_state_is_read_and_computed_again() {
    let tmp = common::temp_dir("state-v1");
    let file = tmp.path().join("state.json");
    let tracker = Tracker::new(corpus_of(&ALL));
    tracker.save(&file).expect("saves");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
    let v2 = value.as_object_mut().expect("object");
    v2.insert("version".into(), 1.into());
    for field in ["settings", "claims", "skipped", "pairs", "relations", "assessments"] {
        v2.remove(field).expect("a version 2 field");
    }
    for g in v2["groups"].as_array_mut().expect("groups") {
        g.as_object_mut().expect("group").remove("canonical_claim");
    }
    std::fs::write(&file, value.to_string()).expect("write");
    let state = State::load(&file).expect("a version 1 file loads");
    assert!(!state.is_current(&TrackerBuilder::default()), "it holds no results");
    let again = state.into_tracker();
    assert_eq!(Document::new(&again).to_json(), Document::new(&tracker).to_json());
}

#[test]
fn saved_results_that_do_not_fit_their_articles_are_refused() {
    let tmp = common::temp_dir("state-results");
    let file = tmp.path().join("state.json");
    Tracker::new(corpus_of(&FIRST)).save(&file).expect("saves");
    let text = std::fs::read_to_string(&file).expect("read");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    type Break = fn(&mut serde_json::Value);
    let cases: [(&str, Break); 5] = [
        ("span outside its article's text", |v| v["claims"][0]["span"] = serde_json::json!([0, 99_999_999])),
        ("is saved twice", |v| {
            let first = v["claims"][0].clone();
            v["claims"].as_array_mut().expect("claims").insert(1, first);
        }),
        ("in no group", |v| v["groups"].as_array_mut().expect("groups").truncate(1)),
        ("not between two saved claims", |v| v["pairs"] = serde_json::json!([[5, 99_999, 0.5]])),
        ("one per group, in group order", |v| v["assessments"].as_array_mut().expect("verdicts").reverse()),
    ];
    for (why, break_it) in cases {
        let mut bad = value.clone();
        break_it(&mut bad);
        std::fs::write(&file, bad.to_string()).expect("write");
        let message = load_error(&file);
        assert!(message.contains(why), "{why}: {message}");
    }
}

#[test]
fn track_replaces_an_edited_article_only_when_asked() {
    let tmp = common::temp_dir("state-replace-cli");
    let dir = tmp.path();
    let state = dir.join("state.json");
    let article = dir.join("note.txt");
    let (state, path) = (state.to_str().expect("utf-8"), article.to_str().expect("utf-8"));
    std::fs::write(&article, "Iran and China signed a 25-year agreement in Tehran.\n").expect("write");
    let first = common::track(&["--state", state, "--format", "csv", path]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    std::fs::write(&article, "Iran and China never signed the agreement, an official said.\n")
        .expect("write");
    let refused = common::track(&["--state", state, "--format", "csv", path]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("differs from the saved one; the saved one is kept (--replace replaces it)"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&refused.stdout).contains("signed a 25-year agreement"));
    let replaced = common::track(&["--state", state, "--format", "csv", "--replace", path]);
    assert!(replaced.status.success(), "{}", String::from_utf8_lossy(&replaced.stderr));
    let csv = String::from_utf8_lossy(&replaced.stdout);
    assert!(csv.contains("never signed the agreement") && !csv.contains("25-year"), "{csv}");
    let again = common::track(&["--state", state, "--format", "csv"]);
    assert_eq!(again.stdout, replaced.stdout, "the replacement is saved");
}
