/// <reference types="vite/client" />
/** true only in `vite build --mode e2e` (the test signer is compiled in); false in every production bundle */
declare const __MESI_E2E__: boolean;
