import { useTranslation } from 'react-i18next';
import type { useCamera } from './camera';
import type { CaptureProblem } from './useCapture';

/** The live preview with its camera choice, the capture and import buttons, and what went wrong. */
export function CameraPanel({
  camera,
  busy,
  full,
  problems,
  onTake,
  onImport,
}: {
  camera: ReturnType<typeof useCamera>;
  busy: boolean;
  /** The entry has as many pages as it may. */
  full: boolean;
  problems: CaptureProblem[];
  onTake: () => void;
  onImport: (files: File[]) => void;
}) {
  const { t } = useTranslation('book');
  const { videoRef, devices, deviceId, choose, problem, ready, retry } = camera;
  return (
    <section className="camera-panel" aria-label={t('camera')}>
      {problem ? (
        <div className="banner banner-warning" role="alert" data-testid="camera-problem">
          <p>{t(`cameraProblem.${problem}`)}</p>
          <button type="button" onClick={retry}>
            {t('retryCamera')}
          </button>
        </div>
      ) : null}
      <video
        ref={videoRef}
        className="camera-preview"
        muted
        playsInline
        hidden={problem !== null}
        data-testid="camera-preview"
      />
      {devices.length > 1 && (
        <label className="field">
          {t('chooseCamera')}
          <select value={deviceId} onChange={(e) => choose(e.target.value)} data-testid="camera-select">
            {devices.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t('cameraN', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="capture-actions">
        <button
          type="button"
          className="primary big"
          onClick={onTake}
          disabled={busy || !ready || full}
          aria-keyshortcuts="Space"
          data-testid="take-photo"
        >
          {busy ? t('saving') : t('takePhoto')}
        </button>
        <kbd>{t('spaceHint')}</kbd>
        <label className="button" data-testid="import-label">
          {t('importFiles')}
          <input
            type="file"
            accept="image/*,.heic,.heif,.pdf"
            multiple
            hidden
            data-testid="import-input"
            onChange={(e) => {
              onImport([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p className="hint">{t('dropHint')}</p>
      {problems.length > 0 && (
        <ul className="banner banner-error" role="alert" data-testid="capture-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.file ? `${p.file}: ${p.text}` : p.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
