// Topic tags of forum threads: the list (with how many threads carry each), creating and deleting them.
import { db } from "../db/db.server.ts";
import { newId } from "../db/values.ts";
import { recordAudit } from "./audit.server.ts";

export async function listTags() {
  const tags = await db.selectFrom("Tag")
    .select((eb) => ["Tag.id", "Tag.slug", "Tag.name", eb.selectFrom("ThreadTag").select(eb.fn.countAll<number>().as("n")).whereRef("ThreadTag.tagId", "=", "Tag.id").as("threads")])
    .orderBy("Tag.name").execute();
  return tags.map(({ threads, ...tag }) => ({ ...tag, _count: { threads: threads ?? 0 } }));
}

export function slugify(name: string) {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 60) || "thema";
}

export async function createTag(actorId: string, name: string) {
  const slug = slugify(name);
  if (await db.selectFrom("Tag").select("id").where((eb) => eb.or([eb("slug", "=", slug), eb("name", "=", name)])).executeTakeFirst()) return { ok: false as const };
  const tag = { id: newId(), name, slug };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("Tag").values(tag).execute();
    await recordAudit({ actorId, action: "tag.create", targetType: "tag", targetId: tag.id, details: { name } }, trx);
  });
  return { ok: true as const, tag };
}

export async function deleteTag(actorId: string, tagId: string) {
  await db.transaction().execute(async (trx) => {
    const { numDeletedRows } = await trx.deleteFrom("Tag").where("id", "=", tagId).executeTakeFirst();
    if (numDeletedRows) await recordAudit({ actorId, action: "tag.delete", targetType: "tag", targetId: tagId }, trx);
  });
}
