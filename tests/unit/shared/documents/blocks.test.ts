import { describe, expect, it } from 'vitest';
import { acknowledgementOf, decisionLetterOf } from '../../../../shared/documents';
import { acknowledgementBlocks, decisionLetterBlocks } from '../../../../shared/documents/blocks';
import { complaintOf, decided, sourceOf } from './fixtures';

// Issue 16 item 5: the blocks HQ lays out as PDF carry what the printed documents carry (keys shown as-is).
const t = (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`;
const all = (blocks: ReturnType<typeof acknowledgementBlocks>) =>
  blocks.map((b) => ('label' in b ? `${b.label}: ${b.text}` : 'text' in b ? b.text : b.payload)).join('\n');

describe('acknowledgementBlocks', () => {
  it('number, check code, answer date, contacts, demand and the QR; no hours line without office hours', () => {
    const doc = acknowledgementOf(sourceOf('RU', complaintOf('RU')));
    const text = all(acknowledgementBlocks(doc, t));
    expect(text).toContain(`common.numberValue{"number":"${doc.number}"}`);
    expect(text).toContain('ack.answerBy{"date":');
    expect(text).toContain('contact.phone{"value":"+7 916 555-12-34"} (contact.preferred)');
    expect(text).toContain('Заменить кофемашину на новую');
    expect(acknowledgementBlocks(doc, t).find((b) => b.kind === 'qr')).toMatchObject({
      payload: doc.qrPayload,
    });
    const noHours = acknowledgementBlocks({ ...doc, branch: { ...doc.branch, opens: '', closes: '' } }, t);
    expect(all(noHours)).not.toContain('branch.hours');
  });

  it('opening hours HQ keeps as text replace the office hours (issue 16 item 3)', () => {
    const doc = acknowledgementOf(sourceOf('RU', complaintOf('RU')));
    const text = all(acknowledgementBlocks({ ...doc, branch: { ...doc.branch, hours: 'пн–пт 9–18' } }, t));
    expect(text).toContain('branch.hoursText{"hours":"пн–пт 9–18"}');
    expect(text).not.toContain('branch.hours{');
  });
});

describe('decisionLetterBlocks', () => {
  it('a rejection: outcome, justification, alternative and every recourse route of the country', () => {
    const { complaint, events } = decided('CZ', {
      outcome: 'rejected',
      justification: 'Vada nezjištěna',
      alternativeOffered: 'Servisní prohlídka zdarma',
    });
    const doc = decisionLetterOf(sourceOf('CZ', complaint, events))!;
    const blocks = decisionLetterBlocks(doc, t);
    const text = all(blocks);
    expect(text).toContain('letter.outcome.rejected');
    expect(text).toContain('Vada nezjištěna');
    expect(text).toContain('Servisní prohlídka zdarma');
    expect(blocks.filter((b) => b.kind === 'item')).toHaveLength(doc.recourse.length);
    expect(text).toContain('recourse.internal_appeal_named{"name":"Jiří Dvořák"}');
  });
  it('an upheld complaint has no recourse section', () => {
    const { complaint, events } = decided('RU', { outcome: 'upheld' });
    const text = all(decisionLetterBlocks(decisionLetterOf(sourceOf('RU', complaint, events))!, t));
    expect(text).not.toContain('letter.recourseTitle');
  });
});
