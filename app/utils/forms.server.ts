// Form parsing and answers shared by the actions.
import { parseWithZod } from "@conform-to/zod";
import { data, type HeadersFunction } from "@remix-run/node";
import type { z } from "zod";
import { m } from "../i18n/messages.ts";

/** Reads and validates a form; a body that is not form data answers 400 instead of throwing a 500. */
export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S | ((formData: FormData) => S)) {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw data({ message: m.errors.badRequest }, { status: 400 });
  }
  return parseWithZod(formData, { schema: typeof schema === "function" ? schema(formData) : schema });
}

/** The headers of a 429 answer: when the budget refills (the body carries the German message). */
export function retryAfter(limit: { retrySeconds: number }) {
  return { "Retry-After": String(limit.retrySeconds) };
}

/**
 * The `headers` export of a page whose action can answer 429: a document request only carries the
 * headers this function returns, so the action's Retry-After is passed on.
 */
export const actionRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const value = actionHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};
