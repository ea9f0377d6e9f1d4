/**
 * Sending a person's action from a page: the request, and the one-line answer the page shows (the
 * run itself lands in History). Shared by the Entities and Farm pages.
 */
import { sendAction, type ManualActionInput } from '../api/actions.js';
import type { Http } from '../api/http.js';
import { errorMessage } from '../error-message.js';
import { t } from '../i18n/localize.js';

export interface ActionRequest extends ManualActionInput {
  /** What it acts on, for the answer ("Shelf 1 light", "Shelf 2: lights"). */
  name: string;
}

/** What an action does, in words ("on", "to 40 %", "ramp to 80 % over 10 min"). */
function what(action: ManualActionInput['action']): string {
  switch (action.type) {
    case 'on': return t('control.did_on');
    case 'off': return t('control.did_off');
    case 'set_level': return t('control.did_level', { percent: action.percent });
    case 'ramp': return t('control.did_ramp', { percent: action.to, minutes: Math.round(action.duration_seconds / 60) });
    default: return action.type;
  }
}

/** Sends the action; the text to show: what was sent, or why it was refused. */
export async function sendManual(http: Http, request: ActionRequest): Promise<{ ok: boolean; message: string }> {
  const { name, ...input } = request;
  try {
    await sendAction(http, input);
    return { ok: true, message: t('control.sent', { name, what: what(input.action) }) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}
