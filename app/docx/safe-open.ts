// Safe open of an uploaded Word file, before any XML parser sees it (research note §3.3). Uploads are
// hostile until proven otherwise: a zip bomb, a 5,000-entry archive, an encrypted or legacy file, a
// macro-enabled .docm. The checks only read the archive's directory records and inflate each entry
// with a hard output cap, whatever its headers claim; jszip's own lazy inflation (and its CRC pass,
// which inflates everything during load) is never used on an upload.
import zlib from "node:zlib";
import JSZip from "jszip";
import { DOCX_LIMITS } from "../domain/model.ts";

export type SafeOpenError =
  | "too-large" | "encrypted-or-legacy" | "not-docx" | "too-many-entries" | "too-big-inflated" | "macro-enabled" | "template" | "too-deep" | "broken";

export class SafeOpenRefused extends Error {
  constructor(readonly reason: SafeOpenError) {
    super(`DOCX refused: ${reason}`);
  }
}

/** An opened package: read one part as text (capped), list part names. */
export type DocxPackage = { names: string[]; text(name: string): Promise<string | null> };

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const MAIN_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

/**
 * The archive's entry count: the end-of-central-directory record's, and the records actually in the
 * central directory (a reader walks those, whatever the count says), whichever is larger. Counting
 * stops past `limit`. Null when there is no such record or it needs ZIP64.
 */
export function entryCount(bytes: Buffer, limit: number): number | null {
  // The record is 22 bytes plus a comment of at most 65,535 bytes at the very end of the file.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= stop; at--) {
    if (bytes.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    const total = bytes.readUInt16LE(at + 10);
    if (total === 0xffff) return null; // ZIP64: never needed by a Word file of our size
    let records = 0;
    for (let pos = bytes.readUInt32LE(at + 16); pos + 46 <= at && bytes.readUInt32LE(pos) === CENTRAL_SIGNATURE && records <= limit; records++) {
      pos += 46 + bytes.readUInt16LE(pos + 28) + bytes.readUInt16LE(pos + 30) + bytes.readUInt16LE(pos + 32);
    }
    return Math.max(total, records);
  }
  return null;
}

type ZipEntryInternals = { _data?: { compressedContent?: Uint8Array; uncompressedSize?: number; compression?: { magic?: string } } };

export async function openDocx(bytes: Buffer): Promise<DocxPackage> {
  if (bytes.length > DOCX_LIMITS.fileBytes) throw new SafeOpenRefused("too-large");
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB_SIGNATURE)) throw new SafeOpenRefused("encrypted-or-legacy");
  if (bytes.length < 22 || !bytes.subarray(0, 4).equals(LOCAL_HEADER)) throw new SafeOpenRefused("not-docx");
  const count = entryCount(bytes, DOCX_LIMITS.maxEntries);
  if (count === null) throw new SafeOpenRefused("broken");
  if (count > DOCX_LIMITS.maxEntries) throw new SafeOpenRefused("too-many-entries");

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false });
  } catch {
    throw new SafeOpenRefused("broken");
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > DOCX_LIMITS.maxEntries) throw new SafeOpenRefused("too-many-entries");
  let declared = 0;
  for (const entry of entries) {
    const size = (entry as unknown as ZipEntryInternals)._data?.uncompressedSize ?? Infinity;
    if (size > DOCX_LIMITS.maxEntryBytes) throw new SafeOpenRefused("too-big-inflated");
    declared += size;
  }
  if (declared > DOCX_LIMITS.maxTotalBytes) throw new SafeOpenRefused("too-big-inflated");
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) throw new SafeOpenRefused("macro-enabled");

  // Whatever the headers said, no entry inflates past its cap, and all of them together stay within the total.
  let inflated = 0;
  const read = async (name: string, cap: number): Promise<Buffer | null> => {
    const entry = zip.file(name);
    if (!entry) return null;
    const data = (entry as unknown as ZipEntryInternals)._data;
    const raw = data?.compressedContent;
    if (!raw) throw new SafeOpenRefused("broken");
    const method = data?.compression?.magic;
    let out: Buffer;
    try {
      if (method === "\x00\x00") out = Buffer.from(raw);
      else if (method === "\x08\x00") out = zlib.inflateRawSync(Buffer.from(raw), { maxOutputLength: cap });
      else throw new SafeOpenRefused("broken");
    } catch (error) {
      if (error instanceof SafeOpenRefused) throw error;
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new SafeOpenRefused("too-big-inflated");
      throw new SafeOpenRefused("broken");
    }
    if (out.length > cap) throw new SafeOpenRefused("too-big-inflated");
    inflated += out.length;
    if (inflated > DOCX_LIMITS.maxTotalBytes) throw new SafeOpenRefused("too-big-inflated");
    return out;
  };
  // Every part read as text is XML for the parser, so it gets the smaller XML cap.
  const text = async (name: string) => (await read(name, DOCX_LIMITS.maxXmlPartBytes))?.toString("utf8") ?? null;

  const types = await text("[Content_Types].xml");
  if (!types) throw new SafeOpenRefused("not-docx");
  if (/macroEnabled/i.test(types)) throw new SafeOpenRefused("macro-enabled");
  if (/template\.main\+xml/i.test(types)) throw new SafeOpenRefused("template");
  if (!types.includes(MAIN_DOCUMENT_TYPE) || !zip.file("word/document.xml")) throw new SafeOpenRefused("not-docx");
  return { names: entries.map((e) => e.name), text };
}
