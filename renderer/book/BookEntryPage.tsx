import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { CaptureView } from './CaptureView';
import { EntryView } from './EntryView';
import { useEntry } from './queries';

/** /book/new and /book/:id — capture while the entry is open, the delivery view once submitted. */
export function BookEntryPage({ id, settings }: { id: string | null; settings: WorkstationSettings }) {
  const { t } = useTranslation('book');
  const data = useEntry(id ?? '');
  if (id !== null && data && !data.entry)
    return (
      <div className="page empty-state" data-testid="book-not-found">
        <h2>{t('notFound')}</h2>
        <Link href="/book">{t('backToList')}</Link>
      </div>
    );
  if (data?.entry?.state === 'submitted')
    return <EntryView entry={data.entry} pages={data.pages} settings={settings} />;
  // Capture stays mounted while the entry loads: a batch of imports that started the entry goes on.
  return (
    <CaptureView
      entryId={id}
      entry={data?.entry ?? undefined}
      pages={data?.pages ?? []}
      settings={settings}
    />
  );
}
