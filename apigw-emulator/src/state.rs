//! What an emulator holds: the resources created through it ([`resources`](crate::resources)),
//! in memory, per collection as the request names it, so per project and per parent.
//!
//! - **create** stores the documented response's resource (the example, or a value made from
//!   its type) with the request's fields where the names match (and the JSON kinds agree), a
//!   fresh id of the documented form, and timestamps of now, and answers with it;
//! - **read** answers what is stored, in the read operation's documented shape;
//! - **list** answers what the collection holds, honouring the filters that name stored fields
//!   and the documented paging (`offset`/`limit`, `marker`/`limit`, the total);
//! - **update** merges the request's fields into what is stored;
//! - **delete** removes it, and later reads, updates and deletes of it get the documented 404.
//!
//! An id the emulator has not stored (a page's example id, say) answers as an emulator without
//! state does: with the documented example; so does a collection nothing was created in.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use apigw_spec::{Spec, paging};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::resources::{Resource, Resources, Role};
use crate::respond::{self, Body};

/// The resources of one service, by collection (its path with the request's values).
#[derive(Debug, Default)]
pub(crate) struct Store {
    collections: Mutex<BTreeMap<String, Collection>>,
    created: AtomicU64,
    /// The jobs running, by id: what appears when each succeeds.
    jobs: Mutex<BTreeMap<String, Pending>>,
    /// How many changes were made ([`Store::version`]).
    version: AtomicU64,
}

/// A resource an asynchronous create makes once its job succeeds.
#[derive(Debug)]
struct Pending {
    /// Its collection (as stored) and id.
    collection: String,
    id: String,
    resource: Value,
    /// The job's collection (as stored).
    jobs: String,
    /// How many times the job was read.
    polls: u32,
}

#[derive(Debug, Default, Clone)]
struct Collection {
    /// The items, in the order created: (id, the resource).
    items: Vec<(String, Value)>,
    /// Ids of items deleted.
    gone: BTreeSet<String>,
}

/// What the store makes of a request.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Its answer.
    Answer(u16, Body),
    /// The item was deleted: the documented 404.
    Gone(String),
    /// Nothing is stored for it: answer as without state.
    NotHeld,
}

/// A request to a bound operation.
pub(crate) struct Call<'a> {
    /// The operation's spec.
    pub spec: &'a Spec,
    /// Its resource and its role.
    pub resource: &'a Resource,
    pub role: Role,
    /// The path within the service, as received.
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    /// The project the path names (its `project_id`), if it names one.
    pub project: Option<&'a str>,
    /// The service's specs and resources (for the job an asynchronous create starts).
    pub specs: &'a [Spec],
    pub resources: &'a Resources,
}

impl Store {
    /// The answer to `call`.
    pub(crate) fn answer(&self, call: &Call<'_>) -> Outcome {
        let depth = segments(&call.resource.collection).len();
        let received = segments(call.path);
        if received.len() < depth {
            return Outcome::NotHeld;
        }
        let key = received[..depth].join("/");
        let id = received
            .get(depth)
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned());
        let mut collections = self
            .collections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match (call.role, id) {
            (Role::Create, _) => self.create(call, key, &mut collections),
            (Role::List, _) => match collections.get(&key) {
                Some(collection) => list(call, collection),
                None => Outcome::NotHeld,
            },
            (role, Some(id)) => {
                if role == Role::Read {
                    self.poll(call, &key, &id, &mut collections);
                }
                let Some(collection) = collections.get_mut(&key) else {
                    return Outcome::NotHeld;
                };
                if collection.gone.contains(&id) {
                    return Outcome::Gone(id);
                }
                let Some(at) = collection.items.iter().position(|(i, _)| *i == id) else {
                    return Outcome::NotHeld;
                };
                match role {
                    Role::Read => shaped(call, &collection.items[at].1),
                    Role::Update => {
                        if let Some(sent) = sent(call.body, call.resource) {
                            let stored = &mut collection.items[at].1;
                            if let Value::Object(stored) = stored {
                                for (k, v) in sent {
                                    stored.insert(k, v);
                                }
                            }
                            self.changed();
                        }
                        shaped(call, &collection.items[at].1)
                    }
                    _ => {
                        collection.items.remove(at);
                        collection.gone.insert(id);
                        self.changed();
                        let (status, body) = respond::success(call.spec, call.query);
                        Outcome::Answer(status, body)
                    }
                }
            }
            (_, None) => Outcome::NotHeld,
        }
    }

    /// How many changes the store has seen (creates, updates, deletes, jobs finished): what
    /// tells a caller that persists the state that there is something new to write.
    pub(crate) fn version(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }

    fn changed(&self) {
        self.version.fetch_add(1, Ordering::Relaxed);
    }

    /// What the store holds, as JSON: each collection (its path as requested) with its
    /// items, in the order created, and the ids deleted from it (whose reads are 404s):
    /// `{"v1/<project>/vpcs": {"items": [{"id": "…", "resource": {…}}], "deleted": ["…"]}}`.
    /// Jobs still running are not held: they are as if never started.
    pub(crate) fn save(&self) -> Value {
        let collections = self
            .collections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let out: Map<String, Value> = collections
            .iter()
            .map(|(key, c)| {
                let items: Vec<Value> = c
                    .items
                    .iter()
                    .map(|(id, resource)| serde_json::json!({"id": id, "resource": resource}))
                    .collect();
                let deleted: Vec<Value> =
                    c.gone.iter().map(|id| Value::from(id.as_str())).collect();
                (
                    key.clone(),
                    serde_json::json!({"items": items, "deleted": deleted}),
                )
            })
            .collect();
        Value::Object(out)
    }

    /// Holds what `saved` ([`Store::save`]'s form) holds, in place of what the store held.
    ///
    /// # Errors
    /// What is not in that form, naming where.
    pub(crate) fn load(&self, saved: &Value) -> Result<(), String> {
        let Value::Object(saved) = saved else {
            return Err("expected an object of collections".into());
        };
        let mut loaded = BTreeMap::new();
        for (key, collection) in saved {
            let mut held = Collection::default();
            let items = collection.get("items").and_then(Value::as_array);
            for (n, item) in items.into_iter().flatten().enumerate() {
                let id = match item.get("id") {
                    Some(Value::String(id)) => id.clone(),
                    Some(id @ Value::Number(_)) => id.to_string(),
                    _ => return Err(format!("`{key}`: item {n} has no `id`")),
                };
                let resource = item
                    .get("resource")
                    .filter(|r| r.is_object())
                    .ok_or_else(|| format!("`{key}`: item {n} has no `resource` object"))?;
                held.items.push((id, resource.clone()));
            }
            let deleted = collection.get("deleted").and_then(Value::as_array);
            for id in deleted.into_iter().flatten() {
                let id = id
                    .as_str()
                    .ok_or_else(|| format!("`{key}`: a deleted id that is not a string"))?;
                held.gone.insert(id.to_owned());
            }
            loaded.insert(key.clone(), held);
        }
        *self
            .collections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = loaded;
        self.changed();
        Ok(())
    }

    /// Every collection's resources.
    pub(crate) fn snapshot(&self) -> BTreeMap<String, Vec<Value>> {
        let collections = self
            .collections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        collections
            .iter()
            .map(|(k, c)| (k.clone(), c.items.iter().map(|(_, v)| v.clone()).collect()))
            .collect()
    }

    fn create(
        &self,
        call: &Call<'_>,
        key: String,
        collections: &mut BTreeMap<String, Collection>,
    ) -> Outcome {
        let (status, Body::Json(mut answer)) = respond::success(call.spec, call.query) else {
            return Outcome::NotHeld;
        };
        let sent = sent(call.body, call.resource).unwrap_or_default();
        if let Some(job) = self.start_job(call, &key, &sent, &mut answer, collections) {
            return Outcome::Answer(status, Body::Json(job));
        }
        let Some(resource) = resource_mut(&mut answer, call.resource) else {
            return Outcome::NotHeld;
        };
        let id = self.fill(call, call.spec, resource, &sent);
        let collection = collections.entry(key).or_default();
        collection
            .items
            .push((id.clone(), Value::Object(resource.clone())));
        collection.gone.remove(&id);
        self.changed();
        Outcome::Answer(status, Body::Json(answer))
    }

    /// Makes `resource` (documented by `spec`) the new one `call` creates: the fields sent,
    /// an id, the request's project, a settled status, timestamps of now. Returns the id.
    fn fill(
        &self,
        call: &Call<'_>,
        spec: &Spec,
        resource: &mut Map<String, Value>,
        sent: &Map<String, Value>,
    ) -> String {
        overlay(resource, sent);
        let n = self.created.fetch_add(1, Ordering::Relaxed) + 1;
        let key = call.resource.id_field(resource);
        // An id the request chose (a key pair's name) is kept; else a fresh one.
        let id = match sent.get(&key) {
            Some(chosen) if chosen.is_string() || chosen.is_number() => chosen.clone(),
            _ => fresh_id(resource.get(&key), n),
        };
        resource.insert(key, id.clone());
        let now = now();
        for (k, value) in resource.iter_mut() {
            let Value::String(s) = value else { continue };
            if sent.contains_key(k) {
                continue;
            }
            match k.as_str() {
                // The project the request names.
                "tenant_id" | "project_id" => {
                    if let Some(project) = call.project {
                        *s = project.to_owned();
                    }
                }
                // A settled state, where the page lists one.
                "status" => {
                    if let Some(settled) = settled_status(spec) {
                        *s = settled;
                    }
                }
                _ => {
                    if let Some(stamp) = restamp(s, &now) {
                        *s = stamp;
                    }
                }
            }
        }
        match id {
            Value::String(s) => s,
            other => other.to_string(),
        }
    }

    /// For an asynchronous create — its answer has a `job_id`, and the service has jobs to
    /// read (a collection named `jobs`) — starts a job that the job's read reports running,
    /// then successful, when the resource (in its read operation's shape) appears. Returns
    /// the answer: the job's id, and the new id in the answer's lists of ids.
    fn start_job(
        &self,
        call: &Call<'_>,
        key: &str,
        sent: &Map<String, Value>,
        answer: &mut Value,
        collections: &mut BTreeMap<String, Collection>,
    ) -> Option<Value> {
        let documented_job = answer.get("job_id")?.as_str()?.to_owned();
        let jobs = call
            .resources
            .iter()
            .find(|r| r.name() == "jobs" && r.operation(Role::Read).is_some())?;
        let jobs_key = concrete(&jobs.collection, call.project)?;
        let job_spec = &call.specs[jobs.operation(Role::Read)?];
        // The resource, as its read answers it (else as the create does).
        let read_spec = call.resource.operation(Role::Read).map(|i| &call.specs[i]);
        let mut shape = match read_spec.map(|spec| respond::success(spec, &[])) {
            Some((_, Body::Json(value))) => value,
            _ => Value::Object(Map::new()),
        };
        let resource = resource_mut(&mut shape, call.resource)?;
        let id = self.fill(call, read_spec.unwrap_or(call.spec), resource, sent);
        let resource = Value::Object(resource.clone());
        let n = self.created.fetch_add(1, Ordering::Relaxed) + 1;
        let job_id = match fresh_id(Some(&Value::String(documented_job)), n) {
            Value::String(s) => s,
            other => other.to_string(),
        };
        // The job, as its read answers it, running.
        let mut job = match respond::success(job_spec, &[]) {
            (_, Body::Json(value)) => value,
            _ => Value::Object(Map::new()),
        };
        if let Some(fields) = resource_mut(&mut job, jobs) {
            fields.insert(jobs.id_field(fields), Value::String(job_id.clone()));
            fields.insert(
                "status".into(),
                Value::String(job_status(job_spec, "RUNNING")),
            );
        }
        collections
            .entry(jobs_key.clone())
            .or_default()
            .items
            .push((job_id.clone(), job));
        self.changed();
        self.jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(
                job_id.clone(),
                Pending {
                    collection: key.to_owned(),
                    id: id.clone(),
                    resource,
                    jobs: jobs_key,
                    polls: 0,
                },
            );
        let Value::Object(top) = answer else {
            return None;
        };
        top.insert("job_id".into(), Value::String(job_id));
        for (k, v) in top.iter_mut() {
            let ids = k.ends_with("Ids") || k.ends_with("_ids");
            if ids && v.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
                *v = Value::Array(vec![Value::String(id.clone())]);
            }
        }
        Some(answer.clone())
    }

    /// A read of the job `id` (in the collection `key`): the first reports it running, the
    /// next successful, and the resource it makes appears.
    fn poll(
        &self,
        call: &Call<'_>,
        key: &str,
        id: &str,
        collections: &mut BTreeMap<String, Collection>,
    ) {
        let mut jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(pending) = jobs.get_mut(id).filter(|p| p.jobs == key) else {
            return;
        };
        pending.polls += 1;
        if pending.polls < 2 {
            return;
        }
        let Some(pending) = jobs.remove(id) else {
            return;
        };
        let job = collections
            .get_mut(key)
            .and_then(|c| c.items.iter_mut().find(|(i, _)| i == id));
        if let Some((_, Value::Object(job))) = job {
            job.insert(
                "status".into(),
                Value::String(job_status(call.spec, "SUCCESS")),
            );
        }
        let collection = collections.entry(pending.collection).or_default();
        collection.items.push((pending.id, pending.resource));
        self.changed();
    }
}

/// The documented value of a job's `status` that contains `want` (`RUNNING`, `SUCCESS`), else
/// `want`.
fn job_status(spec: &Spec, want: &str) -> String {
    documented_statuses(spec)
        .find(|s| s.to_ascii_uppercase().contains(want))
        .map_or_else(|| want.to_owned(), str::to_owned)
}

/// The values the operation documents for a `status` field, in order.
fn documented_statuses(spec: &Spec) -> impl Iterator<Item = &str> {
    spec.objects
        .iter()
        .flat_map(|o| &o.fields)
        .filter(|f| f.name.value == "status")
        .filter_map(|f| f.schema.enumeration.as_ref())
        .flat_map(|e| &e.values)
        .filter_map(|v| match &v.value.value {
            apigw_spec::Literal::String(s) => Some(s.as_str()),
            _ => None,
        })
}

/// A collection's path as stored, for the project `project`: its literal segments, and the
/// project for `{project_id}`; `None` when it has another placeholder.
fn concrete(template: &str, project: Option<&str>) -> Option<String> {
    let parts: Option<Vec<String>> = segments(template)
        .into_iter()
        .map(|s| match s {
            "{project_id}" => project.map(str::to_owned),
            s if s.contains('{') => None,
            s => Some(s.to_owned()),
        })
        .collect();
    parts.map(|p| p.join("/"))
}

/// `stored` in the shape of `call`'s documented answer.
fn shaped(call: &Call<'_>, stored: &Value) -> Outcome {
    let (status, body) = respond::success(call.spec, call.query);
    let Body::Json(mut answer) = body else {
        return Outcome::Answer(status, body);
    };
    if let (Some(resource), Value::Object(stored)) =
        (resource_mut(&mut answer, call.resource), stored)
    {
        overlay(resource, stored);
    }
    Outcome::Answer(status, Body::Json(answer))
}

/// The list of what `collection` holds, in the list operation's documented shape.
fn list(call: &Call<'_>, collection: &Collection) -> Outcome {
    let (status, body) = respond::success(call.spec, call.query);
    let Body::Json(mut answer) = body else {
        return Outcome::Answer(status, body);
    };
    let paging = paging::detect(call.spec);
    let items_key = items_key(call.spec, call.resource, &answer);
    let template = match (&answer, &items_key) {
        (Value::Object(page), Some(key)) => page.get(key).and_then(|a| a.get(0)).cloned(),
        (Value::Array(items), None) => items.first().cloned(),
        _ => None,
    };
    let mut items: Vec<&(String, Value)> = collection
        .items
        .iter()
        .filter(|(_, item)| {
            call.query.iter().all(|(k, v)| match item.get(k) {
                Some(Value::String(s)) => s == v,
                Some(x @ (Value::Number(_) | Value::Bool(_))) => {
                    v.parse::<Value>().ok().as_ref() == Some(x)
                }
                _ => true,
            })
        })
        .collect();
    let total = items.len();
    let get = |name: &str| {
        call.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(marker) = get("marker")
        && let Some(at) = items.iter().position(|(id, _)| id == marker)
    {
        items.drain(..=at);
    }
    // The paging's offset; else an `offset` query parameter the operation documents (RDS
    // pages with `offset` and `limit` but counts in `total_count`).
    let offset_name = paging
        .as_ref()
        .map_or("offset", |p| &p.offset.field.name.value);
    let documented = call
        .spec
        .params_in(apigw_spec::ParamLocation::Query)
        .any(|p| p.field.name.value == offset_name);
    let offset = get(offset_name)
        .filter(|_| documented)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let limit = get("limit")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    let shown: Vec<Value> = items
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(_, stored)| match (&template, stored) {
            (Some(Value::Object(t)), Value::Object(s)) => {
                let mut item = t.clone();
                overlay(&mut item, s);
                Value::Object(item)
            }
            _ => stored.clone(),
        })
        .collect();
    match (&mut answer, items_key) {
        (Value::Object(page), Some(key)) => {
            if page.contains_key("size") {
                page.insert("size".into(), Value::from(shown.len()));
            }
            if let Some(p) = &paging {
                page.insert(p.total.name.value.clone(), Value::from(total));
            }
            page.insert(key, Value::Array(shown));
        }
        (answer @ Value::Array(_), None) => *answer = Value::Array(shown),
        _ => return Outcome::NotHeld,
    }
    Outcome::Answer(status, Body::Json(answer))
}

/// The field of a list answer (of `spec`, listing `resource`) that holds the items: the
/// paged items, else the array named like the collection (`security-groups` →
/// `security_groups`), else the answer's one array of objects; `None` when the answer is the
/// array itself.
pub fn items_key(spec: &Spec, resource: &Resource, answer: &Value) -> Option<String> {
    if let Some(paging) = paging::detect(spec) {
        return Some(paging.items.name.value.clone());
    }
    let Value::Object(page) = answer else {
        return None;
    };
    let named = resource.name().replace('-', "_");
    if page.get(&named).is_some_and(Value::is_array) {
        return Some(named);
    }
    let mut arrays = page.iter().filter(|(_, v)| {
        v.as_array()
            .is_some_and(|a| a.first().is_none_or(Value::is_object))
    });
    let (key, _) = arrays.next()?;
    arrays.next().is_none().then(|| key.clone())
}

/// The resource (of the collection `of`) in a body: the object that the body's one object
/// field holds, when the others are scalars (`{"vpc": {…}, "request_id": "…"}`) and it is the
/// only other field or is named like the collection (`vpc` of `vpcs`); else the body itself.
pub fn resource<'v>(body: &'v Value, of: &Resource) -> Option<&'v Map<String, Value>> {
    let Value::Object(top) = body else {
        return None;
    };
    match wrapper(top, of) {
        Some(key) => top.get(&key).and_then(Value::as_object),
        None => Some(top),
    }
}

fn resource_mut<'v>(body: &'v mut Value, of: &Resource) -> Option<&'v mut Map<String, Value>> {
    let Value::Object(top) = body else {
        return None;
    };
    match wrapper(top, of) {
        Some(key) => top.get_mut(&key).and_then(Value::as_object_mut),
        None => Some(top),
    }
}

fn wrapper(top: &Map<String, Value>, of: &Resource) -> Option<String> {
    let mut objects = top.iter().filter(|(_, v)| v.is_object());
    let (key, _) = objects.next()?;
    let alone = objects.next().is_none() && top.values().all(|v| !v.is_array());
    let named = of.name().replace('-', "_").starts_with(key.as_str());
    (alone && (top.len() <= 2 || named)).then(|| key.clone())
}

/// The resource a request body sends, if it is JSON.
fn sent(body: &[u8], of: &Resource) -> Option<Map<String, Value>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    resource(&value, of).cloned()
}

/// Sets `from`'s fields in `into`, where `into` has no such field or one of the same JSON kind
/// (so that the answer keeps its documented types).
fn overlay(into: &mut Map<String, Value>, from: &Map<String, Value>) {
    for (k, v) in from {
        let fits = into.get(k).is_none_or(|old| same_kind(old, v));
        if fits {
            into.insert(k.clone(), v.clone());
        }
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) || a.is_null() || b.is_null()
}

/// The settled state among the values the operation documents for a `status` field: the
/// first of `ACTIVE`, `OK`, `AVAILABLE`, `RUNNING`, `NORMAL` (in any case) it lists.
fn settled_status(spec: &Spec) -> Option<String> {
    const SETTLED: [&str; 5] = ["active", "ok", "available", "running", "normal"];
    SETTLED.iter().find_map(|settled| {
        documented_statuses(spec)
            .find(|v| v.eq_ignore_ascii_case(settled))
            .map(str::to_owned)
    })
}

/// The `n`th fresh id, in the form of the documented one: a number for a number, hexadecimal
/// digits of the same length for hexadecimal digits, else a UUID.
fn fresh_id(documented: Option<&Value>, n: u64) -> Value {
    let mixed = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5851_f42d_4c95_7f2d;
    match documented {
        Some(Value::Number(_)) => Value::from(n),
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_hexdigit()) =>
        {
            let digits = format!("{mixed:016x}{n:016x}{mixed:016x}{n:016x}");
            Value::String(digits[digits.len() - s.len()..].to_owned())
        }
        _ => Value::String(format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (mixed >> 32) as u32,
            (mixed >> 16) & 0xffff,
            mixed & 0xfff,
            (n >> 12) & 0xfff,
            n & 0xffff_ffff_ffff
        )),
    }
}

/// `documented` restamped with `now` (`YYYY-MM-DDTHH:MM:SS`), if it is a date and time: the
/// separator between date and time and what follows the seconds (`Z`, `.000000`, `+0000`)
/// are kept.
fn restamp(documented: &str, now: &str) -> Option<String> {
    let b = documented.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        r.into_iter()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    let is_stamp = b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b[10] == b'T' || b[10] == b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    is_stamp.then(|| {
        format!(
            "{}{}{}{}",
            &now[..10],
            b[10] as char,
            &now[11..19],
            &documented[19..]
        )
    })
}

/// Now, in UTC, as `YYYY-MM-DDTHH:MM:SS`.
fn now() -> String {
    let mut now = crate::identity::iso_time(std::time::SystemTime::now());
    now.truncate(19);
    now
}

/// A path's non-empty `/`-separated segments.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_take_the_documented_form() {
        assert!(fresh_id(Some(&Value::from(7)), 3).is_number());
        let hex = fresh_id(Some(&Value::from("0123456789abcdef0123456789abcdef")), 3);
        assert_eq!(hex.as_str().map(str::len), Some(32));
        assert_ne!(
            hex,
            fresh_id(Some(&Value::from("0123456789abcdef0123456789abcdef")), 4)
        );
        let uuid = fresh_id(
            Some(&Value::from("99d9d709-8478-4b46-9f3f-2206b1023fd3")),
            3,
        );
        let uuid = uuid.as_str().unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.matches('-').count(), 4);
    }

    #[test]
    fn timestamps_are_restamped_in_their_own_format() {
        let now = "2026-12-02T21:00:05";
        assert_eq!(
            restamp("2018-03-23 09:26:08.000000", now).as_deref(),
            Some("2026-12-02 21:00:05.000000")
        );
        assert_eq!(
            restamp("2018-03-23T09:26:08Z", now).as_deref(),
            Some("2026-12-02T21:00:05Z")
        );
        assert_eq!(restamp("2018-03-23", now), None);
        assert_eq!(restamp("a name", now), None);
        let today = super::now();
        assert_eq!(today.len(), 19);
        assert!(today.starts_with("20"));
    }

    #[test]
    fn the_resource_is_the_one_object_a_body_wraps() {
        let vpcs = Resource {
            collection: "/v1/{project_id}/vpcs".into(),
            item: "vpc_id".into(),
            operations: Vec::new(),
        };
        let id = |body: Value| resource(&body, &vpcs).and_then(|r| r.get("id")).cloned();
        assert_eq!(
            id(serde_json::json!({"vpc": {"id": "1"}})),
            Some(Value::from("1"))
        );
        assert_eq!(
            id(serde_json::json!({"vpc": {"id": "1"}, "request_id": "r", "at": "now"})),
            Some(Value::from("1"))
        );
        // A flat resource with one object field of its own.
        assert_eq!(
            id(serde_json::json!({"id": "2", "name": "a", "tags": {"k": "v"}})),
            Some(Value::from("2"))
        );
    }
}
