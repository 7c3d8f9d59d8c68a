//! Which object types of a service's operations are one Rust type.
//!
//! Every operation's spec defines the objects it uses, so one resource is written down by many
//! pages. Two objects are one type when
//! - they have one **shape**: the same fields, in the same order, with the same types,
//!   required-ness, constraints and secret-ness, the objects they refer to having one shape in
//!   turn (descriptions aside, see [`write::object_shape`]); and
//! - their **names** are the same, or one extends the other by whole words (`NetworksLink`
//!   and `PeeringsLink` extend `Link`, `PeeringResponse` extends `Peering`). Objects of one shape
//!   whose names are unrelated (`Port { id }` and `Image { id }`) describe different things
//!   and stay different types, so that one cannot be passed where the other is meant.
//!
//! A type that two or more objects are is *shared*: the generator defines it once, in the
//! service's `types` module, under the shortest of its names, with the descriptions of its
//! first definition (in the order the specs are given); each operation's module re-exports it
//! under the name its spec uses. An object that a shared type refers to is shared too.

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
}

impl Sharing {
    /// Finds the shared types of `specs` (one service's operations, in folder order). A form
    /// body ([`Spec::is_form_object`]) is no JSON object and is never shared.
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
                if !spec.is_form_object(object) {
                    members.push((i, object, ids[object.name.value.as_str()]));
                }
            }
            shapes.push(ids);
        }

        // Clusters: objects of one shape whose names extend the cluster's shortest one.
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut by_shape: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (m, (_, _, shape)) in members.iter().enumerate() {
            by_shape.entry(*shape).or_default().push(m);
        }
        // (spec index, object name) → cluster.
        let mut cluster_of: HashMap<(usize, &str), usize> = HashMap::new();
        for group in by_shape.values() {
            let mut names: Vec<&str> = group
                .iter()
                .map(|&m| members[m].1.name.value.as_str())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            names.sort_by_key(|n| (words(n).len(), n.len(), *n));
            let first = clusters.len();
            for name in names {
                let joined = clusters[first..]
                    .iter()
                    .position(|c| extends(name, &c.names[0]));
                match joined {
                    Some(c) => clusters[first + c].names.push(name.to_owned()),
                    None => clusters.push(Cluster {
                        names: vec![name.to_owned()],
                        members: Vec::new(),
                    }),
                }
            }
            for &m in group {
                let (spec, object, _) = members[m];
                let c = first
                    + clusters[first..]
                        .iter()
                        .position(|c| c.names.contains(&object.name.value))
                        .unwrap_or_default();
                clusters[c].members.push(m);
                cluster_of.insert((spec, object.name.value.as_str()), c);
            }
        }

        // Names: a cluster with more objects chooses first; each takes the first of its names
        // (shortest first) that no other cluster has taken.
        let mut order: Vec<usize> = (0..clusters.len()).collect();
        order.sort_by_key(|&c| {
            (
                std::cmp::Reverse(clusters[c].members.len()),
                clusters[c].members[0],
            )
        });
        let mut taken = BTreeSet::new();
        let mut name: Vec<Option<String>> = vec![None; clusters.len()];
        for c in order {
            if let Some(free) = clusters[c].names.iter().find(|n| !taken.contains(*n)) {
                taken.insert(free.clone());
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

        // Shared: the clusters of two or more objects and what they refer to, less those that
        // cannot be (no name of their own, a Rust name another shared type generates) and
        // those referring to one that cannot be.
        let mut dropped: BTreeSet<usize> = BTreeSet::new();
        let shared = loop {
            let mut shared: BTreeSet<usize> = (0..clusters.len())
                .filter(|c| clusters[*c].members.len() > 1 && !dropped.contains(c))
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
            let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for &c in shared.iter().filter(|c| !bad.contains(c)) {
                let shared_name = name[c].as_deref().unwrap_or_default();
                for (rust, _) in naming::object_type_names(&definition(c, shared_name)) {
                    owners.entry(rust).or_default().push(c);
                }
            }
            bad.extend(owners.into_values().filter(|o| o.len() > 1).flatten());
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

    /// How many types are shared.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether no type is shared.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// Objects of one shape whose names are related.
#[derive(Debug)]
struct Cluster {
    /// Its names, the shortest (which every other extends) first.
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
        let text = write::object_shape(&bare);
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

/// Whether `name` extends `base` by whole words (`NetworksLink` extends `Link`); a name does
/// not extend itself. Words compare in any case and with a plural `s` aside
/// (`VpcAttachmentDetails` extends `VpcAttachmentDetail`).
fn extends(name: &str, base: &str) -> bool {
    fn same(a: &str, b: &str) -> bool {
        let stem = |w: &str| {
            let w = w.to_ascii_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if !stem.is_empty() => stem.to_owned(),
                _ => w,
            }
        };
        stem(a) == stem(b)
    }
    let (name, base) = (words(name), words(base));
    name != base
        && name
            .windows(base.len())
            .any(|w| w.iter().zip(&base).all(|(a, b)| same(a, b)))
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
        assert!(extends("NetworksLink", "Link"));
        assert!(extends("PeeringResponse", "Peering"));
        assert!(!extends("Link", "Link"));
        assert!(!extends("Linkage", "Link"));
        assert!(!extends("VnicResp", "VnicInfo"));
        assert!(extends("VpcAttachmentDetails", "VpcAttachmentDetail"));
        assert!(extends("AllowAddressNetmasksIpv6", "AllowAddressNetmask"));
        assert!(!extends("Status", "Statuses"));
    }

    fn spec(id: &str, objects: &str) -> Spec {
        let text = format!(
            "[operation]\nid = \"{id}\"\nmethod = \"GET\"\npath = \"/{id}\"\n\n\
             [response.200]\nbody = \"{id}Response\"\n\n{objects}"
        );
        crate::load("s.toml", &text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn objects_of_one_shape_whose_names_extend_one_another_are_one_type() {
        let a = spec(
            "ListNetworks",
            "[object.ListNetworksResponse.links]\ntype = \"Array<NetworksLink>\"\n\n\
             [object.NetworksLink.href]\ntype = \"String\"\n\n\
             [object.NetworksLink.rel]\ntype = \"String\"\n",
        );
        let b = spec(
            "ListPorts",
            "[object.ListPortsResponse.links]\ntype = \"Array<Link>\"\n\n\
             [object.ListPortsResponse.port]\ntype = \"Port\"\n\n\
             [object.Link.href]\ntype = \"String\"\n\n\
             [object.Link.rel]\ntype = \"String\"\n\n\
             [object.Port.href]\ntype = \"String\"\n\n\
             [object.Port.rel]\ntype = \"String\"\n",
        );
        let sharing = Sharing::find([&a, &b]);
        let link =
            |spec: &Spec, name: &str| sharing.shared_as(spec, name).map(|o| o.name.value.clone());
        assert_eq!(link(&a, "NetworksLink").as_deref(), Some("Link"));
        assert_eq!(link(&b, "Link").as_deref(), Some("Link"));
        // One shape, but an unrelated name: another type.
        assert_eq!(link(&b, "Port"), None);
        // Each operation's body is its own.
        assert_eq!(link(&a, "ListNetworksResponse"), None);
        assert_eq!(sharing.len(), 1);
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
    fn objects_that_differ_in_what_they_refer_to_are_different_types() {
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
        assert!(Sharing::find([&a, &b]).is_empty());
    }
}
