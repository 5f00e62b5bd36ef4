import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../../hq/config';
import { complaintCheckCode, formatCheckCode, qrPayload } from '../../../../shared/documents';
import { HQ_PATHS, pullResponseSchema } from '../../../../shared/sync/protocol';
import documentsCs from '../../../../locales/cs/documents.json';
import documentsKo from '../../../../locales/ko/documents.json';
import complaintsKo from '../../../../locales/ko/complaints.json';
import { call, DATABASE_KINDS, enroll, op, registration, startHq, type RunningHq } from '../../harness';
import { DIRECTORY } from '../../mail-fixtures';

/**
 * Issue 16 item 6: the public status page for the receipt's QR code — number + check code → status and
 * answer date in the customer's language, nothing personal; unknown number, wrong code and the internal
 * register answer alike; rate-limited per address; off unless HQ_STATUS_PAGE=on.
 */
const LIMIT = 12;

describe('HQ_STATUS_PAGE', () => {
  it.each([
    [undefined, false],
    ['off', false],
    ['on', true],
  ])('%s → served: %s', (value, served) => {
    expect(configFromEnv({ HQ_STATUS_PAGE: value }).statusPage).toBe(served);
  });
  it('anything else is refused at start-up', () => {
    expect(() => configFromEnv({ HQ_STATUS_PAGE: 'yes' })).toThrow(/HQ_STATUS_PAGE/);
  });
});

describe.each(DATABASE_KINDS)('status page on %s', (kind) => {
  let hq: RunningHq;
  const reg = registration(`S${kind === 'pglite' ? 'L' : 'P'}-01`, new Date());
  reg.complaint.customerLanguage = 'ko';
  reg.complaint.customer.email = 'minji@example.kr';
  const internal = registration(reg.complaint.branchCode, new Date());
  Object.assign(internal.complaint, { channel: 'internal', confidential: true });
  const code = complaintCheckCode(reg.complaint);
  const get = (path: string, language = 'cs') =>
    fetch(hq.url + path, { headers: { 'accept-language': `${language};q=0.9, en;q=0.5` } });

  beforeAll(async () => {
    hq = await startHq(kind, { statusPage: true, limits: { statusPerIpPerMinute: LIMIT } });
    const d = await enroll(hq, reg.complaint.branchCode, DIRECTORY);
    const res = await call(hq, d, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({
        ops: [op(d, 'complaint.register', reg), op(d, 'complaint.register', internal)],
      }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => hq?.close());

  it('number and check code: the status and the answer date in the customer’s language, nothing personal', async () => {
    // As the QR code carries it: the code in its printed form, with the dash.
    const res = await get(`/c/${reg.complaint.number}?k=${formatCheckCode(code)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain(documentsKo.statusPage.title);
    expect(html).toContain(reg.complaint.number);
    expect(html).toContain(complaintsKo.status.registered);
    expect(html).toContain(documentsKo.statusPage.answerBy.split('{{date}}')[1]!.trim());
    for (const personal of [
      reg.complaint.customer.name,
      reg.complaint.customer.phone,
      reg.complaint.customer.email,
      reg.complaint.description,
      reg.complaint.remedy,
      reg.complaint.id,
    ])
      expect(html).not.toContain(personal);
  });

  it('the branch learns the page’s address with every pull; the receipt’s QR code opens it (item 4)', async () => {
    const d = await enroll(hq, reg.complaint.branchCode, DIRECTORY);
    const res = await call(hq, d, `${HQ_PATHS.pull}?cursor=0`);
    const page = pullResponseSchema.parse(await res.json());
    expect(page.statusPageUrl).toBe(hq.url);
    const payload = qrPayload({ number: reg.complaint.number, checkCode: code }, page.statusPageUrl);
    expect(payload).toBe(`${hq.url}/c/${reg.complaint.number}?k=${code}`);
    const opened = await fetch(payload, { headers: { 'accept-language': 'ko' } });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(reg.complaint.number);
  });

  it('a wrong code, an unknown number and an internal complaint: the same answer, in the reader’s language', async () => {
    const wrongCode = `${code.slice(0, 7)}${code[7] === 'A' ? 'B' : 'A'}`;
    const answers = await Promise.all(
      [
        `/c/${reg.complaint.number}?k=${wrongCode}`,
        `/c/${reg.complaint.number}`,
        `/c/${reg.complaint.number.replace(/\d$/, (d) => String((Number(d) + 1) % 10))}?k=${code}`,
        `/c/${internal.complaint.number}?k=${complaintCheckCode(internal.complaint)}`,
      ].map(async (path) => {
        const res = await get(path);
        return { status: res.status, body: await res.text() };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]!.body).toContain('<html lang="cs">');
    expect(answers[0]!.body).toContain(documentsCs.statusPage.unknown);
    expect(answers[0]!.body).not.toContain(reg.complaint.number);
  });

  it('hostile input is bounded and never echoed', async () => {
    for (const path of [
      `/c/${'9'.repeat(5000)}?k=${'A'.repeat(5000)}`,
      `/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E?k=%3Cb%3E`,
      `/c/${encodeURIComponent("' OR 1=1 --")}?k[]=1&k[]=2`,
    ]) {
      const res = await get(path);
      // Fastify itself refuses a path parameter over 100 characters (414) before the route runs.
      expect([404, 414]).toContain(res.status);
      const html = await res.text();
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('OR 1=1');
    }
  });

  it(`more than ${LIMIT} look-ups a minute from one address: told to wait, in the reader’s language`, async () => {
    let limited: Response | undefined;
    for (let i = 0; i < LIMIT + 1 && !limited; i++) {
      const res = await get(`/c/${reg.complaint.number}?k=${code}`, 'ko');
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited!.text()).toContain(documentsKo.statusPage.tooMany);
  });
});
