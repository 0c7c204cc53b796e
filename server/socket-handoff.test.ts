// A socket about to be handed to another process is not read by this process's copy: bytes the
// client sends afterwards stay in the kernel for the receiver (otherwise a busy web worker or
// supervisor swallows a client's sync step 1 and the client never gets the document).
import net from "node:net";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { stopReadingForHandOff } from "./socket-handoff.ts";

const open: net.Socket[] = [];
const servers: net.Server[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
  for (const s of servers.splice(0)) s.close();
});

/** A connected pair: the server side as accepted (Node reads it at once), and the client. */
async function pair() {
  const server = net.createServer();
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const client = net.connect((server.address() as net.AddressInfo).port, "127.0.0.1");
  const [accepted] = (await once(server, "connection")) as [net.Socket];
  await once(client, "connect");
  open.push(client, accepted);
  return { accepted, client };
}

/** Resolves after an event-loop turn in which the kernel had `probe`'s bytes ready (and so `accepted`'s too). */
async function afterAPoll() {
  const { accepted: probe, client } = await pair();
  const arrived = once(probe, "data");
  client.write("x");
  await arrived;
  await new Promise((resolve) => setImmediate(resolve));
}

describe("stopReadingForHandOff", () => {
  it("leaves bytes the client sends afterwards unread, and returns those read before with head", async () => {
    const { accepted, client } = await pair();
    // Bytes already read into the stream before the hand-off travel with head.
    client.write("early");
    await new Promise<void>((resolve) => accepted.once("readable", () => resolve()));
    const head = stopReadingForHandOff(accepted, new Uint8Array([1, 2]));
    expect([...head]).toEqual([1, 2, ...Buffer.from("early")]);
    const readSoFar = accepted.bytesRead;
    // The client's first frame after the answer (its sync step 1) must not be read here.
    client.write("sync step 1");
    await afterAPoll();
    await afterAPoll();
    expect(accepted.bytesRead).toBe(readSoFar);
    expect(accepted.readableLength).toBe(0);
  });

  it("returns head unchanged when nothing was read", async () => {
    const { accepted } = await pair();
    expect([...stopReadingForHandOff(accepted, new Uint8Array([7]))]).toEqual([7]);
  });
});
