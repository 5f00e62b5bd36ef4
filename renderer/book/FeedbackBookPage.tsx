import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { setFlash } from '../shell/flash';
import { PRESET_CHANNEL } from '../complaints/NewComplaintPage';

/** R6–R8 (photographing the book and the 11:00 e-mail) arrive with their own issue; the entry itself can be registered now. */
export function FeedbackBookPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('book.title')}</h1>
      </div>
      <div className="empty-state" data-testid="book-empty">
        <h2>{t('book.emptyTitle')}</h2>
        <p>{t('book.emptyText')}</p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setFlash(PRESET_CHANNEL, 'feedback_book');
            navigate('/complaints/new');
          }}
        >
          {t('book.registerEntry')}
        </button>
      </div>
    </div>
  );
}
