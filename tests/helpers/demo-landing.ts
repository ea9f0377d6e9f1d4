/**
 * The page a newcomer sees after `npm start`: the panel's landing page (no route in the URL) on
 * demo mode's seeded setup. The panel test checks it; scripts/screenshot.ts photographs it for
 * the README.
 */
import type { Page } from 'playwright-core';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { scheduleRow, type SchedulesUi } from './schedules-ui.js';

/** The README's picture size: a laptop browser window wide enough for every page tab (the farm's added four). */
export const LANDING_VIEWPORT = { width: 1280, height: 860 };

/** Opens the landing page and waits until every demo schedule's row is shown. */
export async function openDemoLanding(ui: SchedulesUi): Promise<Page> {
  const page = await ui.open('', LANDING_VIEWPORT);
  for (const { name } of demoSchedules()) await scheduleRow(page, name).waitFor();
  // The rows' relative times ("in 3 hours") and HA's connection badge settle within a frame or two.
  await page.locator('alm-app').getByText(/Connected/).first().waitFor();
  return page;
}
