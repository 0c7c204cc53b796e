// What the collaboration guard costs per keystroke: p50/p99 µs of ShadowDocument.apply (dependency
// check, apply to the shadow, incremental schema validation) for single-keystroke updates on a
// paper of about 160 KiB that several clients have already edited. `bench:collab` calls
// measureValidationCost(); `npx tsx scripts/bench/validation-cost.ts` prints the figures alone.
// Pure CPU: no database, no sockets. The paper is built here, so no app module with a database is loaded.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { richTextSchema, type JsonNode } from "../../app/editor/content.ts";
import { LINK_REL } from "../../app/editor/extensions.ts";
import { ShadowDocument } from "../../app/editor/y-schema-guard.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";

const TARGET_BYTES = 160 * 1024;
const CLIENTS = 8;
const SETUP_EDITS = 3000;
const MEASURED = 3000;

export type ValidationCost = { p50: number; p99: number; paperBytes: number };

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  "Die MINT-Regionen verbinden Kitas, Schulen, Hochschulen, Unternehmen und Kommunen vor Ort. ",
  "Übergänge zwischen den Bildungsetappen sind die größten Bruchstellen. ",
  "Der Länderbeirat empfiehlt eine verlässliche Grundfinanzierung der regionalen Koordinierung. ",
  "Regionale Netzwerke erreichen gerade die Kinder, die zu Hause wenig Zugang zu Technik haben. ",
];
const t = (text: string, marks?: JsonNode["marks"]): JsonNode => ({ type: "text", text, ...(marks ? { marks } : {}) });
const para = (i: number): JsonNode => ({
  type: "paragraph",
  content: [
    t(SENTENCES[i % 4] + SENTENCES[(i + 1) % 4]),
    t("hervorgehoben", [{ type: "bold" }]),
    t(" und "),
    t("verlinkt", [{ type: "link", attrs: { href: "https://www.mint-regionen.de", target: null, rel: LINK_REL, class: null, title: null } }]),
    t(". " + SENTENCES[(i + 2) % 4]),
  ],
});

/** A section: heading, paragraphs, a list with a nested list, every third section a table. */
function section(i: number): JsonNode[] {
  const item = (j: number, nested = false): JsonNode => ({
    type: "listItem",
    content: [para(i + j), ...(nested ? [{ type: "bulletList", content: [item(j + 1), item(j + 2)] }] : [])],
  });
  const cell = (j: number): JsonNode => ({ type: "tableCell", content: [{ type: "paragraph", content: [t(SENTENCES[j % 4])] }] });
  return [
    { type: "heading", attrs: { level: 2 }, content: [t(`Abschnitt ${i + 1}`)] },
    para(i),
    para(i + 1),
    { type: "bulletList", content: [item(0), item(1, true), item(2)] },
    ...(i % 3 === 0 ? [{ type: "table", content: [0, 1, 2].map((r) => ({ type: "tableRow", content: [0, 1, 2].map((c) => cell(i + r + c)) })) }] : []),
    { type: "blockquote", content: [para(i + 3)] },
  ];
}

function paperWithSections(n: number): Y.Doc {
  const json: JsonNode = { type: "doc", content: Array.from({ length: n }, (_, i) => section(i)).flat() };
  return prosemirrorJSONToYDoc(richTextSchema("document"), json, YJS_FRAGMENT);
}

function texts(fragment: Y.XmlFragment): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const stack: Y.XmlFragment[] = [fragment];
  while (stack.length) {
    for (const c of stack.pop()!.toArray()) {
      if (c instanceof Y.XmlText) out.push(c);
      else if (c instanceof Y.XmlElement) stack.push(c);
    }
  }
  return out.reverse();
}

/** A person typing: bursts of characters at one spot, now and then a backspace, then another spot. */
class Typist {
  private readonly texts: Y.XmlText[];
  private text!: Y.XmlText;
  private at = 0;
  private burst = 0;
  private readonly sent: Uint8Array[] = [];
  constructor(
    readonly doc: Y.Doc,
    private readonly random: () => number,
  ) {
    this.texts = texts(doc.getXmlFragment(YJS_FRAGMENT));
    doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "remote") this.sent.push(u);
    });
  }
  keystroke(): Uint8Array {
    if (this.burst-- <= 0) {
      this.text = this.texts[Math.floor(this.random() * this.texts.length)];
      this.at = Math.floor(this.random() * (this.text.length + 1));
      this.burst = 5 + Math.floor(this.random() * 20);
    }
    this.at = Math.min(this.at, this.text.length);
    if (this.random() < 0.1 && this.at > 0) this.text.delete(--this.at, 1);
    else this.text.insert(this.at++, "abcdefghijklmnopqrstuvwxyz äöü"[Math.floor(this.random() * 30)]);
    return this.sent.pop()!;
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function measureValidationCost(): Promise<ValidationCost & { applyOnlyP50: number; applyOnlyP99: number; sections: number }> {
  const random = rng(42);
  // Size the paper so that, with the typed edits (about 5 bytes each once Yjs merges a burst), its
  // encoded state ends close to 160 KiB.
  let sections = 10;
  for (;;) {
    const probe = paperWithSections(sections + 1);
    const bytes = Y.encodeStateAsUpdate(probe).length;
    probe.destroy();
    if (bytes + (SETUP_EDITS + MEASURED) * 5 > TARGET_BYTES) break;
    sections++;
  }
  const room = paperWithSections(sections);
  const initial = Y.encodeStateAsUpdate(room);
  const shadow = new ShadowDocument(initial);
  const plain = new Y.Doc();
  Y.applyUpdate(plain, initial);
  const typists = Array.from({ length: CLIENTS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial, "remote");
    return new Typist(doc, random);
  });
  const current = () => Y.encodeStateAsUpdate(room);

  const timings: number[] = [];
  const applyOnly: number[] = [];
  for (let i = 0; i < SETUP_EDITS + MEASURED; i++) {
    const typist = typists[i % CLIENTS];
    const update = typist.keystroke();
    const decoded = Y.decodeUpdate(update); // protocol.ts decodes once and hands the result over
    const start = performance.now();
    shadow.apply(update, decoded, current);
    const validated = performance.now();
    Y.applyUpdate(plain, update);
    const applied = performance.now();
    Y.applyUpdate(room, update);
    for (const other of typists) if (other !== typist) Y.applyUpdate(other.doc, update, "remote");
    if (i >= SETUP_EDITS) {
      timings.push((validated - start) * 1000);
      applyOnly.push((applied - validated) * 1000);
    }
  }
  const paperBytes = current().length;
  shadow.destroy();
  timings.sort((a, b) => a - b);
  applyOnly.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50: round(percentile(timings, 50)),
    p99: round(percentile(timings, 99)),
    paperBytes,
    applyOnlyP50: round(percentile(applyOnly, 50)),
    applyOnlyP99: round(percentile(applyOnly, 99)),
    sections,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await measureValidationCost();
  console.log(`Paper: ${(result.paperBytes / 1024).toFixed(1)} KiB (${result.sections} sections, ${SETUP_EDITS} typed edits by ${CLIENTS} clients before measuring)`);
  console.log(`ShadowDocument.apply per keystroke (${MEASURED} updates): p50 ${result.p50} µs, p99 ${result.p99} µs`);
  console.log(`Plain Y.applyUpdate, for comparison:           p50 ${result.applyOnlyP50} µs, p99 ${result.applyOnlyP99} µs`);
}
