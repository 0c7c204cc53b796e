// The collaboration side of the app ↔ collaboration link: CollabLink implemented on the room
// registry. Used directly as the in-process link (single-process server, tests) and, in the
// collaboration process, behind serveLinkRequest for the web workers' IPC calls. `owner` names the
// calling process, so its freezes thaw when it ends.
import type { CollabChange, LocalCollabLink } from "../../app/infra/collab-link/index.ts";
import { runLiveChange } from "../../app/infra/collab-link/live-changes.ts";
import type { CollabLink, LiveChange } from "../../app/infra/collab-link/types.ts";
import type { CollabRooms } from "./registry.ts";

export function roomsLink(rooms: CollabRooms, owner = "in-process"): CollabLink {
  return {
    presence: async (documentIds) => rooms.presenceOf(documentIds),
    permissionsChanged: (change) => rooms.permissionsChanged(change),
    freeze: (documentId, deadline) => rooms.freeze(documentId, owner, deadline),
    thaw: (token, recheck) => rooms.thaw(token, recheck),
    applyLiveChange: <C extends LiveChange>(documentId: string, change: C) => rooms.applyChange(documentId, (ydoc) => runLiveChange(ydoc, change)),
    documentEvent: async (documentId, event) => rooms.sendDocumentEvent(documentId, event),
    failingDocuments: async () => rooms.failingDocuments(),
  };
}

/** The in-process link, which can also run closure-based changes (tests, scripts). */
export function localLink(rooms: CollabRooms): LocalCollabLink {
  return {
    ...roomsLink(rooms),
    applyLocalChange: (documentId: string, change: CollabChange) => rooms.applyChange(documentId, change),
  };
}
