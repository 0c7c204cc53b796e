// Fuzz test of the collaboration server (issue 8): honest editors type, delete and paste through
// stock y-websocket clients while hostile sockets of every role send random valid and invalid
// updates, presence and sync messages. Afterwards every honest client and the store hold the same
// text, the stored paper is clean, and md, html and docx export work. Seeded, so a failure repeats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { loadDocumentState } from "../../app/models/document-state.server.ts";
import { createDocument, setDocumentAccess } from "../../app/models/documents.server.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { db } from "../../app/db/prisma.server.ts";
import { bodyText, connectClient, type CollabClient } from "../support/collab.ts";
import {
  awarenessFrame, changeOf, exportsWork, HARD_VIOLATIONS, localCopy, paragraphUpdate, paragraphWith, rawClient,
  startTestCollab, step1Frame, step2Frame, storedDoc, syncFrame, updateFrame, type TestCollab,
} from "../support/collab-server.ts";
import { DEMO } from "../support/paths.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const ROUNDS = 40;

let t: TestCollab;
beforeAll(async () => {
  t = await startTestCollab({ compactAfterUpdates: 50 });
});
afterAll(async () => {
  await t.close();
});

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** One honest edit as the editor makes them: type into, delete from, or add a paragraph. */
function honestEdit(doc: Y.Doc, random: () => number, label: string) {
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "paragraph");
  const choice = random();
  if (choice < 0.2 || !paragraphs.length) {
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraphWith(`${label} neu`)]);
    return;
  }
  const p = paragraphs[Math.floor(random() * paragraphs.length)];
  const text = p.get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (choice < 0.75 || text.length < 3) text.insert(Math.floor(random() * (text.length + 1)), ` ${label}`, random() < 0.2 ? { bold: {} } : undefined);
  else text.delete(Math.floor(random() * (text.length - 2)), 1 + Math.floor(random() * 2));
}

describe("fuzzing the collaboration server", () => {
  it("keeps honest clients and the store converged and the paper clean whatever hostile clients send", async () => {
    const random = prng(SEED);
    const by = await db.user.findUniqueOrThrow({ where: { email: DEMO.by } });
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const { id } = await createDocument(by.id, { spaceId: space.id, title: "Fuzz", template: "position-paper", templateIntro: "Anfang." });
    for (const [email, role] of [[DEMO.nw, "editor"], [DEMO.gast, "reader"], [DEMO.ministeriumRp, "commenter"]] as const) {
      await setDocumentAccess(by.id, id, (await db.user.findUniqueOrThrow({ where: { email } })).id, role);
    }
    const cookies = Object.fromEntries(await Promise.all(Object.entries(DEMO).map(async ([k, email]) => [k, await t.cookieFor(email)] as const)));
    const honest: CollabClient[] = [connectClient(t.baseUrl, id, t.headers(cookies.by)), connectClient(t.baseUrl, id, t.headers(cookies.nw)), connectClient(t.baseUrl, id, t.headers(cookies.leitung))];
    for (const c of honest) await c.until(() => c.provider.synced, "synced");

    const roles = ["by", "nw", "gast", "ministeriumRp"] as const;
    let hostileFrames = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Honest edits, several per round, from every editor.
      for (const [i, c] of honest.entries()) for (let k = 0; k < 3; k++) honestEdit(c.doc, random, `r${round}c${i}k${k}`);
      if (random() < 0.3) honest[Math.floor(random() * honest.length)].provider.awareness.setLocalStateField("cursor", null);

      // A hostile socket of a random role sends a burst of random messages, then goes away.
      const who = roles[Math.floor(random() * roles.length)];
      const hostile = await rawClient(`${t.wsUrl}/collab/${id}`, t.headers(cookies[who]));
      if (hostile.status !== 101) continue;
      const base = localCopy(id);
      for (let k = 0; k < 6; k++) {
        const kind = Math.floor(random() * 9);
        const frame =
          kind === 0 ? updateFrame(changeOf(base, HARD_VIOLATIONS[Math.floor(random() * HARD_VIOLATIONS.length)][1])) :
          kind === 1 ? updateFrame(changeOf(localCopy(id), (_d, f) => f.insert(f.length, [paragraphWith(`fremd ${round}`)]))) :
          kind === 2 ? (() => { changeOf(base, (_d, f) => f.insert(0, [paragraphWith("Lücke")])); return updateFrame(changeOf(base, (_d, f) => f.insert(0, [paragraphWith("hinter der Lücke")]))); })() :
          kind === 3 ? awarenessFrame([{ clientId: 1 + Math.floor(random() * 1e6), clock: 1 + k, state: random() < 0.5 ? { cursor: {} } : { cursor: { anchor: { tname: "junk" }, head: null } } }]) :
          kind === 4 ? step1Frame(Y.encodeStateVector(new Map([[Math.floor(random() * 1e9), Math.floor(random() * 1e6)]]))) :
          kind === 5 ? step2Frame(storedDoc(id).state) :
          kind === 6 ? Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)) :
          kind === 7 ? updateFrame(paragraphUpdate(`neue Kennung ${round}`)) :
          syncFrame(syncProtocol.messageYjsUpdate, new Uint8Array([0, 0]));
        hostile.ws.send(frame);
        hostileFrames++;
      }
      base.destroy();
      hostile.ws.close();
    }
    expect(hostileFrames).toBeGreaterThan(100);

    // Converged: every honest client, the room and the disk hold the same text.
    for (const c of honest) await c.until(() => c.allSaved(), "honest edits saved", 20_000);
    const expected = bodyText(honest[0].doc);
    for (const c of honest) await c.until(() => bodyText(c.doc) === expected, "converged", 20_000);
    await t.collab.rooms.idle();
    const stored = storedDoc(id);
    expect(bodyText(stored.doc)).toBe(expected);
    expect(loadDocumentState(id)!.problems).toEqual([]);
    expect([...stored.doc.share.keys()].filter((k) => k !== YJS_FRAGMENT && stored.doc.share.get(k)!._start)).toEqual([]);
    for (const c of honest) expect(c.closeEvents).toEqual([]);
    await exportsWork(id);
    for (const c of honest) c.destroy();
  });
});
