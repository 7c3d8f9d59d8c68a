//! The command line, built from the specs: one subcommand per service, in it one per
//! operation, one option per parameter, with the spec's descriptions as help and enumerations
//! as possible values. Only the service a command line names has its specs read.

use apigw_runtime::{DynOperation, ServiceMeta};
use apigw_spec::naming::materialized_enum;
use apigw_spec::{BodyEncoding, Field, Param, Spec, TypeExpr, naming};
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, Command};

/// One operation as the command line sees it.
pub struct Operation {
    /// The generated operation.
    pub dynamic: &'static DynOperation,
    /// Its spec.
    pub spec: Spec,
    /// The subcommand, e.g. `list-api-versions-v2`.
    pub name: String,
    /// The error codes of its service, as documented (what a service error's code means).
    pub error_codes: &'static [apigw_runtime::DocumentedCode],
}

/// Options every subcommand has, and whether each takes a value (so that, when looking for the
/// service's name, an option's value is skipped); a parameter with one of these names gets
/// `--param-` before it.
const GLOBAL: &[(&str, bool)] = &[
    ("os-cloud", true),
    ("endpoint", true),
    ("region", true),
    ("project-id", true),
    ("token", true),
    ("ak", true),
    ("sk", true),
    ("output", true),
    ("body", true),
    ("all", false),
    ("strict", false),
    ("help", false),
];

/// The service a command line names: its first argument that is not an option or an option's
/// value, if that is a service's name.
pub fn named_service(
    args: &[std::ffi::OsString],
    services: &[&'static ServiceMeta],
) -> Option<&'static ServiceMeta> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if let Some(option) = arg.strip_prefix("--") {
            if GLOBAL.contains(&(option, true)) {
                args.next();
            }
            continue;
        }
        if arg.starts_with('-') || arg == "help" {
            continue;
        }
        return services.iter().copied().find(|s| s.name == arg);
    }
    None
}

/// Every operation of `service` with its spec.
pub fn operations(service: &ServiceMeta) -> Vec<Operation> {
    service
        .operations
        .iter()
        .filter_map(|dynamic| {
            // The specs were checked when the crate was built; a failure here cannot happen
            // short of a corrupted binary, and skips the operation rather than stopping.
            let spec = apigw_spec::load(dynamic.meta.id, dynamic.spec)
                .map_err(|e| eprintln!("apigw: skipping {}: {e}", dynamic.meta.id))
                .ok()?;
            let name = kebab(&naming::snake(dynamic.meta.id));
            Some(Operation {
                dynamic,
                spec,
                name,
                error_codes: service.error_codes,
            })
        })
        .collect()
}

pub fn kebab(snake: &str) -> String {
    snake.replace('_', "-")
}

/// The option name of the parameter of `spec` whose wire name is `wire`: its Rust name (two
/// parameters whose names differ only in case style get distinct ones, as in the library,
/// `apigw_spec::naming::param_names`) in kebab case.
pub fn param_option(spec: &Spec, wire: &str) -> String {
    let names = naming::param_names(spec);
    let rust = spec
        .params
        .iter()
        .position(|p| p.field.name.value == wire)
        .map_or_else(|| naming::snake(wire), |i| names[i].clone());
    option_name(&rust)
}

/// The option names of a form body's fields, in order (see [`param_option`]).
pub fn form_options(fields: &[Field]) -> Vec<String> {
    naming::distinct_snake(fields.iter().map(|f| f.name.value.as_str()))
        .iter()
        .map(|rust| option_name(rust))
        .collect()
}

/// The option name of a parameter or form field whose Rust name is `rust`.
fn option_name(rust: &str) -> String {
    let name = kebab(rust);
    if GLOBAL.iter().any(|(global, _)| *global == name) {
        format!("param-{name}")
    } else {
        name
    }
}

/// The fields of a form body (uploads), if the operation takes one.
pub fn form_fields(spec: &Spec) -> Option<&[Field]> {
    let body = spec.body.as_ref()?;
    match body.encoding {
        BodyEncoding::Form => {}
        BodyEncoding::Json => return None,
    }
    match &body.ty.value {
        TypeExpr::Named(name) => spec.object(name).map(|o| o.fields.as_slice()),
        _ => None,
    }
}

/// The whole command line: every service, with the operations of `named` (the service the
/// command line names, if any) as its subcommands.
pub fn command(
    services: &[&'static ServiceMeta],
    named: Option<(&ServiceMeta, &[Operation])>,
) -> Command {
    let global = |name: &'static str, value: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name(value)
            .global(true)
            .help(help)
    };
    let mut command = Command::new("apigw")
        .about("Calls the REST APIs of Open Telekom Cloud services: `apigw <service> <operation> [options]`.")
        .long_about(
            "Calls the REST APIs of Open Telekom Cloud services: `apigw <service> <operation> [options]`, \
             generated from the specs; `apigw <service> --help` lists a service's operations.\n\n\
             A cloud is configured as for the OpenStack tools: a cloud of clouds.yaml (--os-cloud or OS_CLOUD; \
             ./, ~/.config/openstack/, /etc/openstack/ or OS_CLIENT_CONFIG_FILE, with secure.yaml), the variables \
             OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_USER_DOMAIN_NAME, OS_PROJECT_NAME / OS_PROJECT_ID, OS_REGION_NAME, \
             OS_AUTH_TOKEN, HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK, and the options, each overriding the one before. \
             With a password, the project and each service's endpoint come from the token. APIGW_ENDPOINT and \
             APIGW_ENDPOINT_<SERVICE> override endpoints. `apigw config` shows what was resolved. \
             With no cloud, no endpoint and no region, an embedded emulator answers (no cloud account needed).\n\n\
             Exit codes: 0 success, 2 usage error (nothing sent), 3 service error or authentication refused, 4 transport error, 5 undecodable response (or, with --strict, one that differs from its documentation).",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(global("os-cloud", "NAME", "The cloud of clouds.yaml to use [env: OS_CLOUD]"))
        .arg(global("region", "REGION", "The region, e.g. eu-de: each service at its endpoint there [env: OS_REGION_NAME]"))
        .arg(global("endpoint", "URL", "One endpoint for every service; {service} in it stands for the service's name [env: APIGW_ENDPOINT, APIGW_ENDPOINT_<SERVICE>]; none and no region: the embedded emulator"))
        .arg(global("project-id", "ID", "The project [env: HUAWEICLOUD_SDK_PROJECT_ID, OS_PROJECT_ID]"))
        .arg(global("token", "TOKEN", "An IAM token [env: OS_AUTH_TOKEN]"))
        .arg(global("ak", "AK", "Access key for AK/SK signing [env: HUAWEICLOUD_SDK_AK]"))
        .arg(global("sk", "SK", "Secret key for AK/SK signing [env: HUAWEICLOUD_SDK_SK]"))
        .arg(
            Arg::new("strict")
                .long("strict")
                .global(true)
                .action(clap::ArgAction::SetTrue)
                .help("Refuse a response that differs from its documentation in any way: print the body as it came, then the error (exit 5). Without it, such a response is read as a person would and each difference is named on stderr [env: APIGW_STRICT=1]"),
        )
        .arg(
            global("output", "FORMAT", "How results are printed")
                .value_parser(["json", "table"])
                .default_value("json"),
        )
        .subcommand(Command::new("config").about(
            "Shows the cloud, user, project, region and endpoints the settings resolve to (never a secret); with a password, after obtaining a token.",
        ))
        .subcommand(
            Command::new("serve")
                .about("Runs the emulator of every service until stopped, each at /<service>; or each at the root of a port of its own, as on the cloud.")
                .long_about(
                    "Runs the emulator of every service until stopped. By default every service is at /<service> \
                     of one port, for clients that take a base URL (APIGW_ENDPOINT=http://127.0.0.1:8080/{service}). \
                     With --port-per-service or --service, each service is at the root of a port of its own, as on \
                     the cloud where every service has a host of its own: for clients that build every URL from the \
                     host (the official SDKs). The identity service's catalog (--user) points at the same addresses.",
                )
                .arg(
                    Arg::new("port")
                        .long("port")
                        .value_name("N")
                        .value_parser(clap::value_parser!(u16))
                        .default_value("8080")
                        .help("The port to listen on; with a port per service, the first service's, the next ones in the order of their names (0: any free ports)"),
                )
                .arg(
                    Arg::new("port-per-service")
                        .long("port-per-service")
                        .action(ArgAction::SetTrue)
                        .help("Serves each service at the root of a port of its own (from --port on), as on the cloud, for clients that keep only the host of an endpoint"),
                )
                .arg(
                    Arg::new("service")
                        .long("service")
                        .value_name("NAME")
                        .action(ArgAction::Append)
                        .value_parser(PossibleValuesParser::new({
                            let mut names: Vec<&str> = services.iter().map(|s| s.name).collect();
                            names.sort_unstable();
                            names
                        }))
                        .hide_possible_values(true)
                        .help("Serves only this service (repeatable), at the root of --port; several: a port each, as --port-per-service (with --user, the identity service too)"),
                )
                .arg(
                    Arg::new("ports-file")
                        .long("ports-file")
                        .value_name("FILE")
                        .value_parser(clap::value_parser!(std::path::PathBuf))
                        .help("Once listening, writes each service's endpoint to FILE as JSON: {\"ecs\": \"http://127.0.0.1:8085\", ...}"),
                )
                .arg(
                    Arg::new("state")
                        .long("state")
                        .value_name("FILE")
                        .value_parser(clap::value_parser!(std::path::PathBuf))
                        .help("Keeps what is created through the emulator in FILE (JSON): read at start when it exists (fixtures, or an earlier run), written after every change"),
                )
                .arg(
                    Arg::new("bind")
                        .long("bind")
                        .value_name("ADDRESS")
                        .value_parser(clap::value_parser!(std::net::IpAddr))
                        .default_value("127.0.0.1")
                        .help("The address to listen on; 0.0.0.0 serves other machines too"),
                )
                .arg(
                    Arg::new("user")
                        .long("user")
                        .value_name("NAME:PASSWORD:DOMAIN")
                        .action(ArgAction::Append)
                        .help("Emulates IAM's password tokens for this user (repeatable): calls then need a token it issued, and the token's catalog points at the emulator; the region is --region's (default eu-de)"),
                )
                .arg(
                    Arg::new("token-lifetime")
                        .long("token-lifetime")
                        .value_name("SECONDS")
                        .value_parser(clap::value_parser!(u64))
                        .default_value("86400")
                        .help("How long the tokens of --user live"),
                ),
        );
    let mut services = services.to_vec();
    services.sort_by_key(|s| s.name);
    for service in services {
        let mut sub = Command::new(service.name)
            .about(format!(
                "{} ({} operations)",
                service.title,
                service.operations.len()
            ))
            .subcommand_required(true)
            .arg_required_else_help(true);
        if let Some((named, operations)) = named.filter(|(n, _)| n.name == service.name) {
            sub = sub.long_about(format!(
                "{}: one subcommand per operation ({} in all).",
                named.title,
                operations.len()
            ));
            for op in operations {
                sub = sub.subcommand(subcommand(op));
            }
            sub = sub
                .help_template(
                    "{about-with-newline}\n{usage-heading} {usage}\n\n{after-help}\nOptions:\n{options}",
                )
                .after_help(grouped(operations));
        }
        command = command.subcommand(sub);
    }
    command
}

/// A service's operations as `--help` lists them: under the reference's sections (the folders
/// of the pages they come from), deprecated ones last and apart.
fn grouped(operations: &[Operation]) -> String {
    let mut sections: Vec<(String, Vec<&Operation>)> = Vec::new();
    let mut deprecated = Vec::new();
    for op in operations {
        if op.spec.operation.deprecated.is_some() {
            deprecated.push(op);
            continue;
        }
        let section = section(&op.spec);
        match sections.iter_mut().find(|(s, _)| *s == section) {
            Some((_, ops)) => ops.push(op),
            None => sections.push((section, vec![op])),
        }
    }
    if !deprecated.is_empty() {
        sections.push((
            "Deprecated (the reference marks these as out of date)".to_owned(),
            deprecated,
        ));
    }
    let width = operations.iter().map(|o| o.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (section, ops) in sections {
        out.push_str(&format!("{section}:\n"));
        for op in ops {
            let summary = op.spec.operation.summary.as_deref().unwrap_or_default();
            out.push_str(&format!("  {:width$}  {summary}\n", op.name));
        }
        out.push('\n');
    }
    out
}

/// The section of the reference a spec's page is in: its folders, as sentences
/// (`apis_recommended/lifecycle_management/…` → `Apis recommended › Lifecycle management`).
fn section(spec: &Spec) -> String {
    let folders: Vec<String> = spec
        .operation
        .reference
        .as_deref()
        .unwrap_or_default()
        .split('/')
        .rev()
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|folder| {
            let text = folder.replace('_', " ");
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if folders.is_empty() {
        "Operations".to_owned()
    } else {
        folders.join(" › ")
    }
}

fn subcommand(op: &Operation) -> Command {
    let spec = &op.spec;
    let operation = &spec.operation;
    let summary = operation
        .summary
        .clone()
        .unwrap_or_else(|| operation.id.value.clone());
    let mut long = format!("{summary}\n\n");
    if let Some(d) = &operation.description {
        long.push_str(d);
        long.push_str("\n\n");
    }
    long.push_str(&format!(
        "{} {}  (operation {})",
        operation.method.value.as_str(),
        operation.path.raw,
        operation.id.value
    ));
    let mut command = Command::new(op.name.clone())
        .about(summary)
        .long_about(long);
    for param in spec.params.iter().filter(|p| p.is_caller_supplied()) {
        command = command.arg(param_arg(spec, param));
    }
    if let Some(fields) = form_fields(spec) {
        for (field, name) in fields.iter().zip(form_options(fields)) {
            let arg = field_arg(field, name, field.required);
            let arg = if field.schema.ty.value == TypeExpr::File {
                arg.value_name("PATH")
            } else {
                arg
            };
            command = command.arg(arg);
        }
    } else if let Some(body) = &spec.body {
        let mut help = String::from("The JSON request body: a file, or - for standard input");
        if let Some(example) = body.examples.first() {
            help.push_str(&format!("\n\nExample:\n{}", example.json.value.trim()));
        }
        command = command.arg(
            Arg::new("body")
                .long("body")
                .value_name("FILE|-")
                .required(body.required)
                .help(help),
        );
    }
    if apigw_spec::paging::detect(spec).is_some() {
        command = command.arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Fetch every page and print all items (from --offset on)"),
        );
    }
    command
}

fn param_arg(spec: &Spec, param: &Param) -> Arg {
    field_arg(
        &param.field,
        param_option(spec, &param.field.name.value),
        param.field.required || param.location == apigw_spec::ParamLocation::Path,
    )
}

fn field_arg(field: &Field, name: String, required: bool) -> Arg {
    let schema = &field.schema;
    let ty = &schema.ty.value;
    let (scalar, many) = match ty {
        TypeExpr::Array(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let mut help = field.description.clone().unwrap_or_default();
    let mut notes = Vec::new();
    if let Some(d) = &schema.default {
        notes.push(format!("default {}", d.value));
    }
    if let Some(m) = &schema.minimum {
        notes.push(format!("min {}", m.value));
    }
    if let Some(m) = &schema.maximum {
        notes.push(format!("max {}", m.value));
    }
    if let (Some(a), Some(b)) = (&schema.min_length, &schema.max_length) {
        notes.push(format!("length {}..={}", a.value, b.value));
    }
    if !notes.is_empty() {
        help.push_str(&format!(" [{}]", notes.join(", ")));
    }
    let short = help
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ");
    let mut arg = Arg::new(name.clone())
        .long(name)
        .value_name(type_name(scalar))
        .required(required)
        .help(short)
        .long_help(help);
    if let Some(e) = materialized_enum(schema) {
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| match &v.value.value {
                apigw_spec::Literal::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        arg = arg.value_parser(PossibleValuesParser::new(values));
    } else if *scalar == TypeExpr::Boolean {
        arg = arg.value_parser(["true", "false"]);
    }
    if many {
        arg = arg.action(ArgAction::Append);
    }
    arg
}

fn type_name(ty: &TypeExpr) -> &'static str {
    match ty {
        TypeExpr::Integer | TypeExpr::Long => "INT",
        TypeExpr::Float => "NUMBER",
        TypeExpr::Boolean => "BOOL",
        TypeExpr::File => "PATH",
        _ => "TEXT",
    }
}
