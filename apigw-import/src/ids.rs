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
//! Where operations share one and all but one of them are deprecated, the one that is not
//! keeps it. The others each get a suffix from what tells them apart, the first of these that
//! gives every one of them an id no other operation of the run has:
//!
//! 1. the words their titles' parentheses add (`(Native OpenStack API)` → `NativeOpenStack`),
//!    less the words they all share and the words that say nothing (`API`, numbers), at most
//!    two;
//! 2. the API version of the path ([`version`]: `/v1/…` and `/rds/v1/…` → `V1`, `/v2.1/…` →
//!    `V2_1`);
//! 3. the folder at which their pages' paths part, less the words that say nothing (`API`,
//!    versions, `recommended`, `discarded`), at most two (`native_openstack_neutron_apis_v2.0`
//!    → `NativeOpenstack`);
//! 4. the method (`Get`, `Post`, …);
//! 5. those together (the version and folder where there are some);
//! 6. failing all, their order among the run's pages (`_1`, `_2`, …).

use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// What the titles say after the resource.
    Detail,
    /// The API version of the path.
    Version,
    /// The folder at which the pages' paths part.
    Folder,
    /// The method.
    Method,
    /// Version, folder and method together.
    All,
    /// Nothing but the order of the pages.
    Order,
}

impl fmt::Display for Apart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Apart::Current => "the others being deprecated",
            Apart::Qualifier => "what its title adds in parentheses",
            Apart::Path => "the last segment of its path",
            Apart::Detail => "what its title says after the resource",
            Apart::Version => "the API version of its path",
            Apart::Folder => "its folder",
            Apart::Method => "its method",
            Apart::All => "its API version, folder and method",
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
    for members in groups.values().filter(|members| members.len() > 1) {
        let current: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !operations[i].deprecated)
            .collect();
        // The one operation that is not deprecated keeps the id; the rest are told apart.
        let (kept, rest): (Option<usize>, Vec<usize>) = match current.as_slice() {
            [one] => (
                Some(*one),
                members.iter().copied().filter(|i| i != one).collect(),
            ),
            _ => (None, members.clone()),
        };
        if let Some(kept) = kept {
            taken.insert(fold(operations[kept].id));
        }
        let group: Vec<&Operation<'_>> = rest.iter().map(|&i| &operations[i]).collect();
        for (&index, (id, by)) in rest.iter().zip(separate(&group, &taken)) {
            taken.insert(fold(&id));
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

/// New ids for a group of operations sharing an id, none of them `taken`, and what told each
/// apart. Each way of telling apart (see the module) settles the operations it gives an id of
/// their own; the rest go on to the next.
fn separate(group: &[&Operation<'_>], taken: &HashSet<String>) -> Vec<(String, Apart)> {
    let mut taken = taken.clone();
    let mut settled: Vec<Option<(String, Apart)>> = vec![None; group.len()];
    let mut left: Vec<usize> = (0..group.len()).collect();
    for by in [
        Apart::Qualifier,
        Apart::Version,
        Apart::Path,
        Apart::Detail,
        Apart::Folder,
        Apart::Method,
        Apart::All,
    ] {
        if left.is_empty() {
            break;
        }
        let sub: Vec<&Operation<'_>> = left.iter().map(|&i| group[i]).collect();
        let Some(suffixes) = suffixes(&sub, by) else {
            continue;
        };
        let ids: Vec<String> = sub
            .iter()
            .zip(&suffixes)
            .map(|(op, suffix)| format!("{}{suffix}", op.id))
            .collect();
        let mut count: HashMap<String, usize> = HashMap::new();
        for id in &ids {
            *count.entry(fold(id)).or_default() += 1;
        }
        let mut still = Vec::new();
        for (&member, id) in left.iter().zip(ids) {
            let folded = fold(&id);
            if count[&folded] == 1 && !taken.contains(&folded) {
                taken.insert(folded);
                settled[member] = Some((id, by));
            } else {
                still.push(member);
            }
        }
        left = still;
    }
    let mut n = 0;
    for member in left {
        loop {
            n += 1;
            let id = format!("{}_{n}", group[member].id);
            let folded = fold(&id);
            if taken.insert(folded) {
                settled[member] = Some((id, Apart::Order));
                break;
            }
        }
    }
    settled.into_iter().flatten().collect()
}

/// The suffix each of `group` gets from one way of telling apart; `None` where it says
/// nothing of any of them.
fn suffixes(group: &[&Operation<'_>], by: Apart) -> Option<Vec<String>> {
    let method = |op: &Operation<'_>| pascal(&op.method.to_ascii_lowercase());
    match by {
        Apart::Qualifier => words_apart(group, |op| op.qualifier),
        Apart::Detail => words_apart(group, |op| op.detail),
        Apart::Version => group.iter().map(|op| version(op.path)).collect(),
        Apart::Path => Some(group.iter().map(|op| last_segment(op)).collect()),
        Apart::Folder => folders(group).into_iter().collect(),
        Apart::Method => Some(group.iter().map(|op| method(op)).collect()),
        Apart::All => {
            let folders = folders(group);
            Some(
                group
                    .iter()
                    .zip(folders)
                    .map(|(op, folder)| {
                        format!(
                            "{}{}{}",
                            version(op.path).unwrap_or_default(),
                            folder.unwrap_or_default(),
                            method(op)
                        )
                    })
                    .collect(),
            )
        }
        Apart::Current | Apart::Order => None,
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
/// its title says after the resource) that not every one of the group's has; `None` when
/// none has any.
fn words_apart<'a>(
    group: &[&Operation<'a>],
    words: impl Fn(&Operation<'a>) -> &'a [String],
) -> Option<Vec<String>> {
    let first = words(group[0]);
    let common: Vec<&String> = first
        .iter()
        .filter(|w| group.iter().all(|op| words(op).contains(w)))
        .collect();
    let suffixes: Vec<String> = group
        .iter()
        .map(|op| telling(words(op).iter().filter(|w| !common.contains(w)).cloned()))
        .collect();
    suffixes.iter().any(|s| !s.is_empty()).then_some(suffixes)
}

/// For each operation of a group, the first folder of its page's path at which the group's
/// paths part, its telling words in Pascal case (`None` where its path has no folder there).
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
    dirs.iter()
        .map(|dir| {
            let name = telling(
                dir.get(depth)?
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned),
            );
            Some(name).filter(|p| !fold(p).is_empty())
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
        // Neither version, folder nor method alone, but together.
        let run = [
            op("Tags", "GET", "/v1/tags", "a/tags.rst"),
            op("Tags", "POST", "/v1/tags", "a/tags_1.rst"),
            op("Tags", "GET", "/v2/tags", "b/tags.rst"),
            op("Tags", "GET", "/v1/tags", "b/tags_1.rst"),
        ];
        // Each way settles the operations it gives an id of their own; the rest go on.
        assert_eq!(ids(&run), ["TagsV1Get", "TagsPost", "TagsV2", "TagsV1BGet"]);
        let by: Vec<Apart> = unique(&run).iter().map(|r| r.by).collect();
        assert_eq!(by, [Apart::All, Apart::Method, Apart::Version, Apart::All]);
        // Nothing tells them apart: their order does.
        let run = [
            op("Tags", "GET", "/v1/tags", "a/tags.rst"),
            op("Tags", "GET", "/v1/tags", "a/tags_1.rst"),
        ];
        assert_eq!(ids(&run), ["Tags_1", "Tags_2"]);
        assert!(unique(&run).iter().all(|r| r.by == Apart::Order));
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
