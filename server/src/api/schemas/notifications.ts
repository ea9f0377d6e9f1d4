/** Request bodies and queries of the notification routes. */
import * as z from 'zod';
import { NOTIFY_SERVICE_PATTERN } from '../../notify/channels.js';
import { NOTIFY_KINDS, SEVERITIES, isNotifyKind } from '../../notify/kinds.js';
import { PERSISTENT } from '../../notify/log.js';
import { instantInput } from './common.js';

/** More than this many channels on one kind is a mistake, not a household. */
const MAX_CHANNELS = 20;
/** A thousand messages an hour per channel is no limit at all; beyond that it is a typo. */
const MAX_PER_HOUR = 1000;
/** A day: a longer repeat window would hide a new failure of the same pump until tomorrow. */
const MAX_REPEAT_MINUTES = 1440;
/** A day of HA being down before saying so would be pointless. */
const MAX_HA_DISCONNECTED_MINUTES = 1440;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const hhmm = z.lazy(() => z.string().regex(HH_MM, { error: 'must be a time HH:MM (24 h)' }));

/** A whole number within bounds, with the bounds in the message. */
function intIn(min: number, max: number) {
  return z.int({ error: 'must be a whole number' }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });
}

export const notifyChannel = z.lazy(() => z.string().regex(NOTIFY_SERVICE_PATTERN, { error: 'is not a notify service; use one like notify.mobile_app_pixel_8' }));

const kindSettings = z.lazy(() =>
  z.strictObject({
    persistent: z.boolean({ error: 'must be true or false' }).optional(),
    notify: z
      .array(notifyChannel)
      .max(MAX_CHANNELS)
      .refine((list) => new Set(list).size === list.length, { error: 'names a service twice' })
      .optional(),
    severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }).optional(),
  }),
);

const kinds = z.lazy(() =>
  z.record(z.string(), kindSettings).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!isNotifyKind(key)) ctx.addIssue({ code: 'custom', path: [key], message: `is not a notification kind (${NOTIFY_KINDS.join(', ')})` });
    }
  }),
);

const quietHours = z.lazy(() =>
  z
    .strictObject({ from: hhmm, to: hhmm })
    .refine((q) => q.from !== q.to, { error: 'must differ from `from` (use null for no quiet hours)', path: ['to'] }),
);

/** PUT body: any subset of the settings; what is left out keeps its value. */
export const settingsInput = z.lazy(() =>
  z.strictObject({
    version: z.int().min(1).optional(),
    kinds: kinds.optional(),
    quiet_hours: quietHours.nullable().optional(),
    max_per_hour: intIn(1, MAX_PER_HOUR).optional(),
    repeat_minutes: intIn(0, MAX_REPEAT_MINUTES).optional(),
    ha_disconnected_minutes: intIn(1, MAX_HA_DISCONNECTED_MINUTES).optional(),
  }),
);
export type SettingsInput = z.output<typeof settingsInput>;

export const testInput = z.lazy(() =>
  z.strictObject({
    channel: z.union([z.literal(PERSISTENT), notifyChannel], { error: `must be "${PERSISTENT}" or a notify service like notify.mobile_app_pixel_8` }),
  }),
);

const HISTORY_PAGE = 50;
/** A page of history is a screenful; 500 bounds one request. */
const MAX_HISTORY_PAGE = 500;

export const historyQuery = z.lazy(() =>
  z.strictObject({
    kind: z.string().optional(),
    subject_id: z.string().optional(),
    channel: z.string().optional(),
    since: instantInput.optional(),
    until: instantInput.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(HISTORY_PAGE),
    cursor: z.string().regex(/^\d+$/, { error: 'is not a cursor from a previous page; start again without it' }).optional(),
  }),
);
