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
        let required = match mandatory_col {
            None => false,
            Some(c) => mandatory(&row.cells[c], row.line)?,
        };
        let desc_cell = desc_col.map_or("", |c| row.cells[c].as_str());
        let ty = match type_col {
            Some(c) => {
                // The name cell may point at the table too (`:ref:\`token <anchor>\``).
                let pointers = format!("{desc_cell}\n{}", row.cells[name_col]);
                field_type(&row.cells[c], &pointers, &name, row.line, objects, warnings)?
            }
            None => TypeExpr::String,
        };
        let mut description = cell::parse(desc_cell, row.line)?;
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
        let sized = type_col.and_then(|c| types::sized_string(&row.cells[c]));
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

/// `Yes`, `No`, `Mandatory`, `Optional`, `true`, `false` (and the same followed by a
/// condition: `Yes (when ...)`).
fn mandatory(cell: &str, line: usize) -> Result<bool, ImportError> {
    let plain = plain(cell);
    let word = plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    match word.as_str() {
        "yes" | "mandatory" | "true" | "required" => Ok(true),
        "no" | "optional" | "false" | "conditional" | "conditionally" => Ok(false),
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
    let mut ty = resolve(&page_type, field, false, line, objects, warnings)?;
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
    Ok(ty)
}

/// Whether a field of type `ty` holds several values (an array or a map of them).
fn many(ty: &TypeExpr) -> bool {
    matches!(ty, TypeExpr::Array(_) | TypeExpr::Map(_))
}

/// The type of a page type; `within` says whether it stands inside an array or a map.
fn resolve(
    t: &PageType,
    field: &str,
    within: bool,
    line: usize,
    objects: &mut Objects<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<TypeExpr, ImportError> {
    Ok(match t {
        PageType::Builtin(name) => TypeExpr::SCALARS
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .ok_or_else(|| ImportError::new(line, format!("unknown type `{name}`")))?,
        PageType::Array(inner) => TypeExpr::Array(Box::new(resolve(
            inner, field, true, line, objects, warnings,
        )?)),
        PageType::Map(inner) => TypeExpr::Map(Box::new(resolve(
            inner, field, true, line, objects, warnings,
        )?)),
        PageType::Ref { anchor, .. } => {
            TypeExpr::Named(objects.resolve(anchor, field, within, line, warnings)?)
        }
    })
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
