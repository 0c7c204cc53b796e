// The pure parts of Strg+Z in "Vorschlagen" (suggest-mode.ts): each intercepted change records the
// pending suggestion's earlier state, and undo steps back through them to "nothing pending" without
// touching the text; a sent suggestion is not stepped back (the editor withdraws it instead).
import { describe, expect, it } from "vitest";
import { recordChange, SUGGEST_UNDO_DEPTH, undoPending, type Pending } from "./suggest-mode.ts";

const text = (t: string) => [{ type: "text", text: t }];
type State = { pending: Pending | null; history: Array<Pending | null>; sent: Pending[] };

/** Replays keystrokes through recordChange, as dispatchTransaction does. */
function run(steps: Array<[from: number, to: number, typed: string, backspace?: boolean]>, start: State = { pending: null, history: [], sent: [] }): State {
  return steps.reduce<State>((s, [from, to, typed, backspace = false]) => {
    const out = recordChange(s.pending, s.history, from, to, typed ? text(typed) : [], backspace);
    return { pending: out.pending, history: out.history, sent: out.flush ? [...s.sent, out.flush] : s.sent };
  }, start);
}

const undo = (s: State) => {
  const step = undoPending(s.pending, s.history);
  return step ? { ...s, pending: step.pending, history: step.history, caret: step.caret } : null;
};

describe("undo in suggest mode (pure)", () => {
  it("steps back through a typed insertion character by character, then to nothing pending", () => {
    let s: State | null = run([[10, 10, "a"], [10, 10, "b"], [10, 10, "c"]]);
    expect(s.pending?.text).toBe("abc");
    s = undo(s)!;
    expect(s.pending?.text).toBe("ab");
    s = undo(s)!;
    expect(s.pending?.text).toBe("a");
    const last = undo(s)!;
    expect(last.pending).toBeNull();
    expect(last.caret).toBe(10);
    // Nothing pending: the pure part has no step left; the editor withdraws the last sent one instead.
    expect(undo(last)).toBeNull();
  });

  it("reverts the last extension of a deletion grown by Backspace", () => {
    let s: State | null = run([[19, 20, "", true], [18, 19, "", true], [17, 18, "", true]]);
    expect(s.pending).toMatchObject({ kind: "delete", from: 17, to: 20 });
    s = undo(s)!;
    expect(s.pending).toMatchObject({ kind: "delete", from: 18, to: 20 });
    expect(undo(s)).toMatchObject({ pending: { kind: "delete", from: 19, to: 20 }, caret: 19 });
  });

  it("a Backspace that shortened the insertion is undone too (the character comes back)", () => {
    let s: State | null = run([[5, 5, "1"], [5, 5, "5"], [5, 5, "x"], [5, 5, "", true]]);
    expect(s.pending?.text).toBe("15");
    s = undo(s)!;
    expect(s.pending?.text).toBe("15x");
  });

  it("a change elsewhere sends the pending suggestion; undo then only takes back the new one", () => {
    let s: State | null = run([[5, 5, "a"], [5, 5, "b"], [40, 44, "neu"]]);
    expect(s.sent.map((p) => p.text)).toEqual(["ab"]);
    expect(s.pending).toMatchObject({ kind: "replace", text: "neu" });
    s = undo(s)!;
    expect(s.pending).toBeNull();
    expect(undo(s)).toBeNull();
  });

  it("keeps at most SUGGEST_UNDO_DEPTH steps", () => {
    const s = run(Array.from({ length: SUGGEST_UNDO_DEPTH + 50 }, () => [3, 3, "x"] as [number, number, string]));
    expect(s.pending?.text.length).toBe(SUGGEST_UNDO_DEPTH + 50);
    expect(s.history.length).toBe(SUGGEST_UNDO_DEPTH);
  });
});
