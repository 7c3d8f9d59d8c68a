//! `apigw-import`: writes one spec per API reference page.
//!
//! ```text
//! apigw-import [--root DIR] [--out DIR] [--check] PAGE_OR_DIR...
//! ```
//!
//! A directory is walked for `*.rst` pages; pages without a `URI` section (indexes, overviews)
//! are not operations and are counted as skipped. Each spec goes to
//! `OUT/<folder of the page>/<operation_id in snake case>.toml`, the folder taken relative to
//! the directory given. `--root` is what page paths are shown and recorded relative to (the
//! spec's `reference` key); `--check` writes nothing and fails if any spec differs from the
//! file already in `OUT` (or a file in `OUT` has no page).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    root: PathBuf,
    out: PathBuf,
    check: bool,
    inputs: Vec<PathBuf>,
}

const USAGE: &str = "usage: apigw-import [--root DIR] [--out DIR] [--check] PAGE_OR_DIR...";

fn args() -> Result<Args, String> {
    let mut args = Args {
        root: PathBuf::from("."),
        out: PathBuf::from("specs"),
        check: false,
        inputs: Vec::new(),
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        match arg.to_str() {
            Some("--root") => args.root = it.next().ok_or("--root needs a directory")?.into(),
            Some("--out") => args.out = it.next().ok_or("--out needs a directory")?.into(),
            Some("--check") => args.check = true,
            Some("-h" | "--help") => return Err(String::new()),
            Some(flag) if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ => args.inputs.push(arg.into()),
        }
    }
    if args.inputs.is_empty() {
        return Err("no page or directory given".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    // (page path, folder of its spec relative to OUT)
    let mut pages: Vec<(PathBuf, PathBuf)> = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(input, &mut found) {
                eprintln!("error: {}: {e}", input.display());
                return ExitCode::FAILURE;
            }
            for page in found {
                let folder = page
                    .parent()
                    .and_then(|p| p.strip_prefix(input).ok())
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                pages.push((page, folder));
            }
        } else {
            pages.push((input.clone(), PathBuf::new()));
        }
    }
    pages.sort();

    let (mut written, mut skipped, mut errors, mut warnings) = (0, 0, 0, 0);
    let mut expected: BTreeSet<PathBuf> = BTreeSet::new();
    let mut differ = Vec::new();
    for (page, folder) in &pages {
        let shown = page
            .strip_prefix(&args.root)
            .unwrap_or(page)
            .to_string_lossy()
            .replace('\\', "/");
        let text = match std::fs::read_to_string(page) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {shown}: {e}");
                errors += 1;
                continue;
            }
        };
        if !text.lines().any(|l| l.trim() == "URI") {
            skipped += 1;
            continue;
        }
        let imported = match apigw_import::import_page(&shown, &text) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("error: {shown}:{}: {}", e.line, e.message);
                errors += 1;
                continue;
            }
        };
        for w in &imported.warnings {
            eprintln!("warning: {shown}:{}: {}", w.line, w.message);
            warnings += 1;
        }
        let target = args
            .out
            .join(folder)
            .join(apigw_import::spec_file_name(&imported.operation.id));
        if !expected.insert(target.clone()) {
            eprintln!("error: {shown}: a second page for {}", target.display());
            errors += 1;
            continue;
        }
        if args.check {
            if std::fs::read_to_string(&target).ok().as_deref() != Some(imported.spec.as_str()) {
                differ.push(target);
            }
        } else {
            let result = std::fs::create_dir_all(target.parent().unwrap_or(Path::new(".")))
                .and_then(|()| std::fs::write(&target, &imported.spec));
            if let Err(e) = result {
                eprintln!("error: {}: {e}", target.display());
                errors += 1;
                continue;
            }
        }
        written += 1;
    }
    if args.check && args.inputs.iter().all(|i| i.is_dir()) {
        let mut present = Vec::new();
        let _ = walk_ext(&args.out, "toml", &mut present);
        for stale in present.into_iter().filter(|p| !expected.contains(p)) {
            eprintln!("error: {}: no page imports to this spec", stale.display());
            errors += 1;
        }
    }
    for d in &differ {
        eprintln!("error: {} differs from a fresh import", d.display());
    }
    let verb = if args.check { "checked" } else { "wrote" };
    eprintln!(
        "{verb} {written} specs from {} pages ({skipped} not operations), {warnings} warnings, {} errors, in {} ms",
        pages.len(),
        errors + differ.len(),
        started.elapsed().as_millis()
    );
    if errors + differ.len() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    walk_ext(dir, "rst", out)
}

fn walk_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk_ext(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}
