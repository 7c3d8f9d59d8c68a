//! The service catalog of a token, as endpoints apigw's clients can use: a service's public
//! endpoint in the region, cut back to the part operation paths are appended to.

use std::collections::BTreeMap;

use apigw_iam::operation::obtain_user_token::{Catalog, Endpoint};

/// One service's endpoint as a catalog lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEndpoint {
    /// The catalog's `type` of the service (`ecs`, `identity`, `compute`).
    pub service_type: String,
    /// The catalog's `name` of the service (`ecs`, `iam`, `nova`).
    pub name: Option<String>,
    /// The region it serves (`*` for every region).
    pub region: Option<String>,
    /// The URL as listed (`https://ecs.eu-de.otc.t-systems.com/v1/<project id>`).
    pub url: String,
    /// [`url`](Self::url) cut back to what operation paths are appended to
    /// (`https://ecs.eu-de.otc.t-systems.com`).
    pub base: String,
}

/// The public endpoints of `catalog` (the token's `catalog`) in `region` (an endpoint for
/// every region, `*`, when the region has none of its own).
pub(crate) fn endpoints(
    catalog: &[Catalog],
    region: Option<&str>,
    project_id: Option<&str>,
) -> Vec<CatalogEndpoint> {
    let mut found = Vec::new();
    for service in catalog {
        let Some(service_type) = service.r#type.clone().or_else(|| service.name.clone()) else {
            continue;
        };
        let public = service
            .endpoints
            .iter()
            .flatten()
            .filter(|e| e.interface.as_deref().is_none_or(|i| i == "public"));
        let in_region = |e: &&Endpoint| match region {
            None => true,
            Some(region) => {
                e.region.as_deref() == Some(region) || e.region_id.as_deref() == Some(region)
            }
        };
        let everywhere =
            |e: &&Endpoint| e.region.as_deref() == Some("*") || e.region_id.as_deref() == Some("*");
        let chosen = public
            .clone()
            .find(in_region)
            .or_else(|| public.clone().find(everywhere));
        let Some(endpoint) = chosen else { continue };
        let Some(url) = &endpoint.url else { continue };
        found.push(CatalogEndpoint {
            service_type,
            name: service.name.clone(),
            region: endpoint.region.clone(),
            url: url.clone(),
            base: base_url(url, project_id),
        });
    }
    found
}

/// The endpoint of each service name apigw could look up: by the catalog's `type`, and by
/// its `name` where no type says otherwise (so `identity`/`iam` both find IAM).
pub(crate) fn by_service(endpoints: &[CatalogEndpoint]) -> BTreeMap<String, String> {
    let mut services = BTreeMap::new();
    for endpoint in endpoints {
        services
            .entry(endpoint.service_type.to_ascii_lowercase())
            .or_insert_with(|| endpoint.base.clone());
    }
    for endpoint in endpoints {
        if let Some(name) = &endpoint.name {
            services
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| endpoint.base.clone());
        }
    }
    services
}

/// `url` without the trailing segments that operation paths bring themselves: a version
/// (`v3`, `v1.0`, `v2.1`), the project id, or a placeholder for it (`$(tenant_id)s`,
/// `%(project_id)s`). `https://ecs.example/v1/<project>` → `https://ecs.example`;
/// `http://127.0.0.1:8080/iam/v3` → `http://127.0.0.1:8080/iam`.
pub(crate) fn base_url(url: &str, project_id: Option<&str>) -> String {
    let (head, query) = match url.find(['?', '#']) {
        Some(cut) => url.split_at(cut),
        None => (url, ""),
    };
    let _ = query; // a catalog URL has none; an auth URL's is not kept
    let scheme_end = head.find("://").map_or(0, |i| i + 3);
    let mut base = head.trim_end_matches('/').to_owned();
    while let Some(slash) = base.rfind('/').filter(|&slash| slash >= scheme_end) {
        let last = &base[slash + 1..];
        let is_version = last.strip_prefix('v').is_some_and(|v| {
            !v.is_empty()
                && v.split('.')
                    .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        });
        let is_project = Some(last) == project_id
            || matches!(
                last,
                "$(tenant_id)s" | "$(project_id)s" | "%(tenant_id)s" | "%(project_id)s"
            );
        if !(is_version || is_project) {
            break;
        }
        base.truncate(slash);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalog entry as the identity service sends it (a response type is decoded, not
    /// built).
    fn service(service_type: &str, name: &str, endpoints: &[(&str, &str, &str)]) -> Catalog {
        let endpoints: Vec<serde_json::Value> = endpoints
            .iter()
            .map(|(interface, region, url)| {
                serde_json::json!({ "interface": interface, "region": region, "url": url })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "type": service_type,
            "name": name,
            "endpoints": endpoints,
        }))
        .expect("a catalog entry")
    }

    #[test]
    fn the_public_endpoint_of_the_region_else_the_one_for_every_region() {
        let catalog = [
            service(
                "ecs",
                "ecs",
                &[
                    ("internal", "eu-de", "https://internal.example/v1/p"),
                    ("public", "eu-nl", "https://ecs.eu-nl.example/v1/p"),
                    ("public", "eu-de", "https://ecs.eu-de.example/v1/p"),
                ],
            ),
            service(
                "identity",
                "iam",
                &[("public", "*", "https://iam.example/v3")],
            ),
            service(
                "vpc",
                "vpc",
                &[("public", "eu-nl", "https://vpc.eu-nl.example")],
            ),
        ];
        let found = endpoints(&catalog, Some("eu-de"), Some("p"));
        let services = by_service(&found);
        assert_eq!(services["ecs"], "https://ecs.eu-de.example");
        assert_eq!(services["identity"], "https://iam.example");
        assert_eq!(services["iam"], "https://iam.example", "by its name too");
        assert!(!services.contains_key("vpc"), "no endpoint in eu-de");
        assert_eq!(found[0].url, "https://ecs.eu-de.example/v1/p");
    }

    #[test]
    fn versions_and_projects_are_cut_off() {
        let p = Some("0123abc");
        for (url, base) in [
            (
                "https://ecs.eu-de.otc.t-systems.com/v1/0123abc",
                "https://ecs.eu-de.otc.t-systems.com",
            ),
            (
                "https://ecs.eu-de.otc.t-systems.com/v1/0123abc/",
                "https://ecs.eu-de.otc.t-systems.com",
            ),
            (
                "https://iam.eu-de.otc.t-systems.com:443/v3",
                "https://iam.eu-de.otc.t-systems.com:443",
            ),
            (
                "https://rds.example/v3/$(tenant_id)s",
                "https://rds.example",
            ),
            ("https://vpc.example/v2.0", "https://vpc.example"),
            ("http://127.0.0.1:8080/iam/v3", "http://127.0.0.1:8080/iam"),
            ("http://127.0.0.1:8080/ecs", "http://127.0.0.1:8080/ecs"),
            (
                "https://x.example/api/version",
                "https://x.example/api/version",
            ),
            ("https://x.example/v/other", "https://x.example/v/other"),
            ("https://v1", "https://v1"),
        ] {
            assert_eq!(base_url(url, p), base, "{url}");
        }
    }
}
