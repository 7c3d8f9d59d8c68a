//! Object types: the tables a row refers to (by its type, ``Array of :ref:`X <anchor>` ``
//! objects, or by its description, ``For details, see :ref:`Table 3 <anchor>` ``), read on first
//! use and named after their caption, the bold name in it, or the field that refers to them (one of
//! them, in the singular, for an array or map).
//! Body types get the operation's name; identical response bodies share one type.

use std::collections::{HashMap, HashSet};

use apigw_spec::{Field, Object, TypeExpr};

use super::{fields, unplaced};
use crate::page::{Page, PageTable, Role};
use crate::{ImportError, Warning};

/// The object types of one page, as they are read. Tables are known by their index in
/// [`Page::tables`].
pub(crate) struct Objects<'p> {
    page: &'p Page,
    /// The objects whose tables are being read, outermost first (a table read for a field of
    /// `Server` has `Server` last).
    reading: Vec<String>,
    /// The status of the error body being read, if one is: its objects that no name is left
    /// for are named after it (`ErrorMessageResponse500`).
    error_status: Option<u16>,
    /// The side of the body being read (`Request`, `Response`), for objects of no table.
    side: &'static str,
    /// Tables that some row refers to: by anchor, or by the name their caption describes.
    referenced: HashSet<usize>,
    /// The field name a table's caption describes (`**servers** field description`), for
    /// tables a row refers to by that name.
    subjects: HashMap<usize, String>,
    /// Table → object name, for tables already read (or being read).
    by_table: HashMap<usize, String>,
    objects: Vec<Object>,
}

impl<'p> Objects<'p> {
    /// Finds which tables of `page` are object types: those a row of another table refers to,
    /// by anchor (`:ref:`) or, for an untyped object row, by the name the caption describes.
    pub(crate) fn new(page: &'p Page) -> Self {
        let mut referenced = HashSet::new();
        let mut subjects = HashMap::new();
        for (index, table) in page.tables.iter().enumerate() {
            for row in &table.table.rows {
                for cell in &row.cells {
                    for target in refs(cell) {
                        if let Some(t) = anchored(page, target)
                            && t != index
                        {
                            referenced.insert(t);
                        }
                    }
                }
            }
            if let Some(subject) = subject(&table.caption) {
                subjects.insert(index, subject);
            }
        }
        // A subject is a reference only where some other table has an untyped object row of
        // that name (and no label of a table points elsewhere), or a row whose type names it.
        let named: Vec<Vec<String>> = page
            .tables
            .iter()
            .map(|t| fields::named_types(&t.table))
            .collect();
        subjects.retain(|&index, subject| {
            page.tables.iter().enumerate().any(|(other, t)| {
                other != index
                    && (t.table.rows.iter().any(|r| {
                        r.cells
                            .first()
                            .is_some_and(|c| fields::plain(c) == *subject)
                            && r.cells
                                .iter()
                                .all(|c| refs(c).all(|a| anchored(page, a).is_none()))
                    }) || named[other].iter().any(|n| same_name(n, subject)))
            })
        });
        referenced.extend(subjects.keys().copied());
        Self {
            page,
            referenced,
            subjects,
            by_table: HashMap::new(),
            reading: Vec::new(),
            error_status: None,
            side: "",
            objects: Vec::new(),
        }
    }

    /// Whether the table documents an object type (it is read when referenced).
    pub(crate) fn is_object_table(&self, table: &PageTable) -> bool {
        self.index_of(table)
            .is_some_and(|i| self.referenced.contains(&i))
    }

    /// Whether `anchor` labels a table of the page.
    pub(crate) fn is_table(&self, anchor: &str) -> bool {
        anchored(self.page, anchor).is_some()
    }

    /// The table whose caption describes a field of this name, if a row refers to it so.
    pub(crate) fn subject_table(&self, field: &str) -> Option<usize> {
        self.subjects
            .iter()
            .filter(|(_, s)| *s == field)
            .map(|(i, _)| *i)
            .min()
    }

    /// The table whose caption describes the object type `name` (`Parameter description of
    /// field **policy_create**`, `Description of the **match** field` for `matches`): names
    /// compared in any case, a plural as its singular.
    pub(crate) fn named_table(&self, name: &str) -> Option<usize> {
        self.subjects
            .iter()
            .filter(|(_, s)| same_name(s, name))
            .map(|(i, _)| *i)
            .min()
    }

    /// The caption of table `index`.
    pub(crate) fn caption(&self, index: usize) -> &str {
        &self.page.tables[index].caption
    }

    /// The object type of the table labelled `anchor`; `many` when the field holds several
    /// (an array or a map of them), so that the type is named for one.
    pub(crate) fn resolve(
        &mut self,
        anchor: &str,
        field: &str,
        many: bool,
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<String, ImportError> {
        let index = anchored(self.page, anchor).ok_or_else(|| {
            ImportError::new(
                line,
                format!("reference to `{anchor}`, but no table has that label"),
            )
        })?;
        self.resolve_table(index, field, many, warnings)
    }

    /// The object type of table `index` (read now if it was not yet); `field` is the name of
    /// the field that refers to it, `many` whether it holds several.
    pub(crate) fn resolve_table(
        &mut self,
        index: usize,
        field: &str,
        many: bool,
        warnings: &mut Vec<Warning>,
    ) -> Result<String, ImportError> {
        if let Some(name) = self.by_table.get(&index) {
            return Ok(name.clone());
        }
        let table = &self.page.tables[index];
        let base = base_name(&table.caption, field, many);
        // The same name on another table (a request and a response flavour): suffix by side
        // (a table of another page, which stands on no side of this operation, by number).
        let side = match table.role {
            _ if table.from.is_some() => "",
            Role::Request => "Request",
            _ => "Response",
        };
        let name = self.free_name(&base, side);
        self.by_table.insert(index, name.clone());
        self.define(name, |objects| fields::read(table, objects, warnings))
    }

    /// Defines the object type `name`, placed now (before the objects its fields refer to),
    /// with the fields `read` reads while the object stands in the reading.
    fn define(
        &mut self,
        name: String,
        read: impl FnOnce(&mut Self) -> Result<Vec<Field>, ImportError>,
    ) -> Result<String, ImportError> {
        let at = self.objects.len();
        self.objects.push(Object {
            name: unplaced(name.clone()),
            fields: Vec::new(),
        });
        self.reading.push(name.clone());
        let fields = read(self);
        self.reading.pop();
        self.objects[at].fields = fields?;
        Ok(name)
    }

    /// The name of a new object type called `base` on `side` (`Request`, `Response`, or none):
    /// `base` if it is free, else with the side, else after the object it stands in (`Domain`
    /// of a `Project`, where other tables took `Domain` and `DomainResponse`:
    /// `ProjectDomainResponse`), else after the error status being read, before a number.
    fn free_name(&self, base: &str, side: &str) -> String {
        let parent = self.reading.last().map(|p| {
            p.strip_suffix(side)
                .filter(|stem| !stem.is_empty())
                .unwrap_or(p)
                .to_owned()
        });
        let sided = format!("{base}{side}");
        [Some(base.to_owned()), Some(sided.clone())]
            .into_iter()
            .chain([parent.map(|p| format!("{p}{sided}"))])
            .chain([self.error_status.map(|s| format!("{sided}{s}"))])
            .flatten()
            .find(|c| !self.taken(c))
            .unwrap_or_else(|| self.claim(&sided, None))
    }

    /// A new object type for the field `field` (of several when `many`) whose fields are
    /// sibling rows of its own (see [`flattened`](super::flattened)); `fields` reads them,
    /// the object standing in the reading.
    pub(crate) fn adopt(
        &mut self,
        field: &str,
        many: bool,
        fields: impl FnOnce(&mut Self) -> Vec<Field>,
    ) -> String {
        let name = self.free_name(&base_name("", field, many), self.side);
        let defined = self.define(name.clone(), |objects| Ok(fields(objects)));
        defined.unwrap_or(name)
    }

    fn index_of(&self, table: &PageTable) -> Option<usize> {
        self.page.tables.iter().position(|t| std::ptr::eq(t, table))
    }

    /// Reads the fields of a body's table: its objects stand in the operation `id` (a table
    /// that other tables took the names of is `<id><Name>`: `UpdateClusterSpec`), or for an
    /// error body (`status` not 2xx) in that status (`<Name>Response<status>`). `examples`
    /// are the body's examples' objects: rows they show inside an untyped object row are its
    /// fields ([`flattened`](super::flattened)).
    pub(crate) fn read_body(
        &mut self,
        table: &PageTable,
        id: &str,
        status: Option<u16>,
        examples: &[serde_json::Map<String, serde_json::Value>],
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Field>, ImportError> {
        self.side = if status.is_some() {
            "Response"
        } else {
            "Request"
        };
        match status.filter(|s| !(200..300).contains(s)) {
            Some(error) => self.error_status = Some(error),
            None => self.reading.push(id.to_owned()),
        }
        let fields = fields::read(table, self, warnings)
            .map(|fields| super::flattened::nest(fields, &examples.iter().collect(), self));
        if self.error_status.take().is_none() {
            self.reading.pop();
        }
        fields
    }

    /// Where the next object read will stand: a body type is placed there, before the
    /// objects its fields refer to.
    pub(crate) fn mark(&self) -> usize {
        self.objects.len()
    }

    /// The request body's type, named `base` (or the first free name after it), placed at
    /// `at` (a [`mark`](Self::mark) taken before its fields were read).
    pub(crate) fn body(&mut self, base: &str, at: usize, fields: Vec<Field>) -> String {
        let name = self.claim(base, None);
        self.insert(name, at, fields)
    }

    /// A response body's type: the type of an identical body already read whose name starts
    /// with `base` (the error bodies, typically), or a new one.
    pub(crate) fn response(
        &mut self,
        base: &str,
        status: u16,
        at: usize,
        fields: Vec<Field>,
    ) -> String {
        if let Some(same) = self
            .objects
            .iter()
            .find(|o| o.fields == fields && o.name.starts_with(base))
        {
            return same.name.value.clone();
        }
        let name = self.claim(base, Some(status));
        self.insert(name, at, fields)
    }

    fn insert(&mut self, name: String, at: usize, fields: Vec<Field>) -> String {
        self.objects.insert(
            at,
            Object {
                name: unplaced(name.clone()),
                fields,
            },
        );
        name
    }

    /// Object tables that no row read refers to.
    pub(crate) fn unreferenced(&self) -> impl Iterator<Item = &'p PageTable> + '_ {
        let page = self.page;
        page.tables
            .iter()
            .enumerate()
            .filter(|(i, _)| self.referenced.contains(i) && !self.by_table.contains_key(i))
            .map(|(_, t)| t)
            .filter(|t| t.from.is_none())
    }

    /// The object types, in the order they were first referenced.
    pub(crate) fn finish(self) -> Vec<Object> {
        self.objects
    }

    /// Whether an object has the name already, or it is a built-in type's (`File`) or a type
    /// constructor's (`List`).
    fn taken(&self, name: &str) -> bool {
        self.objects.iter().any(|o| o.name.value == name)
            || TypeExpr::SCALARS
                .iter()
                .any(|(builtin, _)| *builtin == name)
            || apigw_spec::types::CONSTRUCTORS.contains(&name)
    }

    /// A type name not used yet: `base`, else with the status or a number appended.
    fn claim(&self, base: &str, status: Option<u16>) -> String {
        let mut candidates = vec![base.to_owned()];
        candidates.extend(status.map(|s| format!("{base}{s}")));
        candidates
            .into_iter()
            .chain((2..).map(|n| format!("{base}{n}")))
            .find(|c| !self.taken(c))
            .expect("the numbered names never run out")
    }
}

/// The anchors a cell refers to: the targets of its `:ref:` roles.
pub(crate) fn refs(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(":ref:`").skip(1).filter_map(|rest| {
        let target = &rest[..rest.find('`')?];
        let (_, anchor) = target.rsplit_once('<')?;
        Some(anchor.strip_suffix('>')?.trim())
    })
}

/// Whether two names written on a page name one thing: in any case, a plural as its
/// singular (`Resource_tag` and `resource_tags`).
fn same_name(a: &str, b: &str) -> bool {
    crate::naming::item_of(a).eq_ignore_ascii_case(&crate::naming::item_of(b))
}

/// The table labelled `anchor`.
fn anchored(page: &Page, anchor: &str) -> Option<usize> {
    page.tables
        .iter()
        .position(|t| t.anchor.as_deref() == Some(anchor))
}

/// The field a caption describes: the name set in bold (`**servers** field description`), or
/// the first word of `NAME field description` / `NAME parameters`.
fn subject(caption: &str) -> Option<String> {
    if let Some(bold) = caption.split("**").nth(1) {
        let bold = bold.trim();
        return (!bold.is_empty() && !bold.contains(' ')).then(|| bold.to_owned());
    }
    let mut words = caption.split_whitespace();
    let first = words.next()?;
    let next = words.next()?.to_ascii_lowercase();
    (matches!(
        next.as_str(),
        "field" | "fields" | "parameters" | "parameter" | "structure" | "object"
    ) && first.chars().all(apigw_spec::naming::is_identifier_char)
        && first.chars().any(|c| c.is_ascii_lowercase()))
    .then(|| first.to_owned())
}

/// An object's name: a caption that is a name (`ApiVersionResp`), the name set in bold in a
/// caption that describes it (`**servers** field description`), else the referring field's;
/// a field's name in the singular when it holds `many` (`nics` → `Nic`, `server_list` →
/// `Server`), since the type describes one of them.
fn base_name(caption: &str, field: &str, many: bool) -> String {
    let caption = caption.trim();
    let pascal = |s: &str| {
        let words: String = s
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect();
        apigw_spec::naming::pascal(&words.split_whitespace().collect::<Vec<_>>().join("_"))
    };
    if !caption.is_empty() && caption.chars().all(apigw_spec::naming::is_identifier_char) {
        let caption = if many {
            crate::naming::item_of(caption)
        } else {
            caption.to_owned()
        };
        return if caption.starts_with(|c: char| c.is_ascii_uppercase()) {
            caption
        } else {
            pascal(&caption)
        };
    }
    let bold = caption
        .split("**")
        .nth(1)
        .filter(|b| !b.trim().is_empty() && b.chars().any(|c| c.is_ascii_alphabetic()));
    let named = bold.map_or(field, str::trim);
    let name = if many {
        pascal(&crate::naming::item_of(named))
    } else {
        pascal(named)
    };
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Object{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_third_object_of_one_name_is_named_after_the_object_it_stands_in() {
        let table = |n: u32, caption: &str, rows: &str| {
            format!(
                ".. _t{n}:\n\n.. table:: **Table {n}** {caption}\n\n   \
                 ========= ====== ===========\n   Parameter Type   Description\n   \
                 ========= ====== ===========\n{rows}   ========= ====== ===========\n\n"
            )
        };
        let row = |name: &str, ty: &str| format!("   {name:<9} {ty:<6} A {name}.\n");
        let text = format!(
            "Showing a Token\n===============\n\nURI\n---\n\nGET /v1/token\n\n\
             Response\n--------\n\n\
             .. table:: **Table 1** Response body parameters\n\n   \
             ========= ====== ==========================\n   Parameter Type   Description\n   \
             ========= ====== ==========================\n   \
             domain    Object See :ref:`Table 2 <t2>`.\n   \
             project   Object See :ref:`Table 5 <t5>`.\n   \
             user      Object See :ref:`Table 3 <t3>`.\n   \
             ========= ====== ==========================\n\n{}{}{}{}",
            table(2, "domain", &row("name", "String")),
            table(
                3,
                "user",
                &format!(
                    "{}   domain    Object See :ref:`Table 4 <t4>`.\n",
                    row("id", "String")
                )
            ),
            table(4, "domain", &row("id", "String")),
            table(
                5,
                "project",
                &format!(
                    "{}   domain    Object See :ref:`Table 6 <t6>`.\n",
                    row("id", "String")
                )
            ) + &table(6, "domain", &row("enabled", "String")),
        );
        let imported = crate::import_page("t.rst", &text).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = imported
            .spec
            .objects
            .iter()
            .map(|o| o.name.value.as_str())
            .collect();
        assert!(
            names.contains(&"Domain") && names.contains(&"DomainResponse"),
            "{names:?}"
        );
        assert!(
            names
                .iter()
                .all(|n| !n.ends_with(|c: char| c.is_ascii_digit())),
            "{names:?}"
        );
        assert!(
            names.contains(&"ProjectDomainResponse") || names.contains(&"UserDomainResponse"),
            "{names:?}"
        );

        // An error body's `domain`, where every other name is taken, is its status's.
        let error = format!(
            "{}**Status code: 400**\n\n\
             .. table:: **Table 7** Response body parameters\n\n   \
             ========= ====== ==========================\n   Parameter Type   Description\n   \
             ========= ====== ==========================\n   \
             domain    Object See :ref:`Table 8 <t8>`.\n   \
             ========= ====== ==========================\n\n{}",
            text.replace(
                "Response\n--------\n\n",
                "Response\n--------\n\n**Status code: 200**\n\n"
            ),
            table(8, "domain", &row("code", "String")),
        );
        let imported = crate::import_page("t.rst", &error).unwrap_or_else(|e| panic!("{e}"));
        let error_body = imported
            .spec
            .responses
            .iter()
            .find(|r| r.status.value == 400);
        let body = error_body
            .and_then(|r| r.body.as_ref())
            .map(|b| b.value.to_string());
        let object = body.and_then(|b| imported.spec.object(&b).cloned());
        assert_eq!(
            object
                .map(|o| o.fields[0].schema.ty.value.to_string())
                .as_deref(),
            Some("DomainResponse400"),
            "{:?}",
            imported.spec.objects
        );
    }

    #[test]
    fn an_object_is_never_named_like_a_type_constructor() {
        let text = "\
Listing Links
=============

URI
---

GET /v1/links

Response
--------

.. table:: **Table 1** Response body parameters

   ========= ==== ==========================
   Parameter Type Description
   ========= ==== ==========================
   list      List See :ref:`Table 2 <t2>`.
   ========= ==== ==========================

.. _t2:

.. table:: **Table 2** Parameter description

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   url       String A link.
   ========= ====== ===========
";
        let imported = crate::import_page("l.rst", text).unwrap();
        let body = imported.spec.object("ListLinksResponse").unwrap();
        assert_eq!(
            body.fields[0].schema.ty.value.to_string(),
            "Array<ListResponse>"
        );
    }
}
