// Request bodies at the HTTP edge: an oversized body is refused with 413 before anything parses it.
// A declared Content-Length over the limit is refused before a byte is read; a chunked body is
// counted while it streams and refused the moment it passes the limit, so at most `limit` bytes of
// any body are ever held in memory. The body that fits is handed on as one Buffer (forms are read
// whole by the route anyway).
import type { NextFunction, Request, Response } from "express";
import { m } from "../app/i18n/messages.ts";
import { BODY_LIMITS, LARGE_BODY_PATHS } from "../app/domain/model.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** The request body read within its limit (only for methods with a body). */
    limitedBody?: Buffer;
  }
}

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/** The byte limit for a request path: the form limit unless the path has a larger one of its own. */
export function bodyLimitFor(pathname: string) {
  return LARGE_BODY_PATHS[pathname.replace(/\/+$/, "") || "/"] ?? BODY_LIMITS.formBytes;
}

export function limitRequestBody(req: Request, res: Response, next: NextFunction) {
  if (METHODS_WITHOUT_BODY.has(req.method)) return next();
  const limit = bodyLimitFor(req.path);
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return refuse(req, res);

  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      cleanup();
      chunks.length = 0;
      refuse(req, res);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    cleanup();
    req.limitedBody = Buffer.concat(chunks, received);
    next();
  };
  const onError = (error: Error) => {
    cleanup();
    next(error);
  };
  const cleanup = () => {
    if (done) return;
    done = true;
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onError);
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onError);
}

/** How long the rest of a refused body is read and discarded before the connection is cut. */
const DISCARD_MS = 2000;

/**
 * 413 at once. The rest of the body is read and thrown away (never kept) for a short while, so the
 * client reads the answer: closing a socket with unread data sends a TCP reset, and the client's
 * kernel then drops the answer it had not read yet. After DISCARD_MS the connection is cut.
 */
function refuse(req: Request, res: Response) {
  res.status(413).type("text/plain; charset=utf-8").send(m.errors.payloadTooLarge);
  const cut = setTimeout(() => req.socket.destroy(), DISCARD_MS);
  cut.unref();
  req.once("end", () => clearTimeout(cut));
  req.once("close", () => clearTimeout(cut));
  req.on("data", () => undefined);
  req.resume();
}
