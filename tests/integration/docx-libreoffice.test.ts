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

/** Converts a DOCX to ODT and counts what LibreOffice understood. */
async function countInLibreOffice(bin: string, docx: Buffer, name: string) {
  const dir = fs.mkdtempSync(path.join(TMP, "lo-"));
  const input = path.join(dir, `${name}.docx`);
  fs.writeFileSync(input, docx);
  await run(bin, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "odt", "--outdir", dir, input], { timeout: 120_000 });
  const odt = await JSZip.loadAsync(fs.readFileSync(path.join(dir, `${name}.odt`)));
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

  it("reads the kept fixture (the file to check by hand in Word) the same way", async () => {
    const counts = await countInLibreOffice(bin, fs.readFileSync(FIXTURE), "fixture");
    expect({ comments: counts.comments, insertions: counts.insertions, deletions: counts.deletions }).toEqual({ comments: 3, insertions: 2, deletions: 2 });
  }, 180_000);
});
