import type { ImageJob, ImageJobResult } from './image.worker';
import {
  ImageRejected,
  IMAGE_REJECTIONS,
  type ImageRejection,
  type ProcessOptions,
  targetSize,
  type ProcessedImage,
} from './imaging';

/** The page's handle on the image worker: one worker, requests matched to answers by id. */
let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: ProcessedImage) => void; reject: (e: Error) => void }>();

function imageWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./image.worker.ts', import.meta.url), {
    type: 'module',
    name: 'otklik-images',
  });
  worker.onmessage = (e: MessageEvent<ImageJobResult>) => {
    const pending = waiting.get(e.data.id);
    if (!pending) return;
    waiting.delete(e.data.id);
    if (e.data.ok) pending.resolve(e.data.result);
    else if ((IMAGE_REJECTIONS as readonly string[]).includes(e.data.code))
      pending.reject(new ImageRejected(e.data.code as ImageRejection));
    else pending.reject(new Error(e.data.message));
  };
  worker.onerror = (e) => {
    // A crashed worker fails whatever it was doing; the next request starts a fresh one.
    for (const p of waiting.values()) p.reject(new Error(e.message || 'Image worker failed'));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

type WithoutId<J> = J extends unknown ? Omit<J, 'id'> : never;
type JobInput = WithoutId<ImageJob>;

function run(job: JobInput, transfer: Transferable[] = []): Promise<ProcessedImage> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    imageWorker().postMessage({ ...job, id } as ImageJob, transfer);
  });
}

/** A decoded frame, handed over (not copied) to the worker. */
export function processBitmap(bitmap: ImageBitmap, options: ProcessOptions): Promise<ProcessedImage> {
  return run({ kind: 'frame', bitmap, options }, [bitmap]);
}

/**
 * Grabs a frame already scaled to the stored size: Chromium decodes and resamples it off the main thread,
 * and only the small bitmap travels to the worker (measured in bench/: the full 12-megapixel bitmap cost
 * more to copy and scale than the JPEG encoding itself).
 */
export function grabFrame(
  source: HTMLVideoElement | HTMLCanvasElement,
  width: number,
  height: number,
  longEdge: number,
): Promise<ImageBitmap> {
  const size = targetSize(width, height, longEdge);
  return createImageBitmap(source, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'high',
  });
}

/** A camera frame: grabbed on this thread (scaled while grabbed), encoded and hashed in the worker. */
export async function processFrame(
  video: HTMLVideoElement,
  options: ProcessOptions,
): Promise<ProcessedImage> {
  const bitmap = await grabFrame(video, video.videoWidth, video.videoHeight, options.longEdge);
  return processBitmap(bitmap, options);
}

export function processFile(file: Blob, options: ProcessOptions): Promise<ProcessedImage> {
  return run({ kind: 'file', file, options });
}

/** Rotation re-encodes the stored page (from its stored bytes): the mailed image is what the user sees. */
export async function rotateStored(blob: Blob, options: ProcessOptions): Promise<ProcessedImage> {
  return processBitmap(await createImageBitmap(blob), options);
}
