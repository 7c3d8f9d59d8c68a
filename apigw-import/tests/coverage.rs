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
/// and the specs themselves, for counting the Rust types the generator makes of their objects.
#[derive(Default)]
struct Facts {
    enumerations: usize,
    ranges: usize,
    lengths: usize,
    defaults: usize,
    untyped: usize,
    /// The specs, each with its place in the generator's folder order.
    specs: Vec<(Vec<String>, apigw_spec::Spec)>,
}

/// The Rust object types of a service: how many, how many names more than one has, how many
/// (operation bodies aside) have the shape of another, and how many operation bodies have the
/// shape of another operation's.
struct TypeCounts {
    types: usize,
    names_shared: usize,
    same_shape: usize,
    bodies_alike: usize,
}

impl Facts {
    /// `place`: the spec's folder, then its file, so that sorting gives the generator's order
    /// (a folder's operations, then its folders).
    fn add(&mut self, spec: &apigw_spec::Spec, place: Vec<String>) {
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
        self.specs.push((place, spec.clone()));
    }

    /// The Rust object types, counted as the generator makes them (`apigw_spec::share`): a
    /// shared type once, every other object once per operation.
    fn types(&mut self) -> TypeCounts {
        use apigw_spec::TypeExpr;
        self.specs.sort_by(|a, b| a.0.cmp(&b.0));
        let specs: Vec<&apigw_spec::Spec> = self.specs.iter().map(|(_, s)| s).collect();
        let sharing = apigw_spec::share::Sharing::find(specs.iter().copied());
        let mut interner = std::collections::HashMap::new();
        // Every Rust type: (name, shape, whether it is an operation's body).
        let mut types: BTreeMap<(String, usize, bool), usize> = BTreeMap::new();
        let mut shared_seen = std::collections::BTreeSet::new();
        for spec in &specs {
            let shapes = apigw_spec::share::shape_ids(spec, &mut interner);
            let bodies: Vec<&TypeExpr> = spec
                .body
                .iter()
                .map(|b| &b.ty.value)
                .chain(
                    spec.responses
                        .iter()
                        .filter_map(|r| r.body.as_ref())
                        .map(|b| &b.value),
                )
                .collect();
            for o in &spec.objects {
                let shape = shapes[o.name.value.as_str()];
                let name = match sharing.shared_as(spec, &o.name.value) {
                    Some(shared) if !shared_seen.insert(shared.name.value.clone()) => continue,
                    Some(shared) => shared.name.value.clone(),
                    None => o.name.value.clone(),
                };
                let body = bodies.contains(&&TypeExpr::Named(o.name.value.clone()));
                *types.entry((name, shape, body)).or_default() += 1;
            }
        }
        let count = types.values().sum();
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        let mut shapes: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for ((name, shape, body), n) in &types {
            *names.entry(name).or_default() += n;
            let (all, bodies) = shapes.entry(*shape).or_default();
            *all += n;
            *bodies += if *body { *n } else { 0 };
        }
        let (mut same_shape, mut bodies_alike) = (0, 0);
        for ((_, shape, body), n) in &types {
            let (all, bodies) = shapes[shape];
            if *body && bodies > 1 {
                bodies_alike += n;
            } else if !*body && all > 1 {
                same_shape += n;
            }
        }
        TypeCounts {
            types: count,
            names_shared: names.values().filter(|n| **n > 1).count(),
            same_shape,
            bodies_alike,
        }
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
        // Every page, whose labelled tables the operation pages may refer to.
        let mut all = Vec::new();
        for page in apigw_import::files_under(&service.pages, "rst").unwrap() {
            let text = std::fs::read_to_string(&page).unwrap();
            let shown = page
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            all.push((shown.clone(), text.clone()));
            if !apigw_import::is_operation_page(&text) {
                continue;
            }
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
        let results = apigw_import::import_pages_with(&pages, &apigw_import::Library::of(&all));
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
                    let mut place: Vec<String> = folder
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    // A folder's operations come before its folders ("\0" sorts first).
                    place.push(format!(
                        "\0{}",
                        apigw_import::spec_file_name(&spec.operation.id)
                    ));
                    t.facts.add(spec, place);
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
         `serde_json::Value`, also inside an array or map). Then the Rust object types the generator \
         makes of the specs' objects (`apigw_spec::share`: objects of one shape are one type, defined once in \
         `types` and named by rule, `Link` for `NetworksLink` and `PeeringsLink`, `VpcResponse` for \
         `CreateVpcResponse` and `ShowVpcResponse`; each operation re-exports it under its page's name): \
         how many, the names that more than one type has (in different operations' modules), the types \
         whose shape (fields, types, required-ness, constraints, descriptions aside) another type has \
         too (operation bodies aside), and the operation bodies whose shape another operation's body \
         has.\n\n\
         | service | enumerations | ranges | lengths | defaults | untyped | object types | names shared | same shape | bodies alike |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut sum = [0usize; 9];
    for (name, t) in &mut tallies {
        let types = t.facts.types();
        let f = &t.facts;
        let row = [
            f.enumerations,
            f.ranges,
            f.lengths,
            f.defaults,
            f.untyped,
            types.types,
            types.names_shared,
            types.same_shape,
            types.bodies_alike,
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
    // The promise of the format: nearly every operation page imports (97%), and at least 90%
    // of every service's.
    assert!(
        all_imported * 100 >= all_pages * 97,
        "{all_imported} of {all_pages} pages import"
    );
    for (name, t) in &tallies {
        assert!(
            t.imported * 100 >= t.pages * 90,
            "{name}: {} of {} pages import",
            t.imported,
            t.pages
        );
    }
}
