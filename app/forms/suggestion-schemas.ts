// Form schema for the suggestion actions (POST /documents/<id>/suggestions) and the per-paper
// suggestion setting. Text fields are not trimmed or cleaned: a proposed space is a real proposal;
// app/editor/suggestion-content.ts checks the content against the editor schema instead.
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { SUGGESTION_KINDS, SUGGESTION_LIMITS } from "../domain/model.ts";
import { anchorFields, rowId as id } from "./schemas.ts";

const v = m.validation;
const context = z.string().max(1000).default("");

export const SuggestionActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    kind: z.enum(SUGGESTION_KINDS, { errorMap: () => ({ message: v.choice }) }),
    ...anchorFields,
    quote: z.string().max(SUGGESTION_LIMITS.quoteMax, m.suggestions.errors.quoteTooLong).default(""),
    /** Accepted for the contract and ignored: the server reads the context from the stored text. */
    prefix: context,
    suffix: context,
    text: z.string().max(SUGGESTION_LIMITS.textMax, m.suggestions.errors.tooLong).default(""),
    /** Optional: the proposal with marks (inline ProseMirror JSON array); its text must equal `text`. */
    insertJson: z.string().max(SUGGESTION_LIMITS.insertJsonMaxBytes, m.suggestions.errors.tooLong).optional(),
  }),
  z.object({ intent: z.literal("accept"), suggestionId: id }),
  z.object({ intent: z.literal("reject"), suggestionId: id }),
  z.object({ intent: z.literal("withdraw"), suggestionId: id }),
  /** All open suggestions, or all of one author (`authorId`). */
  z.object({ intent: z.literal("accept-all"), authorId: id.optional() }),
  z.object({ intent: z.literal("reject-all"), authorId: id.optional() }),
]);

export const SuggestionSettingsSchema = z.object({
  intent: z.literal("suggestion-settings"),
  commenterSuggestions: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
});
