//! cw721 transfers and approvals (same semantics and attributes as cw721-base 0.22).

use cosmwasm_std::{
    Addr, Api, Attribute, Binary, BlockInfo, CanonicalAddr, Deps, DepsMut, Env, MessageInfo,
    Response, Storage,
};
use cw721::Approval;
use cw_utils::Expiration;
use mesi_types::gallery::{Cw721ReceiveMsg, MAX_APPROVALS};

use crate::error::ContractError;
use crate::execute::response;
use crate::state::{
    addr_validate_canonical, is_marketplace, load_token_for_write, move_owned, save_token, Token,
    OPERATORS,
};

/// True when `operator` holds a live `approve_all` from `owner`.
fn is_operator(
    store: &dyn Storage,
    block: &BlockInfo,
    owner: &Addr,
    operator: &Addr,
) -> Result<bool, ContractError> {
    Ok(OPERATORS
        .may_load(store, (owner, operator))?
        .is_some_and(|ex| !ex.is_expired(block)))
}

/// Owner, a live per-token approval, or a live operator may transfer, send or burn.
pub fn check_can_send(
    deps: Deps,
    block: &BlockInfo,
    sender: &Addr,
    token: &Token,
) -> Result<(), ContractError> {
    if token.owner == *sender
        || token
            .approvals
            .iter()
            .any(|a| a.spender == *sender && !a.expires.is_expired(block))
        || is_operator(deps.storage, block, &token.owner, sender)?
    {
        return Ok(());
    }
    Err(ContractError::Unauthorized {})
}

/// Owner or a live operator may approve / revoke.
fn check_can_approve(
    deps: Deps,
    block: &BlockInfo,
    sender: &Addr,
    token: &Token,
) -> Result<(), ContractError> {
    if token.owner == *sender || is_operator(deps.storage, block, &token.owner, sender)? {
        return Ok(());
    }
    Err(ContractError::Unauthorized {})
}

/// Moves a token to `to` (`to_raw`: its canonical bytes): owner index updated, approvals cleared, record
/// saved. The token must come from `load_token_for_write` (new layout).
pub fn move_token(
    store: &mut dyn Storage,
    api: &dyn Api,
    token_id: &str,
    token: &mut Token,
    (to, to_raw): (Addr, CanonicalAddr),
    listed_by: Option<Addr>,
) -> Result<(), ContractError> {
    move_owned(store, token_id, &token.owner_raw, &to_raw);
    token.set_owner(to, to_raw);
    token.approvals.clear();
    token.listed_by = listed_by;
    save_token(store, api, token_id, token)?;
    Ok(())
}

/// How a token moves: `transfer_nft` (no hook) or `send_nft` (the recipient contract's `receive_nft` hook
/// runs in the same transaction).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    Transfer,
    Send,
}

fn transfer(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    recipient: &str,
    token_id: &str,
    via: Via,
) -> Result<(), ContractError> {
    let mut token = load_token_for_write(deps.storage, deps.api, token_id)?;
    check_can_send(deps.as_ref(), &env.block, &info.sender, &token)?;
    let (to, to_raw) = addr_validate_canonical(deps.api, recipient)?;
    let from = token.owner.clone();
    let to_marketplace = is_marketplace(deps.storage, &to_raw);
    // Custody (SPEC §3, issue 19 §3b): the marketplace holds a token only through `send_nft` with an order
    // message, whose hook records the order in the same transaction. A plain transfer would leave the token
    // there with no order (stranded) or let it re-enter the escrow of an order a ruling voided.
    if to_marketplace && via == Via::Transfer {
        return Err(ContractError::MarketplaceNeedsSendNft {
            token_id: token_id.to_string(),
        });
    }
    // Into the marketplace's escrow (issue 14): only the owner lists (the marketplace's seller is the sender of
    // the hook, so proceeds and a returned token reach the owner), and the token is listed by it, not sold.
    if to_marketplace && info.sender != from {
        return Err(ContractError::MarketplaceOwnerOnly {
            token_id: token_id.to_string(),
        });
    }
    let listed_by = to_marketplace.then_some(from);
    move_token(
        deps.storage,
        deps.api,
        token_id,
        &mut token,
        (to, to_raw),
        listed_by,
    )?;
    Ok(())
}

pub fn transfer_nft(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    token_id: String,
) -> Result<Response, ContractError> {
    transfer(deps, &env, &info, &recipient, &token_id, Via::Transfer)?;
    Ok(response(vec![
        Attribute::new("action", "transfer_nft"),
        Attribute::new("sender", info.sender),
        Attribute::new("recipient", recipient),
        Attribute::new("token_id", token_id),
    ]))
}

pub fn send_nft(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    token_id: String,
    msg: Binary,
) -> Result<Response, ContractError> {
    transfer(deps, &env, &info, &contract, &token_id, Via::Send)?;
    let hook = Cw721ReceiveMsg {
        sender: info.sender.to_string(),
        token_id: token_id.clone(),
        msg,
    }
    .into_cosmos_msg::<_, cosmwasm_std::Empty>(contract.clone())?;
    Ok(response(vec![
        Attribute::new("action", "send_nft"),
        Attribute::new("sender", info.sender),
        Attribute::new("recipient", contract),
        Attribute::new("token_id", token_id),
    ])
    .add_message(hook))
}

fn update_approvals(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    spender: &str,
    token_id: &str,
    add: Option<Option<Expiration>>,
) -> Result<(), ContractError> {
    let mut token = load_token_for_write(deps.storage, deps.api, token_id)?;
    check_can_approve(deps.as_ref(), &env.block, &info.sender, &token)?;
    let spender = deps.api.addr_validate(spender)?;
    // Drop this spender's old entry and any expired ones (keeps the list short).
    token
        .approvals
        .retain(|a| a.spender != spender && !a.expires.is_expired(&env.block));
    if let Some(expires) = add {
        let expires = expires.unwrap_or_default();
        if expires.is_expired(&env.block) {
            return Err(ContractError::Expired {});
        }
        if token.approvals.len() >= MAX_APPROVALS {
            return Err(ContractError::TooManyApprovals {
                token_id: token_id.to_string(),
                max: MAX_APPROVALS,
            });
        }
        token.approvals.push(Approval { spender, expires });
    }
    save_token(deps.storage, deps.api, token_id, &token)?;
    Ok(())
}

pub fn approve(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    token_id: String,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    update_approvals(deps, &env, &info, &spender, &token_id, Some(expires))?;
    Ok(response(vec![
        Attribute::new("action", "approve"),
        Attribute::new("sender", info.sender),
        Attribute::new("spender", spender),
        Attribute::new("token_id", token_id),
    ]))
}

pub fn revoke(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    token_id: String,
) -> Result<Response, ContractError> {
    update_approvals(deps, &env, &info, &spender, &token_id, None)?;
    Ok(response(vec![
        Attribute::new("action", "revoke"),
        Attribute::new("sender", info.sender),
        Attribute::new("spender", spender),
        Attribute::new("token_id", token_id),
    ]))
}

pub fn approve_all(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    operator: String,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    let expires = expires.unwrap_or_default();
    if expires.is_expired(&env.block) {
        return Err(ContractError::Expired {});
    }
    let operator_addr = deps.api.addr_validate(&operator)?;
    OPERATORS.save(deps.storage, (&info.sender, &operator_addr), &expires)?;
    Ok(Response::new()
        .add_attribute("action", "approve_all")
        .add_attribute("sender", info.sender)
        .add_attribute("operator", operator))
}

pub fn revoke_all(
    deps: DepsMut,
    info: MessageInfo,
    operator: String,
) -> Result<Response, ContractError> {
    let operator_addr = deps.api.addr_validate(&operator)?;
    OPERATORS.remove(deps.storage, (&info.sender, &operator_addr));
    Ok(Response::new()
        .add_attribute("action", "revoke_all")
        .add_attribute("sender", info.sender)
        .add_attribute("operator", operator))
}
