//! Commands over articles: extract, build, explain, demo, and dictionary
//! checks.

use super::*;
use geokg::dict::Format;

pub(super) fn extract(a: ExtractArgs) -> Result<i32> {
    let mut out = text_out();
    let format = a.format;
    let mentions = a.mentions;
    let mut triples = 0usize;
    let (docs, warnings) = run_pipeline(&a.input, false, |_, x| {
        triples += x.triples.len();
        write_extraction(&mut out, &x, format, mentions)
    })?;
    out.flush()?;
    if warnings > 0 || docs > 1 {
        eprintln!(
            "geokg: {}, {}{}",
            plural(docs as usize, "document"),
            plural(triples, "triple"),
            if warnings > 0 {
                format!(", {}", plural(warnings as usize, "input warning"))
            } else {
                String::new()
            }
        );
    }
    Ok(0)
}

pub(super) fn write_extraction(out: &mut impl Write, x: &Extraction, format: TripleFormat, mentions: bool) -> Result<()> {
    if mentions {
        for m in &x.mentions {
            serde_json::to_writer(&mut *out, m)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    for t in &x.triples {
        match format {
            TripleFormat::Jsonl => {
                serde_json::to_writer(&mut *out, t)?;
                out.write_all(b"\n")?;
            }
            TripleFormat::Tsv => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                t.subject.name,
                t.predicate,
                t.category,
                t.object.name,
                t.evidence.doc,
                t.evidence.sentence,
                t.date.as_deref().unwrap_or(""),
                t.modality.as_str(),
                t.negated,
                t.evidence.text.replace(['\t', '\n', '\r'], " ")
            )?,
            TripleFormat::Text => writeln!(out, "{}", triple_line(t))?,
        }
    }
    Ok(())
}

pub(super) fn triple_line(t: &geokg::model::Triple) -> String {
    let mut tags = vec![t.category.as_str().to_string()];
    if t.negated {
        tags.push("negated".into());
    }
    if t.modality != Modality::Asserted {
        tags.push(t.modality.as_str().into());
    }
    if let Some(a) = &t.attribution {
        tags.push(format!("says {}", a.name));
    }
    if let Some(d) = &t.date {
        tags.push(d.clone());
    }
    format!(
        "{} -{}-> {}  [{}]  {}#{}: {}",
        t.subject.name,
        t.predicate,
        t.object.name,
        tags.join(", "),
        t.evidence.doc,
        t.evidence.sentence,
        t.evidence.text
    )
}

pub(super) fn build(a: BuildArgs) -> Result<i32> {
    // Every file the build reads: the files of input directories, the
    // dictionaries and the lexicon tables, not only the paths as given.
    let (mut read, _) = input::expand_paths(&a.input.paths)?;
    read.extend(a.input.paths.iter().cloned());
    read.extend(a.input.dicts.iter().cloned());
    read.extend(a.input.verbs.iter().cloned());
    if let Some(dir) = &a.input.lexicon {
        if let Ok(entries) = std::fs::read_dir(dir) {
            read.extend(entries.flatten().map(|e| e.path()));
        }
    }
    let Some(output) = a.output.as_ref().or(a.into.as_ref()) else {
        bail!("name the graph file to write with -o");
    };
    geokg::atomic::refuse_overwriting_input(output, &read, "input")?;
    // The graph as stored, without `resolve`: what a build writes is what
    // the documents said, and adding to it must keep it so.
    let mut g = match &a.into {
        Some(p) => KnowledgeGraph::load(p)?,
        None => KnowledgeGraph::new(),
    };
    let mut triples = 0usize;
    let (docs, warnings) = run_pipeline(&a.input, true, |d, x| {
        triples += x.triples.len();
        g.add_extraction(d, &x.triples);
        Ok(())
    })?;
    g.save(output)?;
    if a.report {
        print_report(&g)?;
    }
    eprintln!(
        "geokg: {}, {} -> {}, {} in {}{}",
        plural(docs as usize, "document"),
        plural(triples, "triple"),
        plural(g.entity_count(), "entity"),
        plural(g.relation_count(), "relation"),
        output.display(),
        if warnings > 0 {
            format!(" ({})", plural(warnings as usize, "warning"))
        } else {
            String::new()
        }
    );
    Ok(0)
}

pub(super) fn explain(a: ExplainArgs) -> Result<i32> {
    let ex = extractor(None, &a.dicts, &a.verbs)?;
    let mut out = text_out();
    let mut any = false;
    let parser = geokg::syntax::shipped()?;
    for item in input::read_file(&a.file, a.date.as_deref())? {
        let Item::Doc(doc) = item else { continue };
        let x = ex.extract(&doc);
        let tokens = geokg::text::tokenize(&doc.text);
        let sentences = geokg::text::split_sentences(&doc.text, &tokens);
        let mut parses: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
        for (t, steps) in x.triples.iter().zip(&x.explanations) {
            if a.sentence.is_some_and(|s| s != t.evidence.sentence) {
                continue;
            }
            any = true;
            writeln!(out, "{}", triple_line(t))?;
            writeln!(out, "  rule: {}  confidence: {:.2}", t.rule, t.confidence)?;
            for s in steps {
                writeln!(out, "  - {s}")?;
            }
            // The sentence's dependency parse, so that a reader can see
            // which words the parser takes as subject and object.
            if let Some(s) = sentences.iter().find(|s| s.index == t.evidence.sentence) {
                let line = parses
                    .entry(s.index)
                    .or_insert_with(|| parse_line(&parser.parse_sentence(&doc.text, &tokens, s)));
                writeln!(out, "  parse: {line}")?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if any { 0 } else { 1 })
}

/// A parse on one line: each word with its relation and head, such as
/// `Trump(nsubj>praised) praised(root) Japan(obj>praised)`.
fn parse_line(p: &geokg::syntax::Parse) -> String {
    let words: Vec<String> = p
        .words
        .iter()
        .map(|w| match w.head {
            Some(h) => format!("{}({}>{})", w.form, w.deprel, p.words[h].form),
            None => format!("{}({})", w.form, w.deprel),
        })
        .collect();
    words.join(" ")
}

/// The bundled sample article: written for geokg about real events.
const DEMO_ARTICLE: &str = include_str!("../demo_article.txt");

pub(super) fn demo(a: DemoArgs) -> Result<i32> {
    std::fs::create_dir_all(&a.output).with_context(|| format!("creating {}", a.output.display()))?;
    let ex = extractor(None, &[], &[])?;
    let mut doc = Document::new("demo", DEMO_ARTICLE);
    doc.date = Some("2024-03-08".into());
    doc.title = DEMO_ARTICLE.lines().next().map(str::to_string);
    let x = ex.extract(&doc);
    let mut g = KnowledgeGraph::new();
    g.add_extraction(&doc, &x.triples);
    let json = a.output.join("demo.json");
    g.save(&json)?;
    let view = View {
        title: Some("geokg demo: Sweden joins NATO".into()),
        ..View::default()
    };
    let options = geokg::output::Options { view, engine: None };
    let draw = |name: &str, path: &Path| -> Result<_> {
        let format = geokg::output::by_name(name).with_context(|| format!("no output format {name}"))?;
        Ok(format.write(&g, &options, path)?.engine)
    };
    let dot = a.output.join("demo.dot");
    draw("dot", &dot)?;
    let svg = a.output.join("demo.svg");
    let engine = draw("svg", &svg)?;
    let mut out = text_out();
    for t in &x.triples {
        writeln!(out, "{}", triple_line(t))?;
    }
    out.flush()?;
    if let Some(engine) = engine {
        eprintln!("geokg: laid out with {engine}");
    }
    eprintln!(
        "geokg: {}, {} -> {}, {}, {}",
        plural(x.triples.len(), "triple"),
        plural(g.entity_count(), "entity"),
        json.display(),
        dot.display(),
        svg.display()
    );
    if x.triples.is_empty() {
        bail!("the demo article gave no triples");
    }
    Ok(0)
}

pub(super) fn dict(a: DictArgs) -> Result<i32> {
    let DictCommand::Check { file } = a.command;
    let bytes = geokg::input::read_to_limit(&file, 256 << 20)?;
    let text = String::from_utf8_lossy(&bytes);
    let name = file.display().to_string();
    let (format, p) = geokg::dict::parse_any(&name, &text);
    for w in &p.warnings {
        eprintln!("geokg: warning: {w}");
    }
    for e in &p.errors {
        eprintln!("geokg: error: {e}");
    }
    let counts = match format {
        Format::Tsv | Format::Phoenix => {
            let mut by_type = std::collections::BTreeMap::new();
            for e in &p.actors {
                *by_type.entry(e.kind.as_str()).or_insert(0usize) += 1;
            }
            let aliases: usize = p.actors.iter().map(|e| e.aliases.len()).sum();
            let types: Vec<String> = by_type.iter().map(|(t, n)| format!("{n} {}", t.to_lowercase())).collect();
            format!(
                "{} ({}), {}",
                plural(p.actors.len(), "entry"),
                types.join(", "),
                plural(aliases, "synonym")
            )
        }
        Format::Agents => {
            let forms: usize = p.agents.iter().map(|a| a.forms.len()).sum();
            format!("{} ({})", plural(p.agents.len(), "agent"), plural(forms, "form"))
        }
        Format::Verbs => {
            let d = p.verbs.as_ref().map(|v| (v.verbs.len(), &v.stats));
            let Some((rows, s)) = d else {
                bail!("{name}: no verb dictionary read")
            };
            let mut out = format!(
                "{} with {} ({}), {}, {}: {} expressed as {} lexicon {}, {} repeating earlier rows, {} with a code of no ontology category, {} not expressible{}",
                plural(s.blocks, "verb block"),
                plural(s.verbs, "verb"),
                plural(s.forms, "form"),
                plural(s.synsets, "synonym set"),
                plural(s.patterns, "pattern"),
                s.expressed,
                rows,
                if rows == 1 { "row" } else { "rows" },
                s.repeated,
                s.uncategorised,
                s.unexpressed(),
                if s.unexpressed() > 0 {
                    format!(" ({})", s.reasons())
                } else {
                    String::new()
                }
            );
            if s.long_verbs > 0 {
                out.push_str(&format!(", {} of three or more words", plural(s.long_verbs, "verb")));
            }
            out.push_str(&format!(
                "; {} with a code of no ontology category, {} whose second direction has another category and is dropped",
                plural(s.uncategorised_verbs, "verb"),
                plural(s.second_direction_dropped, "two-way code"),
            ));
            out
        }
    };
    println!(
        "{name}: {} format, {counts}, {}, {}",
        format.describe(),
        plural(p.errors.len(), "error"),
        plural(p.warnings.len(), "warning")
    );
    Ok(if p.errors.is_empty() { 0 } else { 2 })
}
