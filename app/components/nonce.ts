// The per-response Content-Security-Policy nonce (server/csp.ts makes it, app/entry.server.tsx
// provides it): root.tsx hands it to Remix's inline scripts. In the browser it is empty, because
// browsers hide nonces from the page after checking them.
import { createContext, useContext } from "react";

export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
