//! Runtime support for the generated serde impls (crate-private).
//!
//! Generated `Deserialize` impls read a JSON object field by field: a key is matched to the
//! index of a known field without allocating ([`KeySeed`]); anything else is read straight
//! from the map into the struct's `extra` map, never through serde's buffered content. Known
//! fields received as `null` (or arrays received as `[]` where the field defaults to empty) are
//! remembered in a [`Nulls`] set so that serialisation writes them back.

use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

/// Which known fields of one struct were received as an explicit `null` (and, for fields that
/// default to an empty array, as an explicit `[]`). `W` words of 64 field indexes each.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Nulls<const W: usize> {
    null: [u64; W],
    empty: [u64; W],
}

impl<const W: usize> Default for Nulls<W> {
    fn default() -> Self {
        Nulls {
            null: [0; W],
            empty: [0; W],
        }
    }
}

fn bit(index: usize) -> (usize, u64) {
    (index / 64, 1u64 << (index % 64))
}

fn assign<const W: usize>(words: &mut [u64; W], index: usize, on: bool) {
    let (word, mask) = bit(index);
    if let Some(w) = words.get_mut(word) {
        if on {
            *w |= mask;
        } else {
            *w &= !mask;
        }
    }
}

fn get<const W: usize>(words: &[u64; W], index: usize) -> bool {
    let (word, mask) = bit(index);
    words.get(word).is_some_and(|w| w & mask != 0)
}

impl<const W: usize> Nulls<W> {
    /// Records whether field `index` was received as `null`.
    #[inline]
    pub(crate) fn set_null(&mut self, index: usize, null: bool) {
        assign(&mut self.null, index, null);
    }

    /// Whether field `index` was received as `null`.
    #[inline]
    pub(crate) fn is_null(&self, index: usize) -> bool {
        get(&self.null, index)
    }

    /// Records whether field `index` (one that defaults to empty) was received as `[]`.
    #[inline]
    pub(crate) fn set_empty(&mut self, index: usize, empty: bool) {
        assign(&mut self.empty, index, empty);
    }

    /// Whether field `index` was received as an explicit `[]`.
    #[inline]
    pub(crate) fn is_empty(&self, index: usize) -> bool {
        get(&self.empty, index)
    }
}

impl<const W: usize> fmt::Debug for Nulls<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let indexes = |words: &[u64; W]| {
            (0..W * 64)
                .filter(|i| get(words, *i))
                .collect::<Vec<usize>>()
        };
        f.debug_struct("Nulls")
            .field("null", &indexes(&self.null))
            .field("empty", &indexes(&self.empty))
            .finish()
    }
}

/// An object key: the index of a known field, or an unknown key (kept for `extra`).
pub(crate) enum Key {
    /// The index of a known field.
    Known(usize),
    /// A key the spec does not name.
    Unknown(String),
}

/// Reads one object key, matching it with `F` (the struct's generated field-name `match`):
/// known keys allocate nothing, borrowed or not.
pub(crate) struct KeySeed<F>(pub(crate) F);

impl<'de, F: Fn(&str) -> Option<usize>> DeserializeSeed<'de> for KeySeed<F> {
    type Value = Key;
    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, F: Fn(&str) -> Option<usize>> Visitor<'de> for KeySeed<F> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match (self.0)(key) {
            Some(index) => Key::Known(index),
            None => Key::Unknown(key.to_owned()),
        })
    }
    #[inline]
    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        Ok(match (self.0)(&key) {
            Some(index) => Key::Known(index),
            None => Key::Unknown(key),
        })
    }
}

/// Visits a string for an open enum: `known` matches the known values; anything else goes to
/// `unknown` as it came (no error is built on the way).
pub(crate) struct OpenEnumVisitor<K, U> {
    pub(crate) known: K,
    pub(crate) unknown: U,
    pub(crate) name: &'static str,
}

impl<'de, T, K, U> Visitor<'de> for OpenEnumVisitor<K, U>
where
    K: Fn(&str) -> Option<T>,
    U: Fn(String) -> T,
{
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} string", self.name)
    }
    #[inline]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(match (self.known)(value) {
            Some(known) => known,
            None => (self.unknown)(value.to_owned()),
        })
    }
    #[inline]
    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(match (self.known)(value.as_str()) {
            Some(known) => known,
            None => (self.unknown)(value),
        })
    }
}

/// Decodes JSON text into `T` and encodes it back (the generated `ROUND_TRIPS` tables).
#[cfg(test)]
pub(crate) type RoundTrip = fn(&str) -> Result<serde_json::Value, String>;

/// Decodes `text` as a `T` and encodes the result back to a JSON value.
#[cfg(test)]
pub(crate) fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    text: &str,
) -> Result<serde_json::Value, String> {
    let value: T = serde_json::from_str(text).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&value).map_err(|e| format!("encode: {e}"))
}
