// The one permission module. Remix loaders/actions (through the guards in permissions.server.ts)
// and the collaboration server both ask `can`; neither keeps a copy of these rules.
import {
  FROZEN_DOCUMENT_STATUSES,
  type DocumentRole, type DocumentStatus, type PlatformRole, type SpaceRole, type SpaceVisibility, type UserStatus,
} from "./model.ts";

export type Actor = {
  id: string;
  role: PlatformRole;
  status: UserStatus;
  memberships: ReadonlyArray<{ spaceId: string; role: SpaceRole }>;
};

export type PlatformResource = { type: "platform" };
export type SpaceResource = { type: "space"; id: string; visibility: SpaceVisibility };
export type DocumentResource = {
  type: "document";
  spaceId: string;
  visibility: SpaceVisibility;
  status: DocumentStatus;
  /** The actor's explicit role on this document (DocumentAccess), if any. */
  grantedRole: DocumentRole | null;
  /**
   * Whether commenters may suggest on this paper (DocumentSettings, decision 025). Only `false`
   * turns it off: no settings row means on, as the chair has not changed it.
   */
  commenterSuggestions?: boolean;
};

export type PlatformAction = "administer" | "invite";
export type SpaceAction =
  | "read" // see the Gremium, its members and content
  | "reply" // answer in threads
  | "create-thread" // start threads
  | "create-document" // start position papers
  | "moderate" // pin, lock, move, delete others' posts
  | "manage-members" // add, remove, change roles
  | "invite"; // invite new people into this Gremium
export type DocumentAction =
  | "read"
  | "comment" // comment threads on the draft
  | "edit" // change the text
  | "suggest" // propose wording (Änderungsvorschläge) without writing the text
  | "decide" // accept or reject suggestions
  | "manage"; // rename, archive, change status and per-document access

const SPACE_ROLE_RIGHTS: Record<SpaceRole, ReadonlySet<SpaceAction>> = {
  chair: new Set(["read", "reply", "create-thread", "create-document", "moderate", "manage-members", "invite"]),
  member: new Set(["read", "reply", "create-thread", "create-document"]),
  commenter: new Set(["read", "reply"]),
  reader: new Set(["read"]),
};

/** The document role a Gremium role gives by default. */
const DOCUMENT_ROLE_FROM_SPACE: Record<SpaceRole, DocumentRole> = {
  chair: "editor",
  member: "editor",
  commenter: "commenter",
  reader: "reader",
};

const DOCUMENT_ROLE_RIGHTS: Record<DocumentRole, ReadonlySet<DocumentAction>> = {
  editor: new Set(["read", "comment", "edit", "suggest", "decide"]),
  commenter: new Set(["read", "comment"]),
  reader: new Set(["read"]),
};

export function spaceRoleOf(actor: Actor, spaceId: string): SpaceRole | null {
  return actor.memberships.find((m) => m.spaceId === spaceId)?.role ?? null;
}

/** The actor's effective role on a document, or null when they may not read it. */
export function documentRoleOf(actor: Actor | null, doc: DocumentResource): DocumentRole | null {
  if (!actor || actor.status !== "active") return null;
  if (actor.role === "admin") return "editor";
  const spaceRole = spaceRoleOf(actor, doc.spaceId);
  if (spaceRole === "chair") return "editor";
  if (doc.grantedRole) return doc.grantedRole;
  if (spaceRole) return DOCUMENT_ROLE_FROM_SPACE[spaceRole];
  return doc.visibility === "platform" ? "reader" : null;
}

export function can(actor: Actor | null, action: PlatformAction, resource: PlatformResource): boolean;
export function can(actor: Actor | null, action: SpaceAction, resource: SpaceResource): boolean;
export function can(actor: Actor | null, action: DocumentAction, resource: DocumentResource): boolean;
export function can(
  actor: Actor | null,
  action: PlatformAction | SpaceAction | DocumentAction,
  resource: PlatformResource | SpaceResource | DocumentResource,
): boolean {
  if (!actor || actor.status !== "active") return false;
  if (resource.type === "document") return canOnDocument(actor, action as DocumentAction, resource);
  if (actor.role === "admin") return true;
  if (resource.type === "platform") return false;

  const role = spaceRoleOf(actor, resource.id);
  if (role) return SPACE_ROLE_RIGHTS[role].has(action as SpaceAction);
  // Open Gremien can be read by every active platform member, without joining.
  return resource.visibility === "platform" && action === "read";
}

function canOnDocument(actor: Actor, action: DocumentAction, doc: DocumentResource): boolean {
  if (action === "manage") return actor.role === "admin" || spaceRoleOf(actor, doc.spaceId) === "chair";
  const role = documentRoleOf(actor, doc);
  // Commenters suggest only while the paper is open for review, and only while its chair allows it;
  // they still never write the text: suggestions are rows beside it (decision 025).
  if (action === "suggest" && role === "commenter") {
    return (doc.status === "draft" || doc.status === "review") && doc.commenterSuggestions !== false;
  }
  if (!role || !DOCUMENT_ROLE_RIGHTS[role].has(action)) return false;
  // Adopted, published and archived papers are frozen: nobody edits, and the comment period is over.
  if (action !== "read" && FROZEN_DOCUMENT_STATUSES.has(doc.status)) return false;
  return true;
}
