// The one permission module. Remix loaders/actions (through the guards in permissions.server.ts)
// and the collaboration server both ask `can`; neither keeps a copy of these rules.
import type { PlatformRole, SpaceRole, SpaceVisibility, UserStatus } from "./domain.ts";

export type Actor = {
  id: string;
  role: PlatformRole;
  status: UserStatus;
  memberships: ReadonlyArray<{ spaceId: string; role: SpaceRole }>;
};

export type SpaceResource = { type: "space"; id: string; visibility: SpaceVisibility };
export type PlatformResource = { type: "platform" };

export type SpaceAction =
  | "read" // see the Gremium, its members and content
  | "reply" // answer in threads, comment on drafts
  | "create-thread" // start threads, create documents
  | "moderate" // pin, lock, move, delete others' posts; change document status
  | "manage-members" // add, remove, change roles
  | "invite"; // invite new people into this Gremium
export type PlatformAction = "administer" | "invite";

const SPACE_ROLE_RIGHTS: Record<SpaceRole, ReadonlySet<SpaceAction>> = {
  chair: new Set(["read", "reply", "create-thread", "moderate", "manage-members", "invite"]),
  member: new Set(["read", "reply", "create-thread"]),
  commenter: new Set(["read", "reply"]),
  reader: new Set(["read"]),
};

export function spaceRoleOf(actor: Actor, spaceId: string): SpaceRole | null {
  return actor.memberships.find((m) => m.spaceId === spaceId)?.role ?? null;
}

export function can(actor: Actor | null, action: PlatformAction, resource: PlatformResource): boolean;
export function can(actor: Actor | null, action: SpaceAction, resource: SpaceResource): boolean;
export function can(
  actor: Actor | null,
  action: PlatformAction | SpaceAction,
  resource: PlatformResource | SpaceResource,
): boolean {
  if (!actor || actor.status !== "active") return false;
  if (actor.role === "admin") return true;
  if (resource.type === "platform") return false;

  const role = spaceRoleOf(actor, resource.id);
  if (role) return SPACE_ROLE_RIGHTS[role].has(action as SpaceAction);
  // Open Gremien can be read by every active platform member, without joining.
  return resource.visibility === "platform" && action === "read";
}
