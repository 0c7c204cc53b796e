// The collaboration server's loader thread: reads a large paper (snapshot plus log), checks every
// part, leaves pending parts out and repairs hard schema violations (loadDocumentState), off the
// event loop that relays edits, on a read connection of its own. Only the clean state travels back
// (transferred, not copied). Started by persistence.ts (DocumentLoader); see
// docs/COLLABORATION.md "Performance". Entered through loader-worker.js, which registers tsx.
import { parentPort, workerData } from "node:worker_threads";
import { loadDocumentState, DocumentLoadError } from "../../app/models/document-state.server.ts";
import { openSqlite } from "../../app/db/sqlite.server.ts";

const connection = openSqlite((workerData as { file: string }).file);
const port = parentPort!;

port.on("message", ({ id, documentId }: { id: number; documentId: string }) => {
  try {
    const stored = loadDocumentState(documentId, connection);
    if (!stored) return port.postMessage({ id, ok: true, stored: null });
    port.postMessage({ id, ok: true, stored }, [stored.state.buffer as ArrayBuffer]);
  } catch (error) {
    const message = error instanceof DocumentLoadError ? error.message : `Document ${documentId} could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    port.postMessage({ id, ok: false, error: message });
  }
});
