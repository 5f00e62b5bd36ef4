import { useTranslation } from 'react-i18next';
import type { BookPage } from '../../shared/book/model';
import { PageImage } from './PageThumb';

/** The pages taken so far, in order, each with move, rotate, retake and delete. */
export function CapturedPages({
  pages,
  busy,
  ready,
  onMove,
  onRotate,
  onRetake,
  onDelete,
}: {
  pages: BookPage[];
  busy: boolean;
  /** The camera can take a picture (for Retake). */
  ready: boolean;
  onMove: (page: BookPage, delta: -1 | 1) => void;
  onRotate: (page: BookPage) => void;
  onRetake: (page: BookPage) => void;
  onDelete: (page: BookPage) => void;
}) {
  const { t } = useTranslation('book');
  if (pages.length === 0)
    return (
      <p className="muted" data-testid="no-pages">
        {t('noPages')}
      </p>
    );
  return (
    <ol className="page-thumbs" data-testid="page-thumbs">
      {pages.map((p, i) => (
        <li key={p.id} data-testid="page-thumb" data-sha256={p.sha256}>
          <PageImage sha256={p.sha256} alt={t('pageN', { n: p.pageNo })} className="thumb" />
          <span>{t('pageN', { n: p.pageNo })}</span>
          <div className="thumb-actions">
            <button type="button" onClick={() => onMove(p, -1)} disabled={i === 0 || busy}>
              {t('moveUp')}
            </button>
            <button type="button" onClick={() => onMove(p, 1)} disabled={i === pages.length - 1 || busy}>
              {t('moveDown')}
            </button>
            <button type="button" onClick={() => onRotate(p)} disabled={busy}>
              {t('rotate')}
            </button>
            <button type="button" onClick={() => onRetake(p)} disabled={busy || !ready} data-testid="retake">
              {t('retake')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => onDelete(p)}
              disabled={busy}
              data-testid="delete-page"
            >
              {t('deletePage')}
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
