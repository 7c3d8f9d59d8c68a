//! Object types: the tables a row refers to (by its type, `Array of :ref:\`X <anchor>\``
//! objects, or by its description, `For details, see :ref:\`Table 3 <anchor>\``), read on first
//! use and named after their caption, the bold name in it, or the field that refers to them.
//! Body types get the operation's name; identical response bodies share one type.

use std::collections::{HashMap, HashSet};

use apigw_spec::{Field, Object};

use super::{fields, unplaced};
use crate::page::{Page, PageTable, Role};
use crate::{ImportError, Warning};

/// The object types of one page, as they are read.
pub(crate) struct Objects<'p> {
    page: &'p Page,
    /// Anchors of tables that some row refers to.
    referenced: HashSet<&'p str>,
    /// Anchor → object name, for tables already read (or being read).
    by_anchor: HashMap<String, String>,
    objects: Vec<Object>,
}

impl<'p> Objects<'p> {
    /// Finds which tables of `page` are object types: those a row of another table refers to.
    pub(crate) fn new(page: &'p Page) -> Self {
        let anchors: HashSet<&str> = page
            .tables
            .iter()
            .filter_map(|t| t.anchor.as_deref())
            .collect();
        let mut referenced = HashSet::new();
        for table in &page.tables {
            for row in &table.table.rows {
                for cell in &row.cells {
                    for target in refs(cell) {
                        if let Some(a) = anchors.get(target)
                            && table.anchor.as_deref() != Some(*a)
                        {
                            referenced.insert(*a);
                        }
                    }
                }
            }
        }
        Self {
            page,
            referenced,
            by_anchor: HashMap::new(),
            objects: Vec::new(),
        }
    }

    /// Whether the table documents an object type (it is read when referenced).
    pub(crate) fn is_object_table(&self, table: &PageTable) -> bool {
        table
            .anchor
            .as_deref()
            .is_some_and(|a| self.referenced.contains(a))
    }

    /// Whether `anchor` labels a table of the page.
    pub(crate) fn is_table(&self, anchor: &str) -> bool {
        self.page
            .tables
            .iter()
            .any(|t| t.anchor.as_deref() == Some(anchor))
    }

    /// The object type of the table labelled `anchor` (read now if it was not yet); `field`
    /// is the name of the field that refers to it, `line` that row's page line.
    pub(crate) fn resolve(
        &mut self,
        anchor: &str,
        field: &str,
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<String, ImportError> {
        if let Some(name) = self.by_anchor.get(anchor) {
            return Ok(name.clone());
        }
        let page = self.page;
        let table = page
            .tables
            .iter()
            .find(|t| t.anchor.as_deref() == Some(anchor))
            .ok_or_else(|| {
                ImportError::new(
                    line,
                    format!("reference to `{anchor}`, but no table has that label"),
                )
            })?;
        let base = base_name(&table.caption, field);
        // The same name on another table (a request and a response flavour): suffix by side.
        let name = if self.taken(&base) {
            let side = if table.role == Role::Request {
                "Request"
            } else {
                "Response"
            };
            self.claim(&format!("{base}{side}"), None)
        } else {
            self.claim(&base, None)
        };
        self.by_anchor.insert(anchor.to_owned(), name.clone());
        let index = self.objects.len();
        self.objects.push(Object {
            name: unplaced(name.clone()),
            fields: Vec::new(),
        });
        let fields = fields::read(table, self, warnings)?;
        self.objects[index].fields = fields;
        Ok(name)
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
        self.objects.insert(
            at,
            Object {
                name: unplaced(name.clone()),
                fields,
            },
        );
        name
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
        self.objects.insert(
            at,
            Object {
                name: unplaced(name.clone()),
                fields,
            },
        );
        name
    }

    /// Anchored tables that are neither placed nor referenced by any row read.
    pub(crate) fn unreferenced(&self) -> impl Iterator<Item = &'p PageTable> + '_ {
        self.page.tables.iter().filter(|t| {
            t.anchor
                .as_deref()
                .is_some_and(|a| self.referenced.contains(a) && !self.by_anchor.contains_key(a))
        })
    }

    /// The object types, in the order they were first referenced.
    pub(crate) fn finish(self) -> Vec<Object> {
        self.objects
    }

    fn taken(&self, name: &str) -> bool {
        self.objects.iter().any(|o| o.name.value == name)
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

/// An object's name: a caption that is a name (`ApiVersionResp`), the name set in bold in a
/// caption that describes it (`**servers** field description`), else the referring field's.
fn base_name(caption: &str, field: &str) -> String {
    let caption = caption.trim();
    let pascal = |s: &str| {
        let words: String = s
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect();
        apigw_spec::naming::pascal(&words.split_whitespace().collect::<Vec<_>>().join("_"))
    };
    if !caption.is_empty()
        && caption
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return if caption.starts_with(|c: char| c.is_ascii_uppercase()) {
            caption.to_owned()
        } else {
            pascal(caption)
        };
    }
    let bold = caption
        .split("**")
        .nth(1)
        .filter(|b| !b.trim().is_empty() && b.chars().any(|c| c.is_ascii_alphabetic()));
    let name = match bold {
        Some(b) => pascal(b),
        None => pascal(field),
    };
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Object{name}")
    } else {
        name
    }
}
