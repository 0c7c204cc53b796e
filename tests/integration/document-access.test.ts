// The paper access check that every paper page and every collaboration upgrade (and re-check) runs:
// one statement, the right role for each kind of reader, null for a paper that does not exist.
import { describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { documentAccessFor } from "../../app/models/documents.server.ts";
import { loadActors } from "../../app/models/notifications.server.ts";
import { DEMO } from "../support/paths.ts";
import { statementsOf } from "../support/queries.ts";

async function actor(email: string) {
  const { id } = await db.selectFrom("User").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return (await loadActors([id]))[0];
}


describe("documentAccessFor", () => {
  it("answers with one statement: the paper, its Gremium and the actor's grant", async () => {
    const paper = await db.selectFrom("Document").select("id").executeTakeFirstOrThrow();
    const nw = await actor(DEMO.nw);
    const seen = await statementsOf(() => documentAccessFor(nw, paper.id));
    expect(seen).toHaveLength(1);
    // The same SQL text each time, so the statement cache holds one prepared statement for it.
    const again = await statementsOf(() => documentAccessFor(nw, "no-such-paper"));
    expect(again).toEqual(seen);
  });

  it("gives the granted role, the Gremium's role without a grant, or null for a paper that does not exist", async () => {
    const paper = await db.selectFrom("Document").innerJoin("Space", "Space.id", "Document.spaceId")
      .select(["Document.id", "Document.title", "Space.slug", "Space.visibility"]).executeTakeFirstOrThrow();
    const ministry = (await documentAccessFor(await actor(DEMO.ministeriumRp), paper.id))!;
    expect(ministry.role).toBe("commenter");
    expect(ministry.document).toMatchObject({ id: paper.id, title: paper.title, space: { slug: paper.slug, visibility: paper.visibility } });
    expect(ministry.resource).toMatchObject({ type: "document", grantedRole: "commenter" });
    expect((await documentAccessFor(await actor(DEMO.nw), paper.id))!.role).toBe("editor");
    expect((await documentAccessFor(await actor(DEMO.gast), paper.id))!.role).toBe("reader");
    // The chair has no grant: the role comes from the Gremium.
    const chair = (await documentAccessFor(await actor(DEMO.leitung), paper.id))!;
    expect(chair.resource.grantedRole).toBeNull();
    expect(chair.role).not.toBeNull();
    expect(await documentAccessFor(await actor(DEMO.nw), "no-such-paper")).toBeNull();
  });
});
