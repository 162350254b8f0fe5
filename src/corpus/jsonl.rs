//! JSON Lines input: one article object per line, as scrapers emit.

use serde_json::Value;

use super::fields::{FieldError, RawMeta};

/// One record read from a JSONL line.
#[derive(Debug)]
pub(crate) struct Record {
    pub(crate) raw: RawMeta,
    pub(crate) text: String,
}

/// What went wrong on one line; the caller adds the path and line.
#[derive(Debug)]
pub(crate) enum RecordError {
    /// Not a JSON object.
    Syntax(String),
    /// A field is unknown, mistyped or holds an impossible value.
    Field(FieldError),
}

/// Parses one non-blank JSONL line.
pub(crate) fn parse_line(line: &str) -> Result<Record, RecordError> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        // serde_json counts lines inside the record, always 1 here; the
        // caller reports the file's line, so keep only the column.
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
        RecordError::Syntax(format!("invalid JSON at column {}: {message}", e.column()))
    })?;
    let Value::Object(object) = value else {
        return Err(RecordError::Syntax(format!("expected an article object, found {}", describe(&value))));
    };
    let mut raw = RawMeta::default();
    let mut text = None;
    // serde_json's map is ordered by key unless `preserve_order` is on;
    // either way the first bad field found is reported deterministically.
    for (key, value) in object {
        if key == "text" {
            match value {
                Value::String(s) => text = Some(s),
                other => {
                    return Err(RecordError::Field(FieldError::new(
                        "text",
                        format!("expected a string, found {}", describe(&other)),
                    )));
                }
            }
            continue;
        }
        if !super::fields::META_FIELDS.contains(&key.as_str()) {
            raw.meta.extra.insert(key, value.to_string());
            continue;
        }
        let value = match value {
            Value::Null => None,
            Value::String(s) => Some(s),
            // A bare year is a natural way to write a year-only date.
            Value::Number(n) if key == "published" => Some(n.to_string()),
            other => {
                return Err(RecordError::Field(FieldError::new(
                    &key,
                    format!("expected a string, found {}", describe(&other)),
                )));
            }
        };
        raw.set(&key, value).map_err(RecordError::Field)?;
    }
    let text = text.ok_or_else(|| {
        RecordError::Field(FieldError::new("text", "missing; every record needs its article text"))
    })?;
    Ok(Record { raw, text })
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: &str) -> String {
        match parse_line(line).unwrap_err() {
            RecordError::Syntax(m) => m,
            RecordError::Field(e) => format!("field `{}`: {}", e.field, e.message),
        }
    }

    #[test]
    fn records_are_read() {
        let r = parse_line(r#"{"id": "a1", "outlet": "RT", "published": 2021, "text": "Hi."}"#).unwrap();
        assert_eq!(r.raw.id.as_deref(), Some("a1"));
        assert_eq!(r.raw.meta.published.unwrap().to_string(), "2021");
        assert_eq!(r.text, "Hi.");
    }

    #[test]
    fn fields_claimtrack_does_not_read_are_kept() {
        let record = parse_line(r#"{"text": "x", "tags": ["a", "b"], "lang": "en"}"#).expect("read");
        let extra: Vec<(&str, &str)> =
            record.raw.meta.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(extra, [("lang", r#""en""#), ("tags", r#"["a","b"]"#)]);
    }

    #[test]
    fn bad_records_name_the_field() {
        insta::assert_snapshot!(err(r#"{"text": "x", "outlet": 5}"#), @"field `outlet`: expected a string, found a number");
        insta::assert_snapshot!(err(r#"{"title": "x"}"#), @"field `text`: missing; every record needs its article text");
        insta::assert_snapshot!(err(r#"{"text": "x", "published": "2021-02-30"}"#), @r#"field `published`: "2021-02-30" is not a calendar date"#);
        insta::assert_snapshot!(err(r#"[1, 2]"#), @"expected an article object, found an array");
        insta::assert_snapshot!(err(r#"{"text": "x""#), @"invalid JSON at column 12: EOF while parsing an object");
    }
}
