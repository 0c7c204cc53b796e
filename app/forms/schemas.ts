// One zod schema per form, used by the component (conform, client-side checks and maxLength) and
// by the action (the authoritative check). Messages are German, from the catalogue.
import { z } from "zod";
import { m } from "../i18n/messages.ts";
import { LIMITS, ORGANISATION_KINDS, PLATFORM_ROLES, SLUG_PATTERN, SPACE_ROLES, SPACE_VISIBILITIES } from "../domain/model.ts";
import { cleanLine, cleanText } from "../domain/text.ts";

const v = m.validation;

// Every text field of every form goes through one of these cleaners before it is checked
// (app/domain/text.ts): NFC, no control characters; single-line fields also lose bidi and
// zero-width characters. Limits are checked on the cleaned text, so what is stored is what was counted.
const cleaned = <T extends z.ZodTypeAny>(clean: (value: string) => string, schema: T) =>
  // The input type stays the inner one (zod types a preprocess input as unknown), so conform's field types stay strings.
  z.preprocess((value) => (typeof value === "string" ? clean(value) : value), schema) as unknown as z.ZodEffects<T, z.output<T>, z.input<T>>;
/** Single-line text: titles, names, search. */
export const lineField = <T extends z.ZodTypeAny>(schema: T) => cleaned(cleanLine, schema);
/** Multi-line text: bodies and descriptions keep tabs and line breaks. */
export const textField = <T extends z.ZodTypeAny>(schema: T) => cleaned(cleanText, schema);

/** A row id in a form (cuid-like): the same check wherever a form names a row. */
export const rowId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, v.invalid);
/** The two ends of a text anchor (base64 Yjs relative positions), as comment threads and suggestions send them. */
const anchorPart = z.string().min(1).max(2000).regex(/^[A-Za-z0-9+/=]+$/, v.invalid);
export const anchorFields = { anchorStart: anchorPart, anchorEnd: anchorPart };

export const requiredText = (max: number) =>
  lineField(z.string({ required_error: v.required, invalid_type_error: v.invalid }).trim().min(1, v.required).max(max, v.tooLong(max)));

export const optionalText = (max: number) =>
  lineField(z.string({ invalid_type_error: v.invalid }).trim().max(max, v.tooLong(max)).optional());

export const optionalMultilineText = (max: number) =>
  textField(z.string({ invalid_type_error: v.invalid }).trim().max(max, v.tooLong(max)).optional());

export const emailField = lineField(z
  .string({ required_error: v.required, invalid_type_error: v.invalid })
  .trim()
  .max(LIMITS.emailMax, v.tooLong(LIMITS.emailMax))
  .email(v.email)
  .transform((e) => e.toLowerCase()));

const newPassword = z
  .string({ required_error: v.required, invalid_type_error: v.invalid })
  .min(LIMITS.passwordMin, v.tooShort(LIMITS.passwordMin))
  .max(LIMITS.passwordMax, v.tooLong(LIMITS.passwordMax));

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    errorMap: (issue, ctx) => ({ message: issue.code === "invalid_type" && ctx.data === undefined ? v.required : v.choice }),
  });

const httpUrl = z
  .string({ invalid_type_error: v.invalid })
  .trim()
  .max(LIMITS.urlMax, v.tooLong(LIMITS.urlMax))
  .url(v.url)
  .refine((u) => /^https?:\/\//i.test(u), v.url)
  .optional();

const urlId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, v.invalid);

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ required_error: v.required }).max(LIMITS.passwordMax, v.tooLong(LIMITS.passwordMax)),
  redirectTo: z.string().max(500).optional(),
});

const passwordPair = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, password: newPassword, confirm: z.string({ required_error: v.required }) })
    .refine((d) => d.password === d.confirm, { message: v.passwordsDiffer, path: ["confirm"] });

export const AcceptInvitationSchema = passwordPair({ name: requiredText(LIMITS.nameMax) });

export const ProfileNameSchema = z.object({ intent: z.literal("name"), name: requiredText(LIMITS.nameMax) });

export const PasswordChangeSchema = passwordPair({
  intent: z.literal("password"),
  currentPassword: z.string({ required_error: v.required }).max(LIMITS.passwordMax, v.tooLong(LIMITS.passwordMax)),
});

export const InvitationSchema = z
  .object({
    email: emailField,
    platformRole: choice(PLATFORM_ROLES).default("member"),
    spaceId: urlId.optional(),
    spaceRole: choice(SPACE_ROLES).optional(),
  })
  .refine((d) => !d.spaceId || d.spaceRole, { message: m.admin.inviteSpaceRoleMissing, path: ["spaceRole"] });

export const OrganisationSchema = z.object({
  name: requiredText(LIMITS.nameMax),
  kind: choice(ORGANISATION_KINDS),
  landCode: z.string().regex(/^[A-Z]{2}$/, v.choice).optional(),
  website: httpUrl,
  contactName: optionalText(LIMITS.nameMax),
  contactEmail: emailField.optional(),
});

export const SpaceSchema = z.object({
  name: requiredText(LIMITS.nameMax),
  slug: requiredText(LIMITS.slugMax).pipe(z.string().regex(SLUG_PATTERN, v.slug)),
  description: optionalMultilineText(LIMITS.descriptionMax),
  visibility: choice(SPACE_VISIBILITIES),
});

export const UserAdminSchema = z.object({
  intent: z.enum(["disable", "enable", "make-admin", "make-member"]),
  userId: urlId,
});

export const MembershipSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), email: emailField, role: choice(SPACE_ROLES) }),
  z.object({ intent: z.literal("change-role"), membershipId: urlId, role: choice(SPACE_ROLES) }),
  z.object({ intent: z.literal("remove"), membershipId: urlId }),
]);

export const RevokeInvitationSchema = z.object({ intent: z.literal("revoke"), invitationId: urlId });
