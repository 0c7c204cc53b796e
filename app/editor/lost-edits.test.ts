// Which keystrokes a frozen paper did not take: the author's items above the server's saved clock.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hasUnacknowledged, unacknowledgedText } from "./lost-edits.ts";

function paragraph(text: string) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A server copy with one paragraph, and an author who has everything the server has. */
function setup() {
  const server = new Y.Doc();
  server.getXmlFragment("default").insert(0, [paragraph("Der Beschluss gilt.")]);
  const author = new Y.Doc();
  Y.applyUpdate(author, Y.encodeStateAsUpdate(server));
  const text = () => (author.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return { server, author, text };
}

describe("unacknowledged keystrokes", () => {
  it("are the author's visible text above the saved clock, in document order", () => {
    const { author, text } = setup();
    text().insert(3, "neue ");                         // acknowledged below
    const saved = new Map([[author.clientID, Y.getState(author.store, author.clientID)]]);
    expect(hasUnacknowledged(author, saved)).toBe(false);
    text().insert(text().length, " Ab sofort");        // never acknowledged
    text().insert(0, "Hinweis: ");
    author.getXmlFragment("default").insert(1, [paragraph("Zweiter Absatz.")]);
    expect(hasUnacknowledged(author, saved)).toBe(true);
    const lost = unacknowledgedText(author, author.getXmlFragment("default"), saved.get(author.clientID)!);
    expect(lost.split("\n")).toEqual(["Hinweis: ", " Ab sofort", "Zweiter Absatz."]);
  });

  it("leave out other people's text, deleted keystrokes and what the server confirmed", () => {
    const { server, author, text } = setup();
    const savedClock = Y.getState(author.store, author.clientID);
    text().insert(4, "XY");
    text().delete(5, 1);                               // typed and deleted again: not shown
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    ((other.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Fremd ");
    Y.applyUpdate(author, Y.encodeStateAsUpdate(other));
    expect(unacknowledgedText(author, author.getXmlFragment("default"), savedClock)).toBe("X");
  });

  it("split an item that straddles the saved clock", () => {
    const { author, text } = setup();
    const start = Y.getState(author.store, author.clientID);
    text().insert(0, "abcdef");                        // one item, clocks start … start+5
    expect(unacknowledgedText(author, author.getXmlFragment("default"), start + 4)).toBe("ef");
  });
});
