// send.ts puts frames on the wire itself (one buffer per message for every receiver). These tests
// check that real ws clients read those frames exactly, at every header size, in order with the
// pings and close frames ws still sends, and that the backpressure cap still sees what we wrote.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { Connection } from "./room.ts";
import { broadcast, send, wireFrame } from "./send.ts";

let server: WebSocketServer | undefined;
afterEach(async () => {
  server?.close();
  server = undefined;
});

/** A server with `n` connected ws clients; the server side of each as the minimal Connection send.ts reads. */
async function connected(n: number, cap = 1 << 30) {
  server = new WebSocketServer({ port: 0, perMessageDeflate: false, clientTracking: false });
  await once(server, "listening");
  const accepted: WebSocket[] = [];
  server.on("connection", (ws) => accepted.push(ws));
  const { port } = server.address() as AddressInfo;
  const clients = await Promise.all(
    Array.from({ length: n }, async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
      await once(ws, "open");
      return ws;
    }),
  );
  while (accepted.length < n) await new Promise((resolve) => setImmediate(resolve));
  const room = { bufferedBytesCap: () => cap };
  const conns = accepted.map((ws) => ({ ws, room, closed: false, slowReader: false }) as unknown as Connection);
  return { clients, conns };
}

function messages(ws: WebSocket, count: number) {
  return new Promise<Buffer[]>((resolve) => {
    const got: Buffer[] = [];
    ws.on("message", (data: Buffer) => {
      got.push(Buffer.from(data));
      if (got.length === count) resolve(got);
    });
  });
}

const payloadOf = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + length) % 251);

describe("send.ts framing", () => {
  it("frames every payload size the way ws clients read it: 7-bit, 16-bit and 64-bit lengths", async () => {
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const { clients, conns } = await connected(3);
    const received = clients.map((c) => messages(c, sizes.length));
    for (const size of sizes) broadcast(conns, payloadOf(size));
    for (const got of await Promise.all(received)) {
      expect(got.map((b) => b.byteLength)).toEqual(sizes);
      got.forEach((b, i) => expect(b.equals(Buffer.from(payloadOf(sizes[i])))).toBe(true));
    }
  });

  it("builds the header by RFC 6455: FIN and binary opcode, no mask", () => {
    expect([...wireFrame(new Uint8Array([9, 8]))]).toEqual([0x82, 2, 9, 8]);
    expect([...wireFrame(payloadOf(300)).subarray(0, 4)]).toEqual([0x82, 126, 1, 44]);
    expect([...wireFrame(payloadOf(65_536)).subarray(0, 10)]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it("keeps our frames in order with the pings and the close frame ws sends", async () => {
    const { clients, conns } = await connected(1);
    const [client] = clients;
    const events: string[] = [];
    client.on("message", (data: Buffer) => events.push(`message ${data[0]}`));
    client.on("ping", () => events.push("ping"));
    const closed = new Promise<number>((resolve) => client.on("close", (code) => resolve(code)));
    send(conns[0], new Uint8Array([1]));
    conns[0].ws.ping();
    send(conns[0], new Uint8Array([2]));
    conns[0].ws.close(4000, "done");
    expect(await closed).toBe(4000);
    expect(events).toEqual(["message 1", "ping", "message 2"]);
  });

  it("counts what it wrote in bufferedAmount, and terminates a socket whose unread bytes would pass the cap", async () => {
    const { clients, conns } = await connected(1, 256 * 1024);
    const [client] = clients;
    client.pause(); // a reader that stopped reading
    const conn = conns[0];
    const closed = once(conn.ws, "close");
    const frame = payloadOf(64 * 1024);
    let sent = 0;
    while (!conn.slowReader && sent < 1000) {
      send(conn, frame);
      sent++;
      // Let the kernel take what it will, so only the real backlog stays in bufferedAmount.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(conn.slowReader).toBe(true);
    await closed;
    expect(sent).toBeGreaterThan(4);
  });
});
