// The supervisor's one way to send to a child (sendTo): a child killed a moment ago still looks
// connected until the supervisor's event loop handles its exit. A send to it then fails (EPIPE). Node
// reports that failure synchronously or not at all, depending on whether it tried the write at once;
// a reported failure must call `failed` (the link then answers COLLAB_UNAVAILABLE) and must never be
// an 'error' event, which would end the supervisor and every process with it (found by the crash
// check: a link call relayed to a collaboration process that had just been killed).
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { sendTo } from "./supervisor.ts";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Every thread gone from the process's file table: its end of the channel is closed. */
function filesClosed(pid: number) {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length === 0;
  } catch {
    return true;
  }
}

async function readyChild(script: string) {
  const child = fork("-e", [script], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.push(child);
  await once(child, "message");
  return child;
}

const asWorker = (child: ChildProcess) => ({ worker: { isConnected: () => child.connected, send: child.send.bind(child) } });

describe("sendTo", () => {
  it("a send to a child that died a moment ago raises no error event; a reported failure calls `failed`", async () => {
    let errors = 0;
    let failures = 0;
    // Twelve tries: Node reports the failure in about half of them.
    for (let attempt = 0; attempt < 12; attempt++) {
      const child = await readyChild("process.send('ready'); setInterval(() => {}, 1000)");
      child.on("error", () => errors++);
      child.kill("SIGKILL");
      // Waited for without letting the event loop run: like the supervisor reading a link call before
      // it has seen the exit, the channel still says connected.
      while (!filesClosed(child.pid!));
      expect(child.connected).toBe(true);
      sendTo(asWorker(child), { ch: "link" }, () => failures++);
      await once(child, "exit");
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(errors).toBe(0);
    expect(failures).toBeGreaterThan(0);
  });

  it("a send to a child whose channel has closed calls `failed` without trying", async () => {
    const child = await readyChild("process.send('ready')");
    if (child.exitCode === null) await once(child, "exit");
    let failed = false;
    sendTo(asWorker(child), { ch: "link" }, () => (failed = true));
    expect(failed).toBe(true);
  });
});
