// Offering files as downloads: a clicked link with a file name works in Electron and the browser alike.

/** Downloads what a URL serves (the browser host's exports) under the given name. */
export function downloadUrl(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Downloads content made in the page (text, a PNG, a state file). */
export function downloadBlob(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  downloadUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
