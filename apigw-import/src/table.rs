//! reStructuredText tables: grid tables (`+---+`) and simple tables (`=== ===`), read into rows
//! of cells. A cell keeps its lines (with their relative indentation), so that paragraphs,
//! bullet lists and `.. note::` blocks inside it can be read later.

use crate::ImportError;

/// A table: its header cells and its body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header row's cells, trimmed.
    pub header: Vec<String>,
    /// The body rows.
    pub rows: Vec<Row>,
}

/// One body row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The page line (1-based) where the row starts.
    pub line: usize,
    /// The cells' text, one entry per column, lines joined by `\n`, common indentation removed.
    pub cells: Vec<String>,
}

impl Table {
    /// The index of the column whose header is `name` (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }
}

/// Parses the table in `lines` (already dedented); `first_line` is the page line of `lines[0]`.
pub fn parse(lines: &[&str], first_line: usize) -> Result<Table, ImportError> {
    match lines.first().map(|l| l.trim_start()) {
        Some(l) if l.starts_with('+') => grid(lines, first_line),
        Some(l) if l.starts_with('=') => simple(lines, first_line),
        _ => Err(ImportError::new(
            first_line,
            "expected a grid or simple table",
        )),
    }
}

fn grid(lines: &[&str], first_line: usize) -> Result<Table, ImportError> {
    let chars: Vec<Vec<char>> = lines
        .iter()
        .map(|l| l.trim_end().chars().collect())
        .collect();
    let bounds: Vec<usize> = chars[0]
        .iter()
        .enumerate()
        .filter(|&(_, c)| *c == '+')
        .map(|(i, _)| i)
        .collect();
    if bounds.len() < 2 {
        return Err(ImportError::new(first_line, "grid table without columns"));
    }
    let columns = bounds.len() - 1;
    let mut header = None;
    let mut rows = Vec::new();
    let mut current: Vec<Vec<String>> = vec![Vec::new(); columns];
    let mut row_start = None;
    for (i, line) in chars.iter().enumerate().skip(1) {
        let page_line = first_line + i;
        if line.is_empty() {
            continue;
        }
        if line[0] == '+' {
            if line
                .iter()
                .enumerate()
                .any(|(j, c)| *c == '+' && !bounds.contains(&j))
                || line.len() != chars[0].len()
            {
                return Err(ImportError::new(
                    page_line,
                    "grid table with cells spanning columns or rows is not supported",
                ));
            }
            let cells = std::mem::replace(&mut current, vec![Vec::new(); columns])
                .into_iter()
                .map(|c| cell_text(&c))
                .collect::<Vec<_>>();
            if line.contains(&'=') {
                row_start = None;
                header = Some(cells.into_iter().map(|c| c.replace('\n', " ")).collect());
            } else if let Some(start) = row_start.take() {
                rows.push(Row { line: start, cells });
            }
            continue;
        }
        if line[0] != '|' {
            return Err(ImportError::new(
                page_line,
                "unexpected line inside a grid table",
            ));
        }
        for (c, w) in bounds.windows(2).enumerate() {
            if line.get(w[1]) != Some(&'|') {
                return Err(ImportError::new(
                    page_line,
                    "grid table row does not line up with its columns (a cell spanning columns?)",
                ));
            }
            let text: String = line[w[0] + 1..w[1]].iter().collect();
            current[c].push(text);
        }
        row_start.get_or_insert(page_line);
    }
    let header =
        header.ok_or_else(|| ImportError::new(first_line, "grid table without a header row"))?;
    Ok(Table { header, rows })
}

fn simple(lines: &[&str], first_line: usize) -> Result<Table, ImportError> {
    let border: Vec<char> = lines[0].trim_end().chars().collect();
    let mut starts = Vec::new();
    for (i, c) in border.iter().enumerate() {
        if *c == '=' && (i == 0 || border[i - 1] == ' ') {
            starts.push(i);
        }
    }
    let is_border = |l: &str| {
        let t = l.trim();
        !t.is_empty() && t.chars().all(|c| c == '=' || c == ' ')
    };
    let split = |line: &str| -> Vec<String> {
        let chars: Vec<char> = line.chars().collect();
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let end = starts
                    .get(k + 1)
                    .copied()
                    .unwrap_or(chars.len())
                    .min(chars.len());
                chars.get(s.min(end)..end).map_or(String::new(), |c| {
                    c.iter().collect::<String>().trim().to_owned()
                })
            })
            .collect()
    };
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut borders = 0;
    for (i, line) in lines.iter().enumerate() {
        let page_line = first_line + i;
        if is_border(line) {
            borders += 1;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cells = split(line);
        match borders {
            1 => match &mut header {
                None => header = Some(cells),
                Some(h) => append(h, &cells, " "),
            },
            2 => {
                // A row whose first cell is empty continues the previous one.
                match rows.last_mut() {
                    Some(last) if cells[0].is_empty() => append(&mut last.cells, &cells, "\n"),
                    _ => rows.push(Row {
                        line: page_line,
                        cells,
                    }),
                }
            }
            _ => {
                return Err(ImportError::new(
                    page_line,
                    "text after the end of a simple table",
                ));
            }
        }
    }
    let header =
        header.ok_or_else(|| ImportError::new(first_line, "simple table without a header row"))?;
    Ok(Table { header, rows })
}

fn append(into: &mut [String], more: &[String], sep: &str) {
    for (cell, extra) in into.iter_mut().zip(more) {
        if !extra.is_empty() {
            if !cell.is_empty() {
                cell.push_str(sep);
            }
            cell.push_str(extra);
        }
    }
}

/// The text of a grid cell: its lines without the common indentation, trailing blanks and
/// leading/trailing empty lines.
fn cell_text(lines: &[String]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                l[indent..].trim_end()
            }
        })
        .collect();
    body.join("\n").trim_matches('\n').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_table_with_multi_line_cells() {
        let text = "\
+------+-----------+
| Name | Text      |
+======+===========+
| a    | one       |
|      |           |
|      | -  two    |
+------+-----------+
| b    | three     |
+------+-----------+";
        let lines: Vec<&str> = text.lines().collect();
        let table = parse(&lines, 10).unwrap();
        assert_eq!(table.header, ["Name", "Text"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 13);
        assert_eq!(table.rows[0].cells[1], "one\n\n-  two");
        assert_eq!(table.rows[1].cells, ["b", "three"]);
    }

    #[test]
    fn simple_table_with_overlong_last_column_and_continuation() {
        let text = "\
========== ====== ===========
Parameter  Type   Description
========== ====== ===========
error_code String Error code, longer than its border.
           more   text
error_msg  String Message.
========== ====== ===========";
        let lines: Vec<&str> = text.lines().collect();
        let table = parse(&lines, 1).unwrap();
        assert_eq!(table.column("type"), Some(1));
        assert_eq!(
            table.rows[0].cells,
            [
                "error_code",
                "String\nmore",
                "Error code, longer than its border.\ntext"
            ]
        );
        assert_eq!(table.rows[1].line, 6);
    }

    #[test]
    fn spanning_cells_are_an_error_not_a_guess() {
        let text = "\
+------+------+
| A    | B    |
+======+======+
| a spanning  |
+------+------+";
        let lines: Vec<&str> = text.lines().collect();
        let err = parse(&lines, 1).unwrap_err();
        assert_eq!(err.line, 4);
    }
}
