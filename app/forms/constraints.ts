// The HTML constraints (required, maxLength, pattern…) a form's inputs get from its zod schema.
// conform's getZodConstraint walks the whole schema each time; a schema never changes, so each one
// is walked once per process (it cost about 0.5 ms of every thread page's render).
import { getZodConstraint } from "@conform-to/zod";
import type { z } from "zod";

const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>();

export function constraintOf(schema: z.ZodTypeAny) {
  let found = constraints.get(schema);
  if (!found) constraints.set(schema, (found = getZodConstraint(schema)));
  return found;
}
