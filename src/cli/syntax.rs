//! Commands over syntax: `parse` (CoNLL-U for articles or for the words of
//! an existing CoNLL-U file) and `train-parser`.

use super::*;
use geokg::syntax::{self, conllu, Model, Parse};

pub(super) fn parse(a: ParseArgs) -> Result<i32> {
    let loaded;
    let model = match &a.model {
        Some(path) => {
            loaded = read_model(path)?;
            &loaded
        }
        None => syntax::shipped()?,
    };
    let mut out = text_out();
    if let Some(file) = &a.conllu {
        let mut blocks = conllu::read(file)?;
        for b in &mut blocks {
            reparse(model, b);
            conllu::write_block(&mut out, b)?;
        }
        out.flush()?;
        return Ok(0);
    }
    poll_for_interrupts();
    let batches = Batches {
        paths: &a.paths,
        date: None,
        max_document_size: a.read.max_document_size,
        jobs: a.read.jobs,
        strict: a.read.strict,
        progress: false,
    };
    let mut sentences = 0usize;
    let mut chunked = 0usize;
    let (docs, warnings) = batches.run(
        |d| model.parse_text(&d.text),
        |d, parses| {
            for p in &parses {
                sentences += 1;
                if p.chunked {
                    chunked += 1;
                    eprintln!(
                        "geokg: warning: {} sentence {}: more than {} words, parsed in chunks",
                        d.id,
                        p.sentence,
                        syntax::MAX_WORDS
                    );
                }
                conllu::write_block(&mut out, &block_of(&d.id, &d.text, p))?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    if warnings > 0 || docs > 1 {
        eprintln!(
            "geokg: {docs} documents, {sentences} sentences{}{}",
            if chunked > 0 {
                format!(", {chunked} parsed in chunks")
            } else {
                String::new()
            },
            if warnings > 0 {
                format!(", {warnings} input warnings")
            } else {
                String::new()
            }
        );
    }
    Ok(0)
}

/// Replaces the tags, heads and labels of a block's words with the model's,
/// keeping forms, comments, multiword lines and MISC.
fn reparse(model: &Model, b: &mut conllu::Block) {
    let forms: Vec<String> = b.words().map(|w| w.form.clone()).collect();
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let an = model.analyse(&refs);
    for (i, w) in b.words_mut().enumerate() {
        w.upos = model.upos(an.tags[i]).as_str().to_string();
        w.xpos = model.xpos(an.tags[i]).to_string();
        w.head = an.heads[i];
        w.deprel = model.label(an.labels[i]).to_string();
        w.lemma = "_".into();
        w.feats = "_".into();
        w.deps = "_".into();
    }
}

/// The CoNLL-U block of one story sentence: `# doc`, `# sent_id` and
/// `# text` comments, and the byte span of each word in MISC
/// (`TokenRange=START:END`, as UDPipe writes it, plus `SpaceAfter=No`).
fn block_of(doc: &str, text: &str, p: &Parse) -> conllu::Block {
    let (start, end) = match (p.words.first(), p.words.last()) {
        (Some(f), Some(l)) => (f.start, l.end),
        _ => (0, 0),
    };
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut b = conllu::Block {
        comments: vec![
            format!("doc = {}", one_line(doc)),
            format!("sent_id = {}-{}", one_line(doc), p.sentence),
            format!("text = {}", one_line(text.get(start..end).unwrap_or(""))),
        ],
        lines: Vec::with_capacity(p.words.len()),
    };
    for (i, w) in p.words.iter().enumerate() {
        let mut misc = format!("TokenRange={}:{}", w.start, w.end);
        if p.words.get(i + 1).is_some_and(|n| n.start == w.end) {
            misc.push_str("|SpaceAfter=No");
        }
        b.lines.push(conllu::Line::Word(conllu::WordLine {
            id: i + 1,
            form: w.form.to_string(),
            lemma: "_".into(),
            upos: w.upos.as_str().into(),
            xpos: w.xpos.to_string(),
            feats: "_".into(),
            head: w.head.map_or(0, |h| h + 1),
            deprel: w.deprel.to_string(),
            deps: "_".into(),
            misc,
        }));
    }
    b
}

/// Reads a model file written by `train-parser`.
fn read_model(path: &std::path::Path) -> Result<Model> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(Model::from_bytes(&path.display().to_string(), &bytes)?)
}

pub(super) fn train_parser(a: TrainParserArgs) -> Result<i32> {
    if let Some(path) = &a.evaluate {
        let loaded;
        let model = if path.as_os_str() == "builtin" {
            syntax::shipped()?
        } else {
            loaded = read_model(path)?;
            &loaded
        };
        return evaluate_dev(model, &a.ud);
    }
    let Some(output) = &a.output else {
        bail!("train-parser needs -o FILE (or --evaluate FILE)")
    };
    let started = std::time::Instant::now();
    let mut train = Vec::new();
    for name in ["en_ewt-train.conllu", "en_gum-train.conllu"] {
        let path = a.ud.join(name);
        if !path.exists() {
            bail!(
                "{} is missing (expected the UD English-EWT and English-GUM train files)",
                path.display()
            );
        }
        let blocks = conllu::read(&path)?;
        eprintln!("geokg: {}: {} sentences", path.display(), blocks.len());
        train.extend(blocks);
    }
    let defaults = syntax::train::Settings::default();
    let settings = syntax::train::Settings {
        tagger_epochs: a.tagger_epochs.unwrap_or(defaults.tagger_epochs),
        parser_epochs: a.parser_epochs.unwrap_or(defaults.parser_epochs),
        folds: a.folds.unwrap_or(defaults.folds),
        seed: a.seed,
        min_weight: a.min_weight.map_or(defaults.min_weight, |m| m.min(32767) as i32),
    };
    eprintln!("geokg: training with {settings:?}");
    let model = syntax::train::train(&train, &settings, &mut |line| eprintln!("geokg: {line}"));
    let bytes = model.to_bytes();
    geokg::graph::write_atomic(output, |w| w.write_all(&bytes))?;
    eprintln!(
        "geokg: wrote {} ({:.1} MB; {}) in {:.0} s",
        output.display(),
        bytes.len() as f64 / 1e6,
        model.summary(),
        started.elapsed().as_secs_f64()
    );
    evaluate_dev(&model, &a.ud)
}

/// Prints a model's scores on the dev files found in `ud`, on gold words
/// and on geokg's own words of each `# text` line.
fn evaluate_dev(model: &Model, ud: &std::path::Path) -> Result<i32> {
    // Only the dev files are ever read for scores: the test splits are
    // held out for measuring the project.
    for name in ["en_ewt-dev.conllu", "en_gum-dev.conllu"] {
        let path = ud.join(name);
        if !path.exists() {
            continue;
        }
        let blocks = conllu::read(&path)?;
        let s = syntax::train::evaluate(model, &blocks);
        println!(
            "{name} gold tokens: {} sentences, {} words; UPOS {:.4}, UAS {:.4}, LAS {:.4}",
            s.sentences, s.words, s.upos, s.uas, s.las
        );
        let t = syntax::train::evaluate_text(model, &blocks);
        println!(
            "{name} geokg tokens of # text: {} sentences, {} gold words; word F1 {:.4}, UPOS {:.4}, UAS {:.4}, LAS {:.4}",
            t.sentences, t.gold_words, t.word_f1, t.upos, t.uas, t.las
        );
    }
    Ok(0)
}
