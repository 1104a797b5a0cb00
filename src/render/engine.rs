//! Laying DOT out: the system Graphviz (with a timeout) when it is on PATH,
//! else the in-process graphviz-pure port for SVG.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Which program laid out a diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    System { program: String, path: PathBuf },
    Pure { layout: String },
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Engine::System { program, path } => write!(f, "Graphviz {program} ({})", path.display()),
            Engine::Pure { layout } => write!(f, "graphviz-pure {layout} (in-process; no Graphviz on PATH)"),
        }
    }
}

/// The layout engine for a graph of this size: `dot` draws small graphs
/// well but takes minutes on a few hundred labelled edges.
pub fn auto_layout(nodes: usize, edges: usize) -> &'static str {
    if nodes <= 120 && edges <= 250 {
        "dot"
    } else {
        "sfdp"
    }
}

/// The Graphviz layout programs geokg runs. `--engine` names one of these,
/// never a path or another program: whatever it names is executed.
pub const LAYOUTS: [&str; 8] = ["dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"];

/// Checks a layout name against [`LAYOUTS`].
pub fn check_layout(layout: &str) -> Result<()> {
    if LAYOUTS.contains(&layout) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "unknown layout engine {layout:?} (one of {})",
            LAYOUTS.join(", ")
        )))
    }
}

fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Command-line attributes for a layout program. Spline routing around
/// nodes is what makes the force-directed engines slow on big graphs (a
/// 2,000-entity graph did not finish in 600 s with it, and takes 14 s
/// without), so only `dot` routes splines.
fn layout_args(layout: &str, format: &str) -> Vec<String> {
    let mut args = vec![format!("-T{format}")];
    if layout != "dot" {
        args.push("-Gsplines=false".into());
    }
    args
}

/// Lays out DOT text and returns SVG, with the engine that ran.
pub fn svg(dot: &str, layout: &str, timeout: Duration) -> Result<(String, Engine)> {
    check_layout(layout)?;
    if let Some(path) = find_program(layout) {
        let args = layout_args(layout, "svg");
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_with_timeout(&path, &args, dot.as_bytes(), timeout)?;
        let svg = String::from_utf8_lossy(&out).into_owned();
        return Ok((
            svg,
            Engine::System {
                program: layout.to_string(),
                path,
            },
        ));
    }
    let rendered = graphviz_pure::render_dot(dot, layout, "svg").map_err(|e| Error::Render(format!("graphviz-pure: {e}")))?;
    Ok((
        rendered.into_output(),
        Engine::Pure {
            layout: layout.to_string(),
        },
    ))
}

/// Lays out DOT text as PNG or PDF bytes; needs the system Graphviz (the
/// in-process port draws only SVG).
pub fn raster(dot: &str, layout: &str, format: &str, timeout: Duration) -> Result<(Vec<u8>, Engine)> {
    check_layout(layout)?;
    let Some(path) = find_program(layout) else {
        return Err(Error::Usage(format!(
            "{format} output needs Graphviz's {layout} on PATH (for example `apt-get install graphviz`); .svg and .dot work without it"
        )));
    };
    let args = layout_args(layout, format);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_with_timeout(&path, &args, dot.as_bytes(), timeout)?;
    Ok((
        out,
        Engine::System {
            program: layout.to_string(),
            path,
        },
    ))
}

fn run_with_timeout(program: &Path, args: &[&str], input: &[u8], timeout: Duration) -> Result<Vec<u8>> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Render(format!("cannot run {}: {e}", program.display())))?;
    let mut stdin = child.stdin.take().ok_or_else(|| Error::Render("no stdin".into()))?;
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().ok_or_else(|| Error::Render("no stdout".into()))?;
    let mut stderr = child.stderr.take().ok_or_else(|| Error::Render("no stderr".into()))?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| Error::Render(e.to_string()))? {
            break s;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::Render(format!(
                "{} did not finish in {} s (try a smaller view with --max-nodes, --focus or --category, or --engine sfdp)",
                program.display(),
                timeout.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(Error::Render(format!("{} failed: {}", program.display(), err.trim())));
    }
    Ok(out)
}
