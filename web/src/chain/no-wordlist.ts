// Stand-in for @scure/bip39's English word list (vite.config.ts aliases it in every build). The page never turns
// words into keys: wallets sign. Keeping the list (and so any mnemonic machinery) out of the bundle is checked by
// tests/web (the production bundle contains no BIP39 word list and no devnet mnemonic).
export const wordlist: string[] = [];
