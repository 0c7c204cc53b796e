// An accept that races the paper's adoption (decision 025), in-process with the live room: the
// accept has claimed its suggestion when the adoption freezes the text and closes the open ones, so
// the room then refuses the change. The suggestion must end as "nicht übernommen" (closed), never
// open again on an adopted paper.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { dbReady, db as prisma } from "../../app/db/prisma.server.ts";
import { deriveContent, loadStoredYDoc } from "../../app/models/documents.server.ts";
import { acceptSuggestion, closeOpenSuggestions, createSuggestion, findSuggestion } from "../../app/models/suggestions.server.ts";
import { startTestCollab, type TestCollab } from "../support/collab-server.ts";
import { eventually } from "../support/eventually.ts";
import { DEMO } from "../support/paths.ts";
import { suggestionFields } from "../support/suggestions.ts";

await dbReady;
const PAPER = "Positionspapier: MINT-Bildung entlang der Bildungskette";
let t: TestCollab;
let documentId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const u of await prisma.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  documentId = (await prisma.document.findFirstOrThrow({ where: { title: PAPER } })).id;
  t = await startTestCollab();
});
afterAll(() => t?.close());

const statusOf = async (id: string) => (await db.selectFrom("Suggestion").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("accepting while the paper is adopted", () => {
  it("closes the claimed suggestion as not taken over and leaves the text alone", async () => {
    const ydoc = (await loadStoredYDoc(documentId))!;
    const { intent: _, ...fields } = suggestionFields(ydoc, "insert", "Sie verbinden", " gemeinsam");
    ydoc.destroy();
    const created = await createSuggestion(ids[DEMO.ministeriumRp], documentId, fields as never);
    if (!created.ok) throw new Error(created.error);
    const row = (await findSuggestion(documentId, created.id))!;

    // The adoption holds the text frozen; the accept claims its row and waits for the room.
    const frozen = await t.collab.rooms.freeze(documentId, "adoption");
    const accepting = acceptSuggestion(ids[DEMO.by], row);
    await eventually(async () => expect(await statusOf(row.id)).toBe("accepted"), "the accept's claim");
    // What the adoption commits inside its freeze: the status, and closing what is still open.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("Document").set({ status: "adopted" }).where("id", "=", documentId).execute();
      await closeOpenSuggestions(trx, documentId, ids[DEMO.leitung]);
    });
    await t.collab.rooms.thaw(frozen.token, true);

    expect(await accepting).toBe("frozen");
    expect(await statusOf(row.id)).toBe("closed");
    const stored = (await loadStoredYDoc(documentId))!;
    expect(deriveContent(stored).text).not.toContain("verbinden gemeinsam");
    stored.destroy();
  });
});
