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
//! Operations that share one each get a suffix from what tells them apart, the first of these
//! that gives every one of them an id no other operation of the run has:
//!
//! 1. the API version of the path ([`version`]: `/v1/…` and `/rds/v1/…` → `V1`, `/v2.1/…` →
//!    `V2_1`);
//! 2. the folder at which their pages' paths part (`api_v3_recommended/…` → `ApiV3Recommended`);
//! 3. the method (`Get`, `Post`, …);
//! 4. those three together (the version and folder where there are some);
//! 5. failing all, their order among the run's pages (`_1`, `_2`, …).

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
}

/// What told the operations sharing an id apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apart {
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
        let group: Vec<&Operation<'_>> = members.iter().map(|&i| &operations[i]).collect();
        let (ids, by) = separate(&group, &taken);
        for (&index, id) in members.iter().zip(ids) {
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

/// New ids for a group of operations sharing an id, none of them `taken`, and what told them
/// apart.
fn separate(group: &[&Operation<'_>], taken: &HashSet<String>) -> (Vec<String>, Apart) {
    let folders = folders(group);
    for by in [Apart::Version, Apart::Folder, Apart::Method, Apart::All] {
        let suffixes: Option<Vec<String>> = group
            .iter()
            .zip(&folders)
            .map(|(op, folder)| {
                let method = || pascal(&op.method.to_ascii_lowercase());
                match by {
                    Apart::Version => version(op.path),
                    Apart::Folder => folder.clone(),
                    Apart::Method => Some(method()),
                    _ => Some(format!(
                        "{}{}{}",
                        version(op.path).unwrap_or_default(),
                        folder.as_deref().unwrap_or_default(),
                        method()
                    )),
                }
            })
            .collect();
        let Some(suffixes) = suffixes else { continue };
        let ids: Vec<String> = group
            .iter()
            .zip(&suffixes)
            .map(|(op, suffix)| format!("{}{suffix}", op.id))
            .collect();
        let mut seen = HashSet::new();
        if ids.iter().all(|id| {
            let folded = fold(id);
            !taken.contains(&folded) && seen.insert(folded)
        }) {
            return (ids, by);
        }
    }
    let mut seen = HashSet::new();
    let mut n = 0;
    let ids = group
        .iter()
        .map(|op| {
            loop {
                n += 1;
                let id = format!("{}_{n}", op.id);
                let folded = fold(&id);
                if !taken.contains(&folded) && seen.insert(folded) {
                    break id;
                }
            }
        })
        .collect();
    (ids, Apart::Order)
}

/// For each operation of a group, the first folder of its page's path at which the group's
/// paths part, in Pascal case (`None` where its path has no folder there).
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
            let name: String = dir
                .get(depth)?
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            Some(pascal(&name)).filter(|p| !fold(p).is_empty())
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
                "QueryingAFloatingIpAddressVpcApisV1V2",
                "QueryingAFloatingIpAddressNativeOpenstackNeutronApisV20"
            ]
        );
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
        assert_eq!(
            ids(&run),
            ["TagsV1AGet", "TagsV1APost", "TagsV2BGet", "TagsV1BGet"]
        );
        assert!(unique(&run).iter().all(|r| r.by == Apart::All));
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
            ["QueryingVpCsV1", "QueryingVpcsV3", "List_V2X", "ListV2Y"]
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
        assert_eq!(ids(&run), ["CreateOld", "CreateNew", "CreateV1"]);
        // Versions that fold alike (`V2_1`, `V21`) do not tell apart.
        let run = [
            op("Get", "GET", "/v2.1/a", "p/get.rst"),
            op("Get", "GET", "/v21/a", "q/get.rst"),
        ];
        assert_eq!(ids(&run), ["GetP", "GetQ"]);
    }
}
