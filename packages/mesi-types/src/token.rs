//! $MESI token (cw20) messages.
//!
//! Interface other contracts rely on (keep it stable):
//! `QueryMsg::Tier { address }` -> [`TierResponse`], JSON `{"tier":{"address":"..."}}`.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Uint128;

/// Answer to `{"tier":{"address":"..."}}`.
#[cw_serde]
pub struct TierResponse {
    /// 0 = no tier, else 1..=5 with the default table.
    pub tier: u8,
    /// holding score + locked amount.
    pub influence_points: Uint128,
    /// 7-day rolling time-weighted average balance.
    pub holding_score: Uint128,
    /// Amount currently locked (a pending unlock still counts until its release time).
    pub locked: Uint128,
}
