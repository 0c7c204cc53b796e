// Restoring a version as a minimal forward change: the live Y fragment is patched towards the
// version's content instead of being deleted and re-inserted. Blocks that did not change keep
// their Yjs items, and changed text keeps the items of the words it shares with the version, so
// comment anchors (relative positions into those items, decision 012) survive the restore, and
// collaborators receive an update the size of the actual difference.
import { diffArrays, diffWordsWithSpace } from "diff";
import * as Y from "yjs";
import { isRewrite, tokensOf } from "./version-compare.server.ts";

/** Above this many block keys per level the alignment gives up and replaces the level's middle. */
const MAX_BLOCK_EDITS = 4_000;
/** Word-level edits per text before a text falls back to replacing what lies between common ends. */
const MAX_WORD_EDITS = 2_000;
/** Changed runs larger than this (deleted × inserted) are not paired node by node. */
const MAX_PAIRING_CELLS = 10_000;

type YNode = Y.XmlElement | Y.XmlText;
type YParent = Y.XmlFragment | Y.XmlElement;
type Attrs = Record<string, unknown>;

/** JSON with sorted object keys: equal values give equal strings whatever order they were set in. */
function stable(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  const entries = Object.keys(value as Attrs).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Attrs)[k])}`);
  return `{${entries.join(",")}}`;
}

/** A structural fingerprint: equal fingerprints mean equal content, attributes and formatting. */
function fingerprint(node: YNode, memo: Map<YNode, string>): string {
  let key = memo.get(node);
  if (key !== undefined) return key;
  if (node instanceof Y.XmlText) key = `t${stable(node.toDelta())}`;
  else key = `e${node.nodeName}${stable(node.getAttributes())}(${node.toArray().map((c) => fingerprint(c as YNode, memo)).join(",")})`;
  memo.set(node, key);
  return key;
}

const kindOf = (node: YNode) => (node instanceof Y.XmlText ? "#text" : node.nodeName);

/**
 * Makes `fragment`'s content equal to `target`'s (a fragment in another Y.Doc, e.g. built from the
 * version's JSON) with as few operations as practical. Call it inside a transaction of `fragment`'s
 * document, so collaborators receive one update.
 */
export function patchFragment(fragment: Y.XmlFragment, target: Y.XmlFragment) {
  patchChildren(fragment, target, new Map());
}

function patchChildren(parent: YParent, target: YParent, memo: Map<YNode, string>) {
  const current = parent.toArray() as YNode[];
  const wanted = target.toArray() as YNode[];
  const changes = diffArrays(current.map((n) => fingerprint(n, memo)), wanted.map((n) => fingerprint(n, memo)), { maxEditLength: MAX_BLOCK_EDITS });
  // Too different to align: one changed run of everything (still paired by kind below).
  const runs = changes ?? [{ count: current.length, removed: true, added: false, value: [] }, { count: wanted.length, added: true, removed: false, value: [] }];
  let index = 0; // position in the live parent
  let ci = 0; // next unconsumed node of `current`
  let wi = 0; // next unconsumed node of `wanted`
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    if (!run.added && !run.removed) {
      index += run.count;
      ci += run.count;
      wi += run.count;
      continue;
    }
    // A changed run: the removed nodes and the added nodes next to each other, in either order.
    let removed = 0;
    let added = 0;
    for (; r < runs.length && (runs[r].added || runs[r].removed); r++) {
      if (runs[r].removed) removed += runs[r].count;
      else added += runs[r].count;
    }
    r--;
    index = patchRun(parent, index, current.slice(ci, ci + removed), wanted.slice(wi, wi + added), memo);
    ci += removed;
    wi += added;
  }
}

/**
 * Replaces `before` (at `index` in the live parent) with `after`: nodes of the same kind are paired
 * in order (a longest common subsequence of kinds) and patched in place; the rest are deleted or
 * inserted as copies. Returns the live index after the run.
 */
function patchRun(parent: YParent, index: number, before: YNode[], after: YNode[], memo: Map<YNode, string>): number {
  const pairs = pairByKind(before, after);
  let b = 0;
  let a = 0;
  for (const [pb, pa] of [...pairs, [before.length, after.length] as const]) {
    if (pb > b) parent.delete(index, pb - b);
    if (pa > a) {
      parent.insert(index, after.slice(a, pa).map((n) => n.clone() as YNode));
      index += pa - a;
    }
    if (pb < before.length && pa < after.length) {
      patchNode(before[pb], after[pa], memo);
      index++;
    }
    b = pb + 1;
    a = pa + 1;
  }
  return index;
}

function pairByKind(before: YNode[], after: YNode[]): Array<readonly [number, number]> {
  if (!before.length || !after.length || before.length * after.length > MAX_PAIRING_CELLS) return [];
  const kb = before.map(kindOf);
  const ka = after.map(kindOf);
  // lcs[i][j]: pairs possible in before[i..] × after[j..]
  const lcs = Array.from({ length: kb.length + 1 }, () => new Uint16Array(ka.length + 1));
  for (let i = kb.length - 1; i >= 0; i--) {
    for (let j = ka.length - 1; j >= 0; j--) {
      lcs[i][j] = kb[i] === ka[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  for (let i = 0, j = 0; i < kb.length && j < ka.length;) {
    if (kb[i] === ka[j]) pairs.push([i++, j++]);
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

function patchNode(node: YNode, wanted: YNode, memo: Map<YNode, string>) {
  if (node instanceof Y.XmlText && wanted instanceof Y.XmlText) return patchText(node, wanted);
  const element = node as Y.XmlElement;
  const target = wanted as Y.XmlElement;
  const have = element.getAttributes() as Attrs;
  const want = target.getAttributes() as Attrs;
  for (const key of Object.keys(have)) if (!(key in want)) element.removeAttribute(key);
  for (const [key, value] of Object.entries(want)) {
    if (stable(have[key]) !== stable(value)) element.setAttribute(key, value as string);
  }
  patchChildren(element, target, memo);
}

type Run = { text: string; attrs: Attrs };

function runsOf(text: Y.XmlText): Run[] | null {
  const runs: Run[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Attrs }>) {
    if (typeof op.insert !== "string") return null; // embeds never come from the editor
    runs.push({ text: op.insert, attrs: op.attributes ?? {} });
  }
  return runs;
}

/** The formatting of every character, as the stable JSON of its attributes. */
function formatPerChar(runs: Run[]) {
  const keys: string[] = [];
  const attrs: Attrs[] = [];
  for (const run of runs) {
    const key = stable(run.attrs);
    for (let i = 0; i < run.text.length; i++) {
      keys.push(key);
      attrs.push(run.attrs);
    }
  }
  return { keys, attrs };
}

/**
 * Patches one text: keeps the common start and end, then the words both share; deletes and inserts
 * only what differs, with the version's formatting, and re-formats kept text whose marks differ.
 */
function patchText(text: Y.XmlText, wanted: Y.XmlText) {
  const haveRuns = runsOf(text);
  const wantRuns = runsOf(wanted);
  if (!haveRuns || !wantRuns) {
    text.delete(0, text.length);
    text.applyDelta(wanted.toDelta());
    return;
  }
  const have = haveRuns.map((r) => r.text).join("");
  const want = wantRuns.map((r) => r.text).join("");
  const haveFormat = formatPerChar(haveRuns);
  const wantFormat = formatPerChar(wantRuns);

  let start = 0;
  while (start < have.length && start < want.length && have[start] === want[start]) start++;
  let end = 0;
  while (end < have.length - start && end < want.length - start && have[have.length - 1 - end] === want[want.length - 1 - end]) end++;
  const oldMiddle = have.slice(start, have.length - end);
  const newMiddle = want.slice(start, want.length - end);
  // A rewritten middle is replaced as one piece: keeping its lone spaces would only scatter the new text.
  const middle = isRewrite(tokensOf(oldMiddle), tokensOf(newMiddle)) ? undefined : diffWordsWithSpace(oldMiddle, newMiddle, { maxEditLength: MAX_WORD_EDITS });
  const parts: Array<{ kind: "same" | "delete" | "insert"; length: number }> = [{ kind: "same", length: start }];
  if (middle) for (const p of middle) parts.push({ kind: p.added ? "insert" : p.removed ? "delete" : "same", length: p.value.length });
  else parts.push({ kind: "delete", length: have.length - start - end }, { kind: "insert", length: want.length - start - end });
  parts.push({ kind: "same", length: end });

  let pos = 0; // in the live text
  let hi = 0; // in `have`
  let wi = 0; // in `want`
  for (const part of parts) {
    if (!part.length) continue;
    if (part.kind === "delete") {
      text.delete(pos, part.length);
      hi += part.length;
    } else if (part.kind === "insert") {
      forEachFormatRun(wantFormat.keys, wi, part.length, (from, length) => {
        text.insert(pos, want.slice(from, from + length), { ...wantFormat.attrs[from] });
        pos += length;
      });
      wi += part.length;
    } else {
      // Same characters; their formatting may still differ (e.g. bold added in the version).
      for (let i = 0; i < part.length;) {
        const haveKey = haveFormat.keys[hi + i];
        const wantKey = wantFormat.keys[wi + i];
        let j = i + 1;
        while (j < part.length && haveFormat.keys[hi + j] === haveKey && wantFormat.keys[wi + j] === wantKey) j++;
        if (haveKey !== wantKey) {
          const next = wantFormat.attrs[wi + i];
          const reset: Attrs = { ...next };
          for (const key of Object.keys(haveFormat.attrs[hi + i])) if (!(key in next)) reset[key] = null;
          text.format(pos + i, j - i, reset);
        }
        i = j;
      }
      pos += part.length;
      hi += part.length;
      wi += part.length;
    }
  }
}

function forEachFormatRun(keys: string[], from: number, length: number, each: (from: number, length: number) => void) {
  let start = from;
  for (let i = from + 1; i <= from + length; i++) {
    if (i === from + length || keys[i] !== keys[start]) {
      each(start, i - start);
      start = i;
    }
  }
}
