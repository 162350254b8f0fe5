//! YAML front matter between `---` lines at the top of a `.md`/`.txt` file.

use std::collections::HashMap;

use serde_yaml_ng::Value;

use super::fields::{FieldError, RawMeta};

/// What went wrong while reading front matter, with a 1-based line in the
/// file; the caller adds the path.
#[derive(Debug)]
pub(crate) enum FrontMatterError {
    /// The block is unterminated or not valid YAML.
    Syntax { line: usize, message: String },
    /// A field is unknown, mistyped or holds an impossible value.
    Field { line: usize, error: FieldError },
}

/// Front matter split off a document.
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    pub(crate) raw: RawMeta,
    /// Byte offset where the body starts.
    pub(crate) body_start: usize,
    /// 1-based line where the body starts.
    pub(crate) body_line: usize,
    /// 1-based line of each field that was set, for later messages.
    pub(crate) id_line: Option<usize>,
}

/// Splits `text` into front matter and body and parses the front matter.
///
/// A document has front matter when its first line is exactly `---`
/// (after an optional byte-order mark); the block ends at the next line
/// that is exactly `---` or `...`. Without front matter, the whole text is
/// the body.
pub(crate) fn parse(text: &str) -> Result<FrontMatter, FrontMatterError> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = LineIter { text, pos: bom };
    match lines.next() {
        Some((_, "---")) => {}
        _ => return Ok(FrontMatter { body_start: 0, body_line: 1, ..FrontMatter::default() }),
    }
    let yaml_start = lines.pos;
    let mut line_no = 1;
    let mut close = None;
    for (start, line) in lines.by_ref() {
        line_no += 1;
        if line == "---" || line == "..." {
            close = Some(start);
            break;
        }
    }
    let Some(yaml_end) = close else {
        return Err(FrontMatterError::Syntax {
            line: 1,
            message: "block opened with `---` on line 1 is never closed by a `---` line".into(),
        });
    };
    let yaml = text.get(yaml_start..yaml_end).unwrap_or_default();
    let raw = parse_yaml(yaml)?;
    let id_line = raw.id.as_ref().and_then(|_| KeyLines::new(yaml).get("id"));
    Ok(FrontMatter { raw, body_start: lines.pos, body_line: line_no + 1, id_line })
}

/// Iterates over lines with their start offsets, without line terminators
/// (and without trailing whitespace, so `--- ` still closes a block).
struct LineIter<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Iterator for LineIter<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let start = self.pos;
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((start, line.trim_end()))
    }
}

/// Parses the YAML between the fences. Lines in errors are lines of the
/// file: the YAML starts on line 2.
fn parse_yaml(yaml: &str) -> Result<RawMeta, FrontMatterError> {
    let mut raw = RawMeta::default();
    if yaml.trim().is_empty() {
        return Ok(raw);
    }
    let value: Value = serde_yaml_ng::from_str(yaml).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line()) + 1;
        FrontMatterError::Syntax { line, message: file_lines(&e.to_string(), line) }
    })?;
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => return Ok(raw),
        other => {
            return Err(FrontMatterError::Syntax {
                line: 2,
                message: format!("expected `key: value` lines, found {}", describe(&other)),
            });
        }
    };
    let lines = KeyLines::new(yaml);
    for (key, value) in mapping {
        let Some(key) = key.as_str().map(str::to_owned) else {
            return Err(FrontMatterError::Syntax {
                line: 2,
                message: format!("field names must be text, found {}", describe(&key)),
            });
        };
        let line = lines.get(&key).unwrap_or(2);
        if !super::fields::META_FIELDS.contains(&key.as_str()) {
            // A field claimtrack does not read (Hugo's `tags: [a, b]`) is
            // kept as it was written, as JSON, and never drops the article.
            let kept = serde_json::to_string(&value).unwrap_or_default();
            raw.meta.extra.insert(key, kept);
            continue;
        }
        let text = match value {
            Value::Null => None,
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                let error = FieldError::new(&key, format!("expected text, found {}", describe(&other)));
                return Err(FrontMatterError::Field { line, error });
            }
        };
        raw.set(&key, text).map_err(|error| FrontMatterError::Field { line, error })?;
    }
    Ok(raw)
}

/// The file line on which each top-level key of the YAML block starts,
/// read once: a block of many keys is not scanned once per key.
struct KeyLines<'y> {
    first: HashMap<&'y str, usize>,
}

impl<'y> KeyLines<'y> {
    fn new(yaml: &'y str) -> Self {
        let mut first = HashMap::new();
        for (i, line) in yaml.lines().enumerate() {
            let key = match line.chars().next() {
                Some(q @ ('"' | '\'')) => line[1..]
                    .split_once(q)
                    .filter(|(_, rest)| rest.trim_start().starts_with(':'))
                    .map(|(k, _)| k),
                // A plain key ends at the first colon followed by a space
                // or the line's end (`k1:a: v` is the key `k1:a`).
                _ => line
                    .match_indices(':')
                    .map(|(i, _)| i)
                    .find(|&i| line[i + 1..].chars().next().is_none_or(char::is_whitespace))
                    .map(|i| line[..i].trim_end()),
            };
            if let Some(key) = key.filter(|k| !k.is_empty()) {
                first.entry(key).or_insert(i + 2);
            }
        }
        Self { first }
    }

    /// The line of `key`.
    fn get(&self, key: &str) -> Option<usize> {
        self.first.get(key).copied()
    }
}

/// Rewrites the YAML parser's " at line N column M" marks, which count
/// from the first line of the block, as lines of the file, and drops the
/// final mark when it repeats the line the caller reports.
fn file_lines(message: &str, reported: usize) -> String {
    const MARK: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        let after = &rest[i + MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..i]);
        match after[..digits].parse::<usize>() {
            Ok(n) => {
                let tail = &after[digits..];
                let column_len = tail
                    .strip_prefix(" column ")
                    .map_or(0, |t| " column ".len() + t.bytes().take_while(u8::is_ascii_digit).count());
                let is_last = tail[column_len..].is_empty();
                if !(is_last && n + 1 == reported) {
                    out.push_str(&format!("{MARK}{}{}", n + 1, &tail[..column_len]));
                }
                rest = &tail[column_len..];
            }
            Err(_) => {
                out.push_str(MARK);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse(text).unwrap_err() {
            FrontMatterError::Syntax { line, message } => format!("line {line}: {message}"),
            FrontMatterError::Field { line, error } => {
                format!("line {line}: field `{}`: {}", error.field, error.message)
            }
        }
    }

    #[test]
    fn no_front_matter_means_whole_text_is_body() {
        let fm = parse("Just text.\n---\n").unwrap();
        assert_eq!((fm.body_start, fm.body_line), (0, 1));
        assert!(fm.raw.meta.title.is_none());
    }

    #[test]
    fn front_matter_fields_are_read() {
        let text = "---\ntitle: \"A: b\"\npublished: 2020-07\nvia: The Jordan Times\nid: x1\n---\nBody.\n";
        let fm = parse(text).unwrap();
        assert_eq!(&text[fm.body_start..], "Body.\n");
        assert_eq!(fm.body_line, 7);
        assert_eq!(fm.raw.meta.title.as_deref(), Some("A: b"));
        assert_eq!(fm.raw.meta.published.unwrap().to_string(), "2020-07");
        assert_eq!(fm.raw.meta.via.as_deref(), Some("The Jordan Times"));
        assert_eq!(fm.raw.id.as_deref(), Some("x1"));
        assert_eq!(fm.id_line, Some(5));
    }

    #[test]
    fn year_only_dates_may_be_bare_numbers() {
        let fm = parse("---\npublished: 2018\n---\nBody.").unwrap();
        assert_eq!(fm.raw.meta.published.unwrap().to_string(), "2018");
    }

    #[test]
    fn fields_claimtrack_does_not_read_are_kept_and_timestamps_give_their_date() {
        let fm =
            parse("---\ntitle: x\ntags: [a, b]\npublished: 2021-03-01T10:00:00Z\n---\nBody.").expect("read");
        assert_eq!(fm.raw.meta.extra.get("tags").map(String::as_str), Some(r#"["a","b"]"#));
        assert_eq!(fm.raw.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-03-01"));
        let fm = parse("---\npublished: 2021-03-01 23:30:00+02:00\n---\nBody.").expect("read");
        assert_eq!(fm.raw.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-03-01"));
        assert!(parse("---\npublished: 2021-03-01T25\n---\nBody.").is_err());
    }

    #[test]
    fn bad_front_matter_is_located() {
        insta::assert_snapshot!(err("---\ntitle: x\nBody.\n"), @"line 1: block opened with `---` on line 1 is never closed by a `---` line");
        insta::assert_snapshot!(err("---\ntitle: [a, b]\n---\nBody."), @"line 2: field `title`: expected text, found a list");
        insta::assert_snapshot!(err("---\ntitle: x\npublished: 2021-02-30\n---\nBody."), @r#"line 3: field `published`: "2021-02-30" is not a calendar date"#);
        insta::assert_snapshot!(err("---\ntitle: x\n  bad: : :\n---\nBody."), @"line 3: mapping values are not allowed in this context");
        insta::assert_snapshot!(err("---\n- a\n- b\n---\nBody."), @"line 2: expected `key: value` lines, found a list");
        insta::assert_snapshot!(err("---\nid: a b\n---\nBody."), @r#"line 2: field `id`: id "a b" must not contain whitespace, control characters or `#`"#);
    }
}
