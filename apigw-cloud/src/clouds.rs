//! `clouds.yaml` and `secure.yaml`, found and read as the OpenStack tools do: the first
//! `clouds.yaml` (or `.yml`) of the current folder, `~/.config/openstack/` and
//! `/etc/openstack/`, or the file `OS_CLIENT_CONFIG_FILE` names; beside it the first
//! `secure.yaml` (or `OS_CLIENT_SECURE_FILE`), whose values win over `clouds.yaml`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::error::CloudError;
use crate::settings::{Key, Setting, Source, Value, shown_pair};

/// Environment variable naming the `clouds.yaml` to read.
pub const ENV_CONFIG_FILE: &str = "OS_CLIENT_CONFIG_FILE";
/// Environment variable naming the `secure.yaml` to read.
pub const ENV_SECURE_FILE: &str = "OS_CLIENT_SECURE_FILE";

/// A folder searched for the files, and how it is shown to people.
#[derive(Debug, Clone)]
pub(crate) struct Dir {
    path: PathBuf,
    shown: String,
}

impl Dir {
    pub(crate) fn new(path: PathBuf) -> Self {
        let shown = path.display().to_string();
        Self { path, shown }
    }
}

/// The OpenStack tools' folders: the current one, `~/.config/openstack/` (when the home
/// folder is known), `/etc/openstack/`.
pub(crate) fn default_search_path(home: Option<&str>) -> Vec<Dir> {
    let mut dirs = vec![Dir {
        path: PathBuf::from("."),
        shown: ".".into(),
    }];
    if let Some(home) = home {
        dirs.push(Dir {
            path: Path::new(home).join(".config").join("openstack"),
            shown: "~/.config/openstack".into(),
        });
    }
    dirs.push(Dir {
        path: PathBuf::from("/etc/openstack"),
        shown: "/etc/openstack".into(),
    });
    dirs
}

/// One file found: where, and how it is shown.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    shown: String,
}

/// The first existing `<stem>.yaml` / `<stem>.yml` of `dirs`, unless `variable` names one.
fn find(
    stem: &str,
    variable: &str,
    vars: &BTreeMap<String, String>,
    dirs: &[Dir],
) -> Result<Option<Found>, CloudError> {
    if let Some(path) = vars.get(variable) {
        let found = Found {
            path: PathBuf::from(path),
            shown: path.clone(),
        };
        if !found.path.is_file() {
            return Err(CloudError::File {
                file: format!("{path} (from {variable})"),
                reason: "no such file".into(),
            });
        }
        return Ok(Some(found));
    }
    for dir in dirs {
        for extension in ["yaml", "yml"] {
            let name = format!("{stem}.{extension}");
            let path = dir.path.join(&name);
            if path.is_file() {
                return Ok(Some(Found {
                    path,
                    shown: format!("{}/{name}", dir.shown),
                }));
            }
        }
    }
    Ok(None)
}

/// Parses a file into JSON values.
fn read(found: &Found) -> Result<Json, CloudError> {
    let text = std::fs::read_to_string(&found.path).map_err(|e| CloudError::File {
        file: found.shown.clone(),
        reason: e.to_string(),
    })?;
    yaml_serde::from_str::<Json>(&text).map_err(|e| CloudError::File {
        file: found.shown.clone(),
        reason: e.to_string(),
    })
}

/// The keys whose values are secret, as written in a cloud.
fn holds_secret(cloud: &Json) -> bool {
    [
        Key::Password,
        Key::Token,
        Key::SecretKey,
        Key::SecurityToken,
    ]
    .iter()
    .any(|key| {
        key.yaml_paths()
            .iter()
            .any(|path| lookup(cloud, path).is_some())
    })
}

/// `a.b` in a JSON object.
fn lookup<'a>(value: &'a Json, path: &str) -> Option<&'a Json> {
    path.split('.')
        .try_fold(value, |value, part| value.get(part))
        .filter(|value| !value.is_null())
}

/// A warning when a file holding a secret can be read by other users (Unix permissions).
fn permission_warning(found: &Found) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&found.path).ok()?.permissions().mode();
        (mode & 0o044 != 0).then(|| {
            format!(
                "{} holds a secret and other users can read it (mode {:o}): chmod 600 it, or move the secret to secure.yaml",
                found.shown,
                mode & 0o777
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = found;
        None
    }
}

/// The chosen cloud, as its `clouds.yaml` (and `secure.yaml`) define it.
#[derive(Debug)]
pub(crate) struct CloudsFile {
    /// The `clouds.yaml`, as shown to people.
    pub(crate) shown: String,
    cloud: String,
    /// The cloud in `secure.yaml`, then in `clouds.yaml`.
    layers: Vec<(String, Json)>,
}

impl CloudsFile {
    /// Finds and reads the files and picks out cloud `name`; `warnings` gets one line per
    /// file that holds a secret other users can read.
    pub(crate) fn load(
        name: &str,
        named_by: &str,
        vars: &BTreeMap<String, String>,
        dirs: &[Dir],
        warnings: &mut Vec<String>,
    ) -> Result<Self, CloudError> {
        let Some(clouds_file) = find("clouds", ENV_CONFIG_FILE, vars, dirs)? else {
            return Err(CloudError::NoCloudsFile {
                cloud: name.to_owned(),
                named_by: named_by.to_owned(),
                searched: dirs
                    .iter()
                    .map(|d| format!("{}/", d.shown))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        let clouds = read(&clouds_file)?;
        let cloud_in = |doc: &Json| doc.get("clouds").and_then(|c| c.get(name)).cloned();
        let Some(cloud) = cloud_in(&clouds) else {
            let known = clouds
                .get("clouds")
                .and_then(Json::as_object)
                .map(|c| c.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            return Err(CloudError::UnknownCloud {
                cloud: name.to_owned(),
                named_by: named_by.to_owned(),
                file: clouds_file.shown.clone(),
                known,
            });
        };
        let mut layers = Vec::new();
        if let Some(secure_file) = find("secure", ENV_SECURE_FILE, vars, dirs)? {
            let secure = read(&secure_file)?;
            if let Some(secure_cloud) = cloud_in(&secure) {
                if holds_secret(&secure_cloud) {
                    warnings.extend(permission_warning(&secure_file));
                }
                layers.push((secure_file.shown.clone(), secure_cloud));
            }
        }
        if holds_secret(&cloud) {
            warnings.extend(permission_warning(&clouds_file));
        }
        layers.push((clouds_file.shown.clone(), cloud));
        Ok(Self {
            shown: clouds_file.shown,
            cloud: name.to_owned(),
            layers,
        })
    }

    /// `key` as the cloud sets it, under any of `paths` (`secure.yaml` first); an error when
    /// two of its names in one file disagree or its value is not a scalar.
    pub(crate) fn setting(
        &self,
        key: Key,
        paths: &'static [&'static str],
    ) -> Result<Option<Setting>, CloudError> {
        for (file, cloud) in &self.layers {
            let source = |path: &'static str| Source::File {
                file: file.clone(),
                cloud: self.cloud.clone(),
                key: path,
            };
            let mut found: Option<(&'static str, String)> = None;
            for path in paths {
                let Some(value) = lookup(cloud, path) else {
                    continue;
                };
                let text = scalar(value, path).ok_or_else(|| CloudError::Invalid {
                    key,
                    origin: source(path),
                    reason: "expected a single value, not a list or a map".into(),
                })?;
                match &found {
                    None => found = Some((path, text)),
                    Some((first, earlier)) if *earlier != text => {
                        return Err(CloudError::Contradiction {
                            key,
                            first: Box::new(source(first)),
                            second: Box::new(source(path)),
                            values: shown_pair(key, earlier, &text),
                        });
                    }
                    Some(_) => {}
                }
            }
            if let Some((path, text)) = found {
                return Ok(Some(Setting {
                    value: Value::new(key, text),
                    source: source(path),
                }));
            }
        }
        Ok(None)
    }
}

/// A scalar as text; for `regions`, the first region of the list (a name, or a map with
/// one).
fn scalar(value: &Json, path: &str) -> Option<String> {
    match value {
        Json::String(text) => Some(text.clone()),
        Json::Number(number) => Some(number.to_string()),
        Json::Bool(flag) => Some(flag.to_string()),
        Json::Array(items) if path == "regions" => match items.first()? {
            Json::String(name) => Some(name.clone()),
            Json::Object(region) => region.get("name")?.as_str().map(str::to_owned),
            _ => None,
        },
        _ => None,
    }
}
