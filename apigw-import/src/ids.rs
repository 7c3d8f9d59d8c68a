//! Operation ids made unique within an import run (one reference, every page of it).
//!
//! A service becomes one client with one method per operation, named after the operation id in
//! snake case, and one request type per operation, named after it in Pascal case. So the ids of
//! one run must differ, also after case conversion: `List_V2` and `ListV2` would name one method
//! (`list_v2`), `ListV2_1` and `ListV21` one type (`ListV21Request`). Ids are therefore compared
//! [folded](fold) (their ASCII letters and digits, in lower case), so ids that differ only in
//! case or underscores count as one, and ids that fold apart stay apart in every case
//! convention.
//!
//! The rule ([`unique`]): an id that no other operation of the run shares (folded) is kept.
//! Where operations share one, the deprecated ones yield: where one alone is not deprecated,
//! it keeps the id; where several are not, they are told apart first, as if the deprecated
//! ones were not there, and the deprecated ones then from them as well as from each other.
//! A way of telling apart tells an operation apart when the suffix it gives it is not the one
//! it gives any other (of those told apart together, or of those they yield to) and makes an
//! id no other operation of the run has. The ways, in order:
//!
//! 1. the words their titles' parentheses add (`(Native OpenStack API)` → `NativeOpenStack`),
//!    less the words they all share and the words that say nothing (`API`, numbers), at most
//!    two;
//! 2. the API version of the path ([`version`]: `/v1/…` and `/rds/v1/…` → `V1`, `/v2.1/…` →
//!    `V2_1`), where every one's path has one;
//! 3. the last segment of the path, unless it spells the resource (`…/detail` → `Detail`);
//! 4. what the titles say after the resource (`… with a Specified Key` → `Key`), a parent
//!    too long to keep in the name among it;
//! 5. acting on all of what another acts on one of: a path that is another's without the
//!    parameter of an owner (`/images/tags` beside `/images/{image_id}/tags`) puts `All`
//!    after the verb (`ListAllImageTags`);
//! 6. the folders where their pages' paths part: the first of its folders from there on with
//!    words that neither every page's folders there nor the id have, less the words that say
//!    nothing (`API`, versions, `recommended`, `discarded`, `management`), at most two
//!    (`native_openstack_neutron_apis_v2.0` → `NativeOpenstack`; `apis/floating_ip_address_ipv6`
//!    beside `…/floating_ip_address` → `Ipv6`; `apis_unavailable_soon` → `UnavailableSoon`);
//! 7. the version with the folder, the parentheses, the last segment or what the title says
//!    after the resource (`DetailV3`);
//! 8. for a deprecated operation, its version even where those it yields to have it too;
//! 9. the method (`Get`, `Post`, …), never before all of the above; then the version, folder
//!    and method together;
//! 10. failing all, their order among the run's pages (`_1`, `_2`, …), the current ones first.
//!
//! Each way settles the operations it tells apart; the rest start again from the first way,
//! and once the others are told apart, the last one left keeps the id (the last that is not
//! deprecated, where there are such).

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use apigw_spec::naming::pascal;

/// One operation of a run, as the rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation<'a> {
    /// The id the page yields.
    pub id: &'a str,
    /// The HTTP method (`GET`).
    pub method: &'a str,
    /// The path template (`/v3/{project_id}/instances`).
    pub path: &'a str,
    /// The page's path within the reference, `/`-separated
    /// (`api_v3_recommended/db_instance_management/creating_a_db_instance.rst`).
    pub reference: &'a str,
    /// What the title's parentheses add, in `PascalCase` words (see [`crate::naming::Name`]).
    pub qualifier: &'a [String],
    /// What the title says after the resource (see [`crate::naming::Name`]).
    pub detail: &'a [String],
    /// Whether the operation is deprecated.
    pub deprecated: bool,
}

/// What told the operations sharing an id apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apart {
    /// It alone is not deprecated.
    Current,
    /// What the titles' parentheses add.
    Qualifier,
    /// The last segment of the path.
    Path,
    /// That it acts on all of what another acts on one of.
    Scope,
    /// What the titles say after the resource.
    Detail,
    /// The API version of the path.
    Version,
    /// The folder at which the pages' paths part.
    Folder,
    /// The API version and folder together.
    VersionFolder,
    /// What the titles' parentheses add, and the API version.
    QualifierVersion,
    /// The last segment of the path, and the API version.
    PathVersion,
    /// What the titles say after the resource, and the API version.
    DetailVersion,
    /// The method.
    Method,
    /// Version, folder and method together.
    All,
    /// The others being told apart (it keeps the id).
    Rest,
    /// Nothing but the order of the pages.
    Order,
}

impl fmt::Display for Apart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Apart::Current => "the others being deprecated",
            Apart::Qualifier => "what its title adds in parentheses",
            Apart::Path => "the last segment of its path",
            Apart::Scope => "acting on all of what another acts on one of",
            Apart::Detail => "what its title says after the resource",
            Apart::Version => "the API version of its path",
            Apart::Folder => "its folder",
            Apart::VersionFolder => "its API version and folder",
            Apart::QualifierVersion => "what its title adds in parentheses and its API version",
            Apart::PathVersion => "the last segment of its path and its API version",
            Apart::DetailVersion => "what its title says after the resource and its API version",
            Apart::Method => "its method",
            Apart::All => "its API version, folder and method",
            Apart::Rest => "the others being told apart",
            Apart::Order => "its place among the pages",
        })
    }
}

/// A new id for one operation of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// The operation's index in the run.
    pub index: usize,
    /// Its new id.
    pub id: String,
    /// What the suffix was taken from.
    pub by: Apart,
    /// The indexes of the other operations that shared its id.
    pub sharing: Vec<usize>,
}

/// An id as every case convention sees it: its ASCII letters and digits, in lower case. Two ids
/// that fold alike name the same snake-case method and the same Pascal-case type.
pub fn fold(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The API version of a path, as an id suffix: its first segment that is `v` and dot-separated
/// numbers (`/v1/…`, `/rds/v1/…` → `V1`; `/v2.1/…` → `V2_1`; `/v1.0/…` → `V1_0`).
pub fn version(path: &str) -> Option<String> {
    path.split('/').find_map(|segment| {
        let numbers = segment.strip_prefix(['v', 'V'])?;
        let parts: Vec<&str> = numbers.split('.').collect();
        parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("V{}", parts.join("_")))
    })
}

/// The new ids of a run's operations whose ids are not unique (see the module): one
/// [`Rename`] for every operation of every id shared, in the order of `operations`. An
/// operation without one keeps its id.
pub fn unique(operations: &[Operation<'_>]) -> Vec<Rename> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, op) in operations.iter().enumerate() {
        groups.entry(fold(op.id)).or_default().push(index);
    }
    let mut taken: HashSet<String> = groups
        .iter()
        .filter(|(_, members)| members.len() == 1)
        .map(|(folded, _)| folded.clone())
        .collect();
    let mut renames = Vec::new();
    for (folded, members) in groups.iter().filter(|(_, members)| members.len() > 1) {
        let current: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !operations[i].deprecated)
            .collect();
        // The one operation that is not deprecated keeps the id; the rest are told apart.
        let (holders, left): (Vec<usize>, Vec<usize>) = match current.as_slice() {
            [one] => {
                taken.insert(folded.clone());
                (
                    vec![*one],
                    members.iter().copied().filter(|i| i != one).collect(),
                )
            }
            _ => (Vec::new(), members.clone()),
        };
        for (index, id, by) in separate(operations, left, holders, &mut taken) {
            renames.push(Rename {
                index,
                id,
                by,
                sharing: members.iter().copied().filter(|&i| i != index).collect(),
            });
        }
    }
    renames.sort_by_key(|r| r.index);
    renames
}

/// The ways of telling apart, in the order they are tried (see the module); the method comes
/// only after all of them.
const WAYS: [Apart; 10] = [
    Apart::Qualifier,
    Apart::Version,
    Apart::Path,
    Apart::Detail,
    Apart::Scope,
    Apart::Folder,
    Apart::VersionFolder,
    Apart::QualifierVersion,
    Apart::PathVersion,
    Apart::DetailVersion,
];
/// The ways of telling apart that take the method.
const METHOD_WAYS: [Apart; 2] = [Apart::Method, Apart::All];

/// New ids for the operations `left` (indexes into `operations`) of a group sharing an id,
/// none of them `taken`, and what told each apart (see the module). `holders` are the
/// operations of the group that hold their names already (the one that keeps the id).
fn separate(
    operations: &[Operation<'_>],
    left: Vec<usize>,
    holders: Vec<usize>,
    taken: &mut HashSet<String>,
) -> Vec<(usize, String, Apart)> {
    let mut group = Group {
        operations,
        // The id itself is the kept one's, else a current one's, else anyone's.
        bare: holders.is_empty(),
        all_deprecated: left.iter().all(|&i| operations[i].deprecated),
        holders,
        left,
        settled: Vec::new(),
    };
    group.tell_apart(&WAYS, taken);
    // Where nothing tells a deprecated operation apart from those it yields to, its API
    // version (which theirs is too) still names it better than its method or its place.
    {
        let Group { left, settled, .. } = &mut group;
        let current_left = left.iter().any(|&i| !operations[i].deprecated);
        left.retain(|&member| {
            let op = &operations[member];
            let Some(version) = version(op.path) else {
                return true;
            };
            let id = format!("{}{version}", op.id);
            if op.deprecated && !current_left && taken.insert(fold(&id)) {
                settled.push((member, id, Apart::Version));
                return false;
            }
            true
        });
    }
    let all: Vec<Apart> = WAYS.iter().chain(&METHOD_WAYS).copied().collect();
    group.tell_apart(&all, taken);
    let Group {
        mut left,
        mut settled,
        ..
    } = group;
    // The current ones first.
    left.sort_by_key(|&i| operations[i].deprecated);
    let mut n = 0;
    for member in left {
        loop {
            n += 1;
            let id = format!("{}_{n}", operations[member].id);
            if taken.insert(fold(&id)) {
                settled.push((member, id, Apart::Order));
                break;
            }
        }
    }
    settled
}

/// Operations of a group sharing an id, as [`separate`] tells them apart.
struct Group<'o, 'a> {
    operations: &'o [Operation<'a>],
    /// Those that hold their names already.
    holders: Vec<usize>,
    /// Those still to be told apart.
    left: Vec<usize>,
    settled: Vec<(usize, String, Apart)>,
    /// Whether one of `left` may still take the id itself.
    bare: bool,
    /// Whether all of them are deprecated (else the deprecated ones yield to the others).
    all_deprecated: bool,
}

impl Group<'_, '_> {
    /// Whether `member` may be settled now: the deprecated ones yield to the others, so they
    /// are settled once no other is left.
    fn may_settle(&self, member: usize) -> bool {
        self.all_deprecated
            || !self.operations[member].deprecated
            || self.left.iter().all(|&i| self.operations[i].deprecated)
    }

    /// Tries `ways` in order: a way tells an operation apart when the suffix it gives it is
    /// not the suffix it gives any other left or holder, and makes an id nobody has; the
    /// operations it tells apart are settled, the rest start again from the first way. Once
    /// the others are told apart, the last one keeps the id (the last one not deprecated,
    /// where there are such: the deprecated ones then yield to it).
    fn tell_apart(&mut self, ways: &[Apart], taken: &mut HashSet<String>) {
        let operations = self.operations;
        let mut progress = true;
        while progress && !self.left.is_empty() {
            progress = false;
            // Once the current ones are told apart, the deprecated ones are told apart from
            // them as from those that keep the id.
            if !self.all_deprecated && self.left.iter().all(|&i| operations[i].deprecated) {
                for (member, ..) in &self.settled {
                    if !operations[*member].deprecated && !self.holders.contains(member) {
                        self.holders.push(*member);
                    }
                }
            }
            let may: Vec<usize> = self
                .left
                .iter()
                .copied()
                .filter(|&i| self.may_settle(i))
                .collect();
            if self.bare
                && let [last] = may.as_slice()
                && (self.all_deprecated || !operations[*last].deprecated)
                && (!self.settled.is_empty() || self.left.len() > 1)
                && taken.insert(fold(operations[*last].id))
            {
                let last = *last;
                self.settled
                    .push((last, operations[last].id.to_owned(), Apart::Rest));
                self.left.retain(|&i| i != last);
                self.holders.push(last);
                self.bare = false;
                progress = true;
                continue;
            }
            for &by in ways {
                // The deprecated ones wait (unseen) until the others are told apart.
                let context: Vec<usize> = self.holders.iter().chain(&may).copied().collect();
                let group: Vec<&Operation<'_>> = context.iter().map(|&i| &operations[i]).collect();
                let suffixes = suffixes(&group, by);
                let folded: Vec<Option<String>> =
                    suffixes.iter().map(|s| s.as_deref().map(fold)).collect();
                let first = self.holders.len();
                for (k, &member) in context.iter().enumerate().skip(first) {
                    let Some(suffix) = &suffixes[k] else {
                        continue;
                    };
                    let alone = folded
                        .iter()
                        .enumerate()
                        .all(|(j, other)| j == k || other != &folded[k]);
                    let allowed = !suffix.is_empty()
                        || (self.bare && (self.all_deprecated || !operations[member].deprecated));
                    if !alone || !allowed {
                        continue;
                    }
                    let id = renamed(operations[member].id, suffix, by);
                    if taken.insert(fold(&id)) {
                        if suffix.is_empty() {
                            self.bare = false;
                        }
                        self.settled.push((member, id, by));
                        self.left.retain(|&i| i != member);
                        progress = true;
                    }
                }
                if progress {
                    break;
                }
            }
        }
    }
}

/// An id told apart by `suffix`: after it, but `All` of [`Apart::Scope`] after its verb (its
/// first word, the first two after `Batch`): `ListImageTags` → `ListAllImageTags`.
fn renamed(id: &str, suffix: &str, by: Apart) -> String {
    if by != Apart::Scope || suffix.is_empty() {
        return format!("{id}{suffix}");
    }
    let starts: Vec<usize> = id
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_ascii_uppercase())
        .map(|(i, _)| i)
        .collect();
    let verb = if id.starts_with("Batch") { 2 } else { 1 };
    match starts.get(verb - 1) {
        Some(&at) => format!("{}{suffix}{}", &id[..at], &id[at..]),
        None => format!("{id}{suffix}"),
    }
}

/// For each of `group`, `All` where another's path is its own with the parameter of an owner
/// inserted (it acts on all of what the other acts on one of: `/images/tags` beside
/// `/images/{image_id}/tags`), else nothing; `None` for all where none does. A parameter at
/// the end names one item, not an owner (`/metadata/{key}`).
fn scopes(group: &[&Operation<'_>]) -> Vec<Option<String>> {
    let segments = |op: &Operation<'_>| -> Vec<String> {
        op.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let paths: Vec<Vec<String>> = group.iter().map(|op| segments(op)).collect();
    let wider = |narrow: &Vec<String>, wide: &Vec<String>| {
        narrow.len() == wide.len() + 1
            && (0..narrow.len() - 1).any(|at| {
                narrow[at].starts_with('{') && {
                    let mut without = narrow.clone();
                    without.remove(at);
                    &without == wide
                }
            })
    };
    let all: Vec<bool> = paths
        .iter()
        .map(|path| paths.iter().any(|other| wider(other, path)))
        .collect();
    if !all.contains(&true) {
        return vec![None; group.len()];
    }
    all.into_iter()
        .map(|all| Some(if all { "All" } else { "" }.to_owned()))
        .collect()
}

/// The suffix each of `group` gets from one way of telling apart; `None` where it says
/// nothing of it.
fn suffixes(group: &[&Operation<'_>], by: Apart) -> Vec<Option<String>> {
    let method = |op: &Operation<'_>| pascal(&op.method.to_ascii_lowercase());
    match by {
        Apart::Qualifier => words_apart(group, |op| op.qualifier),
        Apart::Detail => words_apart(group, |op| op.detail),
        // A path without a version leaves the version saying nothing of any of them.
        Apart::Version => group
            .iter()
            .map(|op| version(op.path))
            .collect::<Option<Vec<String>>>()
            .map_or_else(
                || vec![None; group.len()],
                |v| v.into_iter().map(Some).collect(),
            ),
        Apart::Path => group.iter().map(|op| Some(last_segment(op))).collect(),
        Apart::Scope => scopes(group),
        Apart::Folder => folders(group),
        Apart::VersionFolder => group
            .iter()
            .zip(folders(group))
            .map(|(op, folder)| Some(version(op.path)? + &folder?))
            .collect(),
        Apart::QualifierVersion | Apart::PathVersion | Apart::DetailVersion => {
            let base = match by {
                Apart::QualifierVersion => Apart::Qualifier,
                Apart::PathVersion => Apart::Path,
                _ => Apart::Detail,
            };
            // Where the base says nothing of one, this is the version alone: tried already.
            suffixes(group, base)
                .into_iter()
                .zip(group)
                .map(|(suffix, op)| Some(suffix.filter(|s| !s.is_empty())? + &version(op.path)?))
                .collect()
        }
        Apart::Method => group.iter().map(|op| Some(method(op))).collect(),
        Apart::All => group
            .iter()
            .zip(folders(group))
            .map(|(op, folder)| {
                Some(format!(
                    "{}{}{}",
                    version(op.path).unwrap_or_default(),
                    folder.unwrap_or_default(),
                    method(op)
                ))
            })
            .collect(),
        Apart::Current | Apart::Rest | Apart::Order => vec![None; group.len()],
    }
}

/// The telling words of the path's last segment, unless it is a parameter or spells the
/// resource the id ends in (`/servers/detail` → `Detail`, `/servers` → nothing, for
/// `ListServers`).
fn last_segment(op: &Operation<'_>) -> String {
    let Some(last) = op.path.split('/').rfind(|s| !s.is_empty()) else {
        return String::new();
    };
    if last.starts_with('{') {
        return String::new();
    }
    let segment = fold(last);
    let id = fold(op.id);
    let last_word = op
        .id
        .rfind(|c: char| c.is_ascii_uppercase())
        .map(|at| fold(&op.id[at..]))
        .unwrap_or_default();
    if id.ends_with(&segment) || (!last_word.is_empty() && segment.ends_with(&last_word)) {
        return String::new();
    }
    telling(
        last.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("os"))
            .map(str::to_owned),
    )
}

/// Words that tell nothing apart: `api`, versions, numbers, and what only says how current
/// something is.
fn says_nothing(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "api"
            | "apis"
            | "version"
            | "versions"
            | "recommended"
            | "discarded"
            | "deprecated"
            | "to"
            | "be"
            | "or"
            | "and"
            | "of"
            | "for"
            | "with"
            | "the"
            | "a"
            | "an"
            | "later"
            | "microversion"
            | "compatible"
            | "using"
            | "including"
            | "new"
            | "old"
            | "out"
            | "date"
            | "dated"
            | "outdated"
            | "obsolete"
            | "management"
    ) || lower.bytes().all(|b| b.is_ascii_digit())
        || (lower.starts_with('v') && lower[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// At most two words of `words` that say something, in Pascal case.
fn telling(words: impl IntoIterator<Item = String>) -> String {
    words
        .into_iter()
        .filter(|w| !says_nothing(w))
        .take(2)
        .map(|w| crate::naming::word_case(&w))
        .collect()
}

/// For each operation of a group, the words of `words` (its title's parentheses, or what
/// its title says after the resource) that not every one of the group's has; `None` for all
/// when none has any.
fn words_apart<'a>(
    group: &[&Operation<'a>],
    words: impl Fn(&Operation<'a>) -> &'a [String],
) -> Vec<Option<String>> {
    let first = words(group[0]);
    let common: Vec<&String> = first
        .iter()
        .filter(|w| group.iter().all(|op| words(op).contains(w)))
        .collect();
    let suffixes: Vec<String> = group
        .iter()
        .map(|op| telling(words(op).iter().filter(|w| !common.contains(w)).cloned()))
        .collect();
    if suffixes.iter().all(String::is_empty) {
        return vec![None; group.len()];
    }
    suffixes.into_iter().map(Some).collect()
}

/// The words of a `PascalCase` id (`ListFloatingIpAddresses` → `List`, `Floating`, `Ip`,
/// `Addresses`).
fn id_words(id: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in id.char_indices().skip(1) {
        if c.is_ascii_uppercase() || c == '_' {
            words.push(&id[start..i]);
            start = i;
        }
    }
    words.push(&id[start..]);
    words
        .into_iter()
        .map(|w| w.trim_start_matches('_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word as the rule compares words: folded, in the singular (`Instances`, `instance`).
fn stem(word: &str) -> String {
    fold(&crate::naming::singular(word))
}

/// For each operation of a group, the telling words of its folders where the group's paths
/// part (`None` where they have none): of the first of its folders from there on that has
/// words which neither every page's folders there nor its id have
/// (`apis/floating_ip_address_ipv6/` beside `native_openstack_neutron_apis_v2.0/floating_ip_address/`
/// → `Ipv6`; `native_openstack_neutron_apis_v2.0/` → `NativeOpenstack`).
fn folders(group: &[&Operation<'_>]) -> Vec<Option<String>> {
    let dirs: Vec<Vec<&str>> = group
        .iter()
        .map(|op| {
            let mut parts: Vec<&str> = op.reference.split('/').collect();
            parts.pop();
            parts
        })
        .collect();
    let deepest = dirs.iter().map(Vec::len).max().unwrap_or(0);
    let Some(depth) = (0..deepest).find(|&d| dirs.iter().any(|dir| dir.get(d) != dirs[0].get(d)))
    else {
        return vec![None; group.len()];
    };
    let folder_words = |folder: &str| -> Vec<String> {
        folder
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !says_nothing(w))
            .map(str::to_owned)
            .collect()
    };
    // The words every page's folders have from there on.
    let all: Vec<HashSet<String>> = dirs
        .iter()
        .map(|dir| {
            dir.iter()
                .skip(depth)
                .flat_map(|folder| folder_words(folder))
                .map(|w| stem(&w))
                .collect()
        })
        .collect();
    let common: HashSet<&String> = all[0]
        .iter()
        .filter(|w| all.iter().all(|words| words.contains(*w)))
        .collect();
    group
        .iter()
        .zip(&dirs)
        .map(|(op, dir)| {
            let id = id_words(op.id);
            dir.iter().skip(depth).find_map(|folder| {
                let name = telling(folder_words(folder).into_iter().filter(|w| {
                    let w = stem(w);
                    !common.contains(&w) && !id.iter().any(|i| stem(i) == w)
                }));
                Some(name).filter(|n| !n.is_empty())
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_spec::naming::snake;

    fn op<'a>(id: &'a str, method: &'a str, path: &'a str, reference: &'a str) -> Operation<'a> {
        Operation {
            id,
            method,
            path,
            reference,
            qualifier: &[],
            detail: &[],
            deprecated: false,
        }
    }

    /// The ids after renaming, in order.
    fn ids(operations: &[Operation<'_>]) -> Vec<String> {
        let renames = unique(operations);
        let ids: Vec<String> = operations
            .iter()
            .enumerate()
            .map(|(i, op)| {
                renames
                    .iter()
                    .find(|r| r.index == i)
                    .map_or(op.id.to_owned(), |r| r.id.clone())
            })
            .collect();
        // Whatever the case: unique, folded and in snake case, and valid identifiers.
        let folded: HashSet<String> = ids.iter().map(|id| fold(id)).collect();
        assert_eq!(folded.len(), ids.len(), "{ids:?}");
        let snakes: HashSet<String> = ids.iter().map(|id| snake(id)).collect();
        assert_eq!(snakes.len(), ids.len(), "{ids:?}");
        for id in &ids {
            assert!(apigw_spec::naming::is_identifier(id), "{id}");
        }
        ids
    }

    #[test]
    fn versions_of_paths() {
        assert_eq!(
            version("/v1/{project_id}/cloudservers").as_deref(),
            Some("V1")
        );
        assert_eq!(
            version("/rds/v1/{project_id}/instances").as_deref(),
            Some("V1")
        );
        assert_eq!(
            version("/v2.1/{project_id}/servers").as_deref(),
            Some("V2_1")
        );
        assert_eq!(version("/V3.1/x").as_deref(), Some("V3_1"));
        assert_eq!(version("/v2.0/eip/floatingips_v6").as_deref(), Some("V2_0"));
        assert_eq!(version("/{project_id}/vpcs"), None);
        assert_eq!(version("/version/v/v1./vx/floatingips_v6"), None);
    }

    #[test]
    fn unique_ids_are_kept() {
        let run = [
            op("ListApis", "GET", "/v2/apis", "a/list_apis.rst"),
            op("ListApisV2", "GET", "/v2/apis2", "a/list_apis_v2.rst"),
            op("CreateApi", "POST", "/v2/apis", "b/create_api.rst"),
        ];
        assert!(unique(&run).is_empty());
        assert_eq!(ids(&run), ["ListApis", "ListApisV2", "CreateApi"]);
    }

    #[test]
    fn versions_tell_apart() {
        let run = [
            op(
                "CreatingADbInstance",
                "POST",
                "/rds/v1/{project_id}/instances",
                "api_v1_to_be_discarded/db/creating_a_db_instance.rst",
            ),
            op(
                "CreatingADbInstance",
                "POST",
                "/v3/{project_id}/instances",
                "api_v3_recommended/db/creating_a_db_instance.rst",
            ),
            op(
                "RebootingADbInstance",
                "POST",
                "/v3/x",
                "api_v3/db/reboot.rst",
            ),
            op(
                "CreatingADbInstance",
                "POST",
                "/v1.0/{project_id}/instances",
                "trove_v1.0/db/creating_a_db_instance.rst",
            ),
        ];
        assert_eq!(
            ids(&run),
            [
                "CreatingADbInstanceV1",
                "CreatingADbInstanceV3",
                "RebootingADbInstance",
                "CreatingADbInstanceV1_0"
            ]
        );
        let renames = unique(&run);
        assert_eq!(renames.len(), 3);
        assert!(renames.iter().all(|r| r.by == Apart::Version));
        assert_eq!(renames[0].index, 0);
        assert_eq!(renames[0].sharing, [1, 3]);
        assert_eq!(renames[2].index, 3);
        assert_eq!(renames[2].sharing, [0, 1]);
    }

    #[test]
    fn the_folder_where_versions_do_not_tell_apart() {
        let run = [
            op(
                "QueryingAFloatingIpAddress",
                "GET",
                "/v2.0/eip/floatingips_v6/{id}",
                "vpc_apis_v1_v2/floating_ip_address_ipv6/querying_a_floating_ip_address.rst",
            ),
            op(
                "QueryingAFloatingIpAddress",
                "GET",
                "/v2.0/floatingips/{id}",
                "native_openstack_neutron_apis_v2.0/floating_ip_address/querying_a_floating_ip_address.rst",
            ),
        ];
        assert_eq!(
            ids(&run),
            [
                "QueryingAFloatingIpAddressVpc",
                "QueryingAFloatingIpAddressNativeOpenstack"
            ]
        );
        // The folder's telling words: no `Apis`, no versions, at most two.
        assert!(unique(&run).iter().all(|r| r.by == Apart::Folder));
        // A folder without telling words is passed for the next one, where that has words
        // the other pages' folders do not all have, and the id does not.
        let run = [
            op(
                "AssignFloatingIpAddress",
                "POST",
                "/v2.0/eip/floatingips_v6",
                "apis/floating_ip_address_ipv6/assigning_a_floating_ip_address.rst",
            ),
            op(
                "AssignFloatingIpAddress",
                "POST",
                "/v2.0/floatingips",
                "native_openstack_neutron_apis_v2.0/floating_ip_address/assigning.rst",
            ),
        ];
        assert_eq!(
            ids(&run),
            [
                "AssignFloatingIpAddressIpv6",
                "AssignFloatingIpAddressNativeOpenstack"
            ]
        );
        // Nor does a folder that only says what kind of section it is.
        let run = [
            op(
                "DeleteDisk",
                "DELETE",
                "/v2/{p}/cloudvolumes/{id}",
                "apis/disk_management/d.rst",
            ),
            op(
                "DeleteDisk",
                "DELETE",
                "/v2/{p}/volumes/{id}",
                "cinder_apis/disk/d.rst",
            ),
        ];
        assert_eq!(ids(&run), ["DeleteDisk", "DeleteDiskCinder"]);
        // A path without a version does not tell apart either: the folder does, where the
        // pages' paths part (here the second folder).
        let run = [
            op("ListTags", "GET", "/v1/tags", "part/vpc/list_tags.rst"),
            op("ListTags", "GET", "/tags", "part/eip/list_tags.rst"),
        ];
        assert_eq!(ids(&run), ["ListTagsVpc", "ListTagsEip"]);
    }

    #[test]
    fn the_method_then_everything_then_the_order() {
        let run = [
            op("Tags", "GET", "/v1/tags", "tags.rst"),
            op("Tags", "POST", "/v1/tags", "tags_1.rst"),
        ];
        assert_eq!(ids(&run), ["TagsGet", "TagsPost"]);
        assert!(unique(&run).iter().all(|r| r.by == Apart::Method));
        // Each way settles the operations it tells apart; the rest start again from the first
        // way: the version settles the third, the folder the fourth, and the method, which
        // comes after every other way, the first two.
        let run = [
            op("Tags", "GET", "/v1/tags", "a/tags.rst"),
            op("Tags", "POST", "/v1/tags", "a/tags_1.rst"),
            op("Tags", "GET", "/v2/tags", "b/tags.rst"),
            op("Tags", "GET", "/v1/tags", "b/tags_1.rst"),
        ];
        assert_eq!(ids(&run), ["TagsGet", "TagsPost", "TagsV2", "TagsB"]);
        let by: Vec<Apart> = unique(&run).iter().map(|r| r.by).collect();
        assert_eq!(
            by,
            [Apart::Method, Apart::Method, Apart::Version, Apart::Folder]
        );
        // The version and folder together come before the method.
        let run = [
            op("Tags", "GET", "/v1/tags", "x/tags.rst"),
            op("Tags", "POST", "/v2/tags", "x/tags_1.rst"),
            op("Tags", "GET", "/v2/tags", "y/tags.rst"),
            op("Tags", "POST", "/v1/tags", "y/tags_1.rst"),
        ];
        assert_eq!(ids(&run), ["TagsV1X", "TagsV2X", "TagsV2Y", "TagsV1Y"]);
        assert!(unique(&run).iter().all(|r| r.by == Apart::VersionFolder));
        // Nothing tells them apart: their order does.
        let run = [
            op("Tags", "GET", "/v1/tags", "a/tags.rst"),
            op("Tags", "GET", "/v1/tags", "a/tags_1.rst"),
        ];
        assert_eq!(ids(&run), ["Tags_1", "Tags_2"]);
        assert!(unique(&run).iter().all(|r| r.by == Apart::Order));
    }

    fn deprecated<'a>(
        id: &'a str,
        method: &'a str,
        path: &'a str,
        reference: &'a str,
    ) -> Operation<'a> {
        Operation {
            deprecated: true,
            ..op(id, method, path, reference)
        }
    }

    #[test]
    fn the_deprecated_yield() {
        // A page in a part that is going away yields the id to the current one; the same
        // version tells nothing apart, its folder does.
        let run = [
            op(
                "ShowDbInstance",
                "GET",
                "/v3/{project_id}/instances/{instance_id}",
                "apis_recommended/managing_db_instances/querying_details_of_a_db_instance.rst",
            ),
            deprecated(
                "ShowDbInstance",
                "GET",
                "/mysql/v3/{project_id}/instances/{instance_id}",
                "apis_unavailable_soon/instance_management/querying_details_of_a_db_instance.rst",
            ),
        ];
        assert_eq!(
            ids(&run),
            ["ShowDbInstance", "ShowDbInstanceUnavailableSoon"]
        );
        assert_eq!(unique(&run)[0].by, Apart::Folder);
        // Another version tells it apart.
        let run = [
            op(
                "CreateDbInstance",
                "POST",
                "/v3/{project_id}/instances",
                "v3/create.rst",
            ),
            deprecated(
                "CreateDbInstance",
                "POST",
                "/v1/{project_id}/instances",
                "v1/create.rst",
            ),
        ];
        assert_eq!(ids(&run), ["CreateDbInstance", "CreateDbInstanceV1"]);
        // Where nothing tells it apart, its version still does, before its place.
        let run = [
            op(
                "ListTags",
                "GET",
                "/v1/{project_id}/cloudservers/{id}/tags",
                "a/tags.rst",
            ),
            deprecated(
                "ListTags",
                "GET",
                "/v1/{project_id}/servers/{id}/tags",
                "a/old.rst",
            ),
        ];
        assert_eq!(ids(&run), ["ListTags", "ListTagsV1"]);
        // The current ones are told apart first, as if the deprecated ones were not there;
        // then the deprecated ones, from them as from each other.
        let run = [
            op(
                "ListTransfers",
                "GET",
                "/v2/{p}/os-volume-transfer",
                "a/all.rst",
            ),
            op(
                "ListTransfers",
                "GET",
                "/v2/{p}/os-volume-transfer/detail",
                "a/details.rst",
            ),
            deprecated(
                "ListTransfers",
                "GET",
                "/v3/{p}/os-volume-transfer",
                "b/all.rst",
            ),
            deprecated(
                "ListTransfers",
                "GET",
                "/v3/{p}/os-volume-transfer/detail",
                "b/d.rst",
            ),
        ];
        assert_eq!(
            ids(&run),
            [
                "ListTransfersVolumeTransfer",
                "ListTransfersDetail",
                "ListTransfersVolumeTransferV3",
                "ListTransfersDetailV3"
            ]
        );
        let by: Vec<Apart> = unique(&run).iter().map(|r| r.by).collect();
        assert_eq!(
            by,
            [
                Apart::Path,
                Apart::Path,
                Apart::PathVersion,
                Apart::PathVersion
            ]
        );
    }

    #[test]
    fn settled_ones_leave_the_rest_to_the_first_way() {
        // The two Trove pages share a version, until what the second's title adds settles
        // it: then the version tells the first apart (not its method).
        let mut template = deprecated(
            "ListDbInstances",
            "GET",
            "/v1.0/{project_id}/configurations/{id}/instances",
            "trove/template.rst",
        );
        let detail = ["Parameter".to_owned(), "Template".to_owned()];
        template.detail = &detail;
        let run = [
            op(
                "ListDbInstances",
                "GET",
                "/v3/{project_id}/instances",
                "v3/list.rst",
            ),
            deprecated(
                "ListDbInstances",
                "GET",
                "/rds/v1/{project_id}/instances",
                "v1/l.rst",
            ),
            deprecated(
                "ListDbInstances",
                "GET",
                "/v1.0/{project_id}/instances",
                "trove/l.rst",
            ),
            template,
        ];
        assert_eq!(
            ids(&run),
            [
                "ListDbInstances",
                "ListDbInstancesV1",
                "ListDbInstancesV1_0",
                "ListDbInstancesParameterTemplate"
            ]
        );
        // Once the others are told apart, the last one keeps the id.
        let run = [
            op(
                "ShowDisk",
                "GET",
                "/v2.1/servers/{id}/block_device/{v}",
                "apis/a.rst",
            ),
            op(
                "ShowDisk",
                "GET",
                "/v1/{p}/cloudservers/{id}/block_device/{v}",
                "apis/b.rst",
            ),
            op(
                "ShowDisk",
                "GET",
                "/v2.1/{p}/servers/{id}/attachments/{v}",
                "nova_x/a.rst",
            ),
        ];
        assert_eq!(ids(&run), ["ShowDisk", "ShowDiskV1", "ShowDiskNovaX"]);
        assert_eq!(unique(&run)[0].by, Apart::Rest);
    }

    #[test]
    fn one_acting_on_all_of_what_another_acts_on_one_of() {
        // `/images/tags` beside `/images/{image_id}/tags`: the tags of every image.
        let run = [
            op(
                "ListImageTags",
                "GET",
                "/v2/{p}/images/tags",
                "ims/all_image_tags.rst",
            ),
            op(
                "ListImageTags",
                "GET",
                "/v2/{p}/images/{image_id}/tags",
                "ims/tags.rst",
            ),
        ];
        assert_eq!(ids(&run), ["ListAllImageTags", "ListImageTags"]);
        assert!(unique(&run).iter().all(|r| r.by == Apart::Scope));
        assert_eq!(
            renamed("BatchAddServerTags", "All", Apart::Scope),
            "BatchAddAllServerTags"
        );
        // A parameter at the end names one item, not an owner: no scope.
        let run = [
            op(
                "UpdateMetadata",
                "PUT",
                "/v2/{p}/servers/{id}/metadata/{key}",
                "a.rst",
            ),
            op(
                "UpdateMetadata",
                "POST",
                "/v2/{p}/servers/{id}/metadata",
                "b.rst",
            ),
        ];
        assert_eq!(ids(&run), ["UpdateMetadataPut", "UpdateMetadataPost"]);
    }

    #[test]
    fn ids_that_collide_in_snake_case_are_told_apart() {
        // Ids that differ only in case or underscores count as one: `List_V2` and `ListV2` are
        // one method, `list_v2`.
        assert_eq!(snake("List_V2"), snake("ListV2"));
        let run = [
            op(
                "QueryingVpCs",
                "GET",
                "/v1/{project_id}/vpcs",
                "v1/vpc/q.rst",
            ),
            op(
                "QueryingVpcs",
                "GET",
                "/v3/{project_id}/vpc/vpcs",
                "v3/vpc/q.rst",
            ),
            op("List_V2", "GET", "/v2/a", "x/a.rst"),
            op("ListV2", "GET", "/v2/b", "y/b.rst"),
        ];
        assert_eq!(
            ids(&run),
            ["QueryingVpCsV1", "QueryingVpcsV3", "List_V2", "ListV2B"]
        );
    }

    #[test]
    fn new_ids_avoid_the_ids_kept() {
        // `CreateV1` is another operation's id: the version would rename the first `Create` to
        // it, so the folder tells them apart instead.
        let run = [
            op("Create", "POST", "/v1/a", "old/create.rst"),
            op("Create", "POST", "/v2/a", "new/create.rst"),
            op("CreateV1", "POST", "/v1/b", "old/create_v1.rst"),
        ];
        assert_eq!(ids(&run), ["Create", "CreateV2", "CreateV1"]);
        // Versions that fold alike (`V2_1`, `V21`) do not tell apart.
        let run = [
            op("Get", "GET", "/v2.1/a", "p/get.rst"),
            op("Get", "GET", "/v21/a", "q/get.rst"),
        ];
        assert_eq!(ids(&run), ["GetP", "GetQ"]);
    }
}
