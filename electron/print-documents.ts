import { randomUUID } from 'node:crypto';
import { APP_ORIGIN } from './app-origin';

/**
 * Issue 16: documents waiting to be printed, served by the app:// protocol at app://otklik/print/<uuid>.html
 * for as long as their print job runs. Same origin as the app, so the document's stylesheet and bundled
 * fonts load from app:// like the app's own, under the app's CSP (no inline script or style can run).
 * Only this exact URL form is answered; everything else goes to the ordinary file lookup.
 */
const PRINT_URL = /^app:\/\/otklik\/print\/([0-9a-f-]{36})\.html$/;

export class PrintDocuments {
  private readonly documents = new Map<string, string>();

  add(html: string): { url: string; dispose: () => void } {
    const id = randomUUID();
    this.documents.set(id, html);
    return { url: `${APP_ORIGIN}/print/${id}.html`, dispose: () => this.documents.delete(id) };
  }

  /** The HTML for a print URL, or undefined for any other URL. */
  lookup(url: string): string | undefined {
    const match = PRINT_URL.exec(url);
    return match ? this.documents.get(match[1]!) : undefined;
  }

  get size(): number {
    return this.documents.size;
  }
}
