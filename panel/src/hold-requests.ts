/**
 * Carries out what a hold menu asked for (any page's rows fire `hold-request`; the app shell
 * calls this): hold an entity or a schedule's devices for an hour, until tomorrow morning or until
 * the next change, or end holds. Answers the sentence the toast shows.
 */
import type { OverrideDto } from '../../server/src/api/types.js';
import type { Http } from './api/http.js';
import { createOverride, endOverride } from './api/overrides.js';
import { errorMessage } from './error-message.js';
import { holdSpan, type HoldRequestDetail } from './holds.js';
import { formatDateTime } from './i18n/format.js';
import { t } from './i18n/localize.js';

/** "Held until 18:00" / "Hold ended" / the server's refusal. */
export async function carryOutHold(http: Http, detail: HoldRequestDetail, zone: string, now: number): Promise<{ ok: boolean; message: string }> {
  try {
    if (detail.choice === 'end') {
      const ended: OverrideDto[] = [];
      for (const id of detail.ids) ended.push(await endOverride(http, id));
      return { ok: true, message: t('holds.ended', { names: ended.flatMap((o) => o.entities.map((e) => e.name)).join(', ') }) };
    }
    const hold = await createOverride(http, {
      ...(detail.target ? { target: detail.target } : {}),
      ...(detail.schedule_id ? { schedule_id: detail.schedule_id } : {}),
      ...holdSpan(detail.choice, zone, now),
    });
    const names = hold.entities.map((e) => e.name).join(', ');
    return { ok: true, message: hold.until ? t('holds.created_until', { names, time: formatDateTime(hold.until, zone) }) : t('holds.created', { names }) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}
