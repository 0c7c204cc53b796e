import { describe, expect, it } from "vitest";
import { SPACE_ROLES, type SpaceRole } from "./domain.ts";
import { can, type Actor, type SpaceAction } from "./permissions.ts";

const SPACE_ACTIONS: SpaceAction[] = ["read", "reply", "create-thread", "moderate", "manage-members", "invite"];
const closed = { type: "space", id: "s1", visibility: "members" } as const;
const open = { type: "space", id: "s2", visibility: "platform" } as const;

const actor = (over: Partial<Actor> = {}): Actor => ({ id: "u1", role: "member", status: "active", memberships: [], ...over });
const memberOf = (role: SpaceRole, spaceId = closed.id) => actor({ memberships: [{ spaceId, role }] });

// The expected rights of each Gremium role, written out as a table so a change shows here.
const EXPECTED: Record<SpaceRole, SpaceAction[]> = {
  chair: ["read", "reply", "create-thread", "moderate", "manage-members", "invite"],
  member: ["read", "reply", "create-thread"],
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
