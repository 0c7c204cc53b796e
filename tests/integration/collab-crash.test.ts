// A short version of `scripts/collab-crash-test.ts` (50 runs there) inside the normal suite: the
// real server is SIGKILLed while clients write paragraphs, including kills on the acknowledgement
// of a reconnecting client's empty sync step 2 and kills timed into the commit cycle. Every
// paragraph covered by a saved message must be in the database afterwards, and no saved message
// may arrive before the database holds what it covers. The runs take turns: every process, the
// collaboration process alone (the web workers keep serving pages while it restarts), web worker 0
// alone (collaboration must not notice).
import { describe, expect, it } from "vitest";
import { runCrashTest } from "../../scripts/collab-crash-test.ts";

describe("durable acknowledgement under kill -9", () => {
  it("loses no confirmed paragraph and never acknowledges ahead of the disk", async () => {
    const lines: string[] = [];
    // Targets shift by one per round of the three modes (decision 024): all, collab, web, collab, web, all.
    const result = await runCrashTest(6, (line) => lines.push(line));
    const report = lines.join("\n");
    expect(result.confirmed, report).toBeGreaterThan(0);
    expect(result.loadFailures, report).toBe(0);
    expect(result.earlyAcks, report).toBe(0);
    expect(result.confirmedLost, report).toBe(0);
    expect(new Set(result.details.map((r) => r.mode)), report).toEqual(new Set(["reconnect", "commit", "random"]));
    expect(result.details.map((r) => r.target), report).toEqual(["all", "collab", "web", "collab", "web", "all"]);
    expect(result.pagesNotServed, report).toBe(0);
    expect(result.collabDisturbed, report).toBe(0);
  }, 300_000);
});
