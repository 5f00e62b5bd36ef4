import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseComplaintNumber } from '../../shared/complaints/numbering';
import { docDate, docDue } from '../../shared/documents/format';
import {
  languageOfAcceptLanguage,
  STATUS_CODE_MAX,
  STATUS_NUMBER_MAX,
  type StatusPageFacts,
} from '../../shared/documents/status-page';
import type { Language } from '../../shared/settings/workstation';
import { complaintStatusFor } from '../complaints/status';
import { customerTranslator } from '../i18n';

/**
 * Issue 16 item 6: the public status page the receipt's QR code opens (`<HQ>/c/<number>?k=<check code>`),
 * served only when the company turns it on (HQ_STATUS_PAGE=on). No sign-in and no body: it reveals the
 * status and the answer date, nothing personal; each address may ask HQ_RATE_STATUS_PER_IP times a minute.
 * An unknown number and a wrong code get the very same page (in the reader's Accept-Language), so the
 * page cannot be used to learn which numbers exist.
 */
export const STATUS_PAGE_PATH = '/c/:number';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(language: Language, title: string, lines: string[]): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}small{color:#555}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
</body></html>
`;
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    )
    .send(html);
}

function answerLines(facts: StatusPageFacts, t: ReturnType<typeof customerTranslator>) {
  const lines = [
    t('statusPage.number', { number: facts.number }),
    t('statusPage.state', { status: t(`complaints:status.${facts.status}`) }),
  ];
  if (facts.answerBy)
    lines.push(t('statusPage.answerBy', { date: docDue(facts.answerBy, facts.language, facts.timeZone) }));
  if (facts.answeredAt)
    lines.push(
      t('statusPage.answeredOn', { date: docDate(facts.answeredAt, facts.language, facts.timeZone) }),
    );
  lines.push(t('statusPage.privacy'));
  return lines;
}

export async function statusPageRoutes(app: FastifyInstance, options: { perMinute: number }) {
  const limiter = app.createRateLimit({
    max: options.perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `status-ip:${request.ip}`,
  });
  app.get<{ Params: { number: string }; Querystring: { k?: unknown } }>(
    STATUS_PAGE_PATH,
    async (request, reply) => {
      const readerLanguage = languageOfAcceptLanguage(request.headers['accept-language']);
      const readerT = customerTranslator(readerLanguage, 'documents');
      const limit = await limiter(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', String(limit.ttlInSeconds));
        return send(
          reply,
          429,
          page(readerLanguage, readerT('statusPage.title'), [readerT('statusPage.tooMany')]),
        );
      }
      const number = String(request.params.number ?? '')
        .trim()
        .toUpperCase();
      const code = typeof request.query.k === 'string' ? request.query.k : '';
      const facts =
        number.length <= STATUS_NUMBER_MAX && code.length <= STATUS_CODE_MAX && parseComplaintNumber(number)
          ? await complaintStatusFor(app.hq.db.pool, number, code, new Date())
          : null;
      if (!facts)
        return send(
          reply,
          404,
          page(readerLanguage, readerT('statusPage.title'), [readerT('statusPage.unknown')]),
        );
      const t = customerTranslator(facts.language, 'documents');
      return send(reply, 200, page(facts.language, t('statusPage.title'), answerLines(facts, t)));
    },
  );
}
