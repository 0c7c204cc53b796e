// Configuration from environment variables, validated once at start-up. The README lists them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, resolveDatabaseFile } from "../../server/database-path.js";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((v) => v.startsWith("file:"), "DATABASE_URL must be a SQLite file: URL"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET needs at least 32 characters").optional(),
  SEED_PASSWORD: z.string().min(10, "SEED_PASSWORD needs at least 10 characters").optional(),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Number of reverse proxies in front of the server (0 = none). When set, the client address comes
   * from X-Forwarded-For and the protocol from X-Forwarded-Proto (Express `trust proxy`).
   */
  TRUST_PROXY: z.coerce.number({ invalid_type_error: "TRUST_PROXY must be the number of proxies (0–10)" }).int().min(0).max(10).default(0),
  /**
   * Web worker processes beside the one collaboration process (decision 024); default: one per core
   * (os.availableParallelism()). 0 runs everything in one process (development, scripts).
   */
  WEB_WORKERS: z.coerce.number({ invalid_type_error: "WEB_WORKERS must be a whole number (0–64)" }).int("WEB_WORKERS must be a whole number (0–64)").min(0).max(64).optional(),
  /** Open collaboration sockets per user and per client address (app/domain/collab.ts has the defaults). */
  COLLAB_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).optional(),
  COLLAB_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
  /** Mail delivery (decision 021): without SMTP_URL mail stays in the outbox and the log. */
  SMTP_URL: z.string().refine((v) => /^smtps?:\/\//.test(v), "SMTP_URL must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("Länderforum <noreply@laenderforum.invalid>"),
  /** Local time (Europe/Berlin, HH:MM) of the daily and weekly (Mondays) overview mails. */
  MAIL_DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "MAIL_DIGEST_TIME must be HH:MM").default("07:00"),
  /** Multiplies the mail retry waits (tests shorten the 24-hour schedule; 1 in production). */
  MAIL_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Personal data (issue 12, README "Datenschutz"): days between asking for deletion and the deletion. */
  DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** Retention periods, pruned by the privacy job (app/models/privacy.server.ts). */
  RETENTION_FAILED_LOGIN_MINUTES: z.coerce.number().int().min(15).default(15),
  RETENTION_EXPIRED_SESSION_DAYS: z.coerce.number().int().min(0).default(7),
  RETENTION_NOTIFICATION_DAYS: z.coerce.number().int().min(1).default(180),
  RETENTION_SENT_MAIL_DAYS: z.coerce.number().int().min(1).default(30),
  RETENTION_AUDIT_DAYS: z.coerce.number().int().min(1).default(730),
  /**
   * Sign-in through an OpenID Connect provider (decision 022). Without OIDC_ISSUER nothing of it
   * shows. OIDC_NAME labels the button; OIDC_ALLOW_SIGNUP=1 creates accounts for unknown people.
   */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default("Identitätsanbieter"),
  OIDC_ALLOW_SIGNUP: z.enum(["0", "1"]).default("0"),
  /** The one admin (e-mail) who may still sign in with a password when SSO is required. */
  BREAK_GLASS_ADMIN: z.string().trim().toLowerCase().email().optional(),
}).superRefine((env, ctx) => {
  if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) {
    ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "OIDC_CLIENT_ID is required when OIDC_ISSUER is set" });
  }
  if (env.SMTP_URL && !env.PUBLIC_URL) {
    ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "PUBLIC_URL is required when SMTP_URL is set: links in mails are made from it (for example PUBLIC_URL=https://forum.example.org)" });
  }
});

export type Env = z.infer<typeof EnvSchema> & { databaseFile: string; sessionSecret: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const databaseFile = resolveDatabaseFile(parsed.data.DATABASE_URL);
  cached = {
    ...parsed.data,
    databaseFile,
    sessionSecret: parsed.data.SESSION_SECRET ?? readOrCreateSecret(databaseFile),
  };
  return cached;
}

/** Without SESSION_SECRET, one secret is generated and kept beside the database, so sessions survive restarts. */
function readOrCreateSecret(databaseFile: string): string {
  const file = path.join(path.dirname(databaseFile), "session-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(48).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
}
