//! No panic, ever: thousands of specs mutated from the real ones (lines deleted, duplicated,
//! swapped; keys renamed; values of the wrong type, empty, huge, unicode; text cut short) each
//! load to either a valid model or errors whose positions lie inside the file.

use std::panic::{AssertUnwindSafe, catch_unwind};

const SEEDS: &[&str] = &[
    include_str!("../../specs/apig/api_management/list_api_versions_v2.toml"),
    include_str!("../../specs/apig/vpc_endpoint_management/list_endpoint_connections.toml"),
    include_str!("../../tests/specs/create_widget.toml"),
];

const VALUES: &[&str] = &[
    "1",
    "-1",
    "0",
    "\"x\"",
    "\"\"",
    "true",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{ value = 1 }",
    "1.5e308",
    "-9223372036854775808",
    "99999999999999999999",
    "\"日本語🦀\"",
    "\"Array<\"",
    "\"Map<Integer, String>\"",
    "\"Array<Array<Map<String, Nope>>>\"",
    "\"/v2/{a}/{a}/{\"",
    "\"{}\"",
    "'''\n{ \"a\": \n'''",
    "nan",
    "inf",
    "2024-01-01T00:00:00Z",
    "\"GET\"",
    "\"ListThings\"",
    "\"1 2\"",
];

/// Keys that are not field keys (those come from the parser itself), valid elsewhere or not at all.
const OTHER_KEYS: &[&str] = &[
    "from_client",
    "auth",
    "body",
    "headers",
    "examples",
    "json",
    "summary",
    "id",
    "method",
    "path",
    "nope",
    "Type",
    "typ",
    "ré",
    "[query.x]",
    "[object.A.b]",
    "[[response.200.examples]]",
    "[path.zzz]",
];

/// A small deterministic generator (xorshift64*), so failures reproduce.
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
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn pick_key(rng: &mut Rng) -> &'static str {
    if rng.below(2) == 0 {
        rng.pick(apigw_spec::keys::FIELD_KEYS)
    } else {
        rng.pick(OTHER_KEYS)
    }
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..=rng.below(3) {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let i = rng.below(lines.len());
        match rng.below(9) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(i, line);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => {
                // Rename the key of a `key = value` line.
                if let Some((_, value)) = lines[i].split_once('=') {
                    lines[i] = format!("{} ={value}", pick_key(rng));
                }
            }
            4 => {
                // Replace the value of a `key = value` line.
                if let Some((key, _)) = lines[i].split_once('=') {
                    lines[i] = format!("{key}= {}", rng.pick(VALUES));
                }
            }
            5 => {
                let huge = "x".repeat(rng.below(100_000));
                lines[i] = format!("description = \"{huge}\"");
            }
            6 => {
                let line = &lines[i];
                let cut = line
                    .char_indices()
                    .nth(rng.below(line.chars().count() + 1))
                    .map_or(line.len(), |(c, _)| c);
                let noise = rng.pick(&[
                    "{", "}", "[", "]", "\"", "'", "=", "\\", "\u{0}", "é", "\n", "#",
                ]);
                lines[i] = format!("{}{noise}{}", &line[..cut], &line[cut..]);
            }
            7 => {
                lines.insert(i, format!("{} = {}", pick_key(rng), rng.pick(VALUES)));
            }
            _ => {
                lines.truncate(i);
            }
        }
    }
    lines.join("\n")
}

#[test]
fn ten_thousand_mutated_specs_never_panic() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let (mut valid, mut invalid, mut readable, mut salvaged) = (0, 0, 0, 0);
    for round in 0..10_000 {
        let seed = SEEDS[round % SEEDS.len()];
        let text = mutate(seed, &mut rng);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            match apigw_spec::load("specs/mutated.toml", &text) {
                Ok(_) => true,
                Err(err) => {
                    assert!(!err.diagnostics.is_empty());
                    for d in &err.diagnostics {
                        assert!(
                            d.span.start <= text.len() && d.span.end <= text.len(),
                            "span {:?} outside the text",
                            d.span
                        );
                        let rendered = d.render(&err.source);
                        assert!(rendered.starts_with("specs/mutated.toml:"), "{rendered}");
                    }
                    readable += usize::from(err.partial.is_some());
                    // What the macro generates placeholder items from must itself be clean.
                    if let Some(spec) = err.salvage() {
                        let mut diags = apigw_spec::Diagnostics::new();
                        apigw_spec::check::check(&spec, &err.source, &mut diags);
                        assert!(
                            diags.is_empty(),
                            "salvaged spec fails its checks: {diags:?}"
                        );
                        salvaged += 1;
                    }
                    false
                }
            }
        }));
        match outcome {
            Ok(true) => valid += 1,
            Ok(false) => invalid += 1,
            Err(_) => panic!("round {round}: loading panicked on this spec:\n{text}"),
        }
    }
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assert!(
        valid > 100 && invalid > 5_000,
        "valid {valid}, invalid {invalid}"
    );
    // Most broken specs that are still TOML keep a readable identity, so the macro can still
    // emit their items.
    assert!(
        salvaged * 10 > readable * 9,
        "salvaged {salvaged} of {readable} readable"
    );
    println!("valid {valid}, invalid {invalid} ({readable} readable TOML, {salvaged} salvaged)");
}
