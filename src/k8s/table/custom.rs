//! Tables for custom resources, as apiextensions-apiserver's table convertor builds them
//! from a CRD version's `additionalPrinterColumns`: a Name column, then one column per
//! printer column, each cell the first value its JSONPath selects, typed by the column.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::duration::{go_zero_time, human_duration};
use super::field::{as_int, name, opt_int_at, str_at};
use super::{ColumnDefinition, doc, name_col};
use crate::k8s::jsonpath::JsonPath;

/// The compiled printer columns of one CRD version: parse once, print many rows.
#[derive(Clone, Debug)]
pub struct CustomTable {
    columns: Vec<ColumnDefinition>,
    /// One per column after Name; `None` where the JSONPath does not parse.
    paths: Vec<Option<JsonPath>>,
}

impl CustomTable {
    /// From a CRD version's `additionalPrinterColumns` array (`jsonPath`, or the v1beta1
    /// `JSONPath`). With no columns the server adds an `Age` date column, as here.
    pub fn new(additional_printer_columns: &Value) -> Self {
        let given = additional_printer_columns.as_array().map(Vec::as_slice).unwrap_or(&[]);
        let default_age = [json!({
            "name": "Age",
            "type": "date",
            "description": doc::META_CREATION_TIMESTAMP,
            "jsonPath": ".metadata.creationTimestamp",
        })];
        let specs = if given.is_empty() { &default_age[..] } else { given };

        let mut columns = vec![name_col()];
        let mut paths = Vec::with_capacity(specs.len());
        for spec in specs {
            let json_path = match str_at(spec, &["jsonPath"]) {
                "" => str_at(spec, &["JSONPath"]),
                path => path,
            };
            let description = match str_at(spec, &["description"]) {
                "" => format!("Custom resource definition column (in JSONPath format): {json_path}"),
                given => given.to_string(),
            };
            columns.push(ColumnDefinition {
                name: str_at(spec, &["name"]).to_string(),
                type_: str_at(spec, &["type"]).to_string(),
                format: str_at(spec, &["format"]).to_string(),
                description,
                priority: opt_int_at(spec, &["priority"]).and_then(|p| i32::try_from(p).ok()).unwrap_or(0),
            });
            paths.push(JsonPath::parse(json_path).ok());
        }
        Self { columns, paths }
    }

    pub fn columns(&self) -> &[ColumnDefinition] {
        &self.columns
    }

    /// One row's cells: the name, then each column's first JSONPath result converted to the
    /// column's type, or null where the path selects nothing, fails or has the wrong type.
    pub fn row_cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let mut cells = Vec::with_capacity(self.columns.len());
        cells.push(Value::from(name(obj)));
        for (column, path) in self.columns[1..].iter().zip(&self.paths) {
            let found = path.as_ref().and_then(|p| p.find(obj).ok()).unwrap_or_default();
            cells.push(match found.first() {
                Some(value) => cell_for_value(&column.type_, value, now),
                None => Value::Null,
            });
        }
        cells
    }
}

/// The columns of a custom resource's table; see [`CustomTable::new`].
pub fn custom_columns(additional_printer_columns: &Value) -> Vec<ColumnDefinition> {
    CustomTable::new(additional_printer_columns).columns
}

/// One custom resource's cells; see [`CustomTable::row_cells`]. Build a [`CustomTable`]
/// instead when printing many rows.
pub fn custom_row_cells(additional_printer_columns: &Value, obj: &Value, now: Timestamp) -> Vec<Value> {
    CustomTable::new(additional_printer_columns).row_cells(obj, now)
}

/// The table convertor's `cellForJSONValue`, plus its JSONPath printing for `string`
/// columns (which print any value, not only strings).
fn cell_for_value(type_: &str, value: &Value, now: Timestamp) -> Value {
    if value.is_null() {
        return Value::Null;
    }
    match type_ {
        "string" => Value::from(print_value(value)),
        "integer" => as_int(value).map_or(Value::Null, Value::from),
        "number" => value.as_f64().map_or(Value::Null, number_cell),
        "boolean" => value.as_bool().map_or(Value::Null, Value::from),
        "date" => match value.as_str() {
            Some(s) => Value::from(date_cell(s, now)),
            None => Value::Null,
        },
        _ => Value::Null,
    }
}

/// Go encodes a whole float64 without a fraction (`3`, not `3.0`).
fn number_cell(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 1e15 { Value::from(f as i64) } else { Value::from(f) }
}

/// `metav1.Time.UnmarshalQueryParameter` then `ConvertToHumanReadableDateType`.
fn date_cell(s: &str, now: Timestamp) -> String {
    if s.is_empty() || s == "null" {
        return "<unknown>".to_string();
    }
    match s.parse::<Timestamp>() {
        Ok(t) if t == go_zero_time() => "<unknown>".to_string(),
        Ok(t) => human_duration(now.duration_since(t)),
        Err(_) => "<invalid>".to_string(),
    }
}

/// JSONPath's text output: strings bare, numbers and booleans as Go's `fmt.Print` writes
/// them, maps and lists as compact JSON.
fn print_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (None, Some(u), _) => u.to_string(),
            (None, None, Some(f)) => go_float(f),
            _ => n.to_string(),
        },
        Value::Array(_) | Value::Object(_) => value.to_string(),
        Value::Null => String::new(),
    }
}

/// Go's `%v` for a float64 (`%g` with the shortest precision): exponent form (`1e+06`,
/// `1.5e-05`) when the decimal exponent is below -4 or at least 6.
fn go_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".to_string()
        } else if f > 0.0 {
            "+Inf".to_string()
        } else {
            "-Inf".to_string()
        };
    }
    // Rust's `{:e}` gives the shortest round-tripping digits: "1.2345e6".
    let sci = format!("{f:e}");
    let Some((mantissa, exp)) = sci.split_once('e') else {
        return f.to_string();
    };
    let Ok(exp) = exp.parse::<i32>() else {
        return f.to_string();
    };
    if (-4..6).contains(&exp) {
        // Plain notation; Rust's Display is also shortest-round-trip and never exponential.
        return f.to_string();
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("valid timestamp")
    }

    fn printer_columns() -> Value {
        json!([
            {"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
            {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status",
             "description": "Whether the database is ready"},
            {"name": "Ratio", "type": "number", "jsonPath": ".status.ratio", "priority": 1},
            {"name": "Paused", "type": "boolean", "jsonPath": ".spec.paused"},
            {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"},
            {"name": "Endpoint", "type": "string", "format": "uri", "jsonPath": ".status.endpoint"},
        ])
    }

    #[test]
    fn custom_columns_start_with_name_and_copy_definitions() {
        let cols = custom_columns(&printer_columns());
        assert_eq!(cols[0], name_col());
        assert_eq!(
            serde_json::to_value(&cols[1]).expect("serializes"),
            json!({"name": "Replicas", "type": "integer", "format": "",
                   "description": "Custom resource definition column (in JSONPath format): .spec.replicas",
                   "priority": 0})
        );
        assert_eq!(cols[2].description, "Whether the database is ready");
        assert_eq!(cols[3].priority, 1);
        assert_eq!(cols[6].format, "uri");
    }

    #[test]
    fn custom_columns_without_printer_columns_add_age() {
        for none in [json!([]), Value::Null] {
            let cols = custom_columns(&none);
            assert_eq!(cols.len(), 2);
            assert_eq!(cols[1].name, "Age");
            assert_eq!(cols[1].type_, "date");
            assert_eq!(cols[1].description, doc::META_CREATION_TIMESTAMP);
        }
        let obj = json!({"metadata": {"name": "x", "creationTimestamp": "2024-05-01T11:00:00Z"}});
        assert_eq!(custom_row_cells(&json!([]), &obj, now()), vec![json!("x"), json!("60m")]);
    }

    #[test]
    fn custom_row_cells_type_each_value() {
        let obj = json!({
            "metadata": {"name": "db", "creationTimestamp": "2024-05-01T11:55:00Z"},
            "spec": {"replicas": 3, "paused": false},
            "status": {"ratio": 0.5, "endpoint": "https://db",
                       "conditions": [{"type": "Ready", "status": "True"}]},
        });
        assert_eq!(
            custom_row_cells(&printer_columns(), &obj, now()),
            vec![json!("db"), json!(3), json!("True"), json!(0.5), json!(false), json!("5m"), json!("https://db"),]
        );
    }

    #[test]
    fn custom_row_cells_missing_or_mistyped_values_are_null() {
        let obj = json!({"metadata": {"name": "db"}, "spec": {"replicas": "three", "paused": "no"}});
        assert_eq!(
            custom_row_cells(&printer_columns(), &obj, now()),
            vec![json!("db"), Value::Null, Value::Null, Value::Null, Value::Null, Value::Null, Value::Null]
        );
    }

    #[test]
    fn custom_row_cells_string_columns_print_any_value() {
        let cols = json!([
            {"name": "A", "type": "string", "jsonPath": ".a"},
            {"name": "B", "type": "string", "jsonPath": ".b"},
            {"name": "C", "type": "string", "jsonPath": ".c"},
            {"name": "D", "type": "string", "jsonPath": ".d"},
            {"name": "E", "type": "string", "jsonPath": ".e[*].n"},
        ]);
        let obj = json!({"a": 5, "b": true, "c": {"y": 1, "x": [1, 2]}, "d": 1.5e-7,
                         "e": [{"n": "first"}, {"n": "second"}]});
        assert_eq!(
            custom_row_cells(&cols, &obj, now())[1..],
            [json!("5"), json!("true"), json!(r#"{"x":[1,2],"y":1}"#), json!("1.5e-07"), json!("first")]
        );
    }

    #[test]
    fn custom_row_cells_number_and_integer_convert() {
        let cols = json!([
            {"name": "N", "type": "number", "jsonPath": ".n"},
            {"name": "I", "type": "integer", "jsonPath": ".i"},
        ]);
        let obj = json!({"n": 2, "i": 2.7});
        let cells = custom_row_cells(&cols, &obj, now());
        assert_eq!(cells[1..], [json!(2), json!(2)]);
        assert_eq!(serde_json::to_string(&cells[1]).expect("serializes"), "2");
    }

    #[test]
    fn custom_row_cells_dates_render_as_ages() {
        let cols = json!([{"name": "Seen", "type": "date", "jsonPath": ".status.seen"}]);
        let cell = |seen: Value| custom_row_cells(&cols, &json!({"status": {"seen": seen}}), now())[1].clone();
        assert_eq!(cell(json!("2024-05-01T09:00:00Z")), json!("3h"));
        assert_eq!(cell(json!("")), json!("<unknown>"));
        assert_eq!(cell(json!("0001-01-01T00:00:00Z")), json!("<unknown>"));
        assert_eq!(cell(json!("last tuesday")), json!("<invalid>"));
        assert_eq!(cell(json!(12)), Value::Null);
    }

    #[test]
    fn custom_row_cells_unparsable_path_is_null() {
        let cols = json!([{"name": "Bad", "type": "string", "JSONPath": ".spec["}]);
        let table = CustomTable::new(&cols);
        assert_eq!(table.columns().len(), 2);
        assert_eq!(table.row_cells(&json!({"spec": {}}), now())[1], Value::Null);
    }

    #[test]
    fn go_float_uses_exponent_outside_plain_range() {
        assert_eq!(go_float(0.5), "0.5");
        assert_eq!(go_float(123456.75), "123456.75");
        assert_eq!(go_float(1234567.5), "1.2345675e+06");
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(0.00001), "1e-05");
        assert_eq!(go_float(0.0001), "0.0001");
    }
}
