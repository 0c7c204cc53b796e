// Gremien and their members: which ones a person may read, the member list, the add-member look-up,
// and the chair's and admin's changes (each with its audit entry in the same transaction).
import { sql } from "kysely";
import { db } from "../db/db.server.ts";
import { dbNow, newId } from "../db/values.ts";
import { MEMBER_LOOKUP, type SpaceRole, type SpaceVisibility } from "../domain/model.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { recordAudit } from "./audit.server.ts";
import { notifyCollabPermissionsChanged } from "../infra/collab-link/index.ts";
import { sessionUsersChanged } from "../auth/session.server.ts";

const ROLE_ORDER: Record<string, number> = { chair: 0, member: 1, commenter: 2, reader: 3 };

/** Every Gremium by name with its member count (the admin list and, filtered, everyone's). */
async function spacesWithMemberCount() {
  return db
    .selectFrom("Space as s")
    .select((eb) => [
      "s.id", "s.slug", "s.name", "s.description", "s.visibility",
      eb.selectFrom("Membership as m").select((e) => e.fn.countAll<number>().as("n")).whereRef("m.spaceId", "=", "s.id").as("members"),
    ])
    .orderBy("s.name", "asc")
    .execute();
}

/** Gremien the actor may read, filtered by the permission module. */
export async function listReadableSpaces(actor: Actor) {
  const spaces = await spacesWithMemberCount();
  return spaces
    .filter((s) => can(actor, "read", { type: "space", id: s.id, visibility: s.visibility }))
    .map(({ members, ...s }) => ({ ...s, _count: { memberships: Number(members ?? 0) } }));
}

/** The admin Gremien page. */
export async function listSpacesForAdmin() {
  return (await spacesWithMemberCount()).map((s) => ({ id: s.id, slug: s.slug, name: s.name, visibility: s.visibility, members: Number(s.members ?? 0) }));
}

/** Every Gremium's id and name, for choosing one in a form. */
export function listSpaceChoices() {
  return db.selectFrom("Space").select(["id", "name"]).orderBy("name", "asc").execute();
}

export async function spaceExists(spaceId: string) {
  return Boolean(await db.selectFrom("Space").select("id").where("id", "=", spaceId).executeTakeFirst());
}

/** The members of a Gremium who are not disabled: chairs first, then by name. */
export async function listMembers(spaceId: string) {
  const rows = await db
    .selectFrom("Membership as mb")
    .innerJoin("User as u", "u.id", "mb.userId")
    .leftJoin("Organisation as o", "o.id", "u.organisationId")
    .select(["mb.id", "mb.role", "u.id as userId", "u.name", "u.status", "o.name as orgName", "o.landCode"])
    .where("mb.spaceId", "=", spaceId)
    .where("u.status", "!=", "disabled")
    .execute();
  return rows
    .map((r) => ({
      id: r.id, role: r.role,
      user: { id: r.userId, name: r.name, status: r.status, organisation: r.orgName === null ? null : { name: r.orgName, landCode: r.landCode } },
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.user.name.localeCompare(b.user.name, "de"));
}

export type SpaceInput = { name: string; slug: string; description?: string; visibility: SpaceVisibility };

export async function createSpace(actorId: string, input: SpaceInput) {
  const space = { id: newId(), slug: input.slug, name: input.name, description: input.description ?? "", visibility: input.visibility, createdAt: dbNow() };
  const created = await db.transaction().execute(async (trx) => {
    // A taken slug inserts nothing, also when two admins race for it.
    const inserted = await trx.insertInto("Space").values(space).onConflict((oc) => oc.column("slug").doNothing()).returning("id").executeTakeFirst();
    if (!inserted) return false;
    await recordAudit({ actorId, action: "space.create", targetType: "space", targetId: space.id, details: { slug: input.slug } }, trx);
    return true;
  });
  if (!created) return { ok: false as const, reason: "slug-taken" as const };
  return { ok: true as const, space };
}

export async function addMember(actorId: string, spaceId: string, userId: string, role: SpaceRole) {
  const id = newId();
  const added = await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto("Membership").values({ id, userId, spaceId, role, createdAt: dbNow() })
      .onConflict((oc) => oc.columns(["userId", "spaceId"]).doNothing()).returning("id").executeTakeFirst();
    if (!inserted) return false;
    await recordAudit({ actorId, action: "membership.add", targetType: "space", targetId: spaceId, details: { membershipId: id, userId, role } }, trx);
    return true;
  });
  if (added) sessionUsersChanged();
  return added ? { ok: true as const } : { ok: false as const, reason: "already-member" as const };
}

export async function changeMemberRole(actorId: string, spaceId: string, membershipId: string, role: SpaceRole) {
  await db.transaction().execute(async (trx) => {
    const { numUpdatedRows } = await trx.updateTable("Membership").set({ role }).where("id", "=", membershipId).where("spaceId", "=", spaceId).executeTakeFirst();
    if (numUpdatedRows) await recordAudit({ actorId, action: "membership.role", targetType: "space", targetId: spaceId, details: { membershipId, role } }, trx);
  });
  sessionUsersChanged();
  await notifyCollabPermissionsChanged({ spaceId }); // open editors of this Gremium's documents are re-checked
}

export async function removeMember(actorId: string, spaceId: string, membershipId: string) {
  await db.transaction().execute(async (trx) => {
    const { numDeletedRows } = await trx.deleteFrom("Membership").where("id", "=", membershipId).where("spaceId", "=", spaceId).executeTakeFirst();
    if (numDeletedRows) await recordAudit({ actorId, action: "membership.remove", targetType: "space", targetId: spaceId, details: { membershipId } }, trx);
  });
  sessionUsersChanged();
  await notifyCollabPermissionsChanged({ spaceId }); // a removed member's open document sockets are closed
}

/** `text` as a LIKE pattern that matches it literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The add-member look-up: active people who are not yet members, whose name (or a word of it) or
 * e-mail address starts with the query. Only a few at a time, so a chair's page never lists
 * everyone's address (data minimisation).
 */
export async function findMemberCandidates(spaceId: string, query: string) {
  const q = query.trim();
  if (q.length < MEMBER_LOOKUP.minQuery) return [];
  const word = likeLiteral(q);
  return db
    .selectFrom("User as u")
    .select(["u.name", "u.email"])
    .where("u.status", "=", "active")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("Membership as m").select("m.id").whereRef("m.userId", "=", "u.id").where("m.spaceId", "=", spaceId))))
    .where((eb) => eb.or([
      sql<boolean>`${eb.ref("u.email")} LIKE ${`${likeLiteral(q.toLowerCase())}%`} ESCAPE '\\'`,
      sql<boolean>`${eb.ref("u.name")} LIKE ${`${word}%`} ESCAPE '\\'`,
      sql<boolean>`${eb.ref("u.name")} LIKE ${`% ${word}%`} ESCAPE '\\'`,
    ]))
    .orderBy("u.name", "asc")
    .limit(MEMBER_LOOKUP.max)
    .execute();
}

/** The active person with this address (add-member form), or null. */
export async function findActiveUserIdByEmail(email: string) {
  const row = await db.selectFrom("User").select("id").where("email", "=", email.toLowerCase()).where("status", "=", "active").executeTakeFirst();
  return row?.id ?? null;
}
