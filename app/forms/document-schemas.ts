// One zod schema per position-paper form: the component (conform) and the action share it.
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { DOCUMENT_ROLES, LIMITS } from "../domain/model.ts";
import { emailField, requiredText } from "./schemas.ts";

const v = m.validation;
const urlId = z.string({ required_error: v.required }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, v.invalid);
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_type" && ctx.data === undefined ? v.required : v.choice }) });

export const DOCUMENT_TITLE_MAX = 200;
export const DOCUMENT_TEMPLATES = ["position-paper", "blank"] as const;
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[number];

export const CreateDocumentSchema = z.object({
  title: requiredText(DOCUMENT_TITLE_MAX),
  spaceId: urlId,
  template: choice(DOCUMENT_TEMPLATES),
});

export const RenameDocumentSchema = z.object({ intent: z.literal("rename"), title: requiredText(DOCUMENT_TITLE_MAX) });
export const ArchiveDocumentSchema = z.object({ intent: z.literal("archive") });
export const DocumentAccessSchema = z.object({
  intent: z.literal("access-set"),
  email: emailField.pipe(z.string().max(LIMITS.emailMax)),
  role: choice(DOCUMENT_ROLES),
});
export const RemoveDocumentAccessSchema = z.object({ intent: z.literal("access-remove"), userId: urlId });

/** The detail page's forms, told apart by their hidden `intent`. */
export const DocumentActionSchema = z.discriminatedUnion("intent", [
  RenameDocumentSchema, ArchiveDocumentSchema, DocumentAccessSchema, RemoveDocumentAccessSchema,
]);

export const ExportFormatSchema = z.enum(["md", "html", "docx"]);
