// The audit log: who changed what. An entry commits in the transaction of the change it records.
import type { Prisma } from "../generated/prisma/client.ts";
import { db, type Queryable } from "../db/db.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";

type Tx = Prisma.TransactionClient;

function isPrismaTx(tx: Tx | Queryable): tx is Tx {
  return typeof (tx as Partial<Tx>).auditEvent?.create === "function";
}

export type AuditInput = {
  actorId: string | null;
  action: string; // e.g. "user.disable", "invitation.create"
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

/**
 * Writes one audit entry; pass the transaction so the entry commits with the change it records.
 * TODO(019): the Prisma branch goes when the last caller runs on the query layer.
 */
export async function recordAudit(input: AuditInput, tx: Tx | Queryable = db) {
  const { details, ...rest } = input;
  // Not `"insertInto" in tx`: the default `db` is a Proxy whose `in` answers false.
  if (isPrismaTx(tx)) {
    await tx.auditEvent.create({ data: { ...rest, details: JSON.stringify(details ?? {}) } });
    return;
  }
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
