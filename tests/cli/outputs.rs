//! The output registry, Parquet and GEXF (issue 15): every format the
//! registry lists is written by the binary and read back by a real reader.

use super::*;
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::RecordBatch;
use geokg::output::{Command as Cmd, REGISTRY};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// A graph of an undated article (summit.txt, built without `--date`) and
/// three dated records (news.jsonl), so that some relations have dates and
/// some have none.
fn mixed_graph(t: &Path) -> (PathBuf, serde_json::Value) {
    let g = t.join("g.json");
    let o = run(bin()
        .arg("build")
        .args([fixture("summit.txt"), fixture("news.jsonl")])
        .arg("-o")
        .arg(&g));
    assert!(o.status.success(), "{}", stderr(&o));
    let json = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    (g, json)
}

fn read_parquet(path: &Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().unwrap();
    // The tables written here are small: one row group, one batch.
    assert_eq!(batches.len(), 1, "one batch per small table");
    batches.into_iter().next().unwrap()
}

fn strings(b: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let c = b.column_by_name(column).unwrap_or_else(|| panic!("no column {column}"));
    c.as_string::<i32>().iter().map(|s| s.map(str::to_string)).collect()
}

fn ints(b: &RecordBatch, column: &str) -> Vec<i64> {
    let c = b.column_by_name(column).unwrap_or_else(|| panic!("no column {column}"));
    c.as_primitive::<Int64Type>().values().to_vec()
}

#[test]
fn issue_15_parquet_tables_read_back_with_one_row_per_record() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let (g, json) = mixed_graph(t);
    let dir = t.join("tables");
    let o = run(bin().arg("export").arg(&g).args(["--format", "parquet", "-o"]).arg(&dir));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches("geokg: wrote").count(), 3, "{}", stderr(&o));

    let entities = read_parquet(&dir.join("entities.parquet"));
    let relations = read_parquet(&dir.join("relations.parquet"));
    let evidence = read_parquet(&dir.join("evidence.parquet"));
    let rels = json["relations"].as_array().unwrap();
    let statements: usize = rels.iter().map(|r| r["evidence"].as_array().unwrap().len()).sum();
    assert_eq!(entities.num_rows(), json["entities"].as_array().unwrap().len());
    assert_eq!(relations.num_rows(), rels.len());
    assert_eq!(evidence.num_rows(), statements);

    // Rows follow the graph file's order, field by field.
    let want = |field: &str| -> Vec<Option<String>> { rels.iter().map(|r| r[field].as_str().map(str::to_string)).collect() };
    assert_eq!(strings(&relations, "subject"), want("subject"));
    assert_eq!(strings(&relations, "predicate"), want("predicate"));
    assert_eq!(strings(&relations, "category"), want("category"));
    assert_eq!(strings(&relations, "first_date"), want("first_date"));
    let corroboration: Vec<i64> = rels.iter().map(|r| r["corroboration"].as_i64().unwrap()).collect();
    assert_eq!(ints(&relations, "corroboration"), corroboration);
    let ids: Vec<Option<String>> = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(strings(&entities, "id"), ids);

    // Evidence: the sentence and its span, joined to its relation.
    let texts: Vec<Option<String>> = rels
        .iter()
        .flat_map(|r| {
            r["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["text"].as_str().map(str::to_string))
        })
        .collect();
    assert_eq!(strings(&evidence, "text"), texts);
    let (starts, ends) = (ints(&evidence, "start"), ints(&evidence, "end"));
    for ((text, s), e) in texts.iter().zip(&starts).zip(&ends) {
        assert_eq!(usize::try_from(e - s).unwrap(), text.as_ref().unwrap().len());
    }
    let attacked = strings(&relations, "predicate")
        .iter()
        .position(|p| p.as_deref() == Some("attacked"))
        .unwrap();
    let row = ints(&evidence, "relation").iter().position(|&r| r == attacked as i64).unwrap();
    assert_eq!(strings(&evidence, "date")[row].as_deref(), Some("2024-11-07"));
    assert_eq!(strings(&evidence, "modality")[row].as_deref(), Some("asserted"));
    // The undated article's statements have no date, as a null.
    assert!(strings(&evidence, "date").iter().any(Option::is_none));
}

/// The `(r, g, b)` of a `#rrggbb` colour, as GEXF writes it.
fn rgb(hex: &str) -> (String, String, String) {
    let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap().to_string();
    (c(1), c(3), c(5))
}

#[test]
fn issue_15_gexf_carries_the_diagram_colours_and_spells_from_evidence_dates() {
    use geokg::model::{Category, EntityType};
    const GEXF: &str = "http://gexf.net/1.3";
    const VIZ: &str = "http://gexf.net/1.3/viz";
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let (g, json) = mixed_graph(t);
    let out = t.join("g.gexf");
    let o = run(bin().arg("export").arg(&g).args(["--format", "gexf", "-o"]).arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((GEXF, "gexf")));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let graph = root.children().find(|n| n.has_tag_name((GEXF, "graph"))).unwrap();
    assert_eq!(graph.attribute("mode"), Some("dynamic"));
    assert_eq!(graph.attribute("defaultedgetype"), Some("directed"));
    assert_eq!(graph.attribute("timeformat"), Some("date"));
    let nodes: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((GEXF, "node"))).collect();
    let edges: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((GEXF, "edge"))).collect();
    assert_eq!(nodes.len(), json["entities"].as_array().unwrap().len());
    assert_eq!(edges.len(), json["relations"].as_array().unwrap().len());

    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
        n.children().find(|c| c.has_tag_name((VIZ, name)))
    }
    let color = |n: roxmltree::Node<'_, '_>| {
        let c = child(n, "color").unwrap();
        let a = |k: &str| c.attribute(k).unwrap().to_string();
        (a("r"), a("g"), a("b"))
    };
    let spells = |n: roxmltree::Node<'_, '_>| -> Vec<(String, String)> {
        n.descendants()
            .filter(|s| s.has_tag_name((GEXF, "spell")))
            .map(|s| (s.attribute("start").unwrap().into(), s.attribute("end").unwrap().into()))
            .collect()
    };
    let attvalue = |n: roxmltree::Node<'_, '_>, key: &str| {
        n.descendants()
            .find(|a| a.has_tag_name((GEXF, "attvalue")) && a.attribute("for") == Some(key))
            .and_then(|a| a.attribute("value").map(str::to_string))
    };
    let node = |id: &str| *nodes.iter().find(|n| n.attribute("id") == Some(id)).unwrap();
    let edge = |label: &str| *edges.iter().find(|n| n.attribute("label") == Some(label)).unwrap();
    let day = |d: &str| vec![(d.to_string(), d.to_string())];

    // Nodes: the diagrams' fill by type, and a GEXF shape.
    let russia = node("country:RUS");
    assert_eq!(attvalue(russia, "type").as_deref(), Some("COUNTRY"));
    assert_eq!(color(russia), rgb(geokg::render::node_style(EntityType::Country).1));
    assert_eq!(child(russia, "shape").unwrap().attribute("value"), Some("square"));
    let trump = node("person:donald-trump");
    assert_eq!(color(trump), rgb(geokg::render::node_style(EntityType::Person).1));
    assert_eq!(child(trump, "shape").unwrap().attribute("value"), Some("disc"));
    // Spells: a dated relation lives on its day, an undated one always, and
    // a node on its edges' days (Russia's two relations are of one day).
    let attacked = edge("attacked");
    assert_eq!(spells(attacked), day("2024-11-07"));
    assert_eq!(spells(russia), day("2024-11-07"));
    assert!(spells(edge("met")).is_empty(), "the summit article is undated");
    assert!(spells(trump).is_empty());
    // Edges: colour by quad class, thickness from corroboration.
    assert_eq!(color(attacked), rgb(geokg::render::edge_color(Category::Assault)));
    assert_eq!(color(edge("met")), rgb(geokg::render::edge_color(Category::Consult)));
    let thickness = child(attacked, "thickness").unwrap().attribute("value").unwrap();
    assert_eq!(thickness, format!("{:.1}", geokg::render::edge_width(1)));
    assert_eq!(attvalue(attacked, "category").as_deref(), Some("ASSAULT"));
    assert_eq!(attvalue(attacked, "corroboration").as_deref(), Some("1"));
    assert_eq!(attacked.attribute("source"), Some("country:RUS"));
    assert_eq!(attacked.attribute("target"), Some("country:UKR"));
}

/// What each format's reader says about a written output: Ok when it
/// accepts it. A format without a reader here fails the test, so a new
/// registry entry comes with its check.
fn accepts(name: &str, path: &Path) -> Result<(), String> {
    let text = || std::fs::read_to_string(path).map_err(|e| e.to_string());
    // Graphviz's SVG starts with a DTD.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml = |s: String| {
        roxmltree::Document::parse_with_options(&s, opts)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let json_lines = |s: String| {
        s.lines()
            .try_for_each(|l| serde_json::from_str::<serde_json::Value>(l).map(|_| ()))
            .map_err(|e| e.to_string())
    };
    let csv_file = |p: &Path| {
        csv::Reader::from_path(p)
            .map_err(|e| e.to_string())?
            .records()
            .try_for_each(|r| r.map(|_| ()))
            .map_err(|e| e.to_string())
    };
    let bytes = || std::fs::read(path).map_err(|e| e.to_string());
    match name {
        "dot" => text().and_then(|s| s.starts_with("digraph").then_some(()).ok_or(s)),
        "svg" | "graphml" | "gexf" => text().and_then(xml),
        "png" => bytes().and_then(|b| b.starts_with(b"\x89PNG").then_some(()).ok_or("not a png".into())),
        "pdf" => bytes().and_then(|b| b.starts_with(b"%PDF").then_some(()).ok_or("not a pdf".into())),
        "html" => text().and_then(|s| s.starts_with("<!DOCTYPE html>").then_some(()).ok_or("not html".into())),
        "ntriples" => bytes().and_then(|b| {
            oxttl::NTriplesParser::new()
                .for_slice(&b)
                .try_for_each(|t| t.map(|_| ()))
                .map_err(|e| e.to_string())
        }),
        "turtle" => bytes().and_then(|b| {
            oxttl::TurtleParser::new()
                .for_slice(&b)
                .try_for_each(|t| t.map(|_| ()))
                .map_err(|e| e.to_string())
        }),
        "csv" => csv_file(path),
        "jsonl" | "plover" => text().and_then(json_lines),
        "neo4j" => ["nodes.csv", "relations.csv"].iter().try_for_each(|f| csv_file(&path.join(f))),
        "parquet" => ["entities", "relations", "evidence"].iter().try_for_each(|f| {
            let file = std::fs::File::open(path.join(format!("{f}.parquet"))).map_err(|e| e.to_string())?;
            let reader = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| e.to_string())?;
            reader
                .build()
                .map_err(|e| e.to_string())?
                .try_for_each(|b| b.map(|_| ()))
                .map_err(|e| e.to_string())
        }),
        other => Err(format!("no reader for the format {other}: add one to this test")),
    }
}

#[test]
fn issue_15_every_registry_format_writes_what_its_reader_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let g = build(t, &[fixture("summit.txt"), fixture("news.jsonl")], "g.json");
    let graphviz = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).any(|d| d.join("dot").is_file());
    for f in REGISTRY {
        let (cmd, target) = match f.command {
            Cmd::Render => ("render", t.join(format!("out.{}", f.extensions[0]))),
            Cmd::Export => ("export", t.join(format!("out-{}", f.name))),
        };
        if matches!(f.name, "png" | "pdf") && !graphviz {
            eprintln!("SKIP {}: .{} needs Graphviz on PATH", f.name, f.extensions[0]);
            continue;
        }
        let mut c = bin();
        c.arg(cmd).arg(&g);
        if f.command == Cmd::Export {
            c.args(["--format", f.name]);
        }
        let o = run(c.arg("-o").arg(&target));
        assert!(o.status.success(), "{}: {}", f.name, stderr(&o));
        assert_eq!(f.is_directory(), target.is_dir(), "{}", f.name);
        if let Err(e) = accepts(f.name, &target) {
            panic!("{}: the reader refused the output: {e}", f.name);
        }
    }
}
