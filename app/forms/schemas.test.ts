import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { m } from "../i18n/messages.ts";
import { LIMITS } from "../domain/model.ts";
import { AcceptInvitationSchema, InvitationSchema, OrganisationSchema, SpaceSchema } from "./schemas.ts";

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

describe("form schemas answer in German", () => {
  it("reports missing and over-long fields per field", () => {
    const result = parseWithZod(form({ name: "x".repeat(LIMITS.nameMax + 1), password: "short", confirm: "other" }), { schema: AcceptInvitationSchema });
    expect(result.status).toBe("error");
    const reply = result.reply();
    expect(reply.error?.name).toEqual([m.validation.tooLong(LIMITS.nameMax)]);
    expect(reply.error?.password).toEqual([m.validation.tooShort(LIMITS.passwordMin)]);
  });

  it("keeps what the user typed (except secrets) for the re-rendered form", () => {
    const result = parseWithZod(form({ name: "Anna", password: "short", confirm: "short" }), { schema: AcceptInvitationSchema });
    const reply = result.reply({ hideFields: ["password", "confirm"] });
    expect(reply.initialValue).toMatchObject({ name: "Anna" });
    expect(reply.initialValue).not.toHaveProperty("password");
  });

  it("requires a Gremium role when a Gremium is chosen", () => {
    const result = parseWithZod(form({ email: "neu@example.org", platformRole: "member", spaceId: "abc" }), { schema: InvitationSchema });
    expect(result.reply().error?.spaceRole).toEqual([m.admin.inviteSpaceRoleMissing]);
  });

  it("rejects unknown choices and non-http links", () => {
    const result = parseWithZod(form({ name: "Org", kind: "sekte", website: "javascript:alert(1)" }), { schema: OrganisationSchema });
    const error = result.reply().error;
    expect(error?.kind).toEqual([m.validation.choice]);
    expect(error?.website?.[0]).toBe(m.validation.url);
  });

  it("accepts a valid Gremium and normalises nothing it should not", () => {
    const result = parseWithZod(form({ name: "AG Digitalisierung", slug: "ag-digital", visibility: "members" }), { schema: SpaceSchema });
    expect(result.status).toBe("success");
    const bad = parseWithZod(form({ name: "AG", slug: "AG Digital!", visibility: "members" }), { schema: SpaceSchema });
    expect(bad.reply().error?.slug).toEqual([m.validation.slug]);
  });
});
