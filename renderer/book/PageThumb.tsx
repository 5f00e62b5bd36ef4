import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { useDb } from '../db/context';
import { storedPhotoBlob } from '../db/photoBytes';

/** A stored page image, shown from IndexedDB (works offline, no network involved). */
export function PageImage({ sha256, alt, className }: { sha256: string; alt: string; className?: string }) {
  const db = useDb();
  const blob = useLiveQuery(() => storedPhotoBlob(db, sha256), [db, sha256]);
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url ? (
    <img src={url} alt={alt} className={className} />
  ) : (
    <span className={`${className ?? ''} placeholder`} />
  );
}
