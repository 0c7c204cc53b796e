// Polling for effects that happen off the request (event handlers, docs/decisions/020) when the test
// talks to a server in another process and cannot await them: retries an async check until it
// passes or the time is up, then fails with the last error.
export async function eventually<T>(check: () => Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
