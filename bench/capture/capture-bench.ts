/**
 * Capture-to-durable benchmark (issue 4), run in Chromium by bench/run.mjs. A 12-megapixel frame (4000×3000)
 * goes the app's way — frame grab scaled to 2000 px (as processFrame does), the image worker (JPEG 0.85,
 * SHA-256), and the
 * addPage transaction (image + page + entry + outbox row) — and, in the same run and alternating with it,
 * the raw way: canvas.toBlob of the full frame and one IndexedDB put. It measures; it does not judge.
 */
import { settings as workstation } from '../../tests/fixtures';
import { OtklikDatabase } from '../../renderer/db/database';
import { addPage } from '../../renderer/book/actions';
import { grabFrame, processBitmap } from '../../renderer/book/imageWorker';

const settings = workstation(1, { branchName: 'Bench' });
/** Issue 14: who every action is attributed to. */
const signer = { id: '0190c3a0-0000-7000-8000-0000000000b1', name: 'Bench' };

/** A page-like frame: white paper, lines of handwriting-sized text, a run number so no two are equal. */
function drawFrame(canvas: HTMLCanvasElement, run: number): void {
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f4f1e8';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1a2a6c';
  ctx.font = '64px serif';
  for (let y = 1; y < 40; y++)
    ctx.fillText(`${run} · Строка ${y}: обслуживание было медленным, прошу разобраться`, 120, y * 75);
  // Camera noise: real frames do not compress like flat colour.
  const noise = ctx.getImageData(0, 0, canvas.width, 400);
  for (let i = 0; i < noise.data.length; i += 4)
    noise.data[i] = (noise.data[i]! + ((i * 7919 + run) % 23)) & 255;
  ctx.putImageData(noise, 0, 0);
}

function putRaw(db: IDBDatabase, key: string, blob: Blob): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('frames', 'readwrite');
    tx.objectStore('frames').put(blob, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1]!, n: s.length };
}

async function runCaptureBench(runs: number) {
  const canvas = document.createElement('canvas');
  canvas.width = 4000;
  canvas.height = 3000;
  const db = new OtklikDatabase(`capture-bench-${Date.now()}`);
  const raw: IDBDatabase = await new Promise((resolve, reject) => {
    const r = indexedDB.open(`capture-bench-raw-${Date.now()}`, 1);
    r.onupgradeneeded = () => r.result.createObjectStore('frames');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const app: number[] = [];
  const rawPath: number[] = [];
  const sizes: number[] = [];
  let entryId: string | null = null;
  // Two warm-up rounds (worker start, JIT, encoder) are not counted.
  for (let i = -2; i < runs; i++) {
    drawFrame(canvas, i + 100);
    let t = performance.now();
    const bitmap = await grabFrame(canvas, canvas.width, canvas.height, 2000);
    const image = await processBitmap(bitmap, { longEdge: 2000, quality: 0.85 });
    const saved = await addPage(
      db,
      i % 10 === 0 ? null : entryId,
      { image, source: 'camera' },
      settings,
      signer,
    );
    entryId = saved.entry.id;
    const appMs = performance.now() - t;

    t = performance.now();
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.85));
    await putRaw(raw, `frame-${i}`, blob);
    const rawMs = performance.now() - t;
    if (i >= 0) {
      app.push(appMs);
      rawPath.push(rawMs);
      sizes.push(image.blob.size / blob.size);
    }
  }
  raw.close();
  db.close();
  return { app: stats(app), raw: stats(rawPath), sizeRatio: stats(sizes).median };
}

(window as unknown as { runCaptureBench: typeof runCaptureBench }).runCaptureBench = runCaptureBench;
