// How text becomes search terms, the same for indexed text and queries: lower case, NFC, then every
// word through Snowball's German stemmer in its german2 form (ae/oe/ue read as ä/ö/ü), whose final
// step also drops the umlauts. So "Übergang", "Übergänge", "ubergange" and "Uebergaenge" all become
// "ubergang" (docs/decisions/018-search-word-forms-and-papers.md).
// Plain JavaScript: the collaboration server's writer thread (server/collab/persistence-worker.js)
// indexes a paper's text with this module, and it runs without a TypeScript loader.
import { stemmer } from "@orama/stemmers/german";

const VOWELS = "aeiouyäöü";

/**
 * Snowball german2's prelude in front of the library's german stemmer (which has the rest of the
 * algorithm): a u or y between vowels is a consonant (marked upper case, as Snowball does, so "Bauer"
 * keeps its "ue"), then ae, oe and ue become ä, ö and ü except in "qu" ("Quelle"). ß → ss is the
 * stemmer's own first step.
 * @param {string} word lower-case
 */
export function german2Prelude(word) {
  const chars = [...word];
  for (let i = 1; i < chars.length - 1; i++) {
    const c = chars[i];
    if ((c === "u" || c === "y") && VOWELS.includes(chars[i - 1]) && VOWELS.includes(chars[i + 1])) chars[i] = c.toUpperCase();
  }
  return chars.join("").replace(/qu|ae|oe|ue/g, (pair) => (pair === "qu" ? pair : pair === "ae" ? "ä" : pair === "oe" ? "ö" : "ü"));
}

/** Longer "words" are not language (a pasted hash, a run of characters): they are cut and not stemmed. */
export const MAX_WORD_LENGTH = 64;

/**
 * The stem of one lower-case word (letters and digits only). Digits and short words stay as they are.
 * @param {string} word
 * @returns {string}
 */
export function stemWord(word) {
  if (word.length > MAX_WORD_LENGTH) return word.slice(0, MAX_WORD_LENGTH);
  if (word.length < 3 || /\d/.test(word)) return word;
  // A forum's vocabulary is small and Zipf-distributed, and stemming costs microseconds a word:
  // snippets and indexing stem the same words over and over.
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= STEM_CACHE_ENTRIES) stems.clear();
    stem = stemmer(german2Prelude(word)).toLowerCase();
    stems.set(word, stem);
  }
  return stem;
}

const STEM_CACHE_ENTRIES = 50_000;
/** @type {Map<string, string>} */
const stems = new Map();

/**
 * The words of a text, lower case and NFC.
 * @param {string} text
 * @returns {string[]}
 */
export function words(text) {
  return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Text as the index stores it: the stems, separated by spaces.
 * @param {string} text
 */
export function analyse(text) {
  return words(text).map(stemWord).join(" ");
}

/**
 * The permission and kind tokens of an index row (column "scope"): its Gremium, its type, the thread
 * kind of a post, and the paper of a paper or comment (for readers granted that paper alone).
 * @param {{ spaceId: string; type: "post" | "paper" | "comment"; kind?: string; documentId?: string | null }} row
 */
export function scopeTokens(row) {
  return [
    spaceToken(row.spaceId),
    `t${row.type}`,
    row.kind ? `k${row.kind.replace(/[^a-z]/g, "")}` : "",
    row.documentId ? documentToken(row.documentId) : "",
  ].filter(Boolean).join(" ");
}

/** @param {string} spaceId */
export const spaceToken = (spaceId) => `s${spaceId.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
/** @param {string} documentId */
export const documentToken = (documentId) => `d${documentId.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
