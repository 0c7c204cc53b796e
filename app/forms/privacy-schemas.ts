// Form schemas of the profile's account-data forms (issue 12): changing the address, ending
// sessions, asking for and cancelling the account's deletion, and the admins' "delete now".
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { emailField } from "./schemas.ts";

/** A session handle as listProfileSessions makes it (24 hex characters). */
const sessionHandle = z.string().regex(/^[0-9a-f]{24}$/, m.validation.invalid);

export const EmailChangeSchema = z.object({ intent: z.literal("email"), newEmail: emailField });
export const EndSessionSchema = z.object({ intent: z.literal("end-session"), session: sessionHandle });
export const EndOtherSessionsSchema = z.object({ intent: z.literal("end-other-sessions") });
export const RequestDeletionSchema = z.object({
  intent: z.literal("request-deletion"),
  confirm: z.literal("yes", { errorMap: () => ({ message: m.privacy.deletion.confirmRequired }) }),
});
export const CancelDeletionSchema = z.object({ intent: z.literal("cancel-deletion") });

/** The profile's forms besides name and password, by their `intent`. */
export const PRIVACY_FORM_SCHEMAS = {
  email: EmailChangeSchema,
  "end-session": EndSessionSchema,
  "end-other-sessions": EndOtherSessionsSchema,
  "request-deletion": RequestDeletionSchema,
  "cancel-deletion": CancelDeletionSchema,
} as const;

export const CarryOutDeletionSchema = z.object({ userId: z.string().min(1).max(64) });
