import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
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
