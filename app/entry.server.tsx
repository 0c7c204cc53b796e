// Server rendering: Remix's default Node entry, plus the Content-Security-Policy nonce on every
// script Remix and React write into the page, and an error log that stays quiet about expected
// refusals (403, 404, 400 thrown by guards are answers, not faults).
//
// The page is rendered whole (onAllReady) and sent as ONE chunk: Remix's Node adapter flushes the
// response after every chunk it writes, and under gzip each flush ends a compressed block, which
// cost 42 % more bytes and extra CPU for a thread page's 36 chunks (docs/decisions/019).
import { PassThrough } from "node:stream";
import { type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce.ts";
import { richTextCache } from "./editor/render-cache.server.ts";
import { RichTextCacheContext } from "./editor/render.tsx";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RichTextCacheContext.Provider value={richTextCache}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RichTextCacheContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        // The whole page at once: it works the same with and without JavaScript, and for crawlers.
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const collect = new PassThrough();
          collect.on("data", (chunk: Buffer) => chunks.push(chunk));
          collect.on("end", () => {
            responseHeaders.set("Content-Type", "text/html");
            resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(collect);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell reject and are logged by Remix; only later ones are logged here.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Logs real faults; a refusal a guard threw on purpose (4xx) and an aborted request are not. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
};
