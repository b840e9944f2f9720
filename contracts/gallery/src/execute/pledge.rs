//! Trust pledges: attach / increase (creator or owner), liquidate by the arbiter.
//!
//! Invariant: contract balance of the pledge denom == TOTAL_PLEDGED == sum of token pledges
//! == sum of CREATOR_PLEDGED.

use cosmwasm_std::{coins, Addr, BankMsg, DepsMut, MessageInfo, Response, Uint128};
use cw_utils::must_pay;
use mesi_types::gallery::{Payout, ResolveOutcome, MAX_PAYOUTS};

use crate::error::ContractError;
use crate::execute::nft::move_token;
use crate::state::{
    addr_validate_canonical, is_marketplace, load_token_for_write, remove_token, save_token,
    CONFIG, CREATOR_PLEDGED, TOTAL_PLEDGED,
};

pub fn pledge(
    deps: DepsMut,
    info: MessageInfo,
    token_id: String,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    // Exactly one coin, of the pledge denom, non-zero.
    let amount = must_pay(&info, &cfg.pledge_denom)?;
    let mut token = load_token_for_write(deps.storage, deps.api, &token_id)?;
    if info.sender != token.creator && info.sender != token.owner {
        return Err(ContractError::NotCreatorOrOwner { token_id });
    }
    token.pledge = token
        .pledge
        .checked_add(amount)
        .map_err(|_| ContractError::PledgeOverflow {})?;
    let creator_total = CREATOR_PLEDGED
        .may_load(deps.storage, &token.creator)?
        .unwrap_or_default()
        .checked_add(amount)
        .map_err(|_| ContractError::PledgeOverflow {})?;
    let total = TOTAL_PLEDGED
        .load(deps.storage)?
        .checked_add(amount)
        .map_err(|_| ContractError::PledgeOverflow {})?;
    save_token(deps.storage, deps.api, &token_id, &token)?;
    CREATOR_PLEDGED.save(deps.storage, &token.creator, &creator_total)?;
    TOTAL_PLEDGED.save(deps.storage, &total)?;
    Ok(Response::new()
        .add_attribute("action", "pledge")
        .add_attribute("sender", info.sender)
        .add_attribute("token_id", token_id)
        .add_attribute("amount", amount)
        .add_attribute("pledge", token.pledge))
}

/// Validates payouts: bounded, non-zero, distinct valid addresses, summing exactly to `pledge`.
fn validate_payouts(
    deps: &DepsMut,
    payouts: Vec<Payout>,
    pledge: Uint128,
) -> Result<Vec<(Addr, Uint128)>, ContractError> {
    if payouts.len() > MAX_PAYOUTS {
        return Err(ContractError::TooManyPayouts { max: MAX_PAYOUTS });
    }
    let mut out: Vec<(Addr, Uint128)> = Vec::with_capacity(payouts.len());
    let mut total = Uint128::zero();
    for p in payouts {
        if p.amount.is_zero() {
            return Err(ContractError::ZeroPayout {});
        }
        let addr = deps.api.addr_validate(&p.address)?;
        if out.iter().any(|(a, _)| *a == addr) {
            return Err(ContractError::DuplicatePayout { address: p.address });
        }
        total = total
            .checked_add(p.amount)
            .map_err(|_| ContractError::PayoutsMismatch { pledge, total })?;
        out.push((addr, p.amount));
    }
    if total != pledge {
        return Err(ContractError::PayoutsMismatch { pledge, total });
    }
    Ok(out)
}

/// Arbiter ruling: the whole pledge goes to the named parties, then the token is kept, moved or burnt.
pub fn resolve(
    deps: DepsMut,
    info: MessageInfo,
    token_id: String,
    payouts: Vec<Payout>,
    outcome: ResolveOutcome,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.arbiter {
        return Err(ContractError::NotArbiter {});
    }
    let mut token = load_token_for_write(deps.storage, deps.api, &token_id)?;
    let pledge = token.pledge;
    let payouts = validate_payouts(&deps, payouts, pledge)?;
    let mut res = Response::new()
        .add_attribute("action", "resolve")
        .add_attribute("token_id", &token_id)
        .add_attribute("liquidated", pledge);

    if !pledge.is_zero() {
        let creator_total = CREATOR_PLEDGED
            .may_load(deps.storage, &token.creator)?
            .unwrap_or_default()
            .checked_sub(pledge)
            .map_err(cosmwasm_std::StdError::from)?;
        if creator_total.is_zero() {
            CREATOR_PLEDGED.remove(deps.storage, &token.creator);
        } else {
            CREATOR_PLEDGED.save(deps.storage, &token.creator, &creator_total)?;
        }
        let total = TOTAL_PLEDGED
            .load(deps.storage)?
            .checked_sub(pledge)
            .map_err(cosmwasm_std::StdError::from)?;
        TOTAL_PLEDGED.save(deps.storage, &total)?;
        token.pledge = Uint128::zero();
        for (addr, amount) in payouts {
            res = res.add_message(BankMsg::Send {
                to_address: addr.to_string(),
                amount: coins(amount.u128(), &cfg.pledge_denom),
            });
        }
    }

    match outcome {
        ResolveOutcome::Keep => {
            save_token(deps.storage, deps.api, &token_id, &token)?;
            res = res.add_attribute("outcome", "keep");
        }
        ResolveOutcome::TransferTo { address } => {
            let to = addr_validate_canonical(deps.api, &address)?;
            // custody (SPEC §3): only `send_nft` with an order message puts a token into the marketplace
            if is_marketplace(deps.storage, &to.1) {
                return Err(ContractError::MarketplaceNeedsSendNft { token_id });
            }
            move_token(deps.storage, deps.api, &token_id, &mut token, to, None)?;
            res = res
                .add_attribute("outcome", "transfer")
                .add_attribute("recipient", address);
        }
        ResolveOutcome::Burn => {
            remove_token(deps.storage, &token_id, &token)?;
            res = res.add_attribute("outcome", "burn");
        }
    }
    Ok(res)
}
