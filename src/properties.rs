//! Property tests and fuzzing with a small budget (set `PROPTEST_CASES` to
//! run longer): the text pipeline on arbitrary input, the graph loader on
//! damaged files, DOT label escaping with hostile names, the writers of
//! terminal text, CSV and SVG on hostile strings, and the merge laws.

use crate::extract::Extractor;
use crate::graph::{EntityRecord, EvidenceRecord, GraphFile, KnowledgeGraph, RelationRecord};
use crate::input::Document;
use crate::model::{Category, EntityType, Modality};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().unwrap())
}

/// Text that looks enough like news to reach every stage: names from the
/// gazetteer, verbs, titles, punctuation, quotes, dashes and odd bytes.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Russia",
        "Ukraine",
        "Belarusian",
        "President",
        "Alexander",
        "Lukashenko",
        "met",
        "with",
        "attacked",
        "was",
        "freed",
        "by",
        "the",
        "country's",
        "capital",
        ",",
        ".",
        "“",
        "”",
        "–",
        "'s",
        "asked",
        "to",
        "deploy",
        "in",
        "and",
        "He",
        "she",
        "its",
        "Both",
        "sides",
        "Western",
        "sanctions",
        "on",
        "NATO",
        "U.S.",
        "Gen.",
        "\n",
        "who",
        "is",
        "wife",
        "(",
        ")",
        "RUSSIA",
        "did",
        "not",
        "said",
        "according",
        "on Saturday",
        "in December",
        "1,200",
        "é",
        "\u{0}",
        "\r",
        "<p>",
        "al-",
    ]);
    prop::collection::vec(words, 0..80).prop_map(|w| w.join(" "))
}

fn check_extraction(text: &str) {
    let mut d = Document::new("p", text);
    d.date = Some("2025-06-21".into());
    let x = ex().extract(&d);
    for t in &x.triples {
        let [s, e] = t.evidence.span;
        assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert_ne!(t.subject.id, t.object.id);
    }
    for m in &x.mentions {
        let [s, e] = m.span;
        assert_eq!(&text[s..e], m.text);
    }
}

fn entity(id: &str, name: &str) -> EntityRecord {
    EntityRecord {
        id: id.into(),
        name: name.into(),
        kind: EntityType::Country,
        aliases: vec![],
    }
}

fn relation(s: &str, p: &str, o: &str, doc: &str, sym: bool) -> RelationRecord {
    RelationRecord::new(
        s.into(),
        p.into(),
        if sym { Category::Consult } else { Category::Assault },
        o.into(),
        sym,
        vec![EvidenceRecord::from(crate::graph::EvidenceFields {
            doc: doc.into(),
            sentence: 0,
            span: [0, 1],
            text: format!("{s} {p} {o}"),
            date: Some("2025-01-01".into()),
            modality: Modality::Asserted,
            negated: false,
            attribution: None,
            rule: "r".into(),
            ..Default::default()
        })],
    )
}

/// A graph whose statements come from documents `docs[0]` or `docs[1]`,
/// with offices (dated, some "former") beside events with places and
/// tolls: what validity, event records and removal read.
fn graph_over(docs: [&'static str; 2]) -> impl Strategy<Value = KnowledgeGraph> {
    let statement = (0..5usize, 0..4usize, 0..5usize, 0..2usize, 0..4usize, any::<bool>(), 0..3usize);
    prop::collection::vec(statement, 0..14).prop_map(move |statements| {
        let mut g = KnowledgeGraph::new();
        let names = ["A", "B", "C", "D", "E"];
        let dates = ["2025-01-01", "2025-03", "2025-05-20", "2025-09-09"];
        for d in docs {
            g.add_document(crate::graph::DocRecord {
                id: d.into(),
                title: None,
                date: None,
                url: None,
                source: Some(format!("outlet of {d}")),
                sha256: String::new(),
            });
        }
        for (s, kind, o, d, date, flag, place) in statements {
            if s == o {
                continue;
            }
            let (sid, oid) = (format!("person:{}", names[s]), format!("country:{}", names[o]));
            g.add_entity(entity(&sid, names[s]));
            g.add_entity(entity(&oid, names[o]));
            let place_id = format!("location:p{place}");
            let (predicate, category) = match kind {
                0 | 1 => ("president-of", Category::LeaderOf),
                2 => ("attacked", Category::Assault),
                _ => ("met", Category::Consult),
            };
            let mut r = relation(&sid, predicate, &oid, docs[d], category == Category::Consult);
            r.category = category;
            let e = &mut r.evidence[0];
            e.date = Some(dates[date].into());
            e.details.former = category == Category::LeaderOf && flag;
            if category.is_event() {
                e.details.place = Some(place_id.as_str().into());
                e.details.place_name = Some(format!("P{place}"));
                e.details.dead = flag.then_some(date as u32);
            }
            g.insert_relation(r).unwrap();
        }
        g.finish();
        g
    })
}

/// A small graph over a fixed universe of five entities.
fn small_graph() -> impl Strategy<Value = KnowledgeGraph> {
    let edge = (0..5usize, 0..3usize, 0..5usize, 0..4usize, any::<bool>());
    prop::collection::vec(edge, 0..12).prop_map(|edges| {
        let mut g = KnowledgeGraph::new();
        let names = ["A", "B", "C", "D", "E"];
        let preds = ["met", "attacked", "praised"];
        for (s, p, o, d, sym) in edges {
            if s == o {
                continue;
            }
            for i in [s, o] {
                g.add_entity(entity(&format!("country:{}", names[i]), names[i]));
            }
            let r = relation(
                &format!("country:{}", names[s]),
                preds[p],
                &format!("country:{}", names[o]),
                &format!("doc{d}"),
                p == 0 && sym,
            );
            g.add_relation(r).unwrap();
        }
        g
    })
}

/// Filters over the dates `graph_over` uses, at every precision, with
/// bounds inside, between and outside them.
fn filter() -> impl Strategy<Value = crate::graph::Filter> {
    let date = || {
        prop::option::of(prop::sample::select(vec![
            "2024",
            "2025",
            "2025-01-01",
            "2025-03",
            "2025-04-30",
            "2025-05-20",
            "2025-09",
            "2026",
        ]))
    };
    (date(), date(), 0..4usize, date()).prop_map(|(since, until, min_docs, as_of)| crate::graph::Filter {
        since: since.map(String::from),
        until: until.map(String::from),
        min_docs,
        as_of: as_of.map(String::from),
    })
}

fn bytes(g: &KnowledgeGraph) -> String {
    serde_json::to_string(&g.to_file()).unwrap()
}

/// The binary file of a graph.
fn binary(g: &KnowledgeGraph) -> Vec<u8> {
    crate::graph::binary::encode(&g.sorted_records())
}

/// A graph written to a binary file and read back.
fn through_binary(g: &KnowledgeGraph) -> KnowledgeGraph {
    crate::graph::binary::load(&binary(g), Path::new("g.geokg")).unwrap()
}

/// A graph written to a JSON file and read back.
fn through_json(g: &KnowledgeGraph) -> KnowledgeGraph {
    let f = serde_json::from_str::<GraphFile>(&bytes(g)).unwrap();
    KnowledgeGraph::from_file(f, Path::new("g.json")).unwrap()
}

fn merged(a: &KnowledgeGraph, b: &KnowledgeGraph) -> KnowledgeGraph {
    let mut m = a.clone();
    m.merge(b.clone());
    m
}

/// Strings with everything a hostile article can carry: controls,
/// escape sequences, noncharacters, quotes, markup and formula starts.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,12}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{1,3}",
        prop::sample::select(vec![
            "\u{1b}]0;x\u{7}",
            "\u{fffe}",
            "\u{ffff}",
            "=cmd|",
            "@SUM(",
            "+1",
            "-2",
            "\"",
            ",",
            "\n",
            "\r\n",
            "</svg>",
            "&amp;",
            "]]>"
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

/// A two-entity graph whose names, predicate and evidence are `text`.
fn graph_of(name: &str, evidence: &str) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    g.add_entity(entity("country:A", name));
    g.add_entity(entity("country:B", "B"));
    let mut r = relation("country:A", "met", "country:B", "d", false);
    r.evidence[0].text = evidence.to_string();
    g.add_relation(r).unwrap();
    g
}

proptest! {
    #[test]
    fn terminal_text_never_carries_a_control_character(text in hostile_text(), cut in 0usize..64) {
        use std::io::Write;
        let mut w = crate::terminal::Safe::new(Vec::new());
        // Written in two pieces at an arbitrary byte, as buffered writers do.
        let bytes = text.as_bytes();
        let at = cut.min(bytes.len());
        w.write_all(&bytes[..at]).unwrap();
        w.write_all(&bytes[at..]).unwrap();
        w.flush().unwrap();
        let out = String::from_utf8(w.into_inner()).expect("still UTF-8");
        prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{:?}", out);
        if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            prop_assert_eq!(out, text);
        }
    }

    #[test]
    fn csv_exports_read_back_and_never_start_a_formula(name in hostile_text(), evidence in hostile_text()) {
        // An entity has a name; an empty draw becomes a formula start.
        let name = if name.is_empty() { "=".to_string() } else { name };
        let g = graph_of(&name, &evidence);
        let mut out = Vec::new();
        let csv = crate::output::by_name("csv").unwrap();
        csv.write_to(&g, &Default::default(), &mut out).unwrap();
        let mut rows = csv::Reader::from_reader(out.as_slice());
        let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        prop_assert_eq!(records.len(), 1);
        for cell in records[0].iter() {
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
        }
        let subject_name = &records[0][1];
        prop_assert!(subject_name == name || subject_name.strip_prefix('\'') == Some(name.as_str()));
    }

    #[test]
    fn svg_is_well_formed_xml_whatever_the_names(name in hostile_text(), evidence in hostile_text()) {
        let name = if name.is_empty() { "\u{ffff}".to_string() } else { name };
        let g = graph_of(&name, &evidence);
        let view = crate::render::View::default();
        let dot = crate::render::to_dot(&g, &view, &crate::render::select(&g, &view));
        let svg = graphviz_pure::render_dot(&dot, "dot", "svg").expect("laid out").into_output();
        let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        prop_assert!(roxmltree::Document::parse_with_options(&svg, opts).is_ok(), "{}", svg);
    }

    #[test]
    fn extraction_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_extraction(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn extraction_never_panics_on_newsy_text(text in newsy()) {
        check_extraction(&text);
    }

    #[test]
    fn the_graph_loader_refuses_damaged_files_without_panicking(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
        let mut g = KnowledgeGraph::new();
        g.add_entity(entity("country:A", "A"));
        g.add_entity(entity("country:B", "B \"quoted\" ü"));
        g.add_relation(relation("country:A", "met", "country:B", "d", true)).unwrap();
        let mut text = bytes(&g).into_bytes();
        if !text.is_empty() {
            let i = flip % text.len();
            text[i] = byte;
        }
        text.truncate(cut.min(text.len()));
        if let Ok(f) = serde_json::from_slice::<GraphFile>(&text) {
            let _ = KnowledgeGraph::from_file(f, Path::new("fuzz.json"));
        }
    }

    #[test]
    fn dot_labels_cannot_inject_markup(name in "\\PC{0,40}", extra in prop::sample::select(vec!["\"]; evil [label=\"x", "<script>alert(1)</script>", "}\n digraph {", "Лукашенко", "back\\slash", "a\nb", "&amp;"])) {
        let hostile = format!("{name}{extra}");
        let draw = |label: &str| {
            let mut g = KnowledgeGraph::new();
            g.add_entity(entity("country:A", label));
            g.add_entity(entity("country:B", "B"));
            g.add_relation(relation("country:A", "met", "country:B", "d", false)).unwrap();
            let view = crate::render::View::default();
            crate::render::to_dot(&g, &view, &crate::render::select(&g, &view))
        };
        let dot = draw(&hostile);
        let parsed = graphviz_rust::parse(&dot).expect("escaped DOT parses");
        let plain = graphviz_rust::parse(&draw("plain")).unwrap();
        let count = |g: &graphviz_rust::dot_structures::Graph| format!("{g:?}").matches("Node(Node").count();
        prop_assert_eq!(count(&parsed), count(&plain));
    }

    #[test]
    fn dictionary_importers_never_panic(text in "[A-Z_+\\[\\]<>0-9 \t\n#.-]{0,300}", tsv in "\\PC{0,200}") {
        let (entries, errors, _) = crate::dict::parse_phoenix_with_warnings("fuzz.txt", &text);
        for e in &errors {
            prop_assert!(e.to_string().starts_with("fuzz.txt:"));
        }
        prop_assert!(entries.iter().all(|e| !e.name.is_empty()));
        let _ = crate::dict::parse_tsv("fuzz.tsv", &tsv.replace('|', "\t"));
    }

    #[test]
    fn verb_and_agent_importers_never_panic(text in "[A-Z_+&$*^%!=,~{}()\\[\\]:0-9 \t\n#-]{0,300}") {
        let verbs = format!("---  FUZZ   [040]  ---\nFUZZ\n{text}");
        let (_, errors, warnings) = crate::dict::verbs::parse("fuzz.txt", &verbs);
        for e in errors.iter().chain(&warnings) {
            prop_assert!(e.to_string().starts_with("fuzz.txt:"));
        }
        let (agents, errors, _) = crate::dict::agents::parse("fuzz.txt", &text);
        for e in &errors {
            prop_assert!(e.to_string().starts_with("fuzz.txt:"));
        }
        prop_assert!(agents.iter().all(|a| !a.forms.is_empty() && !a.forms[0].is_empty()));
    }

    #[test]
    fn removing_documents_then_merging_them_back_gives_the_original_bytes(a in graph_over(["a1", "a2"]), b in graph_over(["b1", "b2"])) {
        let whole = merged(&a, &b);
        let mut cut = whole.clone();
        let ids: rustc_hash::FxHashSet<String> = ["b1", "b2"].iter().map(|s| s.to_string()).collect();
        cut.remove_documents(&ids);
        prop_assert_eq!(bytes(&merged(&cut, &b)), bytes(&whole));
        // Removing what was never there changes nothing.
        let mut same = whole.clone();
        same.remove_documents(&["zz".to_string()].into_iter().collect());
        prop_assert_eq!(bytes(&same), bytes(&whole));
    }

    #[test]
    fn merge_laws_hold_for_offices_and_events(a in graph_over(["d1", "d2"]), b in graph_over(["d2", "d3"]), c in graph_over(["d1", "d3"])) {
        prop_assert_eq!(bytes(&merged(&a, &b)), bytes(&merged(&b, &a)));
        prop_assert_eq!(bytes(&merged(&merged(&a, &b), &c)), bytes(&merged(&a, &merged(&b, &c))));
        prop_assert_eq!(bytes(&merged(&a, &a)), bytes(&a));
    }

    #[test]
    fn files_are_written_in_the_order_of_their_ids_and_predicates(g in graph_over(["d1", "d2"]), h in small_graph()) {
        // `to_file` sorts by the strings; `save` by ranks of them.
        for g in [merged(&g, &h), g] {
            let f = g.to_file();
            let crate::graph::Sorted { documents: d, entities: e, relations: r, .. } = g.sorted_records();
            prop_assert_eq!(serde_json::to_string(&f.documents).unwrap(), serde_json::to_string(&d).unwrap());
            prop_assert_eq!(serde_json::to_string(&f.entities).unwrap(), serde_json::to_string(&e).unwrap());
            prop_assert_eq!(serde_json::to_string(&f.relations).unwrap(), serde_json::to_string(&r).unwrap());
        }
    }

    #[test]
    fn binary_and_json_files_read_back_to_the_same_graph(g in graph_over(["d1", "d2"])) {
        let (b, j) = (through_binary(&g), through_json(&g));
        prop_assert_eq!(bytes(&b), bytes(&g));
        prop_assert_eq!(bytes(&j), bytes(&g));
        prop_assert_eq!(binary(&b), binary(&g));
        prop_assert_eq!(binary(&j), binary(&g));
    }

    #[test]
    fn merge_laws_hold_for_graphs_read_from_binary_and_json_files(a in graph_over(["d1", "d2"]), b in graph_over(["d2", "d3"]), c in graph_over(["d1", "d3"])) {
        for through in [through_binary as fn(&KnowledgeGraph) -> KnowledgeGraph, through_json] {
            let (a, b, c) = (through(&a), through(&b), through(&c));
            prop_assert_eq!(binary(&merged(&a, &b)), binary(&merged(&b, &a)));
            prop_assert_eq!(binary(&merged(&merged(&a, &b), &c)), binary(&merged(&a, &merged(&b, &c))));
            prop_assert_eq!(binary(&merged(&a, &a)), binary(&a));
        }
        // Merging what was read from binary files gives what merging the
        // JSON files gives.
        prop_assert_eq!(bytes(&merged(&through_binary(&a), &through_binary(&b))), bytes(&merged(&through_json(&a), &through_json(&b))));
    }

    #[test]
    fn a_damaged_binary_file_is_refused_never_read(g in graph_over(["d1", "d2"]), cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
        let good = binary(&g);
        let mut bad = good.clone();
        let i = flip % bad.len();
        bad[i] = byte;
        bad.truncate(cut.max(1).min(bad.len()));
        if bad != good {
            prop_assert!(crate::graph::binary::load(&bad, Path::new("g.geokg")).is_err());
        }
    }

    #[test]
    fn the_adjacency_index_answers_what_the_graph_walk_answers(g in graph_over(["d1", "d2"]), depth in 1..4usize, direction in 0..3usize, start in 0..10usize) {
        use crate::query::{Direction, NeighborQuery, Neighborhood};
        let q = NeighborQuery {
            depth,
            direction: [Direction::Both, Direction::Out, Direction::In][direction],
            ..NeighborQuery::default()
        };
        let (mut walk, mut index) = (Neighborhood::new(&g), Neighborhood::indexed(&g));
        // Twice from each, so that the reused visited sets are exercised.
        for n in g.graph.node_indices().cycle().skip(start).take(2) {
            let json = |rows: Vec<crate::query::NeighborRow>| serde_json::to_string(&rows).unwrap();
            prop_assert_eq!(json(index.neighbors(n, &q)), json(walk.neighbors(n, &q)));
            let mut a = index.reach(n, depth);
            let mut b = walk.reach(n, depth);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn views_equal_the_cloning_filter_they_replaced(g in graph_over(["d1", "d2"]), f in filter()) {
        prop_assert_eq!(bytes(&g.view(&f)), bytes(&g.filtered_by_cloning(&f)));
    }

    #[test]
    fn merge_is_commutative_associative_and_idempotent(a in small_graph(), b in small_graph(), c in small_graph()) {
        prop_assert_eq!(bytes(&merged(&a, &b)), bytes(&merged(&b, &a)));
        prop_assert_eq!(bytes(&merged(&merged(&a, &b), &c)), bytes(&merged(&a, &merged(&b, &c))));
        prop_assert_eq!(bytes(&merged(&a, &a)), bytes(&a));
        // The empty graph is the identity on either side (merging into it
        // takes the other graph whole).
        let empty = KnowledgeGraph::new();
        prop_assert_eq!(bytes(&merged(&empty, &a)), bytes(&a));
        prop_assert_eq!(bytes(&merged(&a, &empty)), bytes(&a));
        prop_assert_eq!(bytes(&merged(&merged(&empty, &a), &b)), bytes(&merged(&a, &b)));
    }
}
