//! Resources by rule: which operations of a service create, list, read, update and delete one
//! kind of resource, found from their methods and paths alone.
//!
//! A **collection** is a path whose last segment is literal (`/v1/{project_id}/vpcs`) and that
//! has an **item** path: the collection's path and one placeholder segment more
//! (`/v1/{project_id}/vpcs/{vpc_id}`). Then
//!
//! | method and path | role |
//! |---|---|
//! | `POST` collection | [`Role::Create`] |
//! | `GET` collection, or the collection and `/detail` (`/details`) | [`Role::List`] |
//! | `GET` item | [`Role::Read`] |
//! | `PUT` or `PATCH` item | [`Role::Update`] |
//! | `DELETE` item | [`Role::Delete`] |
//!
//! Placeholders compare by position, not by name (`{vpc_id}` and `{id}` are one item path), so
//! a collection nested under an item (`/v1/{project_id}/vpcs/{vpc_id}/tags`) is a collection of
//! its own, held per parent. Every other operation (actions such as `POST …/{id}/action`,
//! version documents, batch operations) binds to no resource and answers as before.

use std::collections::BTreeMap;

use apigw_spec::{PathSegment, Spec};

/// What an operation does to its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Adds an item to the collection.
    Create,
    /// Lists the collection.
    List,
    /// Reads one item.
    Read,
    /// Changes one item.
    Update,
    /// Removes one item.
    Delete,
}

impl Role {
    /// Its name, in lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Create => "create",
            Role::List => "list",
            Role::Read => "read",
            Role::Update => "update",
            Role::Delete => "delete",
        }
    }
}

/// One kind of resource of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The collection's path, as its first operation's spec writes it
    /// (`/v1/{project_id}/vpcs`).
    pub collection: String,
    /// The item's placeholder, as the first item operation's spec names it (`vpc_id`).
    pub item: String,
    /// The operations bound to it: their index in the service's specs, with their roles, in
    /// role order.
    pub operations: Vec<(Role, usize)>,
}

impl Resource {
    /// The resource's name: the collection's last segment (`vpcs`).
    pub fn name(&self) -> &str {
        self.collection.rsplit('/').next().unwrap_or_default()
    }

    /// The first operation with `role`, if any.
    pub fn operation(&self, role: Role) -> Option<usize> {
        self.operations
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, i)| *i)
    }

    /// The field of a stored resource that holds its id, the value that names it in the
    /// item's path: `id`; else the one named like the item's placeholder (`port_id`), or like
    /// one of its words (`keypair_name` → `name`, `access_key` → `access`); else `id`.
    pub fn id_field(&self, resource: &serde_json::Map<String, serde_json::Value>) -> String {
        let words: Vec<&str> = self.item.split('_').rev().collect();
        std::iter::once("id")
            .chain(std::iter::once(self.item.as_str()))
            .chain(words)
            .find(|k| {
                resource
                    .get(*k)
                    .is_some_and(|v| v.is_string() || v.is_number())
            })
            .unwrap_or("id")
            .to_owned()
    }

    /// Whether it can be created, read and deleted (and so lives through a whole lifecycle).
    pub fn is_complete(&self) -> bool {
        [Role::Create, Role::Read, Role::Delete]
            .iter()
            .all(|r| self.operation(*r).is_some())
    }
}

/// The resources of a service, and the role of each operation bound to one.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    resources: Vec<Resource>,
    /// By operation (index in the specs): its resource and role.
    bound: BTreeMap<usize, (usize, Role)>,
}

impl Resources {
    /// Finds the resources of one service's `specs`.
    pub fn find(specs: &[Spec]) -> Self {
        let shapes: Vec<Vec<Segment>> = specs.iter().map(segments).collect();
        // Collections: the paths, with a literal last segment, that some operation's path
        // extends by one placeholder.
        let mut collections: BTreeMap<Vec<Segment>, (String, String)> = BTreeMap::new();
        for (spec, shape) in specs.iter().zip(&shapes) {
            if let Some((Segment::Placeholder, parent)) = shape.split_last()
                && matches!(parent.last(), Some(Segment::Literal(_)))
            {
                collections.entry(parent.to_vec()).or_insert_with(|| {
                    let item = match spec.operation.path.segments.last() {
                        Some(PathSegment::Param(name)) => name.value.clone(),
                        _ => String::new(),
                    };
                    (template_prefix(spec, parent.len()), item)
                });
            }
        }
        let mut resources = Resources::default();
        let mut index: BTreeMap<Vec<Segment>, usize> = BTreeMap::new();
        for (i, (spec, shape)) in specs.iter().zip(&shapes).enumerate() {
            let method = spec.operation.method.value.as_str();
            let (collection, role) = if collections.contains_key(shape) {
                let role = match method {
                    "POST" => Role::Create,
                    "GET" => Role::List,
                    _ => continue,
                };
                (shape.clone(), role)
            } else if let Some((Segment::Literal(last), parent)) = shape.split_last()
                && (last == "detail" || last == "details")
                && collections.contains_key(parent)
                && method == "GET"
            {
                (parent.to_vec(), Role::List)
            } else if let Some((Segment::Placeholder, parent)) = shape.split_last()
                && collections.contains_key(parent)
            {
                let role = match method {
                    "GET" => Role::Read,
                    "PUT" | "PATCH" => Role::Update,
                    "DELETE" => Role::Delete,
                    _ => continue,
                };
                (parent.to_vec(), role)
            } else {
                continue;
            };
            let r = *index.entry(collection.clone()).or_insert_with(|| {
                let (path, item) = collections[&collection].clone();
                resources.resources.push(Resource {
                    collection: path,
                    item,
                    operations: Vec::new(),
                });
                resources.resources.len() - 1
            });
            resources.resources[r].operations.push((role, i));
            resources.bound.insert(i, (r, role));
        }
        for resource in &mut resources.resources {
            resource.operations.sort();
        }
        resources
    }

    /// Every resource, in the order of their first operation.
    pub fn iter(&self) -> impl Iterator<Item = &Resource> {
        self.resources.iter()
    }

    /// The resource (by index) and role of the operation `spec` (index in the specs).
    pub fn of(&self, spec: usize) -> Option<(usize, Role)> {
        self.bound.get(&spec).copied()
    }

    /// The resource of that index.
    pub fn get(&self, index: usize) -> Option<&Resource> {
        self.resources.get(index)
    }

    /// How many operations are bound to a resource.
    pub fn bound(&self) -> usize {
        self.bound.len()
    }
}

/// One `/`-separated segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    Literal(String),
    /// One placeholder and nothing else (`{vpc_id}`).
    Placeholder,
    /// Placeholders with text (`{region}:{id}`), written out with the placeholders blank.
    Mixed(String),
}

/// The segments of `spec`'s path template.
fn segments(spec: &Spec) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut placeholders = 0;
    let mut literal = false;
    let end = |current: &mut String, placeholders: &mut usize, literal: &mut bool| {
        let segment = match (*placeholders, *literal) {
            (0, _) => Segment::Literal(std::mem::take(current)),
            (1, false) => Segment::Placeholder,
            _ => Segment::Mixed(std::mem::take(current)),
        };
        current.clear();
        (*placeholders, *literal) = (0, false);
        segment
    };
    for piece in &spec.operation.path.segments {
        match piece {
            PathSegment::Literal(text) => {
                for (k, part) in text.split('/').enumerate() {
                    if k > 0 {
                        let segment = end(&mut current, &mut placeholders, &mut literal);
                        out.push(segment);
                    }
                    if !part.is_empty() {
                        current.push_str(part);
                        literal = true;
                    }
                }
            }
            PathSegment::Param(_) => {
                current.push_str("{}");
                placeholders += 1;
            }
        }
    }
    out.push(end(&mut current, &mut placeholders, &mut literal));
    // The empty segment before the leading `/`, and one after a trailing `/`.
    out.retain(|s| *s != Segment::Literal(String::new()));
    out
}

/// The first `n` segments of `spec`'s path template, as the spec writes them.
fn template_prefix(spec: &Spec, n: usize) -> String {
    let text = &spec.operation.path.raw;
    let mut out = String::new();
    for part in text.split('/').filter(|p| !p.is_empty()).take(n) {
        out.push('/');
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: &str, path: &str) -> Spec {
        let mut text = format!(
            "[operation]\nid = \"Op{}\"\nmethod = \"{method}\"\npath = \"{path}\"\n\n",
            path.len() * 7 + method.len()
        );
        for name in path.split('{').skip(1).filter_map(|p| p.split('}').next()) {
            text.push_str(&format!("[path.{name}]\ntype = \"String\"\n\n"));
        }
        text.push_str("[response.204]\n");
        apigw_spec::load("s.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn collections_items_and_their_operations() {
        let specs = vec![
            spec("POST", "/v1/{project_id}/vpcs"),
            spec("GET", "/v1/{project_id}/vpcs"),
            spec("GET", "/v1/{project_id}/vpcs/{vpc_id}"),
            spec("PUT", "/v1/{project_id}/vpcs/{id}"),
            spec("DELETE", "/v1/{project_id}/vpcs/{vpc_id}"),
            spec("POST", "/v1/{project_id}/vpcs/{vpc_id}/action"),
            spec("POST", "/v1/{project_id}/vpcs/{vpc_id}/tags"),
            spec("DELETE", "/v1/{project_id}/vpcs/{vpc_id}/tags/{key}"),
            spec("GET", "/"),
        ];
        let found = Resources::find(&specs);
        let names: Vec<(&str, &str)> = found
            .iter()
            .map(|r| (r.name(), r.collection.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("vpcs", "/v1/{project_id}/vpcs"),
                ("tags", "/v1/{project_id}/vpcs/{vpc_id}/tags")
            ]
        );
        let vpcs = found.get(0).unwrap();
        assert!(vpcs.is_complete());
        assert_eq!(vpcs.item, "vpc_id");
        let object = |v: serde_json::Value| v.as_object().unwrap().clone();
        assert_eq!(
            vpcs.id_field(&object(serde_json::json!({"name": "a", "id": "1"}))),
            "id"
        );
        let tags = found.get(1).unwrap();
        assert_eq!(
            tags.id_field(&object(serde_json::json!({"key": "k", "value": "v"}))),
            "key"
        );
        assert_eq!(
            vpcs.operations,
            [
                (Role::Create, 0),
                (Role::List, 1),
                (Role::Read, 2),
                (Role::Update, 3),
                (Role::Delete, 4)
            ]
        );
        // The action and the version document bind to nothing.
        assert_eq!(found.of(5), None);
        assert_eq!(found.of(8), None);
        assert_eq!(found.bound(), 7);
    }
}
