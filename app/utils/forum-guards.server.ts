// Guards for thread and post routes, built on the one permission module.
import { db } from "./db.server.ts";
import type { SpaceVisibility } from "./domain.ts";
import { can, type SpaceAction } from "./permissions.ts";
import { forbidden, notFound, requireUser } from "./permissions.server.ts";

/** A thread the user may read (404 otherwise, as for a missing one); 403 when `action` is not allowed. */
export async function requireThread(request: Request, threadId: string | undefined, action: SpaceAction = "read") {
  const user = await requireUser(request);
  const thread = threadId
    ? await db.thread.findFirst({
        where: { id: threadId, deletedAt: null },
        include: { space: { select: { id: true, slug: true, name: true, visibility: true } } },
      })
    : null;
  if (!thread) notFound();
  const space = { type: "space" as const, id: thread.space.id, visibility: thread.space.visibility as SpaceVisibility };
  if (!can(user, "read", space)) notFound();
  if (!can(user, action, space)) forbidden();
  return { user, thread, space };
}
