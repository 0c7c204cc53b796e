// Form schemas of password reset and notification preferences (issue 11).
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { DELIVERY_MODES, MAIL_PREFERENCE_KINDS } from "../domain/mail.ts";
import { LIMITS } from "../domain/model.ts";
import { emailField } from "./schemas.ts";

const v = m.validation;

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z
  .object({
    password: z.string({ required_error: v.required, invalid_type_error: v.invalid })
      .min(LIMITS.passwordMin, v.tooShort(LIMITS.passwordMin)).max(LIMITS.passwordMax, v.tooLong(LIMITS.passwordMax)),
    confirm: z.string({ required_error: v.required }),
  })
  .refine((d) => d.password === d.confirm, { message: v.passwordsDiffer, path: ["confirm"] });

export const PreferencesSchema = z.object(
  Object.fromEntries(MAIL_PREFERENCE_KINDS.map((kind) => [kind, z.enum(DELIVERY_MODES).optional()])) as {
    [K in (typeof MAIL_PREFERENCE_KINDS)[number]]: z.ZodOptional<z.ZodEnum<typeof DELIVERY_MODES extends readonly [infer A extends string, ...infer B extends string[]] ? [A, ...B] : never>>
  },
);
