// Accounts: name, password, status and platform role. Every change that can take rights away
// re-checks the user's open collaboration sockets before it returns (revocation is immediate).
import { mentionedIds, plainTextOf, relabelMentions, richTextSchema, type JsonNode } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import { notifyCollabPermissionsChanged } from "../infra/collab-bridge.server.ts";
import { db } from "../db/prisma.server.ts";
import type { PlatformRole } from "../domain/model.ts";
import { hashPassword, verifyPassword } from "../auth/password.server.ts";
import { recordAudit } from "./audit.server.ts";

export function changeName(userId: string, name: string) {
  return db.user.update({ where: { id: userId }, data: { name } });
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(userId: string, currentSessionId: string, current: string, next: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(current, user.passwordHash))) return { ok: false as const };
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
    await recordAudit({ actorId: userId, action: "user.password-change", targetType: "user", targetId: userId }, tx);
  });
  // Sockets of the ended sessions are closed now, not at the next periodic re-check.
  await notifyCollabPermissionsChanged({ userId });
  return { ok: true as const };
}

/** Disabling ends the user's sessions at once, so an open browser tab is out on its next request. */
export async function setUserStatus(actorId: string, userId: string, status: "active" | "disabled") {
  const user = await db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: userId }, data: { status } });
    if (status === "disabled") await tx.session.deleteMany({ where: { userId } });
    await recordAudit({ actorId, action: status === "disabled" ? "user.disable" : "user.enable", targetType: "user", targetId: userId }, tx);
    return updated;
  });
  await notifyCollabPermissionsChanged({ userId });
  return user;
}

export async function setPlatformRole(actorId: string, userId: string, role: PlatformRole) {
  const user = await db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit({ actorId, action: "user.role", targetType: "user", targetId: userId, details: { role } }, tx);
    return updated;
  });
  // A former admin loses editing of papers outside their Gremien at once.
  await notifyCollabPermissionsChanged({ userId });
  return user;
}

export function listUsers() {
  return db.user.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, role: true, status: true, organisation: { select: { name: true } } },
  });
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
  const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
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
