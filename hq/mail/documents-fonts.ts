import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

/**
 * The bundled Noto fonts for HQ's PDFs (issue 16 item 5): the `.woff` files of @fontsource, the same faces
 * the printed documents use, unpacked once per process into plain OpenType (SFNT) bytes. fontkit (pdfkit's
 * font engine) re-inflates a WOFF's tables for every document — seconds per Korean copy — and its WOFF2
 * subsetting fails on composite glyphs; from SFNT bytes a document takes milliseconds.
 */

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  lat: ['noto-sans', 'noto-sans-latin'],
  latx: ['noto-sans', 'noto-sans-latin-ext'],
  cyr: ['noto-sans', 'noto-sans-cyrillic'],
  kr: ['noto-sans-kr', 'noto-sans-kr-korean'],
} as const;
export type Script = keyof typeof FONT_FILES;
export type Weight = 400 | 700;

const cache = new Map<string, Buffer>();

export function fontBytes(script: Script, weight: Weight): Buffer {
  const key = `${script}-${weight}`;
  let bytes = cache.get(key);
  if (!bytes) {
    const [pkg, file] = FONT_FILES[script];
    bytes = woffToSfnt(
      readFileSync(require.resolve(`@fontsource/${pkg}/files/${file}-${weight}-normal.woff`)),
    );
    cache.set(key, bytes);
  }
  return bytes;
}

/** WOFF 1.0 (W3C): the SFNT header rebuilt, each table inflated when it was compressed, 4-byte aligned. */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  let selector = 0;
  while (1 << (selector + 1) <= numTables) selector++;
  const searchRange = (1 << selector) * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(selector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const tag = woff.readUInt32BE(entry);
    const at = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const checksum = woff.readUInt32BE(entry + 16);
    const raw = woff.subarray(at, at + compressed);
    const data = compressed < length ? inflateSync(raw) : raw;
    if (data.length !== length) throw new Error('damaged WOFF table');
    const record = 12 + i * 16;
    header.writeUInt32BE(tag, record);
    header.writeUInt32BE(checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(length, record + 12);
    const pad = (4 - (length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += length + pad;
  }
  return Buffer.concat(parts);
}
