export const S3_KEY: { accessKeyId: string; secretAccessKey: string };
export function startS3(options?: { bucket?: string }): Promise<{
  endpoint: string;
  bucket: string;
  env: Record<string, string>;
  stop: () => Promise<void>;
}>;
