//! HTTP dispatch: parse the Kubernetes REST path and query, negotiate the rendering, decode
//! bodies, call the registry, and encode responses the way kube-apiserver does.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

use super::Api;
use super::discovery;
use super::openapi;
use super::registry::{DeleteOptions, Deleted, FieldValidation, ListOptions, Part, WriteOptions, Written, parse};
use super::status::ApiError;
use super::table::{self, As};
use super::view;
use super::watch::{self, SharedFilter, WatchRequest};
use crate::k8s::catalog::ResourceType;
use crate::k8s::meta;

/// Request bodies above this are refused (kube-apiserver's limit is 3 MiB).
pub const MAX_BODY: usize = 3 << 20;

/// Query parameters; repeated keys keep every value (exec's `command=`).
#[derive(Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(q: Option<&str>) -> Query {
        Query(
            form_urlencoded::parse(q.unwrap_or("").as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
        )
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("true" | "1"))
    }
}

/// A resource request's target.
#[derive(Debug)]
pub struct Target {
    pub rt: ResourceType,
    pub namespace: Option<String>,
    pub name: Option<String>,
    pub sub: Option<String>,
    pub watch_path: bool,
}

enum Route {
    Health,
    Version,
    Api,
    Apis,
    ApiGroup(String),
    Resources(String, String),
    OpenApiIndex,
    OpenApiDoc(String),
    OpenApiV2,
    Resource(Box<Target>),
    NotFound,
}

fn route(api: &Api, path: &str) -> Route {
    let path = path.trim_end_matches('/');
    match path {
        "/healthz" | "/livez" | "/readyz" => return Route::Health,
        "/version" => return Route::Version,
        "/api" => return Route::Api,
        "/apis" => return Route::Apis,
        "/openapi/v3" => return Route::OpenApiIndex,
        "/openapi/v2" => return Route::OpenApiV2,
        _ => {}
    }
    if path.starts_with("/healthz/") || path.starts_with("/livez/") || path.starts_with("/readyz/") {
        return Route::Health;
    }
    if let Some(doc) = path.strip_prefix("/openapi/v3/") {
        return Route::OpenApiDoc(doc.to_string());
    }
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (group, version, rest) = match segs.as_slice() {
        ["api", v, rest @ ..] => ("", *v, rest),
        ["apis", g] => return Route::ApiGroup(g.to_string()),
        ["apis", g, v, rest @ ..] => (*g, *v, rest),
        _ => return Route::NotFound,
    };
    if rest.is_empty() {
        return Route::Resources(group.to_string(), version.to_string());
    }
    let types = api.types();
    let find =
        |plural: &str| types.iter().find(|r| r.group == group && r.version == version && r.plural == plural).cloned();
    let (watch_path, rest) = match rest {
        ["watch", rest @ ..] => (true, rest),
        _ => (false, rest),
    };
    let target = match rest {
        ["namespaces", ns, plural, tail @ ..] if find(plural).is_some_and(|r| r.namespaced) => {
            let rt = find(plural).expect("checked above");
            match tail {
                [] => Target { rt, namespace: Some(ns.to_string()), name: None, sub: None, watch_path },
                [name] => {
                    Target { rt, namespace: Some(ns.to_string()), name: Some(name.to_string()), sub: None, watch_path }
                }
                [name, sub] => Target {
                    rt,
                    namespace: Some(ns.to_string()),
                    name: Some(name.to_string()),
                    sub: Some(sub.to_string()),
                    watch_path,
                },
                _ => return Route::NotFound,
            }
        }
        [plural, tail @ ..] => {
            let Some(rt) = find(plural) else { return Route::NotFound };
            match tail {
                [] => Target { rt, namespace: None, name: None, sub: None, watch_path },
                // A namespaced resource's objects are only addressable within a namespace.
                _ if rt.namespaced => return Route::NotFound,
                [name] => Target { rt, namespace: None, name: Some(name.to_string()), sub: None, watch_path },
                [name, sub] => {
                    Target { rt, namespace: None, name: Some(name.to_string()), sub: Some(sub.to_string()), watch_path }
                }
                _ => return Route::NotFound,
            }
        }
        _ => return Route::NotFound,
    };
    Route::Resource(Box::new(target))
}

fn json_response(code: StatusCode, body: impl Into<Body>) -> Response {
    let mut r = (code, body.into()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, private"));
    r
}

fn value_response(code: StatusCode, v: &Value) -> Response {
    json_response(code, serde_json::to_vec(v).unwrap_or_default())
}

fn not_found_page() -> Response {
    // kube-apiserver answers unknown paths with a bare 404 Status.
    let status = json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404});
    value_response(StatusCode::NOT_FOUND, &status)
}

pub async fn handle(State(api): State<Arc<Api>>, req: Request) -> Response {
    let (mut parts, body) = req.into_parts();
    let accept =
        parts.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("application/json").to_string();
    let query = Query::parse(parts.uri.query());
    match route(&api, parts.uri.path()) {
        Route::Health => (StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "ok").into_response(),
        Route::Version => value_response(StatusCode::OK, &discovery::version()),
        Route::Api => match discovery::aggregated_version(&accept) {
            Some(v) => aggregated(&api, true, v),
            None => value_response(StatusCode::OK, &discovery::api_versions(&api.server_address())),
        },
        Route::Apis => match discovery::aggregated_version(&accept) {
            Some(v) => aggregated(&api, false, v),
            None => value_response(StatusCode::OK, &discovery::api_group_list(&api.types())),
        },
        Route::ApiGroup(g) => match discovery::api_group(&api.types(), &g) {
            Some(v) => value_response(StatusCode::OK, &v),
            None => not_found_page(),
        },
        Route::Resources(g, v) => match discovery::resource_list(&api.types(), &g, &v) {
            Some(doc) => value_response(StatusCode::OK, &doc),
            None => not_found_page(),
        },
        Route::OpenApiIndex => value_response(StatusCode::OK, &openapi::index(&api.types(), &api.crd_versions())),
        Route::OpenApiDoc(gv) => {
            match api.openapi.respond(&api.types(), &api.crd_versions(), &gv, query.get("hash"), &parts.headers) {
                Some(r) => r,
                None => not_found_page(),
            }
        }
        Route::OpenApiV2 => {
            let protobuf = accept.contains("protobuf");
            let ct = if protobuf { "application/octet-stream" } else { "application/json" };
            (StatusCode::OK, [(header::CONTENT_TYPE, ct)], discovery::openapi_v2(protobuf)).into_response()
        }
        Route::NotFound => not_found_page(),
        Route::Resource(target) => {
            let content_type =
                parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            match resource(&api, parts.method.clone(), &mut parts, *target, query, &accept, &content_type, body).await {
                Ok(r) => r,
                Err(e) => e.into_response(),
            }
        }
    }
}

fn aggregated(api: &Api, core: bool, version: &str) -> Response {
    let doc = discovery::aggregated(&api.types(), core, version);
    let mut r = value_response(StatusCode::OK, &doc);
    if let Ok(ct) = HeaderValue::from_str(&discovery::aggregated_content_type(version)) {
        r.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    r
}

async fn read_body(body: Body) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| ApiError::TooLarge)
}

/// Decode a request body by its content type (JSON, YAML, or Kubernetes protobuf).
fn decode_body(content_type: &str, body: &[u8]) -> Result<Value, ApiError> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    match media {
        "" | "application/json" | "*/*" => serde_json::from_slice(body)
            .map_err(|e| ApiError::BadRequest(format!("the body of the request could not be decoded as JSON: {e}"))),
        "application/yaml" | "application/apply-patch+yaml" => serde_yaml::from_slice(body)
            .map_err(|e| ApiError::BadRequest(format!("the body of the request could not be decoded as YAML: {e}"))),
        "application/vnd.kubernetes.protobuf" => super::protobuf::decode(body),
        other => Err(ApiError::UnsupportedMediaType(format!(
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {other})"
        ))),
    }
}

/// kube-apiserver's default field manager: the User-Agent up to its first `/`, printable
/// characters only, at most 128 bytes.
fn manager_from_user_agent(ua: &str) -> String {
    let mut out = String::new();
    for c in ua.split('/').next().unwrap_or("").chars().filter(|c| !c.is_control()) {
        if out.len() + c.len_utf8() > 128 {
            break;
        }
        out.push(c);
    }
    out
}

fn write_options(q: &Query, headers: &axum::http::HeaderMap) -> Result<WriteOptions, ApiError> {
    let field_manager = q.get("fieldManager").map(str::to_string);
    let manager = field_manager.clone().unwrap_or_else(|| {
        manager_from_user_agent(headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or(""))
    });
    Ok(WriteOptions {
        dry_run: dry_run(q)?,
        field_validation: match q.get("fieldValidation") {
            None | Some("Warn") => FieldValidation::Warn,
            Some("Strict") => FieldValidation::Strict,
            Some("Ignore") => FieldValidation::Ignore,
            Some(other) => {
                return Err(ApiError::BadRequest(format!(
                    "fieldValidation parameter unsupported: {other}. Valid values are Ignore, Warn and Strict"
                )));
            }
        },
        field_manager,
        manager,
        subresource: None,
        applied: false,
    })
}

fn dry_run(q: &Query) -> Result<bool, ApiError> {
    let values = q.all("dryRun");
    for v in &values {
        if *v != "All" && !v.is_empty() {
            return Err(ApiError::BadRequest(format!("unsupported dryRun value {v}: only All is supported")));
        }
    }
    Ok(values.contains(&"All"))
}

fn written_response(w: Written, default_code: StatusCode) -> Response {
    let code = if w.created { StatusCode::CREATED } else { default_code };
    let mut r = json_response(code, w.object);
    for warning in w.warnings {
        let text = format!("299 - {}", serde_json::to_string(&warning).unwrap_or_default());
        if let Ok(v) = HeaderValue::from_str(&text) {
            r.headers_mut().append(header::WARNING, v);
        }
    }
    r
}

/// Label and field selectors from the query as one predicate.
fn selectors(q: &Query, rt: &ResourceType) -> Result<Option<SharedFilter>, ApiError> {
    super::selectors::filter(q.get("labelSelector"), q.get("fieldSelector"), rt)
}

fn list_options(q: &Query) -> Result<ListOptions, ApiError> {
    let limit = match q.get("limit") {
        Some(l) => l.parse::<i64>().map_err(|_| ApiError::BadRequest(format!("invalid limit {l}")))?.max(0) as usize,
        None => 0,
    };
    let exact_revision = match (q.get("resourceVersion"), q.get("resourceVersionMatch")) {
        (Some(rv), Some("Exact")) => Some(parse_rv(rv)?),
        _ => None,
    };
    Ok(ListOptions { limit, continue_token: q.get("continue").map(str::to_string), exact_revision })
}

fn parse_rv(rv: &str) -> Result<u64, ApiError> {
    rv.parse::<u64>().map_err(|_| ApiError::BadRequest(format!("invalid resource version: {rv}")))
}

#[allow(clippy::too_many_arguments)]
async fn resource(
    api: &Arc<Api>,
    method: Method,
    parts: &mut axum::http::request::Parts,
    t: Target,
    q: Query,
    accept: &str,
    content_type: &str,
    body: Body,
) -> Result<Response, ApiError> {
    let is_crd = t.rt.group == "apiextensions.k8s.io" && t.rt.kind == "CustomResourceDefinition";
    if !is_crd {
        return resource_inner(api, method, parts, t, q, accept, content_type, body).await;
    }
    // A CRD's objects go with it (kube's customresourcecleanup finalizer does this).
    if method == Method::DELETE
        && let Some(name) = &t.name
        && !dry_run(&q)?
        && let Ok(kv) = api.registry.get(&t.rt, None, name)
    {
        let crd: Value = parse(&kv.value)?;
        // Every served version shares one storage, so one type reaches every object.
        for cr in api.crd_types(&crd).iter().take(1) {
            api.registry.delete_collection(cr, None, None, &DeleteOptions::default()).await?;
        }
    }
    let write = method != Method::GET;
    let result = resource_inner(api, method, parts, t, q, accept, content_type, body).await;
    if write && result.is_ok() {
        api.refresh_types();
    }
    result
}

#[allow(clippy::too_many_arguments)]
async fn resource_inner(
    api: &Arc<Api>,
    method: Method,
    parts: &mut axum::http::request::Parts,
    t: Target,
    q: Query,
    accept: &str,
    content_type: &str,
    body: Body,
) -> Result<Response, ApiError> {
    let reg = &api.registry;
    // A type served from another's storage talks to the registry as the storage type and
    // converts objects in and out.
    let view = view::of(&t.rt);
    let vrt = &t.rt;
    let rt = view.map_or(&t.rt, |v| v.storage);
    let to_storage = |v: Value| match view {
        Some(w) => (w.to_storage)(&v),
        None => v,
    };
    let present = |b: Bytes| view::present(view, b);
    let ns = t.namespace.as_deref();
    let render = table::negotiate(accept, q.get("includeObject"));
    let is_watch = t.watch_path || q.flag("watch");
    let verb_err = |verb: &str| {
        ApiError::MethodNotSupported(format!(
            "the server does not allow this method on the requested resource ({verb})"
        ))
    };
    match (&method, t.name.as_deref(), t.sub.as_deref()) {
        (&Method::GET, None, None) if is_watch => {
            if !rt.has_verb("watch") {
                return Err(verb_err("watch"));
            }
            watch_response(api, vrt, ns, None, &q, render)
        }
        (&Method::GET, Some(name), None) if is_watch => watch_response(api, vrt, ns, Some(name), &q, render),
        (&Method::GET, None, None) => {
            if !rt.has_verb("list") {
                return Err(verb_err("list"));
            }
            let filter = selectors(&q, rt)?;
            let mut page = reg.list(rt, ns, &list_options(&q)?, filter.as_deref().map(|f| f as _))?;
            if view.is_some() {
                page.items = page.items.into_iter().map(present).collect::<Result<_, _>>()?;
            }
            let rv = page.resource_version.to_string();
            match render {
                As::Object => {
                    let mut out = Vec::with_capacity(page.items.iter().map(|i| i.len() + 1).sum::<usize>() + 256);
                    out.extend_from_slice(
                        format!(
                            "{{\"kind\":\"{}\",\"apiVersion\":\"{}\",\"metadata\":{{\"resourceVersion\":\"{rv}\"",
                            vrt.list_kind(),
                            vrt.api_version()
                        )
                        .as_bytes(),
                    );
                    if let Some(c) = &page.continue_token {
                        out.extend_from_slice(format!(",\"continue\":\"{c}\"").as_bytes());
                    }
                    out.extend_from_slice(b"},\"items\":[");
                    for (i, item) in page.items.iter().enumerate() {
                        if i > 0 {
                            out.push(b',');
                        }
                        out.extend_from_slice(item);
                    }
                    out.extend_from_slice(b"]}");
                    Ok(json_response(StatusCode::OK, out))
                }
                As::Table { include } => {
                    let mut out = Vec::with_capacity(page.items.len() * 512 + 4096);
                    let objs = page.items.iter().map(|i| parse::<Value>(i));
                    table::write_table(&mut out, vrt, objs, include, &rv, page.continue_token.as_deref(), true)?;
                    Ok(json_response(StatusCode::OK, out))
                }
                As::PartialObjectMetadata => {
                    let items: Vec<Value> = page
                        .items
                        .iter()
                        .map(|i| parse::<Value>(i).map(|v| table::partial_metadata(&v)))
                        .collect::<Result<_, _>>()?;
                    let mut metadata = json!({"resourceVersion": rv});
                    if let Some(c) = &page.continue_token {
                        metadata["continue"] = json!(c);
                    }
                    Ok(value_response(
                        StatusCode::OK,
                        &json!({"kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": metadata, "items": items}),
                    ))
                }
            }
        }
        (&Method::GET, Some(name), None | Some("status")) => {
            let kv = reg.get(rt, ns, name)?;
            render_one(vrt, present(kv.value)?, render)
        }
        (&Method::GET, Some(name), Some("scale")) if rt.subresource("scale").is_some() => {
            let kv = reg.get(rt, ns, name)?;
            Ok(value_response(StatusCode::OK, &super::subresource::scale_of(rt, &parse(&kv.value)?)))
        }
        (&Method::GET, Some(name), Some("log")) if rt.kind == "Pod" && rt.group.is_empty() => {
            api.pod_logs(ns.unwrap_or("default"), name, &q).await
        }
        (&Method::GET | &Method::POST, Some(name), Some("exec" | "attach"))
            if rt.kind == "Pod" && rt.group.is_empty() =>
        {
            api.pod_exec(ns.unwrap_or("default"), name, &q, parts).await
        }
        (&Method::GET | &Method::POST, Some(name), Some("portforward")) if rt.kind == "Pod" && rt.group.is_empty() => {
            api.pod_port_forward(ns.unwrap_or("default"), name, &q, parts).await
        }
        (&Method::POST, None, None) => {
            if !rt.has_verb("create") {
                return Err(verb_err("create"));
            }
            let obj = to_storage(decode_body(content_type, &read_body(body).await?)?);
            let mut w = reg.create(rt, ns, obj, &write_options(&q, &parts.headers)?).await?;
            w.object = present(w.object)?;
            Ok(written_response(w, StatusCode::CREATED))
        }
        (&Method::POST, Some(name), Some("binding")) if rt.kind == "Pod" && rt.group.is_empty() => {
            let obj = decode_body(content_type, &read_body(body).await?)?;
            super::subresource::bind(reg, rt, ns, name, obj, &write_options(&q, &parts.headers)?).await?;
            Ok(value_response(
                StatusCode::CREATED,
                &json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}),
            ))
        }
        (&Method::POST, Some(name), Some("eviction")) if rt.kind == "Pod" && rt.group.is_empty() => {
            let _ = read_body(body).await?;
            let opts = DeleteOptions { dry_run: dry_run(&q)?, ..Default::default() };
            reg.delete(rt, ns, name, &opts).await?;
            Ok(value_response(
                StatusCode::CREATED,
                &json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}),
            ))
        }
        (&Method::PUT, Some(name), sub @ (None | Some("status") | Some("finalize"))) => {
            let part = match sub {
                None => Part::Main,
                Some("status") if rt.subresource("status").is_some() => Part::Status,
                Some("finalize") if rt.subresource("finalize").is_some() => Part::Finalize,
                _ => return Err(ApiError::NotFound { resource: rt.group_resource(), name: name.to_string() }),
            };
            if !rt.has_verb("update") {
                return Err(verb_err("update"));
            }
            let obj = to_storage(decode_body(content_type, &read_body(body).await?)?);
            let mut opts = write_options(&q, &parts.headers)?;
            opts.subresource = sub.and_then(|s| ["status", "finalize"].into_iter().find(|x| *x == s));
            let mut w = reg.update(rt, ns, name, obj, part, &opts).await?;
            w.object = present(w.object)?;
            Ok(written_response(w, StatusCode::OK))
        }
        (&Method::PUT, Some(name), Some("scale")) if rt.subresource("scale").is_some() => {
            let scale = decode_body(content_type, &read_body(body).await?)?;
            let mut opts = write_options(&q, &parts.headers)?;
            opts.subresource = Some("scale");
            let out = super::subresource::update_scale(reg, rt, ns, name, |_| Ok(scale.clone()), &opts).await?;
            Ok(value_response(StatusCode::OK, &out))
        }
        (&Method::PATCH, Some(name), sub) => {
            if !rt.has_verb("patch") {
                return Err(verb_err("patch"));
            }
            let patch_body = read_body(body).await?;
            let kind = super::patch::PatchKind::from_content_type(content_type)?;
            let mut opts = write_options(&q, &parts.headers)?;
            match sub {
                None | Some("status") => {
                    let part = if sub.is_some() { Part::Status } else { Part::Main };
                    if sub.is_some() {
                        opts.subresource = Some("status");
                    }
                    if sub.is_some() && rt.subresource("status").is_none() {
                        return Err(ApiError::not_found(&rt.group_resource(), name));
                    }
                    let w =
                        super::patch::patch(reg, rt, view, ns, name, part, kind, &patch_body, &opts, q.flag("force"))
                            .await?;
                    let w = Written { object: present(w.object)?, ..w };
                    Ok(written_response(w, StatusCode::OK))
                }
                Some("scale") if rt.subresource("scale").is_some() => {
                    opts.subresource = Some("scale");
                    let patch_value = super::patch::parse_patch_body(kind, &patch_body)?;
                    let out = super::subresource::update_scale(
                        reg,
                        rt,
                        ns,
                        name,
                        |current| super::patch::apply_to(kind, current, &patch_value, "autoscaling", "Scale"),
                        &opts,
                    )
                    .await?;
                    Ok(value_response(StatusCode::OK, &out))
                }
                _ => Err(ApiError::not_found(&rt.group_resource(), name)),
            }
        }
        (&Method::DELETE, Some(name), None) => {
            if !rt.has_verb("delete") {
                return Err(verb_err("delete"));
            }
            let opts = delete_options(&q, &read_body(body).await?)?;
            match reg.delete(rt, ns, name, &opts).await? {
                Deleted::Gone(obj) => {
                    if rt.kind == "Pod" || rt.kind == "Namespace" {
                        return Ok(json_response(StatusCode::OK, present(obj)?));
                    }
                    let o: Value = parse(&obj)?;
                    let mut details = json!({"name": name, "kind": rt.plural, "uid": meta::uid(&o)});
                    if !rt.group.is_empty() {
                        details["group"] = json!(rt.group);
                    }
                    Ok(value_response(
                        StatusCode::OK,
                        &json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":details}),
                    ))
                }
                Deleted::Pending(obj) => Ok(json_response(StatusCode::ACCEPTED, present(obj)?)),
            }
        }
        (&Method::DELETE, None, None) => {
            if !rt.has_verb("deletecollection") {
                return Err(verb_err("deletecollection"));
            }
            let opts = delete_options(&q, &read_body(body).await?)?;
            let filter = selectors(&q, rt)?;
            let deleted = reg.delete_collection(rt, ns, filter.as_deref().map(|f| f as _), &opts).await?;
            let items: Vec<Value> = deleted.into_iter().map(|b| parse(&present(b)?)).collect::<Result<_, _>>()?;
            Ok(value_response(
                StatusCode::OK,
                &json!({"kind": vrt.list_kind(), "apiVersion": vrt.api_version(), "metadata": {"resourceVersion": reg.store().revision().to_string()}, "items": items}),
            ))
        }
        _ => Err(ApiError::MethodNotSupported(format!(
            "the server does not allow this method on the requested resource ({method} {})",
            rt.group_resource()
        ))),
    }
}

fn render_one(rt: &ResourceType, raw: Bytes, render: As) -> Result<Response, ApiError> {
    match render {
        As::Object => Ok(json_response(StatusCode::OK, raw)),
        As::Table { include } => {
            let obj: Value = parse(&raw)?;
            let rv = meta::resource_version(&obj).to_string();
            let mut out = Vec::new();
            table::write_table(&mut out, rt, [Ok::<_, ApiError>(obj)], include, &rv, None, true)?;
            Ok(json_response(StatusCode::OK, out))
        }
        As::PartialObjectMetadata => Ok(value_response(StatusCode::OK, &table::partial_metadata(&parse(&raw)?))),
    }
}

fn delete_options(q: &Query, body: &[u8]) -> Result<DeleteOptions, ApiError> {
    let b: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("invalid DeleteOptions: {e}")))?
    };
    let grace = match q.get("gracePeriodSeconds") {
        Some(g) => Some(g.parse::<i64>().map_err(|_| ApiError::BadRequest(format!("invalid gracePeriodSeconds {g}")))?),
        None => b.get("gracePeriodSeconds").and_then(Value::as_i64),
    };
    let orphan =
        b.get("orphanDependents").and_then(Value::as_bool).or_else(|| q.get("orphanDependents").map(|v| v == "true"));
    let propagation = q
        .get("propagationPolicy")
        .map(str::to_string)
        .or_else(|| b.get("propagationPolicy").and_then(Value::as_str).map(str::to_string))
        .or_else(|| orphan.map(|o| if o { "Orphan".to_string() } else { "Background".to_string() }));
    if let Some(p) = &propagation
        && !matches!(p.as_str(), "Orphan" | "Background" | "Foreground")
    {
        return Err(ApiError::BadRequest(format!("propagationPolicy: Unsupported value: \"{p}\"")));
    }
    let body_dry = b.get("dryRun").and_then(Value::as_array).is_some_and(|a| a.iter().any(|v| v == "All"));
    Ok(DeleteOptions {
        grace_period_seconds: grace,
        propagation_policy: propagation,
        precondition_uid: b.get("preconditions").and_then(|p| p.get("uid")).and_then(Value::as_str).map(str::to_string),
        precondition_resource_version: b
            .get("preconditions")
            .and_then(|p| p.get("resourceVersion"))
            .and_then(Value::as_str)
            .map(str::to_string),
        dry_run: dry_run(q)? || body_dry,
    })
}

fn watch_response(
    api: &Arc<Api>,
    rt: &ResourceType,
    ns: Option<&str>,
    name: Option<&str>,
    q: &Query,
    render: As,
) -> Result<Response, ApiError> {
    let mut filter = selectors(q, rt)?;
    if let Some(name) = name {
        // Legacy `watch/.../name`: same as a metadata.name field selector.
        let name = name.to_string();
        let inner = filter.take();
        filter = Some(Arc::new(move |v: &Value| meta::name(v) == name && inner.as_ref().is_none_or(|f| f(v))));
    }
    let resource_version = match q.get("resourceVersion") {
        None | Some("0") => None,
        Some(rv) => Some(parse_rv(rv)?),
    };
    let timeout = match q.get("timeoutSeconds") {
        Some(t) => Duration::from_secs(
            t.parse::<u64>().map_err(|_| ApiError::BadRequest(format!("invalid timeoutSeconds {t}")))?,
        ),
        // kube-apiserver's default: min-request-timeout (30 min) times a random factor in [1, 2).
        None => Duration::from_secs(1800 + u64::from(uuid::Uuid::new_v4().as_bytes()[0]) * 1800 / 256),
    };
    let send_initial_events = match q.get("sendInitialEvents") {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    if send_initial_events == Some(true) && !q.flag("allowWatchBookmarks") {
        return Err(ApiError::Invalid {
            kind: "ListOptions.meta.k8s.io".into(),
            name: String::new(),
            causes: vec![super::status::Cause {
                reason: "FieldValueForbidden".into(),
                message: "Forbidden: sendInitialEvents requires setting allowWatchBookmarks=true".into(),
                field: "allowWatchBookmarks".into(),
            }],
        });
    }
    let body = watch::start(
        api.registry.clone(),
        WatchRequest {
            view: view::of(rt),
            rt: rt.clone(),
            namespace: ns.map(str::to_string),
            resource_version,
            send_initial_events,
            bookmarks: q.flag("allowWatchBookmarks"),
            filter,
            render,
            timeout,
        },
    )?;
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, private"));
    Ok(r)
}
