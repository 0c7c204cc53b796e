// Forms of two-factor sign-in and the sign-in settings (decision 022): one schema per form, shared
// by the page (conform) and the action.
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { lineField } from "./schemas.ts";

const v = m.validation;

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx); spaces are allowed while typing. */
export const TWO_FACTOR_CODE_MAX = 20;

const codeField = lineField(z.string({ required_error: v.required, invalid_type_error: v.invalid }).trim().min(1, v.required).max(TWO_FACTOR_CODE_MAX, v.tooLong(TWO_FACTOR_CODE_MAX)));

/** The second sign-in step. */
export const TwoFactorCodeSchema = z.object({ code: codeField });

/** The security page: begin enrolment, confirm it with a code, or turn two-factor sign-in off. */
export const SecurityActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("begin") }),
  z.object({ intent: z.literal("confirm"), code: codeField }),
  z.object({ intent: z.literal("disable"), code: codeField }),
]);

/** Forced enrolment after a password sign-in: confirm the pending secret with a code. */
export const EnrolCodeSchema = z.object({ code: codeField });

const checkbox = z.literal("on").optional().transform((v) => v === "on");

/** Verwaltung → Einstellungen. */
export const SignInSettingsSchema = z.object({ ssoRequired: checkbox, twoFactorAdmins: checkbox, twoFactorChairs: checkbox });
