import type { PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { pageSizeMicrons, pxToMm } from '../shared/documents/paper';
import type { IpcParsedArgs, PrintResult } from '../shared/ipc/contract';
import { WAIT_FOR_DOCUMENT } from './document-ready';
import type { Log } from './log';

/**
 * Issue 16: printing a document in the main process. A hidden window (the window factory's print window)
 * loads the document the page rendered, waits until its fonts and images are in, then prints it with an
 * explicit page size in microns and no margins — `silent` printing otherwise takes the printer's default
 * paper — or saves it as a PDF. Every step has a time limit: the print callback is known never to fire on
 * some drivers. Failures come back as codes the page words in the user's language.
 */
export type PrintJobArgs = IpcParsedArgs<'printDocument'>[0];

/** The parts of a BrowserWindow this uses (a fake in tests: no Electron binary exists there). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    print(
      options: WebContentsPrintOptions,
      callback: (success: boolean, failureReason: string) => void,
    ): void;
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
  };
}

export interface PrintDeps {
  documents: { add(html: string): { url: string; dispose(): void } };
  createWindow(): PrintWindow;
  /** The save dialog; undefined when the user cancels it. */
  choosePdfPath(defaultName: string): Promise<string | undefined>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  log: Log;
  /** Loading the document with its fonts and images; a silent print; writing a PDF. */
  stepTimeoutMs?: number;
  /** A print through the system dialog waits for the person in front of it. */
  dialogTimeoutMs?: number;
}

export const STEP_TIMEOUT_MS = 30_000;
export const DIALOG_TIMEOUT_MS = 10 * 60_000;

const TIMED_OUT = Symbol('timed out');

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

class PrintFailure extends Error {
  constructor(
    readonly result: Extract<PrintResult, { ok: false }>,
    message: string,
  ) {
    super(message);
  }
}

const fail = (problem: Extract<PrintResult, { ok: false }>['problem'], detail?: string): never => {
  throw new PrintFailure(
    detail ? { ok: false, problem, detail: detail.slice(0, 500) } : { ok: false, problem },
    problem,
  );
};

/** A file name from the document's title: no path separators or characters Windows forbids. */
export function pdfFileName(title: string): string {
  const safe = [...title]
    .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/_+/g, '_')
    .trim()
    .slice(0, 150);
  return `${safe || 'document'}.pdf`;
}

export function createDocumentPrinter(deps: PrintDeps): (job: PrintJobArgs) => Promise<PrintResult> {
  const stepMs = deps.stepTimeoutMs ?? STEP_TIMEOUT_MS;
  const dialogMs = deps.dialogTimeoutMs ?? DIALOG_TIMEOUT_MS;

  async function render(window: PrintWindow, url: string): Promise<number> {
    const loaded = await within(
      window.loadURL(url).then(() => window.webContents.executeJavaScript(WAIT_FOR_DOCUMENT)),
      stepMs,
    ).catch((error: unknown) => fail('load_failed', String(error)));
    if (loaded === TIMED_OUT) return fail('timeout', 'the document did not finish loading');
    const { heightPx, fontsFailed } = (loaded ?? {}) as { heightPx?: unknown; fontsFailed?: unknown };
    // A document in a fallback font would print Hangul or Cyrillic as boxes: refuse it instead.
    if (typeof fontsFailed === 'number' && fontsFailed > 0) return fail('load_failed', 'a font did not load');
    return typeof heightPx === 'number' ? pxToMm(heightPx) : Number.NaN;
  }

  async function print(window: PrintWindow, job: PrintJobArgs, heightMm: number): Promise<PrintResult> {
    const silent = job.printer !== '';
    const options: WebContentsPrintOptions = {
      silent,
      printBackground: true,
      pageSize: pageSizeMicrons(job.format, heightMm),
      margins: { marginType: 'none' },
      ...(silent ? { deviceName: job.printer } : {}),
    };
    const done = new Promise<{ success: boolean; failureReason: string }>((resolve) =>
      window.webContents.print(options, (success, failureReason) => resolve({ success, failureReason })),
    );
    const outcome = await within(done, silent ? stepMs : dialogMs);
    if (outcome === TIMED_OUT) return fail('timeout', 'the printer did not answer');
    if (outcome.success) return { ok: true };
    if (/cancel/i.test(outcome.failureReason)) return fail('cancelled');
    return fail('failed', outcome.failureReason);
  }

  async function savePdf(
    window: PrintWindow,
    job: PrintJobArgs,
    heightMm: number,
    path: string,
  ): Promise<PrintResult> {
    const size = pageSizeMicrons(job.format, heightMm);
    const inches = (microns: number) => microns / 25_400;
    const pdf = await within(
      window.webContents.printToPDF({
        pageSize: { width: inches(size.width), height: inches(size.height) },
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
        printBackground: true,
        preferCSSPageSize: false,
      }),
      stepMs,
    ).catch((error: unknown) => fail('failed', String(error)));
    if (pdf === TIMED_OUT) return fail('timeout', 'the PDF was not produced');
    await deps.writeFile(path, pdf).catch((error: unknown) => fail('save_failed', String(error)));
    return { ok: true, savedTo: path };
  }

  return async (job) => {
    let path: string | undefined;
    if (job.action === 'pdf') {
      path = await deps.choosePdfPath(pdfFileName(job.title));
      if (!path) return { ok: false, problem: 'cancelled' };
    }
    const page = deps.documents.add(job.html);
    let window: PrintWindow | undefined;
    try {
      window = deps.createWindow();
      const heightMm = await render(window, page.url);
      return path ? await savePdf(window, job, heightMm, path) : await print(window, job, heightMm);
    } catch (error) {
      if (error instanceof PrintFailure) {
        deps.log.warn('Printing failed', { title: job.title, ...error.result });
        return error.result;
      }
      deps.log.error('Printing failed', { title: job.title, error });
      return { ok: false, problem: 'failed', detail: String(error).slice(0, 500) };
    } finally {
      page.dispose();
      if (window && !window.isDestroyed()) window.destroy();
    }
  };
}
