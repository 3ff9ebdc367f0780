//! The subset of Kubernetes JSONPath (client-go `util/jsonpath`) that CRD printer columns
//! use: `.field`, `['key']`, `[N]` (negative from the end), `[a:b:c]`, `[*]`/`.*`,
//! `..field` and filters such as `[?(@.type=="Ready")]`, evaluated with missing keys
//! allowed, as the CRD table convertor does.

use serde_json::Value;

/// A parsed JSONPath expression.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct JsonPath {
    steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Wildcard,
    Slice {
        start: Option<i64>,
        end: Option<i64>,
        step: Option<i64>,
        /// `[N]` rather than `[N:M]`: one element, however long the array.
        single: bool,
    },
    Filter(Filter),
    /// `..`: the current values and all their descendants.
    Recursive,
}

#[derive(Clone, Debug, PartialEq)]
struct Filter {
    left: JsonPath,
    /// None for an existence test (`[?(@.x)]`).
    compare: Option<(Op, Literal)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Debug, PartialEq)]
enum Literal {
    String(String),
    Number(f64),
    Bool(bool),
}

/// Why an expression does not parse; the column then prints nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ParseError(pub(super) String);

impl JsonPath {
    /// Parses an expression, with or without the `{…}` template braces and leading `$`.
    pub(super) fn parse(expr: &str) -> Result<Self, ParseError> {
        let mut s = expr.trim();
        if let Some(inner) = s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            s = inner.trim();
        }
        let s = s.strip_prefix('$').unwrap_or(s);
        let chars: Vec<char> = s.chars().collect();
        let mut parser = Parser { chars, pos: 0 };
        let steps = parser.steps()?;
        if parser.pos != parser.chars.len() {
            return Err(parser.error("unexpected character"));
        }
        Ok(Self { steps })
    }

    /// All values the path selects, in document order. `Err` where the Go evaluator fails
    /// (index out of range, filtering a non-list, comparing unlike types).
    pub(super) fn find<'a>(&self, root: &'a Value) -> Result<Vec<&'a Value>, ()> {
        let mut current = vec![root];
        for step in &self.steps {
            current = step.apply(current)?;
        }
        Ok(current)
    }
}

impl Step {
    fn apply<'a>(&self, input: Vec<&'a Value>) -> Result<Vec<&'a Value>, ()> {
        let mut out = Vec::new();
        match self {
            Step::Field(name) => {
                for v in input {
                    if let Some(found) = v.as_object().and_then(|m| m.get(name)) {
                        out.push(found);
                    }
                }
            }
            Step::Wildcard => {
                for v in input {
                    match v {
                        Value::Object(m) => out.extend(m.values()),
                        Value::Array(a) => out.extend(a.iter()),
                        _ => {}
                    }
                }
            }
            Step::Slice { start, end, step, single } => {
                for v in input {
                    if v.is_null() {
                        continue;
                    }
                    let items = v.as_array().ok_or(())?;
                    out.extend(slice(items, *start, *end, *step, *single)?);
                }
            }
            Step::Filter(filter) => {
                for v in input {
                    if v.is_null() {
                        continue;
                    }
                    let items = v.as_array().ok_or(())?;
                    for item in items {
                        if filter.matches(item)? {
                            out.push(item);
                        }
                    }
                }
            }
            Step::Recursive => {
                for v in input {
                    descendants(v, &mut out);
                }
            }
        }
        Ok(out)
    }
}

fn descendants<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    out.push(v);
    match v {
        Value::Object(m) => m.values().for_each(|child| descendants(child, out)),
        Value::Array(a) => a.iter().for_each(|child| descendants(child, out)),
        _ => {}
    }
}

/// Go's `evalArray` bounds rules: negative indexes count from the end, an out-of-range
/// request is an error unless it asks for nothing.
fn slice(
    items: &[Value],
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
    single: bool,
) -> Result<Vec<&Value>, ()> {
    let len = i64::try_from(items.len()).map_err(|_| ())?;
    let mut from = start.unwrap_or(0);
    if from < 0 {
        from += len;
    }
    let to = if single { from + 1 } else { end.map_or(len, |e| if e < 0 { e + len } else { e }) };
    if to == from {
        return Ok(Vec::new());
    }
    if from < 0 || from >= len || to < 0 || to > len || from > to {
        return Err(());
    }
    let step = match step {
        Some(step) if step <= 0 => return Err(()),
        Some(step) => usize::try_from(step).map_err(|_| ())?,
        None => 1,
    };
    let (from, to) = (usize::try_from(from).map_err(|_| ())?, usize::try_from(to).map_err(|_| ())?);
    Ok(items[from..to].iter().step_by(step).collect())
}

impl Filter {
    fn matches(&self, item: &Value) -> Result<bool, ()> {
        let lefts = self.left.find(item)?;
        let Some((op, right)) = &self.compare else {
            return Ok(!lefts.is_empty());
        };
        let left = match lefts.as_slice() {
            [] => return Ok(false),
            [one] => *one,
            _ => return Err(()),
        };
        let ordering = match (left, right) {
            (Value::String(l), Literal::String(r)) => l.as_str().cmp(r.as_str()),
            (Value::Number(l), Literal::Number(r)) => {
                let l = l.as_f64().ok_or(())?;
                l.partial_cmp(r).ok_or(())?
            }
            (Value::Bool(l), Literal::Bool(r)) => match op {
                Op::Eq => return Ok(l == r),
                Op::Ne => return Ok(l != r),
                _ => return Err(()),
            },
            _ => return Err(()),
        };
        Ok(match op {
            Op::Eq => ordering.is_eq(),
            Op::Ne => ordering.is_ne(),
            Op::Lt => ordering.is_lt(),
            Op::Le => ordering.is_le(),
            Op::Gt => ordering.is_gt(),
            Op::Ge => ordering.is_ge(),
        })
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn error(&self, what: &str) -> ParseError {
        ParseError(format!("{what} at position {}", self.pos))
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Steps until the end of input or a character that cannot continue a path.
    fn steps(&mut self) -> Result<Vec<Step>, ParseError> {
        let mut steps = Vec::new();
        loop {
            match self.peek() {
                Some('.') => {
                    self.pos += 1;
                    if self.eat('.') {
                        steps.push(Step::Recursive);
                    }
                    match self.peek() {
                        Some('*') => {
                            self.pos += 1;
                            steps.push(Step::Wildcard);
                        }
                        // `.[0]` and `..[0]` go on with the bracket.
                        Some('[') => {}
                        // A lone trailing `.` selects the current value.
                        None => {}
                        _ => steps.push(Step::Field(self.name()?)),
                    }
                }
                Some('[') => {
                    self.pos += 1;
                    steps.push(self.bracket()?);
                }
                _ => return Ok(steps),
            }
        }
    }

    /// A dotted field name; `\` escapes the next character (for keys with dots).
    fn name(&mut self) -> Result<String, ParseError> {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            match c {
                '\\' => {
                    self.pos += 1;
                    match self.peek() {
                        Some(escaped) => name.push(escaped),
                        None => return Err(self.error("dangling escape")),
                    }
                }
                '.' | '[' | ']' | ')' | ' ' | '=' | '!' | '<' | '>' => break,
                c => name.push(c),
            }
            self.pos += 1;
        }
        if name.is_empty() {
            return Err(self.error("expected a field name"));
        }
        Ok(name)
    }

    /// The inside of `[…]`, the `[` already consumed.
    fn bracket(&mut self) -> Result<Step, ParseError> {
        self.skip_spaces();
        let step = match self.peek() {
            Some('*') => {
                self.pos += 1;
                Step::Wildcard
            }
            Some('?') => {
                self.pos += 1;
                if !self.eat('(') {
                    return Err(self.error("expected ( after ?"));
                }
                let filter = self.filter()?;
                self.skip_spaces();
                if !self.eat(')') {
                    return Err(self.error("expected ) closing the filter"));
                }
                Step::Filter(filter)
            }
            Some(q @ ('\'' | '"')) => {
                self.pos += 1;
                Step::Field(self.quoted(q)?)
            }
            _ => self.slice()?,
        };
        self.skip_spaces();
        if !self.eat(']') {
            return Err(self.error("expected ]"));
        }
        Ok(step)
    }

    /// A quoted string, the opening quote already consumed.
    fn quoted(&mut self, quote: char) -> Result<String, ParseError> {
        let mut s = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some('\\') => {
                    self.pos += 1;
                    if let Some(c) = self.peek() {
                        s.push(c);
                        self.pos += 1;
                    }
                }
                Some(c) if c == quote => {
                    self.pos += 1;
                    return Ok(s);
                }
                Some(c) => {
                    s.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn integer(&mut self) -> Result<Option<i64>, ParseError> {
        self.skip_spaces();
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        self.skip_spaces();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse().map(Some).map_err(|_| self.error("expected an integer"))
    }

    /// `N`, `a:b` or `a:b:c`.
    fn slice(&mut self) -> Result<Step, ParseError> {
        let start = self.integer()?;
        if !self.eat(':') {
            if start.is_none() {
                return Err(self.error("expected an index"));
            }
            return Ok(Step::Slice { start, end: None, step: None, single: true });
        }
        let end = self.integer()?;
        let step = if self.eat(':') { self.integer()? } else { None };
        Ok(Step::Slice { start, end, step, single: false })
    }

    /// `@.path`, optionally followed by an operator and a literal.
    fn filter(&mut self) -> Result<Filter, ParseError> {
        self.skip_spaces();
        if !self.eat('@') {
            return Err(self.error("filters must start with @"));
        }
        let left = JsonPath { steps: self.steps()? };
        self.skip_spaces();
        let op = match (self.peek(), self.peek_at(1)) {
            (Some('='), Some('=')) => Some((Op::Eq, 2)),
            (Some('!'), Some('=')) => Some((Op::Ne, 2)),
            (Some('<'), Some('=')) => Some((Op::Le, 2)),
            (Some('>'), Some('=')) => Some((Op::Ge, 2)),
            (Some('<'), _) => Some((Op::Lt, 1)),
            (Some('>'), _) => Some((Op::Gt, 1)),
            _ => None,
        };
        let Some((op, width)) = op else {
            return Ok(Filter { left, compare: None });
        };
        self.pos += width;
        self.skip_spaces();
        let literal = match self.peek() {
            Some(q @ ('\'' | '"')) => {
                self.pos += 1;
                Literal::String(self.quoted(q)?)
            }
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')) {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                match text.as_str() {
                    "true" => Literal::Bool(true),
                    "false" => Literal::Bool(false),
                    _ => Literal::Number(text.parse().map_err(|_| self.error("expected a literal"))?),
                }
            }
        };
        Ok(Filter { left, compare: Some((op, literal)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn find(expr: &str, doc: &Value) -> Result<Vec<Value>, ()> {
        let path = JsonPath::parse(expr).expect("parses");
        path.find(doc).map(|vs| vs.into_iter().cloned().collect())
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
        assert_eq!(find(".status.conditions[?(@.age == 'x')].type", &doc()), Err(()));
    }

    #[test]
    fn jsonpath_indexes_and_slices() {
        assert_eq!(find(".spec.items[0]", &doc()), Ok(vec![json!("a")]));
        assert_eq!(find(".spec.items[-1]", &doc()), Ok(vec![json!("d")]));
        assert_eq!(find(".spec.items[1:3]", &doc()), Ok(vec![json!("b"), json!("c")]));
        assert_eq!(find(".spec.items[::2]", &doc()), Ok(vec![json!("a"), json!("c")]));
        assert_eq!(find(".spec.items[7]", &doc()), Err(()));
        assert_eq!(find(".spec.replicas[0]", &doc()), Err(()));
    }

    #[test]
    fn jsonpath_wildcards_and_recursion() {
        assert_eq!(find(".status.conditions[*].type", &doc()), Ok(vec![json!("Synced"), json!("Ready")]));
        assert_eq!(find(".spec.*", &doc()).map(|v| v.len()), Ok(2));
        assert_eq!(find("..type", &doc()), Ok(vec![json!("Synced"), json!("Ready")]));
    }

    #[test]
    fn jsonpath_quoted_and_escaped_keys_reach_dotted_labels() {
        assert_eq!(find(".metadata.labels['app.kubernetes.io/name']", &doc()), Ok(vec![json!("pg")]));
        assert_eq!(find(r".metadata.labels.app\.kubernetes\.io/name", &doc()), Ok(vec![json!("pg")]));
    }

    #[test]
    fn jsonpath_malformed_expressions_do_not_parse() {
        for bad in [".spec[", ".status.conditions[?(@.type==)]", ".a[?(x)]", ".a]", ".spec.items[x]"] {
            assert!(JsonPath::parse(bad).is_err(), "{bad}");
        }
    }
}
