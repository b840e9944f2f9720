use cosmwasm_schema::{export_schema, schema_for, write_api};
use mesi_types::marketplace::{ExecuteMsg, InstantiateMsg, MigrateMsg, NftMsg, QueryMsg, TokenMsg};

fn main() {
    write_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
    // The `msg` payloads of the hooks (gallery `send_nft`, token `send`): typed in clients/src by
    // scripts/gen-clients.mjs.
    let hooks = std::path::Path::new("schema/hooks");
    std::fs::create_dir_all(hooks).expect("create schema/hooks");
    export_schema(&schema_for!(NftMsg), hooks);
    export_schema(&schema_for!(TokenMsg), hooks);
}
