// Demo position papers. The text is stored the way the collaboration server stores it: a Y.Doc
// state (fragment "default") as the snapshot, plus the derived JSON and plain text.
import type { PrismaClient } from "../app/generated/prisma/client.ts";
import type { JsonNode } from "../app/editor/content.ts";
import { plainTextOf } from "../app/editor/content.ts";
import { documentSchema, yStateFromJson } from "../app/models/documents.server.ts";

export const MINT_PAPER_TITLE = "Positionspapier: MINT-Bildung entlang der Bildungskette";

const text = (t: string, marks?: JsonNode["marks"]): JsonNode => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const p = (...content: JsonNode[]): JsonNode => ({ type: "paragraph", content });
const h = (level: 2 | 3, t: string): JsonNode => ({ type: "heading", attrs: { level }, content: [text(t)] });
const li = (t: string): JsonNode => ({ type: "listItem", content: [p(text(t))] });
const cell = (t: string, header = false): JsonNode => ({ type: header ? "tableHeader" : "tableCell", content: [p(text(t))] });
const row = (cells: string[], header = false): JsonNode => ({ type: "tableRow", content: cells.map((c) => cell(c, header)) });

export const MINT_PAPER: JsonNode = {
  type: "doc",
  content: [
    h(2, "Ausgangslage"),
    p(
      text("Die MINT-Regionen haben sich in den vergangenen Jahren in fast allen Ländern als tragende Struktur der außerschulischen MINT-Bildung etabliert. "),
      text("Sie verbinden Kitas, Schulen, Hochschulen, Unternehmen und Kommunen vor Ort und schaffen Lernangebote, die einzelne Einrichtungen allein nicht leisten könnten."),
    ),
    p(
      text("Zugleich zeigen die Erfahrungen der Landeskoordinierungsstellen, dass die Übergänge zwischen den Bildungsetappen die größten Bruchstellen sind: "),
      text("Interesse, das in der Kita geweckt wird, geht beim Wechsel in die Grundschule oder in die Sekundarstufe häufig verloren.", [{ type: "bold" }]),
    ),
    h(2, "Forderungen"),
    p(text("Der Länderbeirat empfiehlt Bund und Ländern, die MINT-Bildung konsequent entlang der gesamten Bildungskette zu denken:")),
    {
      type: "bulletList",
      content: [
        li("Verlässliche Grundfinanzierung der regionalen Koordinierung über mindestens fünf Jahre statt kurzer Projektzyklen."),
        li("Verbindliche Kooperationsvereinbarungen zwischen Kitas, Grundschulen und weiterführenden Schulen einer Region."),
        li("Fortbildungsangebote für pädagogische Fachkräfte, die den Übergang zwischen den Bildungsetappen ausdrücklich aufgreifen."),
        li("Eine gemeinsame Datengrundlage, um die Wirkung regionaler Angebote über die Bildungsetappen hinweg zu beobachten."),
      ],
    },
    h(2, "Begründung"),
    p(
      text("Studien zur MINT-Nachwuchssicherung zeigen, dass frühe positive Erfahrungen die spätere Studien- und Berufswahl deutlich beeinflussen. "),
      text("Regionale Netzwerke erreichen gerade die Kinder und Jugendlichen, die zu Hause wenig Zugang zu Naturwissenschaft und Technik haben."),
    ),
    p(text("Die folgende Übersicht fasst zusammen, wo die Mitglieder des Länderbeirats den größten Handlungsbedarf sehen:")),
    {
      type: "table",
      content: [
        row(["Bildungsetappe", "Größte Herausforderung", "Vorgeschlagene Maßnahme"], true),
        row(["Kita → Grundschule", "Fehlende Abstimmung der Angebote", "Gemeinsame Forscherprojekte im letzten Kitajahr"]),
        row(["Grundschule → Sek I", "Rückgang des Interesses, besonders bei Mädchen", "Mentoringprogramme mit älteren Schülerinnen"]),
        row(["Sek II → Ausbildung/Studium", "Unklare Berufsbilder", "Praxisphasen in regionalen Unternehmen und Hochschulen"]),
      ],
    },
    h(2, "Ansprechpersonen"),
    p(text("Für Rückfragen stehen die Landeskoordinierungsstellen MINTraum bayern und zdi.NRW im Namen des Länderbeirats zur Verfügung.")),
  ],
};

export async function seedDocuments(db: PrismaClient) {
  const space = await db.space.findUnique({ where: { slug: "laenderbeirat" } });
  const users = new Map(
    (await db.user.findMany({ where: { email: { endsWith: "@laenderforum.example" } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]),
  );
  const userId = (local: string) => {
    const id = users.get(`${local}@laenderforum.example`);
    if (!id) throw new Error(`seed: user ${local}@ missing`);
    return id;
  };
  if (!space) throw new Error("seed: Länderbeirat missing");
  const state = yStateFromJson(MINT_PAPER);
  const node = documentSchema().nodeFromJSON(MINT_PAPER);
  await db.document.create({
    data: {
      spaceId: space.id,
      title: MINT_PAPER_TITLE,
      status: "draft",
      createdById: userId("by"),
      snapshot: Buffer.from(state),
      snapshotSeq: 0,
      contentJson: JSON.stringify(node.toJSON()),
      contentText: plainTextOf(node),
      access: {
        create: [
          { userId: userId("by"), role: "editor" },
          { userId: userId("nw"), role: "editor" },
          { userId: userId("ministerium-rp"), role: "commenter" },
          { userId: userId("gast"), role: "reader" },
        ],
      },
    },
  });
}
