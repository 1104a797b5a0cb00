//! Time and events (issue 16): validity of offices, event records, PLOVER
//! records and removing documents, on `tests/fixtures/terms.jsonl`: one
//! strike reported by three outlets in three wordings, a retracted report,
//! and a president replaced mid-corpus who is later called "former".

use super::*;

fn terms_graph(tmp: &Path) -> PathBuf {
    let out = tmp.join("terms.json");
    let o = run(bin().arg("build").arg(fixture("terms.jsonl")).arg("-o").arg(&out));
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn one_strike_reported_by_three_outlets_is_one_event_record() {
    let tmp = tempfile::tempdir().unwrap();
    let g = terms_graph(tmp.path());
    let o = run(bin().arg("events").arg(&g).args(["--category", "ASSAULT", "--format", "json"]));
    assert!(o.status.success());
    let v = json(&o);
    let strike = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"]["name"] == "Russia" && e["target"]["name"] == "Ukraine")
        .expect("the strike on Ukraine");
    assert_eq!(strike["statements"], 3, "{strike}");
    assert_eq!(strike["documents"], 3);
    assert_eq!(strike["sources"], 3, "three outlets");
    assert_eq!(strike["place"]["name"], "Kharkiv");
    assert_eq!(strike["dead"], 14, "the largest toll any statement gives");
    assert_eq!(strike["injured"], 30);
    let predicates: Vec<&str> = strike["predicates"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert_eq!(predicates, ["attacked", "shelled", "struck"]);
    // The timeline counts the event once, or its three statements on request.
    let o = run(bin()
        .arg("timeline")
        .arg(&g)
        .args(["Russia", "Ukraine", "--by", "day", "--format", "json"]));
    let row = &json(&o)["rows"][0];
    assert_eq!((row["events"].as_u64(), row["statements"].as_u64()), (Some(1), Some(3)), "{row}");
    assert_eq!(row["categories"]["ASSAULT"], 1);
    let o = run(bin()
        .arg("timeline")
        .arg(&g)
        .args(["Russia", "Ukraine", "--by", "day", "--count", "statements", "--format", "json"]));
    assert_eq!(json(&o)["rows"][0]["categories"]["ASSAULT"], 3);
}

#[test]
fn plover_export_writes_one_record_per_event_with_plover_field_names() {
    let tmp = tempfile::tempdir().unwrap();
    let g = terms_graph(tmp.path());
    let o = run(bin().arg("export").arg(&g).args(["--format", "plover"]));
    assert!(o.status.success());
    let records = jsonl(&o);
    let strike = records
        .iter()
        .find(|r| r["srcActor"] == "Russia" && r["tgtActor"] == "Ukraine")
        .expect("the strike");
    for field in [
        "id",
        "date",
        "event",
        "mode",
        "context",
        "eventText",
        "srcActor",
        "tgtActor",
        "eventLoc",
        "dead",
        "injured",
    ] {
        assert!(strike.get(field).is_some(), "missing {field}: {strike}");
    }
    assert_eq!(strike["event"], "ASSAULT");
    assert_eq!(strike["date"], "2025-03-04");
    assert_eq!(strike["eventLoc"], "Kharkiv");
    assert_eq!(strike["geokg"]["statements"], 3);
    let ids: std::collections::BTreeSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), records.len(), "record ids are unique");
}

#[test]
fn a_president_replaced_mid_corpus_gets_a_closed_term() {
    let tmp = tempfile::tempdir().unwrap();
    let g = terms_graph(tmp.path());
    let o = run(bin().arg("holders").arg(&g).args(["president-of", "Chile", "--format", "json"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let holders = v["holders"].as_array().unwrap();
    assert_eq!(holders.len(), 2, "{v}");
    assert_eq!(holders[0]["name"], "Marta Soler");
    assert_eq!(holders[0]["valid_from"], "2025-01-15");
    assert_eq!(holders[0]["valid_until"], "2025-06-10");
    assert_eq!(holders[0]["valid_until_basis"], "successor");
    assert_eq!(holders[1]["name"], "Diego Ruiz");
    assert!(holders[1]["valid_until"].is_null());
    assert!(v["contradictions"].as_array().unwrap().is_empty());
    // As of a day, only the holder of that day leads Chile.
    let leader_on = |day: &str| {
        let o = run(bin()
            .arg("neighbors")
            .arg(&g)
            .args(["Chile", "--category", "LEADER_OF", "--as-of", day, "--format", "json"]));
        let v = json(&o);
        v["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["subject"]["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(leader_on("2025-05-01"), ["Marta Soler"]);
    assert_eq!(leader_on("2025-06-15"), ["Diego Ruiz"]);
    // The view keeps the term the whole graph gives, successor and all.
    let o = run(bin()
        .arg("neighbors")
        .arg(&g)
        .args(["Chile", "--category", "LEADER_OF", "--as-of", "2025-05-01", "--format", "json"]));
    assert_eq!(json(&o)["relations"][0]["valid_until"], "2025-06-10");
    // Events stated after the day are not in its view.
    let o = run(bin().arg("events").arg(&g).args(["--as-of", "2025-02-01", "--format", "json"]));
    let dates: Vec<String> = json(&o)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect();
    assert!(!dates.is_empty() && dates.iter().all(|d| d.as_str() <= "2025-02-01"), "{dates:?}");
}

#[test]
fn former_office_holders_are_marked_and_never_current() {
    let tmp = tempfile::tempdir().unwrap();
    let article = write(
        tmp.path(),
        "former.txt",
        b"Former Chilean President Marta Soler criticised Peru on Monday.\n",
    );
    let o = run(bin().arg("extract").arg(&article).args(["--date", "2025-07-01"]));
    let triples = jsonl(&o);
    let role = triples.iter().find(|t| t["category"] == "LEADER_OF").expect("the role is kept");
    assert_eq!(role["former"], true, "{role}");
    let g = tmp.path().join("g.json");
    assert!(run(bin().arg("build").arg(&article).args(["--date", "2025-07-01", "-o"]).arg(&g))
        .status
        .success());
    let o = run(bin()
        .arg("neighbors")
        .arg(&g)
        .args(["Chile", "--as-of", "2025-07-02", "--category", "LEADER_OF"]));
    assert_eq!(o.status.code(), Some(1), "a former president leads nothing: {}", stdout(&o));
}

#[test]
fn two_current_presidents_of_one_country_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = write(
        tmp.path(),
        "clash.jsonl",
        concat!(
            "{\"id\":\"x-1\",\"date\":\"2025-02-01\",\"text\":\"Peruvian President Ana Quispe visited Chile.\"}\n",
            "{\"id\":\"x-2\",\"date\":\"2025-02-03\",\"text\":\"Peruvian President Luis Mayta visited Bolivia.\"}\n",
            "{\"id\":\"x-3\",\"date\":\"2025-02-05\",\"text\":\"Peruvian President Ana Quispe visited Ecuador.\"}\n"
        )
        .as_bytes(),
    );
    let g = tmp.path().join("g.json");
    assert!(run(bin().arg("build").arg(&docs).arg("-o").arg(&g)).status.success());
    let o = run(bin().arg("holders").arg(&g).args(["president-of", "Peru"]));
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("Ana Quispe and Luis Mayta are both stated as president-of Peru"),
        "{}",
        stderr(&o)
    );
    let o = run(bin().arg("stats").arg(&g));
    assert!(
        stdout(&o).contains("  Ana Quispe and Luis Mayta: president-of Peru from 2025-02-03"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn removing_a_retracted_article_and_merging_it_back_gives_the_original_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let g = terms_graph(t);
    let removed = t.join("removed.json");
    let o = run(bin().arg("remove").arg(&g).args(["--doc", "tabloid-4", "-o"]).arg(&removed));
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("removed 1 document, 1 statement and 1 relation"),
        "{}",
        stderr(&o)
    );
    let o = run(bin().arg("events").arg(&removed).args(["--entity", "Belgorod"]));
    assert_eq!(o.status.code(), Some(2), "the place only the retracted article named is gone");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&removed).unwrap()).unwrap();
    assert!(v["documents"].as_array().unwrap().iter().all(|d| d["id"] != "tabloid-4"));
    // The retracted article's own graph, merged back, restores the file.
    let article = write(
        t,
        "tabloid.jsonl",
        std::fs::read_to_string(fixture("terms.jsonl"))
            .unwrap()
            .lines()
            .nth(3)
            .unwrap()
            .as_bytes(),
    );
    let back = t.join("back.json");
    assert!(run(bin().arg("build").arg(&article).arg("-o").arg(&back)).status.success());
    let merged = t.join("merged.json");
    assert!(run(bin().arg("merge").arg(&removed).arg(&back).arg("-o").arg(&merged))
        .status
        .success());
    assert_eq!(std::fs::read(&merged).unwrap(), std::fs::read(&g).unwrap());
    // By outlet, and a name that matches nothing is a warning, not an error.
    let o = run(bin()
        .arg("remove")
        .arg(&g)
        .args(["--source", "Wire One", "--doc", "no-such-doc", "-o"])
        .arg(t.join("r2.json")));
    assert!(o.status.success());
    assert!(stderr(&o).contains("removed 3 documents"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no document \"no-such-doc\""), "{}", stderr(&o));
    let o = run(bin().arg("remove").arg(&g).arg("-o").arg(t.join("r3.json")));
    assert_eq!(o.status.code(), Some(2), "nothing to remove is a usage error");
}

#[test]
fn graph_files_written_before_terms_still_load_and_get_them() {
    let tmp = tempfile::tempdir().unwrap();
    // A version 1 file as geokg wrote it before terms, event details and
    // former roles existed: none of their fields.
    let old = concat!(
        r#"{"format":"geokg-graph","version":1,"documents":[{"id":"d1","title":null,"date":"2025-02-01","url":null,"source":"Wire","sha256":""}],"#,
        r#""entities":[{"id":"country:PER","name":"Peru","type":"COUNTRY","aliases":[]},{"id":"person:ana-quispe","name":"Ana Quispe","type":"PERSON","aliases":[]}],"#,
        r#""relations":[{"subject":"person:ana-quispe","predicate":"president-of","category":"LEADER_OF","object":"country:PER","symmetric":false,"documents":1,"corroboration":1,"sources":1,"first_date":"2025-02-01","last_date":"2025-02-01","#,
        r#""evidence":[{"doc":"d1","sentence":0,"span":[0,30],"text":"Peruvian President Ana Quispe.","date":"2025-02-01","modality":"asserted","negated":false,"attribution":null,"rule":"title-name"}]}]}"#,
        "\n"
    );
    let g = write(tmp.path(), "old.json", old.as_bytes());
    let o = run(bin().arg("holders").arg(&g).args(["president-of", "Peru", "--format", "json"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["holders"][0]["valid_from"], "2025-02-01");
    let again = tmp.path().join("again.json");
    assert!(run(bin().arg("merge").arg(&g).arg("-o").arg(&again)).status.success());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["relations"][0]["valid_from_basis"], "statement", "terms are derived on load");
}
