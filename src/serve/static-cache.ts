// How long a browser may keep each file of the web app. The build names its scripts and styles by their
// content (assets/name-HASH.js): such a file never changes under its name, so it is kept a year without asking
// again. Everything else, index.html first (it names the current fingerprints), is checked on every load.

const FINGERPRINTED = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.(?:js|css)$/;

export const IMMUTABLE = "public, max-age=31536000, immutable";

export function cacheControlOf(path: string): string {
  return FINGERPRINTED.test(path) ? IMMUTABLE : "no-cache";
}
