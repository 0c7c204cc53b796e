// The little of oidc-provider's API the tests use (the package ships no types; @types/oidc-provider
// is not installed and not needed for this much).
declare module "oidc-provider" {
  import type { RequestListener } from "node:http";
  type Claims = Record<string, unknown> & { sub: string };
  export default class Provider {
    constructor(issuer: string, configuration: {
      clients: Array<Record<string, unknown>>;
      findAccount: (ctx: unknown, sub: string) => { accountId: string; claims: () => Claims | Promise<Claims> };
      claims?: Record<string, string[]>;
      features?: Record<string, { enabled: boolean }>;
      pkce?: { required?: () => boolean };
      cookies?: { keys: string[] };
      ttl?: Record<string, number>;
    });
    callback(): RequestListener;
    on(event: "server_error", listener: (ctx: unknown, error: Error) => void): this;
  }
}
