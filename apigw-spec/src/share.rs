//! Which object types of a service's operations are one Rust type.
//!
//! Every operation's spec defines the objects it uses, so one resource is written down by many
//! pages. Objects of one **shape** are one type: the same fields, in the same order, with the
//! same types, required-ness, constraints and secret-ness, the objects they refer to having one
//! shape in turn (descriptions aside, see [`write::object_shape`]), whatever the pages call them.
//! Operations' own request and response bodies are objects too: `CreateVpcResponse` and
//! `ShowVpcResponse`, both `{vpc: Vpc}`, are one `VpcResponse`.
//!
//! Every object but an operation's own body is a type of the service's `types` module (as
//! aws-sdk-rust's `types`), whether one page or many use it; this module calls them *shared*.
//! The generator defines each once, under a name chosen by rule from the names its objects have
//! (see `candidate_names`: the words they share, `Link` for `NetworksLink` and `PeeringsLink`;
//! else for a small object its fields, `KeyValue` for a `Tag` that another page calls `Match`;
//! else the most used name; else that name for an operation, `VpcForUpdate`), with the
//! descriptions of its first definition (in the order the specs are given). No two types of a
//! service have one Rust name, a field's enum's included. Each operation's module re-exports
//! its types under the names its spec uses, so a page's names stay what they were and only the
//! definitions are one. An operation's own request or response body that no other is like
//! stays in the operation's module: it is named after the operation.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::{Object, Spec, TypeExpr, naming, write};

/// The shared object types of a service (see the [module](self) docs).
#[derive(Debug, Clone, Default)]
pub struct Sharing {
    /// The shared definitions, by their name in the `types` module; the fields refer to other
    /// shared types by their shared names.
    types: BTreeMap<String, Object>,
    /// The shared type of each operation's object: (operation id, object name) → shared name.
    of: HashMap<(String, String), String>,
    /// The other names the specs give each shared type, by its shared name.
    aliases: BTreeMap<String, BTreeSet<String>>,
    /// The shared types that are multipart form bodies ([`Spec::is_form_object`]).
    forms: BTreeSet<String>,
    /// The shared types whose name some spec gives them too.
    page_named: BTreeSet<String>,
    /// The client methods ([`naming::method_name`]) of the operations that use each shared
    /// type, in the order the specs are given.
    users: BTreeMap<String, Vec<String>>,
}

impl Sharing {
    /// Finds the shared types of `specs` (one service's operations, in folder order). A form
    /// body ([`Spec::is_form_object`]) has a shape of its own, which no JSON object has.
    pub fn find<'a>(specs: impl IntoIterator<Item = &'a Spec>) -> Self {
        let specs: Vec<&Spec> = specs.into_iter().collect();
        let mut interner = HashMap::new();
        // Every object with its shape, in order: (spec index, object).
        let mut members: Vec<(usize, &Object, usize)> = Vec::new();
        // Each spec's objects' shapes and the objects they refer to, by name.
        let mut shapes: Vec<HashMap<&str, usize>> = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            let ids = shape_ids(spec, &mut interner);
            for object in &spec.objects {
                members.push((i, object, ids[object.name.value.as_str()]));
            }
            shapes.push(ids);
        }

        // Clusters: the objects of one shape, whatever their names.
        let mut in_service: HashMap<&str, usize> = HashMap::new();
        for (_, object, _) in &members {
            *in_service.entry(object.name.value.as_str()).or_default() += 1;
        }
        let mut by_shape: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (m, (_, _, shape)) in members.iter().enumerate() {
            by_shape.entry(*shape).or_default().push(m);
        }
        let clusters: Vec<Cluster> = by_shape
            .into_values()
            .map(|group| {
                let objects: Vec<(&Spec, &str)> = group
                    .iter()
                    .map(|&m| (specs[members[m].0], members[m].1.name.value.as_str()))
                    .collect();
                Cluster {
                    names: candidate_names(&objects, members[group[0]].1, &in_service),
                    members: group,
                }
            })
            .collect();
        // (spec index, object name) → cluster.
        let mut cluster_of: HashMap<(usize, &str), usize> = HashMap::new();
        for (c, cluster) in clusters.iter().enumerate() {
            for &m in &cluster.members {
                cluster_of.insert((members[m].0, members[m].1.name.value.as_str()), c);
            }
        }

        // An operation's own body that no other body is like stays in its operation's module
        // under its page's name (named after the operation, no other type has it); every other
        // cluster is a type of the `types` module.
        let own_body = |c: usize| {
            let [m] = clusters[c].members[..] else {
                return false;
            };
            let (spec, object, _) = members[m];
            specs[spec].is_body_object(object)
        };
        // The Rust names (the struct's and its fields' enums') a cluster has under `name`.
        let rust_names = |c: usize, name: &str| -> Vec<String> {
            let mut object = members[clusters[c].members[0]].1.clone();
            object.name.value = name.to_owned();
            naming::object_type_names(&object)
                .into_iter()
                .map(|(rust, _)| rust)
                .collect()
        };

        // Names: the own bodies' first, then a cluster with more objects chooses first; each
        // takes the first of its names (shortest first) none of whose Rust names another has
        // taken, so no two types of a service have one name.
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut name: Vec<Option<String>> = vec![None; clusters.len()];
        for c in (0..clusters.len()).filter(|c| own_body(*c)) {
            let own = members[clusters[c].members[0]].1.name.value.clone();
            taken.extend(rust_names(c, &own));
            name[c] = Some(own);
        }
        let mut order: Vec<usize> = (0..clusters.len()).filter(|c| !own_body(*c)).collect();
        order.sort_by_key(|&c| {
            (
                std::cmp::Reverse(clusters[c].members.len()),
                clusters[c].members[0],
            )
        });
        for c in order {
            let free = clusters[c].names.iter().find_map(|n| {
                let rust = rust_names(c, n);
                let unique: BTreeSet<&String> = rust.iter().collect();
                (unique.len() == rust.len() && rust.iter().all(|r| !taken.contains(r)))
                    .then_some((n, rust))
            });
            if let Some((free, rust)) = free {
                taken.extend(rust);
                name[c] = Some(free.clone());
            }
        }

        // What each cluster's definition (its first object) refers to.
        let children: Vec<Vec<usize>> = clusters
            .iter()
            .map(|c| {
                let (spec, object, _) = members[c.members[0]];
                referenced(object)
                    .into_iter()
                    .filter_map(|r| cluster_of.get(&(spec, r)).copied())
                    .collect()
            })
            .collect();
        let definition = |c: usize, shared_name: &str| -> Object {
            let (spec, object, _) = members[clusters[c].members[0]];
            let mut object = object.clone();
            object.name.value = shared_name.to_owned();
            for field in &mut object.fields {
                rename(&mut field.schema.ty.value, &|r| {
                    cluster_of.get(&(spec, r)).and_then(|&c| name[c].clone())
                });
            }
            object
        };

        // Shared: the clusters but the own bodies, and what they refer to, less those that
        // cannot be (no name of their own: the names were chosen so that no two have one Rust
        // name) and those referring to one that cannot be.
        let mut dropped: BTreeSet<usize> = BTreeSet::new();
        let shared = loop {
            let mut shared: BTreeSet<usize> = (0..clusters.len())
                .filter(|c| !own_body(*c) && !dropped.contains(c))
                .collect();
            let mut stack: Vec<usize> = shared.iter().copied().collect();
            while let Some(c) = stack.pop() {
                for &child in &children[c] {
                    if shared.insert(child) {
                        stack.push(child);
                    }
                }
            }
            let mut bad: BTreeSet<usize> = shared
                .iter()
                .copied()
                .filter(|c| dropped.contains(c) || name[*c].is_none())
                .collect();
            if bad.is_empty() {
                break shared;
            }
            // And every cluster that refers to a bad one, however deep.
            loop {
                let more: Vec<usize> = shared
                    .iter()
                    .copied()
                    .filter(|c| !bad.contains(c) && children[*c].iter().any(|k| bad.contains(k)))
                    .collect();
                if more.is_empty() {
                    break;
                }
                bad.extend(more);
            }
            dropped.extend(bad);
        };

        let mut sharing = Self::default();
        for c in shared {
            let Some(shared_name) = name[c].clone() else {
                continue;
            };
            sharing
                .types
                .insert(shared_name.clone(), definition(c, &shared_name));
            for &m in &clusters[c].members {
                let (spec, object, _) = members[m];
                if specs[spec].is_form_object(object) {
                    sharing.forms.insert(shared_name.clone());
                }
                if object.name.value != shared_name {
                    sharing
                        .aliases
                        .entry(shared_name.clone())
                        .or_default()
                        .insert(object.name.value.clone());
                } else {
                    sharing.page_named.insert(shared_name.clone());
                }
                let method = naming::method_name(specs[spec]);
                let users = sharing.users.entry(shared_name.clone()).or_default();
                if !users.contains(&method) {
                    users.push(method);
                }
                sharing.of.insert(
                    (
                        specs[spec].operation.id.value.clone(),
                        object.name.value.clone(),
                    ),
                    shared_name.clone(),
                );
            }
        }
        sharing
    }

    /// The shared type that `spec`'s object `object` is, by its shared name.
    pub fn shared_as(&self, spec: &Spec, object: &str) -> Option<&Object> {
        let name = self
            .of
            .get(&(spec.operation.id.value.clone(), object.to_owned()))?;
        self.types.get(name)
    }

    /// The shared types' definitions, by name.
    pub fn objects(&self) -> impl Iterator<Item = &Object> {
        self.types.values()
    }

    /// The names other than its own that the specs give the shared type `name`, in order.
    pub fn aliases(&self, name: &str) -> impl Iterator<Item = &str> {
        self.aliases
            .get(name)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// Whether the shared type `name` is a multipart form body.
    pub fn is_form(&self, name: &str) -> bool {
        self.forms.contains(name)
    }

    /// Whether some spec gives the shared type `name` that name too (else every spec calls it
    /// by one of its [`aliases`](Self::aliases)).
    pub fn is_page_named(&self, name: &str) -> bool {
        self.page_named.contains(name)
    }

    /// The client methods ([`naming::method_name`]) of the operations that use the shared type
    /// `name`, in the order the specs are given.
    pub fn users(&self, name: &str) -> &[String] {
        self.users.get(name).map_or(&[], Vec::as_slice)
    }

    /// How many types are shared.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether no type is shared.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// Objects of one shape.
#[derive(Debug)]
struct Cluster {
    /// The names it may take, best first (see [`candidate_names`]).
    names: Vec<String>,
    /// Its objects (indexes into the members).
    members: Vec<usize>,
}

/// The shape of each of `spec`'s objects, as a number that `interner` gives each distinct
/// shape of the service: the object's [`write::object_shape`] under a blank name, with the
/// objects it refers to written as their own shapes' numbers.
pub fn shape_ids<'s>(
    spec: &'s Spec,
    interner: &mut HashMap<String, usize>,
) -> HashMap<&'s str, usize> {
    fn visit<'s>(
        spec: &'s Spec,
        name: &'s str,
        interner: &mut HashMap<String, usize>,
        done: &mut HashMap<&'s str, usize>,
        path: &mut Vec<&'s str>,
    ) -> Option<usize> {
        if let Some(id) = done.get(name) {
            return Some(*id);
        }
        let object = spec.object(name)?;
        if path.contains(&name) {
            return None;
        }
        path.push(name);
        let mut bare = object.clone();
        bare.name.value = "_".to_owned();
        for (field, original) in bare.fields.iter_mut().zip(&object.fields) {
            let mut refs = Vec::new();
            for r in referenced_in(&original.schema.ty.value) {
                // A type that refers back to itself is written by name.
                let shape = visit(spec, r, interner, done, path)
                    .map_or_else(|| format!("self:{r}"), |id| format!("Shape{id}"));
                refs.push((r.to_owned(), shape));
            }
            rename(&mut field.schema.ty.value, &|r| {
                refs.iter().find(|(n, _)| n == r).map(|(_, s)| s.clone())
            });
        }
        path.pop();
        let mut text = write::object_shape(&bare);
        if spec.is_form_object(object) {
            text.insert_str(0, "# a multipart form\n");
        }
        let next = interner.len();
        let id = *interner.entry(text).or_insert(next);
        done.insert(name, id);
        Some(id)
    }
    let mut done = HashMap::new();
    for object in &spec.objects {
        visit(
            spec,
            &object.name.value,
            interner,
            &mut done,
            &mut Vec::new(),
        );
    }
    done
}

/// The names a cluster of objects of one shape may take, best first (the first that no other
/// shared type of the service has taken is its name):
/// 1. when its objects have several names, the words all of them share, in the order of the
///    name with the fewest (`NetworksLink`, `PeeringsLink` → `Link`; `CreateVpcResponse`,
///    `ShowVpcResponse` → `VpcResponse`), unless those are only words that operations add to
///    the names of their bodies (the `Response` of `ShowVpcResponse` for `ShowVpc`);
/// 2. else, when its objects have several names and it has at most three fields, their names,
///    followed by the words its names share that operations add to their bodies' (`{key,
///    value}`, called `Tag` by some pages and `Match` by others → `KeyValue`; `{job_id}`, the
///    response of several operations → `JobIdResponse`);
/// 3. its names: the one the most of its objects have first, then the one the most objects of
///    the service have (the resource's own name rather than a field's), then the one of fewest
///    words, the shortest;
/// 4. each name followed by `For` and the verb of an operation that uses it
///    (`ServerForCreate`), then by the operation's whole name (`ServerForCreateServers`), for
///    when other shapes took its names.
fn candidate_names(
    objects: &[(&Spec, &str)],
    first: &Object,
    in_service: &HashMap<&str, usize>,
) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, name) in objects {
        *count.entry(name).or_default() += 1;
    }
    let mut names: Vec<&str> = count.keys().copied().collect();
    names.sort_by_key(|n| {
        (
            std::cmp::Reverse(count[n]),
            std::cmp::Reverse(in_service.get(n).copied().unwrap_or_default()),
            words(n).len(),
            n.len(),
            *n,
        )
    });
    let base = names
        .iter()
        .min_by_key(|n| (words(n).len(), n.len(), **n))
        .copied()
        .unwrap_or_default();
    let common: Vec<&str> = words(base)
        .into_iter()
        .filter(|w| {
            names
                .iter()
                .all(|n| words(n).iter().any(|x| same_word(w, x)))
        })
        .collect();
    // The words operations add to the names of their own bodies.
    let added: Vec<&str> = objects
        .iter()
        .filter_map(|(spec, name)| name.strip_prefix(spec.operation.id.value.as_str()))
        .flat_map(words)
        .collect();
    let is_added = |w: &str| added.iter().any(|a| same_word(w, a));
    let mut out: Vec<String> = Vec::new();
    if names.len() > 1 && !common.iter().all(|w| is_added(w)) {
        out.push(common.concat());
    } else if names.len() > 1 && (1..=3).contains(&first.fields.len()) {
        let fields = first.fields.iter().map(|f| naming::pascal(&f.name.value));
        let suffix = common
            .iter()
            .filter(|w| is_added(w))
            .map(|w| (*w).to_owned());
        out.push(fields.chain(suffix).collect());
    }
    out.extend(names.iter().map(|n| (*n).to_owned()));
    // Then by the verbs of the operations that use a name, then by their whole names.
    let using = |name: &str| -> Vec<&str> {
        objects
            .iter()
            .filter(|(_, n)| *n == name)
            .map(|(spec, _)| spec.operation.id.value.as_str())
            .collect()
    };
    for name in &names {
        for op in using(name) {
            let verb = words(op).first().map(|w| naming::pascal(w));
            out.extend(verb.map(|v| format!("{name}For{v}")));
        }
    }
    for name in &names {
        out.extend(
            using(name)
                .into_iter()
                .map(|op| format!("{name}For{}", naming::pascal(op))),
        );
    }
    let mut seen = BTreeSet::new();
    out.retain(|n| seen.insert(n.clone()));
    out
}

/// Whether two words are one, in any case and with a plural `s` aside.
fn same_word(a: &str, b: &str) -> bool {
    let stem = |w: &str| {
        let w = w.to_ascii_lowercase();
        match w.strip_suffix('s') {
            Some(stem) if !stem.is_empty() => stem.to_owned(),
            _ => w,
        }
    };
    stem(a) == stem(b)
}

/// The words of a `PascalCase` name: `VpcInfoResponse` → `Vpc`, `Info`, `Response`;
/// `ECSFlavor` → `ECS`, `Flavor`; `V2_0Body` → `V2`, `0`, `Body`.
fn words(name: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|p| chars[p].1);
        let after = chars.get(k + 1).map(|p| p.1);
        let boundary = c == '_'
            || (c.is_uppercase()
                && (before.is_some_and(|b| b.is_lowercase() || b.is_ascii_digit())
                    || (before.is_some_and(char::is_uppercase)
                        && after.is_some_and(char::is_lowercase))));
        if boundary && i > start {
            out.push(&name[start..i]);
            start = i;
        }
        if c == '_' {
            start = i + 1;
        }
    }
    if start < name.len() {
        out.push(&name[start..]);
    }
    out
}

/// The objects an object's fields refer to by name.
fn referenced(object: &Object) -> Vec<&str> {
    object
        .fields
        .iter()
        .flat_map(|f| referenced_in(&f.schema.ty.value))
        .collect()
}

fn referenced_in(ty: &TypeExpr) -> Vec<&str> {
    match ty {
        TypeExpr::Named(name) => vec![name.as_str()],
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => referenced_in(inner),
        _ => Vec::new(),
    }
}

/// Renames the objects `ty` refers to, where `new` gives a name.
fn rename(ty: &mut TypeExpr, new: &dyn Fn(&str) -> Option<String>) {
    match ty {
        TypeExpr::Named(name) => {
            if let Some(n) = new(name) {
                *name = n;
            }
        }
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => rename(inner, new),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_split_into_words() {
        assert_eq!(words("VpcInfoResponse"), ["Vpc", "Info", "Response"]);
        assert_eq!(words("ECSFlavor"), ["ECS", "Flavor"]);
        assert_eq!(
            words("CreateSubnetV2_0Response"),
            ["Create", "Subnet", "V2", "0", "Response"]
        );
        assert!(same_word("Links", "link"));
        assert!(!same_word("Linkage", "Link"));
    }

    fn spec(id: &str, objects: &str) -> Spec {
        let text = format!(
            "[operation]\nid = \"{id}\"\nmethod = \"GET\"\npath = \"/{id}\"\n\n\
             [response.200]\nbody = \"{id}Response\"\n\n{objects}"
        );
        crate::load("s.toml", &text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// `{href, rel}` objects called `Name`, under operations `ListA`, `ListB`, ….
    fn links(id: &str, names: &[&str]) -> Spec {
        let mut objects = String::new();
        for name in names {
            objects.push_str(&format!(
                "[object.{id}Response.{}]\ntype = \"{name}\"\n\n\
                 [object.{name}.href]\ntype = \"String\"\n\n\
                 [object.{name}.rel]\ntype = \"String\"\n\n",
                naming::snake(name)
            ));
        }
        spec(id, &objects)
    }

    fn shared_name(sharing: &Sharing, spec: &Spec, name: &str) -> Option<String> {
        sharing.shared_as(spec, name).map(|o| o.name.value.clone())
    }

    #[test]
    fn objects_of_one_shape_are_one_type_named_by_the_words_their_names_share() {
        let a = links("ListNetworks", &["NetworksLink"]);
        let b = links("ListPorts", &["PortsLink"]);
        let sharing = Sharing::find([&a, &b]);
        assert_eq!(
            shared_name(&sharing, &a, "NetworksLink").as_deref(),
            Some("Link")
        );
        assert_eq!(
            shared_name(&sharing, &b, "PortsLink").as_deref(),
            Some("Link")
        );
        assert_eq!(
            sharing.aliases("Link").collect::<Vec<_>>(),
            ["NetworksLink", "PortsLink"]
        );
        // The bodies `{<field>: {href, rel}}` differ in their field's name: two shapes.
        assert_eq!(shared_name(&sharing, &a, "ListNetworksResponse"), None);
    }

    #[test]
    fn a_small_object_whose_names_share_no_word_is_named_after_its_fields() {
        let a = links("ListNetworks", &["Link"]);
        let b = links("ListPorts", &["Reference"]);
        let sharing = Sharing::find([&a, &b]);
        assert_eq!(
            shared_name(&sharing, &a, "Link").as_deref(),
            Some("HrefRel")
        );
        assert_eq!(
            shared_name(&sharing, &b, "Reference").as_deref(),
            Some("HrefRel")
        );
    }

    #[test]
    fn bodies_alike_are_one_type_named_after_what_their_names_share() {
        let body = |id: &str| {
            spec(
                id,
                &format!(
                    "[object.{id}Response.vpc]\ntype = \"Vpc\"\n\n\
                     [object.Vpc.id]\ntype = \"String\"\n\n\
                     [object.Vpc.name]\ntype = \"String\"\n"
                ),
            )
        };
        let (show, create) = (body("ShowVpc"), body("CreateVpc"));
        let sharing = Sharing::find([&show, &create]);
        assert_eq!(
            shared_name(&sharing, &create, "CreateVpcResponse").as_deref(),
            Some("VpcResponse")
        );
        assert_eq!(shared_name(&sharing, &show, "Vpc").as_deref(), Some("Vpc"));
        // Only words that operations add to their bodies' names make no name: `{job_id}`
        // answered by `StartServer` and `RebootInstance` is a `JobIdResponse`, not a `Response`.
        let job = |id: &str| {
            spec(
                id,
                &format!("[object.{id}Response.job_id]\ntype = \"String\"\n"),
            )
        };
        let (start, reboot) = (job("StartServer"), job("RebootInstance"));
        let sharing = Sharing::find([&start, &reboot]);
        assert_eq!(
            shared_name(&sharing, &reboot, "RebootInstanceResponse").as_deref(),
            Some("JobIdResponse")
        );
    }

    #[test]
    fn a_second_shape_of_a_taken_name_says_which_operation_it_is_for() {
        let a = links("ListNetworks", &["Link"]);
        let b = links("ShowNetwork", &["Link"]);
        let c = spec(
            "ListPorts",
            "[object.ListPortsResponse.link]\ntype = \"Link\"\n\n\
             [object.Link.href]\ntype = \"Integer\"\n\n",
        );
        let d = spec(
            "ListRouters",
            "[object.ListRoutersResponse.link]\ntype = \"Link\"\n\n\
             [object.Link.href]\ntype = \"Integer\"\n\n",
        );
        let sharing = Sharing::find([&a, &b, &c, &d]);
        assert_eq!(shared_name(&sharing, &a, "Link").as_deref(), Some("Link"));
        assert_eq!(
            shared_name(&sharing, &d, "Link").as_deref(),
            Some("LinkForList")
        );
    }

    #[test]
    fn a_shared_type_refers_to_shared_types() {
        let body = |id: &str, child: &str| {
            spec(
                id,
                &format!(
                    "[object.{id}Response.peering]\ntype = \"PeeringResponse\"\n\n\
                     [object.PeeringResponse.vpc]\ntype = \"{child}\"\n\n\
                     [object.{child}.vpc_id]\ntype = \"String\"\n"
                ),
            )
        };
        let (a, b) = (
            body("ShowPeering", "VpcInfo"),
            body("CreatePeering", "VpcInfoResponse"),
        );
        let sharing = Sharing::find([&a, &b]);
        let peering = sharing.shared_as(&b, "PeeringResponse").expect("shared");
        assert_eq!(
            peering.fields[0].schema.ty.value,
            TypeExpr::Named("VpcInfo".into())
        );
        assert!(
            sharing
                .shared_as(&b, "VpcInfoResponse")
                .is_some_and(|o| o.name.value == "VpcInfo")
        );
    }

    #[test]
    fn objects_that_differ_in_what_they_refer_to_are_types_of_different_names() {
        let body = |id: &str, ty: &str| {
            spec(
                id,
                &format!(
                    "[object.{id}Response.vpc]\ntype = \"Vpc\"\n\n\
                     [object.Vpc.id]\ntype = \"{ty}\"\n"
                ),
            )
        };
        let (a, b) = (body("ShowVpc", "String"), body("UpdateVpc", "Integer"));
        let sharing = Sharing::find([&a, &b]);
        // Each `Vpc` is a type of its own, the second named after its operation's verb.
        assert_eq!(shared_name(&sharing, &a, "Vpc").as_deref(), Some("Vpc"));
        assert_eq!(
            shared_name(&sharing, &b, "Vpc").as_deref(),
            Some("VpcForUpdate")
        );
        // The bodies, one per operation and named after it, stay in their operations.
        assert_eq!(shared_name(&sharing, &a, "ShowVpcResponse"), None);
        assert_eq!(shared_name(&sharing, &b, "UpdateVpcResponse"), None);
        assert_eq!(sharing.len(), 2);
    }

    #[test]
    fn no_two_types_share_a_rust_name_not_even_a_fields_enum() {
        // `Server.status` is the enum `ServerStatus`, so the object that a page calls
        // `ServerStatus` takes its next name.
        let a = spec(
            "ShowServer",
            "[object.ShowServerResponse.server]\ntype = \"Server\"\n\n\
             [object.Server.status]\ntype = \"String\"\nenum = [\"ACTIVE\", \"ERROR\"]\n",
        );
        let b = spec(
            "ShowServerStatus",
            "[object.ShowServerStatusResponse.status]\ntype = \"ServerStatus\"\n\n\
             [object.ServerStatus.code]\ntype = \"Integer\"\n",
        );
        let sharing = Sharing::find([&a, &b]);
        assert_eq!(
            shared_name(&sharing, &a, "Server").as_deref(),
            Some("Server")
        );
        assert_eq!(
            shared_name(&sharing, &b, "ServerStatus").as_deref(),
            Some("ServerStatusForShow")
        );
    }

    #[test]
    fn multipart_forms_alike_are_one_form_type_and_never_a_json_objects() {
        let form = |id: &str| {
            let text = format!(
                "[operation]\nid = \"{id}\"\nmethod = \"POST\"\npath = \"/{id}\"\n\n\
                 [body]\ntype = \"{id}RequestBody\"\ncontent_type = \"multipart/form-data\"\n\n\
                 [response.204]\n\n\
                 [object.{id}RequestBody.name]\ntype = \"String\"\nrequired = true\n"
            );
            crate::load("s.toml", &text).unwrap_or_else(|e| panic!("{e}"))
        };
        let (upload, update) = (form("UploadChart"), form("UpdateChart"));
        let json = spec(
            "ShowChart",
            "[object.ShowChartResponse.name]\ntype = \"String\"\nrequired = true\n",
        );
        let sharing = Sharing::find([&upload, &update, &json]);
        let shared = shared_name(&sharing, &update, "UpdateChartRequestBody").expect("shared");
        assert_eq!(shared, "ChartRequestBody");
        assert!(sharing.is_form(&shared));
        assert_eq!(shared_name(&sharing, &json, "ShowChartResponse"), None);
    }
}
