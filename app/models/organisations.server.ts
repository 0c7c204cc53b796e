// Organisations and the Länder they belong to: the admin list and form, and the public directory.
import { db } from "../db/db.server.ts";
import { dbNow, newId } from "../db/values.ts";
import type { OrganisationKind } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";

export type OrganisationInput = {
  name: string; kind: OrganisationKind; landCode?: string; website?: string; contactName?: string; contactEmail?: string;
};

export async function createOrganisation(actorId: string, input: OrganisationInput) {
  const org = {
    id: newId(), name: input.name, kind: input.kind, landCode: input.landCode ?? null, website: input.website ?? null,
    contactName: input.contactName ?? null, contactEmail: input.contactEmail ?? null, createdAt: dbNow(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("Organisation").values(org).execute();
    await recordAudit({ actorId, action: "organisation.create", targetType: "organisation", targetId: org.id, details: { name: input.name } }, trx);
  });
  return org;
}

/** Whether a Land with this code exists (the organisation form's choice). */
export async function landExists(code: string) {
  return Boolean(await db.selectFrom("Land").select("code").where("code", "=", code).executeTakeFirst());
}

/** Every organisation by Land and name, with its Land's name and how many people belong to it. */
export function listOrganisations() {
  return db
    .selectFrom("Organisation as o")
    .leftJoin("Land as l", "l.code", "o.landCode")
    .select((eb) => [
      "o.id", "o.name", "o.kind", "o.website", "l.name as land",
      eb.selectFrom("User as u").select((e) => e.fn.countAll<number>().as("n")).whereRef("u.organisationId", "=", "o.id").as("people"),
    ])
    .orderBy("o.landCode", "asc")
    .orderBy("o.name", "asc")
    .execute();
}

/** The admin organisations page: the list and the Länder for the form. */
export async function loadAdminOrganisationsPage() {
  const [organisations, laender] = await Promise.all([
    listOrganisations(),
    db.selectFrom("Land").select(["code", "name"]).orderBy("name", "asc").execute(),
  ]);
  return {
    laender,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, land: o.land, website: o.website, people: Number(o.people ?? 0) })),
  };
}

type DirectoryOrganisation = {
  id: string; name: string; kind: OrganisationKind; website: string | null; description: string | null;
  contactName?: string | null; contactEmail?: string | null; users?: Array<{ id: string; name: string }>;
};

/** The 16 Länder with their organisations; contact persons only for signed-in members. */
export async function listLaender({ withContacts }: { withContacts: boolean }) {
  const [laender, organisations, people] = await Promise.all([
    db.selectFrom("Land").select(["code", "name"]).orderBy("name", "asc").execute(),
    db.selectFrom("Organisation")
      .select(["id", "name", "kind", "website", "description", "contactName", "contactEmail", "landCode"])
      .where("landCode", "is not", null)
      .orderBy("name", "asc")
      .execute(),
    withContacts
      ? db.selectFrom("User").select(["id", "name", "organisationId"])
          .where("status", "=", "active").where("organisationId", "is not", null).orderBy("name", "asc").execute()
      : Promise.resolve([]),
  ]);
  const peopleOf = new Map<string, Array<{ id: string; name: string }>>();
  for (const { organisationId, ...person } of people) {
    const list = peopleOf.get(organisationId!) ?? [];
    list.push(person);
    peopleOf.set(organisationId!, list);
  }
  const byLand = new Map<string, DirectoryOrganisation[]>();
  for (const { landCode, contactName, contactEmail, ...org } of organisations) {
    // Without contacts the fields are absent, not empty: personal data never reaches the page.
    const entry: DirectoryOrganisation = withContacts ? { ...org, contactName, contactEmail, users: peopleOf.get(org.id) ?? [] } : org;
    const list = byLand.get(landCode!) ?? [];
    list.push(entry);
    byLand.set(landCode!, list);
  }
  return laender.map((land) => ({ ...land, organisations: byLand.get(land.code) ?? [] }));
}
