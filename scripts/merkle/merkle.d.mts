// Types of merkle.mjs for the TypeScript demo and e2e tests.
export interface Claim {
  amount: string;
  leaf: string;
  proof: string[];
}
export interface Tree {
  root: string;
  total: string;
  count: number;
  claims: Record<string, Claim>;
}
export function leafHash(address: string, amount: string): Buffer;
export function parentHash(a: Buffer, b: Buffer): Buffer;
export function parseCsv(text: string): { address: string; amount: string }[];
export function buildTree(rows: { address: string; amount: string }[]): Tree;
export function verify(root: string, address: string, amount: string, proof: string[]): boolean;
