/**
 * Every `almanac` command, with the one line `almanac --help` shows. Each command's module is
 * loaded only when it runs, so `almanac preview` never loads the web server or the HA client (in
 * the bundle each is a chunk of its own).
 */
import type { Command } from '../command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', summary: 'start the server (what npm start and the add-on run)', load: async () => (await import('./serve.js')).serve },
  { name: 'check', summary: 'check options, database, Home Assistant and the MQTT broker, one line each', load: async () => (await import('./check.js')).check },
  { name: 'list', summary: 'list the schedules with their state and next run', load: async () => (await import('./list.js')).list },
  { name: 'next', summary: 'the next runs of every schedule, in time order, with clock changes marked', load: async () => (await import('./next.js')).next },
  { name: 'preview', summary: 'when a cron expression or calendar spec would run', load: async () => (await import('./preview.js')).preview },
  { name: 'validate', summary: 'check an export file without importing it', load: async () => (await import('./validate.js')).validate },
  { name: 'import', summary: 'import schedules from an export file', load: async () => (await import('./import.js')).importCommand },
  { name: 'export', summary: 'write every schedule to an export file (YAML)', load: async () => (await import('./export.js')).exportCommand },
  { name: 'run', summary: 'run a schedule now and show what Home Assistant answered', load: async () => (await import('./run.js')).run },
  { name: 'history', summary: 'the latest runs, newest first', load: async () => (await import('./history.js')).history },
  { name: 'demo reset', summary: 'restore the demo setup (demo mode only)', load: async () => (await import('./demo-reset.js')).demoReset },
];
