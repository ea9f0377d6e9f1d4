/**
 * README.md as tests read it: its shell commands (the quick start that the fresh-clone test runs
 * and `.ci/run` must repeat) and its marked sections.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}

/** Every line of every ```sh block, in order, as written (comments and blank lines left out). */
export function readmeShellLines(text = readme()): string[] {
  const blocks = [...text.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return blocks.flatMap((block) => block.split('\n')).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}
