// npm run bench:suggestions: the cost per change of re-resolving the decorations of 200 open
// suggestions in a 5,000-word paper (issue 14, target ≤ 10 ms). It runs the editor plugin's own
// functions (resolveSuggestions + buildDecorations, app/editor/suggest-mode.ts) on a real Y.Doc bound
// through y-tiptap's mapping; between two measurements one word is typed into the Y.Doc, as another
// person would, and the ProseMirror doc and mapping are rebuilt outside the timed part.
import os from "node:os";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { anchorText, readYDoc } from "../../app/editor/anchors.ts";
import { richTextSchema } from "../../app/editor/content.ts";
import { buildDecorations, resolveSuggestions, type ShownSuggestion } from "../../app/editor/suggest-mode.ts";
import { suggestionAnchor } from "../../app/editor/suggestion-anchors.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";

const WORDS = 5000;
const SUGGESTIONS = 200;
const RUNS = 200;
const schema = richTextSchema("document");
const vocabulary = ["MINT", "Bildung", "Region", "Länder", "fördern", "gemeinsam", "Schulen", "Kitas", "und", "die", "Netzwerke", "stärken"];

// 100 paragraphs of 50 words.
const paragraphs = Array.from({ length: WORDS / 50 }, (_, p) => ({
  type: "paragraph",
  content: [{ type: "text", text: Array.from({ length: 50 }, (_, w) => vocabulary[(p * 7 + w) % vocabulary.length]).join(" ") + "." }],
}));
const ydoc = prosemirrorJSONToYDoc(schema, { type: "doc", content: paragraphs }, YJS_FRAGMENT);
let { fragment, doc, mapping } = readYDoc(ydoc, schema);

const kinds = ["insert", "delete", "replace"] as const;
const rows: ShownSuggestion[] = [];
for (let i = 0; i < SUGGESTIONS; i++) {
  const p = Math.floor((i * paragraphs.length) / SUGGESTIONS);
  let start = 0;
  doc.forEach((node, offset, index) => { if (index === p) start = offset + 1; });
  const from = start + 5 + (i % 4) * 40;
  const kind = kinds[i % 3];
  const to = kind === "insert" ? from : from + 6;
  const anchor = suggestionAnchor(fragment, mapping, kind, from, to);
  rows.push({ id: `s${i}`, kind, ...anchor, quote: kind === "insert" ? "" : anchorText(doc, from, to).quote, insertJson: kind === "delete" ? [] : [{ type: "text", text: "neu" }], authorColor: "#1a5fb4", author: "A" });
}

const times: number[] = [];
let stale = 0;
for (let run = 0; run < RUNS + 20; run++) {
  // Someone types a word into a paragraph; the editor's doc and mapping follow (untimed).
  const paragraph = fragment.get(run % paragraphs.length) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, "neu ");
  ({ fragment, doc, mapping } = readYDoc(ydoc, schema));
  const t0 = performance.now();
  const resolved = resolveSuggestions(doc, ydoc, fragment, mapping, rows);
  buildDecorations(doc, rows, resolved, null, "#1a5fb4", null);
  const ms = performance.now() - t0;
  if (run >= 20) times.push(ms); // the first runs warm up the JIT
  stale = resolved.filter((r) => r.stale).length;
}
times.sort((a, b) => a - b);
const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
console.log(JSON.stringify({
  date: new Date().toISOString(), machine: `${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}`,
  words: WORDS, suggestions: SUGGESTIONS, runs: RUNS, staleAfterEdits: stale,
  medianMs: pct(0.5), p95Ms: pct(0.95), maxMs: times[times.length - 1].toFixed(2), targetMs: 10,
}, null, 2));
