// The link as request/reply messages over any transport that carries structured-clone data: the
// client side turns each CollabLink call into a LinkRequest and awaits its LinkReply; the serving
// side (collaboration process) turns a LinkRequest back into a call. The IPC transport (ipc.ts) is
// one user; a Redis or PostgreSQL LISTEN/NOTIFY transport would be another, with no caller changed.
import { CollabLinkError, LINK_METHODS, type CollabLink, type LinkReply, type LinkRequest } from "./types.ts";

export type LinkTransport = {
  send(request: LinkRequest): void;
  /** Registers the receiver of replies and of "the other side is gone" (pending calls then fail). */
  listen(handlers: { reply(reply: LinkReply): void; down(): void }): void;
};

/**
 * How long a call waits for its reply (the collaboration process thaws an abandoned freeze on its
 * own). Reads for a page (presence on the papers list, /healthz) wait briefly: a busy collaboration
 * process must not hold up pages that only decorate with its answer.
 */
export const LINK_TIMING = { callTimeoutMs: 30_000, readTimeoutMs: 2_000 } as const;
const READS: ReadonlySet<LinkRequest["method"]> = new Set(["presence", "failingDocuments"]);

export function rpcLink(transport: LinkTransport, options: { callTimeoutMs?: number } = {}): CollabLink {
  const callTimeoutMs = options.callTimeoutMs ?? LINK_TIMING.callTimeoutMs;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  transport.listen({
    reply(reply) {
      const call = pending.get(reply.id);
      if (!call) return; // timed out already
      pending.delete(reply.id);
      clearTimeout(call.timer);
      if (reply.ok) call.resolve(reply.value);
      else call.reject(new CollabLinkError(reply.error.code ?? "LINK_ERROR", reply.error.message));
    },
    down() {
      for (const [id, call] of pending) {
        pending.delete(id);
        clearTimeout(call.timer);
        call.reject(new CollabLinkError("COLLAB_UNAVAILABLE", "the collaboration process is not running"));
      }
    },
  });
  const call = (method: LinkRequest["method"], args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timeoutMs = READS.has(method) ? Math.min(callTimeoutMs, LINK_TIMING.readTimeoutMs) : callTimeoutMs;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new CollabLinkError("LINK_TIMEOUT", `collaboration link: ${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      pending.set(id, { resolve, reject, timer });
      try {
        transport.send({ ch: "link", id, method, args });
      } catch (error) {
        pending.delete(id);
        clearTimeout(timer);
        reject(new CollabLinkError("COLLAB_UNAVAILABLE", String(error)));
      }
    });
  return Object.fromEntries(LINK_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as CollabLink;
}

/** Answers one request with the serving side's link for the calling process (`from` owns its freezes). */
export async function serveLinkRequest(linkFor: (from: string) => CollabLink, request: LinkRequest): Promise<LinkReply> {
  const base = { ch: "link-reply" as const, id: request.id, to: request.from };
  if (!LINK_METHODS.includes(request.method)) return { ...base, ok: false, error: { message: `unknown link method ${String(request.method)}` } };
  const link = linkFor(request.from ?? "local");
  try {
    const value = await (link[request.method] as (...args: unknown[]) => Promise<unknown>)(...request.args);
    return { ...base, ok: true, value: value ?? null };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ...base, ok: false, error: { code: typeof code === "string" ? code : undefined, message: error instanceof Error ? error.message : String(error) } };
  }
}
