// The "Aus Word-Datei erstellen" form (POST /documents/import): the component (conform) and the action
// share this schema. The file's size is bounded twice: at the HTTP edge (BODY_LIMITS.importBytes,
// server/body-limit.ts) and here with the file limit the safe-open step uses.
import { z } from "zod";
import { DOCX_LIMITS } from "../domain/model.ts";
import { m } from "../i18n/messages.ts";

export const TRACKED_MODES = ["suggest", "accept"] as const;
const e = m.docx.errors;

export const ImportDocumentSchema = z.object({
  file: z
    .instanceof(File, { message: e.missingFile })
    .refine((f) => f.size > 0, e.missingFile)
    .refine((f) => f.size <= DOCX_LIMITS.fileBytes, e.refused["too-large"]),
  spaceId: z.string({ required_error: e.badSpace }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, e.badSpace),
  tracked: z.enum(TRACKED_MODES, { errorMap: () => ({ message: e.badTracked }) }).default("suggest"),
});
