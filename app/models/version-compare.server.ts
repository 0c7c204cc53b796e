// Comparing two bodies (versions or the current text) for the compare page, bounded in time and
// size: any reader may ask for it, and one word diff over two long, very different papers blocked
// the server for seconds (issue 8, finding 10). Blocks are aligned first; words are compared only
// inside paired changed blocks, within a budget; what does not fit is shown as whole blocks.
import { diffArrays, diffWordsWithSpace } from "diff";
import type { JsonNode } from "../editor/content.ts";

export type DiffPart = { text: string; kind: "same" | "insert" | "delete" };
/** `complete` is false when some changed blocks were shown whole instead of word by word. */
export type Comparison = { parts: DiffPart[]; complete: boolean };

export const COMPARE_LIMITS = {
  /** Block-level edits before the alignment gives up (every block then counts as changed). */
  maxBlockEdits: 5_000,
  /**
   * Word-diff work over the whole comparison, in the Myers algorithm's usual cost: edits² plus the
   * tokens compared. 1.5 M is about 80 ms here; it allows one pair of blocks about 1,200 changed words.
   */
  wordBudget: 1_500_000,
  /** A wall-clock guard on top of the budget, for crafted texts (Myers' worst case) or a busy machine. */
  timeoutMs: 100,
};

const BLOCK_SEPARATOR = "\n\n";

/** The text of each block (paragraph, heading, table row), in document order. */
export function blockTexts(doc: JsonNode): string[] {
  const text = (n: JsonNode): string =>
    n.type === "text" ? n.text ?? ""
      : n.type === "hardBreak" ? "\n"
        : n.type === "mention" ? `@${String(n.attrs?.label ?? "")}`
          : (n.content ?? []).map(text).join(n.type === "tableRow" ? " | " : "");
  const blocks: string[] = [];
  const walk = (n: JsonNode) => {
    if (["paragraph", "heading", "tableRow"].includes(n.type)) blocks.push(text(n));
    else (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return blocks;
}

// The tokens of `diffWordsWithSpace` in diff 8 (its WordsWithSpaceDiff.tokenize), so the cheap
// estimates below count what the diff will compare.
const WORD_CHARS = "a-zA-Z0-9_\\u{AD}\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2C6}\\u{2C8}-\\u{2D7}\\u{2DE}-\\u{2FF}\\u{1E00}-\\u{1EFF}";
const TOKEN = new RegExp(`(\\r?\\n)|[${WORD_CHARS}]+|[^\\S\\n\\r]+|[^${WORD_CHARS}]`, "gu");
const WORD = new RegExp(`^[${WORD_CHARS}]+$`, "u");

export function tokensOf(s: string) {
  return s.match(TOKEN) ?? [];
}

/** How many words (not spaces or punctuation) two token lists share, counted as multisets. */
function sharedWords(a: string[], b: string[]) {
  const counts = new Map<string, number>();
  for (const t of a) if (WORD.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of b) {
    const n = counts.get(t);
    if (n) {
      shared++;
      counts.set(t, n - 1);
    }
  }
  return shared;
}

/** Two texts sharing less than half their words: a rewrite, better shown (or applied) whole. */
export function isRewrite(a: string[], b: string[]) {
  const words = a.filter((t) => WORD.test(t)).length + b.filter((t) => WORD.test(t)).length;
  return 2 * sharedWords(a, b) < words / 2;
}

/** Word-level differences between two bodies, block by block (a blank line between blocks). */
export function compareContents(before: JsonNode, after: JsonNode, limits = COMPARE_LIMITS): Comparison {
  return compareBlocks(blockTexts(before), blockTexts(after), limits);
}

export function compareBlocks(before: string[], after: string[], limits = COMPARE_LIMITS): Comparison {
  const deadline = Date.now() + limits.timeoutMs;
  let budget = limits.wordBudget;
  let complete = true;
  const out: DiffPart[] = [];
  let blocksOut = 0;
  const push = (kind: DiffPart["kind"], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  /** Starts a block: the separator belongs to the block's kind, so a deleted block takes its blank line along. */
  const block = (kind: DiffPart["kind"]) => {
    if (blocksOut++ > 0) push(kind, BLOCK_SEPARATOR);
  };

  /**
   * The word diff of a pair of changed blocks, or null to show them whole: when they share less
   * than half their words (a rewrite, clearer as old and new text), or when the budget or the
   * deadline does not allow it (then the comparison is marked incomplete).
   */
  const wordDiff = (a: string, b: string): DiffPart[] | null => {
    const ta = tokensOf(a);
    const tb = tokensOf(b);
    const cost = ta.length + tb.length;
    if (isRewrite(ta, tb)) return null;
    const maxEditLength = Math.min(cost, Math.floor(Math.sqrt(Math.max(0, budget - cost))));
    const timeout = deadline - Date.now();
    if (maxEditLength < 1 || timeout <= 0) {
      complete = false;
      return null;
    }
    const changes = diffWordsWithSpace(a, b, { maxEditLength, timeout });
    if (!changes) {
      budget -= cost + maxEditLength * maxEditLength;
      complete = false;
      return null;
    }
    const edits = changes.reduce((n, c) => n + (c.added || c.removed ? c.count : 0), 0);
    budget -= cost + edits * edits;
    return changes.map((c) => ({ kind: c.added ? "insert" : c.removed ? "delete" : "same", text: c.value }));
  };

  const changed = (removed: string[], added: string[]) => {
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) {
      const parts = wordDiff(removed[i], added[i]);
      if (parts) {
        block("same");
        for (const p of parts) push(p.kind, p.text);
      } else {
        block("delete");
        push("delete", removed[i]);
        block("insert");
        push("insert", added[i]);
      }
    }
    for (const text of removed.slice(paired)) {
      block("delete");
      push("delete", text);
    }
    for (const text of added.slice(paired)) {
      block("insert");
      push("insert", text);
    }
  };

  const runs = diffArrays(before, after, { maxEditLength: limits.maxBlockEdits });
  if (!runs) {
    complete = false;
    changed(before, after);
    return { parts: out, complete };
  }
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    if (!run.added && !run.removed) {
      for (const text of run.value) {
        block("same");
        push("same", text);
      }
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    for (; r < runs.length && (runs[r].added || runs[r].removed); r++) (runs[r].removed ? removed : added).push(...runs[r].value);
    r--;
    changed(removed, added);
  }
  return { parts: out, complete };
}
