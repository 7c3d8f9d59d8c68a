//! Table rows → fields: the name, type, mandatory and description columns (by their headers,
//! in every spelling of the format), object references in the type or the description, and the
//! facts of the description as constraints. A column the importer has no key for is kept in the
//! description, never dropped.

use apigw_spec::{Field, Schema, TypeExpr};

use super::objects::{self, Objects};
use super::{constraints, unplaced};
use crate::cell;
use crate::page::{PageTable, Role};
use crate::table::Row;
use crate::types::{self, PageType};
use crate::{ImportError, Warning};

const NAME: &[&str] = &[
    "Parameter",
    "Name",
    "Parameter Name",
    "Field",
    "Attribute",
    "Key",
    "Response Item",
    "Request Item",
    "Header",
];
const TYPE: &[&str] = &["Type", "Data Type", "Parameter Type", "Value Type"];
const MANDATORY: &[&str] = &[
    "Mandatory",
    "Required",
    "Mandatory/Optional",
    "Mandatory or Optional",
    "Optional/Mandatory",
    "Is Mandatory",
];
const DESCRIPTION: &[&str] = &["Description"];

fn column(table: &PageTable, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| table.table.column(n))
}

/// The fields of a parameter, body or object table.
pub(super) fn read(
    table: &PageTable,
    objects: &mut Objects<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Field>, ImportError> {
    let name_col = column(table, NAME).ok_or_else(|| {
        ImportError::new(
            table.line,
            format!(
                "table `{}` has no `Parameter` (or `Name`) column",
                table.caption
            ),
        )
    })?;
    let type_col = column(table, TYPE);
    let mandatory_col = column(table, MANDATORY);
    let desc_col = column(table, DESCRIPTION);
    let known = [Some(name_col), type_col, mandatory_col, desc_col];
    let extra: Vec<usize> = (0..table.table.header.len())
        .filter(|c| !known.contains(&Some(*c)))
        .collect();
    if type_col.is_none() && !matches!(table.role, Role::Uri) {
        warnings.push(ImportError::new(
            table.line,
            format!(
                "table `{}` has no `Type` column; its fields are taken as strings",
                table.caption
            ),
        ));
    }
    let mut fields = Vec::new();
    for row in &table.table.rows {
        let name = plain(&row.cells[name_col]);
        if name.is_empty() {
            return Err(ImportError::new(row.line, "a row without a parameter name"));
        }
        if fields.iter().any(|f: &Field| *f.name == name) {
            warnings.push(Warning::new(
                row.line,
                format!(
                    "`{name}` is listed twice in table `{}`; the first row is kept",
                    table.caption
                ),
            ));
            continue;
        }
        let mut cells = Cells {
            ty: type_col.map(|c| row.cells[c].clone()),
            mandatory: mandatory_col.map(|c| row.cells[c].clone()),
            description: desc_col.map_or(String::new(), |c| row.cells[c].clone()),
        };
        cells.put_in_place(&name, row.line, warnings)?;
        let (required, condition) = match &cells.mandatory {
            None => (false, None),
            Some(cell) => mandatory(cell, row.line)?,
        };
        if condition.is_some() {
            warnings.push(Warning::new(
                row.line,
                format!("`{name}`: the Mandatory column states a condition, not Yes or No; taken as optional, the condition kept in the description"),
            ));
        }
        if header_table(table)
            && let Some(cell) = &cells.ty
            && types::parse(cell).is_err()
            && objects::refs(cell).next().is_none()
        {
            // A header's value is text: a Type cell that names no type describes the header.
            warnings.push(Warning::new(
                row.line,
                format!(
                    "header `{name}`: the Type column says `{}`, which is no type; a header is text (String), the cell kept in its description",
                    plain(cell)
                ),
            ));
            cells.description = format!("{cell}\n\n{}", cells.description);
            cells.ty = Some("String".to_owned());
        }
        let desc_cell = cells.description.as_str();
        let ty = match &cells.ty {
            Some(type_cell) => {
                // The name cell may point at the table too (`:ref:\`token <anchor>\``).
                let pointers = format!("{desc_cell}\n{}", row.cells[name_col]);
                field_type(type_cell, &pointers, &name, row.line, objects, warnings)?
            }
            None => TypeExpr::String,
        };
        let mut description = cell::parse(desc_cell, row.line)?;
        if let Some(condition) = condition {
            if !description.text.is_empty() {
                description.text.push_str("\n\n");
            }
            description
                .text
                .push_str(&format!("Mandatory: {condition}"));
        }
        for &c in &extra {
            let value = apigw_spec::rst::inline(
                &row.cells[c]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            if !value.is_empty() {
                let header = &table.table.header[c];
                if !description.text.is_empty() {
                    description.text.push_str("\n\n");
                }
                description.text.push_str(&format!("{header}: {value}"));
            }
        }
        let sized = cells.ty.as_deref().and_then(types::sized_string);
        let mut field = Field {
            name: unplaced(name),
            schema: Schema {
                max_length: sized.map(unplaced),
                ..Schema::of(unplaced(ty))
            },
            required,
            description: None,
        };
        constraints::apply(&mut field, description, row.line, warnings);
        fields.push(field);
    }
    Ok(fields)
}

/// A String field the page names but does not describe.
pub(super) fn untyped(name: &str) -> Field {
    Field {
        name: unplaced(name.to_owned()),
        schema: Schema::of(unplaced(TypeExpr::String)),
        required: true,
        description: None,
    }
}

/// The type of the single row of a whole-body table; `name` names an object type it refers
/// to when the table's caption does not.
pub(super) fn row_type(
    table: &PageTable,
    row: &Row,
    name: &str,
    objects: &mut Objects<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<TypeExpr, ImportError> {
    let type_col = column(table, TYPE).ok_or_else(|| {
        ImportError::new(
            table.line,
            format!("table `{}` has no `Type` column", table.caption),
        )
    })?;
    let desc = column(table, DESCRIPTION).map_or("", |c| row.cells[c].as_str());
    field_type(
        &row.cells[type_col],
        desc,
        name,
        row.line,
        objects,
        warnings,
    )
}

/// The cells of a row that say what a field is, by the columns their header names.
struct Cells {
    ty: Option<String>,
    mandatory: Option<String>,
    description: String,
}

impl Cells {
    /// A row whose Type cell holds a Mandatory word (`No`) has its cells in another order than
    /// the header's: its type is in the Mandatory cell, or, in a table without a Mandatory
    /// column, the description's first paragraph (`No | Integer …`). The cells are put in
    /// their places, with a warning; a Type cell holding a Mandatory word with no type beside
    /// it refuses the page.
    fn put_in_place(
        &mut self,
        name: &str,
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<(), ImportError> {
        let Some(ty) = self.ty.clone() else {
            return Ok(());
        };
        if mandatory_word(&ty).is_none() {
            return Ok(());
        }
        let is_type = |cell: &str| mandatory_word(cell).is_none() && types::parse(cell).is_ok();
        let moved = match &self.mandatory {
            Some(m) if is_type(m) => {
                self.ty = Some(m.clone());
                self.mandatory = Some(ty.clone());
                true
            }
            Some(_) => false,
            None => {
                let description = self.description.trim_start();
                let (first, rest) = description.split_once("\n\n").unwrap_or((description, ""));
                if is_type(first) {
                    self.ty = Some(first.to_owned());
                    self.mandatory = Some(ty.clone());
                    self.description = rest.to_owned();
                    true
                } else {
                    false
                }
            }
        };
        if !moved {
            return Err(ImportError::new(
                line,
                format!(
                    "the Type column of `{name}` says `{}`, which says whether it is mandatory; no type beside it",
                    plain(&ty)
                ),
            ));
        }
        warnings.push(Warning::new(
            line,
            format!(
                "`{name}`: the row's Type cell says `{}` and its type stands in another column; read as the header names them",
                plain(&ty)
            ),
        ));
        Ok(())
    }
}

/// Whether a table documents headers (its caption says so).
fn header_table(table: &PageTable) -> bool {
    table.caption.to_ascii_lowercase().contains("header")
}

/// A cell that is only a word of the Mandatory column: `Yes`, `No`, `Mandatory`, `Optional`,
/// `Required`, `Conditional`.
fn mandatory_word(cell: &str) -> Option<bool> {
    match plain(cell).to_ascii_lowercase().as_str() {
        "yes" | "mandatory" | "required" => Some(true),
        "no" | "optional" | "conditional" => Some(false),
        _ => None,
    }
}

/// `Yes`, `No`, `Mandatory`, `Optional`, `true`, `false` (and the same followed by a
/// condition: `Yes (when ...)`); a sentence instead (`If … is set to multi, this parameter is
/// mandatory.`) states a condition: the field is optional, and the condition is returned to be
/// kept in the description.
fn mandatory(cell: &str, line: usize) -> Result<(bool, Option<String>), ImportError> {
    let plain = plain(cell);
    let word = plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    match word.as_str() {
        "yes" | "mandatory" | "true" | "required" => Ok((true, None)),
        "no" | "optional" | "false" | "conditional" | "conditionally" => Ok((false, None)),
        _ if plain.split_whitespace().count() >= 4 => {
            Ok((false, Some(apigw_spec::rst::inline(&plain))))
        }
        _ => Err(ImportError::new(
            line,
            format!("Mandatory column says `{plain}`, expected Yes or No"),
        )),
    }
}

/// A type cell, with the objects it or the description refers to. An untyped object
/// (`Object`, `Array of objects`, or a type cell that only points at a table) whose row refers
/// to a table of the page is that table's object type.
fn field_type(
    type_cell: &str,
    desc_cell: &str,
    field: &str,
    line: usize,
    objects: &mut Objects<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<TypeExpr, ImportError> {
    let tables_in = |cell: &str, objects: &Objects<'_>| -> Vec<String> {
        objects::refs(cell)
            .filter(|a| objects.is_table(a))
            .map(str::to_owned)
            .collect()
    };
    let page_type = match types::parse(type_cell) {
        Ok(t) => t,
        // `-`: the page gives the field no type.
        Err(_) if matches!(plain(type_cell).trim_matches('`'), "-" | "") => {
            warnings.push(Warning::new(
                line,
                format!(
                    "`{field}` has no type (`{}`); typed as any JSON value",
                    plain(type_cell)
                ),
            ));
            PageType::Builtin("Object")
        }
        Err(unknown) => {
            // `Dictionary data structure. For details, see :ref:`Table 3 <...>``.
            let targets = tables_in(type_cell, objects);
            let lower = type_cell.to_ascii_lowercase();
            let many = lower.contains("array") || lower.contains("list");
            match targets.as_slice() {
                [_, _, ..] => {
                    warnings.push(Warning::new(
                        line,
                        format!(
                            "`{field}` is described by {} tables ({}), one per case; typed as any JSON value",
                            targets.len(),
                            targets.join(", ")
                        ),
                    ));
                    PageType::Builtin("Object")
                }
                [anchor] => {
                    let inner = PageType::Ref {
                        name: String::new(),
                        anchor: anchor.clone(),
                    };
                    if many {
                        PageType::Array(Box::new(inner))
                    } else {
                        inner
                    }
                }
                _ => return Err(ImportError::new(line, unknown)),
            }
        }
    };
    // A link to a label of no table (the page's own, a section's) in the type, beside one
    // to a table in the description: the description's is meant.
    let mut described = tables_in(desc_cell, objects);
    described.dedup();
    let page_type = match described.as_slice() {
        [table] => relink(page_type, table, field, line, objects, warnings),
        _ => page_type,
    };
    let mut unresolved = Vec::new();
    let mut ty = resolve(
        &page_type,
        field,
        false,
        line,
        objects,
        warnings,
        &mut unresolved,
    )?;
    if untyped_object(&ty) {
        let mut targets = tables_in(desc_cell, objects);
        targets.dedup();
        match targets.as_slice() {
            [] => {
                // No pointer: a table whose caption describes this field (`**x** parameters`).
                if let Some(index) = objects.subject_table(field) {
                    let name = objects.resolve_table(index, field, many(&ty), warnings)?;
                    ty = replace_any(ty, &name);
                }
            }
            [anchor] => {
                let name = objects.resolve(anchor, field, many(&ty), line, warnings)?;
                ty = replace_any(ty, &name);
            }
            several => warnings.push(Warning::new(
                line,
                format!(
                    "`{field}` is described by {} tables ({}), one per case; typed as any JSON object",
                    several.len(),
                    several.join(", ")
                ),
            )),
        }
    }
    if untyped_object(&ty)
        && let Some(name) = unresolved.first()
    {
        warnings.push(Warning::new(
            line,
            format!(
                "`{field}`: the type `{name}` names an object that no table of the page describes; typed as any JSON value"
            ),
        ));
    }
    Ok(ty)
}

/// `t` with each link to a label of no table replaced by a link to `table`, with a warning.
fn relink(
    t: PageType,
    table: &str,
    field: &str,
    line: usize,
    objects: &Objects<'_>,
    warnings: &mut Vec<Warning>,
) -> PageType {
    match t {
        PageType::Array(inner) => PageType::Array(Box::new(relink(
            *inner, table, field, line, objects, warnings,
        ))),
        PageType::Map(inner) => PageType::Map(Box::new(relink(
            *inner, table, field, line, objects, warnings,
        ))),
        PageType::Ref { anchor, name } if !objects.is_table(&anchor) => {
            warnings.push(Warning::new(
                line,
                format!("`{field}`: its type refers to `{anchor}`, which labels no table; the table `{table}` its description refers to is meant"),
            ));
            PageType::Ref {
                name,
                anchor: table.to_owned(),
            }
        }
        other => other,
    }
}

/// Whether a field of type `ty` holds several values (an array or a map of them).
fn many(ty: &TypeExpr) -> bool {
    matches!(ty, TypeExpr::Array(_) | TypeExpr::Map(_))
}

/// The type of a page type; `within` says whether it stands inside an array or a map. An
/// object type named without a link is the table whose caption describes that name
/// (`Parameter description of field **policy_create**`); a name no such table describes is
/// left untyped (`Object`) and pushed to `unresolved`, for the caller to look further.
fn resolve(
    t: &PageType,
    field: &str,
    within: bool,
    line: usize,
    objects: &mut Objects<'_>,
    warnings: &mut Vec<Warning>,
    unresolved: &mut Vec<String>,
) -> Result<TypeExpr, ImportError> {
    Ok(match t {
        PageType::Builtin(name) => TypeExpr::SCALARS
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .ok_or_else(|| ImportError::new(line, format!("unknown type `{name}`")))?,
        PageType::Array(inner) => TypeExpr::Array(Box::new(resolve(
            inner, field, true, line, objects, warnings, unresolved,
        )?)),
        PageType::Map(inner) => TypeExpr::Map(Box::new(resolve(
            inner, field, true, line, objects, warnings, unresolved,
        )?)),
        PageType::Ref { anchor, name } if !objects.is_table(anchor) => {
            // A link to a label of no table (the page's own, a section's): the table whose
            // caption describes the name shown or the field is meant.
            let index = objects
                .named_table(name)
                .or_else(|| objects.named_table(field))
                .ok_or_else(|| {
                    ImportError::new(
                        line,
                        format!("reference to `{anchor}`, but no table has that label"),
                    )
                })?;
            warnings.push(Warning::new(
                line,
                format!(
                    "`{field}` refers to `{anchor}`, which labels no table; the table `{}` describes it",
                    objects.caption(index)
                ),
            ));
            TypeExpr::Named(objects.resolve_table(index, field, within, warnings)?)
        }
        PageType::Ref { anchor, .. } => {
            TypeExpr::Named(objects.resolve(anchor, field, within, line, warnings)?)
        }
        PageType::Named(name) => match objects.named_table(name) {
            Some(index) => TypeExpr::Named(objects.resolve_table(index, field, within, warnings)?),
            None => {
                unresolved.push(name.clone());
                TypeExpr::Any
            }
        },
    })
}

/// The object type names a table's type column writes without a link (`policy_create`,
/// `List<resource_tag>`), for finding the tables they name.
pub(super) fn named_types(table: &crate::table::Table) -> Vec<String> {
    fn collect(t: &PageType, out: &mut Vec<String>) {
        match t {
            PageType::Named(name) => out.push(name.clone()),
            PageType::Array(inner) | PageType::Map(inner) => collect(inner, out),
            PageType::Builtin(_) | PageType::Ref { .. } => {}
        }
    }
    let Some(c) = TYPE.iter().find_map(|n| table.column(n)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &table.rows {
        if let Ok(t) = types::parse(&row.cells[c]) {
            collect(&t, &mut out);
        }
    }
    out
}

/// `Object`, `Array<Object>`, `Map<String, Object>`.
fn untyped_object(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Any => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => untyped_object(inner),
        _ => false,
    }
}

fn replace_any(ty: TypeExpr, name: &str) -> TypeExpr {
    match ty {
        TypeExpr::Any => TypeExpr::Named(name.to_owned()),
        TypeExpr::Array(inner) => TypeExpr::Array(Box::new(replace_any(*inner, name))),
        TypeExpr::Map(inner) => TypeExpr::Map(Box::new(replace_any(*inner, name))),
        other => other,
    }
}

/// A name cell without its markup: `**name**`, ``` ``name`` ```, escapes.
pub(super) fn plain(cell: &str) -> String {
    // A space next to `_` or `-` is a line wrap inside the name (`protocol\n_id`).
    apigw_spec::rst::inline(cell)
        .replace('\\', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" _", "_")
        .replace("_ ", "_")
        .replace(" -", "-")
        .replace("- ", "-")
        .replace("**", "")
        .replace("``", "")
        .replace('\\', "")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use crate::import_page;

    /// A page with the request body table `body` (and the tables after it).
    fn page(body: &str) -> String {
        format!(
            "Creating a Thing\n================\n\nURI\n---\n\nPOST /v1/things\n\nRequest\n-------\n\n{body}\n\nResponse\n--------\n\nNone\n\nStatus Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n200         OK\n=========== ===========\n"
        )
    }

    #[test]
    fn a_name_in_the_type_column_is_the_table_that_describes_it() {
        let text = page(
            "\
.. table:: **Table 1** Parameter description

   ========= ========= ============= ===========
   Parameter Mandatory Type          Description
   ========= ========= ============= ===========
   policy    Yes       policy_create Creation parameters.
   tags      No        Array of tags Tags.
   ========= ========= ============= ===========

.. table:: **Table 2** Parameter description of field **policy_create**

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   name      Yes       String Name.
   ========= ========= ====== ===========

-  Description of the **tag** field

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   key       Yes       String Key.
   ========= ========= ====== ===========",
        );
        let imported = import_page("p.rst", &text).unwrap();
        let spec = &imported.spec;
        let body = spec.object("CreateThingRequestBody").unwrap();
        assert_eq!(body.fields[0].schema.ty.value.to_string(), "PolicyCreate");
        assert_eq!(body.fields[1].schema.ty.value.to_string(), "Array<Tag>");
        assert_eq!(spec.object("Tag").unwrap().fields[0].name.value, "key");
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    }

    #[test]
    fn a_name_no_table_describes_is_any_json_with_a_warning() {
        let text = page(
            "\
.. table:: **Table 1** Parameter description

   ========= ========= ============ ===========
   Parameter Mandatory Type         Description
   ========= ========= ============ ===========
   common    No        common_param Common parameters.
   ========= ========= ============ ===========",
        );
        let imported = import_page("p.rst", &text).unwrap();
        let body = imported.spec.object("CreateThingRequestBody").unwrap();
        assert_eq!(body.fields[0].schema.ty.value.to_string(), "Object");
        let w = &imported.warnings[0];
        assert_eq!(w.line, 17);
        assert!(w.message.contains("`common_param`"), "{}", w.message);
    }

    #[test]
    fn cells_in_another_order_than_the_header_are_read_in_place() {
        let text = page(
            "\
.. table:: **Table 1** Parameter description

   ========= =========================================== ======= ===========
   Parameter Mandatory                                   Type    Description
   ========= =========================================== ======= ===========
   name      Yes                                         String  Name.
   count     Integer                                     No      How many.
   zone      If the region has zones, this is mandatory. String  Zone.
   ========= =========================================== ======= ===========",
        );
        let imported = import_page("p.rst", &text).unwrap();
        let body = imported.spec.object("CreateThingRequestBody").unwrap();
        let count = &body.fields[1];
        assert_eq!(count.schema.ty.value.to_string(), "Integer");
        assert!(!count.required);
        assert!(imported.warnings.iter().any(|w| w.line == 18));
        let zone = &body.fields[2];
        assert!(!zone.required);
        assert!(
            zone.description
                .as_deref()
                .unwrap()
                .contains("Mandatory: If the region"),
            "{:?}",
            zone.description
        );
        // A Mandatory word with no type beside it refuses the page.
        let text = page(
            "\
.. table:: **Table 1** Parameter description

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   count     No     How many.
   ========= ====== ===========",
        );
        let err = import_page("p.rst", &text).unwrap_err();
        assert_eq!(err.line, 17);
    }

    #[test]
    fn a_field_without_a_type_is_any_json() {
        let text = page(
            "\
.. table:: **Table 1** Parameter description

   =========== ========= ====== ===========
   Parameter   Mandatory Type   Description
   =========== ========= ====== ===========
   preferences No        ``-``  Not used.
   =========== ========= ====== ===========",
        );
        let imported = import_page("p.rst", &text).unwrap();
        let body = imported.spec.object("CreateThingRequestBody").unwrap();
        assert_eq!(body.fields[0].schema.ty.value.to_string(), "Object");
        assert_eq!(imported.warnings[0].line, 17);
    }

    #[test]
    fn a_header_whose_type_cell_describes_it_is_text() {
        let text = page(
            "\
.. table:: **Table 1** Request header

   ============ ========= ==================================== ================
   Parameter    Mandatory Type                                 Description
   ============ ========= ==================================== ================
   Content-type Yes       MIME type of the body in the request application/json
   ============ ========= ==================================== ================",
        );
        let imported = import_page("p.rst", &text).unwrap();
        let header = &imported.spec.params[0];
        assert_eq!(header.field.schema.ty.value.to_string(), "String");
        assert_eq!(
            header.field.description.as_deref(),
            Some("MIME type of the body in the request\n\napplication/json")
        );
        assert_eq!(imported.warnings[0].line, 17);
    }
}
