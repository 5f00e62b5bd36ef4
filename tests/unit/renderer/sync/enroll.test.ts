import { beforeAll, describe, expect, it, vi } from 'vitest';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { HqRequestError, type HqClient } from '../../../../renderer/sync/client';
import { connectToHq, EnrollFailed } from '../../../../renderer/sync/enroll';
import { LANGUAGES } from '../../../../shared/settings/workstation';
import { MAX_PUSH_BATCH, type EnrollResponse } from '../../../../shared/sync/protocol';
import { META } from '../../../../renderer/sync/state';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { OLGA, hqLink, input, now, openDb, settings } from '../fixtures';

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

  it('issue 17: keeps how many ops a push may hold when HQ says it in its answer; an older HQ says nothing', async () => {
    const hqUrl = 'https://hq.example.com';
    const saidDb = openDb();
    const said = await connectToHq(
      saidDb,
      settings(),
      { hqUrl, code: 'ABCD-EFGH-JKLM' },
      client(async () => ({ ...answer, maxPushBatch: MAX_PUSH_BATCH })),
    );
    expect(said.maxPushBatch).toBe(MAX_PUSH_BATCH);
    // Stored with the link, where the drain reads it (pushBatchSize).
    expect((await saidDb.meta.get(META.link))?.value).toEqual(said);
    const db = openDb();
    const older = await connectToHq(
      db,
      settings(),
      { hqUrl, code: 'ABCD-EFGH-JKLM' },
      client(async () => answer),
    );
    expect(older).not.toHaveProperty('maxPushBatch');
    expect((await db.meta.get(META.link))?.value).toEqual(older);
  });

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

  // Issue 13: every enrollment is a new device at HQ, whose sequence starts at 1; its id is the one HQ gives.
  describe('the device HQ enrolled', () => {
    async function queueThree(db: ReturnType<typeof openDb>, alreadySent: number) {
      // `alreadySent` ops went to HQ under the old enrollment; three are still queued after them.
      await db.transaction('rw', db.meta, () => db.meta.put({ key: 'deviceSeq', value: alreadySent }));
      for (const text of ['Первая', 'Вторая', 'Третья'])
        await registerComplaint(db, input(text), settings(), OLGA, now, { keepDraft: true });
      return (await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.opId);
    }

    it('adopts a new id: what is queued becomes its ops, numbered from 1 in order; new ops follow', async () => {
      const db = openDb();
      const queued = await queueThree(db, 56);
      const oldId = (await db.meta.get('deviceId'))!.value;
      expect((await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.deviceSeq)).toEqual([57, 58, 59]);
      const given = '0190c3a0-0000-7000-8000-0000000000ff';
      expect(given).not.toBe(oldId);
      const link = await connectToHq(
        db,
        settings(),
        { hqUrl: 'https://hq.example.com', code: 'ABCD-EFGH-JKLM' },
        client(async () => ({ ...answer, deviceId: given })),
      );
      expect(link.deviceId).toBe(given);
      const ops = await db.outbox.orderBy('deviceSeq').toArray();
      expect(ops.map((o) => [o.deviceSeq, o.deviceId, o.opId])).toEqual(
        queued.map((id, i) => [i + 1, given, id]),
      );
      expect((await db.meta.get('deviceId'))!.value).toBe(given);
      await registerComplaint(db, input('Четвёртая'), settings(), OLGA, now, { keepDraft: true });
      const last = await db.outbox.orderBy('deviceSeq').last();
      expect([last!.deviceSeq, last!.deviceId]).toEqual([4, given]);
    });

    it('keeps its id when HQ confirms it; a first enrollment keeps its numbers 1, 2, 3', async () => {
      const db = openDb();
      const queued = await queueThree(db, 0);
      const id = (await db.meta.get('deviceId'))!.value as string;
      const enroll = vi.fn(async (_url: string, request: { deviceId: string }) => ({
        ...answer,
        deviceId: request.deviceId,
      }));
      await connectToHq(db, settings(), { hqUrl: 'https://hq.example.com', code: 'X' }, client(enroll));
      expect(enroll.mock.calls[0]![1].deviceId).toBe(id);
      const ops = await db.outbox.orderBy('deviceSeq').toArray();
      expect(ops.map((o) => [o.deviceSeq, o.deviceId, o.opId])).toEqual(
        queued.map((op, i) => [i + 1, id, op]),
      );
    });
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
