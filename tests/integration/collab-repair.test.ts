// Papers stored before the server refused bad updates (issue 8, findings 2 and 3): a log with pending
// structs and content outside the schema. Loading leaves both out, a live room stores the clean state,
// and `npm run collab:repair` keeps the old state as the version "vor Reparatur".
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadDocumentState, repairStoredDocument, REPAIR_VERSION_NAME } from "../../app/models/document-state.server.ts";
import { storedDocumentJson, toMarkdown } from "../../app/models/document-export.server.ts";
import { yStateFromJson } from "../../app/models/documents.server.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { db } from "../../app/db/prisma.server.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { appendParagraph, bodyText, connectClient } from "../support/collab.ts";
import { startTestCollab, storedDoc, type TestCollab } from "../support/collab-server.ts";
import { DEMO, ROOT } from "../support/paths.ts";

let t: TestCollab;
beforeAll(async () => {
  t = await startTestCollab();
});
afterAll(async () => {
  await t.close();
});

/** A paper whose log holds a 1 MB update with a clock gap, a foreign root type and an unknown node. */
async function poisonedPaper(title: string) {
  const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
  const by = await db.user.findUniqueOrThrow({ where: { email: DEMO.by } });
  const snapshot = yStateFromJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Gesunder Anfang" }] }] });
  // Each writer starts from the snapshot, so only the gapped update depends on something missing.
  const writerOf = () => {
    const w = new Y.Doc();
    Y.applyUpdate(w, snapshot);
    return w;
  };
  const step = (writer: Y.Doc, change: () => void) => {
    const before = Y.encodeStateVector(writer);
    writer.transact(change);
    return Y.encodeStateAsUpdate(writer, before);
  };
  const gapWriter = writerOf();
  const good = step(gapWriter, () => appendParagraph(gapWriter, "Gültiger Absatz"));
  step(gapWriter, () => appendParagraph(gapWriter, "nie gespeichert"));
  const gapped = step(gapWriter, () => appendParagraph(gapWriter, "x".repeat(1024 * 1024)));
  const junkWriter = writerOf();
  const junk = step(junkWriter, () => junkWriter.getText("junk").insert(0, "Müll"));
  const scriptWriter = writerOf();
  const fragment = scriptWriter.getXmlFragment(YJS_FRAGMENT);
  const script = step(scriptWriter, () => fragment.insert(fragment.length, [new Y.XmlElement("script")]));
  const doc = await db.document.create({ data: { spaceId: space.id, title, createdById: by.id, snapshot: Buffer.from(snapshot) } });
  for (const data of [good, gapped, junk, script]) await db.documentUpdate.create({ data: { documentId: doc.id, data: Buffer.from(data) } });
  return doc.id;
}

describe("papers stored with pending structs or content outside the schema", () => {
  it("load without them, and the export works", async () => {
    const id = await poisonedPaper("Vergiftet");
    const loaded = loadDocumentState(id)!;
    expect(loaded.problems.length).toBeGreaterThanOrEqual(3);
    expect(loaded.state.byteLength).toBeLessThan(16 * 1024);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.state);
    expect(bodyText(doc)).toBe("Gesunder Anfang\nGültiger Absatz");
    expect(toMarkdown("T", (await storedDocumentJson(id))!)).toContain("Gültiger Absatz");
  });

  it("are stored clean once a live room opened them, and editing goes on", async () => {
    const id = await poisonedPaper("Live repariert");
    const cookie = await t.cookieFor(DEMO.by);
    const c = connectClient(t.baseUrl, id, t.headers(cookie));
    await c.until(() => c.provider.synced, "synced");
    expect(bodyText(c.doc)).toBe("Gesunder Anfang\nGültiger Absatz");
    appendParagraph(c.doc, "Weiter geschrieben");
    await c.until(() => c.allSaved(), "saved");
    await t.collab.rooms.idle();
    expect(loadDocumentState(id)!.problems).toEqual([]);
    expect(bodyText(storedDoc(id).doc)).toBe("Gesunder Anfang\nGültiger Absatz\nWeiter geschrieben");
    c.destroy();
  });

  it("are repaired by npm run collab:repair, which keeps the stored state as the version \"vor Reparatur\"", async () => {
    const id = await poisonedPaper("Mit Skript");
    const rawBytes = (await db.documentUpdate.findMany({ where: { documentId: id } })).reduce((n, u) => n + u.data.length, 0);
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/collab-repair.ts", id], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${getEnv().databaseFile}` },
    });
    expect(stdout).toContain("repariert");
    const version = await db.documentVersion.findFirstOrThrow({ where: { documentId: id, name: REPAIR_VERSION_NAME } });
    expect(version.state.byteLength).toBeGreaterThan(rawBytes / 2); // the old state, pending parts included
    expect(await db.documentUpdate.count({ where: { documentId: id } })).toBe(0);
    expect(loadDocumentState(id)!.problems).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "document.repair", targetId: id } })).toBe(1);
    expect(await repairStoredDocument(id)).toEqual([]); // a second run finds nothing to do
  });
});
