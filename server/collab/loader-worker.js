// Entry of the collaboration server's loader thread (persistence.ts DocumentLoader). The thread's
// work is TypeScript shared with the rest of the app (loader-thread.ts); this plain-JavaScript entry
// registers tsx in the thread first, because `--import tsx` in a worker's execArgv is not applied to
// the worker's own entry file on Node 20.
import { register } from "tsx/esm/api";

register();
await import("./loader-thread.ts");
