import { dialog, type BrowserWindow } from 'electron';
import cs from '../locales/cs/desktop.json';
import en from '../locales/en/desktop.json';
import ko from '../locales/ko/desktop.json';
import ru from '../locales/ru/desktop.json';
import uk from '../locales/uk/desktop.json';
import type { HqOriginChange } from './hq-origin';

const TEXTS = { ru, uk, en, cs, ko } as const;
type Texts = (typeof TEXTS)['ru']['hqChange'];

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');

/**
 * Issue 13: moving the workstation to another HQ server is confirmed by a person, in a dialog of the main
 * process — the page cannot answer it. Cancel is the default. In the page's language (Russian otherwise).
 */
export async function confirmHqChange(
  window: BrowserWindow | null,
  change: HqOriginChange,
): Promise<boolean> {
  const lang = (change.language ?? 'ru').slice(0, 2) as keyof typeof TEXTS;
  const t: Texts = (TEXTS[lang] ?? ru).hqChange;
  const options = {
    type: 'warning' as const,
    title: t.title,
    message: fill(t.message, { current: change.from, next: change.to }),
    detail: t.detail,
    buttons: [t.cancel, t.confirm],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return response === 1;
}
