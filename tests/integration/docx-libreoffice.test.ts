// LibreOffice reads our Word exports (issue 15): the export with comments and suggestions is converted
// headlessly to ODT and the comments (with the reply), insertions and deletions are counted in the
// result. The kept fixture (tests/fixtures/) is converted too. This test fails, never skips, when
// `soffice` is missing: CI installs libreoffice-writer-nogui (.ci/run); see docs/WORD.md.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { dbReady } from "../../app/db/prisma.server.ts";
import { toDocx } from "../../app/models/document-docx.server.ts";
import { importDocx } from "../../app/models/document-import.server.ts";
import { loadDocxExport } from "../../app/models/docx-export.server.ts";
import { DEMO, ROOT, TMP } from "../support/paths.ts";
import { wordLikeFile } from "../support/docx-files.ts";

await dbReady;
const run = promisify(execFile);
const FIXTURE = path.join(ROOT, "tests/fixtures/export-mit-kommentaren-und-aenderungen.docx");

async function soffice(): Promise<string> {
  for (const candidate of ["soffice", "/usr/bin/soffice", "libreoffice"]) {
    try {
      await run(candidate, ["--version"], { timeout: 60_000 });
      return candidate;
    } catch {
      // try the next name
    }
  }
  throw new Error("LibreOffice (soffice) is missing: apt-get install -y --no-install-recommends libreoffice-writer-nogui (see docs/WORD.md)");
}

/** Converts with LibreOffice into `format` and returns the file. */
async function convert(bin: string, docx: Buffer, name: string, format: "odt" | "docx") {
  const dir = fs.mkdtempSync(path.join(TMP, "lo-"));
  const input = path.join(dir, `${name}.docx`);
  fs.writeFileSync(input, docx);
  const out = path.join(dir, "out");
  await run(bin, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", format, "--outdir", out, input], { timeout: 120_000 });
  return fs.readFileSync(path.join(out, `${name}.${format}`));
}

/** Converts a DOCX to ODT and counts what LibreOffice understood. */
async function countInLibreOffice(bin: string, docx: Buffer, name: string) {
  const odt = await JSZip.loadAsync(await convert(bin, docx, name, "odt"));
  const content = await odt.file("content.xml")!.async("string");
  return {
    comments: (content.match(/<office:annotation[ >]/g) ?? []).length,
    resolved: (content.match(/loext:resolved="true"/g) ?? []).length,
    insertions: (content.match(/<text:insertion>/g) ?? []).length,
    deletions: (content.match(/<text:deletion>/g) ?? []).length,
    text: content,
  };
}

let bin: string;
beforeAll(async () => {
  bin = await soffice();
}, 90_000);

describe("LibreOffice opens the Word export", () => {
  it("finds every comment (reply included), insertion and deletion of the export", async () => {
    const userId = (await db.selectFrom("User").select("id").where("email", "=", DEMO.by).executeTakeFirstOrThrow()).id;
    const spaceId = (await db.selectFrom("Space").select("id").where("slug", "=", "laenderbeirat").executeTakeFirstOrThrow()).id;
    const imported = await importDocx(userId, { spaceId, fileName: "lo.docx", bytes: await wordLikeFile({ image: false }), tracked: "suggest" });
    if (!imported.ok) throw new Error(imported.message);
    const paper = (await loadDocxExport(imported.id, { comments: true, suggestions: true }))!;
    const docx = await toDocx("Stellungnahme der Länder", paper.json, { subtitle: "Länderbeirat · Entwurf", annotations: paper.annotations });
    const counts = await countInLibreOffice(bin, docx, "export");
    expect({ comments: counts.comments, resolved: counts.resolved, insertions: counts.insertions, deletions: counts.deletions })
      .toEqual({ comments: 3, resolved: 1, insertions: 2, deletions: 2 });
    expect(counts.text).toContain("Bitte mit Zahlen belegen.");
    expect(counts.text).toContain("Zahlen folgen bis Freitag.");
    expect(counts.text).toContain("Clara Beispiel");
    if (process.env.DOCX_WRITE_FIXTURE === "1") fs.writeFileSync(FIXTURE, docx);
  }, 180_000);

  it("imports what LibreOffice writes back as DOCX: comments and tracked changes survive a trip through another program", async () => {
    const userId = (await db.selectFrom("User").select("id").where("email", "=", DEMO.by).executeTakeFirstOrThrow()).id;
    const spaceId = (await db.selectFrom("Space").select("id").where("slug", "=", "laenderbeirat").executeTakeFirstOrThrow()).id;
    const bytes = await convert(bin, fs.readFileSync(FIXTURE), "fixture", "docx");
    const imported = await importDocx(userId, { spaceId, fileName: "libreoffice.docx", bytes, tracked: "suggest" });
    if (!imported.ok) throw new Error(imported.message);
    const threads = await db.selectFrom("CommentThread").leftJoin("Suggestion", "Suggestion.threadId", "CommentThread.id")
      .select(["CommentThread.quote", "Suggestion.kind", "Suggestion.text"]).where("CommentThread.documentId", "=", imported.id).execute();
    const comments = threads.filter((t) => !t.kind).map((t) => t.quote);
    const suggestions = threads.filter((t) => t.kind).map((t) => `${t.kind}:${t.quote}→${t.text}`).sort();
    // LibreOffice loses the reply link (research §2), so the reply comes back as a thread of its own on the same words.
    expect(comments).toEqual(expect.arrayContaining(["fördern MINT-Regionen", "satz"]));
    expect(suggestions).toEqual(["delete:eventuell →", "insert:→gemeinsam ", "replace:dauerhaft→langfristig"]);
  }, 180_000);

  it("reads the kept fixture (the file to check by hand in Word) the same way", async () => {
    const counts = await countInLibreOffice(bin, fs.readFileSync(FIXTURE), "fixture");
    expect({ comments: counts.comments, insertions: counts.insertions, deletions: counts.deletions }).toEqual({ comments: 3, insertions: 2, deletions: 2 });
  }, 180_000);
});
