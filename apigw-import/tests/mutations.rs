//! The importer never panics, whatever a page holds: pages of every vendored reference,
//! mutated (lines dropped, doubled, swapped, cut short, indented, bytes replaced), are imported
//! and each gives a spec or an error naming a line of the page.

use std::path::Path;

/// xorshift64*: a fixed seed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const JUNK: [&str; 10] = [
    "+---+",
    "====",
    ".. table::",
    ".. code-block::",
    "**Status code: 2",
    ":ref:`x <",
    "|",
    "{",
    "-  ",
    "\t",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..1 + rng.below(4) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(7) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => {
                let cut = lines[i]
                    .char_indices()
                    .map(|(k, _)| k)
                    .nth(rng.below(lines[i].len() + 1));
                if let Some(k) = cut {
                    lines[i].truncate(k);
                }
            }
            4 => lines[i].insert_str(0, "   "),
            5 => lines.insert(i, JUNK[rng.below(JUNK.len())].to_owned()),
            _ => lines.truncate(i),
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_pages_of_every_service_never_panic() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../reference");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&reference).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            let found = apigw_import::files_under(&dir, "rst").unwrap();
            // Operation pages only: they exercise the whole pipeline.
            let ops: Vec<_> = found
                .into_iter()
                .filter_map(|p| {
                    let text = std::fs::read_to_string(&p).unwrap();
                    apigw_import::is_operation_page(&text).then_some((p, text))
                })
                .collect();
            assert!(!ops.is_empty(), "{} has no operation page", dir.display());
            pages.push(ops);
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut imported, mut refused) = (0, 0);
    let per_service = 150;
    for service in &pages {
        for _ in 0..per_service {
            let (path, text) = &service[rng.below(service.len())];
            let mutated = mutate(text, &mut rng);
            let lines = mutated.lines().count().max(1);
            let result =
                std::panic::catch_unwind(|| apigw_import::import_page("mutated.rst", &mutated));
            match result {
                Ok(Ok(_)) => imported += 1,
                Ok(Err(e)) => {
                    refused += 1;
                    assert!(
                        e.line <= lines,
                        "{}: line {} of {lines}: {}",
                        path.display(),
                        e.line,
                        e.message
                    );
                }
                Err(_) => panic!(
                    "the importer panicked on a mutation of {}:\n{mutated}",
                    path.display()
                ),
            }
        }
    }
    println!(
        "{} services, {imported} mutated pages imported, {refused} refused, 0 panics",
        pages.len()
    );
    assert_eq!(imported + refused, pages.len() * per_service);
}
