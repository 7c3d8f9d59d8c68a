//! `apigw-import`: writes one spec per operation page of an API reference.
//!
//! A directory is walked for `*.rst` pages; pages without a `URI` section (indexes, overviews)
//! are not operations and are counted as skipped. The pages given are one run, imported together
//! by `apigw_import::import_pages`, so that their operation ids are unique (pages that share an
//! id get a suffix, with a warning). Each spec goes to
//! `OUT/<folder of the page>/<operation_id in snake case>.toml`, the folder taken relative to
//! the directory given.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Imports API reference pages (reStructuredText) into apigw spec files.
#[derive(Parser, Debug)]
#[command(name = "apigw-import", version)]
struct Args {
    /// What page paths are shown and recorded relative to (the spec's `reference` key).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where the specs go.
    #[arg(long, default_value = "specs")]
    out: PathBuf,
    /// Write nothing; fail if any spec differs from the file already in OUT (or a file in OUT
    /// has no page).
    #[arg(long)]
    check: bool,
    /// When OUT has no service file yet, write one for the service of this short name (`evs`):
    /// its title from the reference's index page (`index.rst` in ROOT), its endpoint from the
    /// hosts the pages' request URLs name, else the family's pattern
    /// (`apigw_import::service_file`).
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// Pages, or directories to walk for `*.rst` pages.
    #[arg(required = true, value_name = "PAGE_OR_DIR")]
    inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    // (page path, folder of its spec relative to OUT)
    let mut pages: Vec<(PathBuf, PathBuf)> = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let found = match apigw_import::files_under(input, "rst") {
                Ok(found) => found,
                Err(e) => {
                    eprintln!("error: {}: {e}", input.display());
                    return ExitCode::FAILURE;
                }
            };
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
    // The operation pages of the run: (folder of its spec, (page path shown, text)).
    let mut folders: Vec<&Path> = Vec::new();
    let mut operations: Vec<(String, String)> = Vec::new();
    // The error-code pages (appendix) of the run: (page path shown, text).
    let mut error_pages: Vec<(String, String)> = Vec::new();
    // Every page read, whose labelled tables a row of an operation page may refer to.
    let mut all: Vec<(String, String)> = Vec::new();
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
        all.push((shown.clone(), text.clone()));
        if !apigw_import::is_operation_page(&text) {
            if apigw_import::errors::is_error_code_page(&text) {
                error_pages.push((shown, text));
            }
            skipped += 1;
            continue;
        }
        folders.push(folder);
        operations.push((shown, text));
    }
    // Imported together, so that the operation ids of the run are unique, and with the
    // labelled tables of every page of the run.
    let library = apigw_import::Library::of(&all);
    let results = apigw_import::import_pages_with(&operations, &library);

    let mut expected: BTreeSet<PathBuf> = BTreeSet::new();
    let mut differ = Vec::new();
    let mut imported_specs = Vec::new();
    for ((folder, (shown, _)), result) in folders.iter().zip(&operations).zip(results) {
        let imported = match result {
            Ok(i) => i,
            Err(e) => {
                eprintln!("error: {shown}:{}: {}", e.line, e.message);
                errors += 1;
                continue;
            }
        };
        if args.service.is_some() {
            imported_specs.push(imported.spec.clone());
        }
        for w in &imported.warnings {
            eprintln!("warning: {shown}:{}: {}", w.line, w.message);
            warnings += 1;
        }
        let target = args
            .out
            .join(folder)
            .join(apigw_import::spec_file_name(&imported.spec.operation.id));
        if !expected.insert(target.clone()) {
            eprintln!("error: {shown}: a second page for {}", target.display());
            errors += 1;
            continue;
        }
        if args.check {
            if std::fs::read_to_string(&target).ok().as_deref() != Some(imported.text.as_str()) {
                differ.push(target);
            }
        } else {
            let result = std::fs::create_dir_all(target.parent().unwrap_or(Path::new(".")))
                .and_then(|()| std::fs::write(&target, &imported.text));
            if let Err(e) = result {
                eprintln!("error: {}: {e}", target.display());
                errors += 1;
                continue;
            }
        }
        written += 1;
    }
    // A new service's file, before the error codes (whose header names its title).
    if let Some(name) = &args.service {
        let target = args.out.join(apigw_spec::service::FILE_NAME);
        if !args.check && !target.exists() {
            let index = std::fs::read_to_string(args.root.join("index.rst")).ok();
            let reference = std::fs::canonicalize(&args.root)
                .ok()
                .and_then(|root| root.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            let specs: Vec<&apigw_spec::Spec> = imported_specs.iter().collect();
            let service = apigw_import::service_file::new_service(
                name,
                &reference,
                index.as_deref(),
                &operations,
                &specs,
            );
            let header = format!(
                "The {} service: what its operations share (see docs/spec-format.md, \"The service file\").",
                service.title.value
            );
            let text = apigw_spec::service::write(&header, &service);
            let written =
                std::fs::create_dir_all(&args.out).and_then(|()| std::fs::write(&target, text));
            if let Err(e) = written {
                eprintln!("error: {}: {e}", target.display());
                errors += 1;
            } else {
                eprintln!(
                    "wrote {} (endpoint {})",
                    target.display(),
                    service.endpoint.value
                );
            }
        }
    }
    // The service's error codes, from its error-code pages, beside its service file.
    match apigw_import::errors::collect(&error_pages) {
        Ok(codes) if !codes.is_empty() => {
            let target = args.out.join(apigw_spec::service::ERRORS_FILE_NAME);
            expected.insert(target.clone());
            let service = args.out.join(apigw_spec::service::FILE_NAME);
            let title = std::fs::read_to_string(&service)
                .ok()
                .and_then(|text| apigw_spec::service::load("", &text).ok())
                .map(|s| s.title.value)
                .unwrap_or_else(|| "the service".to_owned());
            let text = apigw_import::errors::write(&title, &codes);
            if args.check {
                if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
                    differ.push(target);
                }
            } else if let Err(e) = std::fs::write(&target, &text) {
                eprintln!("error: {}: {e}", target.display());
                errors += 1;
            }
        }
        Ok(_) => {}
        Err((shown, e)) => {
            eprintln!("error: {shown}:{}: {}", e.line, e.message);
            errors += 1;
        }
    }
    if args.check && args.inputs.iter().all(|i| i.is_dir()) {
        // A spec in OUT is stale when it says it was imported from a page under the
        // directories given, and no page imported to it (specs of other references that share
        // OUT are not this run's to judge).
        // The service file, the crate's manifest and sources are not operations' specs.
        let operations = apigw_spec::service::operation_files(&args.out).unwrap_or_default();
        let operations = operations.into_iter();
        for stale in operations.filter(|p| !expected.contains(p)) {
            let from = std::fs::read_to_string(&stale)
                .ok()
                .and_then(|text| apigw_spec::load("", &text).ok())
                .and_then(|spec| spec.operation.reference)
                .map(|page| args.root.join(page));
            if from.is_none_or(|page| args.inputs.iter().any(|dir| page.starts_with(dir))) {
                eprintln!("error: {}: no page imports to this spec", stale.display());
                errors += 1;
            }
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
