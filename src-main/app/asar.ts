/**
 * In the packaged app main's files are inside `app.asar`; worker threads start from the plain copies that
 * electron-builder unpacks beside it into `app.asar.unpacked` (see `asarUnpack` in electron-builder.yml).
 * Outside an archive the URL is returned as it is.
 */
export function unpackedUrl(url: URL): URL {
  return new URL(url.href.replace(/\/app\.asar\//, '/app.asar.unpacked/'));
}
