// The one source of Remix plugin options. Under Vite, Remix no longer reads this file itself:
// vite.config.ts imports it and hands it to the Remix plugin (docs/decisions/002-remix-config-under-vite.md).

/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  // Server-only helpers and tests may sit beside routes without becoming routes.
  ignoredRouteFiles: ["**/.*", "**/*.css", "**/*.test.{ts,tsx}", "**/*.server.{ts,tsx}", "**/__*.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: the whole manifest (48 routes) goes with the first page. Lazy discovery matched the
    // route tree twice more on every server render (a quarter of route matching's CPU, docs/decisions/019).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
