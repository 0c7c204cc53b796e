import crypto from "node:crypto";
import { db } from "../db/prisma.server.ts";
import { INVITATION_TTL_DAYS, type PlatformRole, type SpaceRole } from "../domain/model.ts";
import { hashPassword } from "../auth/password.server.ts";
import { recordAudit } from "./audit.server.ts";

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type InvitationInput = { email: string; platformRole: PlatformRole; spaceId?: string; spaceRole?: SpaceRole };

export type CreateInvitationResult = { ok: true; token: string } | { ok: false; reason: "existing-user" };

/** Creates a single-use invitation. Only the hash of the token is stored; the link is shown once. */
export async function createInvitation(actorId: string, input: InvitationInput): Promise<CreateInvitationResult> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) return { ok: false, reason: "existing-user" };
  const token = crypto.randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        email: input.email,
        platformRole: input.platformRole,
        spaceId: input.spaceId ?? null,
        spaceRole: input.spaceId ? input.spaceRole : null,
        invitedById: actorId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    await recordAudit({ actorId, action: "invitation.create", targetType: "invitation", targetId: invitation.id, details: { email: input.email, spaceId: input.spaceId, spaceRole: input.spaceRole } }, tx);
  });
  return { ok: true, token };
}

/** The invitation behind a token, if it can still be accepted. */
export function findOpenInvitation(token: string) {
  return db.invitation.findFirst({
    where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, platformRole: true, spaceRole: true, space: { select: { id: true, name: true } } },
  });
}

export type AcceptResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "existing-user" };

/**
 * Accepts an invitation: creates the account and membership and consumes the token, all in one
 * transaction. The conditional update makes a second use fail even when two requests race.
 */
export async function acceptInvitation(token: string, input: { name: string; password: string }): Promise<AcceptResult> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) return { ok: false as const, reason: "invalid" as const };
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new InvitationConflict();
    }
    const user = await tx.user.create({
      data: { email: invitation.email, name: input.name, passwordHash, role: invitation.platformRole, status: "active" },
    });
    if (invitation.spaceId && invitation.spaceRole) {
      await tx.membership.create({ data: { userId: user.id, spaceId: invitation.spaceId, role: invitation.spaceRole } });
    }
    await recordAudit({ actorId: user.id, action: "invitation.accept", targetType: "invitation", targetId: invitation.id }, tx);
    return { ok: true as const, userId: user.id };
  }).catch((error: unknown) => {
    if (error instanceof InvitationConflict) return { ok: false as const, reason: "existing-user" as const };
    throw error;
  });
}

class InvitationConflict extends Error {}

export async function revokeInvitation(actorId: string, invitationId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await recordAudit({ actorId, action: "invitation.revoke", targetType: "invitation", targetId: invitationId }, tx);
  });
}

export function listInvitations(where: { spaceId?: string } = {}) {
  return db.invitation.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true, email: true, platformRole: true, spaceRole: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true,
      space: { select: { name: true } }, invitedBy: { select: { name: true } },
    },
  });
}

export function invitationState(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (i.acceptedAt) return "accepted" as const;
  if (i.revokedAt) return "revoked" as const;
  if (i.expiresAt < new Date()) return "expired" as const;
  return "open" as const;
}
