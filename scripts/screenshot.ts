/**
 * Regenerates docs/screenshot.png, the README's picture: exactly what `npm start` shows first (the
 * panel's landing page on a fresh demo, seeded), in Debian's Chromium. Look at the result before
 * committing it.
 *
 *   npm run screenshot
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDemoLanding } from '../tests/helpers/demo-landing.js';
import { startSchedulesUi } from '../tests/helpers/schedules-ui.js';
import { ROOT } from './build-state.js';

export const SCREENSHOT = join(ROOT, 'docs', 'screenshot.png');

async function main(): Promise<void> {
  const ui = await startSchedulesUi({ demoSeed: true });
  try {
    const page = await openDemoLanding(ui);
    await page.screenshot({ path: SCREENSHOT, animations: 'disabled' });
    process.stdout.write(`wrote ${SCREENSHOT}\n`);
  } finally {
    await ui.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
