//! Kubernetes JSONPath (client-go `util/jsonpath`), one implementation for every user: kubectl's
//! `-o jsonpath=` templates (text, `{…}` actions, `{range …}{end}`, `{"\n"}` literals, unions,
//! filters, `..`, `*`, slices, `\.` escapes), the relaxed single expressions of custom columns
//! and `--sort-by`, and CRD printer columns. Parsing and evaluation follow the Go code closely,
//! error messages included, because kubectl users see both. Pure functions; no I/O.

use std::borrow::Cow;

use serde_json::Value;

use super::gofmt;

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    items: Vec<Item>,
}

/// A single path (the CRD printer column form): a template holding one action.
pub type JsonPath = Template;

#[derive(Clone, Debug, PartialEq)]
enum Item {
    Text(String),
    Action(Vec<Node>),
    /// `{range EXPR}BODY{end}`; a range without `end` runs to the end of the template.
    Range(Vec<Node>, Vec<Item>),
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Field(String),
    Array([Param; 3]),
    Filter(Box<Filter>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Param {
    value: i64,
    known: bool,
    /// The end of `[N]`: one past N, even when N counts from the end.
    derived: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Filter {
    left: Vec<Node>,
    right: Vec<Node>,
    op: String,
}

/// A template that does not parse; the message is client-go's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// A template that fails on this data; the message is client-go's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EvalError(pub String);

fn perr<T>(msg: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(msg.into()))
}

fn eerr<T>(msg: impl Into<String>) -> Result<T, EvalError> {
    Err(EvalError(msg.into()))
}

/// A value a template produced: part of the input, or made by the template (literals).
type Val<'a> = Cow<'a, Value>;

impl Template {
    /// Parses a full template (`{.a}` text `{range …}{end}`).
    pub fn parse_template(text: &str) -> Result<Self, ParseError> {
        let mut p = Parser::new(text);
        let flat = p.parse_text()?;
        let mut pos = 0;
        let items = nest(&flat, &mut pos, false);
        Ok(Template { items })
    }

    /// Parses one path with or without the `{…}` braces and leading `$`, as the CRD table
    /// convertor accepts them.
    pub fn parse(expr: &str) -> Result<Self, ParseError> {
        let trimmed = expr.trim();
        if trimmed.starts_with('{') {
            return Self::parse_template(trimmed);
        }
        Self::parse_template(&format!("{{{trimmed}}}"))
    }

    /// kubectl's `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean
    /// `{.a.b}`. Used by custom columns and `--sort-by`.
    pub fn relaxed(expr: &str) -> Result<String, ParseError> {
        if expr.is_empty() {
            return Ok(String::new());
        }
        let inner = match expr.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(inner) => inner,
            None => expr,
        };
        // The regexp's optional `\.` gives way when nothing else would be left.
        let inner = match inner.strip_prefix('.') {
            Some("") | None => inner,
            Some(rest) => rest,
        };
        if inner.is_empty() || inner.contains(['{', '}']) {
            return perr(
                "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
            );
        }
        Ok(format!("{{.{inner}}}"))
    }

    /// Every action's results, in order (client-go `FindResults`). Text outside actions
    /// counts as an action producing its text.
    pub fn find_results<'a>(&self, data: &'a Value, allow_missing: bool) -> Result<Vec<Vec<Val<'a>>>, EvalError> {
        let mut out = Vec::new();
        eval_items(&self.items, Cow::Borrowed(data), allow_missing, &mut out)?;
        Ok(out)
    }

    /// All values the (single-action) path selects, missing keys allowed: CRD printer
    /// columns and sorting.
    pub fn find<'a>(&self, root: &'a Value) -> Result<Vec<Val<'a>>, EvalError> {
        Ok(self.find_results(root, true)?.into_iter().flatten().collect())
    }

    /// The template's output for `data` (client-go `Execute`): each action's values separated
    /// by spaces, maps and lists as compact JSON, everything else as Go prints it.
    pub fn execute(&self, data: &Value, allow_missing: bool) -> Result<String, EvalError> {
        let mut out = String::new();
        for results in self.find_results(data, allow_missing)? {
            for (i, r) in results.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&print_value(r));
            }
        }
        Ok(out)
    }
}

/// One result as `PrintResults` prints it.
pub fn print_value(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => gofmt::json_compact(v),
        other => gofmt::sprint(other),
    }
}

/// A flat item of the parse, before ranges are nested.
#[derive(Clone, Debug, PartialEq)]
enum Flat {
    Text(String),
    Action(Vec<Node>),
}

fn is_end(nodes: &[Node]) -> bool {
    matches!(nodes, [Node::Identifier(i)] if i == "end")
}

/// Turn the flat item list into nested ranges: `{range …}` opens a body that the matching
/// `{end}` closes.
fn nest(flat: &[Flat], pos: &mut usize, in_range: bool) -> Vec<Item> {
    let mut items = Vec::new();
    while *pos < flat.len() {
        let f = &flat[*pos];
        *pos += 1;
        match f {
            Flat::Text(t) => items.push(Item::Text(t.clone())),
            Flat::Action(nodes) if is_end(nodes) && in_range => return items,
            Flat::Action(nodes) => match nodes.first() {
                Some(Node::Identifier(i)) if i == "range" => {
                    let body = nest(flat, pos, true);
                    items.push(Item::Range(nodes[1..].to_vec(), body));
                }
                _ => items.push(Item::Action(nodes.clone())),
            },
        }
    }
    items
}

fn eval_items<'a>(
    items: &[Item],
    data: Val<'a>,
    allow_missing: bool,
    out: &mut Vec<Vec<Val<'a>>>,
) -> Result<(), EvalError> {
    for item in items {
        match item {
            Item::Text(t) => out.push(vec![Cow::Owned(Value::String(t.clone()))]),
            Item::Action(nodes) => out.push(eval_list(vec![data.clone()], nodes, allow_missing)?),
            Item::Range(expr, body) => {
                let values = eval_list(vec![data.clone()], expr, allow_missing)?;
                if values.is_empty() {
                    // Go still walks the body once (with no data) to find its end; only its
                    // errors are kept.
                    let mut discard = Vec::new();
                    eval_items(body, Cow::Owned(Value::Null), allow_missing, &mut discard)?;
                }
                for v in values {
                    eval_items(body, v, allow_missing, out)?;
                }
            }
        }
    }
    Ok(())
}

fn eval_list<'a>(input: Vec<Val<'a>>, nodes: &[Node], allow_missing: bool) -> Result<Vec<Val<'a>>, EvalError> {
    let mut cur = input;
    for node in nodes {
        cur = walk(cur, node, allow_missing)?;
    }
    Ok(cur)
}

/// A child of a borrowed or owned value, keeping the borrow when there is one.
fn child<'a>(parent: &Val<'a>, get: impl Fn(&Value) -> Option<&Value>) -> Option<Val<'a>> {
    match parent {
        Cow::Borrowed(p) => get(p).map(Cow::Borrowed),
        Cow::Owned(p) => get(p).map(|v| Cow::Owned(v.clone())),
    }
}

fn children<'a>(parent: &Val<'a>) -> Vec<Val<'a>> {
    match parent {
        Cow::Borrowed(p) => match p {
            Value::Object(m) => m.values().map(Cow::Borrowed).collect(),
            Value::Array(a) => a.iter().map(Cow::Borrowed).collect(),
            Value::String(s) => s.bytes().map(|b| Cow::Owned(Value::from(b))).collect(),
            _ => Vec::new(),
        },
        Cow::Owned(p) => match p {
            Value::Object(m) => m.values().cloned().map(Cow::Owned).collect(),
            Value::Array(a) => a.iter().cloned().map(Cow::Owned).collect(),
            Value::String(s) => s.bytes().map(|b| Cow::Owned(Value::from(b))).collect(),
            _ => Vec::new(),
        },
    }
}

fn walk<'a>(input: Vec<Val<'a>>, node: &Node, allow_missing: bool) -> Result<Vec<Val<'a>>, EvalError> {
    match node {
        Node::Text(t) => Ok(vec![Cow::Owned(Value::String(t.clone()))]),
        Node::Int(i) => Ok(input.iter().map(|_| Cow::Owned(Value::from(*i))).collect()),
        Node::Float(f) => Ok(input
            .iter()
            .map(|_| Cow::Owned(serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)))
            .collect()),
        Node::Bool(b) => Ok(input.iter().map(|_| Cow::Owned(Value::Bool(*b))).collect()),
        Node::Field(name) => {
            if input.is_empty() {
                return Ok(Vec::new());
            }
            let mut out = Vec::new();
            for v in &input {
                if let Some(found) = child(v, |p| p.as_object().and_then(|m| m.get(name))) {
                    out.push(found);
                }
            }
            if out.is_empty() && !allow_missing {
                return eerr(format!("{name} is not found"));
            }
            Ok(out)
        }
        Node::Array(params) => {
            let mut out = Vec::new();
            for v in &input {
                if v.is_null() {
                    continue;
                }
                let Some(len) = v.as_array().map(Vec::len) else {
                    return eerr(format!("{} is not array or slice", gofmt::type_name(v)));
                };
                let len = len as i64;
                let mut p = *params;
                if !p[0].known {
                    p[0].value = 0;
                }
                if p[0].value < 0 {
                    p[0].value += len;
                }
                if !p[1].known {
                    p[1].value = len;
                }
                if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
                    p[1].value += len;
                }
                if p[1].value == p[0].value {
                    // Asking for nothing is allowed, and ends this step (client-go returns).
                    return Ok(out);
                }
                if p[0].value >= len || p[0].value < 0 {
                    return eerr(format!("array index out of bounds: index {}, length {len}", p[0].value));
                }
                if p[1].value > len || p[1].value < 0 {
                    return eerr(format!("array index out of bounds: index {}, length {len}", p[1].value - 1));
                }
                if p[0].value > p[1].value {
                    return eerr(format!("starting index {} is greater than ending index {}", p[0].value, p[1].value));
                }
                let step = if p[2].known {
                    if p[2].value <= 0 {
                        return eerr("step must be > 0");
                    }
                    p[2].value as usize
                } else {
                    1
                };
                let (from, to) = (p[0].value as usize, p[1].value as usize);
                for i in (from..to).step_by(step) {
                    if let Some(item) = child(v, |a| a.as_array().and_then(|a| a.get(i))) {
                        out.push(item);
                    }
                }
            }
            Ok(out)
        }
        Node::Filter(filter) => {
            let mut out = Vec::new();
            for v in &input {
                let Some(items) = v.as_array() else {
                    return eerr(format!("{} is not array or slice and cannot be filtered", gofmt::sprint(v)));
                };
                for i in 0..items.len() {
                    let Some(item) = child(v, |a| a.as_array().and_then(|a| a.get(i))) else { continue };
                    let lefts = eval_list(vec![item.clone()], &filter.left, allow_missing);
                    if filter.op == "exists" {
                        if lefts.is_ok_and(|l| !l.is_empty()) {
                            out.push(item);
                        }
                        continue;
                    }
                    let lefts = lefts?;
                    let left = match lefts.as_slice() {
                        [] => continue,
                        [one] => one.clone(),
                        _ => return eerr("can only compare one element at a time"),
                    };
                    let rights = eval_list(vec![item.clone()], &filter.right, allow_missing)?;
                    let right = match rights.as_slice() {
                        [] => continue,
                        [one] => one.clone(),
                        _ => return eerr("can only compare one element at a time"),
                    };
                    if compare(&filter.op, &left, &right)? {
                        out.push(item);
                    }
                }
            }
            Ok(out)
        }
        Node::Wildcard => {
            let mut out = Vec::new();
            for v in &input {
                out.extend(children(v));
            }
            Ok(out)
        }
        Node::Recursive => {
            let mut out = Vec::new();
            for v in input {
                recurse(v, &mut out);
            }
            Ok(out)
        }
        Node::Union(lists) => {
            let mut out = Vec::new();
            for list in lists {
                out.extend(eval_list(input.clone(), list, allow_missing)?);
            }
            Ok(out)
        }
        Node::Identifier(name) => match name.as_str() {
            "end" => eerr("not in range, nothing to end"),
            "range" => Ok(input),
            other => eerr(format!("unrecognized identifier {other}")),
        },
    }
}

/// client-go's `evalRecursive`: every value with children (maps, lists, non-empty strings),
/// itself first, then its descendants.
fn recurse<'a>(v: Val<'a>, out: &mut Vec<Val<'a>>) {
    let kids = children(&v);
    if kids.is_empty() {
        return;
    }
    out.push(v);
    for k in kids {
        recurse(k, out);
    }
}

#[derive(PartialEq)]
enum Kind {
    Bool,
    Int,
    Float,
    String,
}

fn basic_kind(v: &Value) -> Result<Kind, EvalError> {
    match v {
        Value::Bool(_) => Ok(Kind::Bool),
        Value::Number(n) if n.is_f64() => Ok(Kind::Float),
        Value::Number(_) => Ok(Kind::Int),
        Value::String(_) => Ok(Kind::String),
        _ => eerr("invalid type for comparison"),
    }
}

fn equal(a: &Value, b: &Value) -> Result<bool, EvalError> {
    let (ka, kb) = (basic_kind(a)?, basic_kind(b)?);
    if ka != kb {
        return eerr("incompatible types for comparison");
    }
    Ok(match (a, b) {
        (Value::Number(x), Value::Number(y)) if ka == Kind::Int => x.as_i64() == y.as_i64(),
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    })
}

fn less(a: &Value, b: &Value) -> Result<bool, EvalError> {
    let (ka, kb) = (basic_kind(a)?, basic_kind(b)?);
    if ka != kb {
        return eerr("incompatible types for comparison");
    }
    match (a, b) {
        (Value::Bool(_), _) => eerr("invalid type for comparison"),
        (Value::Number(x), Value::Number(y)) if ka == Kind::Int => Ok(x.as_i64() < y.as_i64()),
        (Value::Number(x), Value::Number(y)) => Ok(x.as_f64() < y.as_f64()),
        (Value::String(x), Value::String(y)) => Ok(x < y),
        _ => eerr("invalid type for comparison"),
    }
}

fn compare(op: &str, a: &Value, b: &Value) -> Result<bool, EvalError> {
    let less_equal = || -> Result<bool, EvalError> {
        let lt = less(a, b)?;
        if lt { Ok(true) } else { equal(a, b) }
    };
    match op {
        "==" => equal(a, b),
        "!=" => equal(a, b).map(|e| !e),
        "<" => less(a, b),
        "<=" => less_equal(),
        ">" => less_equal().map(|le| !le),
        ">=" => less(a, b).map(|l| !l),
        other => eerr(format!("unrecognized filter operator {other}")),
    }
}

/// client-go's template parser, state for state: text until `{`, then an action until `}`.
struct Parser {
    input: Vec<char>,
    pos: usize,
    start: usize,
}

fn is_terminator(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(c, ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'),
    }
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

impl Parser {
    fn new(text: &str) -> Self {
        Parser { input: text.chars().collect(), pos: 0, start: 0 }
    }

    fn next(&mut self) -> Option<char> {
        let c = self.input.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn peek(&self) -> Option<char> {
        self.input.get(self.pos).copied()
    }

    fn consume(&mut self) -> String {
        let s: String = self.input[self.start..self.pos].iter().collect();
        self.start = self.pos;
        s
    }

    fn rest_starts_with(&self, prefix: &str) -> bool {
        let p: Vec<char> = prefix.chars().collect();
        self.input.len() >= self.pos + p.len() && self.input[self.pos..self.pos + p.len()] == p[..]
    }

    fn parse_text(&mut self) -> Result<Vec<Flat>, ParseError> {
        let mut out = Vec::new();
        loop {
            if self.rest_starts_with("{") {
                if self.pos > self.start {
                    out.push(Flat::Text(self.consume()));
                }
                self.pos += 1;
                self.consume();
                let mut nodes = Vec::new();
                self.parse_inside_action(&mut nodes)?;
                out.push(Flat::Action(nodes));
                continue;
            }
            if self.next().is_none() {
                break;
            }
        }
        if self.pos > self.start {
            out.push(Flat::Text(self.consume()));
        }
        Ok(out)
    }

    /// Parses nodes until the closing `}`, which it consumes.
    fn parse_inside_action(&mut self, cur: &mut Vec<Node>) -> Result<(), ParseError> {
        loop {
            if self.rest_starts_with("}") {
                self.pos += 1;
                self.consume();
                return Ok(());
            }
            if self.rest_starts_with("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if self.rest_starts_with("..") {
                if matches!(cur.last(), Some(Node::Recursive)) {
                    return perr("invalid multiple recursive descent");
                }
                self.pos += 2;
                self.consume();
                cur.push(Node::Recursive);
                if self.peek().is_some_and(is_alnum) {
                    self.parse_field(cur);
                }
                continue;
            }
            match self.next() {
                None | Some('\r') | Some('\n') => return perr("unclosed action"),
                Some(' ') | Some('@') | Some('$') => {
                    self.consume();
                }
                Some('[') => self.parse_array(cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(cur, q)?,
                Some('.') => self.parse_field(cur),
                Some(c) if c == '+' || c == '-' || c.is_ascii_digit() => {
                    self.pos -= 1;
                    self.parse_number(cur)?;
                }
                Some(c) if is_alnum(c) => {
                    self.pos -= 1;
                    self.parse_identifier(cur);
                }
                Some(c) => {
                    return perr(format!("unrecognized character in action: U+{:04X} {}", c as u32, go_quote_rune(c)));
                }
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        while !is_terminator(self.peek()) {
            self.pos += 1;
        }
        let value = self.consume();
        match value.as_str() {
            "true" => cur.push(Node::Bool(true)),
            "false" => cur.push(Node::Bool(false)),
            _ => cur.push(Node::Identifier(value)),
        }
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), ParseError> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.pos += 1;
        }
        while self.peek().is_some_and(|c| c == '.' || c.is_ascii_digit()) {
            self.pos += 1;
        }
        let value = self.consume();
        if let Ok(i) = value.parse::<i64>() {
            cur.push(Node::Int(i));
        } else if let Ok(f) = value.parse::<f64>() {
            cur.push(Node::Float(f));
        } else {
            return perr(format!("cannot parse number {value}"));
        }
        Ok(())
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), ParseError> {
        loop {
            match self.next() {
                None | Some('\n') => return perr("unterminated array"),
                Some(']') => break,
                _ => {}
            }
        }
        let text = self.consume();
        let mut text = text[1..text.len() - 1].to_string();
        if text == "*" {
            text = ":".into();
        }
        // A union: `[a,b]`.
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(&format!("[{}]", part.trim_matches(' ')))?);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        // A dictionary key: `['key']`, parsed again as `.key` (so dots in it still split).
        if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') && !text[1..text.len() - 1].contains('\'')
        {
            let nodes = parse_action(&format!(".{}", &text[1..text.len() - 1]))?;
            cur.extend(nodes);
            return Ok(());
        }
        cur.push(Node::Array(parse_slice(&text)?));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), ParseError> {
        self.pos += 3;
        self.consume();
        let mut begin = false;
        let mut end = false;
        let mut pair = '\0';
        loop {
            let r = self.next();
            match r {
                None | Some('\n') => return perr("unterminated filter"),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    if self.input.get(self.pos.wrapping_sub(2)) != Some(&'\\') && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return perr("unclosed array expect ]");
        }
        let text = self.consume();
        let text: String = text.chars().take(text.chars().count() - 2).collect();
        match split_filter(&text) {
            None => {
                let left = parse_action(&text)?;
                cur.push(Node::Filter(Box::new(Filter { left, right: Vec::new(), op: "exists".into() })));
            }
            Some((l, op, r)) => {
                let left = parse_action(l)?;
                let right = parse_action(r)?;
                cur.push(Node::Filter(Box::new(Filter { left, right, op: op.to_string() })));
            }
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), ParseError> {
        loop {
            match self.next() {
                None | Some('\n') => return perr("unterminated quoted string"),
                Some(c) if c == end && self.input.get(self.pos.wrapping_sub(2)) != Some(&'\\') => break,
                _ => {}
            }
        }
        let value = self.consume();
        match unquote(&value) {
            Some(s) => cur.push(Node::Text(s)),
            None => return perr(format!("unquote string {value} error invalid syntax")),
        }
        Ok(())
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume();
        loop {
            let c = self.peek();
            if c == Some('\\') {
                self.pos += 1;
                if self.peek().is_some() {
                    self.pos += 1;
                }
                continue;
            }
            if is_terminator(c) {
                break;
            }
            self.pos += 1;
        }
        let value = self.consume();
        if value == "*" {
            cur.push(Node::Wildcard);
        } else {
            cur.push(Node::Field(value.replace('\\', "")));
        }
    }
}

/// Go's `%#U` rune rendering without the `U+` prefix: `'x'`.
fn go_quote_rune(c: char) -> String {
    format!("'{c}'")
}

/// An action's nodes, from text that should be the inside of one action.
fn parse_action(text: &str) -> Result<Vec<Node>, ParseError> {
    let mut p = Parser::new(&format!("{{{text}}}"));
    let flat = p.parse_text()?;
    match flat.into_iter().next() {
        Some(Flat::Action(nodes)) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$` on a filter's text.
fn split_filter(text: &str) -> Option<(&str, &str, &str)> {
    let op_start = text.find(['!', '<', '>', '='])?;
    if op_start == 0 {
        return None;
    }
    let rest = &text[op_start..];
    let op_len = rest.find(|c: char| !matches!(c, '!' | '<' | '>' | '=')).unwrap_or(rest.len());
    let right = &rest[op_len..];
    if right.is_empty() {
        return None;
    }
    Some((&text[..op_start], &rest[..op_len], right))
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$` and client-go's parameter rules.
fn parse_slice(text: &str) -> Result<[Param; 3], ParseError> {
    let parts: Vec<&str> = text.split(':').collect();
    let valid = parts.len() <= 3
        && parts.iter().all(|p| {
            let digits = p.strip_prefix('-').unwrap_or(p);
            digits.chars().all(|c| c.is_ascii_digit())
        });
    if !valid {
        return perr(format!("invalid array index {text}"));
    }
    let mut params = [Param::default(); 3];
    for i in 0..3 {
        match parts.get(i) {
            Some(s) if !s.is_empty() => {
                let value = s.parse::<i64>().map_err(|_| ParseError(format!("array index {s} is not a number")))?;
                params[i] = Param { value, known: true, derived: false };
            }
            // `[a:]`: an empty bound is unknown.
            Some(_) if i > 0 => params[i] = Param::default(),
            // No `:` at all: `[N]` means `[N:N+1]`.
            None if i == 1 => params[1] = Param { value: params[0].value + 1, known: true, derived: true },
            _ => params[i] = Param::default(),
        }
    }
    Ok(params)
}

/// Go's `UnquoteExtend`: a `"…"` or `'…'` literal with Go escapes.
fn unquote(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 2 || chars[0] != chars[chars.len() - 1] || !matches!(chars[0], '"' | '\'') {
        return None;
    }
    let quote = chars[0];
    let body = &chars[1..chars.len() - 1];
    let mut out = String::new();
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c == quote {
            return None;
        }
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let e = *body.get(i)?;
        i += 1;
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' => out.push(e),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = body.get(i..i + n)?.iter().collect();
                i += n;
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            '0'..='7' => {
                let oct: String = body.get(i - 1..i + 2)?.iter().collect();
                i += 2;
                out.push(char::from_u32(u32::from_str_radix(&oct, 8).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn find(expr: &str, doc: &Value) -> Result<Vec<Value>, EvalError> {
        let path = JsonPath::parse(expr).expect("parses");
        path.find(doc).map(|vs| vs.into_iter().map(Cow::into_owned).collect())
    }

    fn run(template: &str, doc: &Value) -> Result<String, EvalError> {
        Template::parse_template(template).expect("parses").execute(doc, true)
    }

    fn doc() -> Value {
        json!({
            "metadata": {"name": "db", "labels": {"app.kubernetes.io/name": "pg"}},
            "spec": {"replicas": 3, "items": ["a", "b", "c", "d"]},
            "status": {"conditions": [
                {"type": "Synced", "status": "True", "age": 1},
                {"type": "Ready", "status": "False", "age": 5},
            ]},
        })
    }

    fn list() -> Value {
        json!({"kind": "List", "items": [
            {"metadata": {"name": "a", "labels": {"app": "x"}}, "spec": {"replicas": 1}},
            {"metadata": {"name": "b"}, "spec": {"replicas": 2}},
        ]})
    }

    #[test]
    fn jsonpath_fields_select_nested_values() {
        assert_eq!(find(".spec.replicas", &doc()), Ok(vec![json!(3)]));
        assert_eq!(find("{.metadata.name}", &doc()), Ok(vec![json!("db")]));
        assert_eq!(find("$.metadata.name", &doc()), Ok(vec![json!("db")]));
    }

    #[test]
    fn jsonpath_missing_keys_select_nothing() {
        assert_eq!(find(".spec.missing.deeper", &doc()), Ok(vec![]));
        assert_eq!(find(".metadata.name.first", &doc()), Ok(vec![]));
    }

    #[test]
    fn jsonpath_filter_selects_matching_condition() {
        assert_eq!(find(r#".status.conditions[?(@.type=="Ready")].status"#, &doc()), Ok(vec![json!("False")]));
        assert_eq!(find(".status.conditions[?(@.type != 'Ready')].type", &doc()), Ok(vec![json!("Synced")]));
        assert_eq!(find(".status.conditions[?(@.age > 2)].type", &doc()), Ok(vec![json!("Ready")]));
        assert_eq!(find(".status.conditions[?(@.age)].type", &doc()), Ok(vec![json!("Synced"), json!("Ready")]));
    }

    #[test]
    fn jsonpath_filter_comparing_unlike_types_fails() {
        assert_eq!(
            find(".status.conditions[?(@.age == 'x')].type", &doc()),
            Err(EvalError("incompatible types for comparison".into()))
        );
    }

    #[test]
    fn jsonpath_indexes_and_slices() {
        assert_eq!(find(".spec.items[0]", &doc()), Ok(vec![json!("a")]));
        assert_eq!(find(".spec.items[-1]", &doc()), Ok(vec![json!("d")]));
        assert_eq!(find(".spec.items[1:3]", &doc()), Ok(vec![json!("b"), json!("c")]));
        assert_eq!(find(".spec.items[::2]", &doc()), Ok(vec![json!("a"), json!("c")]));
        assert_eq!(
            find(".spec.items[7]", &doc()),
            Err(EvalError("array index out of bounds: index 7, length 4".into()))
        );
        assert_eq!(find(".spec.replicas[0]", &doc()), Err(EvalError("int64 is not array or slice".into())));
    }

    #[test]
    fn jsonpath_wildcards_and_recursion() {
        assert_eq!(find(".status.conditions[*].type", &doc()), Ok(vec![json!("Synced"), json!("Ready")]));
        assert_eq!(find(".spec.*", &doc()).map(|v| v.len()), Ok(2));
        assert_eq!(find("..type", &doc()), Ok(vec![json!("Synced"), json!("Ready")]));
    }

    #[test]
    fn jsonpath_escaped_dots_reach_dotted_labels() {
        assert_eq!(find(r".metadata.labels.app\.kubernetes\.io/name", &doc()), Ok(vec![json!("pg")]));
        // client-go re-parses `['…']` as `.…`, so dots inside still split the key.
        assert_eq!(find(".metadata.labels['app.kubernetes.io/name']", &doc()), Ok(vec![]));
        assert_eq!(find(".metadata['name']", &doc()), Ok(vec![json!("db")]));
    }

    #[test]
    fn jsonpath_malformed_expressions_do_not_parse() {
        assert_eq!(Template::parse_template("{.a"), Err(ParseError("unclosed action".into())));
        assert_eq!(Template::parse_template("{.a[}"), Err(ParseError("unterminated array".into())));
        assert_eq!(Template::parse_template("{.a[x]}"), Err(ParseError("invalid array index x".into())));
        assert_eq!(
            Template::parse_template("{.a ! b}"),
            Err(ParseError("unrecognized character in action: U+0021 '!'".into()))
        );
        assert_eq!(Template::parse_template("{.a[?(@.x}"), Err(ParseError("unterminated filter".into())));
    }

    #[test]
    fn template_range_prints_each_item() {
        let out = run(r#"{range .items[*]}{.metadata.name}{"\t"}{.spec.replicas}{"\n"}{end}"#, &list());
        assert_eq!(out, Ok("a\t1\nb\t2\n".into()));
    }

    #[test]
    fn template_joins_multiple_results_with_spaces() {
        assert_eq!(run("{.items[*].metadata.name}", &list()), Ok("a b".into()));
        assert_eq!(run("names: {.items[*].metadata.name}!", &list()), Ok("names: a b!".into()));
    }

    #[test]
    fn template_prints_maps_as_compact_json() {
        assert_eq!(run("{.items[0].metadata}", &list()), Ok(r#"{"labels":{"app":"x"},"name":"a"}"#.into()));
        assert_eq!(run("{@.kind}", &list()), Ok("List".into()));
    }

    #[test]
    fn template_missing_key_fails_only_when_not_allowed() {
        let t = Template::parse_template("{.metadata.foo}").expect("parses");
        assert_eq!(t.execute(&doc(), true), Ok(String::new()));
        assert_eq!(t.execute(&doc(), false), Err(EvalError("foo is not found".into())));
    }

    #[test]
    fn template_union_selects_several_fields() {
        assert_eq!(run("{.items[*]['metadata.name', 'spec.replicas']}", &list()), Ok("a b 1 2".into()));
        assert_eq!(run("{.spec.items[0,2]}", &doc()), Ok("a c".into()));
    }

    #[test]
    fn template_end_outside_range_fails() {
        assert_eq!(run("{end}", &doc()), Err(EvalError("not in range, nothing to end".into())));
    }

    #[test]
    fn relaxed_accepts_kubectl_forms() {
        for e in ["metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"] {
            assert_eq!(Template::relaxed(e), Ok("{.metadata.name}".into()), "{e}");
        }
        assert!(Template::relaxed("{.a}{.b}").is_err());
    }
}
