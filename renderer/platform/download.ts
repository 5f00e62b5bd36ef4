/**
 * Hands bytes to the user as a file download (a browser's download, the desktop app's save): the page
 * never opens them itself, so a customer's file cannot run as part of the app.
 */
export function offerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The download may start after this returns: the address lives a minute.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
