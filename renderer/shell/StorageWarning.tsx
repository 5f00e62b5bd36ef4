import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../platform';
import { requestPersistentStorage, type PersistResult } from '../platform/storage';

/** Below this, a full disk is close: IndexedDB writes would start to fail (R22). */
const LOW_DISK_BYTES = 500 * 1024 * 1024;
const DISK_CHECK_MS = 5 * 60_000;

/** R22: if the browser may evict our data, or the disk is nearly full, the user must know it. */
export function StorageWarning() {
  const { t, i18n } = useTranslation();
  const [persist, setPersist] = useState<PersistResult | null>(null);
  const [freeBytes, setFreeBytes] = useState<number | null>(null);

  useEffect(() => {
    void requestPersistentStorage().then(setPersist);
    const check = () =>
      void platform
        .diskSpace()
        .then((space) => setFreeBytes(space?.freeBytes ?? null))
        .catch(() => setFreeBytes(null));
    check();
    const timer = setInterval(check, DISK_CHECK_MS);
    return () => clearInterval(timer);
  }, []);

  const megabytes = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, {
      style: 'unit',
      unit: 'megabyte',
      maximumFractionDigits: 0,
    }).format(bytes / 1024 / 1024);

  return (
    <>
      {persist !== null && persist !== 'granted' && (
        <div className="banner banner-warning" role="alert" data-testid="storage-warning">
          <strong>{t('storage.notPersistentTitle')}</strong> {t('storage.notPersistentText')}
        </div>
      )}
      {freeBytes !== null && freeBytes < LOW_DISK_BYTES && (
        <div className="banner banner-error" role="alert" data-testid="disk-warning">
          <strong>{t('storage.lowDiskTitle')}</strong>{' '}
          {t('storage.lowDiskText', { free: megabytes(freeBytes) })}
        </div>
      )}
    </>
  );
}
