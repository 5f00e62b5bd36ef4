import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron is mocked (its binary cannot exist on this machine): the dialog records what it was asked and
// answers with the scripted button.
const fake = vi.hoisted(() => ({
  answer: 0,
  shown: [] as Array<{ window: unknown; options: Record<string, unknown> }>,
}));
vi.mock('electron', () => ({
  dialog: {
    showMessageBox: vi.fn(async (...args: unknown[]) => {
      const [window, options] = args.length === 2 ? args : [null, args[0]];
      fake.shown.push({ window, options: options as Record<string, unknown> });
      return { response: fake.answer, checkboxChecked: false };
    }),
  },
}));

const { confirmHqChange } = await import('../../../electron/hq-change-dialog');
const window = { id: 1 } as never;
const change = { from: 'https://hq.example.com', to: 'https://new-hq.example.com' };

beforeEach(() => {
  fake.shown.length = 0;
});

describe('confirming a move to another HQ (issue 13)', () => {
  it('asks in the page’s language, names both servers, and Cancel is the default', async () => {
    fake.answer = 0;
    expect(await confirmHqChange(window, { ...change, language: 'en' })).toBe(false);
    const { options } = fake.shown[0]!;
    expect(options).toMatchObject({
      type: 'warning',
      title: 'Connect to another headquarters server?',
      message:
        'This workstation is connected to https://hq.example.com. Connect it to https://new-hq.example.com instead?',
      buttons: ['Cancel', 'Connect to the new server'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(fake.shown[0]!.window).toBe(window);
  });

  it('only the confirming button moves the workstation; Russian when the language is unknown', async () => {
    fake.answer = 1;
    expect(await confirmHqChange(window, { ...change, language: 'xx' })).toBe(true);
    expect(fake.shown[0]!.options.buttons).toEqual(['Отмена', 'Подключить к новому серверу']);
    fake.answer = 1;
    expect(await confirmHqChange(null, { ...change, language: 'cs-CZ' })).toBe(true);
    expect(fake.shown[1]!.options.title).toBe('Připojit k jinému serveru centrály?');
  });
});
