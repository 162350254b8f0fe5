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
                    Some(text) => Some(PartialDate::parse(&text).map_err(|m| FieldError::new(field, m))?),
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
