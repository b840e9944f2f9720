//! The owner's `sweep` (issue 12 §7, tokens with no way out): what every contract that sweeps shares.

use cosmwasm_std::{Addr, CosmosMsg, Response, Uint128};

/// A bank denom as the SDK accepts one (`[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`): 3..=128 characters of
/// `a-z A-Z 0-9 / : . _ -`, the first a letter (the rule a configured native denom and a
/// `sweep { denom }` are checked against).
pub fn is_bank_denom(denom: &str) -> bool {
    (3..=128).contains(&denom.len())
        && denom
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
        && denom
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/:._-".contains(&b))
}

/// The response of a sweep that sends `amount` (base units of `denom`; "mesi" for the cw20) to `to` by `msg`,
/// keeping `owed` (base units the books still owe) in the contract. Attributes: `action` = "sweep", `denom`,
/// `to`, `amount`, `owed`.
pub fn sweep_response(
    msg: impl Into<CosmosMsg>,
    denom: &str,
    to: &Addr,
    amount: Uint128,
    owed: Uint128,
) -> Response {
    Response::new()
        .add_message(msg)
        .add_attribute("action", "sweep")
        .add_attribute("denom", denom)
        .add_attribute("to", to)
        .add_attribute("amount", amount)
        .add_attribute("owed", owed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bank_denom_is_3_to_128_characters_of_the_sdk_alphabet() {
        for ok in [
            "uusdc",
            "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2",
            "factory/wasm1x/u.a_b-c:d",
        ] {
            assert!(is_bank_denom(ok), "{ok}");
        }
        for bad in [
            "",
            "ab",
            "1usdc",
            "/usdc",
            "u usdc",
            "uusdc!",
            &"a".repeat(129),
        ] {
            assert!(!is_bank_denom(bad), "{bad}");
        }
        assert!(is_bank_denom(&"a".repeat(128)));
    }
}
