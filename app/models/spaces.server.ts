import { db } from "../db/prisma.server.ts";
import { MEMBER_LOOKUP, type SpaceRole, type SpaceVisibility } from "../domain/model.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { recordAudit } from "./audit.server.ts";
import { notifyCollabPermissionsChanged } from "../infra/collab-bridge.server.ts";

const ROLE_ORDER: Record<string, number> = { chair: 0, member: 1, commenter: 2, reader: 3 };

/** Gremien the actor may read, filtered by the permission module. */
export async function listReadableSpaces(actor: Actor) {
  const spaces = await db.space.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, description: true, visibility: true, _count: { select: { memberships: true } } },
  });
  return spaces.filter((s) => can(actor, "read", { type: "space", id: s.id, visibility: s.visibility as SpaceVisibility }));
}

export async function listMembers(spaceId: string) {
  const members = await db.membership.findMany({
    where: { spaceId },
    select: {
      id: true, role: true,
      user: { select: { id: true, name: true, status: true, organisation: { select: { name: true, landCode: true } } } },
    },
  });
  return members
    .filter((mb) => mb.user.status !== "disabled")
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.user.name.localeCompare(b.user.name, "de"));
}

export type SpaceInput = { name: string; slug: string; description?: string; visibility: SpaceVisibility };

export async function createSpace(actorId: string, input: SpaceInput) {
  if (await db.space.findUnique({ where: { slug: input.slug }, select: { id: true } })) return { ok: false as const, reason: "slug-taken" as const };
  const space = await db.$transaction(async (tx) => {
    const created = await tx.space.create({ data: { ...input, description: input.description ?? "" } });
    await recordAudit({ actorId, action: "space.create", targetType: "space", targetId: created.id, details: { slug: input.slug } }, tx);
    return created;
  });
  return { ok: true as const, space };
}

export async function addMember(actorId: string, spaceId: string, userId: string, role: SpaceRole) {
  if (await db.membership.findUnique({ where: { userId_spaceId: { userId, spaceId } } })) return { ok: false as const, reason: "already-member" as const };
  await db.$transaction(async (tx) => {
    const created = await tx.membership.create({ data: { userId, spaceId, role } });
    await recordAudit({ actorId, action: "membership.add", targetType: "space", targetId: spaceId, details: { membershipId: created.id, userId, role } }, tx);
  });
  return { ok: true as const };
}

export async function changeMemberRole(actorId: string, spaceId: string, membershipId: string, role: SpaceRole) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({ where: { id: membershipId, spaceId }, data: { role } });
    if (count) await recordAudit({ actorId, action: "membership.role", targetType: "space", targetId: spaceId, details: { membershipId, role } }, tx);
  });
  await notifyCollabPermissionsChanged({ spaceId }); // open editors of this Gremium's documents are re-checked
}

export async function removeMember(actorId: string, spaceId: string, membershipId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.membership.deleteMany({ where: { id: membershipId, spaceId } });
    if (count) await recordAudit({ actorId, action: "membership.remove", targetType: "space", targetId: spaceId, details: { membershipId } }, tx);
  });
  await notifyCollabPermissionsChanged({ spaceId }); // a removed member's open document sockets are closed
}

/**
 * The add-member look-up: active people who are not yet members, whose name (or a word of it) or
 * e-mail address starts with the query. Only a few at a time, so a chair's page never lists
 * everyone's address (data minimisation).
 */
export async function findMemberCandidates(spaceId: string, query: string) {
  const q = query.trim();
  if (q.length < MEMBER_LOOKUP.minQuery) return [];
  return db.user.findMany({
    where: {
      status: "active",
      memberships: { none: { spaceId } },
      OR: [{ email: { startsWith: q.toLowerCase() } }, { name: { startsWith: q } }, { name: { contains: ` ${q}` } }],
    },
    orderBy: { name: "asc" },
    take: MEMBER_LOOKUP.max,
    select: { name: true, email: true },
  });
}

/** The active person with this address (add-member form), or null. */
export async function findActiveUserIdByEmail(email: string) {
  return (await db.user.findFirst({ where: { email: email.toLowerCase(), status: "active" }, select: { id: true } }))?.id ?? null;
}
