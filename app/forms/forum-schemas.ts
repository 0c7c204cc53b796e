// Form schemas of the forum, used by the components (conform) and the actions.
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { FORUM_LIMITS, SEARCH_HIT_TYPES, TARGET_GROUPS, THREAD_KINDS } from "../domain/model.ts";
import { lineField, optionalText, requiredText, rowId, textField } from "./schemas.ts";

const v = m.validation;
const id = rowId;
const list = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(max, v.invalid));

/**
 * The body: editor JSON (with JavaScript) or plain text (without); the server decides which. The limit
 * users are told is the text length in characters (FORUM_LIMITS.bodyTextMax): plain text is checked
 * here, editor JSON by its text in parsePostBody; the JSON byte cap only stops bloated markup.
 */
export const bodyField = textField(z
  .string({ required_error: v.required, invalid_type_error: v.invalid })
  .min(1, v.required)
  .max(FORUM_LIMITS.bodyJsonMaxBytes, m.forum.bodyTooLarge)
  .refine((raw) => raw.trimStart().startsWith("{") || raw.trim().length <= FORUM_LIMITS.bodyTextMax, m.forum.bodyTooLarge));

const bpText = optionalText(FORUM_LIMITS.bestPracticeFieldMax);

export const NewThreadSchema = z
  .object({
    title: requiredText(FORUM_LIMITS.titleMax),
    body: bodyField,
    kind: z.enum(THREAD_KINDS, { errorMap: () => ({ message: v.choice }) }),
    tags: list(id, FORUM_LIMITS.tagsPerThread),
    laender: list(z.string().regex(/^[A-Z]{2}$/, v.choice), 16),
    targetGroups: list(z.enum(TARGET_GROUPS, { errorMap: () => ({ message: v.choice }) }), TARGET_GROUPS.length),
    duration: bpText,
    funding: bpText,
    contact: bpText,
    link: optionalText(500).refine((u) => !u || /^https?:\/\/\S+$/i.test(u), v.url),
    impact: bpText,
  })
  .refine((d) => d.kind !== "best-practice" || d.laender.length > 0, { message: m.forum.bestPracticeNeedsLand, path: ["laender"] });

export const ReplySchema = z.object({ intent: z.literal("reply"), body: bodyField, quotedPostId: id.optional() });
export const EditPostSchema = z.object({ body: bodyField });

export const ThreadActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("react"), postId: id }),
  z.object({ intent: z.literal("accept"), postId: id }),
  z.object({ intent: z.literal("delete-post"), postId: id }),
  z.object({ intent: z.literal("watch") }),
  z.object({ intent: z.literal("unwatch") }),
  z.object({ intent: z.literal("pin") }),
  z.object({ intent: z.literal("unpin") }),
  z.object({ intent: z.literal("lock") }),
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("move"), spaceId: id }),
  z.object({ intent: z.literal("delete-thread") }),
]);

export const SearchSchema = z.object({
  q: lineField(z.string().trim().max(FORUM_LIMITS.searchQueryMax, v.tooLong(FORUM_LIMITS.searchQueryMax)).default("")),
  space: z.string().max(60).optional(),
  kind: z.enum(THREAD_KINDS).optional().catch(undefined),
  type: z.enum(SEARCH_HIT_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).default(1).catch(1),
});

export const TagSchema = z.object({ name: requiredText(80) });
