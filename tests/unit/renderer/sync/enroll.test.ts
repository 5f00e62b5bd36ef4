import { beforeAll, describe, expect, it, vi } from 'vitest';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { HqRequestError, type HqClient } from '../../../../renderer/sync/client';
import { connectToHq, EnrollFailed } from '../../../../renderer/sync/enroll';
import { LANGUAGES } from '../../../../shared/settings/workstation';
import type { EnrollResponse } from '../../../../shared/sync/protocol';
import { hqLink, openDb, settings } from '../fixtures';

// Issue 13: the workstation connects to HQ over https (plain http only to this very computer), and tells
// the employee why when it does not — in their language.
const answer: EnrollResponse = {
  deviceId: '0190c3a0-0000-7000-8000-000000000001',
  deviceToken: 't'.repeat(43),
  branch: hqLink().branch,
};
const client = (enroll: HqClient['enroll']) => ({ enroll }) as HqClient;

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnrollFailed);
  return (error as EnrollFailed).reason;
}

describe('connecting to HQ', () => {
  beforeAll(async () => {
    await initI18n('ru');
  });

  it.each(['http://10.0.0.5:4180', 'http://hq.example.com', 'HTTP://HQ.EXAMPLE.COM/'])(
    'refuses plain http to another computer (%s) before sending the code',
    async (hqUrl) => {
      const enroll = vi.fn(async () => answer);
      expect(
        await reason(connectToHq(openDb(), settings(), { hqUrl, code: 'ABCD-EFGH-JKLM' }, client(enroll))),
      ).toBe('insecure_url');
      expect(enroll).not.toHaveBeenCalled();
    },
  );

  it.each(['https://hq.example.com', 'http://127.0.0.1:4180', 'http://localhost:4180/'])(
    'connects to %s',
    async (hqUrl) => {
      const enroll = vi.fn(async () => answer);
      const link = await connectToHq(openDb(), settings(), { hqUrl, code: 'ABCD-EFGH-JKLM' }, client(enroll));
      expect(enroll).toHaveBeenCalledOnce();
      expect(link.hqUrl).toBe(hqUrl.replace(/\/$/, ''));
    },
  );

  it('too many attempts is its own reason, not "the server refused"', async () => {
    const enroll = async (): Promise<EnrollResponse> => {
      throw new HqRequestError('refused', 'Too many enrollment attempts', 429, 'rate_limited');
    };
    expect(
      await reason(
        connectToHq(openDb(), settings(), { hqUrl: 'https://hq.example.com', code: 'X' }, client(enroll)),
      ),
    ).toBe('rate_limited');
  });

  it.each(LANGUAGES)('%s explains every new reason', async (lng) => {
    await i18next.changeLanguage(lng);
    for (const key of ['insecure_url', 'rate_limited', 'hq_change_cancelled'] as const) {
      const text: string = i18next.t(`sync:connect.errors.${key}`);
      expect(text).not.toContain('connect.errors');
      expect(text.length).toBeGreaterThan(10);
    }
    await i18next.changeLanguage('ru');
  });
});
