//! The reference's type column → the spec's type grammar.
//!
//! ```text
//! String | Integer | Long | Boolean | Float | Double | Number | Object | File | DateTime
//! Array of strings | Array of integers | Array of booleans | Array of objects
//! Array of :ref:`Name <anchor>` objects     → Array<Name>
//! :ref:`Name <anchor>` object               → Name
//! Map<String,\ T>                           → Map<String, T>
//! list<T>, List <T>, Set<T>, Array<T>       → Array<T>     (any case; Python's spellings too)
//! map<string, T>, dict<str, T>              → Map<String, T>
//! Array of T objects                        → Array<T>     (T any type of this grammar)
//! policy_create, TokenAuth object           → the object type of that name
//! Array of resource_tags, List<tag>         → Array<the object type of that name>
//! ```
//!
//! Names of built-in types are read in any case (`string`, `dict`, `datetime`). A name that is
//! no built-in type names an object type ([`PageType::Named`]): its table is found by the rule
//! of [`crate::operation`] (a table the row points to, else the table whose caption describes
//! that name).

/// A type as the page writes it, with object references still pointing at their anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageType {
    /// A built-in type, by its spec name (`String`, `Integer`, ...).
    Builtin(&'static str),
    /// `Array of ...`.
    Array(Box<PageType>),
    /// `Map<String, ...>`.
    Map(Box<PageType>),
    /// ``:ref:`Name <anchor>` object``: an object table elsewhere on the page.
    Ref {
        /// The name shown.
        name: String,
        /// The anchor of its table.
        anchor: String,
    },
    /// An object type named without a link (`policy_create`, `TokenAuth object`,
    /// `Array of resource_tags`): the name as written, for one item (a plural is made
    /// singular).
    Named(String),
}

impl PageType {
    /// Every anchor referenced, in order.
    pub fn anchors(&self) -> Vec<&str> {
        match self {
            PageType::Builtin(_) | PageType::Named(_) => Vec::new(),
            PageType::Array(inner) | PageType::Map(inner) => inner.anchors(),
            PageType::Ref { anchor, .. } => vec![anchor.as_str()],
        }
    }

    /// The spec type expression, with each referenced anchor named by `name_of` (a named
    /// object type is rendered as its name).
    pub fn render(&self, name_of: &dyn Fn(&str) -> String) -> String {
        match self {
            PageType::Builtin(b) => (*b).to_owned(),
            PageType::Array(inner) => format!("Array<{}>", inner.render(name_of)),
            PageType::Map(inner) => format!("Map<String, {}>", inner.render(name_of)),
            PageType::Ref { anchor, .. } => name_of(anchor),
            PageType::Named(name) => name.clone(),
        }
    }

    /// The innermost type (through arrays and maps).
    pub fn base(&self) -> &PageType {
        match self {
            PageType::Array(inner) | PageType::Map(inner) => inner.base(),
            other => other,
        }
    }
}

const BUILTINS: [(&str, &str); 30] = [
    ("JSONObject", "Object"),
    ("Null", "Object"),
    ("None", "Object"),
    ("String", "String"),
    ("Str", "String"),
    ("UUID", "String"),
    // A point in time, written as text (ISO 8601).
    ("DateTime", "String"),
    ("Date", "String"),
    ("Integer", "Integer"),
    ("Int", "Integer"),
    ("Int32", "Integer"),
    ("Long", "Long"),
    ("Long integer", "Long"),
    ("Int64", "Long"),
    ("Boolean", "Boolean"),
    ("Bool", "Boolean"),
    ("Float", "Float"),
    ("Double", "Float"),
    ("Number", "Float"),
    ("Decimal", "Float"),
    ("BigDecimal", "Float"),
    ("Object", "Object"),
    ("File", "File"),
    ("Json", "Object"),
    ("JSON object", "Object"),
    ("AnyType", "Object"),
    ("Dict", "Object"),
    ("Dictionary", "Object"),
    ("Dictionary data structure", "Object"),
    ("Map", "Object"),
];

/// Spellings of a list whose items the page describes elsewhere (a table the row refers to).
const LISTS: [&str; 7] = [
    "Array",
    "List",
    "JSONArray",
    "JSON array",
    "List data structure",
    "List of objects",
    "Array of object",
];

/// The generic spellings of a list (`List<T>`, `list<T>`, `Set<T>`) and of a map (`Map<K, V>`,
/// `dict<K, V>`), in any case.
const GENERIC_LISTS: [&str; 3] = ["array", "list", "set"];
const GENERIC_MAPS: [&str; 2] = ["map", "dict"];

/// Reads a type cell (lines already joined with spaces). `Err` holds what could not be read.
pub fn parse(text: &str) -> Result<PageType, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .replace("\\ ", "")
        .replace(",\\", ",")
        .replace("**", "");
    read(text.trim()).ok_or_else(|| format!("unknown type `{text}`"))
}

/// `String(64)`: a string of at most that many characters.
pub fn sized_string(text: &str) -> Option<u64> {
    let inner = text.trim().strip_prefix("String(")?.strip_suffix(')')?;
    inner.trim().parse().ok()
}

fn builtin(text: &str) -> Option<PageType> {
    BUILTINS
        .iter()
        .find(|(page, _)| page.eq_ignore_ascii_case(text))
        .map(|&(_, spec)| PageType::Builtin(spec))
}

/// A name that is not a built-in type: an object the page describes in a table of its own.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// A name as a type is written in code (`policy_create`, `Resource_tag`, `TokenAuth`): a
/// letter, then letters, digits and underscores.
fn is_type_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The object type a name written as a type stands for: one item, so a plural is made
/// singular (`resource_tags` → `resource_tag`, `matches` → `match`).
fn named(text: &str) -> PageType {
    PageType::Named(crate::naming::item_of(text))
}

/// `NAME<A, B>` (or Python's `NAME(A:B)`) → (`NAME`, [`A`, `B`]): the head and the
/// arguments split at the commas (colons) outside inner brackets.
fn generic(text: &str) -> Option<(&str, Vec<&str>)> {
    let (open, close, split) = if text.ends_with(')') {
        ('(', ')', ':')
    } else {
        ('<', '>', ',')
    };
    let at = text.find(open)?;
    let inner = text[at + 1..].strip_suffix(close)?;
    let head = text[..at].trim();
    if head.contains(' ') {
        return None;
    }
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth = depth.checked_sub(1)?,
            c if c == split && depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    (depth == 0 && args.iter().all(|a| !a.is_empty())).then_some((head, args))
}

/// A type inside another (an item, a map's value): any type of the grammar, or a name.
fn item(text: &str) -> Option<PageType> {
    let text = text.trim();
    if let Some(t) = read(text) {
        return Some(t);
    }
    let text = text
        .strip_suffix(" objects")
        .or_else(|| text.strip_suffix(" object"))
        .unwrap_or(text);
    read(text).or_else(|| is_name(text).then(|| named(text)))
}

fn read(text: &str) -> Option<PageType> {
    if let Some(b) = builtin(text) {
        return Some(b);
    }
    if sized_string(text).is_some() {
        return Some(PageType::Builtin("String"));
    }
    let any = || PageType::Builtin("Object");
    if LISTS.iter().any(|l| l.eq_ignore_ascii_case(text)) {
        return Some(PageType::Array(Box::new(any())));
    }
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = ["array of ", "list of "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| &text[p.len()..])
    {
        let rest = rest.trim();
        let plural = match rest.to_ascii_lowercase().as_str() {
            "strings" | "string" => Some("String"),
            "integers" | "integer" | "ints" => Some("Integer"),
            "longs" => Some("Long"),
            "booleans" => Some("Boolean"),
            "floats" | "doubles" | "numbers" => Some("Float"),
            "objects" | "object" => Some("Object"),
            "files" => Some("File"),
            _ => None,
        };
        if let Some(b) = plural {
            return Some(PageType::Array(Box::new(PageType::Builtin(b))));
        }
        let inner = rest
            .strip_suffix(" objects")
            .or_else(|| rest.strip_suffix(" object"));
        if let Some(inner) = inner {
            if let Some(r) = reference(inner) {
                return Some(PageType::Array(Box::new(r)));
            }
            // `Array of Map<String,String> objects`: items of a type of the grammar.
            return item(inner).map(|t| PageType::Array(Box::new(t)));
        }
        // `Array of resource_tags`: items of the object type the name is the plural of.
        return is_type_name(rest).then(|| PageType::Array(Box::new(named(rest))));
    }
    // `List<T>`, `list<dict>`, `Map<String, T>`, `map<string, string>`, `List <resource_tag>`,
    // `Dict(str:str)`.
    if let Some((head, args)) = generic(text) {
        let head = head.to_ascii_lowercase();
        if let [one] = args.as_slice()
            && GENERIC_LISTS.contains(&head.as_str())
            && let Some(item) = item(one)
        {
            return Some(PageType::Array(Box::new(item)));
        }
        if let [key, value] = args.as_slice()
            && GENERIC_MAPS.contains(&head.as_str())
            && matches!(builtin(key), Some(PageType::Builtin("String")))
            && let Some(value) = item(value)
        {
            return Some(PageType::Map(Box::new(value)));
        }
    }
    // `List (NAT gateways)`: a list of the objects named in parentheses.
    if text
        .strip_prefix("List (")
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|i| i.split_whitespace().all(is_name))
    {
        return Some(PageType::Array(Box::new(any())));
    }
    // `String array`, `Tags structure array`: items of that type.
    if let Some(item) = text
        .strip_suffix(" array")
        .or_else(|| text.strip_suffix(" Array"))
        .or_else(|| text.strip_suffix(" list"))
    {
        let item = item.trim();
        let item = item.strip_suffix(" structure").unwrap_or(item);
        let named = !item.is_empty() && item.split_whitespace().all(is_name);
        let item = builtin(item).or_else(|| named.then(any))?;
        return Some(PageType::Array(Box::new(item)));
    }
    let inner = text.strip_suffix(" object").unwrap_or(text);
    if let Some(r) = reference(inner) {
        return Some(r);
    }
    // ``:ref:`MasterSpec <anchor>` objects``: several of them.
    if let Some(r) = text.strip_suffix(" objects").and_then(reference) {
        return Some(PageType::Array(Box::new(r)));
    }
    // `TokenAuth object`, `Versions structure`: an object the row's description points to.
    if let Some(name) = text
        .strip_suffix(" object")
        .or_else(|| text.strip_suffix(" structure"))
    {
        let name = name.trim();
        return if is_type_name(name) {
            Some(PageType::Named(name.to_owned()))
        } else {
            is_name(name).then(any)
        };
    }
    // `policy_create`: the name of an object type, alone.
    is_type_name(text).then(|| PageType::Named(text.to_owned()))
}

/// `:ref:\`Name <anchor>\``.
fn reference(text: &str) -> Option<PageType> {
    let inner = text.trim().strip_prefix(":ref:`")?.strip_suffix('`')?;
    let (name, anchor) = inner.rsplit_once(" <")?;
    let anchor = anchor.strip_suffix('>')?;
    Some(PageType::Ref {
        name: name.trim().to_owned(),
        anchor: anchor.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        parse(text).unwrap().render(&|anchor| format!("@{anchor}"))
    }

    #[test]
    fn the_reference_type_grammar() {
        assert_eq!(show("Long"), "Long");
        assert_eq!(show("Array of strings"), "Array<String>");
        assert_eq!(
            show("Array of :ref:`ApiVersionResp <x__response_a>`\n objects"),
            "Array<@x__response_a>"
        );
        assert_eq!(show(":ref:`VpcInfo <y_vpc>` object"), "@y_vpc");
        assert_eq!(show(":ref:`VpcInfo <y_vpc>` objects"), "Array<@y_vpc>");
        assert_eq!(
            show("Map<String,\\ :ref:`ResponseInfo <z_ri>`>"),
            "Map<String, @z_ri>"
        );
        assert_eq!(
            show("Map<String,Array<String>>"),
            "Map<String, Array<String>>"
        );
        assert_eq!(show("Map<String,Boolean>"), "Map<String, Boolean>");
        assert_eq!(
            show("Map<String, Array of objects>"),
            "Map<String, Array<Object>>"
        );
        assert!(parse("Tuple of things").is_err());
        assert_eq!(show("Int"), "Integer");
        assert_eq!(show("Array"), "Array<Object>");
        assert_eq!(show("List<String>"), "Array<String>");
        assert_eq!(show("Tags structure array"), "Array<Object>");
        assert_eq!(show("String array"), "Array<String>");
        assert_eq!(
            show("Array of RoleAssignmentBody objects"),
            "Array<RoleAssignmentBody>"
        );
        assert_eq!(show("TokenAuth object"), "TokenAuth");
        assert_eq!(show("String(64)"), "String");
        assert_eq!(sized_string("String(64)"), Some(64));
        assert_eq!(show("Null"), "Object");
        assert_eq!(show("String list"), "Array<String>");
        assert_eq!(show("Match condition structure array"), "Array<Object>");
        assert_eq!(show("List(Dict)"), "Array<Object>");
        assert_eq!(show("List (NAT gateways)"), "Array<Object>");
    }

    #[test]
    fn any_case_and_python_spellings() {
        assert_eq!(show("list<dict>"), "Array<Object>");
        assert_eq!(show("list<string>"), "Array<String>");
        assert_eq!(
            show("list<map<String,String>>"),
            "Array<Map<String, String>>"
        );
        assert_eq!(
            show("list<map<String, String>>"),
            "Array<Map<String, String>>"
        );
        assert_eq!(show("map<string, string>"), "Map<String, String>");
        assert_eq!(show("dict<str, int>"), "Map<String, Integer>");
        assert_eq!(show("Dict(str:str)"), "Map<String, String>");
        assert_eq!(show("datetime"), "String");
        assert_eq!(show("Long integer"), "Long");
        assert_eq!(
            show("Array of Map<String,String> objects"),
            "Array<Map<String, String>>"
        );
        // A map's key is text in JSON.
        assert!(parse("Map<Integer, String>").is_err());
        assert!(parse("list<a, b>").is_err());
    }

    #[test]
    fn a_name_is_an_object_type_named_for_one_item() {
        assert_eq!(
            parse("policy_create"),
            Ok(PageType::Named("policy_create".into()))
        );
        assert_eq!(show("List <resource_tag>"), "Array<resource_tag>");
        assert_eq!(show("list<link>"), "Array<link>");
        assert_eq!(show("Array of resource_tags"), "Array<resource_tag>");
        assert_eq!(show("Array of matches"), "Array<match>");
        assert_eq!(show("Resource_tag"), "Resource_tag");
        assert!(parse("two words").is_err());
    }
}
