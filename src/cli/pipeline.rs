//! Reading inputs and extracting them in parallel, in input order: the
//! engine under `extract`, `build` and `parse`.

use super::*;

pub(super) fn extractor(lexicon: Option<&Path>, dicts: &[PathBuf], verbs: &[PathBuf]) -> Result<Extractor> {
    let lex = Lexicon::load_with(lexicon, dicts, verbs).context("loading the lexicon")?;
    for w in &lex.warnings {
        eprintln!("geokg: warning: {}", geokg::terminal::clean(w));
    }
    Ok(Extractor::new(lex))
}

/// Counts the documents the inputs hold (lines of JSONL files), cheaply,
/// for the progress bar.
pub(super) fn count_documents(files: &[PathBuf]) -> u64 {
    let mut n = 0u64;
    for f in files {
        if f.extension().is_some_and(|e| e == "jsonl") {
            // Streamed in blocks: a corpus is never held in memory to be counted.
            if let Ok(file) = std::fs::File::open(f) {
                let mut r = std::io::BufReader::with_capacity(1 << 16, file);
                while let Ok(block) = std::io::BufRead::fill_buf(&mut r) {
                    if block.is_empty() {
                        break;
                    }
                    n += block.iter().filter(|&&b| b == b'\n').count() as u64;
                    let len = block.len();
                    std::io::BufRead::consume(&mut r, len);
                }
            }
        } else {
            n += 1;
        }
    }
    n
}

/// Reads the inputs in batches, extracts each batch in parallel and hands
/// the results to `sink` in input order, so that output never depends on
/// the number of threads.
pub(super) fn run_pipeline(
    args: &InputArgs,
    progress: bool,
    mut sink: impl FnMut(&Document, Extraction) -> Result<()>,
) -> Result<(u64, u64)> {
    let ex = extractor(args.lexicon.as_deref(), &args.dicts, &args.verbs)?;
    let batches = Batches::of(args, progress);
    batches.run(
        |d| ex.extract(d),
        |d, x| {
            for w in &x.warnings {
                eprintln!("geokg: warning: {}", geokg::terminal::clean(&w.to_string()));
            }
            sink(d, x)
        },
    )
}

/// How to read a set of inputs: the part of `InputArgs` that every
/// command over articles shares (`extract`, `build`, `parse`).
pub(super) struct Batches<'a> {
    pub paths: &'a [PathBuf],
    pub date: Option<&'a str>,
    pub jobs: Option<usize>,
    pub strict: bool,
    pub progress: bool,
    /// The largest document read (a plain-text file or a JSONL line).
    pub max_document_size: u64,
}

impl<'a> Batches<'a> {
    /// The reading options of a command's input arguments.
    pub(super) fn of(args: &'a InputArgs, progress: bool) -> Batches<'a> {
        Batches {
            paths: &args.paths,
            date: args.date.as_deref(),
            jobs: args.read.jobs,
            strict: args.read.strict,
            progress,
            max_document_size: args.read.max_document_size,
        }
    }

    /// Reads the inputs in batches, runs `work` on each batch in parallel
    /// and hands the results to `sink` in input order. Returns the number
    /// of documents and of input warnings.
    pub(super) fn run<T: Send>(
        &self,
        work: impl Fn(&Document) -> T + Sync,
        mut sink: impl FnMut(&Document, T) -> Result<()>,
    ) -> Result<(u64, u64)> {
        // This loop checks for Ctrl-C between batches and stops cleanly.
        poll_for_interrupts();
        let (files, walk_warnings) = input::expand_paths(self.paths)?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.unwrap_or(0))
            .build()
            .context("starting worker threads")?;
        let bar = if self.progress && std::io::stderr().is_terminal() {
            let total = count_documents(&files);
            if total > 5 {
                let b = indicatif::ProgressBar::new(total);
                b.set_style(
                    indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed} (eta {eta})")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                Some(b)
            } else {
                None
            }
        } else {
            None
        };
        let (mut docs, mut warnings) = (0u64, walk_warnings.len() as u64);
        for w in &walk_warnings {
            eprintln!("geokg: warning: {}", geokg::terminal::clean(&w.to_string()));
        }
        const BATCH: usize = 512;
        let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
        let mut flush = |batch: &mut Vec<Document>| -> Result<()> {
            let results: Vec<T> = pool.install(|| batch.par_iter().map(&work).collect());
            for (d, x) in batch.iter().zip(results) {
                sink(d, x)?;
            }
            if let Some(b) = &bar {
                b.inc(batch.len() as u64);
            }
            batch.clear();
            Ok(())
        };
        'files: for path in &files {
            for item in input::read_file_with(path, self.date, self.max_document_size)? {
                if interrupted() {
                    break 'files;
                }
                match item {
                    Item::Warning(w) => {
                        warnings += 1;
                        // File names and record text come from the corpus.
                        let w = geokg::terminal::clean(&w.to_string());
                        if let Some(b) = &bar {
                            b.suspend(|| eprintln!("geokg: warning: {w}"));
                        } else {
                            eprintln!("geokg: warning: {w}");
                        }
                    }
                    Item::Doc(d) => {
                        docs += 1;
                        batch.push(d);
                        if batch.len() == BATCH {
                            flush(&mut batch)?;
                        }
                    }
                }
            }
        }
        if interrupted() {
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            bail!(
                "interrupted after {docs} documents; output is incomplete and no graph file was written (run the command again to rebuild)"
            );
        }
        flush(&mut batch)?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        if self.strict && warnings > 0 {
            bail!("{warnings} input warnings and --strict is set");
        }
        Ok((docs, warnings))
    }
}
