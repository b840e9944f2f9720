//! Messages of the gallery contract (cw721 collection with trust pledges).
//!
//! cw721 compatibility: the cw721 variants of [`ExecuteMsg`] (`transfer_nft`, `send_nft`, `approve`,
//! `revoke`, `approve_all`, `revoke_all`, `mint`, `burn`) and of [`QueryMsg`] (`owner_of`, `approval`,
//! `approvals`, `operator`, `all_operators`, `num_tokens`, `contract_info`, `nft_info`, `all_nft_info`,
//! `tokens`, `all_tokens`) serialize exactly like cw721 0.22's `Cw721ExecuteMsg` / `Cw721QueryMsg`, and the
//! answers are cw721 0.22's own response types (re-exported below). `send_nft` calls the receiver with
//! cw721's `Cw721ReceiveMsg` (`{"receive_nft":{"sender","token_id","msg"}}`).
//!
//! Gallery rules (see contracts/gallery/README.md): anyone mints into its own gallery (minter = creator =
//! owner = sender); token ids are chosen by the minter; "sold" means `owner != creator` now.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Uint128};
use cw_ownable::Action;
use cw_utils::Expiration;

pub use cw721::msg::{
    AllInfoResponse, AllNftInfoResponse, ApprovalResponse, ApprovalsResponse,
    CollectionInfoAndExtensionResponse, MinterResponse, NftInfoResponse, NumTokensResponse,
    OperatorResponse, OperatorsResponse, OwnerOfResponse, TokensResponse,
};
pub use cw721::receiver::Cw721ReceiveMsg;
pub use cw721::Approval;

/// Most tags on one token.
pub const MAX_TAGS: usize = 10;
/// Longest tag, in bytes.
pub const MAX_TAG_LEN: usize = 32;
/// Longest token id, in bytes.
pub const MAX_TOKEN_ID_LEN: usize = 64;
/// Longest token URI, in bytes.
pub const MAX_URI_LEN: usize = 512;
/// Most payees in one arbiter ruling.
pub const MAX_PAYOUTS: usize = 20;
/// Most live per-token approvals (cw721 `approve`) on one token.
pub const MAX_APPROVALS: usize = 10;
/// Longest collection name / symbol.
pub const MAX_NAME_LEN: usize = 64;
/// Earliest accepted `year`.
pub const MIN_YEAR: u16 = 1800;
/// Latest accepted `year`.
pub const MAX_YEAR: u16 = 9999;

#[cw_serde]
#[derive(Copy, Eq)]
pub enum MediaKind {
    Photo,
    Video,
    Audio,
}

/// Who earns the ad revenue of a token. Fixed at mint, never changes.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum AdRevenueModel {
    /// The creator earns 100%, whoever owns the token.
    Royalty,
    /// The current owner earns 100%.
    Ownership,
    /// The creator earns `creator_bps` (0..=10_000), the current owner the rest.
    Hybrid { creator_bps: u16 },
}

#[cw_serde]
pub struct InstantiateMsg {
    /// cw721 collection name, e.g. "Mesi Gallery".
    pub name: String,
    /// cw721 collection symbol, e.g. "MESIG".
    pub symbol: String,
    /// Rules on disputed content: liquidates pledges, may move or burn the token.
    pub arbiter: String,
    /// Native stablecoin denom of trust pledges, e.g. "uusdc".
    pub pledge_denom: String,
    /// Contract owner (config admin); defaults to the sender.
    pub owner: Option<String>,
}

/// The `extension` of `mint`: what the creator declares about the upload.
#[cw_serde]
pub struct MintExtension {
    pub media_kind: MediaKind,
    /// sha256 of the file, 64 hex characters (upper case is accepted and stored lower case).
    pub content_hash: String,
    /// At most [`MAX_TAGS`], each 1..=[`MAX_TAG_LEN`] bytes of `a-z 0-9 - _` (A-Z accepted, stored lower
    /// case), no duplicates.
    pub tags: Vec<String>,
    /// Year of creation, [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub year: u16,
    pub ad_revenue: AdRevenueModel,
    pub pay_per_view: bool,
    /// The minter confirms it holds the rights to this content. Must be `true`.
    pub rights_confirmed: bool,
}

/// One payee of an arbiter ruling.
#[cw_serde]
pub struct Payout {
    pub address: String,
    pub amount: Uint128,
}

/// What happens to the token after a ruling.
#[cw_serde]
pub enum ResolveOutcome {
    /// The token stays with its owner.
    Keep,
    /// The token goes to its rightful owner (approvals cleared).
    TransferTo { address: String },
    /// The token is burnt (whoever owns it).
    Burn,
}

#[cw_serde]
pub enum ExecuteMsg {
    // ---- cw721 0.22 ----
    TransferNft {
        recipient: String,
        token_id: String,
    },
    SendNft {
        contract: String,
        token_id: String,
        msg: Binary,
    },
    Approve {
        spender: String,
        token_id: String,
        expires: Option<Expiration>,
    },
    Revoke {
        spender: String,
        token_id: String,
    },
    ApproveAll {
        operator: String,
        expires: Option<Expiration>,
    },
    RevokeAll {
        operator: String,
    },
    /// Anyone may mint into its own gallery: `owner` must be the sender, who becomes the creator.
    /// `token_id`: 1..=64 bytes of `A-Z a-z 0-9 - _ . :`, unique in the collection.
    Mint {
        token_id: String,
        owner: String,
        /// Optional URI of the metadata / content (1..=512 bytes, no whitespace); not parsed.
        token_uri: Option<String>,
        extension: MintExtension,
    },
    /// Only an unsold token (owner == creator) without a live pledge, by its owner or an approved
    /// spender / operator.
    Burn {
        token_id: String,
    },
    // ---- gallery ----
    /// Creator only. Off: any time. On: only while unsold (owner == creator).
    SetPayPerView {
        token_id: String,
        enabled: bool,
    },
    /// Creator or current owner attaches (or increases) the token's trust pledge: exactly one coin of
    /// the pledge denom must be attached. Never withdrawn.
    Pledge {
        token_id: String,
    },
    /// Arbiter only: liquidates the whole pledge to `payouts` (amounts sum to the pledge, distinct
    /// addresses, at most [`MAX_PAYOUTS`]; empty when there is no pledge) and applies `outcome`.
    Resolve {
        token_id: String,
        payouts: Vec<Payout>,
        outcome: ResolveOutcome,
    },
    /// Contract owner only. `pledge_denom` can change only while no pledge is live.
    UpdateConfig {
        arbiter: Option<String>,
        pledge_denom: Option<String>,
        name: Option<String>,
        symbol: Option<String>,
        /// The marketplace (issue 14): a token sent to it with `send_nft` is "listed" by its previous
        /// owner, not sold, until the marketplace transfers it on. Optional in JSON (omitted = unchanged).
        #[serde(default)]
        marketplace: Option<String>,
    },
    /// Two-step ownership of the contract (config admin): propose, accept, renounce.
    UpdateOwnership(Action),
    /// Contract owner only (issue 12 §7, tokens with no way out): sends the owner exactly the surplus of
    /// `denom` the contract holds, i.e. its bank balance minus the live pledges when `denom` is the pledge
    /// denom, the whole balance for any other denom (coins that arrived by a plain bank send). A pledged
    /// base unit is never swept. Errors: `NothingToSweep` when the surplus is zero, `InvalidDenom`.
    Sweep {
        denom: String,
    },
    /// Contract owner only (issue 12 §7, tokens with no way out): sends the owner the gallery's whole
    /// balance of the cw20 `token` (e.g. $MESI sent by a plain cw20 `Transfer`), by cw20 `Transfer`.
    /// The gallery never owes a cw20 (pledges are native coins), so the whole balance is surplus.
    /// Errors: `NothingToSweep` (zero balance; `denom` = the token address), an invalid address,
    /// or the query error when `token` is not a cw20.
    SweepCw20 {
        token: String,
    },
    /// Anyone (issue 15, after `migrate` from a build with the old storage layout; it only changes how
    /// tokens are stored, so a renounced owner cannot leave the galleries unreadable): converts up to
    /// `limit` (default 30, max 100) tokens still in the old layout (JSON record, bech32 index keys) to the
    /// compact one. `gallery` and `tokens {owner}` answer `ReindexPending` until no old-layout token is
    /// left; any write to an old token (transfer, approve, pledge, ...) also converts it. Errors:
    /// `NothingToReindex` (no old-layout token left).
    Reindex {
        limit: Option<u32>,
    },
}

/// One filter of a gallery query. JSON: `{"media_kind":"photo"}`, `{"year":2024}`, `{"tag":"nature"}`.
#[cw_serde]
pub enum GalleryFilter {
    MediaKind(MediaKind),
    Year(u16),
    Tag(String),
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---- cw721 0.22 ----
    #[returns(OwnerOfResponse)]
    OwnerOf {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(ApprovalResponse)]
    Approval {
        token_id: String,
        spender: String,
        include_expired: Option<bool>,
    },
    #[returns(ApprovalsResponse)]
    Approvals {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(OperatorResponse)]
    Operator {
        owner: String,
        operator: String,
        include_expired: Option<bool>,
    },
    #[returns(OperatorsResponse)]
    AllOperators {
        owner: String,
        include_expired: Option<bool>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(NumTokensResponse)]
    NumTokens {},
    /// cw721's collection info; `extension` is always null.
    #[returns(CollectionInfoAndExtensionResponse<Option<cosmwasm_std::Empty>>)]
    ContractInfo {},
    /// Same answer as `contract_info` (cw721 0.19+ name).
    #[returns(CollectionInfoAndExtensionResponse<Option<cosmwasm_std::Empty>>)]
    GetCollectionInfoAndExtension {},
    /// cw721 0.22 (deprecated there, still asked by clients): minting is open to everyone, so there is no
    /// single minter: always `{"minter":null}` (issue 12 §8).
    #[returns(MinterResponse)]
    Minter {},
    /// cw721 0.22: the minter's ownership. Open minting: always
    /// `{"owner":null,"pending_owner":null,"pending_expiry":null}` (issue 12 §8). The config admin is
    /// answered by `ownership`.
    #[returns(cw_ownable::Ownership<cosmwasm_std::Addr>)]
    GetMinterOwnership {},
    /// cw721 0.22: wasm contract info, collection info (name, symbol, updated_at), collection extension
    /// attributes (always empty) and the number of tokens (issue 12 §8).
    #[returns(AllInfoResponse)]
    GetAllInfo {},
    #[returns(NftInfoResponse<GalleryNftExtension>)]
    NftInfo { token_id: String },
    #[returns(AllNftInfoResponse<GalleryNftExtension>)]
    AllNftInfo {
        token_id: String,
        include_expired: Option<bool>,
    },
    #[returns(TokensResponse)]
    Tokens {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(TokensResponse)]
    AllTokens {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    // ---- gallery ----
    /// A creator's gallery in (year, token id) order, optionally filtered by one of media kind, year or
    /// tag; sold items included and marked. `start_after` is a token id of this gallery (the cursor is its
    /// (year, id)); an unknown one is refused (not found).
    #[returns(GalleryResponse)]
    Gallery {
        creator: String,
        filter: Option<GalleryFilter>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The live trust pledge of one token.
    #[returns(PledgeResponse)]
    Pledge { token_id: String },
    /// Who holds one token and what it is (SPEC §3 token identity and custody): the marketplace checks it
    /// before every fill. A burnt id answers `token <id> was burnt`, an unknown one `token <id> not found`.
    #[returns(CustodyResponse)]
    Custody { token_id: String },
    /// The sum of live pledges on a creator's tokens.
    #[returns(CreatorPledgesResponse)]
    CreatorPledges { creator: String },
    #[returns(ConfigResponse)]
    Config {},
    #[returns(cw_ownable::Ownership<cosmwasm_std::Addr>)]
    Ownership {},
}

#[cw_serde]
pub struct MigrateMsg {}

/// The `extension` of `nft_info` / `all_nft_info`.
#[cw_serde]
pub struct GalleryNftExtension {
    pub creator: String,
    pub media_kind: MediaKind,
    /// sha256 of the file, 64 lower-case hex characters.
    pub content_hash: String,
    pub tags: Vec<String>,
    pub year: u16,
    pub ad_revenue: AdRevenueModel,
    pub pay_per_view: bool,
    /// Live trust pledge, in the pledge denom.
    pub pledge: Uint128,
}

#[cw_serde]
pub struct GalleryItem {
    pub token_id: String,
    pub owner: String,
    /// The seller while the token sits in the marketplace's escrow (issue 14: "listed", not "sold");
    /// `owner` is then the marketplace.
    #[serde(default)]
    pub listed_by: Option<String>,
    /// The real holder (`listed_by`, else `owner`) is not the creator.
    pub sold: bool,
    pub token_uri: Option<String>,
    pub info: GalleryNftExtension,
}

#[cw_serde]
pub struct GalleryResponse {
    pub creator: String,
    pub items: Vec<GalleryItem>,
}

#[cw_serde]
pub struct PledgeResponse {
    pub token_id: String,
    pub creator: String,
    pub owner: String,
    pub amount: Uint128,
    pub denom: String,
}

/// Answer to `{"custody":{"token_id":".."}}`: the custody record and the identity of one token.
#[cw_serde]
pub struct CustodyResponse {
    pub token_id: String,
    /// The cw721 owner (the marketplace while the token is in its escrow).
    pub owner: String,
    /// The account that put the token into the marketplace's escrow with `send_nft` (the seller); `None`
    /// when the token is not in escrow. Set only by the `send_nft` hook path (SPEC §3).
    pub listed_by: Option<String>,
    /// The token's creator (its minter).
    pub creator: String,
    /// sha256 of the content, 64 lower-case hex characters, fixed at mint.
    pub content_hash: String,
}

#[cw_serde]
pub struct CreatorPledgesResponse {
    pub creator: String,
    pub total: Uint128,
    pub denom: String,
}

#[cw_serde]
pub struct ConfigResponse {
    pub name: String,
    pub symbol: String,
    pub arbiter: String,
    pub pledge_denom: String,
    /// Sum of all live pledges (== the contract's balance of `pledge_denom`).
    pub total_pledged: Uint128,
    /// The marketplace whose escrow counts as "listed" (issue 14); `None` until configured.
    #[serde(default)]
    pub marketplace: Option<String>,
}
