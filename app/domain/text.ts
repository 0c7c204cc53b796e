// Unicode hygiene for everything people type, shared by the form schemas (browser and server) and
// the exports. Input is normalised to NFC so equal-looking text compares equal (search, duplicates).
// Control characters are never wanted: XML 1.0 forbids C0 except tab/LF/CR (a title with \x01 made
// a DOCX Word refuses to open), and they render as invisible junk. Bidi controls and zero-width
// characters are stripped from single-line text (titles, names, search) because they let a name or
// title pretend to be something else (U+202E shows "gnp.exe" as "exe.png"); bodies keep them,
// since right-to-left quotes and emoji sequences (U+200D) are legitimate there.

/** C0 controls and DEL, except tab and line feed (bodies keep those). */
const C0_IN_BODY = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/** Characters XML 1.0 cannot carry at all: noncharacters U+FFFE/U+FFFF and unpaired surrogates. */
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Bidi embeddings, overrides, isolates and marks; zero-width space/joiners, word joiner, BOM. */
export const BIDI_AND_ZERO_WIDTH = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

/** Multi-line text (post bodies, paper text, descriptions): NFC, line feeds only, no other C0. */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").replace(C0_IN_BODY, "").replace(NOT_XML, "");
}

/**
 * Single-line text (titles, names, search): NFC, line breaks and tabs become spaces, no controls,
 * no bidi or zero-width characters.
 */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/[\t\n]/g, " ").replace(BIDI_AND_ZERO_WIDTH, "");
}

