/**
 * Files Almanac finds relative to its own code. This module sits directly in server/src, so it
 * lands one folder below the repository (or image) root both in tsc's server/dist and in the
 * bundle's server/bundle (whose chunks are all in that one folder).
 */
import { fileURLToPath } from 'node:url';

/** package.json: Almanac's version. */
export const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));
