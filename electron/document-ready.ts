/**
 * Runs in the document's window: resolves once fonts and images are in, with the document's height. Printing
 * runs it (printing.ts), and so do the tests' browser commands (tests/documents-commands.ts), which vitest's
 * config loads: a module with no imports of its own.
 */
export const WAIT_FOR_DOCUMENT = `(async () => {
  // fonts.ready alone can resolve before layout has asked for a face (it then loads during printing, and
  // text in a blocking face prints invisible): ask for every face the document's text needs, then wait.
  const text = document.body.innerText;
  await Promise.all(['400', '700'].map((w) => document.fonts.load(w + ' 16px "Otklik Document"', text)));
  await document.fonts.ready;
  await Promise.all(Array.from(document.images, (img) => (img.complete ? null : img.decode().catch(() => null))));
  const fontsFailed = Array.from(document.fonts).filter((f) => f.status === 'error').length;
  const doc = document.querySelector('.doc');
  return { heightPx: doc ? doc.getBoundingClientRect().height : document.documentElement.scrollHeight, fontsFailed };
})()`;
