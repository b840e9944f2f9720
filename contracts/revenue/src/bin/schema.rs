use cosmwasm_schema::{export_schema, schema_for, write_api};
use mesi_types::revenue::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg};

fn main() {
    write_api! {
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
    // The `msg` payload of the token `send` hook: typed in clients/src by scripts/gen-clients.mjs.
    let hooks = std::path::Path::new("schema/hooks");
    std::fs::create_dir_all(hooks).expect("create schema/hooks");
    export_schema(&schema_for!(ReceiveMsg), hooks);
}
