// Vitest runs without the Remix plugin. Two projects: fast unit/integration tests in parallel
// workers, and browser tests (real Chromium against a real server) one file at a time.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./tests/support/global-setup.ts"],
    projects: [
      {
        test: {
          name: "unit",
          setupFiles: ["./tests/support/in-process-db.ts"],
          include: ["app/**/*.test.ts", "server/**/*.test.ts", "tests/integration/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
