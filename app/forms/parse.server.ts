// Reading and validating form bodies in actions (one zod schema per form, bad bodies answer 400),
// and the 429 answer's headers shared by the actions.
import { parseWithZod } from "@conform-to/zod";
import { data, type HeadersFunction } from "@remix-run/node";
import type { z } from "zod";
import { m } from "../i18n/messages.ts";

/** Reads and validates a form; a body that is not form data answers 400 instead of throwing a 500. */
export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S | ((formData: FormData) => S)) {
  return parseFormData(await readFormData(request), schema);
}

/** Reads the body as form data (for routes that authorise before they validate); not form data → 400. */
export async function readFormData(request: Request) {
  try {
    return await request.formData();
  } catch {
    throw data({ message: m.errors.badRequest }, { status: 400 });
  }
}

export function parseFormData<S extends z.ZodTypeAny>(formData: FormData, schema: S | ((formData: FormData) => S)) {
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
