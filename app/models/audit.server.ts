// The audit log: who changed what. An entry commits in the transaction of the change it records.
import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "../db/prisma.server.ts";
import type { Queryable } from "../db/db.server.ts";
import { dbNow, newId } from "../db/values.ts";

type Tx = Prisma.TransactionClient;

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
  if ("insertInto" in tx) {
    await tx.insertInto("AuditEvent").values({ id: newId(), ...rest, details: JSON.stringify(details ?? {}), createdAt: dbNow() }).execute();
    return;
  }
  await tx.auditEvent.create({ data: { ...rest, details: JSON.stringify(details ?? {}) } });
}

export function listAuditEvents(take = 100) {
  return db.auditEvent.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, targetType: true, targetId: true, details: true, createdAt: true, actor: { select: { name: true } } },
  });
}
