// Demo threads and best practices, written through the same domain functions the app uses, so the
// search index and counters are exactly as if people had posted them.
import type { PrismaClient } from "../app/generated/prisma/client.ts";
import { acceptAnswer, createReply, createThread, parsePostBody } from "../app/models/forum.server.ts";
import type { SpaceVisibility } from "../app/domain/model.ts";
import { TAGS, THREADS } from "./seed-forum-data.ts";

const HOUR = 60 * 60 * 1000;

export async function seedForum(db: PrismaClient) {
  const tagIds = new Map<string, string>();
  for (const tag of TAGS) tagIds.set(tag.slug, (await db.tag.create({ data: tag })).id);
  const users = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  const spaces = new Map((await db.space.findMany()).map((s) => [s.slug, s]));
  const userId = (email: string) => {
    const id = users.get(email);
    if (!id) throw new Error(`seed: unknown user ${email}`);
    return id;
  };
  const body = (text: string) => {
    const parsed = parsePostBody(text);
    if (!parsed.ok) throw new Error(`seed: invalid body (${parsed.error}): ${text.slice(0, 60)}`);
    return parsed;
  };

  for (const seed of [...THREADS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const space = spaces.get(seed.space)!;
    const ref = { id: space.id, visibility: space.visibility as SpaceVisibility };
    const { threadId, postId } = await createThread(userId(seed.author), ref, {
      title: seed.title, kind: seed.kind, body: body(seed.body),
      tagIds: seed.tags.map((slug) => tagIds.get(slug)).filter((id): id is string => Boolean(id)),
      bestPractice: seed.bestPractice,
    });
    const started = new Date(Date.now() - seed.daysAgo * 24 * HOUR);
    await db.post.update({ where: { id: postId }, data: { createdAt: started } });
    let last = started;
    const replyIds: string[] = [];
    for (const [i, reply] of seed.replies.entries()) {
      const id = await createReply(userId(reply.author), { id: threadId, space: ref }, body(reply.body));
      last = new Date(Math.min(started.getTime() + (i + 1) * 5 * HOUR, Date.now() - (seed.replies.length - i) * HOUR));
      await db.post.update({ where: { id }, data: { createdAt: last } });
      replyIds.push(id);
    }
    await db.thread.update({ where: { id: threadId }, data: { createdAt: started, lastActivityAt: last, pinned: seed.pinned ?? false } });
    if (seed.kind === "question" && seed.acceptedReply !== undefined && replyIds[seed.acceptedReply]) {
      await acceptAnswer(userId(seed.author), { id: threadId, title: seed.title }, replyIds[seed.acceptedReply]);
    }
  }
}
