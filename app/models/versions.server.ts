// Versions of a position paper: full Y.Doc states, saved by name or automatically at each status
// change; viewing, comparing and restoring them. A restore is a forward change on the live
// document (collaborators receive it like any edit), never a swap of the stored state.
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { diffWordsWithSpace } from "diff";
import * as Y from "yjs";
import type { JsonNode } from "../editor/content.ts";
import { YJS_FRAGMENT } from "../utils/collab.ts";
import { applyCollabChange } from "../utils/collab-bridge.server.ts";
import { db } from "../utils/db.server.ts";
import type { DocumentStatus } from "../utils/domain.ts";
import { recordAudit } from "./audit.server.ts";
import { deriveContent, documentSchema, loadStoredYDoc } from "./documents.server.ts";

export type VersionKind = "manual" | "status";

/** Saves the document's current durable state as a version. */
export async function saveVersion(input: { actorId: string; documentId: string; name: string; kind: VersionKind; status: DocumentStatus }) {
  const ydoc = await loadStoredYDoc(input.documentId);
  if (!ydoc) return null;
  try {
    const { json } = deriveContent(ydoc);
    const version = await db.documentVersion.create({
      data: {
        documentId: input.documentId, name: input.name, kind: input.kind, status: input.status,
        state: Buffer.from(Y.encodeStateAsUpdate(ydoc)), contentJson: JSON.stringify(json), createdById: input.actorId,
      },
      select: { id: true },
    });
    await recordAudit({ actorId: input.actorId, action: "document.version", targetType: "document", targetId: input.documentId, details: { versionId: version.id, name: input.name, kind: input.kind } });
    return version;
  } finally {
    ydoc.destroy();
  }
}

export function listVersions(documentId: string) {
  return db.documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, status: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

export function getVersion(documentId: string, versionId: string) {
  return db.documentVersion.findFirst({
    where: { id: versionId, documentId },
    select: { id: true, name: true, kind: true, status: true, contentJson: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/**
 * Replaces the body with the version's content as one forward transaction on the live document:
 * connected editors receive it as an update, it is stored through the normal durable path, and the
 * history before it stays intact.
 */
export async function restoreVersion(actorId: string, documentId: string, versionId: string) {
  const version = await db.documentVersion.findFirst({ where: { id: versionId, documentId }, select: { contentJson: true, name: true } });
  if (!version) return false;
  const content = JSON.parse(version.contentJson) as JsonNode;
  await applyCollabChange(documentId, (ydoc) => replaceBody(ydoc, content));
  await recordAudit({ actorId, action: "document.restore", targetType: "document", targetId: documentId, details: { versionId, name: version.name } });
  return true;
}

export function replaceBody(ydoc: Y.Doc, content: JsonNode) {
  const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
  // Build the new content in a scratch doc, then copy its structure in: one transaction, one update.
  const scratch = new Y.Doc();
  const source = scratch.getXmlFragment(YJS_FRAGMENT);
  prosemirrorJSONToYXmlFragment(documentSchema(), content, source);
  ydoc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, source.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText));
  });
  scratch.destroy();
}

export type DiffPart = { text: string; kind: "same" | "insert" | "delete" };

/** Word-level differences between two bodies, block by block (a blank line between blocks). */
export function diffContents(before: JsonNode, after: JsonNode): DiffPart[] {
  return diffWordsWithSpace(blocksText(before), blocksText(after)).map((part) => ({
    text: part.value,
    kind: part.added ? "insert" : part.removed ? "delete" : "same",
  }));
}

function blocksText(doc: JsonNode): string {
  const text = (n: JsonNode): string => (n.type === "text" ? n.text ?? "" : n.type === "hardBreak" ? "\n" : n.type === "mention" ? `@${String(n.attrs?.label ?? "")}` : (n.content ?? []).map(text).join(n.type === "tableRow" ? " | " : ""));
  const blocks: string[] = [];
  const walk = (n: JsonNode) => {
    if (["paragraph", "heading", "tableRow"].includes(n.type)) blocks.push(text(n));
    else (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return blocks.join("\n\n");
}
