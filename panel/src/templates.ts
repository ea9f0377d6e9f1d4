/**
 * Starting points for new schedules: each fills the editor with a working trigger, action and
 * policy for a common job; the user picks the devices and adjusts the numbers.
 */
import { mdiBellRing, mdiScriptTextPlay, mdiEyedropper, mdiWaterPump, mdiWeatherSunset } from '@mdi/js';
import { emptyDraft, DEFAULT_POLICY, type Draft } from './schedule-draft.js';
import { t, type MessageKey } from './i18n/localize.js';

export type TemplateId = 'diurnal' | 'pump' | 'dosing' | 'weekday_script' | 'reminder';

export interface ScheduleTemplate {
  id: TemplateId;
  icon: string;
  title: MessageKey;
  description: MessageKey;
  /** A fresh draft (names in the current language). */
  draft(): Draft;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
/** 12 h of light: a common vegetative-to-flowering compromise, and a reef's usual photoperiod. */
const PHOTOPERIOD_S = 12 * HOUR;
/** Half an hour of dawn and dusk: gentle on plants, corals and fish. */
const RAMP_S = 30 * MINUTE;
/** A short pump burst every hour keeps a flood-and-drain tray wet without drowning roots. */
const PUMP_RUN_S = 5 * MINUTE;
/** A dosing pump runs for seconds; the amount is calibrated in the pump's own ml/s. */
const DOSE_S = 10;

export const TEMPLATES: readonly ScheduleTemplate[] = [
  {
    id: 'diurnal',
    icon: mdiWeatherSunset,
    title: 'template.diurnal.title',
    description: 'template.diurnal.description',
    draft: () => ({
      ...emptyDraft(),
      name: t('template.diurnal.name'),
      trigger: { type: 'calendar', times: ['06:00'] },
      action: { type: 'ramp', from: 0, to: 100, duration_seconds: RAMP_S },
      duration_seconds: PHOTOPERIOD_S,
      end_action: { type: 'ramp', from: 100, to: 0, duration_seconds: RAMP_S },
      tags: ['light'],
    }),
  },
  {
    id: 'pump',
    icon: mdiWaterPump,
    title: 'template.pump.title',
    description: 'template.pump.description',
    draft: () => ({
      ...emptyDraft(),
      name: t('template.pump.name'),
      trigger: { type: 'interval', every_seconds: HOUR },
      action: { type: 'on' },
      duration_seconds: PUMP_RUN_S,
      end_action: { type: 'off' },
      tags: ['watering'],
    }),
  },
  {
    id: 'dosing',
    icon: mdiEyedropper,
    title: 'template.dosing.title',
    description: 'template.dosing.description',
    // A dose must never run twice: no catch-up of missed doses, no retries that could double it,
    // no re-applying an open window after a restart.
    draft: () => ({
      ...emptyDraft(),
      name: t('template.dosing.name'),
      trigger: { type: 'calendar', times: ['09:00'] },
      action: { type: 'on' },
      duration_seconds: DOSE_S,
      end_action: { type: 'off' },
      policy: { ...DEFAULT_POLICY, catch_up: 'skip', overlap: 'skip', retries: 0, restore: 'leave' },
      tags: ['dosing'],
    }),
  },
  {
    id: 'weekday_script',
    icon: mdiScriptTextPlay,
    title: 'template.weekday_script.title',
    description: 'template.weekday_script.description',
    draft: () => ({
      ...emptyDraft(),
      name: t('template.weekday_script.name'),
      trigger: { type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] },
      action: { type: 'script', variables: {} },
    }),
  },
  {
    id: 'reminder',
    icon: mdiBellRing,
    title: 'template.reminder.title',
    description: 'template.reminder.description',
    draft: () => ({
      ...emptyDraft(),
      name: t('template.reminder.name'),
      trigger: { type: 'calendar', times: ['18:00'], weekdays: [7] },
      action: { type: 'notify', service: 'notify.notify', title: t('template.reminder.name'), message: t('template.reminder.message') },
    }),
  },
];

export function findTemplate(id: string | null | undefined): ScheduleTemplate | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
