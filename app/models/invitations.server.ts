// Invitations: single-use links that create an account (and optionally a membership) when accepted.
// The invitation mail is queued in the invitation's own transaction.
import { hashLinkToken, newLinkToken } from "../auth/link-tokens.server.ts";
import { db } from "../db/db.server.ts";
import { dbDate, dbNow, fromDbDate, newId } from "../db/values.ts";
import { listSpaceChoices } from "./spaces.server.ts";
import { INVITATION_TTL_DAYS, type PlatformRole, type SpaceRole } from "../domain/model.ts";
import { hashPassword } from "../auth/password.server.ts";
import { recordAudit } from "./audit.server.ts";
import { getEnv } from "../infra/env.server.ts";
import { queueMail } from "../mail/outbox.server.ts";
import { invitationMail } from "../mail/templates.ts";
import { mailBaseUrl } from "./mail-preferences.server.ts";


export type InvitationInput = { email: string; platformRole: PlatformRole; spaceId?: string; spaceRole?: SpaceRole };

/** `mailDelivered`: a mail server is configured (else the queued mail stays in the outbox and the log). */
export type CreateInvitationResult = { ok: true; token: string; mailDelivered: boolean } | { ok: false; reason: "existing-user" };

/**
 * Creates a single-use invitation and queues its mail in the same transaction. Only the hash of the
 * token is stored; the link is shown once to the inviter, and the outbox keeps the mail sealed with
 * the link redacted in every view (decision 021).
 */
export async function createInvitation(actorId: string, input: InvitationInput): Promise<CreateInvitationResult> {
  const existing = await db.selectFrom("User").select("id").where("email", "=", input.email).executeTakeFirst();
  if (existing) return { ok: false, reason: "existing-user" };
  const token = newLinkToken();
  const id = newId();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  await db.transaction().execute(async (trx) => {
    const inviter = await trx.selectFrom("User").select("name").where("id", "=", actorId).executeTakeFirstOrThrow();
    const space = input.spaceId ? await trx.selectFrom("Space").select("name").where("id", "=", input.spaceId).executeTakeFirst() : undefined;
    await trx.insertInto("Invitation").values({
      id,
      tokenHash: hashLinkToken(token),
      email: input.email,
      platformRole: input.platformRole,
      spaceId: input.spaceId ?? null,
      spaceRole: input.spaceId ? (input.spaceRole ?? null) : null,
      invitedById: actorId,
      expiresAt: dbDate(expiresAt),
      createdAt: dbNow(),
    }).execute();
    await recordAudit({ actorId, action: "invitation.create", targetType: "invitation", targetId: id, details: { email: input.email, spaceId: input.spaceId, spaceRole: input.spaceRole } }, trx);
    const mail = invitationMail({ base: mailBaseUrl(), token, inviterName: inviter.name, spaceName: space?.name ?? null, expiresAt });
    await queueMail(trx, { ...mail, to: input.email, kind: "invitation" });
  });
  return { ok: true, token, mailDelivered: Boolean(getEnv().SMTP_URL) };
}

/** The invitation behind a token, if it can still be accepted (the invitation page). */
export async function findOpenInvitation(token: string) {
  const row = await db
    .selectFrom("Invitation as i")
    .leftJoin("Space as s", "s.id", "i.spaceId")
    .select(["i.id", "i.email", "i.platformRole", "i.spaceRole", "s.id as spaceId", "s.name as spaceName"])
    .where("i.tokenHash", "=", hashLinkToken(token))
    .where("i.acceptedAt", "is", null)
    .where("i.revokedAt", "is", null)
    .where("i.expiresAt", ">", dbNow())
    .executeTakeFirst();
  if (!row) return null;
  const { spaceId, spaceName, ...invitation } = row;
  return { ...invitation, space: spaceId === null ? null : { id: spaceId, name: spaceName! } };
}

export type AcceptResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "existing-user" };

/**
 * Accepts an invitation: creates the account and membership and consumes the token, all in one
 * transaction. The conditional update makes a second use fail even when two requests race.
 */
export async function acceptInvitation(token: string, input: { name: string; password: string }): Promise<AcceptResult> {
  const passwordHash = await hashPassword(input.password); // before the transaction: nothing slow inside one
  return db.transaction().execute(async (trx) => {
    const now = dbNow();
    const invitation = await trx
      .updateTable("Invitation")
      .set({ acceptedAt: now })
      .where("tokenHash", "=", hashLinkToken(token))
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .where("expiresAt", ">", now)
      .returning(["id", "email", "platformRole", "spaceId", "spaceRole"])
      .executeTakeFirst();
    if (!invitation) return { ok: false as const, reason: "invalid" as const };
    if (await trx.selectFrom("User").select("id").where("email", "=", invitation.email).executeTakeFirst()) {
      throw new InvitationConflict(); // rolls the claim back: the invitation stays open
    }
    const userId = newId();
    await trx.insertInto("User").values({
      id: userId, email: invitation.email, name: input.name, passwordHash,
      role: invitation.platformRole as PlatformRole, status: "active", createdAt: now, updatedAt: now,
    }).execute();
    if (invitation.spaceId && invitation.spaceRole) {
      await trx.insertInto("Membership").values({ id: newId(), userId, spaceId: invitation.spaceId, role: invitation.spaceRole as SpaceRole, createdAt: now }).execute();
    }
    await recordAudit({ actorId: userId, action: "invitation.accept", targetType: "invitation", targetId: invitation.id }, trx);
    return { ok: true as const, userId };
  }).catch((error: unknown) => {
    if (error instanceof InvitationConflict) return { ok: false as const, reason: "existing-user" as const };
    throw error;
  });
}

class InvitationConflict extends Error {}

export async function revokeInvitation(actorId: string, invitationId: string) {
  await db.transaction().execute(async (trx) => {
    const { numUpdatedRows } = await trx.updateTable("Invitation").set({ revokedAt: dbNow() })
      .where("id", "=", invitationId).where("acceptedAt", "is", null).where("revokedAt", "is", null).executeTakeFirst();
    if (numUpdatedRows) await recordAudit({ actorId, action: "invitation.revoke", targetType: "invitation", targetId: invitationId }, trx);
  });
}

/** The newest 200 invitations (optionally of one Gremium) with the Gremium's and the inviter's name. */
export async function listInvitations(where: { spaceId?: string } = {}) {
  let query = db
    .selectFrom("Invitation as i")
    .leftJoin("Space as s", "s.id", "i.spaceId")
    .innerJoin("User as u", "u.id", "i.invitedById")
    .select([
      "i.id", "i.email", "i.platformRole", "i.spaceRole", "i.expiresAt", "i.acceptedAt", "i.revokedAt", "i.createdAt",
      "s.name as spaceName", "u.name as invitedByName",
    ])
    .orderBy("i.createdAt", "desc")
    .limit(200);
  if (where.spaceId) query = query.where("i.spaceId", "=", where.spaceId);
  const rows = await query.execute();
  return rows.map(({ spaceName, invitedByName, expiresAt, acceptedAt, revokedAt, createdAt, ...i }) => ({
    ...i,
    expiresAt: fromDbDate(expiresAt), acceptedAt: fromDbDate(acceptedAt), revokedAt: fromDbDate(revokedAt), createdAt: fromDbDate(createdAt),
    space: spaceName === null ? null : { name: spaceName },
    invitedBy: { name: invitedByName },
  }));
}

/** The admin invitations page: the Gremien to invite into and the invitations so far. */
export async function loadAdminInvitationsPage() {
  const [spaces, invitations] = await Promise.all([listSpaceChoices(), listInvitations()]);
  return {
    spaces,
    invitations: invitations.map((i) => ({
      id: i.id, email: i.email, space: i.space?.name ?? null, spaceRole: i.spaceRole as SpaceRole | null,
      expiresAt: i.expiresAt, invitedBy: i.invitedBy.name, state: invitationState(i),
    })),
  };
}

export function invitationState(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (i.acceptedAt) return "accepted" as const;
  if (i.revokedAt) return "revoked" as const;
  if (i.expiresAt < new Date()) return "expired" as const;
  return "open" as const;
}
