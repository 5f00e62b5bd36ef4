/// <reference lib="webworker" />
import { ImageRejected, decodeImport, encodePage, type ProcessOptions } from './imaging';

/**
 * Image work off the UI thread (issue 4): the camera preview and the form stay smooth while a 12-megapixel
 * frame is scaled, encoded and hashed. One request at a time per message; answers carry the request id.
 */
export type ImageJob =
  | { id: number; kind: 'frame'; bitmap: ImageBitmap; options: ProcessOptions }
  | { id: number; kind: 'file'; file: Blob; options: ProcessOptions };

export type ImageJobResult =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof encodePage>> }
  | { id: number; ok: false; code: string; message: string };

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<ImageJob>) => {
  const job = e.data;
  try {
    const result =
      job.kind === 'frame'
        ? await encodePage(job.bitmap, job.options)
        : await (async () => {
            const { bitmap, sourceSha256 } = await decodeImport(job.file);
            return encodePage(bitmap, job.options, sourceSha256);
          })();
    self.postMessage({ id: job.id, ok: true, result } satisfies ImageJobResult);
  } catch (err) {
    const code = err instanceof ImageRejected ? err.code : 'failed';
    self.postMessage({
      id: job.id,
      ok: false,
      code,
      message: err instanceof Error ? err.message : String(err),
    } satisfies ImageJobResult);
  }
};
