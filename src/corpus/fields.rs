//! The metadata fields an article may carry, shared by YAML front matter
//! and JSONL records so both formats accept exactly the same names and
//! check them the same way.

use crate::model::{ArticleMeta, PartialDate};

/// The fields a front-matter block or JSONL record may set besides `text`.
pub(crate) const META_FIELDS: &[&str] =
    &["id", "title", "outlet", "author", "url", "published", "language", "via"];

/// A metadata field whose value failed a check; the caller adds the place.
#[derive(Debug)]
pub(crate) struct FieldError {
    pub(crate) field: String,
    pub(crate) message: String,
}

impl FieldError {
    pub(crate) fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), message: message.into() }
    }
}

/// Metadata as read, before it becomes an [`ArticleMeta`].
#[derive(Debug, Default)]
pub(crate) struct RawMeta {
    pub(crate) id: Option<String>,
    pub(crate) meta: ArticleMeta,
}

impl RawMeta {
    /// Sets `field` to `value` (`None` for an explicit null), checking the
    /// field exists and the value makes sense for it.
    pub(crate) fn set(&mut self, field: &str, value: Option<String>) -> Result<(), FieldError> {
        let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        match field {
            "id" => {
                if let Some(id) = &value {
                    check_id(id).map_err(|m| FieldError::new(field, m))?;
                }
                self.id = value;
            }
            "title" => self.meta.title = value,
            "outlet" => self.meta.outlet = value,
            "author" => self.meta.author = value,
            "url" => self.meta.url = value,
            "language" => self.meta.language = value,
            "via" => self.meta.via = value,
            "published" => {
                self.meta.published = match value {
                    Some(text) => Some(published(&text).map_err(|m| FieldError::new(field, m))?),
                    None => None,
                }
            }
            _ => {
                return Err(FieldError::new(
                    field,
                    format!("unknown field, expected one of {}", expected_fields()),
                ));
            }
        }
        Ok(())
    }
}

/// A publication date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or an RFC 3339
/// timestamp (`2021-03-01T10:00:00Z`, `2021-03-01 10:00:00+02:00`), of
/// which the date is kept as written, in the publisher's own time zone.
fn published(text: &str) -> Result<PartialDate, String> {
    let (Some(date), Some(rest)) = (text.get(..10), text.get(10..)) else { return PartialDate::parse(text) };
    if rest.is_empty() {
        return PartialDate::parse(date);
    }
    let bad = || {
        format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or an RFC 3339 timestamp, found {text:?}")
    };
    let time = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
    // HH:MM[:SS[.fraction]] then Z or ±HH:MM.
    let shaped = |t: &str| {
        let b = t.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        digits(0..2) && b.get(2) == Some(&b':') && digits(3..5)
    };
    let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let zone_ok =
        zone.is_empty() || zone.eq_ignore_ascii_case("z") || (zone.len() == 6 && shaped(&zone[1..]));
    if !shaped(clock) || !zone_ok {
        return Err(bad());
    }
    PartialDate::parse(date)
}

/// The accepted field names, for messages.
pub(crate) fn expected_fields() -> String {
    META_FIELDS.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
}

/// Checks an article id can be used in claim ids and reports.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    if id.chars().any(|c| c.is_control() || c.is_whitespace() || c == '#') {
        return Err(format!("id {id:?} must not contain whitespace, control characters or `#`"));
    }
    Ok(())
}
