// Real collaboration clients for tests and scripts: the stock y-websocket provider over `ws`
// (with the session cookie and Origin a browser would send), plus raw sockets for bad input.
import * as decoding from "lib0/decoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MESSAGE_DOCUMENT_EVENT, MESSAGE_SAVED, YJS_FRAGMENT } from "../../app/domain/collab.ts";

/** A `ws` WebSocket class that always sends these headers (y-websocket takes a WebSocket class). */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export type CollabClient = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The last state vector the server reported as durable. */
  saved: () => Map<number, number>;
  /** True when every local change is on the server's disk. */
  allSaved: () => boolean;
  closeEvents: Array<{ code: number; reason: string }>;
  /** Document events (message 101) in the order received: "frozen", "thawed", "status", … */
  documentEvents: string[];
  /** Resolves when `predicate` holds, re-checking on every event of the client. */
  until: (predicate: () => boolean, what?: string, timeoutMs?: number) => Promise<void>;
  destroy: () => void;
};

export function connectClient(baseUrl: string, documentId: string, headers: Record<string, string>, options: { connect?: boolean } = {}): CollabClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/collab`, documentId, doc, {
    WebSocketPolyfill: webSocketWithHeaders(headers),
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  let saved = new Map<number, number>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    saved = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    notify();
  };
  const documentEvents: string[] = [];
  provider.messageHandlers[MESSAGE_DOCUMENT_EVENT] = (_encoder, decoder) => {
    documentEvents.push(decoding.readVarString(decoder));
    notify();
  };
  const closeEvents: Array<{ code: number; reason: string }> = [];
  provider.on("connection-close", (event) => {
    if (event) closeEvents.push({ code: event.code, reason: event.reason });
    notify();
  });
  provider.on("status", notify);
  provider.on("sync", notify);
  doc.on("update", notify);
  provider.awareness.on("change", notify);
  const allSaved = () => (saved.get(doc.clientID) ?? 0) >= Y.getState(doc.store, doc.clientID);
  return {
    doc,
    provider,
    saved: () => saved,
    allSaved,
    closeEvents,
    documentEvents,
    until: (predicate, what = "condition", timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (predicate()) return resolve();
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

/** The body's plain text (textblocks joined by newlines) of a Y.Doc. */
export function bodyText(doc: Y.Doc) {
  const lines: string[] = [];
  // One line per textblock, nested blocks (lists, tables) included.
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (TEXTBLOCKS.has(child.nodeName)) lines.push(child.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : "")).join(""));
      else walk(child);
    }
  };
  walk(doc.getXmlFragment(YJS_FRAGMENT));
  return lines.join("\n");
}

/** Appends one paragraph with `text` to the body, as the editor would. */
export function appendParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
}

/** A raw socket; resolves once open, or with the HTTP status that refused it. */
export function rawSocket(url: string, headers: Record<string, string>) {
  return new Promise<{ ws: WebSocket; status: 101 } | { ws: WebSocket; status: number }>((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => resolve({ ws, status: 101 }));
    ws.on("unexpected-response", (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }));
    ws.on("error", () => {});
  });
}

let probes = 0;
/**
 * Sends a presence change from `sender` and waits until `observer` sees it. The server handles a
 * socket's frames in order, so everything `sender` sent before has been dealt with by then. The
 * server relays only `user` and a valid `cursor`, so the probe is a cursor with a counter in `assoc`.
 */
export async function presenceRoundTrip(sender: CollabClient, observer: CollabClient) {
  const n = ++probes;
  const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(sender.doc.getXmlFragment(YJS_FRAGMENT), 0));
  sender.provider.awareness.setLocalStateField("cursor", { anchor: { ...at, assoc: n }, head: at });
  await observer.until(() => {
    const state = observer.provider.awareness.getStates().get(sender.doc.clientID) as { cursor?: { anchor?: { assoc?: number } } } | undefined;
    return state?.cursor?.anchor?.assoc === n;
  }, "presence round trip");
}
