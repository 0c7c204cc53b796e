// Form schemas for comments, status changes and versions (client and server).
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { DOCUMENT_STATUSES, FORUM_LIMITS } from "../domain/model.ts";
import { anchorFields, requiredText, rowId as id, textField } from "./schemas.ts";
import { bodyField } from "./forum-schemas.ts";

const v = m.validation;
const context = textField(z.string().max(1000).default(""));

export const CommentActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    ...anchorFields,
    quote: textField(z.string({ required_error: m.review.selectFirst }).trim().min(1, m.review.selectFirst).max(FORUM_LIMITS.bestPracticeFieldMax)),
    prefix: context, suffix: context,
    body: bodyField,
  }),
  z.object({ intent: z.literal("reply"), threadId: id, body: bodyField }),
  z.object({ intent: z.literal("edit"), commentId: id, body: bodyField }),
  z.object({ intent: z.literal("delete"), commentId: id }),
  z.object({ intent: z.literal("resolve"), threadId: id }),
  z.object({ intent: z.literal("reopen"), threadId: id }),
]);

export const StatusChangeSchema = z.object({
  to: z.enum(DOCUMENT_STATUSES, { errorMap: () => ({ message: v.choice }) }),
  deadline: z.coerce.date({ errorMap: () => ({ message: m.review.deadlineRequired }) }).optional(),
  /** Adopting with open suggestions closes them as "nicht übernommen": the chair confirms that (decision 025). */
  closeSuggestions: z.preprocess((value) => value === "on" || value === "true", z.boolean()).optional(),
});

export const VersionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), name: requiredText(120) }),
  z.object({ intent: z.literal("restore"), versionId: id }),
]);
