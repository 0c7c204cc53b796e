// German strings of the Word round trip (issue 15): the import form, its refusals, the import report
// on the paper and the export variants.
import type { ReportKind } from "../docx/reader.ts";
import type { SafeOpenError } from "../docx/safe-open.ts";

export const docx = {
  import: {
    intro: "Überschriften, Absätze, Listen, Tabellen, Links, Kommentare und Änderungen werden übernommen. Was nicht übernommen werden kann, steht danach in einem Bericht auf dem Papier.",
    link: "Aus Word-Datei erstellen",
    file: "Word-Datei (.docx)",
    fileHint: (mb: number) => `Höchstens ${mb} MB. Dateien mit Makros (.docm), verschlüsselte und alte .doc-Dateien werden abgelehnt.`,
    space: "Gremium",
    tracked: "Nachverfolgte Änderungen",
    trackedSuggest: "Als offene Änderungsvorschläge übernehmen",
    trackedAccept: "Annehmen (in den Text übernehmen)",
    submit: "Importieren",
    title: "Word-Datei importieren",
    noSpace: "Sie können in keinem Gremium Papiere anlegen.",
    fallbackTitle: "Importiertes Papier",
    fallbackFileName: "Word-Datei.docx",
  },
  errors: {
    missingFile: "Bitte wählen Sie eine Word-Datei (.docx) aus.",
    badTracked: "Bitte wählen Sie, wie Änderungen übernommen werden.",
    badSpace: "Bitte wählen Sie ein Gremium.",
    tooLong: "Der Text der Datei ist zu lang für ein Papier.",
    refused: {
      "too-large": "Die Datei ist zu groß.",
      "encrypted-or-legacy": "Die Datei ist verschlüsselt oder im alten .doc-Format. Bitte speichern Sie sie in Word ohne Kennwort als .docx.",
      "not-docx": "Die Datei ist keine Word-Datei (.docx).",
      "too-many-entries": "Die Datei enthält zu viele Teile und wurde nicht geöffnet.",
      "too-big-inflated": "Die Datei würde entpackt zu groß und wurde nicht geöffnet.",
      "macro-enabled": "Dateien mit Makros (.docm) werden nicht angenommen. Bitte speichern Sie die Datei als .docx.",
      template: "Dokumentvorlagen (.dotx) werden nicht angenommen. Bitte speichern Sie die Datei als .docx.",
      "too-deep": "Die Datei ist zu tief verschachtelt und wurde nicht geöffnet.",
      broken: "Die Datei ist beschädigt und konnte nicht gelesen werden.",
    } satisfies Record<SafeOpenError, string>,
  },
  /** The first line of a comment or suggestion that came from Word: who wrote it there. */
  wordAuthorPrefix: "Aus Word von ",
  footnotesHeading: "Fußnoten",
  endnotesHeading: "Endnoten",
  report: {
    heading: "Nicht alles aus der Word-Datei wurde übernommen",
    intro: (fileName: string) => `Beim Import von „${fileName}“ ist Folgendes aufgefallen:`,
    dismiss: "Bericht ausblenden",
    kinds: {
      image: (n: number) => `${n} Bild(er) oder Grafik(en) wurden nicht übernommen.`,
      underline: (n: number) => `Unterstreichungen (${n}) wurden entfernt; Papiere kennen keine Unterstreichung.`,
      formula: (n: number) => `${n} Formel(n) wurden nicht übernommen.`,
      textbox: (n: number) => `${n} Textfeld(er) wurden nicht übernommen.`,
      "internal-link": (n: number) => `${n} Verweis(e) innerhalb des Dokuments wurden als Text übernommen.`,
      "unsafe-link": (n: number) => `${n} Link(s) mit nicht erlaubtem Ziel wurden als Text übernommen.`,
      "merged-cells": (n: number) => `${n} vertikal verbundene Tabellenzelle(n) wurden getrennt.`,
      "paragraph-revision": (n: number) => `${n} Änderung(en) an Absatzmarken wurden angenommen.`,
      "format-revision": (n: number) => `${n} Formatierungsänderung(en) wurden angenommen.`,
      "comment-unanchored": (n: number) => `${n} Kommentar(e) ohne markierten Text wurden nicht übernommen.`,
      subtitle: () => "Der Untertitel wurde nicht übernommen.",
      footnotes: (n: number) => `Fuß- und Endnoten wurden als Text am Ende übernommen (${n}).`,
      embedded: (n: number) => `${n} eingebettete(s) Objekt(e) wurden nicht übernommen.`,
      "too-many": (n: number) => `${n} Kommentar(e) oder Änderung(en) über der Höchstzahl wurden nicht übernommen.`,
      "suggestion-not-kept": (n: number) =>
        `${n} nachverfolgte Änderung(en) über Absatz- oder Zeilengrenzen hinweg ließen sich nicht als Vorschlag übernehmen; der Text steht dort wie vor der Änderung.`,
    } satisfies Record<ReportKind, (n: number) => string>,
  },
  export: {
    docxWithComments: "Als Word-Datei mit Kommentaren",
    docxWithSuggestions: "Als Word-Datei mit Änderungsvorschlägen",
    docxWithBoth: "Als Word-Datei mit Kommentaren und Änderungsvorschlägen",
  },
  /** File name suffixes (ASCII-friendly: they end up in Content-Disposition). */
  fileSuffix: { comments: "mit-Kommentaren", suggestions: "mit-Aenderungen", both: "mit-Kommentaren-und-Aenderungen" },
} as const;
