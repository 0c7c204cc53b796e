// The enumerated values of the data model (SQLite stores them as strings) and the named limits that
// the zod schemas, the forms (maxLength) and the server share.

export const PLATFORM_ROLES = ["admin", "member"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const USER_STATUSES = ["invited", "active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Ordered from most to least rights. */
export const SPACE_ROLES = ["chair", "member", "commenter", "reader"] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

export const SPACE_VISIBILITIES = ["members", "platform"] as const;
export type SpaceVisibility = (typeof SPACE_VISIBILITIES)[number];

export const ORGANISATION_KINDS = ["coordination", "region", "ministry", "programme", "partner"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LIMITS = {
  nameMax: 120,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  slugMax: 60,
  descriptionMax: 2000,
  urlMax: 500,
} as const;

export const SESSION_TTL_DAYS = 30;
export const INVITATION_TTL_DAYS = 14;

/** Login throttling: failures counted over a sliding window, per account and per client address. */
export const LOGIN_THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerIp: 30,
} as const;

/** Ids in URLs (cuid, slugs, tokens) use only these characters. */
export const URL_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
