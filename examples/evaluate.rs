//! Scores the tracker against annotated stories.
//!
//! ```text
//! cargo run --release --example evaluate -- [--check] DIR ...
//! ```
//!
//! Each DIR holds a `gold.json` and the articles it names (the format of
//! `../shared/stories`, described in its README). For every story, and on
//! average, it prints the do-nothing baseline (every quote alone), B-cubed
//! precision, recall and F1 of the grouping, the gold relations found by
//! kind with the precision of the relations the tracker reports, the hard
//! negatives kept apart, and the money and count quantities read right.
//! Then the same figures leave-one-story-out for what is fitted to data:
//! the matcher's threshold and containment share are chosen on the other
//! stories (the best mean F1 among the settings that keep at least 0.9 of
//! their hard negatives apart) and the story is scored with them. Last,
//! the story followed as a team would: a saved state of the earlier two
//! thirds of its articles, the rest added to it, scored against the whole
//! run. `--check` exits with status 1 when a figure is under
//! its floor (the floors are at the end of this file).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrack::matching::b_cubed;
use claimtrack::{
    Corpus, MatchConfig, QuantityKind, QuantityValue, RelationKind, Tracker, TrackerBuilder, Verdict,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    files: BTreeMap<String, GoldFile>,
    groups: Vec<GoldGroup>,
    #[serde(default)]
    relations: Vec<GoldRelation>,
    #[serde(default)]
    negatives: Vec<GoldNegative>,
}

#[derive(Deserialize)]
struct GoldFile {
    path: String,
}

#[derive(Deserialize)]
struct GoldGroup {
    id: String,
    #[serde(default)]
    quantities: Vec<GoldQuantity>,
    members: Vec<GoldQuote>,
}

#[derive(Deserialize)]
struct GoldQuantity {
    kind: String,
    /// A number, or a date as text.
    value: serde_json::Value,
}

#[derive(Deserialize, Clone)]
struct GoldQuote {
    file: String,
    quote: String,
}

#[derive(Deserialize)]
struct GoldRelation {
    a: String,
    b: String,
    kind: String,
}

#[derive(Deserialize)]
struct GoldNegative {
    a: GoldQuote,
    b: GoldQuote,
}

/// A story: its gold annotation and its articles.
struct Story {
    name: String,
    gold: Gold,
    corpus: Corpus,
    /// Article id of each gold file name.
    article_of: HashMap<String, String>,
}

fn load(dir: &Path) -> Result<Story, String> {
    let gold_path = dir.join("gold.json");
    let text = std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let gold: Gold =
        serde_json::from_str(&text).map_err(|e| format!("{}:{}: {e}", gold_path.display(), e.line()))?;
    let mut corpus = Corpus::new();
    let mut article_of = HashMap::new();
    let loader = claimtrack::Loader::new();
    for (name, file) in &gold.files {
        let path = dir.join(&file.path);
        let before: BTreeSet<String> = corpus.articles().map(|a| a.id().to_owned()).collect();
        let report = loader.load_path(&mut corpus, &path);
        if let Some(e) = report.errors.first() {
            return Err(e.to_string());
        }
        let added = corpus.articles().map(|a| a.id().to_owned()).find(|id| !before.contains(id));
        let id = added.ok_or_else(|| format!("{}: no article read", path.display()))?;
        article_of.insert(name.clone(), id);
    }
    let name =
        dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Story { name, gold, corpus, article_of })
}

/// The figures of one story.
#[derive(Clone, Copy, Default)]
struct Figures {
    baseline: f64,
    /// B-cubed F1 of the best grouping of these units: quotes mapped to one
    /// unit cannot be told apart, the rest grouped as gold has them.
    ceiling: f64,
    precision: f64,
    recall: f64,
    f1: f64,
    relations_gold: usize,
    relations_found: usize,
    /// Found, by kind: updates, contradicts, supports.
    found_by_kind: [(usize, usize); 3],
    relations_judged: usize,
    relations_right: usize,
    negatives: usize,
    negatives_apart: usize,
    quantities: usize,
    quantities_right: usize,
    mapped: usize,
    quotes: usize,
}

impl Figures {
    fn relation_recall(&self) -> f64 {
        ratio(self.relations_found, self.relations_gold)
    }
    fn relation_precision(&self) -> f64 {
        ratio(self.relations_right, self.relations_judged)
    }
    fn negatives_share(&self) -> f64 {
        ratio(self.negatives_apart, self.negatives)
    }
    fn quantity_share(&self) -> f64 {
        ratio(self.quantities_right, self.quantities)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn kind_index(kind: &str) -> Option<usize> {
    match kind {
        "updates" => Some(0),
        "contradicts" => Some(1),
        "supports" => Some(2),
        _ => None,
    }
}

/// A unit the tracker groups: an article, a span of its original text and
/// its group.
struct Unit {
    article: String,
    start: usize,
    end: usize,
    group: String,
    index: usize,
}

/// The tracker's units, indexed by article, and the gold quotes mapped
/// onto them.
struct Units<'a> {
    story: &'a Story,
    tracker: &'a Tracker,
    units: Vec<Unit>,
    by_article: HashMap<String, Vec<usize>>,
}

impl<'a> Units<'a> {
    fn new(story: &'a Story, tracker: &'a Tracker) -> Self {
        let units: Vec<Unit> = tracker
            .claims()
            .iter()
            .enumerate()
            .map(|(index, c)| Unit {
                article: c.article().to_owned(),
                start: c.span().start,
                end: c.span().end,
                group: tracker.group_of(c.id()).map(|g| g.id.clone()).unwrap_or_default(),
                index,
            })
            .collect();
        let mut by_article: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            by_article.entry(u.article.clone()).or_default().push(i);
        }
        Self { story, tracker, units, by_article }
    }

    /// The unit whose span fits the quote best: the largest overlap over
    /// union, among units overlapping at least half of the shorter of the
    /// two. `None` when the quote is not in its article or no unit fits.
    fn map(&self, quote: &GoldQuote) -> Option<&Unit> {
        let id = self.story.article_of.get(&quote.file)?;
        let article = self.tracker.corpus().get(id)?;
        let start = article.body_span().start + article.body().find(&quote.quote)?;
        let end = start + quote.quote.len();
        let mut best: Option<(f64, usize)> = None;
        for &u in self.by_article.get(id).map(Vec::as_slice).unwrap_or_default() {
            let unit = &self.units[u];
            let overlap = end.min(unit.end).saturating_sub(start.max(unit.start));
            let shorter = (end - start).min(unit.end - unit.start);
            if overlap == 0 || 2 * overlap < shorter {
                continue;
            }
            let union = end.max(unit.end) - start.min(unit.start);
            let iou = overlap as f64 / union as f64;
            if best.is_none_or(|(b, _)| iou > b) {
                best = Some((iou, u));
            }
        }
        best.map(|(_, u)| &self.units[u])
    }

    /// Each gold quote that maps to a claim, as (gold group index, claim
    /// index), in gold order.
    fn mapped(&self) -> Vec<(usize, usize)> {
        let groups = self.story.gold.groups.iter().enumerate();
        groups
            .flat_map(|(g, group)| group.members.iter().filter_map(move |m| Some((g, self.map(m)?.index))))
            .collect()
    }
}

fn score(story: &Story, tracker: &Tracker) -> Figures {
    let units = Units::new(story, tracker);
    let mut figures = Figures::default();
    // Gold group index and mapped unit of each quote.
    let mut truth = Vec::new();
    let mut predicted = Vec::new();
    let mut baseline = Vec::new();
    let mut ceiling = Vec::new();
    // The gold group of the first quote mapped to each unit.
    let mut unit_label: HashMap<usize, u32> = HashMap::new();
    let mut group_labels: HashMap<String, u32> = HashMap::new();
    // For each gold group, the tracker groups its quotes landed in.
    let mut landed: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    // For each tracker group, the gold groups of its quotes.
    let mut gold_in: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    // For each claim, the gold quotes it holds.
    let mut held: BTreeMap<usize, Vec<(&str, &str)>> = BTreeMap::new();
    for (g, group) in story.gold.groups.iter().enumerate() {
        for member in &group.members {
            figures.quotes += 1;
            truth.push(g as u32);
            baseline.push(truth.len() as u32);
            let unit = units.map(member);
            // A quote that maps to no claim is a group of its own.
            let key = unit.map_or_else(|| format!("unmapped {}", truth.len()), |u| u.group.clone());
            let next = group_labels.len() as u32;
            predicted.push(*group_labels.entry(key).or_insert(next));
            let unmapped = story.gold.groups.len() as u32 + truth.len() as u32;
            ceiling.push(unit.map_or(unmapped, |u| *unit_label.entry(u.index).or_insert(g as u32)));
            let Some(unit) = unit else { continue };
            figures.mapped += 1;
            held.entry(unit.index).or_default().push((&group.id, &member.quote));
            *landed.entry(&group.id).or_default().entry(unit.group.clone()).or_default() += 1;
            gold_in.entry(unit.group.clone()).or_default().insert(&group.id);
            for q in group.quantities.iter().filter(|q| q.kind == "money" || q.kind == "count") {
                let Some(value) = q.value.as_f64() else { continue };
                if !states(&member.quote, value) {
                    continue;
                }
                figures.quantities += 1;
                let kind = if q.kind == "money" { QuantityKind::Money } else { QuantityKind::Count };
                let claim = &tracker.claims()[unit.index];
                let right = claim.quantities().iter().any(|x| {
                    x.kind == kind
                        && matches!(x.value, QuantityValue::Number(n) if (n - value).abs() <= 0.01 * value.abs())
                });
                figures.quantities_right += usize::from(right);
                if !right && std::env::var_os("EVALUATE_SHOW_QUANTITIES").is_some() {
                    let got: Vec<String> = claim
                        .quantities()
                        .iter()
                        .map(|q| format!("{:?} {:?} {}", q.kind, q.value, q.unit))
                        .collect();
                    eprintln!(
                        "{}: {} {value} not read in {:?}; got {got:?}",
                        story.name, q.kind, member.quote
                    );
                }
            }
        }
    }
    if std::env::var_os("EVALUATE_SHOW_GROUPS").is_some() {
        // Where each gold fact's quotes landed, and what else is there.
        for group in &story.gold.groups {
            let Some(places) = landed.get(group.id.as_str()) else { continue };
            let places: Vec<String> = places
                .iter()
                .map(|(g, n)| {
                    let others: Vec<&str> =
                        gold_in.get(g).into_iter().flatten().copied().filter(|&o| o != group.id).collect();
                    format!("{n} in {g} (with {others:?})")
                })
                .collect();
            eprintln!("{}: {}: {}", story.name, group.id, places.join("; "));
        }
    }
    if std::env::var_os("EVALUATE_SHOW_UNITS").is_some() {
        // The claims that hold quotes of several gold facts: what the
        // units' ceiling loses.
        for (&index, quotes) in &held {
            if quotes.iter().all(|q| q.0 == quotes[0].0) {
                continue;
            }
            eprintln!(
                "{}: one claim, {} facts: {:?}",
                story.name,
                quotes.len(),
                tracker.claims()[index].text()
            );
            for (group, quote) in quotes {
                eprintln!("    {group}: {quote:?}");
            }
        }
    }
    let (p, r, f1) = b_cubed(&truth, &predicted);
    (figures.precision, figures.recall, figures.f1) = (p, r, f1);
    figures.baseline = b_cubed(&truth, &baseline).2;
    figures.ceiling = b_cubed(&truth, &ceiling).2;

    // The tracker group holding most of a gold group's quotes.
    let majority = |g: &str| -> Option<String> {
        landed.get(g)?.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| k.clone())
    };
    let mut related: HashMap<(String, String), BTreeSet<RelationKind>> = HashMap::new();
    for r in tracker.relations() {
        related.entry((r.from.clone(), r.to.clone())).or_default().insert(r.kind);
        related.entry((r.to.clone(), r.from.clone())).or_default().insert(r.kind);
    }
    let verdict_of = |g: &str| tracker.assessment(g).map(|a| a.verdict);
    for rel in &story.gold.relations {
        let Some(k) = kind_index(&rel.kind) else { continue };
        figures.relations_gold += 1;
        figures.found_by_kind[k].1 += 1;
        let (Some(a), Some(b)) = (majority(&rel.a), majority(&rel.b)) else { continue };
        let found = if a == b {
            match rel.kind.as_str() {
                "contradicts" => matches!(verdict_of(&a), Some(Verdict::Disputed | Verdict::Denied)),
                "updates" => matches!(verdict_of(&a), Some(Verdict::Superseded)),
                _ => true,
            }
        } else {
            related
                .get(&(a.clone(), b.clone()))
                .is_some_and(|kinds| kinds.iter().any(|&x| x.as_str() == rel.kind))
        };
        if found {
            figures.relations_found += 1;
            figures.found_by_kind[k].0 += 1;
        } else if std::env::var_os("EVALUATE_SHOW_RELATIONS").is_some() {
            let how = if a == b {
                format!("both in one group, verdict {:?}", verdict_of(&a))
            } else {
                format!("groups related as {:?}", related.get(&(a.clone(), b.clone())))
            };
            // Relations between any groups holding quotes of the two sides:
            // what the majority groups miss.
            let mut any: BTreeSet<RelationKind> = BTreeSet::new();
            for x in landed.get(rel.a.as_str()).into_iter().flat_map(|m| m.keys()) {
                for y in landed.get(rel.b.as_str()).into_iter().flat_map(|m| m.keys()) {
                    any.extend(related.get(&(x.clone(), y.clone())).into_iter().flatten());
                }
            }
            let how = format!("{how}; any groups of theirs related as {any:?}");
            eprintln!("{}: {} {} {} not found: {how}", story.name, rel.a, rel.kind, rel.b);
        }
    }
    let gold_pairs: BTreeSet<(&str, &str, &str)> = story
        .gold
        .relations
        .iter()
        .flat_map(|r| {
            [(r.a.as_str(), r.b.as_str(), r.kind.as_str()), (r.b.as_str(), r.a.as_str(), r.kind.as_str())]
        })
        .collect();
    for r in tracker.relations().iter().filter(|r| r.from != r.to) {
        let (Some(from), Some(to)) = (gold_in.get(&r.from), gold_in.get(&r.to)) else { continue };
        let pairs: Vec<(&str, &str)> =
            from.iter().flat_map(|&a| to.iter().map(move |&b| (a, b))).filter(|(a, b)| a != b).collect();
        if pairs.is_empty() {
            continue;
        }
        figures.relations_judged += 1;
        let right = pairs.iter().any(|&(a, b)| gold_pairs.contains(&(a, b, r.kind.as_str())));
        figures.relations_right += usize::from(right);
        if !right && std::env::var_os("EVALUATE_SHOW_RELATIONS").is_some() {
            eprintln!("{}: wrong {:?} between gold {from:?} and {to:?}: {}", story.name, r.kind, r.reason);
        }
    }
    for n in &story.gold.negatives {
        figures.negatives += 1;
        if let (Some(a), Some(b)) = (units.map(&n.a), units.map(&n.b))
            && a.index != b.index
            && a.group != b.group
        {
            figures.negatives_apart += 1;
        } else if std::env::var_os("EVALUATE_SHOW_NEGATIVES").is_some() {
            let why = if units.map(&n.a).is_some() && units.map(&n.b).is_some() {
                "not kept apart"
            } else {
                "a quote maps to no claim"
            };
            eprintln!("{}: negative {why}: {:?} / {:?}", story.name, n.a.quote, n.b.quote);
        }
    }
    figures
}

/// Whether a quote writes `value`: its digits appear in it as a number,
/// in full ("35,000", "298") or scaled to thousands, millions or billions
/// ("4.9 million", "$44bn").
fn states(quote: &str, value: f64) -> bool {
    let numbers = numbers_in(quote);
    [1.0, 1e3, 1e6, 1e9, 1e12].iter().any(|scale| {
        let v = value / scale;
        v >= 1.0 && numbers.iter().any(|&n| (n - v).abs() <= 0.01 * v)
    })
}

fn numbers_in(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) || (c == ',' && !current.is_empty()) {
            if c != ',' {
                current.push(c);
            }
        } else if !current.is_empty() {
            if let Ok(n) = current.trim_end_matches('.').parse::<f64>() {
                out.push(n);
            }
            current.clear();
        }
    }
    out
}

fn tracker(story: &Story, config: MatchConfig) -> Tracker {
    builder(config).build(story.corpus.clone())
}

/// The settings `EVALUATE_SET=figure_conflict=0.3,same_floor=0.5` (and
/// `EVALUATE_IDF_SCALE`, the same as `idf_scale=`) ask to try, read once.
fn overrides() -> &'static [(String, f64)] {
    static SET: std::sync::OnceLock<Vec<(String, f64)>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let set = std::env::var("EVALUATE_SET").unwrap_or_default();
        let idf = std::env::var("EVALUATE_IDF_SCALE").map(|v| format!("idf_scale={v}")).unwrap_or_default();
        set.split(',')
            .chain(std::iter::once(idf.as_str()))
            .filter(|kv| !kv.trim().is_empty())
            .filter_map(|kv| {
                let parsed =
                    kv.split_once('=').and_then(|(k, v)| Some((k.trim().to_owned(), v.trim().parse().ok()?)));
                if parsed.is_none() {
                    eprintln!("evaluate: EVALUATE_SET: {kv:?} is not name=number");
                }
                parsed
            })
            .collect()
    })
}

/// The tracker builder with `config` and the settings asked for.
fn builder(mut config: MatchConfig) -> TrackerBuilder {
    let mut analysis = claimtrack::analysis::AnalysisConfig::default();
    for (name, value) in overrides() {
        let value = *value;
        match name.as_str() {
            "idf_scale" => config.idf_scale = value,
            "party_conflict" => config.party_conflict = value,
            "status_conflict" => config.status_conflict = value,
            "event_conflict" => config.event_conflict = value,
            "money_missing" => config.money_missing = value,
            "figure_conflict" => config.figure_conflict = value,
            "content_floor" => config.content_floor = value,
            "entity_prior" => config.entity_prior = value,
            "edge_floor" => config.edge_floor = value,
            "words" => config.weights.words = value,
            "entities" => config.weights.entities = value,
            "quantities" => config.weights.quantities = value,
            "wording" => config.weights.wording = value,
            "same_floor" => analysis.same_floor = value,
            "related_floor" => analysis.related_floor = value,
            "polarity_floor" => analysis.polarity_floor = value,
            "measure_floor" => analysis.measure_floor = value,
            _ => eprintln!("evaluate: EVALUATE_SET: no setting {name:?}"),
        }
    }
    TrackerBuilder::default().matcher(config).analysis(analysis)
}

/// The tracker a team following the story would have: a state saved
/// with the earlier two thirds of the articles (by publication date, then
/// id), loaded back, the rest added.
fn incremental(story: &Story, config: MatchConfig) -> Tracker {
    let mut articles: Vec<&claimtrack::Article> = story.corpus.articles().collect();
    articles.sort_by_key(|a| (a.meta().published.is_none(), a.meta().published, a.id().to_owned()));
    let cut = articles.len() * 2 / 3;
    let mut first = Corpus::new();
    for a in &articles[..cut] {
        first.insert((*a).clone()).expect("ids are unique in a story");
    }
    let builder = builder(config);
    let file =
        std::env::temp_dir().join(format!("claimtrack-evaluate-{}-{}.json", std::process::id(), story.name));
    builder.clone().build(first).save(&file).expect("the state is written");
    let mut state = claimtrack::State::load(&file).expect("the state reads back");
    let _ = std::fs::remove_file(&file);
    for a in &articles[cut..] {
        state.corpus.insert((*a).clone()).expect("ids are unique in a story");
    }
    state.into_tracker_with(builder)
}

fn print_header() {
    println!(
        "| story | alone F1 | units' ceiling | B-cubed P / R / F1 | relations found (upd / con / sup) | relation precision | negatives apart | quantities |"
    );
    println!("|---|---|---|---|---|---|---|---|");
}

fn print_row(name: &str, f: &Figures) {
    let [u, c, s] = f.found_by_kind;
    println!(
        "| {name} | {:.3} | {:.3} | {:.3} / {:.3} / {:.3} | {}/{} = {:.2} ({}/{}, {}/{}, {}/{}) | {}/{} = {:.2} | {}/{} = {:.2} | {}/{} = {:.2} |",
        f.baseline,
        f.ceiling,
        f.precision,
        f.recall,
        f.f1,
        f.relations_found,
        f.relations_gold,
        f.relation_recall(),
        u.0,
        u.1,
        c.0,
        c.1,
        s.0,
        s.1,
        f.relations_right,
        f.relations_judged,
        f.relation_precision(),
        f.negatives_apart,
        f.negatives,
        f.negatives_share(),
        f.quantities_right,
        f.quantities,
        f.quantity_share(),
    );
}

fn mean(figures: &[Figures], f: impl Fn(&Figures) -> f64) -> f64 {
    figures.iter().map(f).sum::<f64>() / figures.len().max(1) as f64
}

fn print_mean(figures: &[Figures]) {
    println!(
        "| mean | {:.3} | {:.3} | {:.3} / {:.3} / {:.3} | {:.2} | {:.2} | {:.2} | {:.2} |",
        mean(figures, |f| f.baseline),
        mean(figures, |f| f.ceiling),
        mean(figures, |f| f.precision),
        mean(figures, |f| f.recall),
        mean(figures, |f| f.f1),
        mean(figures, Figures::relation_recall),
        mean(figures, Figures::relation_precision),
        mean(figures, Figures::negatives_share),
        mean(figures, Figures::quantity_share),
    );
}

/// The settings tried when fitting on other stories: the threshold and
/// the share of containment in the overlap.
fn grid() -> Vec<(f64, f64)> {
    let thresholds = (16..=50).step_by(2).map(|t| f64::from(t) / 100.0);
    thresholds.flat_map(|t| [0.0, 0.25, 0.5, 0.75].map(|c| (t, c))).collect()
}

fn with_settings((threshold, containment): (f64, f64)) -> MatchConfig {
    let mut config = MatchConfig::default();
    config.threshold = threshold;
    config.containment = containment;
    config
}

fn main() -> ExitCode {
    let mut check = false;
    let mut pairs = false;
    let mut dump = false;
    let mut in_sample = false;
    let mut settings: Option<(f64, f64)> = None;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            "--pairs" => pairs = true,
            "--dump" => dump = true,
            "--in-sample" => in_sample = true,
            _ if arg.starts_with("--settings=") => {
                let mut it = arg["--settings=".len()..].split(',').filter_map(|x| x.parse::<f64>().ok());
                settings = it.next().zip(it.next());
            }
            "-h" | "--help" => {
                println!("usage: evaluate [--check] DIR ...");
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("evaluate: give one or more story folders (each with a gold.json)");
        return ExitCode::from(2);
    }
    let mut stories = Vec::new();
    for dir in &dirs {
        match load(dir) {
            Ok(story) => stories.push(story),
            Err(e) => {
                eprintln!("evaluate: {e}");
                return ExitCode::from(2);
            }
        }
    }

    if dump {
        println!(
            "story,a,b,same,negative,words,contained,content,entities,has_entities,quantities,has_quantities,shared_figure,wording,party,status,event,money,score,measure_agree,measure_differ,same_event,other_event"
        );
        for story in &stories {
            let t = tracker(story, MatchConfig::default());
            for (same, negative, f, (a, b)) in labelled_pairs(story, &t) {
                let (agree, differ) = measures_compared(&t.claims()[a], &t.claims()[b]);
                let (same_event, other_event) = events_compared(&t.claims()[a], &t.claims()[b]);
                println!(
                    "{},{},{},{},{},{:.4},{:.4},{:.4},{:.4},{},{:.4},{},{},{:.4},{},{},{},{},{:.4},{},{},{},{}",
                    story.name,
                    t.claims()[a].id(),
                    t.claims()[b].id(),
                    u8::from(same),
                    u8::from(negative),
                    f.words,
                    f.contained,
                    f.content,
                    f.entities,
                    f.has_entities,
                    f.quantities,
                    f.has_quantities,
                    f.shared_figure,
                    f.wording,
                    f.party_conflict,
                    f.status_conflict,
                    f.event_conflict,
                    f.money_missing,
                    f.score,
                    u8::from(agree),
                    u8::from(differ),
                    u8::from(same_event),
                    u8::from(other_event)
                );
            }
        }
        return ExitCode::SUCCESS;
    }
    if pairs {
        for story in &stories {
            print_pairs(story);
        }
        return ExitCode::SUCCESS;
    }
    println!("## In sample (default settings)\n");
    print_header();
    let config = settings.map_or_else(MatchConfig::default, with_settings);
    let figures: Vec<Figures> = stories.iter().map(|s| score(s, &tracker(s, config.clone()))).collect();
    for (s, f) in stories.iter().zip(&figures) {
        print_row(&s.name, f);
    }
    print_mean(&figures);
    let unmapped: usize = figures.iter().map(|f| f.quotes - f.mapped).sum();
    println!("\n{unmapped} quotes map to no claim.");
    if in_sample {
        return ExitCode::SUCCESS;
    }

    // Leave one story out: the threshold that gives the best mean F1 on
    // the other stories, scored on this one.
    let mut loso = Vec::new();
    if stories.len() > 1 {
        let grid = grid();
        // Each setting's figures on each story.
        let scored: Vec<Vec<Figures>> = grid
            .iter()
            .map(|&t| stories.iter().map(|s| score(s, &tracker(s, with_settings(t)))).collect())
            .collect();
        // The fit: the best mean F1 over the given stories among the
        // settings that keep each of them at least 0.9 of its hard
        // negatives apart (all settings when none does).
        let fit = |on: &dyn Fn(usize) -> bool| -> usize {
            let keeps = |t: usize| {
                scored[t].iter().enumerate().filter(|&(j, _)| on(j)).all(|(_, f)| f.negatives_share() >= 0.9)
            };
            let any_keeps = (0..grid.len()).any(keeps);
            // Rounded: two settings that group alike tie, whatever order
            // the quotes' figures were summed in (the last bits of a sum
            // follow that order).
            let f1 = |t: usize| {
                let sum =
                    scored[t].iter().enumerate().filter(|&(j, _)| on(j)).map(|(_, f)| f.f1).sum::<f64>();
                (sum * 1e9).round()
            };
            (0..grid.len())
                .filter(|&t| !any_keeps || keeps(t))
                .max_by(|&x, &y| f1(x).total_cmp(&f1(y)).then(y.cmp(&x)))
                .unwrap_or(0)
        };
        let all = fit(&|_| true);
        println!(
            "\n## Leave one story out (threshold and containment fitted on the others; on all three: {:.2}, {:.2})\n",
            grid[all].0, grid[all].1
        );
        print_header();
        for (k, story) in stories.iter().enumerate() {
            let best = fit(&|j| j != k);
            let f = score(story, &tracker(story, with_settings(grid[best])));
            print_row(&format!("{} ({:.2}, {:.2})", story.name, grid[best].0, grid[best].1), &f);
            loso.push(f);
        }
        print_mean(&loso);
    }

    // Followed day by day: a state of the earlier two thirds of the
    // articles, by publication date, and the last third added to it.
    println!("\n## Incremental: the last third of the articles added to a saved state of the rest\n");
    println!(
        "| story | whole run F1 | incremental F1 | relations found | relation precision | negatives apart |"
    );
    println!("|---|---|---|---|---|---|");
    let mut followed = Vec::new();
    for (story, whole) in stories.iter().zip(&figures) {
        let f = score(story, &incremental(story, config.clone()));
        println!(
            "| {} | {:.3} | {:.3} | {}/{} = {:.2} | {}/{} = {:.2} | {}/{} = {:.2} |",
            story.name,
            whole.f1,
            f.f1,
            f.relations_found,
            f.relations_gold,
            f.relation_recall(),
            f.relations_right,
            f.relations_judged,
            f.relation_precision(),
            f.negatives_apart,
            f.negatives,
            f.negatives_share()
        );
        followed.push(f);
    }
    let mean = |v: &[Figures]| v.iter().map(|f| f.f1).sum::<f64>() / v.len().max(1) as f64;
    println!("| mean | {:.3} | {:.3} | | | |", mean(&figures), mean(&followed));

    if !check {
        return ExitCode::SUCCESS;
    }
    let mut failed = Vec::new();
    for (s, (f, i)) in stories.iter().zip(figures.iter().zip(&followed)) {
        if i.f1 < f.f1 - INCREMENTAL_GAP {
            failed.push(format!(
                "{}: incremental F1 {:.3} more than {INCREMENTAL_GAP} under the whole run's {:.3}",
                s.name, i.f1, f.f1
            ));
        }
    }
    for (s, f) in stories.iter().zip(&figures) {
        for (what, value, floor) in floors(f) {
            if value < floor {
                failed.push(format!("{}: {what} {value:.3} under its floor {floor}", s.name));
            }
        }
    }
    for (s, (f, l)) in stories.iter().zip(figures.iter().zip(&loso)) {
        if l.f1 < f.f1 - LOSO_GAP {
            failed.push(format!(
                "{}: leave-one-out F1 {:.3} more than {LOSO_GAP} under in-sample {:.3}",
                s.name, l.f1, f.f1
            ));
        }
    }
    if failed.is_empty() {
        println!("\nEvery figure reaches its floor.");
        ExitCode::SUCCESS
    } else {
        for line in failed {
            eprintln!("evaluate: {line}");
        }
        ExitCode::FAILURE
    }
}

/// Every pair of distinct claims that gold quotes map to, with whether
/// gold has them as one fact, whether they are an annotated hard negative,
/// and the pair's features.
fn labelled_pairs(
    story: &Story,
    tracker: &Tracker,
) -> Vec<(bool, bool, claimtrack::PairFeatures, (usize, usize))> {
    let units = Units::new(story, tracker);
    let matcher = claimtrack::Matcher::new(MatchConfig::default());
    let scorer = matcher.scorer(tracker.claims());
    let mapped = units.mapped();
    let negatives: BTreeSet<(usize, usize)> = story
        .gold
        .negatives
        .iter()
        .filter_map(|n| Some((units.map(&n.a)?.index, units.map(&n.b)?.index)))
        .flat_map(|(a, b)| [(a, b), (b, a)])
        .collect();
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (k, &(g, a)) in mapped.iter().enumerate() {
        for &(h, b) in &mapped[k + 1..] {
            if a == b || !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            if let Some(f) = scorer.features(a, b) {
                out.push((g == h, negatives.contains(&(a, b)), f, (a, b)));
            }
        }
    }
    out
}

/// For looking at the matcher: every pair of quotes of one gold group
/// mapped to different claims, with the pair's score (the ones under the
/// threshold are the recall lost), and the best-scoring pairs of quotes
/// of different gold groups.
fn print_pairs(story: &Story) {
    let tracker = tracker(story, MatchConfig::default());
    let units = Units::new(story, &tracker);
    let matcher = claimtrack::Matcher::new(MatchConfig::default());
    let scorer = matcher.scorer(tracker.claims());
    let mapped = units.mapped();
    let text = |i: usize| tracker.claims()[i].text().chars().take(110).collect::<String>();
    let mut same = Vec::new();
    let mut different = Vec::new();
    for (k, &(g, a)) in mapped.iter().enumerate() {
        for &(h, b) in &mapped[k + 1..] {
            if a == b {
                continue;
            }
            let s = scorer.score(a, b);
            if g == h { same.push((s, a, b)) } else { different.push((s, a, b)) }
        }
    }
    same.sort_by(|x, y| x.0.total_cmp(&y.0));
    different.sort_by(|x, y| y.0.total_cmp(&x.0));
    println!(
        "# {}: {} same-fact pairs, {} under the threshold",
        story.name,
        same.len(),
        same.iter().filter(|p| p.0 < MatchConfig::default().threshold).count()
    );
    for (s, a, b) in &same {
        let why = scorer.features(*a, *b).map(|f| {
            let flags = [
                (f.party_conflict, "party"),
                (f.status_conflict, "status"),
                (f.event_conflict, "event"),
                (f.money_missing, "money"),
                (f.figure_conflict, "figure"),
            ];
            let flags: Vec<&str> = flags.iter().filter(|(v, _)| *v > 0.0).map(|(_, n)| *n).collect();
            format!(
                "words {:.2} contained {:.2} content {:.2} entities {:.2} quantities {:.2} wording {:.2} conflicts {flags:?}",
                f.words, f.contained, f.content, f.entities, f.quantities, f.wording
            )
        });
        println!("same {s:.3} {}\n  {}\n  {}", why.unwrap_or_default(), text(*a), text(*b));
    }
    for (s, a, b) in different.iter().take(15) {
        println!("diff {s:.3}\n  {}\n  {}", text(*a), text(*b));
    }
}

/// Leave-one-story-out F1 may fall at most this far under in-sample.
const LOSO_GAP: f64 = 0.05;

/// How far under the whole run's F1 the incremental one may be.
const INCREMENTAL_GAP: f64 = 0.05;

/// The floors `--check` holds each story to, just under what the tracker
/// reaches today (see the closing figures in CHANGELOG.md), so a change
/// that loses ground fails. Raise them as judgement improves; issue 13's
/// targets are the baseline + 0.20, relations 0.5 found at 0.6 precision,
/// negatives 0.9 and quantities 0.9. Relations found are held to 0.05,
/// at least one on each story: the event penalty
/// (`MatchConfig::event_conflict`), which lifts the mean F1 and the large
/// synthetic feed's, left twitter-acquisition one update of 18. Hard
/// negatives are held to issue 13's 0.9 since each story keeps 0.95 of
/// them apart.
fn floors(f: &Figures) -> Vec<(&'static str, f64, f64)> {
    vec![
        ("B-cubed F1 over the do-nothing baseline", f.f1 - f.baseline, 0.05),
        ("relations found", f.relation_recall(), 0.05),
        ("relation precision", f.relation_precision(), 0.4),
        ("negatives apart", f.negatives_share(), 0.9),
        ("money and count quantities", f.quantity_share(), 0.95),
    ]
}

/// Whether two claims share a measure with values that agree (one inside
/// the other), and whether they share one with values that do not.
fn measures_compared(a: &claimtrack::Claim, b: &claimtrack::Claim) -> (bool, bool) {
    let range = |f: &claimtrack::Fact| {
        f.value.as_ref().map(|v| (v.low.unwrap_or(f64::MIN), v.high.unwrap_or(f64::MAX)))
    };
    let (mut agree, mut differ) = (false, false);
    for x in a.facts().iter().filter(|f| f.kind == claimtrack::FactKind::Measure) {
        for y in
            b.facts().iter().filter(|f| f.kind == claimtrack::FactKind::Measure && f.predicate == x.predicate)
        {
            if let (Some(p), Some(q)) = (range(x), range(y)) {
                if (q.0 <= p.0 && p.1 <= q.1) || (p.0 <= q.0 && q.1 <= p.1) {
                    agree = true;
                } else {
                    differ = true;
                }
            }
        }
    }
    (agree, differ)
}

/// Whether two claims state an event with the same predicate (a stage or
/// a denial), and whether each states one the other does not.
fn events_compared(a: &claimtrack::Claim, b: &claimtrack::Claim) -> (bool, bool) {
    let events = |c: &claimtrack::Claim| -> Vec<String> {
        c.facts()
            .iter()
            .filter(|f| f.kind == claimtrack::FactKind::Event)
            .map(|f| f.predicate.clone())
            .collect()
    };
    let (x, y) = (events(a), events(b));
    let same = x.iter().any(|e| y.contains(e));
    let other = !same && !x.is_empty() && !y.is_empty();
    (same, other)
}
