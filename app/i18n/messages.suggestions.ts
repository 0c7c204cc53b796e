// Catalogue section for suggestion mode (Änderungsvorschläge, decision 025). Part of `m` in messages.ts.
import { SUGGESTION_LIMITS } from "../domain/model.ts";

export const suggestions = {
  heading: "Änderungsvorschläge",
  sidebar: "Änderungsvorschläge zum Dokument",
  /** The mode switch of editors. */
  mode: "Modus",
  modeEdit: "Bearbeiten",
  modeSuggest: "Vorschlagen",
  modeSuggestOnly: "Sie können Änderungen vorschlagen. Ihre Vorschläge ändern den Text erst, wenn ein Redakteur sie annimmt.",
  modeHint: "Im Modus „Vorschlagen“ ändern Tippen, Löschen und Einfügen den Text nicht, sondern legen Vorschläge an.",
  kind: { insert: "Einfügen", delete: "Löschen", replace: "Ersetzen" } as Record<string, string>,
  status: { open: "offen", accepted: "angenommen", rejected: "abgelehnt", withdrawn: "zurückgezogen", closed: "nicht übernommen" } as Record<string, string>,
  none: "Keine offenen Änderungsvorschläge.",
  count: (n: number) => (n === 1 ? "1 offener Vorschlag" : `${n} offene Vorschläge`),
  toggle: (n: number) => `Vorschläge (${n})`,
  cardLabel: (kind: string, author: string) => `Vorschlag (${kind}) von ${author}`,
  proposes: "Vorschlag",
  inserts: (text: string) => `Einfügen: „${text}“`,
  deletes: (text: string) => `Löschen: „${text}“`,
  replaces: (from: string, to: string) => `„${from}“ ersetzen durch „${to}“`,
  stale: "veraltet",
  staleHint: "Der Text, auf den sich dieser Vorschlag bezieht, wurde inzwischen geändert oder gelöscht. Ursprünglicher Zusammenhang:",
  accept: "Annehmen",
  reject: "Ablehnen",
  withdraw: "Zurückziehen",
  acceptShortcut: "Annehmen (Strg+Alt+A)",
  rejectShortcut: "Ablehnen (Strg+Alt+R)",
  acceptAll: "Alle annehmen",
  rejectAll: "Alle ablehnen",
  acceptAllOf: (name: string) => `Alle von ${name} annehmen`,
  acceptedCount: (applied: number, stale: number) =>
    `${applied} ${applied === 1 ? "Vorschlag" : "Vorschläge"} angenommen${stale ? `, ${stale} veraltet und offen geblieben` : ""}.`,
  rejectedCount: (rejected: number) => `${rejected} ${rejected === 1 ? "Vorschlag" : "Vorschläge"} abgelehnt.`,
  /** After a capped "Alle annehmen/ablehnen" (SUGGESTION_LIMITS.bulkMax per request). */
  moreRemain: (n: number, max: number) =>
    ` Pro Klick werden höchstens ${max} Vorschläge bearbeitet; ${n === 1 ? "1 weiterer ist" : `${n} weitere sind`} noch offen. Bitte wählen Sie die Schaltfläche erneut.`,
  replies: "Antworten",
  // Hints when the editor refuses something in "Vorschlagen"
  refusedEnter: "Absätze können im Modus „Vorschlagen“ noch nicht vorgeschlagen werden. Schlagen Sie den Text innerhalb des Absatzes vor oder kommentieren Sie.",
  refusedStructure: "Im Modus „Vorschlagen“ sind nur Änderungen innerhalb eines Absatzes möglich (Tippen, Löschen, Ersetzen, Einfügen von Text).",
  refusedFormat: "Formatierungen können im Modus „Vorschlagen“ noch nicht vorgeschlagen werden.",
  sending: "Vorschlag wird gespeichert …",
  // Strg+Z in "Vorschlagen"
  undone: "Ihr letzter Vorschlag wurde zurückgezogen.",
  undoNothing: "Nichts rückgängig zu machen: Im Modus „Vorschlagen“ nimmt Strg+Z nur Ihre eigenen Vorschläge aus dieser Sitzung zurück, nie den Text.",
  saveFailed: "Der Vorschlag konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.",
  // Server answers
  errors: {
    staleCreate: "Die Textstelle hat sich inzwischen geändert. Bitte markieren Sie sie erneut.",
    stale: "Dieser Vorschlag ist veraltet: Der Text, auf den er sich bezieht, wurde geändert oder gelöscht. Er bleibt offen; lehnen Sie ihn ab oder bitten Sie um einen neuen.",
    alreadyDecided: "Über diesen Vorschlag wurde bereits entschieden.",
    frozen: "Dieses Papier ist beschlossen: Es nimmt keine Vorschläge mehr an.",
    empty: "Ein Vorschlag zum Einfügen oder Ersetzen braucht Text.",
    tooLong: `Ein Vorschlag darf höchstens ${SUGGESTION_LIMITS.textMax.toLocaleString("de-DE")} Zeichen haben.`,
    quoteTooLong: `Ein Vorschlag darf höchstens ${SUGGESTION_LIMITS.quoteMax.toLocaleString("de-DE")} Zeichen Text betreffen.`,
    structure: "Vorschläge können nur Text innerhalb eines Absatzes enthalten, ohne Zeilenumbrüche.",
    invalid: "Der Vorschlag ist ungültig.",
    mismatch: "Text und Inhalt des Vorschlags stimmen nicht überein.",
    failed: "Der Vorschlag konnte nicht angewendet werden. Bitte versuchen Sie es erneut.",
    /** The comments endpoint on a suggestion's thread. */
    resolveViaDecision: "Ein Vorschlag wird durch Annehmen, Ablehnen oder Zurückziehen erledigt, nicht über „Erledigt“.",
    replyDecided: "Über diesen Vorschlag wurde bereits entschieden; seine Diskussion ist geschlossen. Kommentieren Sie bei Bedarf die Textstelle.",
  },
  // The per-paper chair switch and the lifecycle
  settingsHeading: "Änderungsvorschläge",
  commenterSuggestions: "Kommentierende dürfen Änderungen vorschlagen (in Entwurf und Kommentierung)",
  settingsSave: "Einstellung speichern",
  settingsSaved: "Einstellung gespeichert.",
  openBeforeAdoption: (n: number) => `Dieses Papier hat ${n === 1 ? "einen offenen Änderungsvorschlag" : `${n} offene Änderungsvorschläge`}.`,
  confirmAdoption: "Trotzdem beschließen: offene Vorschläge werden als „nicht übernommen“ geschlossen",
  confirmRequired: "Bitte bestätigen Sie, dass offene Vorschläge als „nicht übernommen“ geschlossen werden.",
};
