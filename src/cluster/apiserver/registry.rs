//! Object semantics over the store, independent of HTTP: keys, resourceVersions, metadata the
//! server owns (uid, creationTimestamp, generation), optimistic concurrency, graceful and
//! finalizer-gated deletion, namespace admission, and the per-kind preparation in `strategy`.
//!
//! Objects are stored as the exact JSON the API returns, with `metadata.resourceVersion`
//! already equal to the store's `mod_revision` (the store builds the value once it knows the
//! revision), so GET, LIST and WATCH splice stored bytes without re-encoding.

use std::sync::Arc;

use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::status::{ApiError, Cause};
use super::strategy;
use crate::cluster::store::{Condition, KeyRange, KeyValue, Store, StoreError, TxnOutcome};
use crate::k8s::catalog::ResourceType;
use crate::k8s::managed;
use crate::k8s::meta;

/// How to treat fields the type does not know (`fieldValidation=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldValidation {
    Ignore,
    #[default]
    Warn,
    Strict,
}

#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    pub dry_run: bool,
    pub field_validation: FieldValidation,
    pub field_manager: Option<String>,
    /// Who is writing, for `managedFields`: `fieldManager`, else the User-Agent up to its
    /// first `/` (kube-apiserver's default).
    pub manager: String,
    /// The subresource the write came through (`status`, `scale`, `finalize`).
    pub subresource: Option<&'static str>,
    /// A server-side apply, whose `managedFields` the patch has computed already.
    pub applied: bool,
}

impl WriteOptions {
    /// The apiserver's own writes (the objects every cluster has), recorded as
    /// kube-apiserver's.
    pub fn bootstrap() -> WriteOptions {
        WriteOptions { manager: "kube-apiserver".into(), ..WriteOptions::default() }
    }
}

#[derive(Clone, Debug, Default)]
pub struct DeleteOptions {
    pub grace_period_seconds: Option<i64>,
    /// `Orphan`, `Background` or `Foreground`.
    pub propagation_policy: Option<String>,
    pub precondition_uid: Option<String>,
    pub precondition_resource_version: Option<String>,
    pub dry_run: bool,
}

/// Which part of an object a write addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Main,
    Status,
    /// `namespaces/x/finalize`: only `spec.finalizers` changes.
    Finalize,
    /// A subresource handler's own write (binding): spec and status as given, validated by
    /// the status rules (which let a binding set `spec.nodeName`).
    Internal,
}

/// A successful write.
#[derive(Debug)]
pub struct Written {
    pub object: Bytes,
    pub created: bool,
    pub warnings: Vec<String>,
}

/// A successful delete.
#[derive(Debug)]
pub enum Deleted {
    /// The object is gone; this is it, with the deletion's resourceVersion.
    Gone(Bytes),
    /// Deletion has started (finalizers or a grace period remain); this is the object now.
    Pending(Bytes),
}

/// One page of a list.
#[derive(Debug)]
pub struct ListPage {
    pub items: Vec<Bytes>,
    pub resource_version: u64,
    pub continue_token: Option<String>,
    pub remaining: Option<u64>,
}

#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    pub limit: usize,
    pub continue_token: Option<String>,
    /// `resourceVersion` with `resourceVersionMatch=Exact`: read at that revision.
    pub exact_revision: Option<u64>,
}

pub type Filter<'a> = &'a (dyn Fn(&Value) -> bool + Sync);

pub struct Registry {
    store: Store,
    /// Placeholder written where the resourceVersion goes, replaced once the store assigns
    /// the revision. Random per process so no object content can contain it by accident.
    sentinel: String,
    /// Serialises Service creates and updates so IP and port allocation cannot race.
    service_lock: tokio::sync::Mutex<()>,
    /// The structural schemas of custom resources by (group, version, kind), from their CRDs.
    custom_schemas: parking_lot::RwLock<Arc<CustomSchemas>>,
}

/// Custom resource schemas by (group, version, kind).
pub type CustomSchemas = std::collections::HashMap<(String, String, String), Arc<Value>>;

const MAX_RETRIES: usize = 64;

impl Registry {
    pub fn new(store: Store) -> Arc<Registry> {
        let sentinel = format!("kx-rv-{}", uuid::Uuid::new_v4().simple());
        Arc::new(Registry {
            store,
            sentinel,
            service_lock: tokio::sync::Mutex::new(()),
            custom_schemas: parking_lot::RwLock::new(Arc::default()),
        })
    }

    /// Replace the custom resource schemas (when CRDs change).
    pub fn set_custom_schemas(&self, schemas: CustomSchemas) {
        *self.custom_schemas.write() = Arc::new(schemas);
    }

    fn custom_schema(&self, rt: &ResourceType) -> Option<Arc<Value>> {
        self.custom_schemas.read().get(&(rt.group.clone(), rt.version.clone(), rt.kind.clone())).cloned()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn key(rt: &ResourceType, ns: Option<&str>, name: &str) -> String {
        match ns {
            Some(ns) if rt.namespaced => format!("{}{ns}/{name}", Self::type_prefix(rt)),
            _ => format!("{}{name}", Self::type_prefix(rt)),
        }
    }

    fn type_prefix(rt: &ResourceType) -> String {
        let group = if rt.group.is_empty() { "core" } else { &rt.group };
        format!("/registry/{group}/{}/", rt.plural)
    }

    /// Keys of `rt` objects in `ns` (all namespaces when `None`).
    pub fn prefix(rt: &ResourceType, ns: Option<&str>) -> String {
        match ns {
            Some(ns) if rt.namespaced => format!("{}{ns}/", Self::type_prefix(rt)),
            _ => Self::type_prefix(rt),
        }
    }

    pub fn get(&self, rt: &ResourceType, ns: Option<&str>, name: &str) -> Result<KeyValue, ApiError> {
        self.store
            .get(Self::key(rt, ns, name).as_bytes(), None)
            .map_err(store_err)?
            .ok_or_else(|| ApiError::not_found(&rt.group_resource(), name))
    }

    pub fn list(
        &self,
        rt: &ResourceType,
        ns: Option<&str>,
        opts: &ListOptions,
        filter: Option<Filter<'_>>,
    ) -> Result<ListPage, ApiError> {
        let prefix = Self::prefix(rt, ns);
        let range = KeyRange::prefix(prefix.clone().into_bytes());
        let (from, at) = match &opts.continue_token {
            Some(tok) => {
                let (rev, start) = decode_continue(tok)?;
                if !start.starts_with(&prefix) {
                    return Err(ApiError::BadRequest("continue key is not in the requested range".into()));
                }
                (Some(start), Some(rev))
            }
            None => (None, opts.exact_revision),
        };
        let mut items = Vec::new();
        let mut cursor = from.map(String::into_bytes);
        let mut revision = at;
        let page = if opts.limit == 0 { 0 } else { opts.limit.max(1) };
        loop {
            // Selectors may reject many objects; read in chunks until the page is full.
            let chunk = if page == 0 { 0 } else { (page - items.len()).max(64) };
            let r = self.store.range(&range, cursor.as_deref(), chunk, revision).map_err(|e| match e {
                StoreError::Compacted { .. } if opts.continue_token.is_some() => ApiError::Expired(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.".into(),
                ),
                e => store_err(e),
            })?;
            revision = Some(r.revision);
            let mut last_key = None;
            for kv in r.kvs {
                if page != 0 && items.len() == page {
                    // The page is full and this item exists: continue from it.
                    let tok = encode_continue(r.revision, &kv.key);
                    return Ok(ListPage {
                        items,
                        resource_version: r.revision,
                        continue_token: Some(tok),
                        remaining: None,
                    });
                }
                let keep = match filter {
                    None => true,
                    Some(f) => parse_for_match(&kv.value).map(|v| f(&v)).unwrap_or(false),
                };
                last_key = Some(kv.key.clone());
                if keep {
                    items.push(kv.value);
                }
            }
            if !r.more {
                return Ok(ListPage { items, resource_version: r.revision, continue_token: None, remaining: None });
            }
            let mut next = last_key.expect("more implies a non-empty chunk").to_vec();
            next.push(0);
            cursor = Some(next);
        }
    }

    /// Serialize `obj` with a placeholder resourceVersion and return a builder that writes the
    /// real one once the store assigns it.
    fn encoder(&self, obj: &mut Value) -> Result<impl FnOnce(u64) -> Bytes + Send + 'static, ApiError> {
        meta::set_meta(obj, "resourceVersion", self.sentinel.clone());
        let bytes = serde_json::to_vec(obj).map_err(|e| ApiError::Internal(e.to_string()))?;
        let needle = format!("\"resourceVersion\":\"{}\"", self.sentinel);
        let at =
            find(&bytes, needle.as_bytes()).ok_or_else(|| ApiError::Internal("resourceVersion not encoded".into()))?;
        let split = at + "\"resourceVersion\":\"".len();
        let prefix = bytes[..split].to_vec();
        let suffix = bytes[split + self.sentinel.len()..].to_vec();
        Ok(move |rev: u64| {
            let digits = rev.to_string();
            let mut out = Vec::with_capacity(prefix.len() + digits.len() + suffix.len());
            out.extend_from_slice(&prefix);
            out.extend_from_slice(digits.as_bytes());
            out.extend_from_slice(&suffix);
            Bytes::from(out)
        })
    }

    /// Admission for writes into a namespace: it must exist and not be terminating.
    fn check_namespace(&self, rt: &ResourceType, ns: Option<&str>, name: &str) -> Result<(), ApiError> {
        let Some(ns) = ns.filter(|_| rt.namespaced) else { return Ok(()) };
        let kv = self
            .store
            .get(format!("/registry/core/namespaces/{ns}").as_bytes(), None)
            .map_err(store_err)?
            .ok_or_else(|| ApiError::not_found("namespaces", ns))?;
        let obj: Value = parse(&kv.value)?;
        if meta::path(&obj, "status.phase").and_then(Value::as_str) == Some("Terminating") {
            return Err(ApiError::Forbidden(format!(
                "{} \"{}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                rt.group_resource(),
                name,
            )));
        }
        Ok(())
    }

    pub async fn create(
        &self,
        rt: &ResourceType,
        ns: Option<&str>,
        mut obj: Value,
        opts: &WriteOptions,
    ) -> Result<Written, ApiError> {
        check_type(rt, &mut obj)?;
        let body_ns = meta::namespace(&obj).map(str::to_string);
        if rt.namespaced {
            let ns = ns.ok_or_else(|| ApiError::BadRequest("a namespace is required for this resource".into()))?;
            if body_ns.as_deref().is_some_and(|b| b != ns) {
                return Err(ApiError::BadRequest(
                    "the namespace of the provided object does not match the namespace sent on the request".into(),
                ));
            }
            meta::set_meta(&mut obj, "namespace", ns);
        } else {
            meta::remove_meta(&mut obj, "namespace");
        }
        if meta::name(&obj).is_empty() {
            match meta::meta_str(&obj, "generateName").filter(|g| !g.is_empty()) {
                Some(base) => {
                    let name = generate_name(base);
                    meta::set_meta(&mut obj, "name", name);
                }
                None => {
                    return Err(ApiError::Invalid {
                        kind: rt.group_kind(),
                        name: String::new(),
                        causes: vec![Cause {
                            reason: "FieldValueRequired".into(),
                            message: "Required value: name or generateName is required".into(),
                            field: "metadata.name".into(),
                        }],
                    });
                }
            }
        }
        let name = meta::name(&obj).to_string();
        {
            let m = meta::metadata_mut(&mut obj);
            for f in ["uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] {
                m.remove(f);
            }
            m.insert("uid".into(), json!(uuid::Uuid::new_v4().to_string()));
            m.insert("creationTimestamp".into(), json!(meta::now_rfc3339()));
            if strategy::has_generation(rt) {
                m.insert("generation".into(), json!(1));
            } else {
                m.remove("generation");
            }
        }
        let mut warnings = Vec::new();
        let schema = self.custom_schema(rt);
        let mut obj = normalize(rt, obj, opts.field_validation, &mut warnings, schema.as_deref())?;
        strategy::prepare_for_create(rt, &mut obj);
        strategy::apply_defaults(rt, &mut obj);
        let mut causes = strategy::validate_create(rt, &obj);
        causes.extend(schema_causes(schema.as_deref(), &obj));
        if !causes.is_empty() {
            return Err(ApiError::Invalid { kind: rt.group_kind(), name, causes });
        }
        self.check_namespace(rt, ns, &name)?;
        let _guard = if strategy::needs_allocation(rt) { Some(self.service_lock.lock().await) } else { None };
        if strategy::needs_allocation(rt) {
            strategy::allocate_service(self, &mut obj, None)?;
        }
        track_update(rt, None, &mut obj, Part::Main, opts);
        if opts.dry_run {
            meta::remove_meta(&mut obj, "resourceVersion");
            return Ok(Written { object: to_bytes(&obj)?, created: true, warnings });
        }
        let key = Self::key(rt, ns, &name);
        let build = self.encoder(&mut obj)?;
        match self.store.put_with(key, Condition::Absent, build).await.map_err(store_err)? {
            TxnOutcome::Committed(e) => Ok(Written { object: e.kv.value, created: true, warnings }),
            TxnOutcome::Failed(_) => Err(ApiError::AlreadyExists { resource: rt.group_resource(), name }),
        }
    }

    /// Read-modify-write with optimistic concurrency: `mutate` gets the current object (or
    /// `None` if it does not exist and `create_missing`) and returns the desired one. Retried
    /// when another writer wins, unless the desired object names a stale resourceVersion
    /// (then 409 Conflict, as for a PUT with an old object).
    #[allow(clippy::too_many_arguments)]
    pub async fn guaranteed_update(
        &self,
        rt: &ResourceType,
        ns: Option<&str>,
        name: &str,
        part: Part,
        opts: &WriteOptions,
        create_missing: bool,
        mut mutate: impl FnMut(Option<&Value>) -> Result<Value, ApiError>,
    ) -> Result<Written, ApiError> {
        let key = Self::key(rt, ns, name);
        for _ in 0..MAX_RETRIES {
            let current = self.store.get(key.as_bytes(), None).map_err(store_err)?;
            let Some(current) = current else {
                if !create_missing {
                    return Err(ApiError::not_found(&rt.group_resource(), name));
                }
                let desired = mutate(None)?;
                check_name(rt, &desired, name)?;
                match self.create(rt, ns, desired, opts).await {
                    Err(ApiError::AlreadyExists { .. }) => continue,
                    other => return other,
                }
            };
            let old: Value = parse(&current.value)?;
            let mut desired = mutate(Some(&old))?;
            check_type(rt, &mut desired)?;
            check_name(rt, &desired, name)?;
            let wanted_rv = meta::resource_version(&desired).to_string();
            if !wanted_rv.is_empty() && wanted_rv != meta::resource_version(&old) {
                return Err(ApiError::conflict(&rt.group_resource(), name));
            }
            let mut warnings = Vec::new();
            let mut new = self.prepare_update(rt, &old, desired, part, opts, &mut warnings)?;
            let _guard = if strategy::needs_allocation(rt) { Some(self.service_lock.lock().await) } else { None };
            if strategy::needs_allocation(rt) {
                strategy::allocate_service(self, &mut new, Some(&old))?;
            }
            track_update(rt, Some(&old), &mut new, part, opts);
            // Unchanged objects are not rewritten: no new revision, no watch event.
            meta::set_meta(&mut new, "resourceVersion", meta::resource_version(&old).to_string());
            if new == old {
                return Ok(Written { object: current.value, created: false, warnings });
            }
            if opts.dry_run {
                return Ok(Written { object: to_bytes(&new)?, created: false, warnings });
            }
            if finished_deleting(rt, &new) {
                match self
                    .store
                    .delete_if(key.clone(), Condition::ModRevision(current.mod_revision))
                    .await
                    .map_err(store_err)?
                {
                    TxnOutcome::Committed(e) => {
                        let gone = with_resource_version(&new, e.kv.mod_revision);
                        return Ok(Written { object: to_bytes(&gone)?, created: false, warnings });
                    }
                    // Re-read and re-run `mutate`: a stale precondition fails the check above.
                    TxnOutcome::Failed(_) => continue,
                }
            }
            let build = self.encoder(&mut new)?;
            match self
                .store
                .put_with(key.clone(), Condition::ModRevision(current.mod_revision), build)
                .await
                .map_err(store_err)?
            {
                TxnOutcome::Committed(e) => return Ok(Written { object: e.kv.value, created: false, warnings }),
                // Another writer won: re-read and re-run `mutate`, as kube's GuaranteedUpdate does.
                // A desired object that names the old resourceVersion (a PUT) then fails the
                // precondition check above; a PATCH is re-applied to the new object.
                TxnOutcome::Failed(_) => continue,
            }
        }
        Err(ApiError::conflict(&rt.group_resource(), name))
    }

    /// Merge a desired object with what the server owns in the current one.
    fn prepare_update(
        &self,
        rt: &ResourceType,
        old: &Value,
        desired: Value,
        part: Part,
        opts: &WriteOptions,
        warnings: &mut Vec<String>,
    ) -> Result<Value, ApiError> {
        // An apply through a subresource brings its managedFields with the part it writes.
        let applied_fields = if opts.applied && matches!(part, Part::Status | Part::Finalize) {
            desired.get("metadata").and_then(|m| m.get("managedFields")).cloned()
        } else {
            None
        };
        let mut new = match part {
            Part::Internal => desired,
            Part::Main => {
                let mut new = desired;
                if rt.subresource("status").is_some() {
                    match old.get("status") {
                        Some(s) => {
                            new["status"] = s.clone();
                        }
                        None => {
                            if let Some(o) = new.as_object_mut() {
                                o.remove("status");
                            }
                        }
                    }
                }
                new
            }
            Part::Status => {
                let mut new = old.clone();
                match desired.get("status") {
                    Some(s) => new["status"] = s.clone(),
                    None => {
                        if let Some(o) = new.as_object_mut() {
                            o.remove("status");
                        }
                    }
                }
                new
            }
            Part::Finalize => {
                let mut new = old.clone();
                let finalizers = meta::path(&desired, "spec.finalizers").cloned().unwrap_or(json!([]));
                new["spec"]["finalizers"] = finalizers;
                new
            }
        };
        if let Some(m) = applied_fields {
            meta::set_meta(&mut new, "managedFields", m);
        }
        // Metadata the server owns.
        {
            let old_meta = old.get("metadata").and_then(Value::as_object).cloned().unwrap_or_default();
            let m = meta::metadata_mut(&mut new);
            for f in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
                match old_meta.get(f) {
                    Some(v) => m.insert(f.to_string(), v.clone()),
                    None => m.remove(f),
                };
            }
            if let Some(ns) = old_meta.get("namespace") {
                m.insert("namespace".into(), ns.clone());
            }
            m.remove("selfLink");
            // Finalizers may only be removed, never added, once deletion has started.
            if old_meta.get("deletionTimestamp").is_some_and(|v| !v.is_null()) {
                let old_f: Vec<Value> =
                    old_meta.get("finalizers").and_then(Value::as_array).cloned().unwrap_or_default();
                if let Some(new_f) = m.get("finalizers").and_then(Value::as_array)
                    && new_f.iter().any(|f| !old_f.contains(f))
                {
                    return Err(ApiError::Invalid {
                        kind: rt.group_kind(),
                        name: meta::name(old).to_string(),
                        causes: vec![Cause {
                            reason: "FieldValueForbidden".into(),
                            message: "Forbidden: no new finalizers can be added if the object is being deleted".into(),
                            field: "metadata.finalizers".into(),
                        }],
                    });
                }
            }
        }
        let schema = self.custom_schema(rt);
        let mut new = normalize(rt, new, opts.field_validation, warnings, schema.as_deref())?;
        strategy::apply_defaults(rt, &mut new);
        if strategy::needs_allocation(rt) {
            // A replaced Service keeps the addresses and ports it was given.
            crate::k8s::defaults::carry_over_service_allocations(&mut new, old);
        }
        if strategy::has_generation(rt) && spec_changed(old, &new) {
            let g = old.get("metadata").and_then(|m| m.get("generation")).and_then(Value::as_i64).unwrap_or(0);
            meta::set_meta(&mut new, "generation", g + 1);
        }
        let mut causes = strategy::validate_update(rt, &new, old, matches!(part, Part::Status | Part::Internal));
        causes.extend(schema_causes(schema.as_deref(), &new));
        if !causes.is_empty() {
            return Err(ApiError::Invalid { kind: rt.group_kind(), name: meta::name(old).to_string(), causes });
        }
        Ok(new)
    }

    pub async fn update(
        &self,
        rt: &ResourceType,
        ns: Option<&str>,
        name: &str,
        obj: Value,
        part: Part,
        opts: &WriteOptions,
    ) -> Result<Written, ApiError> {
        let create_missing = part == Part::Main && strategy::allow_create_on_update(rt);
        // Offered again on a retry: with a resourceVersion it then fails the precondition,
        // without one (an unconditional update) it simply wins.
        self.guaranteed_update(rt, ns, name, part, opts, create_missing, |_| Ok(obj.clone())).await
    }

    pub async fn delete(
        &self,
        rt: &ResourceType,
        ns: Option<&str>,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<Deleted, ApiError> {
        let key = Self::key(rt, ns, name);
        for _ in 0..MAX_RETRIES {
            let current = self.get(rt, ns, name)?;
            let mut obj: Value = parse(&current.value)?;
            if let Some(uid) = &opts.precondition_uid
                && uid != meta::uid(&obj)
            {
                return Err(ApiError::Conflict {
                    resource: rt.group_resource(),
                    name: name.to_string(),
                    detail: format!(
                        "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                        meta::uid(&obj)
                    ),
                });
            }
            if let Some(rv) = &opts.precondition_resource_version
                && rv != meta::resource_version(&obj)
            {
                return Err(ApiError::Conflict {
                    resource: rt.group_resource(),
                    name: name.to_string(),
                    detail: format!(
                        "Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {}",
                        meta::resource_version(&obj)
                    ),
                });
            }
            let plan = strategy::plan_delete(rt, &obj, opts);
            if let strategy::DeletePlan::Now = plan {
                if opts.dry_run {
                    return Ok(Deleted::Gone(current.value));
                }
                match self
                    .store
                    .delete_if(key.clone(), Condition::ModRevision(current.mod_revision))
                    .await
                    .map_err(store_err)?
                {
                    TxnOutcome::Committed(e) => {
                        let gone = with_resource_version(&obj, e.kv.mod_revision);
                        return Ok(Deleted::Gone(to_bytes(&gone)?));
                    }
                    TxnOutcome::Failed(_) => continue,
                }
            }
            let strategy::DeletePlan::Mark { finalizers, grace_seconds, namespace_terminating } = plan else {
                unreachable!("Now handled above")
            };
            {
                let m = meta::metadata_mut(&mut obj);
                let already = m.get("deletionTimestamp").is_some_and(|v| !v.is_null());
                let current_grace = m.get("deletionGracePeriodSeconds").and_then(Value::as_i64);
                // A second delete may shorten a grace period, never lengthen it.
                if !already || current_grace.is_some_and(|g| grace_seconds < g) {
                    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(grace_seconds);
                    m.insert("deletionTimestamp".into(), json!(meta::format_time(at)));
                    m.insert("deletionGracePeriodSeconds".into(), json!(grace_seconds));
                }
                if !finalizers.is_empty() {
                    let list = m.entry("finalizers").or_insert_with(|| json!([]));
                    if let Some(a) = list.as_array_mut() {
                        for f in finalizers {
                            if !a.iter().any(|x| x == f) {
                                a.push(json!(f));
                            }
                        }
                    }
                }
            }
            if namespace_terminating {
                obj["status"] = json!({"phase": "Terminating"});
            }
            if opts.dry_run {
                return Ok(Deleted::Pending(to_bytes(&obj)?));
            }
            if obj == parse::<Value>(&current.value)? {
                return Ok(Deleted::Pending(current.value));
            }
            let build = self.encoder(&mut obj)?;
            match self
                .store
                .put_with(key.clone(), Condition::ModRevision(current.mod_revision), build)
                .await
                .map_err(store_err)?
            {
                TxnOutcome::Committed(e) => return Ok(Deleted::Pending(e.kv.value)),
                TxnOutcome::Failed(_) => continue,
            }
        }
        Err(ApiError::conflict(&rt.group_resource(), name))
    }

    /// Delete every object of `rt` in `ns` that `filter` accepts; returns what was deleted.
    pub async fn delete_collection(
        &self,
        rt: &ResourceType,
        ns: Option<&str>,
        filter: Option<Filter<'_>>,
        opts: &DeleteOptions,
    ) -> Result<Vec<Bytes>, ApiError> {
        let page = self.list(rt, ns, &ListOptions::default(), filter)?;
        let mut out = Vec::new();
        for item in page.items {
            let obj: Value = parse(&item)?;
            let item_ns = meta::namespace(&obj).map(str::to_string);
            match self.delete(rt, item_ns.as_deref(), meta::name(&obj), opts).await {
                Ok(Deleted::Gone(b)) | Ok(Deleted::Pending(b)) => out.push(b),
                Err(ApiError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}

/// Which parts of an object a write through `part` owns fields in.
pub fn managed_scope(rt: &ResourceType, part: Part) -> managed::Scope {
    match part {
        Part::Status => managed::Scope::StatusOnly,
        Part::Main | Part::Internal if rt.subresource("status").is_some() => managed::Scope::NoStatus,
        _ => managed::Scope::All,
    }
}

/// Record in `new.metadata.managedFields` the fields a write other than an apply changed
/// (`old` is `None` for a create): the writer takes them from whoever owned them. The
/// entries start from those the client sent on the main resource (a client may rewrite
/// them, or reset them with `[{}]`), else from the stored object's.
fn track_update(rt: &ResourceType, old: Option<&Value>, new: &mut Value, part: Part, opts: &WriteOptions) {
    let old_managed = old.and_then(|o| o.get("metadata")).and_then(|m| m.get("managedFields"));
    if opts.applied {
        return;
    }
    let sent = meta::remove_meta(new, "managedFields");
    // A subresource (and a binding, which kube-apiserver does not record) keeps what is stored.
    let from_client = part == Part::Main && sent.as_ref().is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty()));
    if part == Part::Internal {
        if let Some(m) = old_managed {
            meta::set_meta(new, "managedFields", m.clone());
        }
        return;
    }
    let base_is_stored = !from_client || sent.as_ref() == old_managed;
    let schema = managed::schema_of(&rt.group, &rt.kind);
    let cmp = managed::compare(old, new, schema, managed_scope(rt, part));
    if cmp.is_same() && base_is_stored {
        // Byte for byte what is stored, so an unchanged object is not rewritten.
        if let Some(m) = old_managed {
            meta::set_meta(new, "managedFields", m.clone());
        }
        return;
    }
    let mut entries = if from_client && managed::is_reset(sent.as_ref()) {
        Vec::new()
    } else if from_client {
        let decoded = managed::decode(sent.as_ref());
        if decoded.is_empty() { managed::decode(old_managed) } else { decoded }
    } else {
        managed::decode(old_managed)
    };
    let now = meta::now_rfc3339();
    let api_version = rt.api_version();
    let actor = managed::Actor {
        manager: &opts.manager,
        operation: managed::Operation::Update,
        api_version: &api_version,
        subresource: opts.subresource,
        now: &now,
    };
    managed::record_update(&mut entries, &cmp, &actor);
    if !entries.is_empty() {
        meta::set_meta(new, "managedFields", managed::encode(&entries));
    }
}

fn finished_deleting(rt: &ResourceType, obj: &Value) -> bool {
    if !meta::is_deleting(obj) || !meta::finalizers(obj).is_empty() {
        return false;
    }
    let grace = obj.get("metadata").and_then(|m| m.get("deletionGracePeriodSeconds")).and_then(Value::as_i64);
    if grace.unwrap_or(0) != 0 {
        return false;
    }
    if rt.group.is_empty() && rt.kind == "Namespace" {
        return meta::path(obj, "spec.finalizers").and_then(Value::as_array).is_none_or(|a| a.is_empty());
    }
    true
}

/// Whether anything outside metadata and status differs (what bumps `generation`).
fn spec_changed(old: &Value, new: &Value) -> bool {
    let strip = |v: &Value| -> Map<String, Value> {
        let mut m = v.as_object().cloned().unwrap_or_default();
        m.remove("metadata");
        m.remove("status");
        m
    };
    strip(old) != strip(new)
}

fn with_resource_version(obj: &Value, rev: u64) -> Value {
    let mut o = obj.clone();
    meta::set_meta(&mut o, "resourceVersion", rev.to_string());
    o
}

/// Set `kind`/`apiVersion`, or refuse a body of another type.
fn check_type(rt: &ResourceType, obj: &mut Value) -> Result<(), ApiError> {
    let Some(map) = obj.as_object_mut() else {
        return Err(ApiError::BadRequest("the body of the request was not a JSON object".into()));
    };
    let api_version = rt.api_version();
    match map.get("apiVersion").and_then(Value::as_str) {
        Some(v) if !v.is_empty() && v != api_version => {
            return Err(ApiError::BadRequest(format!(
                "the API version in the data ({v}) does not match the expected API version ({api_version})"
            )));
        }
        _ => {}
    }
    match map.get("kind").and_then(Value::as_str) {
        Some(k) if !k.is_empty() && k != rt.kind => {
            return Err(ApiError::BadRequest(format!(
                "the kind in the data ({k}) does not match the expected kind ({})",
                rt.kind
            )));
        }
        _ => {}
    }
    map.insert("apiVersion".into(), json!(api_version));
    map.insert("kind".into(), json!(rt.kind));
    Ok(())
}

fn check_name(_rt: &ResourceType, obj: &Value, name: &str) -> Result<(), ApiError> {
    let n = meta::name(obj);
    if !n.is_empty() && n != name {
        return Err(ApiError::BadRequest(format!(
            "the name of the object ({n}) does not match the name on the URL ({name})"
        )));
    }
    Ok(())
}

/// A custom resource's violations of its CRD schema, as Invalid causes.
fn schema_causes(schema: Option<&Value>, obj: &Value) -> Vec<Cause> {
    let Some(schema) = schema else { return vec![] };
    crate::k8s::structural::validate(schema, obj)
        .into_iter()
        .map(|e| Cause { reason: e.reason.into(), message: e.message, field: e.field })
        .collect()
}

/// Decode through the typed model for built-in kinds, or prune and default a custom resource
/// by its CRD schema: type errors are 400s, unknown fields are refused or reported per
/// `fieldValidation` (and dropped either way).
fn normalize(
    rt: &ResourceType,
    obj: Value,
    fv: FieldValidation,
    warnings: &mut Vec<String>,
    schema: Option<&Value>,
) -> Result<Value, ApiError> {
    if let Some(schema) = schema {
        let mut obj = obj;
        let unknown = crate::k8s::structural::prune_and_default(schema, &mut obj);
        if !unknown.is_empty() {
            match fv {
                FieldValidation::Strict => {
                    let list: Vec<String> = unknown.iter().map(|f| format!("unknown field \"{f}\"")).collect();
                    return Err(ApiError::BadRequest(format!(
                        "{kind} in version \"{v}\" cannot be handled as a {kind}: strict decoding error: {}",
                        list.join(", "),
                        kind = rt.kind,
                        v = rt.version
                    )));
                }
                FieldValidation::Warn => warnings.extend(unknown.iter().map(|f| format!("unknown field \"{f}\""))),
                FieldValidation::Ignore => {}
            }
        }
        return Ok(obj);
    }
    // managedFields need no decoding through the typed model (entries that do not decode
    // are dropped where they are read): keep them out of its round trip, which they would
    // otherwise dominate.
    let mut obj = obj;
    let managed_fields = obj.get_mut("metadata").and_then(Value::as_object_mut).and_then(|m| m.remove("managedFields"));
    let restore = |mut v: Value| {
        if let Some(m) = managed_fields {
            meta::set_meta(&mut v, "managedFields", m);
        }
        v
    };
    match crate::k8s::typed::normalize(&rt.group, &rt.kind, &obj) {
        None => Ok(restore(obj)),
        Some(Err(e)) => Err(ApiError::BadRequest(format!(
            "{kind} in version \"{v}\" cannot be handled as a {kind}: {e}",
            kind = rt.kind,
            v = rt.version
        ))),
        Some(Ok(n)) => {
            if !n.unknown_fields.is_empty() {
                match fv {
                    FieldValidation::Strict => {
                        let list: Vec<String> =
                            n.unknown_fields.iter().map(|f| format!("unknown field \"{f}\"")).collect();
                        return Err(ApiError::BadRequest(format!(
                            "{kind} in version \"{v}\" cannot be handled as a {kind}: strict decoding error: {}",
                            list.join(", "),
                            kind = rt.kind,
                            v = rt.version
                        )));
                    }
                    FieldValidation::Warn => {
                        warnings.extend(n.unknown_fields.iter().map(|f| format!("unknown field \"{f}\"")));
                    }
                    FieldValidation::Ignore => {}
                }
            }
            let mut v = n.value;
            // The typed model drops null metadata fields; keep the shape users sent otherwise.
            if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
                m.retain(|_, x| !x.is_null());
            }
            Ok(restore(v))
        }
    }
}

/// A stored object parsed for matching selectors: without `metadata.managedFields`, which no
/// selector reads and which is often most of an object's nodes (skipping it keeps filtered
/// lists and watches as cheap as before managedFields were recorded).
pub fn parse_for_match(b: &[u8]) -> Result<Value, ApiError> {
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Obj {
        /// At the root: `metadata` is parsed without `managedFields`; in metadata: skip it.
        root: bool,
    }
    impl<'de> DeserializeSeed<'de> for Obj {
        type Value = Value;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Obj {
        type Value = Value;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
            let mut map = Map::new();
            while let Some(key) = access.next_key::<String>()? {
                if self.root && key == "metadata" {
                    let v = access.next_value_seed(Obj { root: false })?;
                    map.insert(key, v);
                } else if !self.root && key == "managedFields" {
                    access.next_value::<IgnoredAny>()?;
                } else {
                    map.insert(key, access.next_value::<Value>()?);
                }
            }
            Ok(Value::Object(map))
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(b);
    Obj { root: true }
        .deserialize(&mut de)
        .map_err(|e| ApiError::Internal(format!("stored object does not decode: {e}")))
}

pub fn parse<T: serde::de::DeserializeOwned>(b: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(b).map_err(|e| ApiError::Internal(format!("stored object does not decode: {e}")))
}

fn to_bytes(v: &Value) -> Result<Bytes, ApiError> {
    serde_json::to_vec(v).map(Bytes::from).map_err(|e| ApiError::Internal(e.to_string()))
}

pub fn store_err(e: StoreError) -> ApiError {
    match e {
        StoreError::Compacted { requested, compact_revision } => {
            ApiError::Expired(format!("too old resource version: {requested} ({compact_revision})"))
        }
        StoreError::FutureRevision { requested, current } => {
            ApiError::Timeout(format!("Too large resource version: {requested}, current: {current}"))
        }
        e => ApiError::Internal(e.to_string()),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `base` plus five characters from Kubernetes' alphabet for generated names.
pub fn generate_name(base: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let rnd = uuid::Uuid::new_v4();
    let suffix: String = rnd.as_bytes()[..5].iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect();
    let base = if base.len() > 58 { &base[..58] } else { base };
    format!("{base}{suffix}")
}

/// Continue tokens as kube-apiserver makes them: base64 of `{"v":…,"rv":N,"start":key}`.
fn encode_continue(rev: u64, next_key: &[u8]) -> String {
    use base64::Engine;
    let start = String::from_utf8_lossy(next_key);
    let tok = json!({"v": "meta.k8s.io/v1", "rv": rev, "start": start});
    base64::engine::general_purpose::URL_SAFE.encode(tok.to_string())
}

fn decode_continue(tok: &str) -> Result<(u64, String), ApiError> {
    use base64::Engine;
    let bad = || ApiError::BadRequest(format!("continue key is not valid: {tok}"));
    let raw = base64::engine::general_purpose::URL_SAFE
        .decode(tok)
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(tok))
        .map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&raw).map_err(|_| bad())?;
    let rev = v.get("rv").and_then(Value::as_u64).ok_or_else(bad)?;
    let start = v.get("start").and_then(Value::as_str).ok_or_else(bad)?.to_string();
    Ok((rev, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_token_round_trips() {
        let t = encode_continue(42, b"/registry/core/pods/default/b\0");
        assert_eq!(decode_continue(&t).expect("decodes"), (42, "/registry/core/pods/default/b\0".to_string()));
        assert!(decode_continue("!!!").is_err());
    }

    #[test]
    fn parse_for_match_leaves_out_managed_fields_only() {
        let raw = br#"{"kind":"Pod","metadata":{"name":"a","labels":{"x":"y"},"managedFields":[{"manager":"m","fieldsV1":{"f:spec":{}}}]},"spec":{"nodeName":"n"}}"#;
        let v = parse_for_match(raw).expect("parses");
        assert_eq!(v, json!({"kind":"Pod","metadata":{"name":"a","labels":{"x":"y"}},"spec":{"nodeName":"n"}}));
        assert!(parse_for_match(b"{").is_err());
    }

    #[test]
    fn generate_name_appends_five_characters() {
        let n = generate_name("web-");
        assert_eq!(n.len(), 9);
        assert!(n.starts_with("web-"));
    }
}
