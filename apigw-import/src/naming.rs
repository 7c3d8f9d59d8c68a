//! Operation names, the way an SDK names them: an imperative verb and the resource it acts on
//! (`CreateServers`, `ListVpcs`, `ShowVpc`, `BatchAddServerNics`), read from what a page says.
//!
//! The rule, a rule of the format (written out in `docs/spec-format.md`, "Operation names"):
//!
//! 1. A page's own operation name wins: a CamelCase label before the title
//!    (`.. _ListApiVersionsV2:`) is the id as it is (the caller checks for one).
//! 2. Otherwise the id comes from the title ([`from_title`]):
//!    - text in parentheses is not part of the name: a marker of deprecation (`Discarded`,
//!      `Deprecated`, `Obsolete`) makes the operation deprecated, any other is a
//!      *qualifier* that tells two operations of one name apart ([`crate::ids`]);
//!    - `Batch …` before the verb, or `… in a Batch` / `in Batches` after it, becomes the
//!      prefix `Batch`;
//!    - the verb is the title's first gerund in its base form ([`base_form`]), or its first
//!      word when that is already one of the reading verbs (`Query`, `List`, …); adverbs in
//!      `-ly` before it are dropped (`Forcibly Deleting` → `Delete`), other words kept
//!      (`Cold Migrating` → `ColdMigrate`); verbs joined by `or`/`and` stay joined
//!      (`Adding or Deleting` → `AddOrDelete`);
//!    - `Modifying`/`Updating`/`Editing` → `Update`; the reading verbs (`Querying`,
//!      `Listing`, `Obtaining`, `Viewing`, `Getting`) of a `GET` become `Show` for one resource
//!      (the path ends in a parameter, or the title names one, singular, resource) and `List`
//!      for a collection; of another method, `Querying`/`Listing` become `List`;
//!    - the resource is the title's noun phrase up to the first preposition or clause
//!      (`of`, `for`, `to`, `from`, `in`, `attached`, `that`, …), without articles and filler
//!      (`a specified`, `details`, `information`, `list of` — which also makes it a
//!      collection); the noun phrase after `of`/`to`/`from`/`for`/`in`/`attached to`
//!      names its parent, which goes before it (`Tags of an Image` → `ImageTags`) when it is
//!      short and shares no word with the resource, and the name not too long (else it only
//!      tells apart, as what the title says after the resource does); a possessive `'s` is
//!      no word (`a Tenant's Resource`);
//!    - a resource whose name is too long even without its parent is named as the path names
//!      it, where that is shorter, in more than one word, one of which begins as one of the
//!      title's (`Asynchronous Execution Notification Settings` at `…/async-invoke-config` →
//!      `AsyncInvokeConfig`), in the path's number (`…/async-invoke-configs` → `List…Configs`);
//!    - an abbreviation (`ECS`, `ECSs`) that the path does not spell names the resource by a
//!      paraphrase: it is replaced by the request or response body's top-level object key
//!      that the path spells (`{"server": …}` → `Server`; for a query the response's first,
//!      its body holding criteria), for a parent by the path parameter that identifies it
//!      (`{server_id}` → `Server`); abbreviations otherwise stay one word (`VPCs` → `Vpcs`),
//!      mixed-case ones too (`DeHs` → `Dehs`, `IdP` → `Idp`; see [`is_abbreviation`]);
//!    - a title with no verb keeps its words (`Master/Standby Switchover`).
//! 3. Names that two operations of a service would share are told apart by [`crate::ids`].
//!
//! No name is looked up anywhere: a reference nobody has seen gets names by the same rule.

/// The longest method name (in snake case) an operation is given: a longer page label is not
/// taken, and a longer name loses its parent.
pub const LONGEST: usize = 50;

/// What a page says that its operation's name is made of.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    /// The page title (`Creating ECSs`).
    pub title: &'a str,
    /// The HTTP method, upper case.
    pub method: &'a str,
    /// The path template (`/v1/{project_id}/cloudservers`).
    pub path: &'a str,
    /// The request body's top-level fields that hold an object or a list of objects, in order.
    pub body_keys: Vec<&'a str>,
    /// The success response body's top-level fields that hold an object or a list of objects.
    pub response_keys: Vec<&'a str>,
    /// The page's path within the reference (its folders can mark it deprecated).
    pub reference: &'a str,
    /// The page's description (a note in it can mark it deprecated).
    pub description: &'a str,
}

/// An operation's name as read from its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The id, `PascalCase` (`CreateServers`).
    pub id: String,
    /// What the title's parentheses said besides deprecation, as words in `PascalCase`
    /// (`(Native OpenStack API)` → `Native`, `Openstack`, `Api`): used only to tell apart
    /// operations that would share the id.
    pub qualifier: Vec<String>,
    /// What the title says after the resource (`… with a Specified Key` → `Key`), as words
    /// in `PascalCase`: used, like the qualifier, only to tell operations apart.
    pub detail: Vec<String>,
    /// Why the operation is deprecated, if the page says it is.
    pub deprecated: Option<String>,
}

/// Words that only say how important or old something is.
const DEPRECATION: &[&str] = &["discarded", "deprecated", "obsolete", "abandoned"];
/// Folder words that mark a part of a reference as out of date or going away.
const DEPRECATED_FOLDERS: &[&str] = &[
    "discarded",
    "deprecated",
    "obsolete",
    "out_of_date",
    "outdated",
    "unavailable_soon",
    "unrecommended",
    "not_recommended",
];
/// Words that end a resource's noun phrase: prepositions and the starts of clauses.
const CUT: &[&str] = &[
    "of",
    "for",
    "to",
    "from",
    "in",
    "on",
    "under",
    "with",
    "by",
    "within",
    "into",
    "onto",
    "at",
    "through",
    "via",
    "based",
    "using",
    "attached",
    "associated",
    "accessible",
    "corresponding",
    "belonging",
    "bound",
    "that",
    "which",
    "whose",
    "when",
    "where",
    "if",
    "as",
    "between",
    "per",
    "across",
    "without",
    "according",
    "about",
    "after",
    "before",
    "than",
    "against",
];
/// Prepositions after which the noun phrase names the resource's parent.
const PARENT: &[&str] = &[
    "of", "to", "from", "for", "in", "on", "under", "attached", "bound",
];
/// Words left out of a noun phrase.
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "specified",
    "specific",
    "given",
    "certain",
    "particular",
    "all",
    "one",
    "single",
    "existing",
    "detailed",
];
/// Heads that name a view of a resource rather than the resource (`Details of a VPC`, `List of
/// Projects`): the phrase after their preposition is the resource.
const VIEWS: &[&str] = &["details", "detail", "information", "info", "list"];
/// The reading verbs.
const READ: &[&str] = &["query", "list", "obtain", "view", "get", "show", "display"];
/// Verbs that mean changing a resource in place.
const UPDATE: &[&str] = &["modify", "update", "edit"];

/// The name of a page's operation, from its title and what the page says around it (see the
/// module). `None` when the title has no word to name it by.
pub fn from_title(facts: &Facts<'_>) -> Option<Name> {
    let (main, parentheses) = split_parentheses(facts.title);
    let mut qualifier = Vec::new();
    let mut deprecated = deprecation(facts);
    for inner in &parentheses {
        let words = words(inner);
        if words
            .iter()
            .any(|w| DEPRECATION.contains(&w.to_ascii_lowercase().as_str()))
        {
            deprecated.get_or_insert_with(|| format!("The reference marks it `({inner})`."));
        } else {
            qualifier.extend(words.iter().map(|w| word_case(w)));
        }
    }
    let mut words = words(&main);
    if words.is_empty() {
        return None;
    }
    // `Batch …` or `… in a Batch` / `… in Batches`.
    let mut batch = false;
    if words.len() > 1 && words[0].eq_ignore_ascii_case("batch") {
        batch = true;
        words.remove(0);
    }
    if let Some(at) = batch_phrase(&words) {
        batch = true;
        words.truncate(at);
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();

    // The verb: the first gerund among the first words, or a reading verb that starts.
    let gerund_at = lower.iter().take(3).position(|w| is_gerund(w));
    let verb_at = gerund_at.or_else(|| READ.contains(&lower[0].as_str()).then_some(0));
    let Some(verb_at) = verb_at else {
        let id: String = words.iter().map(|w| word_case(w)).collect();
        return Some(Name {
            id: format!("{}{id}", if batch { "Batch" } else { "" }),
            qualifier,
            detail: Vec::new(),
            deprecated,
        });
    };
    let modifiers: Vec<String> = words[..verb_at]
        .iter()
        .filter(|w| !w.to_ascii_lowercase().ends_with("ly"))
        .map(|w| word_case(w))
        .collect();
    // Verbs joined by `or` / `and`: `Adding or Deleting`.
    let mut verbs = vec![base_form(&lower[verb_at])];
    let mut conjunction = "Or";
    let mut at = verb_at + 1;
    while at + 1 < lower.len()
        && matches!(lower[at].as_str(), "or" | "and")
        && is_gerund(&lower[at + 1])
    {
        if lower[at] == "and" {
            conjunction = "And";
        }
        verbs.push(base_form(&lower[at + 1]));
        at += 2;
    }
    // `Checking Whether an Agency Has Specified Permissions`: the clause's own verb goes.
    let mut rest: Vec<String> = words[at..].to_vec();
    if rest
        .first()
        .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "whether" | "if"))
    {
        rest.remove(0);
        if let Some(at) = rest.iter().position(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "has" | "have" | "is" | "are" | "exists" | "exist" | "can"
            )
        }) {
            rest.remove(at);
        }
    }
    let phrase = noun_phrase(&rest);
    let get = matches!(facts.method, "GET" | "HEAD");
    let reading = verbs.len() == 1 && READ.contains(&verbs[0].as_str());
    let mut resource = phrase.resource;
    let mut parent = phrase.parent;
    substitute_abbreviations(&mut resource, &mut parent, phrase.has_parent, &verbs, facts);
    // A resource whose name is too long even without its parent is named as the path names
    // it, in the path's number, where the path gives it a shorter name of more than one word
    // that begins one of the title's (`Asynchronous Execution Notification Settings` at
    // `…/async-invoke-config` → `AsyncInvokeConfig`; not `…/servers`, a collection only).
    let words_long = |words: &[String]| {
        let verb = if reading {
            "List".to_owned()
        } else {
            verbs.iter().map(|v| word_case(v)).collect()
        };
        let name: String = std::iter::once(verb)
            .chain(words.iter().map(|w| word_case(w)))
            .collect();
        let prefix = usize::from(batch) * "batch_".len()
            + modifiers.iter().map(|m| m.len() + 1).sum::<usize>();
        prefix + apigw_spec::naming::snake(&name).len() > LONGEST - 10
    };
    if words_long(&resource)
        && let Some(named) = path_resource(facts.path, &verbs)
        && named.len() > 1
        && named.concat().len() < resource.concat().len()
        && named
            .iter()
            .any(|n| resource.iter().any(|r| same_stem(n, r)))
    {
        resource = named;
    }

    let one = facts.path.trim_end_matches('/').ends_with('}');
    let verb = if reading && get {
        let listing = verbs[0] == "list" || phrase.list;
        let many = resource.last().is_some_and(|w| is_plural(w));
        if one {
            if let Some(last) = resource.last_mut() {
                *last = singular(last);
            }
            "Show".to_owned()
        } else if many {
            "List".to_owned()
        } else if listing {
            if let Some(last) = resource.last_mut() {
                *last = plural(last);
            }
            "List".to_owned()
        } else {
            "Show".to_owned()
        }
    } else {
        verbs
            .iter()
            .map(|v| {
                if UPDATE.contains(&v.as_str()) {
                    "Update".to_owned()
                } else if !get && matches!(v.as_str(), "query" | "list") {
                    "List".to_owned()
                } else {
                    word_case(v)
                }
            })
            .collect::<Vec<_>>()
            .join(conjunction)
    };
    let resource: String = resource.iter().map(|w| word_case(w)).collect();
    let parent: Vec<String> = parent.iter().map(|w| word_case(&singular(w))).collect();
    let prefix = format!(
        "{}{}{verb}",
        if batch { "Batch" } else { "" },
        modifiers.concat()
    );
    let mut id = format!("{prefix}{}{resource}", parent.concat());
    let mut detail = phrase.detail;
    if apigw_spec::naming::snake(&id).len() > LONGEST - 10 {
        // Too long with its parent: the parent goes, but still tells apart.
        id = format!("{prefix}{resource}");
        detail.splice(0..0, parent);
    }
    Some(Name {
        id,
        qualifier,
        detail,
        deprecated,
    })
}

/// Why the page is deprecated, from its folders or its description, if it says so.
fn deprecation(facts: &Facts<'_>) -> Option<String> {
    let folders = facts.reference.rsplit_once('/').map_or("", |(dir, _)| dir);
    let lower = folders.to_ascii_lowercase().replace('-', "_");
    if let Some(mark) = DEPRECATED_FOLDERS.iter().find(|m| lower.contains(*m)) {
        let _ = mark;
        return Some(format!(
            "The reference lists it under `{folders}/`, a part that is out of date."
        ));
    }
    facts
        .description
        .split_inclusive(['.', '\n'])
        .map(str::trim)
        .find(|sentence| {
            let s = sentence.to_ascii_lowercase();
            (s.contains("this api") || s.contains("this interface"))
                && (s.contains("deprecated")
                    || s.contains("discarded")
                    || s.contains("obsolete")
                    || s.contains("no longer maintained")
                    || s.contains("no longer supported")
                    || s.contains("no longer recommended"))
        })
        .map(|sentence| sentence.replace(['*', '`'], ""))
}

/// The title without its parenthesised parts, and those parts.
fn split_parentheses(title: &str) -> (String, Vec<String>) {
    let mut main = String::new();
    let mut inner = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in title.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    current.clear();
                    continue;
                }
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inner.push(current.trim().to_owned());
                    main.push(' ');
                    continue;
                }
            }
            _ => {}
        }
        if depth == 0 {
            main.push(c);
        } else {
            current.push(c);
        }
    }
    (main, inner)
}

/// The words of a text: runs of ASCII letters and digits (`One-Click` → `One`, `Click`;
/// `Master/Standby` → `Master`, `Standby`); a possessive `'s` is no word of its own
/// (`a Function's Versions` → `Function`, `Versions`).
fn words(text: &str) -> Vec<String> {
    let text = text.replace('\u{2019}', "'");
    let mut out: Vec<String> = Vec::new();
    for piece in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'') {
        let piece = piece.strip_suffix("'s").unwrap_or(piece);
        out.extend(
            piece
                .split('\'')
                .filter(|w| !w.is_empty())
                .map(str::to_owned),
        );
    }
    out
}

/// Where `in a batch` / `in batches` / `in batch` starts, if the title says it.
fn batch_phrase(words: &[String]) -> Option<usize> {
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    (0..lower.len()).find(|&i| {
        lower[i] == "in"
            && match lower.get(i + 1).map(String::as_str) {
                Some("a") => lower.get(i + 2).is_some_and(|w| w == "batch"),
                Some("batch" | "batches") => true,
                _ => false,
            }
            && lower[i + 1..]
                .iter()
                .skip_while(|w| *w != "batch" && *w != "batches")
                .count()
                == 1
    })
}

/// Whether a (lower-case) word is a gerund: `-ing` after at least three letters.
fn is_gerund(word: &str) -> bool {
    word.len() > 5 && word.ends_with("ing") && word.bytes().all(|b| b.is_ascii_lowercase())
        || matches!(word, "using")
}

/// A resource's noun phrase (`resource`), the noun phrase of its parent, and whether the title
/// asked for a list of it.
#[derive(Debug, Default)]
struct Phrase {
    resource: Vec<String>,
    parent: Vec<String>,
    /// Whether the title names a parent (kept in `parent` or not).
    has_parent: bool,
    list: bool,
    /// The title's words after the phrase, in `PascalCase`.
    detail: Vec<String>,
}

/// The noun phrase after the verb (see the module).
fn noun_phrase(rest: &[String]) -> Phrase {
    let mut phrase = Phrase::default();
    let (mut head, mut at) = take_phrase(rest, 0);
    let lower = |i: usize| rest.get(i).map(|w| w.to_ascii_lowercase());
    // `Details of a VPC`, `the List of Projects`: the view's resource is the resource; in
    // `Flavor Details About an ECS` the one thing after `about` is the parent.
    while let Some(last) = head.last()
        && VIEWS.contains(&last.to_ascii_lowercase().as_str())
        && lower(at).is_some_and(|w| matches!(w.as_str(), "of" | "about" | "on"))
    {
        let one_thing = lower(at + 1).is_some_and(|w| matches!(w.as_str(), "a" | "an"));
        if head.len() > 1 && one_thing {
            break;
        }
        phrase.list |= last.eq_ignore_ascii_case("list");
        let (inner, next) = take_phrase(rest, at + 1);
        let mut qualified: Vec<String> = head[..head.len() - 1].to_vec();
        qualified.extend(inner);
        head = qualified;
        at = next;
    }
    // A view word left at the end (`Flavor Details`, `DB Instance List`) is not the resource
    // either.
    while head.len() > 1
        && head
            .last()
            .is_some_and(|w| VIEWS.contains(&w.to_ascii_lowercase().as_str()))
    {
        phrase.list |= head.pop().is_some_and(|w| w.eq_ignore_ascii_case("list"));
    }
    let mut end = at;
    if let Some(cut) = lower(at)
        && (PARENT.contains(&cut.as_str()) || cut == "about")
    {
        let mut from = at + 1;
        // `attached to`, `bound to`.
        if matches!(cut.as_str(), "attached" | "bound" | "associated")
            && lower(from).is_some_and(|w| matches!(w.as_str(), "to" | "with"))
        {
            from += 1;
        }
        let (parent, next) = take_phrase(rest, from);
        end = next;
        phrase.has_parent = !parent.is_empty();
        let shares = parent.iter().any(|p| {
            head.iter()
                .any(|h| singular(h).eq_ignore_ascii_case(&singular(p)))
        });
        if !parent.is_empty() && parent.len() <= 2 && !shares {
            phrase.parent = parent;
        } else if shares {
            // `Deleting a User from a User Group`: the parent is told by what it adds.
            phrase.detail.push(word_case(&cut));
            phrase.detail.extend(
                parent
                    .iter()
                    .filter(|p| {
                        !head
                            .iter()
                            .any(|h| singular(h).eq_ignore_ascii_case(&singular(p)))
                    })
                    .map(|p| word_case(p)),
            );
        }
    }
    // What the title says after the resource (and its parent): words that can tell two
    // operations of one name apart (`… with a Specified Key` → `Key`).
    let after: Vec<String> = rest[end.min(rest.len())..]
        .iter()
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            !CUT.contains(&lower.as_str())
                && !FILLER.contains(&lower.as_str())
                && !matches!(lower.as_str(), "and" | "or")
        })
        .map(|w| word_case(w))
        .collect();
    phrase.detail.extend(after);
    phrase.resource = head;
    phrase
}

/// The words of one noun phrase from `rest[from..]`, fillers left out, up to the first cutting
/// word; and where it ended.
fn take_phrase(rest: &[String], from: usize) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut at = from;
    while let Some(word) = rest.get(at) {
        // An abbreviation (`AS` for Auto Scaling) is no preposition.
        let lower = if is_abbreviation(word) {
            word.clone()
        } else {
            word.to_ascii_lowercase()
        };
        if CUT.contains(&lower.as_str()) || (lower == "and" || lower == "or") && !words.is_empty() {
            break;
        }
        if !FILLER.contains(&lower.as_str()) && !matches!(lower.as_str(), "and" | "or") {
            words.push(word.clone());
        }
        at += 1;
    }
    (words, at)
}

/// Replaces an abbreviation that names the resource (or its parent) by a paraphrase that the
/// path does not spell (see the module) with the word the body or the path uses.
fn substitute_abbreviations(
    resource: &mut Vec<String>,
    parent: &mut Vec<String>,
    has_parent: bool,
    verbs: &[String],
    facts: &Facts<'_>,
) {
    let spelled: String = facts
        .path
        .split('/')
        .filter(|s| !s.starts_with('{'))
        .flat_map(|s| s.chars())
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let paraphrase = |word: &str| -> bool {
        is_abbreviation(word) && !spelled.contains(&singular(word).to_ascii_lowercase())
    };
    let segments: Vec<&str> = facts.path.split('/').filter(|s| !s.is_empty()).collect();
    // Segments that only say what is done (`action`, the verb itself) at the path's end.
    let is_action = |s: &str| {
        let lower = s.to_ascii_lowercase().replace(['-', '_'], "");
        ACTION_SEGMENTS.contains(&lower.as_str()) || verbs.contains(&lower)
    };
    let mut end = segments.len();
    while end > 0 && !segments[end - 1].starts_with('{') && is_action(segments[end - 1]) {
        end -= 1;
    }
    let tail = &segments[..end];
    // The parameter that identifies the resource (the path ends in it, but for actions), and
    // the one that identifies its parent.
    let own = tail
        .last()
        .and_then(|s| id_parameter(s))
        .filter(|_| !has_parent);
    let owner = {
        // Where the path ends in the resource's own id, the owner's is the one before.
        let mut ids = segments.iter().filter_map(|s| id_parameter(s));
        let last = ids.next_back();
        if segments.last().and_then(|s| id_parameter(s)).is_some() {
            ids.next_back()
        } else {
            last
        }
    };
    if let Some(last) = resource.last()
        && paraphrase(last)
    {
        let many = is_plural(last);
        // The body's (else the response's) key that the path spells, else the parameter
        // that identifies one resource, else the collection the path ends in.
        let spells = |key: &&&str| {
            let key = singular(&key.replace(['_', '-'], "")).to_ascii_lowercase();
            !key.is_empty() && spelled.contains(&key) && !verbs.contains(&key)
        };
        let collection = tail
            .last()
            .filter(|s| !s.starts_with('{') && !is_version(s))
            .map(|s| (*s).to_owned());
        // What a query sends are its criteria: what it reads names the resource.
        let reads = verbs.len() == 1 && READ.contains(&verbs[0].as_str());
        let (first, second) = if reads {
            (&facts.response_keys, &facts.body_keys)
        } else {
            (&facts.body_keys, &facts.response_keys)
        };
        let key = first
            .iter()
            .find(spells)
            .or(second.iter().find(spells))
            .map(|k| (*k).to_owned())
            .or_else(|| own.clone().filter(|_| !many))
            .or(collection);
        if let Some(key) = key {
            let mut replacement = path_words(&key);
            if let Some(head) = replacement.last_mut() {
                *head = if many {
                    plural(&singular(head))
                } else {
                    singular(head)
                };
            }
            if !replacement.is_empty() && replacement.len() <= 3 {
                resource.pop();
                resource.extend(replacement);
            }
        }
    }
    // An abbreviation before the resource (`ECS Metadata`) names its owner, where the path
    // goes on past the owner's id (not `/volumes/{volume_id}/action` for `EVS Disk`).
    if !has_parent
        && tail.last().and_then(|s| id_parameter(s)) != owner
        && let Some(owner) = &owner
        && resource.len() > 1
    {
        let at = resource[..resource.len() - 1]
            .iter()
            .position(|w| paraphrase(w));
        if let Some(at) = at {
            let replacement = path_words(owner);
            let repeats = replacement.iter().any(|r| {
                resource
                    .iter()
                    .any(|w| singular(w).eq_ignore_ascii_case(&singular(r)))
            });
            if !replacement.is_empty() && replacement.len() <= 2 && !repeats {
                resource.splice(at..=at, replacement);
            }
        }
    }
    if let Some(last) = parent.last()
        && paraphrase(last)
        && let Some(owner) = &owner
    {
        let replacement = path_words(owner);
        if !replacement.is_empty() && replacement.len() <= 2 {
            parent.pop();
            parent.extend(replacement);
        }
    }
}

/// Whether two words begin alike, in four letters or more (`async`, `Asynchronous`).
fn same_stem(a: &str, b: &str) -> bool {
    a.len() >= 4 && b.len() >= 4 && a[..4].eq_ignore_ascii_case(&b[..4])
}

/// The resource as the path names it: the words of its last segment that is neither a
/// parameter nor a version, past the segments that only say what is done (`action`, the
/// verb) and the resource's own id (`…/async-invoke-configs` → `async`, `invoke`, `configs`).
fn path_resource(path: &str, verbs: &[String]) -> Option<Vec<String>> {
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    while let Some(last) = segments.last() {
        let lower = last.to_ascii_lowercase().replace(['-', '_'], "");
        if ACTION_SEGMENTS.contains(&lower.as_str()) || verbs.contains(&lower) {
            segments.pop();
        } else {
            break;
        }
    }
    if segments.last().is_some_and(|s| s.starts_with('{')) {
        segments.pop();
    }
    let last = segments.last()?;
    if last.starts_with('{') || is_version(last) {
        return None;
    }
    let words = path_words(last);
    (!words.is_empty() && words.len() <= 3).then_some(words)
}

/// The words of a path segment or key (`os-volume_attachments` → `volume`, `attachments`):
/// OpenStack's extension prefix `os-` says nothing.
fn path_words(segment: &str) -> Vec<String> {
    let mut words = words(&segment.replace(['_', '-', ':'], " "));
    if words.len() > 1 && words[0].eq_ignore_ascii_case("os") {
        words.remove(0);
    }
    words
}

/// The resource a path parameter identifies: `{server_id}` → `server`; not the project's or
/// the domain's.
fn id_parameter(segment: &str) -> Option<String> {
    let name = segment.strip_prefix('{')?.strip_suffix('}')?;
    if matches!(name, "project_id" | "domain_id" | "tenant_id") {
        return None;
    }
    name.strip_suffix("_id")
        .or_else(|| name.strip_suffix("Id"))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Path segments that name an action on a resource, not the resource.
const ACTION_SEGMENTS: &[&str] = &["action", "actions", "batch", "detail", "details", "delete"];

/// `v1`, `v2.0`, `V3`.
fn is_version(segment: &str) -> bool {
    segment
        .strip_prefix(['v', 'V'])
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// An abbreviation, perhaps with a plural `s` (`ECSs`, `DeHs`): two or more capitals (`ECS`,
/// `VPC`), or a mixed-case one (`DeH` for Dedicated Host, `IoT`, `QoS`, `PaaS`, `MySQL`): a
/// capital first and another after it, no run of more than two lower-case letters (a word
/// of its own, as in `OpenID` or `AppCode`, has longer ones), and ending in a capital or
/// holding two in a row.
pub fn is_abbreviation(word: &str) -> bool {
    let core = word.strip_suffix('s').unwrap_or(word).as_bytes();
    if core.len() < 2 || !core.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    if core.iter().all(u8::is_ascii_uppercase) {
        return true;
    }
    let capitals = core.iter().filter(|b| b.is_ascii_uppercase()).count();
    let longest_lower = core
        .split(u8::is_ascii_uppercase)
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0);
    let run = core
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase());
    core[0].is_ascii_uppercase()
        && capitals >= 2
        && longest_lower <= 2
        && (core[core.len() - 1].is_ascii_uppercase() || run)
}

/// A word as one part of a `PascalCase` name: abbreviations and words that start with them
/// are one word (`ECSs` → `Ecss`, `IPv6` → `Ipv6`, `NICs` → `Nics`); a word in `CamelCase`
/// keeps its humps (`OpenStack`), its capitals after the first lowered inside a run
/// (`OpenID` → `OpenId`).
pub fn word_case(word: &str) -> String {
    let bytes = word.as_bytes();
    let starts_with_run =
        bytes.len() >= 2 && bytes[0].is_ascii_uppercase() && bytes[1].is_ascii_uppercase();
    if starts_with_run || bytes.iter().all(|b| !b.is_ascii_uppercase()) || is_abbreviation(word) {
        let mut out = String::with_capacity(word.len());
        for (i, c) in word.chars().enumerate() {
            if i == 0 {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c.to_ascii_lowercase());
            }
        }
        return out;
    }
    // CamelCase: a capital that follows a capital is lowered.
    let mut out = String::with_capacity(word.len());
    let mut previous_upper = false;
    for (i, c) in word.chars().enumerate() {
        if i == 0 {
            out.push(c.to_ascii_uppercase());
            previous_upper = true;
            continue;
        }
        if c.is_ascii_uppercase() && previous_upper {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        previous_upper = c.is_ascii_uppercase();
    }
    out
}

/// Whether a noun is plural: it ends in `s` but not in `ss`, `us` or `is` (`Subnets`, `ECSs`;
/// not `Status`, `Address`, `Analysis`).
pub fn is_plural(word: &str) -> bool {
    if is_abbreviation(word) {
        return word.ends_with('s');
    }
    let lower = word.to_ascii_lowercase();
    lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && lower.len() > 2
}

/// The singular of a noun (English; `Policies` → `Policy`, `Addresses` → `Address`, `ECSs` →
/// `ECS`, `Statuses` → `Status`).
pub fn singular(word: &str) -> String {
    if !is_plural(word) {
        return word.to_owned();
    }
    if is_abbreviation(word) {
        return word[..word.len() - 1].to_owned();
    }
    let lower = word.to_ascii_lowercase();
    let cut = if lower.ends_with("ies") && lower.len() > 4 {
        return format!("{}y", &word[..word.len() - 3]);
    } else if lower.ends_with("sses")
        || lower.ends_with("uses")
        || lower.ends_with("xes")
        || lower.ends_with("ches")
        || lower.ends_with("shes")
        || lower.ends_with("zzes")
    {
        2
    } else {
        1
    };
    word[..word.len() - cut].to_owned()
}

/// What one item of a field that holds several is called: its last word in the singular
/// (`data_volumes` → `data_volume`, `securityGroups` → `securityGroup`, `ECSs` → `ECS`), or
/// the field without a `_list` ending (`server_list` → `server`).
pub fn item_of(field: &str) -> String {
    let split = field.rfind(['_', '-', ' ']).map(|i| i + 1).or_else(|| {
        // camelCase: the last upper-case letter after a lower-case one.
        let b = field.as_bytes();
        (1..b.len())
            .rev()
            .find(|&i| b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase())
    });
    let (head, last) = field.split_at(split.unwrap_or(0));
    let stem = head.trim_end_matches(['_', '-', ' ']);
    if last.eq_ignore_ascii_case("list") && !stem.is_empty() {
        return stem.to_owned();
    }
    format!("{head}{}", singular(last))
}

/// The plural of a noun (English; `Policy` → `Policies`, `Address` → `Addresses`, `ECS` →
/// `ECSs`); a plural stays as it is.
pub fn plural(word: &str) -> String {
    if is_plural(word) {
        return word.to_owned();
    }
    if is_abbreviation(word) {
        return format!("{word}s");
    }
    let lower = word.to_ascii_lowercase();
    let before_y =
        lower.len() >= 2 && lower.ends_with('y') && !is_vowel(lower.as_bytes()[lower.len() - 2]);
    if before_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The base form of a verb from its gerund (English spelling rules; `creating` → `create`,
/// `stopping` → `stop`, `adding` → `add`, `modifying` → `modify`, `cancelling` → `cancel`).
/// A word that is not a gerund is returned as it is, in lower case.
pub fn base_form(gerund: &str) -> String {
    let lower = gerund.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix("ing").filter(|s| s.len() >= 2) else {
        return lower;
    };
    let b = stem.as_bytes();
    let n = b.len();
    let last = b[n - 1];
    let before = b[n - 2];
    // A doubled final consonant: `stopping` → `stop`, `cancelling` → `cancel`; but `adding`,
    // `passing`, `calling`, `installing` keep theirs.
    if last == before && !is_vowel(last) {
        let keeps = match last {
            b's' | b'f' | b'z' => true,
            b'd' => n <= 3,
            b'l' => !(n > 5 && b[n - 3] == b'e'),
            _ => false,
        };
        return if keeps {
            stem.to_owned()
        } else {
            stem[..n - 1].to_owned()
        };
    }
    // English exceptions to the spelling rules below.
    if stem.ends_with("creat") {
        return format!("{stem}e");
    }
    let pair = n >= 3 && is_vowel(b[n - 3]) && is_vowel(before);
    let single_vowel = is_vowel(before) && !pair;
    let ends = |s: &str| stem.ends_with(s);
    let silent_e = match last {
        // `removing`, `resizing`, `reducing`, `balancing` (not `syncing`)
        b'v' | b'z' => true,
        b'c' => is_vowel(before) || (matches!(before, b'n' | b'r') && n > 4),
        // `enabling`, `handling`
        b'l' => {
            matches!(
                before,
                b'b' | b'd' | b'f' | b'g' | b'k' | b'p' | b't' | b'z' | b'c'
            ) || (single_vowel && before == b'a')
        }
        // `changing`, `managing`, `merging`
        b'g' => {
            ends("ang") && n > 4 || single_vowel && before == b'a' || matches!(before, b'r' | b'd')
        }
        // `updating`, `deleting`, `computing`, `quoting`
        b't' => {
            (before == b'a' && !(n >= 3 && matches!(b[n - 3], b'e' | b'o' | b'a')))
                || ends("let")
                || (single_vowel && before == b'u')
                || (single_vowel && before == b'o' && n > 3)
        }
        // `providing`, `upgrading`, `including`
        b'd' => single_vowel && !ends("ed"),
        // `using`, `releasing`, `closing`, `parsing`
        b's' => {
            (is_vowel(before) && !ends("us") && !ends("is"))
                || ends("aus")
                || lower == "using"
                || matches!(before, b'r' | b'n' | b'p')
        }
        // `configuring`, `restoring`, `comparing`, `requiring`
        b'r' => {
            (single_vowel && matches!(before, b'u' | b'a' | b'i'))
                || ends("uir")
                || (single_vowel
                    && before == b'o'
                    && !ends("itor")
                    && !ends("ctor")
                    && !ends("ator"))
        }
        // `combining`, `defining`, `cloning`
        b'n' => {
            (single_vowel && before == b'i' && n > 3) || (single_vowel && before == b'o' && n <= 4)
        }
        // `resuming`, `consuming`
        b'm' => single_vowel && before == b'u',
        // `invoking`, `revoking`
        b'k' => single_vowel && before == b'o',
        // `describing`, `subscribing`
        b'b' => single_vowel && before == b'i',
        // `typing`
        b'p' => ends("yp"),
        _ => false,
    };
    if silent_e {
        format!("{stem}e")
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(title: &str, method: &'static str, path: &'static str) -> String {
        name_with(title, method, path, &[], &[])
    }

    fn name_with(
        title: &str,
        method: &'static str,
        path: &'static str,
        body: &[&'static str],
        response: &[&'static str],
    ) -> String {
        from_title(&Facts {
            title,
            method,
            path,
            body_keys: body.to_vec(),
            response_keys: response.to_vec(),
            ..Facts::default()
        })
        .unwrap()
        .id
    }

    #[test]
    fn base_forms_of_gerunds() {
        let cases = [
            ("creating", "create"),
            ("updating", "update"),
            ("deleting", "delete"),
            ("querying", "query"),
            ("obtaining", "obtain"),
            ("listing", "list"),
            ("adding", "add"),
            ("modifying", "modify"),
            ("changing", "change"),
            ("enabling", "enable"),
            ("disabling", "disable"),
            ("configuring", "configure"),
            ("removing", "remove"),
            ("setting", "set"),
            ("granting", "grant"),
            ("assigning", "assign"),
            ("stopping", "stop"),
            ("restoring", "restore"),
            ("binding", "bind"),
            ("associating", "associate"),
            ("starting", "start"),
            ("restarting", "restart"),
            ("checking", "check"),
            ("unbinding", "unbind"),
            ("resetting", "reset"),
            ("releasing", "release"),
            ("registering", "register"),
            ("rebooting", "reboot"),
            ("publishing", "publish"),
            ("importing", "import"),
            ("viewing", "view"),
            ("verifying", "verify"),
            ("upgrading", "upgrade"),
            ("scaling", "scale"),
            ("running", "run"),
            ("replicating", "replicate"),
            ("encrypting", "encrypt"),
            ("detaching", "detach"),
            ("uploading", "upload"),
            ("cancelling", "cancel"),
            ("calling", "call"),
            ("installing", "install"),
            ("passing", "pass"),
            ("resizing", "resize"),
            ("monitoring", "monitor"),
            ("using", "use"),
            ("managing", "manage"),
            ("merging", "merge"),
            ("invoking", "invoke"),
            ("subscribing", "subscribe"),
            ("providing", "provide"),
            ("editing", "edit"),
            ("syncing", "sync"),
            ("balancing", "balance"),
            ("computing", "compute"),
            ("submitting", "submit"),
            ("opening", "open"),
            ("closing", "close"),
            ("exporting", "export"),
            ("freezing", "freeze"),
            ("requiring", "require"),
            ("migrating", "migrate"),
            ("refreshing", "refresh"),
            ("renewing", "renew"),
            ("embedding", "embed"),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .filter(|(gerund, base)| base_form(gerund) != *base)
            .map(|(gerund, base)| (gerund, base, base_form(gerund)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn numbers_of_nouns() {
        for (one, many) in [
            ("Policy", "Policies"),
            ("Address", "Addresses"),
            ("Status", "Statuses"),
            ("Subnet", "Subnets"),
            ("ECS", "ECSs"),
            ("Match", "Matches"),
            ("Key", "Keys"),
            ("Database", "Databases"),
        ] {
            assert_eq!(plural(one), many);
            assert_eq!(singular(many), one);
            assert!(is_plural(many) && !is_plural(one), "{one}");
        }
    }

    #[test]
    fn an_item_is_named_in_the_singular() {
        for (field, item) in [
            ("nics", "nic"),
            ("data_volumes", "data_volume"),
            ("securityGroups", "securityGroup"),
            ("server_list", "server"),
            ("serverList", "server"),
            ("addresses", "address"),
            ("policies", "policy"),
            ("ECSs", "ECS"),
            ("status", "status"),
            ("metadata", "metadata"),
            ("list", "list"),
        ] {
            assert_eq!(item_of(field), item, "{field}");
        }
    }

    #[test]
    fn words_keep_abbreviations_whole() {
        assert_eq!(word_case("ECSs"), "Ecss");
        // Mixed-case abbreviations too: `DeHs` (Dedicated Hosts) is one word, as `ECSs` is.
        assert_eq!(word_case("DeHs"), "Dehs");
        assert_eq!(word_case("DeH"), "Deh");
        assert_eq!(word_case("IdP"), "Idp");
        assert_eq!(word_case("QoS"), "Qos");
        assert_eq!(word_case("MySQL"), "Mysql");
        assert_eq!(singular("DeHs"), "DeH");
        assert_eq!(plural("DeH"), "DeHs");
        // A CamelCase word is no abbreviation: its humps have longer lower-case runs.
        assert_eq!(word_case("AppCode"), "AppCode");
        assert_eq!(word_case("TaurusDB"), "TaurusDb");
        assert_eq!(word_case("PostgreSQL"), "PostgreSql");
        assert_eq!(word_case("OnOff"), "OnOff");
        assert_eq!(word_case("NICs"), "Nics");
        assert_eq!(word_case("IPv6"), "Ipv6");
        assert_eq!(word_case("OpenStack"), "OpenStack");
        assert_eq!(word_case("OpenID"), "OpenId");
        assert_eq!(word_case("subnet"), "Subnet");
    }

    #[test]
    fn the_sdk_names_of_titles() {
        assert_eq!(
            name_with(
                "Creating ECSs",
                "POST",
                "/v1/{project_id}/cloudservers",
                &["server"],
                &[]
            ),
            "CreateServers"
        );
        assert_eq!(
            name_with(
                "Adding NICs to an ECS in a Batch",
                "POST",
                "/v1/{project_id}/cloudservers/{server_id}/nics",
                &["nics"],
                &[]
            ),
            "BatchAddServerNics"
        );
        // (title, method, path, name)
        let cases = [
            (
                "Listing Details About Disks Attached to an ECS",
                "GET",
                "/v2.1/{project_id}/servers/{server_id}/os-volume_attachments",
                "ListServerDisks",
            ),
            (
                "Creating a VPC",
                "POST",
                "/v1/{project_id}/vpcs",
                "CreateVpc",
            ),
            ("Querying VPCs", "GET", "/v1/{project_id}/vpcs", "ListVpcs"),
            (
                "Querying VPC Details",
                "GET",
                "/v1/{project_id}/vpcs/{vpc_id}",
                "ShowVpc",
            ),
            (
                "Updating a VPC",
                "PUT",
                "/v1/{project_id}/vpcs/{vpc_id}",
                "UpdateVpc",
            ),
            (
                "Deleting a VPC",
                "DELETE",
                "/v1/{project_id}/vpcs/{vpc_id}",
                "DeleteVpc",
            ),
            (
                "Modifying a Permanent Access Key",
                "PUT",
                "/v3.0/OS-CREDENTIAL/credentials/{access_key}",
                "UpdatePermanentAccessKey",
            ),
            (
                "Querying Tags of an Image",
                "GET",
                "/v2/{project_id}/images/{image_id}/tags",
                "ListImageTags",
            ),
            (
                "Querying the List of Projects Accessible to Users",
                "GET",
                "/v3/auth/projects",
                "ListProjects",
            ),
            (
                "Obtaining Detailed Information of a Specified DB Instance",
                "GET",
                "/rds/v1/{project_id}/instances/{instanceId}",
                "ShowDbInstance",
            ),
            (
                "Querying Maintenance Time Window",
                "GET",
                "/v1.0/instances/maintain-windows",
                "ShowMaintenanceTimeWindow",
            ),
            (
                "Batch Deleting Dashboards",
                "POST",
                "/v2/{project_id}/dashboards/batch-delete",
                "BatchDeleteDashboards",
            ),
            (
                "Adding or Deleting Resource Tags in Batches",
                "POST",
                "/v2/{project_id}/{resource_type}/{resource_id}/tags/action",
                "BatchAddOrDeleteResourceTags",
            ),
            (
                "Forcibly Deleting an IP Address Group",
                "DELETE",
                "/v3/x/{id}",
                "DeleteIpAddressGroup",
            ),
            (
                "Master/Standby Switchover",
                "POST",
                "/v1/x",
                "MasterStandbySwitchover",
            ),
            (
                "Query Resource Groups",
                "GET",
                "/v1/groups",
                "ListResourceGroups",
            ),
            (
                "Listing ECS Flavors",
                "GET",
                "/v2.1/{project_id}/flavors",
                "ListEcsFlavors",
            ),
        ];
        for (title, method, path, expected) in cases {
            assert_eq!(name(title, method, path), expected, "{title}");
        }
    }

    #[test]
    fn a_mixed_case_abbreviation_is_a_paraphrase_too() {
        // `DeHs` (Dedicated Hosts) is one word, which the path does not spell: the path names
        // the resource.
        let cases = [
            (
                "Allocating DeHs",
                "POST",
                "/v1.0/{project_id}/dedicated-hosts",
                "AllocateDedicatedHosts",
            ),
            (
                "Querying Details About a DeH",
                "GET",
                "/v1.0/{project_id}/dedicated-hosts/{dedicated_host_id}",
                "ShowDedicatedHost",
            ),
            (
                "Querying Tags of a DeH",
                "GET",
                "/v1.0/{project_id}/dedicated-host-tags/{dedicated_host_id}/tags",
                "ListDedicatedHostTags",
            ),
        ];
        for (title, method, path, expected) in cases {
            assert_eq!(name(title, method, path), expected, "{title}");
        }
        // A query's body holds its criteria (`tags`): what it reads names the resource.
        assert_eq!(
            name_with(
                "Querying DeHs by Tag",
                "POST",
                "/v1.0/{project_id}/dedicated-host-tags/resource_instances/action",
                &["tags"],
                &["resources"]
            ),
            "ListResources"
        );
    }

    #[test]
    fn a_resource_too_long_to_name_is_named_as_the_path_names_it() {
        let path = "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config";
        let cases = [
            (
                "Deleting Asynchronous Execution Notification Settings",
                "DELETE",
                path.to_owned(),
                "DeleteAsyncInvokeConfig",
            ),
            // In the path's number: one setting of a version, the settings of all versions.
            (
                "Querying Asynchronous Execution Notification Settings of a Function Version",
                "GET",
                path.to_owned(),
                "ShowAsyncInvokeConfig",
            ),
            (
                "Querying Asynchronous Execution Notification Settings of a Function's All Versions",
                "GET",
                format!("{path}s"),
                "ListAsyncInvokeConfigs",
            ),
        ];
        for (title, method, path, expected) in &cases {
            let named = from_title(&Facts {
                title,
                method,
                path,
                ..Facts::default()
            })
            .unwrap();
            assert_eq!(named.id, *expected, "{title}");
        }
        // Not where the path has only a collection, which names something else.
        assert_eq!(
            name(
                "Rolling Back ECS Specifications Modification",
                "POST",
                "/v2.1/{project_id}/servers/{server_id}/action"
            ),
            "RollBackEcsSpecificationsModification"
        );
        // A short name keeps the title's words.
        assert_eq!(
            name(
                "Querying Asynchronous Invocation Requests",
                "GET",
                "/v2/{project_id}/fgs/functions/{function_urn}/async-invocations"
            ),
            "ListAsynchronousInvocationRequests"
        );
    }

    #[test]
    fn a_parent_too_long_to_keep_still_tells_apart() {
        let named = from_title(&Facts {
            title: "Querying Data Nodes Available for Shard Configuration",
            method: "GET",
            path: "/v3/{project_id}/instances/{instance_id}/available-data-nodes",
            ..Facts::default()
        })
        .unwrap();
        assert_eq!(named.id, "ShowDataNodesAvailable");
        assert_eq!(named.detail, ["Shard", "Configuration"]);
        // A possessive `'s` is no word: `a Tenant's Resource` is the parent `TenantResource`.
        assert_eq!(
            name(
                "Querying Tags of a Tenant's Resource",
                "GET",
                "/v1/{project_id}/{resource_type}/tags"
            ),
            "ListTenantResourceTags"
        );
    }

    #[test]
    fn parentheses_qualify_or_deprecate() {
        let named = from_title(&Facts {
            title: "Querying Floating IP Addresses (Discarded)",
            method: "GET",
            path: "/v2/{project_id}/os-floating-ips",
            ..Facts::default()
        })
        .unwrap();
        assert_eq!(named.id, "ListFloatingIpAddresses");
        assert!(named.deprecated.unwrap().contains("Discarded"));
        let named = from_title(&Facts {
            title: "Uploading an Image (Native OpenStack API)",
            method: "PUT",
            path: "/v2/images/{image_id}/file",
            ..Facts::default()
        })
        .unwrap();
        assert_eq!(named.id, "UploadImage");
        assert_eq!(named.qualifier, ["Native", "OpenStack", "Api"]);
        assert_eq!(named.deprecated, None);
        let named = from_title(&Facts {
            title: "Creating a DB Instance",
            method: "POST",
            path: "/rds/v1/{project_id}/instances",
            reference: "api_v1_to_be_discarded/db/creating_a_db_instance.rst",
            ..Facts::default()
        })
        .unwrap();
        assert!(named.deprecated.is_some());
        // A folder that says its APIs are going away, or not recommended, marks them too.
        for folder in [
            "apis_unavailable_soon",
            "unrecommended_apis",
            "out-of-date_apis",
        ] {
            let reference = format!("{folder}/backup/creating_a_manual_backup.rst");
            let named = from_title(&Facts {
                title: "Creating a Manual Backup",
                method: "POST",
                path: "/v3/{project_id}/backups/create",
                reference: &reference,
                ..Facts::default()
            })
            .unwrap();
            assert!(named.deprecated.is_some(), "{folder}");
        }
        let named = from_title(&Facts {
            title: "Creating a Manual Backup",
            method: "POST",
            path: "/v3/{project_id}/backups/create",
            reference: "apis_recommended/backup/creating_a_manual_backup.rst",
            ..Facts::default()
        })
        .unwrap();
        assert_eq!(named.deprecated, None);
    }
}
