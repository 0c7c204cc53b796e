import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "../db/prisma.server.ts";

type Tx = Prisma.TransactionClient;

export type AuditInput = {
  actorId: string | null;
  action: string; // e.g. "user.disable", "invitation.create"
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

/** Writes one audit entry; pass the transaction so the entry commits with the change it records. */
export function recordAudit(input: AuditInput, tx: Tx = db) {
  const { details, ...rest } = input;
  return tx.auditEvent.create({ data: { ...rest, details: JSON.stringify(details ?? {}) } });
}

export function listAuditEvents(take = 100) {
  return db.auditEvent.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, targetType: true, targetId: true, details: true, createdAt: true, actor: { select: { name: true } } },
  });
}
