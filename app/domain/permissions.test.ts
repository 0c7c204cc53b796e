import { describe, expect, it } from "vitest";
import { DOCUMENT_STATUSES, SPACE_ROLES, type DocumentRole, type DocumentStatus, type SpaceRole } from "./model.ts";
import { can, documentRoleOf, type Actor, type DocumentAction, type DocumentResource, type SpaceAction } from "./permissions.ts";

const SPACE_ACTIONS: SpaceAction[] = ["read", "reply", "create-thread", "create-document", "moderate", "manage-members", "invite"];
const closed = { type: "space", id: "s1", visibility: "members" } as const;
const open = { type: "space", id: "s2", visibility: "platform" } as const;

const actor = (over: Partial<Actor> = {}): Actor => ({ id: "u1", role: "member", status: "active", memberships: [], ...over });
const memberOf = (role: SpaceRole, spaceId: string = closed.id) => actor({ memberships: [{ spaceId, role }] });

// The expected rights of each Gremium role, written out as a table so a change shows here.
const EXPECTED: Record<SpaceRole, SpaceAction[]> = {
  chair: ["read", "reply", "create-thread", "create-document", "moderate", "manage-members", "invite"],
  member: ["read", "reply", "create-thread", "create-document"],
  commenter: ["read", "reply"],
  reader: ["read"],
};

describe("can: Gremium roles", () => {
  for (const role of SPACE_ROLES) {
    for (const action of SPACE_ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action} in a members-only Gremium`, () => {
        expect(can(memberOf(role), action, closed)).toBe(allowed);
      });
    }
  }

  it("a role in one Gremium gives nothing in another members-only Gremium", () => {
    const chairElsewhere = memberOf("chair", "other");
    for (const action of SPACE_ACTIONS) expect(can(chairElsewhere, action, closed)).toBe(false);
  });
});

describe("can: visibility", () => {
  it("non-members may only read a Gremium open to all platform members", () => {
    for (const action of SPACE_ACTIONS) expect(can(actor(), action, open)).toBe(action === "read");
  });

  it("non-members may not even read a members-only Gremium", () => {
    expect(can(actor(), "read", closed)).toBe(false);
  });

  it("membership roles still apply in open Gremien", () => {
    expect(can(memberOf("member", open.id), "create-thread", open)).toBe(true);
    expect(can(memberOf("reader", open.id), "reply", open)).toBe(false);
  });
});

describe("can: platform roles and account status", () => {
  it("admins may do everything, everywhere", () => {
    const admin = actor({ role: "admin" });
    for (const action of SPACE_ACTIONS) expect(can(admin, action, closed)).toBe(true);
    expect(can(admin, "administer", { type: "platform" })).toBe(true);
    expect(can(admin, "invite", { type: "platform" })).toBe(true);
  });

  it("members may not administer or invite at platform level", () => {
    expect(can(memberOf("chair"), "administer", { type: "platform" })).toBe(false);
    expect(can(memberOf("chair"), "invite", { type: "platform" })).toBe(false);
  });

  it("anonymous, disabled and invited accounts may do nothing", () => {
    expect(can(null, "read", open)).toBe(false);
    for (const status of ["disabled", "invited"] as const) {
      expect(can(actor({ role: "admin", status }), "administer", { type: "platform" })).toBe(false);
      expect(can(actor({ status, memberships: [{ spaceId: open.id, role: "chair" }] }), "read", open)).toBe(false);
    }
  });
});

describe("can: documents", () => {
  const DOC_ACTIONS: DocumentAction[] = ["read", "comment", "edit", "suggest", "decide", "manage"];
  const doc = (over: Partial<DocumentResource> = {}): DocumentResource => ({
    type: "document", spaceId: closed.id, visibility: "members", status: "draft", grantedRole: null, ...over,
  });
  const rights = (a: Actor | null, d: DocumentResource) => DOC_ACTIONS.filter((action) => can(a, action, d));

  it("derives the document role from the Gremium role by default", () => {
    expect(rights(memberOf("chair"), doc())).toEqual(["read", "comment", "edit", "suggest", "decide", "manage"]);
    expect(rights(memberOf("member"), doc())).toEqual(["read", "comment", "edit", "suggest", "decide"]);
    expect(rights(memberOf("commenter"), doc())).toEqual(["read", "comment", "suggest"]);
    expect(rights(memberOf("reader"), doc())).toEqual(["read"]);
    expect(rights(actor(), doc())).toEqual([]);
    expect(rights(actor(), doc({ visibility: "platform" }))).toEqual(["read"]);
  });

  it("per-document roles reach people outside the Gremium, and only that document", () => {
    const outsider = actor();
    const granted: Record<DocumentRole, DocumentAction[]> = { editor: ["read", "comment", "edit", "suggest", "decide"], commenter: ["read", "comment", "suggest"], reader: ["read"] };
    for (const [role, expected] of Object.entries(granted) as Array<[DocumentRole, DocumentAction[]]>) {
      expect(rights(outsider, doc({ grantedRole: role }))).toEqual(expected);
    }
    expect(can(outsider, "read", closed)).toBe(false);
  });

  it("a per-document role can narrow a member's default; a chair always manages", () => {
    expect(rights(memberOf("member"), doc({ grantedRole: "reader" }))).toEqual(["read"]);
    expect(documentRoleOf(memberOf("chair"), doc({ grantedRole: "reader" }))).toBe("editor");
  });

  it("frozen states refuse edits and comments from every role, admins included", () => {
    for (const status of DOCUMENT_STATUSES) {
      const frozen = (["adopted", "published", "archived"] as DocumentStatus[]).includes(status);
      for (const who of [memberOf("chair"), memberOf("member"), actor({ role: "admin" })]) {
        expect(can(who, "edit", doc({ status }))).toBe(!frozen);
        expect(can(who, "read", doc({ status }))).toBe(true);
      }
      expect(can(memberOf("commenter"), "comment", doc({ status }))).toBe(!frozen);
    }
  });

  it("commenters suggest only in Entwurf and Kommentierung and only while the chair allows it; nobody suggests or decides on a frozen paper", () => {
    for (const status of DOCUMENT_STATUSES) {
      const open = status === "draft" || status === "review";
      expect(can(memberOf("commenter"), "suggest", doc({ status }))).toBe(open);
      expect(can(memberOf("commenter"), "suggest", doc({ status, commenterSuggestions: false }))).toBe(false);
      expect(can(memberOf("commenter"), "decide", doc({ status }))).toBe(false);
      expect(can(memberOf("reader"), "suggest", doc({ status }))).toBe(false);
      for (const who of [memberOf("chair"), memberOf("member"), actor({ role: "admin" })]) {
        // The per-paper switch is about commenters: editors always suggest and decide while not frozen.
        expect(can(who, "suggest", doc({ status, commenterSuggestions: false }))).toBe(open);
        expect(can(who, "decide", doc({ status }))).toBe(open);
      }
    }
  });

  it("disabled accounts get nothing, even with a granted role", () => {
    expect(rights(actor({ status: "disabled" }), doc({ grantedRole: "editor" }))).toEqual([]);
  });
});
