// Post bodies for in-process tests, parsed as the forum's forms parse them.
import { parsePostBody } from "../../app/models/forum.server.ts";

/** A valid post body from plain text or editor JSON, as the forms submit it. */
export function postBody(text: string) {
  const parsed = parsePostBody(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed;
}
