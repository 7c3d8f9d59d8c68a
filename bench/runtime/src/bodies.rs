//! The response bodies measured: lists as the reference documents them, and the same with
//! every item drifted.

use serde_json::{Value, json};

/// A ListApiVersionsV2 body of `n` items, as documented.
pub fn versions(n: usize) -> Vec<u8> {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "version_id": format!("ee1a5a38d3d3493abf1dc4ed6cac{i:04}"),
                "version_no": "20200803093600",
                "api_id": "5f918d104dc84480a75166ba99efff21",
                "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID",
                "env_name": "RELEASE",
                "remark": "published for the benchmark",
                "publish_time": "2020-08-03T01:36:00Z",
                "status": 1 + (i % 2)
            })
        })
        .collect();
    serde_json::to_vec(&json!({"total": n, "size": n, "api_versions": items}))
        .expect("a Value serializes")
}

/// A ListEndpointConnections body of `n` items, as documented.
pub fn connections(n: usize) -> Vec<u8> {
    let statuses = ["accepted", "pendingAcceptance", "rejected", "failed"];
    let items: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "id": format!("0a7b1ad5-1f6e-4b8d-9f5e-{i:012}"),
                "marker_id": 16777337 + i,
                "created_at": "2020-07-31T12:42:51Z",
                "updated_at": "2020-08-02T16:32:47Z",
                "domain_id": "0c7a4f3c2b00f4d40f39c0122b2b3f4d",
                "status": statuses[i % 4]
            })
        })
        .collect();
    serde_json::to_vec(&json!({"total": n, "size": n, "connections": items}))
        .expect("a Value serializes")
}

/// `body` with every item's integer `status` or `marker_id` written as a string, as a server
/// that drifted from its documentation sends it (one deviation per item).
pub fn drift(body: &[u8]) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).expect("a body made above");
    for list in ["api_versions", "connections"] {
        for item in value[list].as_array_mut().into_iter().flatten() {
            for field in ["status", "marker_id"] {
                if let Some(n) = item.get(field).and_then(Value::as_i64) {
                    item[field] = json!(n.to_string());
                }
            }
        }
    }
    serde_json::to_vec(&value).expect("a Value serializes")
}
