// @ts-check
/**
 * A local S3-compatible server for the tests and the benchmark (issue 17): s3rver from npm, on loopback, a
 * free port, a throw-away directory, one bucket. It speaks the plain S3 API HQ uses (HEAD/GET/PUT objects,
 * multipart uploads) and checks SigV4 signatures with its fixed key pair. What it does not do, and the
 * tests do not rely on: abort a multipart upload (405), verify checksum headers.
 * Run as `node tests/s3.mjs` it serves until stopped and prints its settings as one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import S3rver from 's3rver';

export const S3_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** @param {{ bucket?: string }} [options] */
export async function startS3(options = {}) {
  const bucket = options.bucket ?? 'otklik-photos';
  const directory = mkdtempSync(join(tmpdir(), 'otklik-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    /** What HQ is given: photos in this bucket (README "Deployment"). */
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_KEY.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_KEY.secretAccessKey,
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const s3 = await startS3();
  console.log(JSON.stringify({ endpoint: s3.endpoint, bucket: s3.bucket, env: s3.env }));
  const stop = () => void s3.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
