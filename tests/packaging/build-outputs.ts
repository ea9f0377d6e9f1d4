/**
 * Makes sure `npm run build` outputs exist and are newer than their sources before a packaging
 * test relies on them: the same check and lock as `npm start`'s prestart (scripts/build-state.ts),
 * so parallel test files build at most once.
 */
import { BUILD_OUTPUTS, ensureBuilt as build } from '../../scripts/build-state.js';

export { BUILD_OUTPUTS };

/** Builds stale outputs; returns an error text with the build's output when a build fails. */
export function ensureBuilt(): string | undefined {
  return build(BUILD_OUTPUTS).failure;
}
