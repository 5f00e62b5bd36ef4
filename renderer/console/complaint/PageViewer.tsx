import { useReducer, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayedBox, initialViewer, viewerKey, viewerReducer } from './viewer';

interface ViewerPage {
  pageNo: number;
  sha256: string;
  width: number;
  height: number;
}

/** Symbols on the tool buttons (their names for screen readers come from the catalogue). */
const ZOOM_OUT = '−';
const ZOOM_IN = '+';
const TURN_LEFT = '↺';
const TURN_RIGHT = '↻';

/** At zoom 1 a page is this wide on screen; zoom and rotation scale from here. */
const BASE_WIDTH = 720;

/**
 * R6: the photographed pages of one feedback-book entry — page through, zoom, rotate, by buttons or keys
 * (the picture has focus: ← →, + −, R, 0). Images come from HQ's authenticated, scope-checked photo route.
 */
export function PageViewer({
  pages,
  photoUrl,
}: {
  pages: ViewerPage[];
  photoUrl: (sha256: string) => string;
}) {
  const { t } = useTranslation('console');
  const [s, dispatch] = useReducer(viewerReducer, pages.length, initialViewer);
  const page = pages[s.page];
  if (!page) return null;
  const base = {
    width: BASE_WIDTH,
    height: Math.round((BASE_WIDTH * page.height) / Math.max(page.width, 1)),
  };
  const box = displayedBox(s, base.width, base.height);
  const onKey = (e: KeyboardEvent) => {
    const action = viewerKey(e.key, e.shiftKey);
    if (!action) return;
    e.preventDefault();
    dispatch(action);
  };
  const label = t('viewer.page', { page: s.page + 1, pages: pages.length });
  return (
    <figure className="page-viewer" data-testid="page-viewer">
      <div className="viewer-tools" role="toolbar" aria-label={t('viewer.tools')}>
        <button type="button" onClick={() => dispatch({ type: 'previous' })} disabled={s.page === 0}>
          {t('viewer.previous')}
        </button>
        <span data-testid="viewer-position" aria-live="polite">
          {label}
        </span>
        <button
          type="button"
          onClick={() => dispatch({ type: 'next' })}
          disabled={s.page >= pages.length - 1}
        >
          {t('viewer.next')}
        </button>
        <button type="button" onClick={() => dispatch({ type: 'zoom_out' })} aria-label={t('viewer.zoomOut')}>
          {ZOOM_OUT}
        </button>
        <span data-testid="viewer-zoom">{t('viewer.zoom', { percent: Math.round(s.zoom * 100) })}</span>
        <button type="button" onClick={() => dispatch({ type: 'zoom_in' })} aria-label={t('viewer.zoomIn')}>
          {ZOOM_IN}
        </button>
        <button
          type="button"
          onClick={() => dispatch({ type: 'rotate_left' })}
          aria-label={t('viewer.rotateLeft')}
        >
          {TURN_LEFT}
        </button>
        <button
          type="button"
          onClick={() => dispatch({ type: 'rotate_right' })}
          aria-label={t('viewer.rotateRight')}
        >
          {TURN_RIGHT}
        </button>
        <button type="button" onClick={() => dispatch({ type: 'reset' })}>
          {t('viewer.reset')}
        </button>
      </div>
      <div
        className="viewer-stage"
        tabIndex={0}
        onKeyDown={onKey}
        aria-label={`${label}. ${t('viewer.keys')}`}
        aria-keyshortcuts="ArrowLeft ArrowRight + - R 0"
      >
        <div className="viewer-box" style={{ width: box.width, height: box.height }}>
          <img
            src={photoUrl(page.sha256)}
            alt={label}
            data-testid="viewer-image"
            data-rotation={s.rotation}
            width={base.width * s.zoom}
            height={base.height * s.zoom}
            style={{ transform: `translate(-50%, -50%) rotate(${s.rotation}deg)` }}
          />
        </div>
      </div>
      <figcaption className="muted">{t('viewer.keys')}</figcaption>
    </figure>
  );
}
