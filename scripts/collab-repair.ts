// `npm run collab:repair -- <documentId> [<documentId> …]`: repairs papers stored before the
// collaboration server refused pending structs and content outside the schema. Keeps the stored
// state as it was as the version "vor Reparatur" (app/models/document-state.server.ts).
import { repairStoredDocument } from "../app/models/document-state.server.ts";
import { closeDb } from "../app/db/db.server.ts";

async function main() {
  const ids = process.argv.slice(2).filter((a) => a !== "--");
  if (!ids.length) {
    console.error("Aufruf: npm run collab:repair -- <Dokument-ID> [<Dokument-ID> …]");
    process.exitCode = 2;
    return;
  }
  for (const id of ids) {
    const problems = await repairStoredDocument(id);
    if (problems === null) {
      console.error(`${id}: kein solches Dokument`);
      process.exitCode = 1;
    } else if (!problems.length) console.log(`${id}: in Ordnung, nichts geändert`);
    else console.log(`${id}: repariert (${problems.join("; ")}); der vorherige Stand ist die Version „vor Reparatur“`);
  }
}

main().finally(() => closeDb());
