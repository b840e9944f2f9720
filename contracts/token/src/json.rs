//! A tiny JSON object writer for the Mesi extension query responses. The responses' shapes are
//! the `mesi_types::token` structs (tests read every one back through them); writing them by
//! hand instead of through serde saves ~5 KB of wasm (one serializer per response type).

use cosmwasm_std::Binary;
use cw_ownable::Expiration;

pub struct Obj(Vec<u8>);

impl Default for Obj {
    fn default() -> Self {
        Obj::new()
    }
}

impl Obj {
    pub fn new() -> Obj {
        let mut v = Vec::with_capacity(160);
        v.push(b'{');
        Obj(v)
    }

    #[inline(never)]
    fn key(&mut self, k: &str) {
        if self.0.len() > 1 {
            self.0.push(b',');
        }
        self.0.push(b'"');
        self.0.extend_from_slice(k.as_bytes());
        self.0.extend_from_slice(b"\":");
    }

    #[inline(never)]
    fn push_str(&mut self, v: &str) {
        self.0.push(b'"');
        for &c in v.as_bytes() {
            if c == b'"' || c == b'\\' || c < 0x20 {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.extend_from_slice(b"\\u00");
                self.0.push(HEX[(c >> 4) as usize]);
                self.0.push(HEX[(c & 15) as usize]);
            } else {
                self.0.push(c);
            }
        }
        self.0.push(b'"');
    }

    /// A JSON string.
    pub fn str(mut self, k: &str, v: &str) -> Obj {
        self.key(k);
        self.push_str(v);
        self
    }

    /// A Uint128 (a JSON string of digits).
    pub fn uint(self, k: &str, v: u128) -> Obj {
        self.str(k, &v.to_string())
    }

    /// A JSON number.
    pub fn num(mut self, k: &str, v: u64) -> Obj {
        self.key(k);
        self.0.extend_from_slice(v.to_string().as_bytes());
        self
    }

    /// `null` or a JSON number.
    pub fn opt_num(self, k: &str, v: Option<u64>) -> Obj {
        match v {
            Some(n) => self.num(k, n),
            None => self.raw(k, b"null"),
        }
    }

    /// `null` or a JSON string.
    pub fn opt_str(self, k: &str, v: Option<&str>) -> Obj {
        match v {
            Some(s) => self.str(k, s),
            None => self.raw(k, b"null"),
        }
    }

    /// Already-encoded JSON.
    pub fn raw(mut self, k: &str, v: &[u8]) -> Obj {
        self.key(k);
        self.0.extend_from_slice(v);
        self
    }

    pub fn end(mut self) -> Binary {
        self.0.push(b'}');
        Binary::from(self.0)
    }
}

/// cw-utils `Expiration` JSON: `{"at_height":1}`, `{"at_time":"1"}`, `{"never":{}}`.
pub fn expiration(e: &Expiration) -> Binary {
    match e {
        Expiration::AtHeight(h) => Obj::new().num("at_height", *h).end(),
        Expiration::AtTime(t) => Obj::new().uint("at_time", t.nanos() as u128).end(),
        Expiration::Never {} => Obj::new().raw("never", b"{}").end(),
    }
}

/// `AllowanceResponse` JSON exactly as serde writes it: `{"allowance":"<u128>","expires":
/// <expiration>}` (the stored value of both allowance indexes; issue 15).
pub fn allowance(a: &cw20::AllowanceResponse) -> Vec<u8> {
    let mut o = Obj::new().uint("allowance", a.allowance.u128());
    o.key("expires");
    match &a.expires {
        Expiration::AtHeight(h) => {
            o.0.extend_from_slice(b"{\"at_height\":");
            o.0.extend_from_slice(h.to_string().as_bytes());
            o.0.push(b'}');
        }
        Expiration::AtTime(t) => {
            o.0.extend_from_slice(b"{\"at_time\":\"");
            o.0.extend_from_slice(t.nanos().to_string().as_bytes());
            o.0.extend_from_slice(b"\"}");
        }
        Expiration::Never {} => o.0.extend_from_slice(b"{\"never\":{}}"),
    }
    o.0.push(b'}');
    o.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{to_json_vec, Timestamp, Uint128};
    use proptest::prelude::*;

    fn expiration() -> impl Strategy<Value = Expiration> {
        prop_oneof![
            any::<u64>().prop_map(Expiration::AtHeight),
            any::<u64>().prop_map(|n| Expiration::AtTime(Timestamp::from_nanos(n))),
            Just(Expiration::Never {}),
        ]
    }

    proptest! {
        /// Issue 15: the hand-written allowance value is byte for byte what serde writes (and
        /// `ALLOWANCES.save` wrote before), so every reader of the maps reads it unchanged.
        #[test]
        fn allowance_json_is_byte_identical_to_serde(
            amount in prop_oneof![Just(0u128), 0u128..1_000_000, any::<u128>()],
            expires in expiration(),
        ) {
            let a = cw20::AllowanceResponse { allowance: Uint128::new(amount), expires };
            prop_assert_eq!(allowance(&a), to_json_vec(&a).unwrap());
        }
    }
}
