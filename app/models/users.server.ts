// Accounts: name, password, status and platform role. Every change that can take rights away
// re-checks the user's open collaboration sockets before it returns (revocation is immediate).
import { mentionedIds, plainTextOf, relabelMentions, richTextSchema, type JsonNode } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import { notifyCollabPermissionsChanged } from "../infra/collab-link/index.ts";
import { db, type Tx } from "../db/db.server.ts";
import { inIdList } from "../db/id-list.server.ts";
import { dbNow } from "../db/values.ts";
import type { PlatformRole } from "../domain/model.ts";
import { hashPassword, verifyPassword } from "../auth/password.server.ts";
import { recordAudit } from "./audit.server.ts";
import { sessionUsersChanged } from "../auth/session.server.ts";

export async function changeName(userId: string, name: string) {
  await db.updateTable("User").set({ name, updatedAt: dbNow() }).where("id", "=", userId).execute();
  sessionUsersChanged();
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(userId: string, currentSessionId: string, current: string, next: string) {
  const user = await db.selectFrom("User").select("passwordHash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, user.passwordHash))) return { ok: false as const };
  const passwordHash = await hashPassword(next); // before the transaction: nothing slow may run inside one
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("User").set({ passwordHash, updatedAt: dbNow() }).where("id", "=", userId).execute();
    await trx.deleteFrom("Session").where("userId", "=", userId).where("id", "!=", currentSessionId).execute();
    await recordAudit({ actorId: userId, action: "user.password-change", targetType: "user", targetId: userId }, trx);
  });
  sessionUsersChanged();
  // Sockets of the ended sessions are closed now, not at the next periodic re-check.
  await notifyCollabPermissionsChanged({ userId });
  return { ok: true as const };
}

/** Throws for an unknown (or deleted) user, so the transaction (and its audit entry) rolls back. */
async function updateExistingUser(trx: Tx, userId: string, set: { status?: "active" | "disabled"; role?: PlatformRole }) {
  // A deleted account's tombstone is never enabled or given a role again.
  const { numUpdatedRows } = await trx.updateTable("User").set({ ...set, updatedAt: dbNow() }).where("id", "=", userId).where("status", "!=", "deleted").executeTakeFirst();
  if (!numUpdatedRows) throw new Error(`no user ${userId}`);
}

/** Disabling ends the user's sessions at once, so an open browser tab is out on its next request. */
export async function setUserStatus(actorId: string, userId: string, status: "active" | "disabled") {
  await db.transaction().execute(async (trx) => {
    await updateExistingUser(trx, userId, { status });
    if (status === "disabled") await trx.deleteFrom("Session").where("userId", "=", userId).execute();
    await recordAudit({ actorId, action: status === "disabled" ? "user.disable" : "user.enable", targetType: "user", targetId: userId }, trx);
  });
  sessionUsersChanged();
  await notifyCollabPermissionsChanged({ userId });
}

export async function setPlatformRole(actorId: string, userId: string, role: PlatformRole) {
  await db.transaction().execute(async (trx) => {
    await updateExistingUser(trx, userId, { role });
    await recordAudit({ actorId, action: "user.role", targetType: "user", targetId: userId, details: { role } }, trx);
  });
  sessionUsersChanged();
  // A former admin loses editing of papers outside their Gremien at once.
  await notifyCollabPermissionsChanged({ userId });
}

/** The admin users page: everyone, by name, with their organisation's name. */
export async function listUsers() {
  const rows = await db
    .selectFrom("User as u")
    .leftJoin("Organisation as o", "o.id", "u.organisationId")
    .select(["u.id", "u.name", "u.email", "u.role", "u.status", "o.name as organisation"])
    .orderBy("u.name", "asc")
    .execute();
  return rows;
}

/** The target of an admin action, or null. */
export function findUserName(userId: string) {
  return db.selectFrom("User").select(["id", "name"]).where("id", "=", userId).executeTakeFirst().then((row) => row ?? null);
}

/** Which of these addresses belong to accounts (the server's start-up hint lists the demo accounts). */
export async function existingEmails(emails: string[]) {
  if (!emails.length) return [];
  const rows = await db.selectFrom("User").select("email").where("email", "in", emails).execute();
  return rows.map((r) => r.email);
}

/**
 * The current names of everyone mentioned in these bodies (ProseMirror JSON), for RichText: a
 * mention shows who its id is now, never the label the author's client wrote (decision 017).
 * No query when nothing is mentioned.
 */
export async function mentionNames(bodies: Array<string | null | undefined>): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const body of bodies) {
    if (!body || !body.includes('"mention"')) continue;
    try {
      for (const id of mentionedIds(JSON.parse(body) as JsonNode)) ids.add(id);
    } catch {
      // unparsable bodies render nothing anyway
    }
  }
  if (!ids.size) return {};
  // One statement text whatever the number of ids (app/db/id-list.server.ts).
  const users = await db.selectFrom("User").select(["id", "name"]).where(inIdList("User.id", [...ids])).execute();
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}

/**
 * A post or comment body as it is stored: every mention's label is the person's current name, so the
 * derived text (search, snippets, exports) never carries a label the author's client made up.
 * Display still uses mentionNames, so later renames show too.
 */
export async function withCurrentMentionLabels<B extends { json: string; text: string }>(body: B): Promise<B> {
  if (!body.json.includes('"mention"')) return body;
  const json = relabelMentions(body.json, await mentionNames([body.json]), m.common.unknownPerson);
  if (json === body.json) return body;
  const doc = richTextSchema("post").nodeFromJSON(JSON.parse(json));
  return { ...body, json, text: plainTextOf(doc), doc };
}
