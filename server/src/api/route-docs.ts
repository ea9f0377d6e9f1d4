/**
 * One line per API route, for README's route table (scripts/route-table.ts generates it from the
 * router; a test fails when a route has no line here or a line has no route). Keyed
 * `METHOD path` as the router registers it.
 */
export const ROUTE_DOCS: Readonly<Record<string, string>> = {
  'GET /api/health': "HA, database, engine and MQTT state (the Docker HEALTHCHECK; always 200 while serving)",
  'GET /api/events': 'live event stream (Server-Sent Events): schedules, runs, HA connection, entities, MQTT',
  'GET /api/entities': "HA's entities with state, area, device and labels",
  'GET /api/areas': "HA's areas (with their floor) and how many entities an area target reaches",
  'GET /api/floors': "HA's floors, lowest first, with their areas and how many entities a floor target reaches",
  'GET /api/labels': "HA's labels with how many entities a label target reaches",
  'GET /api/devices': "HA's devices with their area and entity count",
  'GET /api/schedules': 'schedules; filters `tag`, `entity_id`, `type`, `state`, `q`',
  'POST /api/schedules': 'create a schedule',
  'GET /api/schedules/:id': 'one schedule',
  'PATCH /api/schedules/:id': 'change a schedule (send `version`; a stale one answers 409)',
  'DELETE /api/schedules/:id': 'delete a schedule (its open window is closed first)',
  'POST /api/schedules/:id/enable': 'enable',
  'POST /api/schedules/:id/disable': 'disable',
  'POST /api/schedules/:id/pause': 'pause, optionally `until` a time, with a `note`',
  'POST /api/schedules/:id/resume': 'resume (open windows are put back)',
  'POST /api/schedules/:id/run': 'run now (trigger `manual`); answers the run id',
  'GET /api/schedules/:id/preview': 'next occurrences of a saved schedule (`count`, `from`), with DST notes',
  'POST /api/preview': 'next occurrences of an unsaved trigger',
  'GET /api/runs': 'run history, newest first; filters `schedule_id`, `status`, `trigger`, `entity_id`, `since`, `until`; paged by `cursor`',
  'GET /api/runs/:id': "one run with every call and HA's answer",
  'GET /api/stats': 'counts of schedules by state and trigger, runs by status, the next wake-up',
  'GET /api/timeline': 'every schedule\'s occurrences and windows between `from` and `to` (at most 31 days)',
  'GET /api/export': 'all schedules as an export file (YAML)',
  'POST /api/import': 'import an export file (YAML or JSON) in one transaction; `mode=merge` (default) or `mode=replace`',
  'POST /api/import/check': 'what importing a file would do, or every problem in it; writes nothing',
  'POST /api/demo/reset': 'demo mode only: restore the demo setup',
};
