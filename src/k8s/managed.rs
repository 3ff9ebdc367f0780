//! Field ownership for server-side apply: the `metadata.managedFields` of every object.
//!
//! A [`FieldSet`] is a tree of path elements in kube-apiserver's `FieldsV1` spelling:
//! `f:<field>` for a field of a map or struct, `k:{"name":"x"}` for an item of an
//! associative list (its merge keys, as JSON with sorted keys), `v:"x"` for an item of a set
//! list (finalizers), `i:<n>` for a position in a list that has no keys. A node is a
//! *member* when the field itself is owned: a leaf is `{}`; a map or list item that is owned
//! itself and has owned fields inside carries `".": {}` beside them.
//!
//! Which lists are associative, and by which keys, comes from the patch schema of the
//! built-in kinds ([`crate::k8s::patch::schema`]); lists it does not know (and all lists of
//! custom resources) are atomic: owned and replaced whole.
//!
//! The operations are those of Kubernetes' structured-merge-diff, reduced to what the
//! apiserver needs:
//! - [`to_field_set`]: the fields an applied configuration sets (the applier's new set);
//! - [`compare`]: the fields a write added, modified and removed (what an Update takes);
//! - [`prune`]: remove from an object the fields an applier stopped applying;
//! - [`record_update`] and [`record_apply`]: update the managers' entries, with conflicts.
//!
//! Pure functions over `serde_json::Value`; no I/O.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::patch::schema::{self, FieldMeta, Schema};

/// A set of field paths, as a tree keyed by `FieldsV1` path elements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSet {
    /// This path itself is in the set.
    member: bool,
    /// Paths below this one. Never holds an empty set.
    children: BTreeMap<String, FieldSet>,
}

impl FieldSet {
    pub fn new() -> FieldSet {
        FieldSet::default()
    }

    /// No path at all.
    pub fn is_empty(&self) -> bool {
        !self.member && self.children.is_empty()
    }

    /// Add a path (a sequence of `FieldsV1` path elements).
    pub fn insert<S: AsRef<str>>(&mut self, path: &[S]) {
        let mut node = self;
        for pe in path {
            node = node.children.entry(pe.as_ref().to_string()).or_default();
        }
        node.member = true;
    }

    /// Whether the set holds exactly this path.
    pub fn contains<S: AsRef<str>>(&self, path: &[S]) -> bool {
        let mut node = self;
        for pe in path {
            match node.children.get(pe.as_ref()) {
                Some(n) => node = n,
                None => return false,
            }
        }
        node.member
    }

    fn child_mut(&mut self, pe: &str) -> &mut FieldSet {
        if !self.children.contains_key(pe) {
            self.children.insert(pe.to_string(), FieldSet::default());
        }
        self.children.get_mut(pe).expect("inserted above")
    }

    /// Drop the child `pe` if nothing is left in it.
    fn tidy(&mut self, pe: &str) {
        if self.children.get(pe).is_some_and(FieldSet::is_empty) {
            self.children.remove(pe);
        }
    }

    /// Add every path of `other`.
    pub fn union_with(&mut self, other: &FieldSet) {
        self.member |= other.member;
        for (pe, o) in &other.children {
            self.child_mut(pe).union_with(o);
        }
    }

    pub fn union(&self, other: &FieldSet) -> FieldSet {
        let mut out = self.clone();
        out.union_with(other);
        out
    }

    /// Remove every path of `other`; returns whether anything was removed.
    pub fn remove_all(&mut self, other: &FieldSet) -> bool {
        let mut changed = false;
        if other.member && self.member {
            self.member = false;
            changed = true;
        }
        for (pe, o) in &other.children {
            if let Some(mine) = self.children.get_mut(pe) {
                changed |= mine.remove_all(o);
                self.tidy(pe);
            }
        }
        changed
    }

    pub fn difference(&self, other: &FieldSet) -> FieldSet {
        let mut out = self.clone();
        out.remove_all(other);
        out
    }

    pub fn intersection(&self, other: &FieldSet) -> FieldSet {
        let mut out = FieldSet { member: self.member && other.member, children: BTreeMap::new() };
        for (pe, mine) in &self.children {
            if let Some(o) = other.children.get(pe) {
                let i = mine.intersection(o);
                if !i.is_empty() {
                    out.children.insert(pe.clone(), i);
                }
            }
        }
        out
    }

    /// Whether the two sets share a path (without building the intersection).
    pub fn intersects(&self, other: &FieldSet) -> bool {
        if self.member && other.member {
            return true;
        }
        // Walk the smaller map, look up in the larger.
        let (small, large) = if self.children.len() <= other.children.len() { (self, other) } else { (other, self) };
        small.children.iter().any(|(pe, s)| large.children.get(pe).is_some_and(|l| s.intersects(l)))
    }

    /// The member paths, in structured-merge-diff's order: at each level the members first,
    /// then the paths below each element, elements in sorted order.
    pub fn paths(&self) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut prefix = Vec::new();
        self.collect_paths(&mut prefix, &mut out);
        out
    }

    fn collect_paths(&self, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        for (pe, c) in &self.children {
            if c.member {
                let mut p = prefix.clone();
                p.push(pe.clone());
                out.push(p);
            }
        }
        for (pe, c) in &self.children {
            if !c.children.is_empty() {
                prefix.push(pe.clone());
                c.collect_paths(prefix, out);
                prefix.pop();
            }
        }
    }

    /// Decode a `fieldsV1` object.
    pub fn from_fields_v1(v: &Value) -> Result<FieldSet, String> {
        let map = v.as_object().ok_or_else(|| "fieldsV1 must be a JSON object".to_string())?;
        let mut set = FieldSet::decode_node(map)?;
        set.member = false;
        Ok(set)
    }

    fn decode_node(map: &Map<String, Value>) -> Result<FieldSet, String> {
        let mut node = FieldSet { member: map.is_empty(), children: BTreeMap::new() };
        for (k, v) in map {
            if k == "." {
                node.member = true;
                continue;
            }
            if !matches!(k.get(..2), Some("f:" | "k:" | "v:" | "i:")) {
                return Err(format!("unknown path element {k:?} in fieldsV1"));
            }
            let child = v.as_object().ok_or_else(|| format!("fieldsV1 element {k:?} must be a JSON object"))?;
            node.children.insert(k.clone(), FieldSet::decode_node(child)?);
        }
        Ok(node)
    }

    /// Encode as a `fieldsV1` object.
    pub fn to_fields_v1(&self) -> Value {
        let mut map = Map::new();
        for (pe, c) in &self.children {
            map.insert(pe.clone(), c.encode_node());
        }
        Value::Object(map)
    }

    fn encode_node(&self) -> Value {
        let mut map = Map::new();
        if self.member && !self.children.is_empty() {
            map.insert(".".into(), Value::Object(Map::new()));
        }
        for (pe, c) in &self.children {
            map.insert(pe.clone(), c.encode_node());
        }
        Value::Object(map)
    }
}

/// A path as structured-merge-diff prints it: `.spec.containers[name="web"].image`.
pub fn path_string<S: AsRef<str>>(path: &[S]) -> String {
    let mut out = String::new();
    for pe in path {
        let pe = pe.as_ref();
        let (kind, rest) = pe.split_at(pe.len().min(2));
        match kind {
            "f:" => {
                out.push('.');
                out.push_str(rest);
            }
            "k:" => {
                let fields: Vec<String> = match serde_json::from_str::<Map<String, Value>>(rest) {
                    Ok(m) => m.iter().map(|(k, v)| format!("{k}={v}")).collect(),
                    Err(_) => vec![rest.to_string()],
                };
                out.push('[');
                out.push_str(&fields.join(","));
                out.push(']');
            }
            "v:" => {
                out.push_str("[=");
                out.push_str(rest);
                out.push(']');
            }
            "i:" => {
                out.push('[');
                out.push_str(rest);
                out.push(']');
            }
            _ => out.push_str(pe),
        }
    }
    out
}

// ---- the shape of values, from the patch schema ------------------------------------------

#[derive(Clone, Copy)]
enum Shape {
    /// A scalar, or a map or list owned and replaced whole.
    Leaf,
    /// A map or struct whose fields are owned one by one.
    Map(Schema),
    /// A list whose items are identified by these keys.
    Assoc(&'static [&'static str], Option<&'static str>, Schema),
    /// A list of scalars that is a set.
    Set,
}

fn shape(v: &Value, meta: FieldMeta) -> Shape {
    match v {
        Value::Object(m) => {
            // LabelSelector is `structType=atomic`, the one atomic struct that is common.
            if meta.strategy.replace || m.contains_key("matchLabels") || m.contains_key("matchExpressions") {
                Shape::Leaf
            } else {
                Shape::Map(meta.schema)
            }
        }
        Value::Array(_) if meta.strategy.merge => match meta.merge_key {
            Some(k) => Shape::Assoc(meta.list_map_keys, Some(k), meta.schema),
            None => Shape::Set,
        },
        _ => Shape::Leaf,
    }
}

/// The path element of a list item, or `None` if it lacks its keys.
fn item_element(item: &Value, shape: Shape) -> Option<String> {
    match shape {
        Shape::Set => Some(format!("v:{item}")),
        Shape::Assoc(keys, merge_key, _) => {
            let obj = item.as_object()?;
            let mut key = Map::new();
            let keys: &[&str] = if keys.is_empty() { std::slice::from_ref(merge_key.as_ref()?) } else { keys };
            for k in keys {
                match obj.get(*k) {
                    Some(v) if !v.is_null() => {
                        key.insert((*k).to_string(), v.clone());
                    }
                    // The one key field with a default: ports' protocol.
                    _ if *k == "protocol" => {
                        key.insert("protocol".into(), json!("TCP"));
                    }
                    _ => {}
                }
            }
            if key.is_empty() {
                return None;
            }
            Some(format!("k:{}", Value::Object(key)))
        }
        _ => None,
    }
}

/// Which top-level parts of an object a write's field sets cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everything (kinds without a status subresource, and `finalize`).
    All,
    /// The main resource of a kind with a status subresource: everything but `status`.
    NoStatus,
    /// The `status` subresource: only `status`.
    StatusOnly,
}

/// Fields of the root and of `metadata` that nobody owns (kube-apiserver strips them).
fn tracked_root(scope: Scope, key: &str) -> bool {
    match key {
        "apiVersion" | "kind" => false,
        "status" => scope != Scope::NoStatus,
        _ => scope != Scope::StatusOnly,
    }
}

fn tracked_meta(key: &str) -> bool {
    !matches!(
        key,
        "name"
            | "namespace"
            | "creationTimestamp"
            | "selfLink"
            | "uid"
            | "clusterName"
            | "generation"
            | "managedFields"
            | "resourceVersion"
    )
}

/// The schema of an object of `group`/`kind` (an untyped one for custom resources).
pub fn schema_of(group: &str, kind: &str) -> Schema {
    schema::root(group, kind).unwrap_or_default()
}

// ---- the field set of a configuration ----------------------------------------------------

/// The fields an applied configuration sets: every leaf, every list item, and every map that
/// is empty or null.
pub fn to_field_set(config: &Value, schema: Schema, scope: Scope) -> FieldSet {
    let mut set = FieldSet::new();
    if let Some(root) = config.as_object() {
        for (k, v) in root {
            if !tracked_root(scope, k) {
                continue;
            }
            let pe = format!("f:{k}");
            if k == "metadata" {
                if let Some(m) = v.as_object() {
                    let node = set.child_mut(&pe);
                    for (mk, mv) in m {
                        if tracked_meta(mk) {
                            set_field(node, mk, mv, schema.field(k).schema.field(mk));
                        }
                    }
                }
                set.tidy(&pe);
                continue;
            }
            set_field(&mut set, k, v, schema.field(k));
        }
    }
    set
}

fn set_field(parent: &mut FieldSet, key: &str, v: &Value, meta: FieldMeta) {
    let pe = format!("f:{key}");
    let node = parent.child_mut(&pe);
    set_value(node, v, meta);
    if v.is_null() || v.as_object().is_some_and(Map::is_empty) {
        node.member = true;
    }
    parent.tidy(&pe);
}

fn set_value(node: &mut FieldSet, v: &Value, meta: FieldMeta) {
    match (shape(v, meta), v) {
        (Shape::Map(s), Value::Object(m)) => {
            for (k, child) in m {
                set_field(node, k, child, s.field(k));
            }
        }
        (sh @ Shape::Assoc(_, _, item_schema), Value::Array(items)) => {
            for item in items {
                let Some(pe) = item_element(item, sh) else { continue };
                let c = node.child_mut(&pe);
                c.member = true;
                if let Some(m) = item.as_object() {
                    for (k, child) in m {
                        set_field(c, k, child, item_schema.field(k));
                    }
                }
            }
        }
        (sh @ Shape::Set, Value::Array(items)) => {
            for item in items {
                if let Some(pe) = item_element(item, sh) {
                    node.child_mut(&pe).member = true;
                }
            }
        }
        _ => node.member = true,
    }
}

// ---- comparing two versions of an object -------------------------------------------------

/// What a write did, field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub added: FieldSet,
    pub modified: FieldSet,
    pub removed: FieldSet,
}

impl Comparison {
    pub fn is_same(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty()
    }

    /// Added or modified: the fields whose value the write set.
    pub fn changed(&self) -> FieldSet {
        self.added.union(&self.modified)
    }
}

/// The fields that differ between `old` and `new` (`None`: the object did not exist). A
/// map or list that appears or disappears counts itself; values are compared leaf by leaf.
pub fn compare(old: Option<&Value>, new: &Value, schema: Schema, scope: Scope) -> Comparison {
    let mut c = Comparison::default();
    // An object that did not exist compares as the empty object of its type, in which the
    // top-level structs (and a workload's pod template) exist already.
    let skeleton;
    let old = match old {
        Some(o) => o,
        None => {
            skeleton = skeleton_of(new);
            &skeleton
        }
    };
    let empty = Map::new();
    let lm = old.as_object().unwrap_or(&empty);
    let rm = new.as_object().unwrap_or(&empty);
    let mut nodes = Nodes::default();
    for key in union_keys(lm, rm) {
        if !tracked_root(scope, key) {
            continue;
        }
        let (l, r) = (lm.get(key), rm.get(key));
        if l == r {
            continue;
        }
        let pe = format!("f:{key}");
        if key == "metadata" {
            let lmeta = l.and_then(Value::as_object).unwrap_or(&empty);
            let rmeta = r.and_then(Value::as_object).unwrap_or(&empty);
            let mschema = schema.field("metadata").schema;
            let mut mnodes = Nodes::default();
            for mk in union_keys(lmeta, rmeta) {
                if !tracked_meta(mk) {
                    continue;
                }
                let (ml, mr) = (lmeta.get(mk), rmeta.get(mk));
                if ml != mr {
                    mnodes.field(mk, ml, mr, mschema.field(mk));
                }
            }
            nodes.adopt(&pe, mnodes);
            continue;
        }
        nodes.field(key, l, r, schema.field(key));
    }
    nodes.into_comparison(&mut c);
    c
}

fn skeleton_of(new: &Value) -> Value {
    let mut s = json!({"metadata": {}, "spec": {}, "status": {}});
    if meta_has(new, &["spec", "containers"]) {
        s["spec"]["containers"] = Value::Null;
    }
    if meta_has(new, &["spec", "template"]) {
        s["spec"]["template"] = json!({"metadata": {"creationTimestamp": null}, "spec": {"containers": null}});
    }
    if meta_has(new, &["spec", "strategy"]) {
        s["spec"]["strategy"] = json!({});
    }
    s
}

fn meta_has(v: &Value, path: &[&str]) -> bool {
    let mut cur = v;
    for p in path {
        match cur.get(*p) {
            Some(n) => cur = n,
            None => return false,
        }
    }
    true
}

fn union_keys<'a>(l: &'a Map<String, Value>, r: &'a Map<String, Value>) -> impl Iterator<Item = &'a String> {
    l.keys().chain(r.keys().filter(|k| !l.contains_key(*k)))
}

/// The three sets of a comparison being built, for one node and below.
#[derive(Default)]
struct Nodes {
    added: FieldSet,
    modified: FieldSet,
    removed: FieldSet,
}

impl Nodes {
    fn adopt(&mut self, pe: &str, child: Nodes) {
        for (mine, theirs) in
            [(&mut self.added, child.added), (&mut self.modified, child.modified), (&mut self.removed, child.removed)]
        {
            if !theirs.is_empty() {
                mine.children.insert(pe.to_string(), theirs);
            }
        }
    }

    fn into_comparison(self, c: &mut Comparison) {
        c.added = self.added;
        c.modified = self.modified;
        c.removed = self.removed;
    }

    /// Compare the values of field `key` (known to differ, or one side missing).
    fn field(&mut self, key: &str, l: Option<&Value>, r: Option<&Value>, meta: FieldMeta) {
        let mut child = Nodes::default();
        child.value(l, r, meta);
        self.adopt(&format!("f:{key}"), child);
    }

    fn leaf(&mut self, l: Option<&Value>, r: Option<&Value>) {
        match (l, r) {
            (None, None) => {}
            (None, Some(_)) => self.added.member = true,
            (Some(_), None) => self.removed.member = true,
            (Some(a), Some(b)) if a != b => self.modified.member = true,
            _ => {}
        }
    }

    /// Compare two values at this node.
    fn value<'v>(&mut self, l: Option<&'v Value>, r: Option<&'v Value>, meta: FieldMeta) {
        // A null takes the shape of the other side (the empty object of a type has nulls
        // where lists and pointers will be).
        let sl = l.filter(|v| !v.is_null()).map(|v| shape(v, meta));
        let sr = r.filter(|v| !v.is_null()).map(|v| shape(v, meta));
        let sh = match (sl, sr) {
            (Some(a), Some(b)) if std::mem::discriminant(&a) != std::mem::discriminant(&b) => Shape::Leaf,
            (Some(a), _) => a,
            (None, Some(b)) => b,
            (None, None) => Shape::Leaf,
        };
        match sh {
            Shape::Leaf => self.leaf(l, r),
            Shape::Map(s) => {
                let empty = Map::new();
                let lm = l.and_then(Value::as_object);
                let rm = r.and_then(Value::as_object);
                if lm.is_none_or(Map::is_empty) && rm.is_none_or(Map::is_empty) {
                    self.leaf(l, r);
                    return;
                }
                let (lm, rm) = (lm.unwrap_or(&empty), rm.unwrap_or(&empty));
                for k in union_keys(lm, rm) {
                    let (a, b) = (lm.get(k), rm.get(k));
                    if a != b {
                        self.field(k, a, b, s.field(k));
                    }
                }
                self.presence(l, r);
            }
            Shape::Assoc(..) | Shape::Set => {
                let la = l.and_then(Value::as_array);
                let ra = r.and_then(Value::as_array);
                if la.is_none_or(Vec::is_empty) && ra.is_none_or(Vec::is_empty) {
                    self.leaf(l, r);
                    return;
                }
                let index = |a: Option<&'v Vec<Value>>| -> Vec<(String, &'v Value)> {
                    a.map(|a| a.iter().filter_map(|i| item_element(i, sh).map(|pe| (pe, i))).collect())
                        .unwrap_or_default()
                };
                let li = index(la);
                let ri = index(ra);
                let lmap: std::collections::HashMap<&str, &Value> = li.iter().map(|(p, v)| (p.as_str(), *v)).collect();
                let rmap: std::collections::HashMap<&str, &Value> = ri.iter().map(|(p, v)| (p.as_str(), *v)).collect();
                let extra = ri.iter().filter(|(p, _)| !lmap.contains_key(p.as_str()));
                for (pe, _) in li.iter().chain(extra) {
                    let (a, b) = (lmap.get(pe.as_str()).copied(), rmap.get(pe.as_str()).copied());
                    if a == b {
                        continue;
                    }
                    let mut child = Nodes::default();
                    match sh {
                        Shape::Assoc(_, _, item_schema) => {
                            let item_meta = FieldMeta { schema: item_schema, ..FieldMeta::default() };
                            child.value(a, b, item_meta);
                            // An item is always owned itself, even when only its fields
                            // changed: record its appearance and disappearance.
                            child.presence(a, b);
                        }
                        _ => child.leaf(a, b),
                    }
                    self.adopt(pe, child);
                }
                self.presence(l, r);
            }
        }
    }

    /// A map or list that appeared or disappeared counts itself.
    fn presence(&mut self, l: Option<&Value>, r: Option<&Value>) {
        match (l, r) {
            (None, Some(_)) => self.added.member = true,
            (Some(_), None) => self.removed.member = true,
            _ => {}
        }
    }
}

// ---- removing fields an applier stopped applying ------------------------------------------

/// Remove from `obj` every member of `removable` that `keep` holds nothing at or below (a
/// field another manager still owns, or the applier applies again, stays).
pub fn prune(obj: &mut Value, removable: &FieldSet, keep: &FieldSet, schema: Schema) {
    if let Some(m) = obj.as_object_mut() {
        prune_map(m, removable, Some(keep), schema);
    }
}

fn prune_map(obj: &mut Map<String, Value>, removable: &FieldSet, keep: Option<&FieldSet>, schema: Schema) {
    for (pe, r) in &removable.children {
        let Some(name) = pe.strip_prefix("f:") else { continue };
        let k = keep.and_then(|k| k.children.get(pe));
        if r.member && k.is_none() {
            obj.remove(name);
            continue;
        }
        if r.children.is_empty() {
            continue;
        }
        let meta = schema.field(name);
        let emptied = match obj.get_mut(name) {
            Some(v) => prune_value(v, r, k, meta),
            None => false,
        };
        if emptied {
            obj.remove(name);
        }
    }
}

/// Prune inside one value; returns whether pruning left it empty (then it goes too).
fn prune_value(v: &mut Value, removable: &FieldSet, keep: Option<&FieldSet>, meta: FieldMeta) -> bool {
    let sh = shape(v, meta);
    match (sh, v) {
        (Shape::Map(s), Value::Object(m)) => {
            let before = m.len();
            prune_map(m, removable, keep, s);
            before > 0 && m.is_empty()
        }
        (Shape::Assoc(..) | Shape::Set, Value::Array(items)) => {
            let before = items.len();
            let item_schema = match sh {
                Shape::Assoc(_, _, s) => s,
                _ => Schema::default(),
            };
            items.retain_mut(|item| {
                let Some(pe) = item_element(item, sh) else { return true };
                let Some(r) = removable.children.get(&pe) else { return true };
                let k = keep.and_then(|k| k.children.get(&pe));
                if r.member && k.is_none() {
                    return false;
                }
                if let Some(m) = item.as_object_mut() {
                    prune_map(m, r, k, item_schema);
                }
                true
            });
            before > 0 && items.is_empty()
        }
        _ => false,
    }
}

// ---- managers ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Operation {
    Apply,
    Update,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Apply => "Apply",
            Operation::Update => "Update",
        }
    }
}

/// One `managedFields` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub manager: String,
    pub operation: Operation,
    pub api_version: String,
    pub time: Option<String>,
    pub subresource: Option<String>,
    pub fields: FieldSet,
}

/// Who is writing: the entry a write records its fields in.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    pub manager: &'a str,
    pub operation: Operation,
    pub api_version: &'a str,
    pub subresource: Option<&'a str>,
    /// RFC 3339 time of the write.
    pub now: &'a str,
}

impl Entry {
    /// Whether this is the actor's entry. Appliers are one manager across API versions.
    fn is(&self, a: &Actor<'_>) -> bool {
        self.manager == a.manager
            && self.operation == a.operation
            && self.subresource.as_deref() == a.subresource
            && (a.operation == Operation::Apply || self.api_version == a.api_version)
    }

    /// The manager as kube-apiserver's conflict messages name it.
    pub fn describe(&self) -> String {
        let mut s = format!("{:?}", self.manager);
        if let Some(sub) = &self.subresource {
            s.push_str(&format!(" with subresource {sub:?}"));
        }
        if self.operation == Operation::Update {
            s.push_str(&format!(" using {}", self.api_version));
        }
        s
    }

    /// The identity kube-apiserver sorts managers by (the entry without time and fields).
    fn identity(&self) -> String {
        let mut s = format!(
            "{{\"manager\":{},\"operation\":\"{}\"",
            Value::String(self.manager.clone()),
            self.operation.as_str()
        );
        if self.operation == Operation::Update {
            s.push_str(&format!(",\"apiVersion\":{}", Value::String(self.api_version.clone())));
        }
        if let Some(sub) = &self.subresource {
            s.push_str(&format!(",\"subresource\":{}", Value::String(sub.clone())));
        }
        s.push('}');
        s
    }

    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("manager".into(), json!(self.manager));
        m.insert("operation".into(), json!(self.operation.as_str()));
        m.insert("apiVersion".into(), json!(self.api_version));
        if let Some(t) = &self.time {
            m.insert("time".into(), json!(t));
        }
        m.insert("fieldsType".into(), json!("FieldsV1"));
        m.insert("fieldsV1".into(), self.fields.to_fields_v1());
        if let Some(s) = &self.subresource {
            m.insert("subresource".into(), json!(s));
        }
        Value::Object(m)
    }
}

/// Decode `metadata.managedFields`; entries that do not decode are dropped.
pub fn decode(managed: Option<&Value>) -> Vec<Entry> {
    let Some(list) = managed.and_then(Value::as_array) else { return Vec::new() };
    list.iter().filter_map(decode_entry).collect()
}

fn decode_entry(v: &Value) -> Option<Entry> {
    let operation = match v.get("operation")?.as_str()? {
        "Apply" => Operation::Apply,
        "Update" => Operation::Update,
        _ => return None,
    };
    if v.get("fieldsType").and_then(Value::as_str).is_some_and(|t| t != "FieldsV1") {
        return None;
    }
    let fields = match v.get("fieldsV1") {
        Some(f) => FieldSet::from_fields_v1(f).ok()?,
        None => FieldSet::new(),
    };
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Some(Entry {
        manager: s("manager").unwrap_or_default(),
        operation,
        api_version: s("apiVersion").unwrap_or_default(),
        time: s("time"),
        subresource: s("subresource").filter(|s| !s.is_empty()),
        fields,
    })
}

/// Encode entries as `metadata.managedFields`, in kube-apiserver's order: appliers first,
/// then by time, manager, API version and subresource.
pub fn encode(entries: &[Entry]) -> Value {
    let mut sorted: Vec<&Entry> = entries.iter().filter(|e| !e.fields.is_empty()).collect();
    sorted.sort_by(|a, b| {
        a.operation
            .cmp(&b.operation)
            .then_with(|| a.time.cmp(&b.time))
            .then_with(|| a.manager.cmp(&b.manager))
            .then_with(|| a.api_version.cmp(&b.api_version))
            .then_with(|| a.subresource.cmp(&b.subresource))
    });
    Value::Array(sorted.into_iter().map(Entry::to_value).collect())
}

/// `managedFields: [{}]`: a client asking for the entries to be reset.
pub fn is_reset(managed: Option<&Value>) -> bool {
    managed.and_then(Value::as_array).is_some_and(|a| a.len() == 1 && a[0].as_object().is_some_and(Map::is_empty))
}

/// Record an Update: the actor takes every field the write changed (from whoever owned it),
/// fields the write removed belong to nobody, and managers left with nothing are dropped.
/// Returns false (entries untouched) when the write changed no field.
pub fn record_update(entries: &mut Vec<Entry>, cmp: &Comparison, actor: &Actor<'_>) -> bool {
    if cmp.is_same() {
        return false;
    }
    let changed = cmp.changed();
    for e in entries.iter_mut().filter(|e| !e.is(actor)) {
        if e.fields.intersects(&changed) {
            e.fields.remove_all(&changed);
        }
        if e.fields.intersects(&cmp.removed) {
            e.fields.remove_all(&cmp.removed);
        }
    }
    let i = match entries.iter().position(|e| e.is(actor)) {
        Some(i) => i,
        None => {
            entries.push(Entry {
                manager: actor.manager.to_string(),
                operation: actor.operation,
                api_version: actor.api_version.to_string(),
                time: None,
                subresource: actor.subresource.map(str::to_string),
                fields: FieldSet::new(),
            });
            entries.len() - 1
        }
    };
    let mine = &mut entries[i];
    mine.fields.remove_all(&cmp.removed);
    mine.fields.union_with(&changed);
    mine.time = Some(actor.now.to_string());
    entries.retain(|e| !e.fields.is_empty());
    true
}

/// A field another manager owns that an apply would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The manager, as messages name it (`"kubectl" using apps/v1`).
    pub manager: String,
    /// The manager's identity, for ordering.
    identity: String,
    /// The field, as structured-merge-diff prints paths (`.spec.replicas`).
    pub field: String,
    /// The field as path elements.
    path: Vec<String>,
}

/// The conflicts that remain when `kubectl` upgrades an object from client-side apply: a
/// field the `kubectl.kubernetes.io/last-applied-configuration` annotation of the live object
/// sets was kubectl's already, so taking it is no conflict (kube-apiserver's
/// lastAppliedManager).
pub fn without_last_applied(conflicts: Vec<Conflict>, live: &Value, schema: Schema, scope: Scope) -> Vec<Conflict> {
    let Some(text) = live.pointer("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration") else {
        return conflicts;
    };
    let Some(last) = text.as_str().and_then(|t| serde_json::from_str::<Value>(t).ok()) else { return conflicts };
    let allowed = to_field_set(&last, schema, scope);
    conflicts.into_iter().filter(|c| !allowed.contains(&c.path)).collect()
}

/// kube-apiserver's message for an apply refused for conflicts.
pub fn conflict_message(conflicts: &[Conflict]) -> String {
    if let [c] = conflicts {
        return format!("Apply failed with 1 conflict: conflict with {}: {}", c.manager, c.field);
    }
    let mut lines = Vec::new();
    let mut last: Option<&str> = None;
    for c in conflicts {
        if last != Some(c.identity.as_str()) {
            lines.push(format!("conflicts with {}:", c.manager));
            last = Some(&c.identity);
        }
        lines.push(format!("- {}", c.field));
    }
    format!("Apply failed with {} conflicts: {}", conflicts.len(), lines.join("\n"))
}

/// What an apply is: the live object and its entries, the applied configuration's field
/// set, and the object the configuration merged into the live one (before pruning).
pub struct ApplyInput<'a> {
    pub live: Option<&'a Value>,
    pub entries: Vec<Entry>,
    pub config_set: FieldSet,
    pub force: bool,
    pub schema: Schema,
    pub scope: Scope,
}

/// Record an apply: prune from `merged` the fields the applier applied before and no longer
/// applies (unless someone else owns them), check conflicts with other managers, and return
/// the new entries. `Err` holds the conflicts when the apply is refused.
pub fn record_apply(input: ApplyInput<'_>, merged: &mut Value, actor: &Actor<'_>) -> Result<Vec<Entry>, Vec<Conflict>> {
    let ApplyInput { live, mut entries, config_set, force, schema, scope } = input;
    let mine = entries.iter().position(|e| e.is(actor));
    if let Some(i) = mine
        && live.is_some()
    {
        let last = &entries[i].fields;
        let removable = last.difference(&config_set);
        if !removable.is_empty() {
            let mut keep = config_set.clone();
            for (j, e) in entries.iter().enumerate() {
                if j != i {
                    keep.union_with(&e.fields);
                }
            }
            prune(merged, &removable, &keep, schema);
        }
    }
    let cmp = compare(live, merged, schema, scope);
    let changed = cmp.changed();
    let mut conflicts = Vec::new();
    for e in entries.iter().filter(|e| !e.is(actor)) {
        if !e.fields.intersects(&changed) {
            continue;
        }
        let both = e.fields.intersection(&changed);
        for p in both.paths() {
            conflicts.push(Conflict { manager: e.describe(), identity: e.identity(), field: path_string(&p), path: p });
        }
    }
    if !conflicts.is_empty() && !force {
        // Sorted by manager; each manager's fields in set order.
        conflicts.sort_by(|a, b| a.identity.cmp(&b.identity));
        return Err(conflicts);
    }
    for e in entries.iter_mut().filter(|e| !e.is(actor)) {
        if e.fields.intersects(&changed) {
            e.fields.remove_all(&changed);
        }
        if e.fields.intersects(&cmp.removed) {
            e.fields.remove_all(&cmp.removed);
        }
    }
    let unchanged_set = mine.is_some_and(|i| entries[i].fields == config_set);
    match entries.iter_mut().find(|e| e.is(actor)) {
        Some(e) => {
            if !(unchanged_set && cmp.is_same()) {
                e.time = Some(actor.now.to_string());
            }
            e.fields = config_set;
            e.api_version = actor.api_version.to_string();
        }
        None => entries.push(Entry {
            manager: actor.manager.to_string(),
            operation: Operation::Apply,
            api_version: actor.api_version.to_string(),
            time: Some(actor.now.to_string()),
            subresource: actor.subresource.map(str::to_string),
            fields: config_set,
        }),
    }
    entries.retain(|e| !e.fields.is_empty());
    Ok(entries)
}

#[cfg(test)]
mod tests;
