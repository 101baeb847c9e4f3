import { createContext, useContext } from "react";

/**
 * This response's Content-Security-Policy nonce (app/server/security-headers.ts), provided by
 * app/entry.server.tsx and put on Remix's inline scripts in app/root.tsx. In the browser it is
 * undefined: the scripts are already in the page, and browsers hide a nonce from the DOM.
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
