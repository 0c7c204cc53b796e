// The audit log: who changed what. An entry commits in the transaction of the change it records.
import { db, type Queryable } from "../db/db.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";

export type AuditInput = {
  actorId: string | null;
  action: string; // e.g. "user.disable", "invitation.create"
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

/** Writes one audit entry; pass the transaction so the entry commits with the change it records. */
export async function recordAudit(input: AuditInput, tx: Queryable = db) {
  const { details, ...rest } = input;
  await tx.insertInto("AuditEvent").values({ id: newId(), ...rest, details: JSON.stringify(details ?? {}), createdAt: dbNow() }).execute();
}

/** The admin audit page: the newest entries with the actor's name. */
export async function listAuditEvents(take = 100) {
  const rows = await db
    .selectFrom("AuditEvent as e")
    .leftJoin("User as u", "u.id", "e.actorId")
    .select(["e.id", "e.action", "e.targetType", "e.targetId", "e.details", "e.createdAt", "u.name as actorName"])
    .orderBy("e.createdAt", "desc")
    .limit(take)
    .execute();
  return rows.map(({ actorName, createdAt, ...e }) => ({ ...e, createdAt: fromDbDate(createdAt), actor: actorName === null ? null : { name: actorName } }));
}
