import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { historyEventKey } from '../../../shared/complaints/history';
import type { ComplaintEvent } from '../../../shared/complaints/model';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/documents/model';
import { isPaperFormat } from '../../../shared/documents/paper';
import type { HandlingEventData } from '../../../shared/handling/event-data';
import type { OwnerChangeData, StatusChangeData } from '../../../shared/lifecycle';
import { languageName } from '../../i18n/format';
import { ChangeDetails } from './ChangeDetails';

const isDocumentKind = (v: unknown): v is DocumentKind =>
  typeof v === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(v);

/**
 * R12/R25: what one history event says, in the past tense (shared/complaints/history.ts), in the branch app
 * and the HQ console alike. `entryLink` renders the way to a linked feedback-book entry where the app has one.
 */
export function EventText({
  event,
  entryLink,
}: {
  event: ComplaintEvent;
  entryLink?: (entryId: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation(['complaints', 'lifecycle', 'documents']);
  const text = typeof event.data.text === 'string' ? event.data.text : '';
  switch (event.type) {
    case 'created':
      return <span>{t('event.created', { number: String(event.data.number ?? '') })}</span>;
    case 'note_added':
      return (
        <span>
          {t('event.note_added')}: <q>{String(event.data.text ?? '')}</q>
        </span>
      );
    case 'status_changed': {
      const data = event.data as StatusChangeData;
      const details = [
        data.decision && t(`lifecycle:outcome.${data.decision.outcome}`),
        data.followUp && t(`lifecycle:followUpOutcome.${data.followUp.outcome}`),
        data.reason,
        data.note,
      ].filter(Boolean);
      return (
        <span>
          {t('event.status_changed')}: {t(`status.${data.from}`)} → {t(`status.${data.to}`)}
          {details.length > 0 && <q>{details.join('; ')}</q>}
        </span>
      );
    }
    case 'book_entry_linked':
      return (
        <span>
          {t('event.book_entry_linked', { count: Number(event.data.pages ?? 0) })}{' '}
          {entryLink?.(String(event.data.entryId ?? ''))}
        </span>
      );
    case 'owner_changed': {
      const owner = (event.data as Partial<OwnerChangeData>).owner;
      return (
        <span>
          {t(historyEventKey(event.type))}
          {owner?.name && <q>{owner.name}</q>}
        </span>
      );
    }
    case 'document_printed': {
      // Issue 16: which document, on which paper, in which language (the customer's).
      const data = event.data as Partial<HandlingEventData<'document_printed'>>;
      const details = [
        isDocumentKind(data.document) && t(`documents:print.kind.${data.document}`),
        isPaperFormat(data.paper) && t(`documents:print.format.${data.paper}`),
        data.language && languageName(data.language, i18n.language),
      ].filter(Boolean);
      return (
        <span>
          {t(historyEventKey(event.type))}
          {details.length > 0 && <q>{details.join(', ')}</q>}
        </span>
      );
    }
    case 'preliminary_answer_sent':
    case 'term_extended':
      return (
        <span>
          {t(historyEventKey(event.type))}
          {text && <q>{text}</q>}
        </span>
      );
    case 'fields_corrected':
    case 'assessment_changed':
      return (
        <span>
          {t(historyEventKey(event.type))}
          <ChangeDetails changes={event.data.changes} reason={event.data.reason} />
        </span>
      );
    case 'customer_info_added': {
      // R5: who, by which channel, what.
      const data = event.data as Partial<HandlingEventData<'customer_info_added'>>;
      return (
        <span>
          {t(historyEventKey(event.type))}
          {(data.from || data.channel) && (
            <> ({[data.from, data.channel && t(`channel.${data.channel}`)].filter(Boolean).join(', ')})</>
          )}
          {text && <q>{text}</q>}
        </span>
      );
    }
    default: {
      // Issue 15's events (callbacks, corrections, merge, escalation, compensation, tasks, recourse…): the
      // phrase, with the words of the person who wrote them (text, reason or note), until each has its own.
      const said = [event.data.text, event.data.reason, event.data.note].find(
        (v): v is string => typeof v === 'string' && v.trim() !== '',
      );
      return (
        <span>
          {t(historyEventKey(event.type))}
          {said && <q>{said}</q>}
        </span>
      );
    }
  }
}
