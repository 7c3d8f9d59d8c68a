//! The importer over every vendored reference (`reference/<service>/`): the committed specs are
//! exactly a fresh import, every imported spec loads, no two operations of a service (one
//! client) share an id, a method or a request type name, and `reference/COVERAGE.md` is what the
//! importer makes of the pages today — so a page that stops importing, or a report left stale,
//! fails here. `UPDATE_COVERAGE=1 cargo test -p apigw-import --test coverage` rewrites the
//! report (`bash reference/import.sh` re-imports the specs first).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A service: its name, where its pages are walked from, and where its specs go.
struct Service {
    name: String,
    pages: PathBuf,
    specs: PathBuf,
}

/// APIG (its one part, `dedicated_gateway_apis_v2/`, whose folders go straight into
/// `specs/apig/`) and every other vendored reference (into `specs/<service>/`).
fn services() -> Vec<Service> {
    let reference = repo().join("reference");
    let mut out = vec![Service {
        name: "apig".into(),
        pages: reference.join("apig/dedicated_gateway_apis_v2"),
        specs: repo().join("specs/apig"),
    }];
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&reference)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("apig"))
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        out.push(Service {
            specs: repo().join("specs").join(&name),
            pages: dir,
            name,
        });
    }
    out
}

/// What a service's specs state and type: fields (parameters, headers, object fields) with an
/// enumeration, numeric bounds, length bounds, a default; untyped (`Object`, any JSON) fields;
/// its object types (each distinct definition, descriptions aside, is one Rust type), the names more than one
/// definition shares, and the types whose shape (fields, field types, required-ness, with no
/// descriptions) another type of the service has too.
#[derive(Default)]
struct Facts {
    enumerations: usize,
    ranges: usize,
    lengths: usize,
    defaults: usize,
    untyped: usize,
    /// name → its distinct definitions' texts.
    definitions: BTreeMap<String, std::collections::BTreeSet<String>>,
    /// shape → the definitions (name and text) that have it.
    shapes: BTreeMap<String, std::collections::BTreeSet<(String, String)>>,
}

impl Facts {
    fn add(&mut self, spec: &apigw_spec::Spec) {
        let fields = spec
            .params
            .iter()
            .map(|p| &p.field)
            .chain(spec.responses.iter().flat_map(|r| &r.headers))
            .chain(spec.objects.iter().flat_map(|o| &o.fields));
        for f in fields {
            let s = &f.schema;
            self.enumerations += usize::from(s.enumeration.is_some());
            self.ranges += usize::from(s.minimum.is_some() || s.maximum.is_some());
            self.lengths += usize::from(s.min_length.is_some() || s.max_length.is_some());
            self.defaults += usize::from(s.default.is_some());
            self.untyped += usize::from(untyped(&s.ty.value));
        }
        for o in &spec.objects {
            // One Rust type per name and shape (descriptions aside), as the generator shares.
            let text = apigw_spec::write::object_shape(o);
            let shape: Vec<String> = o
                .fields
                .iter()
                .map(|f| format!("{}: {} {}", f.name.value, f.schema.ty.value, f.required))
                .collect();
            self.shapes
                .entry(shape.join(", "))
                .or_default()
                .insert((o.name.value.clone(), text.clone()));
            self.definitions
                .entry(o.name.value.clone())
                .or_default()
                .insert(text);
        }
    }

    /// Distinct object types, names shared by more than one, types whose shape another has.
    fn types(&self) -> (usize, usize, usize) {
        let types = self.definitions.values().map(|d| d.len()).sum();
        let shared = self.definitions.values().filter(|d| d.len() > 1).count();
        let same_shape = self
            .shapes
            .values()
            .filter(|d| d.len() > 1)
            .map(|d| d.len())
            .sum();
        (types, shared, same_shape)
    }
}

fn untyped(ty: &apigw_spec::TypeExpr) -> bool {
    use apigw_spec::TypeExpr;
    match ty {
        TypeExpr::Any => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => untyped(inner),
        _ => false,
    }
}

#[derive(Default)]
struct Tally {
    pages: usize,
    imported: usize,
    with_warnings: usize,
    refused: BTreeMap<String, usize>,
    refusals: Vec<String>,
    facts: Facts,
}

/// A refusal's reason without the page's own names, so that refusals of one kind count together.
fn reason(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    let mut out = String::new();
    let mut quoted = false;
    for c in first.chars() {
        if c == '`' {
            quoted = !quoted;
            if quoted {
                out.push_str("`…");
            } else {
                out.push('`');
            }
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_reference_imports_as_committed_and_the_coverage_report_is_current() {
    let mut report = String::from(
        "# Import coverage\n\nWhat `apigw-import` makes of every vendored reference (operation pages are those whose \
         `URI` section states a request line). Regenerated by `bash reference/import.sh`; \
         `cargo test -p apigw-import --test coverage` fails when it is stale.\n\n\
         | service | operation pages | imported | with warnings | refused | imported % |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    let mut stale = Vec::new();
    let mut unloadable = Vec::new();
    // Operations of one service whose ids name the same method or type.
    let mut clashes = Vec::new();
    let (mut all_pages, mut all_imported) = (0, 0);
    let mut tallies = Vec::new();
    for service in services() {
        let root = service.pages.parent().unwrap().to_path_buf();
        let root = if service.name == "apig" {
            root
        } else {
            service.pages.clone()
        };
        let mut t = Tally::default();
        // The service's operation pages, imported together (as the importer does: one run,
        // unique operation ids).
        let mut folders = Vec::new();
        let mut pages = Vec::new();
        for page in apigw_import::files_under(&service.pages, "rst").unwrap() {
            let text = std::fs::read_to_string(&page).unwrap();
            if !apigw_import::is_operation_page(&text) {
                continue;
            }
            let shown = page
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            folders.push(
                page.parent()
                    .unwrap()
                    .strip_prefix(&service.pages)
                    .unwrap()
                    .to_path_buf(),
            );
            pages.push((shown, text));
        }
        t.pages = pages.len();
        let results = apigw_import::import_pages(&pages);
        // (what, name) → the pages whose operation takes it: the id, the method and module,
        // the request type.
        let mut names: BTreeMap<(&str, String), Vec<&str>> = BTreeMap::new();
        for ((folder, (shown, _)), result) in folders.iter().zip(&pages).zip(results) {
            match result {
                Ok(imported) => {
                    let spec = &imported.spec;
                    for name in [
                        ("id", spec.operation.id.value.clone()),
                        ("method", apigw_spec::naming::method_name(spec)),
                        ("type", apigw_spec::naming::builder_name(spec)),
                    ] {
                        names.entry(name).or_default().push(shown);
                    }
                    t.imported += 1;
                    t.facts.add(spec);
                    if !imported.warnings.is_empty() {
                        t.with_warnings += 1;
                    }
                    let file = service
                        .specs
                        .join(folder)
                        .join(apigw_import::spec_file_name(&imported.spec.operation.id));
                    match std::fs::read_to_string(&file) {
                        Ok(committed) if committed == imported.text => {
                            if let Err(e) = apigw_spec::load(shown, &committed) {
                                unloadable.push(format!("{}: {e}", file.display()));
                            }
                        }
                        _ => stale.push(
                            file.strip_prefix(repo())
                                .unwrap_or(&file)
                                .display()
                                .to_string(),
                        ),
                    }
                }
                Err(e) => {
                    *t.refused.entry(reason(&e.message)).or_default() += 1;
                    t.refusals.push(format!(
                        "{shown}:{}: {}",
                        e.line,
                        e.message.lines().next().unwrap_or("")
                    ));
                }
            }
        }
        for ((what, name), pages) in names.into_iter().filter(|(_, pages)| pages.len() > 1) {
            clashes.push(format!(
                "{}: {what} `{name}`: {}",
                service.name,
                pages.join(", ")
            ));
        }
        let refused = t.pages - t.imported;
        let _ = writeln!(
            report,
            "| {} | {} | {} | {} | {} | {:.1} |",
            service.name,
            t.pages,
            t.imported,
            t.with_warnings,
            refused,
            100.0 * t.imported as f64 / t.pages.max(1) as f64
        );
        all_pages += t.pages;
        all_imported += t.imported;
        tallies.push((service.name, t));
    }
    let _ = writeln!(
        report,
        "| **all** | {all_pages} | {all_imported} | | {} | {:.1} |\n\n## Refusals by reason\n",
        all_pages - all_imported,
        100.0 * all_imported as f64 / all_pages.max(1) as f64
    );
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, t) in &tallies {
        for (r, n) in &t.refused {
            *reasons.entry(r).or_default() += n;
        }
    }
    let mut reasons: Vec<_> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (r, n) in reasons {
        let _ = writeln!(report, "- {n} × {r}");
    }
    let _ = writeln!(
        report,
        "\n## Constraints and types\n\nCounted over every imported spec of a service: fields \
         (parameters, headers, object fields) with an enumeration, a numeric range (`minimum`/`maximum`), \
         a length limit (`min_length`/`max_length`), a default, and of type `Object` (untyped JSON, \
         `serde_json::Value`, also inside an array or map); object types (each distinct definition, \
         descriptions aside, is one Rust type), names that more than one definition has, and types whose shape (fields, \
         field types, required-ness, descriptions aside) another type of the service has too.\n\n\
         | service | enumerations | ranges | lengths | defaults | untyped | object types | names shared | same shape |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut sum = [0usize; 8];
    for (name, t) in &tallies {
        let f = &t.facts;
        let (types, shared, same_shape) = f.types();
        let row = [
            f.enumerations,
            f.ranges,
            f.lengths,
            f.defaults,
            f.untyped,
            types,
            shared,
            same_shape,
        ];
        for (s, n) in sum.iter_mut().zip(row) {
            *s += n;
        }
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        let _ = writeln!(report, "| {name} | {} |", cells.join(" | "));
    }
    let cells: Vec<String> = sum.iter().map(ToString::to_string).collect();
    let _ = writeln!(report, "| **all** | {} |", cells.join(" | "));
    let _ = writeln!(report, "\n## Every refused page\n");
    for (name, t) in &tallies {
        for r in &t.refusals {
            let _ = writeln!(report, "- {name}: {r}");
        }
    }

    let path = repo().join("reference/COVERAGE.md");
    if std::env::var_os("UPDATE_COVERAGE").is_some() {
        std::fs::write(&path, &report).unwrap();
    }
    assert!(
        unloadable.is_empty(),
        "specs that do not load:\n{}",
        unloadable.join("\n")
    );
    assert!(
        clashes.is_empty(),
        "operations of one service (one client) with one id, method or type name:\n{}",
        clashes.join("\n")
    );
    assert!(
        stale.is_empty(),
        "{} specs differ from a fresh import (run `bash reference/import.sh`):\n{}",
        stale.len(),
        stale.join("\n")
    );
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == report,
        "reference/COVERAGE.md is stale: run `bash reference/import.sh` (or \
         `UPDATE_COVERAGE=1 cargo test -p apigw-import --test coverage`)"
    );
    // The promise of the format: nearly every operation page of every service imports.
    assert!(
        all_imported * 100 >= all_pages * 98,
        "{all_imported} of {all_pages} pages import"
    );
    for (name, t) in &tallies {
        assert!(
            t.imported * 100 >= t.pages * 95,
            "{name}: {} of {} pages import",
            t.imported,
            t.pages
        );
    }
}
