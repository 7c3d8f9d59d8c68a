//! The command line, built from the specs: one subcommand per operation, one option per
//! parameter, with the spec's descriptions as help and enumerations as possible values.

use apigw::runtime::DynOperation;
use apigw_spec::check::materialized_enum;
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
}

/// Options every subcommand has; a parameter with one of these names gets `--param-` before it.
const GLOBAL: &[&str] = &[
    "endpoint",
    "project-id",
    "token",
    "ak",
    "sk",
    "output",
    "body",
    "all",
    "help",
];

/// Every generated operation with its spec.
pub fn operations() -> Vec<Operation> {
    apigw::operations()
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
            })
        })
        .collect()
}

pub fn kebab(snake: &str) -> String {
    snake.replace('_', "-")
}

/// The option name of a parameter or form field.
pub fn option_name(wire: &str) -> String {
    let name = kebab(&naming::snake(wire));
    if GLOBAL.contains(&name.as_str()) {
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

/// The whole command line.
pub fn command(operations: &[Operation]) -> Command {
    let global = |name: &'static str, value: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name(value)
            .global(true)
            .help(help)
    };
    let mut command = Command::new("apigw")
        .about("Calls the API Gateway (APIG) REST API: one subcommand per operation.")
        .long_about(
            "Calls the API Gateway (APIG) REST API: one subcommand per operation, generated from the specs.\n\n\
             Endpoint, project and credentials come from the options or from APIGW_ENDPOINT, \
             HUAWEICLOUD_SDK_PROJECT_ID / OS_PROJECT_ID, HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK or OS_AUTH_TOKEN. \
             With no endpoint, an embedded APIG emulator answers (no cloud account needed).\n\n\
             Exit codes: 0 success, 2 usage error (nothing sent), 3 service error, 4 transport error, 5 undecodable response.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(global("endpoint", "URL", "The gateway endpoint [env: APIGW_ENDPOINT]; none: the embedded emulator"))
        .arg(global("project-id", "ID", "The project [env: HUAWEICLOUD_SDK_PROJECT_ID, OS_PROJECT_ID]"))
        .arg(global("token", "TOKEN", "An IAM token [env: OS_AUTH_TOKEN]"))
        .arg(global("ak", "AK", "Access key for AK/SK signing [env: HUAWEICLOUD_SDK_AK]"))
        .arg(global("sk", "SK", "Secret key for AK/SK signing [env: HUAWEICLOUD_SDK_SK]"))
        .arg(
            global("output", "FORMAT", "How results are printed")
                .value_parser(["json", "table"])
                .default_value("json"),
        )
        .subcommand(
            Command::new("serve").about("Runs the APIG emulator until stopped.").arg(
                Arg::new("port")
                    .long("port")
                    .value_name("N")
                    .value_parser(clap::value_parser!(u16))
                    .default_value("8080")
                    .help("The port to listen on (0: any free port)"),
            ),
        );
    for op in operations {
        command = command.subcommand(subcommand(op));
    }
    command
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
        command = command.arg(param_arg(param));
    }
    if let Some(fields) = form_fields(spec) {
        for field in fields {
            let arg = field_arg(field, field.required);
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

fn param_arg(param: &Param) -> Arg {
    field_arg(
        &param.field,
        param.field.required || param.location == apigw_spec::ParamLocation::Path,
    )
}

fn field_arg(field: &Field, required: bool) -> Arg {
    let name = option_name(&field.name.value);
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
