import { db } from "../db/prisma.server.ts";
import { recordAudit } from "./audit.server.ts";

export function listTags() {
  return db.tag.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, _count: { select: { threads: true } } } });
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
  if (await db.tag.findFirst({ where: { OR: [{ slug }, { name }] } })) return { ok: false as const };
  const tag = await db.$transaction(async (tx) => {
    const created = await tx.tag.create({ data: { name, slug } });
    await recordAudit({ actorId, action: "tag.create", targetType: "tag", targetId: created.id, details: { name } }, tx);
    return created;
  });
  return { ok: true as const, tag };
}

export async function deleteTag(actorId: string, tagId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.tag.deleteMany({ where: { id: tagId } });
    if (count) await recordAudit({ actorId, action: "tag.delete", targetType: "tag", targetId: tagId }, tx);
  });
}
