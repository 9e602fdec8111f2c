/** The request header the proxy passes a page's CSP nonce in (src/proxy.ts → the root layout). */
export const NONCE_HEADER = "x-nonce";
