// The enumerated values of the data model (SQLite stores them as strings) and the named limits that
// the zod schemas, the forms (maxLength) and the server share.

export const PLATFORM_ROLES = ["admin", "member"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** "deleted": the tombstone of an erased account (app/models/privacy.server.ts). */
export const USER_STATUSES = ["invited", "active", "disabled", "deleted"] as const;
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

/**
 * Login throttling (app/models/auth.server.ts, decision 016). Every attempt reserves a failure row
 * before the password hash is computed; a success removes it again.
 */
export const LOGIN_THROTTLE = {
  /** Per account and address: after this many failures, a wait that doubles with each further failure. */
  maxFailuresPerAccountAddress: 5,
  firstLockSeconds: 60,
  maxLockSeconds: 15 * 60,
  /** Per address over all accounts. */
  maxFailuresPerIp: 30,
  ipWindowMinutes: 15,
  /** Per account over all addresses: then only addresses with a recent successful sign-in get through. */
  maxFailuresPerAccount: 50,
  accountWindowMinutes: 60,
  /** How long a successful sign-in makes an address "known" for that account. */
  knownAddressDays: 30,
} as const;

/**
 * Request bodies are refused with 413 at the HTTP edge (server/body-limit.ts) before anything is
 * parsed. Forms get the small limit; a path listed in LARGE_BODY_PATHS gets its own.
 */
/**
 * The DOCX import's safe-open limits (app/docx/safe-open.ts, research note §3.3): the file itself,
 * the archive's entry count, and what each entry and all of them together may inflate to.
 */
export const DOCX_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  maxEntries: 500,
  maxEntryBytes: 30 * 1024 * 1024,
  maxTotalBytes: 80 * 1024 * 1024,
  /**
   * Each XML part the reader parses (document.xml, comments.xml, …), inflated: reading is synchronous
   * CPU on the request (docs/WORD.md: 8 MB of plain paragraphs, about 36,000, took 2.1 s on a loaded
   * 2-core machine, 16 MB twice that), and 8 MB is some hundreds of pages, far past a position paper.
   */
  maxXmlPartBytes: 8 * 1024 * 1024,
  /** Element nesting in any XML part (fast-xml-parser's maxNestedTags): Word needs about 10 plus 3 per nested table. */
  maxXmlDepth: 64,
  /**
   * Word comments, replies included, the import reads; the rest is reported before anything is
   * planned. At most maxAnnotations, so the threads alone never pass that cap.
   */
  maxComments: 2000,
  /** Comment threads and suggestions one import may create; the rest is reported before it is planned. */
  maxAnnotations: 2000,
} as const;

export const BODY_LIMITS = {
  formBytes: 1024 * 1024,
  /** The DOCX import (POST /documents/import): the file plus the form's other fields and multipart framing. */
  importBytes: DOCX_LIMITS.fileBytes + 64 * 1024,
} as const;
export const LARGE_BODY_PATHS: Readonly<Record<string, number>> = {
  "/documents/import": BODY_LIMITS.importBytes,
};

/** The add-member look-up: at most `max` suggestions, and only for queries of `minQuery` characters. */
export const MEMBER_LOOKUP = { max: 8, minQuery: 2 } as const;

/** Ids in URLs (cuid, slugs, tokens) use only these characters. */
export const URL_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// ---- Forum
export const THREAD_KINDS = ["discussion", "question", "best-practice", "announcement"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** What a search hit can be: a forum post, a position paper, or a comment on a paper. */
export const SEARCH_HIT_TYPES = ["post", "paper", "comment"] as const;
export type SearchHitType = (typeof SEARCH_HIT_TYPES)[number];

export const TARGET_GROUPS = [
  "kita", "grundschule", "sek1", "sek2", "berufliche-bildung", "hochschule", "lehrkraefte", "eltern", "ausserschulisch",
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const NOTIFICATION_KINDS = [
  "reply", "mention", "accepted", "new-thread",
  "document-invite", "document-review", "document-deadline", "document-comment", "comment-reply",
  "document-new", "document-status", "document-suggestion", "suggestion-decided",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const FORUM_LIMITS = {
  titleMax: 200,
  /** A post body as ProseMirror JSON: an internal guard against markup bloat, never shown to users. */
  bodyJsonMaxBytes: 200_000,
  /** The post length users see, in characters: the textarea's maxLength, the hint and the server check. */
  bodyTextMax: 40_000,
  bodyMaxDepth: 24,
  bestPracticeFieldMax: 1000,
  tagsPerThread: 5,
  threadsPerPage: 25,
  postsPerPage: 50,
  searchQueryMax: 200,
  searchPerPage: 20,
} as const;

/**
 * Per-user budgets of the one rate limiter (app/models/rate-limit.server.ts, decision 017): at most
 * `max` uses in a window of `windowSeconds` that starts with the first use.
 */
export const RATE_LIMITS = {
  /** New threads and replies. */
  post: { max: 20, windowSeconds: 60 },
  /** Editing one's own post. */
  postEdit: { max: 30, windowSeconds: 60 },
  /** Comments on papers: new comment threads, replies and edits. */
  comment: { max: 30, windowSeconds: 60 },
  /**
   * New suggestions. The editor gathers a burst of typing into one suggestion before it sends it,
   * so this is about as many as a person makes by hand.
   */
  suggestion: { max: 60, windowSeconds: 60 },
  /** New position papers. */
  document: { max: 10, windowSeconds: 3600 },
  /** Invitations, by chairs and admins. */
  invitation: { max: 50, windowSeconds: 3600 },
  search: { max: 60, windowSeconds: 60 },
  /** Two-factor codes (sign-in, enrolment, turning it off): 30 bits of guessing need ~10^5 tries. */
  twoFactor: { max: 5, windowSeconds: 300 },
} as const;
export type RateLimitKind = keyof typeof RATE_LIMITS;

// ---- Position papers
export const DOCUMENT_STATUSES = ["draft", "review", "adopted", "published", "archived"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
/** Text is frozen in these states: the collaboration server refuses every update. */
export const FROZEN_DOCUMENT_STATUSES: ReadonlySet<DocumentStatus> = new Set(["adopted", "published", "archived"]);

// ---- Suggestions (Änderungsvorschläge, docs/decisions/025)
export const SUGGESTION_KINDS = ["insert", "delete", "replace"] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];
/** `closed`: still open when the paper was adopted ("nicht übernommen"). */
export const SUGGESTION_STATUSES = ["open", "accepted", "rejected", "withdrawn", "closed"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export const SUGGESTION_LIMITS = {
  /** The proposed text of one suggestion, in characters (the editor refuses more, the server too). */
  textMax: 2000,
  /** The text a deletion or replacement covers, in characters: one paragraph's worth. */
  quoteMax: 5000,
  /** The proposed content as ProseMirror JSON: a guard against markup bloat, never shown to users. */
  insertJsonMaxBytes: 20_000,
  /** Inline nodes in the proposed content. */
  insertNodesMax: 200,
  /**
   * Suggestions one "Alle annehmen"/"Alle ablehnen" request decides. Each accept is a live change on
   * the room, durable before the next: a cap keeps one request to a few seconds; the answer says how
   * many are left for the next click.
   */
  bulkMax: 50,
} as const;

export const DOCUMENT_ROLES = ["editor", "commenter", "reader"] as const;
export type DocumentRole = (typeof DOCUMENT_ROLES)[number];

export const LAENDER_NAMES: Readonly<Record<string, string>> = {
  BW: "Baden-Württemberg", BY: "Bayern", BE: "Berlin", BB: "Brandenburg", HB: "Bremen", HH: "Hamburg", HE: "Hessen",
  MV: "Mecklenburg-Vorpommern", NI: "Niedersachsen", NW: "Nordrhein-Westfalen", RP: "Rheinland-Pfalz", SL: "Saarland",
  SN: "Sachsen", ST: "Sachsen-Anhalt", SH: "Schleswig-Holstein", TH: "Thüringen",
};
