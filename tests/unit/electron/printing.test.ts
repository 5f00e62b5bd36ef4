import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../electron/app-origin';
import { createAppProtocolHandler } from '../../../electron/app-protocol';
import { handleValidated, IpcRefusedError, type SenderFrame } from '../../../electron/ipc';
import type { Log } from '../../../electron/log';
import { PrintDocuments } from '../../../electron/print-documents';
import { WAIT_FOR_DOCUMENT } from '../../../electron/document-ready';
import {
  createDocumentPrinter,
  pdfFileName,
  type PrintDeps,
  type PrintJobArgs,
  type PrintWindow,
} from '../../../electron/printing';
import { IPC_CHANNELS } from '../../../shared/ipc/channels';
import { PRINT_HTML_MAX } from '../../../shared/ipc/contract';

// Electron is mocked: no Electron binary can be installed on this machine, so the hidden print window is a
// fake that records what the printer code asks of it (page size, margins, device) and answers as a
// BrowserWindow would — or, to test the time limit, never answers.
vi.mock('electron', () => ({}));

const HTML = '<!doctype html><html lang="ko"><body><article class="doc">불만</article></body></html>';
const job = (patch: Partial<PrintJobArgs> = {}): PrintJobArgs => ({
  html: HTML,
  title: '불만 접수 확인서 SEL-01-2026-100042',
  format: 'a4',
  action: 'print',
  printer: 'EPSON_TM_T20III',
  ...patch,
});

interface FakeWindow extends PrintWindow {
  loadedUrl?: string;
  printOptions?: Electron.WebContentsPrintOptions;
  pdfOptions?: Electron.PrintToPDFOptions;
  destroyed: boolean;
}

function fakeWindow(
  behaviour: {
    load?: () => Promise<void>;
    measured?: unknown;
    print?: (cb: (success: boolean, reason: string) => void) => void;
    pdf?: () => Promise<Uint8Array>;
  } = {},
): FakeWindow {
  const w: FakeWindow = {
    destroyed: false,
    loadURL: vi.fn(async (url: string) => {
      w.loadedUrl = url;
      await (behaviour.load?.() ?? Promise.resolve());
    }),
    isDestroyed: () => w.destroyed,
    destroy: vi.fn(() => {
      w.destroyed = true;
    }),
    webContents: {
      executeJavaScript: vi.fn(async (code: string) => {
        expect(code).toBe(WAIT_FOR_DOCUMENT);
        return behaviour.measured ?? { heightPx: 600, fontsFailed: 0 };
      }),
      print: vi.fn((options, cb) => {
        w.printOptions = options;
        (behaviour.print ?? ((done) => done(true, '')))(cb);
      }),
      printToPDF: vi.fn(async (options) => {
        w.pdfOptions = options;
        return (behaviour.pdf ?? (async () => new Uint8Array([0x25, 0x50, 0x44, 0x46])))();
      }),
    },
  };
  return w;
}

function setUp(window: FakeWindow, patch: Partial<PrintDeps> = {}) {
  const documents = new PrintDocuments();
  const log: Log = { warn: vi.fn(), error: vi.fn() };
  const deps: PrintDeps = {
    documents,
    createWindow: vi.fn(() => window),
    choosePdfPath: vi.fn(async (name: string) => `/home/u/Documents/${name}`),
    writeFile: vi.fn(async () => {}),
    log,
    stepTimeoutMs: 30_000,
    dialogTimeoutMs: 600_000,
    ...patch,
  };
  return { deps, documents, log, print: createDocumentPrinter(deps) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('printing a document in the main process (issue 16)', () => {
  it('prints on A4 in microns with no margins to the remembered printer, then closes the window', async () => {
    const window = fakeWindow();
    const { print, documents } = setUp(window);
    await expect(print(job())).resolves.toEqual({ ok: true });
    expect(window.loadedUrl).toMatch(/^app:\/\/otklik\/print\/[0-9a-f-]{36}\.html$/);
    expect(window.printOptions).toEqual({
      silent: true,
      deviceName: 'EPSON_TM_T20III',
      printBackground: true,
      pageSize: { width: 210_000, height: 297_000 },
      margins: { marginType: 'none' },
    });
    expect(window.destroy).toHaveBeenCalled();
    expect(documents.size).toBe(0);
  });

  it('sizes an 80 mm receipt to the measured length of the document', async () => {
    // 600 CSS px = 158.75 mm → 159 mm of roll.
    const window = fakeWindow({ measured: { heightPx: 600, fontsFailed: 0 } });
    await setUp(window).print(job({ format: 'receipt80' }));
    expect(window.printOptions?.pageSize).toEqual({ width: 80_000, height: 159_000 });
    expect(window.printOptions?.margins).toEqual({ marginType: 'none' });
  });

  it('asks in the system dialog when no printer is remembered', async () => {
    const window = fakeWindow();
    await setUp(window).print(job({ printer: '' }));
    expect(window.printOptions).toMatchObject({
      silent: false,
      pageSize: { width: 210_000, height: 297_000 },
    });
    expect(window.printOptions).not.toHaveProperty('deviceName');
  });

  it('waits for the document, its fonts and images before printing', async () => {
    const order: string[] = [];
    const window = fakeWindow({ load: async () => void order.push('loaded') });
    vi.mocked(window.webContents.executeJavaScript).mockImplementation(async () => {
      order.push('fonts and images');
      return { heightPx: 100, fontsFailed: 0 };
    });
    vi.mocked(window.webContents.print).mockImplementation((_o, cb) => {
      order.push('print');
      cb(true, '');
    });
    await setUp(window).print(job());
    expect(order).toEqual(['loaded', 'fonts and images', 'print']);
  });

  it('gives up with "timeout" when the print callback never fires, and frees everything', async () => {
    vi.useFakeTimers();
    const window = fakeWindow({ print: () => {} });
    const { print, documents, log } = setUp(window);
    const result = print(job());
    await vi.advanceTimersByTimeAsync(29_999);
    expect(window.destroy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({
      ok: false,
      problem: 'timeout',
      detail: 'the printer did not answer',
    });
    expect(window.destroy).toHaveBeenCalled();
    expect(documents.size).toBe(0);
    expect(log.warn).toHaveBeenCalledWith('Printing failed', expect.objectContaining({ problem: 'timeout' }));
  });

  it('gives the person at the system dialog longer than a silent print', async () => {
    vi.useFakeTimers();
    const window = fakeWindow({ print: () => {} });
    const result = setUp(window).print(job({ printer: '' }));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(window.destroy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(570_000);
    await expect(result).resolves.toMatchObject({ ok: false, problem: 'timeout' });
  });

  it('gives up with "timeout" when the document never finishes loading', async () => {
    vi.useFakeTimers();
    const window = fakeWindow({ load: () => new Promise(() => {}) });
    const result = setUp(window).print(job());
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(result).resolves.toMatchObject({ ok: false, problem: 'timeout' });
    expect(window.webContents.print).not.toHaveBeenCalled();
    expect(window.destroy).toHaveBeenCalled();
  });

  it.each([
    [
      'the printer reports a failure',
      'Printer is out of paper',
      { ok: false, problem: 'failed', detail: 'Printer is out of paper' },
    ],
    ['the dialog was cancelled', 'cancelled', { ok: false, problem: 'cancelled' }],
  ])('says so when %s', async (_name, reason, expected) => {
    const window = fakeWindow({ print: (done) => done(false, reason) });
    await expect(setUp(window).print(job())).resolves.toEqual(expected);
  });

  it.each([
    ['the page cannot load', fakeWindow({ load: () => Promise.reject(new Error('ERR_FILE_NOT_FOUND')) })],
    // A Korean receipt in a fallback font would print boxes: refused rather than printed.
    ['a bundled font did not load', fakeWindow({ measured: { heightPx: 100, fontsFailed: 1 } })],
  ])('refuses to print when %s', async (_name, window) => {
    await expect(setUp(window).print(job())).resolves.toMatchObject({ ok: false, problem: 'load_failed' });
    expect(window.webContents.print).not.toHaveBeenCalled();
  });

  it('saves a PDF of the page size in inches with zero margins where the user chose', async () => {
    const window = fakeWindow({ measured: { heightPx: 960, fontsFailed: 0 } });
    const { print, deps } = setUp(window);
    await expect(print(job({ action: 'pdf', format: 'receipt80' }))).resolves.toEqual({
      ok: true,
      savedTo: '/home/u/Documents/불만 접수 확인서 SEL-01-2026-100042.pdf',
    });
    // 960 px = 254 mm.
    expect(window.pdfOptions).toEqual({
      pageSize: { width: 80 / 25.4, height: 254 / 25.4 },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      printBackground: true,
      preferCSSPageSize: false,
    });
    expect(deps.writeFile).toHaveBeenCalledWith(
      '/home/u/Documents/불만 접수 확인서 SEL-01-2026-100042.pdf',
      new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    );
    expect(window.webContents.print).not.toHaveBeenCalled();
  });

  it('opens no window when the save dialog is cancelled', async () => {
    const window = fakeWindow();
    const { print, deps } = setUp(window, { choosePdfPath: vi.fn(async () => undefined) });
    await expect(print(job({ action: 'pdf' }))).resolves.toEqual({ ok: false, problem: 'cancelled' });
    expect(deps.createWindow).not.toHaveBeenCalled();
  });

  it('says "save_failed" when the PDF cannot be written', async () => {
    const window = fakeWindow();
    const { print } = setUp(window, { writeFile: vi.fn(async () => Promise.reject(new Error('ENOSPC'))) });
    await expect(print(job({ action: 'pdf' }))).resolves.toMatchObject({ ok: false, problem: 'save_failed' });
    expect(window.destroy).toHaveBeenCalled();
  });

  it.each([
    ['MSK-01-2026-100042', 'MSK-01-2026-100042.pdf'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j.pdf'],
    ['   ', 'document.pdf'],
  ])('names the PDF after the title %j', (title, name) => {
    expect(pdfFileName(title)).toBe(name);
  });
});

describe('the document page while its job runs', () => {
  it('is served by the app protocol under the app CSP, and only until the job ends', async () => {
    const documents = new PrintDocuments();
    const handler = createAppProtocolHandler({
      rootDir: '/nonexistent',
      contentSecurityPolicy: () => "default-src 'self'",
      generatedPage: (url) => documents.lookup(url),
      readFile: async () => Promise.reject(new Error('no file')),
    });
    const page = documents.add(HTML);
    const served = await handler({ url: page.url, method: 'GET' });
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(served.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(await served.text()).toBe(HTML);
    // Another id, or the id under another path, is not a print page.
    expect(documents.lookup(page.url.replace(/[0-9a-f]{4}\.html$/, '0000.html'))).toBeUndefined();
    expect(documents.lookup(page.url.replace('/print/', '/assets/'))).toBeUndefined();
    expect(documents.lookup(`${page.url}?x`)).toBeUndefined();
    page.dispose();
    expect((await handler({ url: page.url, method: 'GET' })).status).toBe(404);
  });
});

describe('the printDocument channel', () => {
  const appFrame: SenderFrame = { url: `${APP_ORIGIN}/index.html`, parent: null, isDestroyed: () => false };
  let listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>;
  let implementation: ReturnType<typeof vi.fn<() => Promise<{ ok: true }>>>;

  beforeEach(() => {
    implementation = vi.fn(async () => ({ ok: true as const }));
    const ipcMain = {
      handle: (_channel: string, l: typeof listener) => {
        listener = l;
      },
    } as unknown as Pick<IpcMain, 'handle'>;
    handleValidated(ipcMain, 'printDocument', implementation, {
      origins: [APP_ORIGIN],
      log: { warn: vi.fn(), error: vi.fn() },
    });
  });

  it('passes a valid job to the printer', async () => {
    await expect(listener({ senderFrame: appFrame }, job())).resolves.toEqual({ ok: true });
    expect(implementation).toHaveBeenCalledWith(job());
  });

  it.each([
    ['a script in the document', job({ html: '<html><body><SCRIPT>alert(1)</SCRIPT></body></html>' })],
    ['an empty document', job({ html: '' })],
    ['a document over the limit', job({ html: 'x'.repeat(PRINT_HTML_MAX + 1) })],
    ['an unknown paper', { ...job(), format: 'letter' }],
    ['an unknown action', { ...job(), action: 'fax' }],
    ['a printer name that is too long', job({ printer: 'p'.repeat(257) })],
    ['a blank title', job({ title: '   ' })],
    ['an extra field', { ...job(), preload: '/tmp/evil.js' }],
    ['no printer field', (({ printer: _p, ...rest }) => rest)(job())],
  ])('refuses %s without printing', async (_name, args) => {
    await expect(listener({ senderFrame: appFrame }, args)).rejects.toThrow(IpcRefusedError);
    expect(implementation).not.toHaveBeenCalled();
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null, isDestroyed: () => false }],
    ['a file:// page', { url: 'file:///tmp/doc.html', parent: null, isDestroyed: () => false }],
    ['a subframe', { url: `${APP_ORIGIN}/index.html`, parent: appFrame, isDestroyed: () => false }],
  ])('refuses a call from %s', async (_name, frame) => {
    await expect(listener({ senderFrame: frame }, job())).rejects.toThrow(/otklik:print-document.*refused/);
    expect(implementation).not.toHaveBeenCalled();
    expect(IPC_CHANNELS.printDocument).toBe('otklik:print-document');
  });
});
