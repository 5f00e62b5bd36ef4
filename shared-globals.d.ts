// shared/ is type-checked with neither DOM nor Node types (tsconfig.shared.json), so a stray `window` or
// `Buffer` fails. The WHATWG URL class is the one global it may use: every runtime it runs in (Chromium,
// Electron, Node) has it. Declared here, for that check only, with just the members shared/ reads.
interface URL {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
}
declare const URL: { prototype: URL; new (url: string, base?: string): URL };

// UTF-8 encoding, for e-mail files built in shared/mail/eml.ts; present in every runtime as well.
interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: { prototype: TextEncoder; new (): TextEncoder };
// ...and decoding, to recognise an e-mail file by its header (shared/handling/attachments.ts).
interface TextDecoder {
  decode(input?: Uint8Array): string;
}
declare const TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean }): TextDecoder;
};

// base64 for the PIN hash's salt and key (shared/people/pin.ts); present in every runtime as well.
declare function btoa(data: string): string;
declare function atob(data: string): string;
