import { db } from "../db/prisma.server.ts";
import type { OrganisationKind } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";

export type OrganisationInput = {
  name: string; kind: OrganisationKind; landCode?: string; website?: string; contactName?: string; contactEmail?: string;
};

export async function createOrganisation(actorId: string, input: OrganisationInput) {
  return db.$transaction(async (tx) => {
    const org = await tx.organisation.create({ data: input });
    await recordAudit({ actorId, action: "organisation.create", targetType: "organisation", targetId: org.id, details: { name: input.name } }, tx);
    return org;
  });
}

export function listOrganisations() {
  return db.organisation.findMany({ orderBy: [{ landCode: "asc" }, { name: "asc" }], include: { land: true, _count: { select: { users: true } } } });
}

/** The 16 Länder with their organisations; contact persons only for signed-in members. */
export function listLaender({ withContacts }: { withContacts: boolean }) {
  return db.land.findMany({
    orderBy: { name: "asc" },
    select: {
      code: true, name: true,
      organisations: {
        orderBy: { name: "asc" },
        select: {
          id: true, name: true, kind: true, website: true, description: true,
          contactName: withContacts, contactEmail: withContacts,
          users: withContacts ? { where: { status: "active" }, select: { id: true, name: true }, orderBy: { name: "asc" } } : false,
        },
      },
    },
  });
}
