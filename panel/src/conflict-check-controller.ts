/**
 * The schedule editor's conflict check: whenever the draft changes, asks the server what saving it
 * would conflict with (`POST api/conflicts/check`, debounced, newest answer wins). A draft the
 * server cannot take yet (a field still being typed) shows no conflicts: the form names its errors.
 */
import type { DraftConflictDto, ScheduleDto } from '../../server/src/api/types.js';
import { checkDraft } from './api/conflicts.js';
import { ApiError, type Http } from './api/http.js';
import { errorMessage } from './error-message.js';
import { toInput, type Draft } from './schedule-draft.js';

/** Longer than the preview's pause: the check simulates a week, and a save follows a pause anyway. */
const DEBOUNCE_MS = 500;
const BAD_REQUEST = 400;

/** Actions that name what they act on themselves (the server's rule): no target needed. */
const TARGETLESS = new Set(['notify', 'mqtt_publish', 'service', 'sequence']);

/**
 * Whether the draft is complete enough to be checked: a name, and a target when the action needs
 * one. An unfinished draft would only be refused (400) on every keystroke.
 */
export function checkable(draft: Draft): boolean {
  if (draft.name.trim() === '') return false;
  const hasTarget = Object.values(draft.target).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== ''));
  return hasTarget || TARGETLESS.has(draft.action.type);
}

export interface ConflictCheckState {
  items: DraftConflictDto[];
  loading: boolean;
  error: string;
}

export interface ConflictCheckHost {
  http(): Http | undefined;
  set(state: ConflictCheckState): void;
}

export class ConflictCheckController {
  private key = '';
  private timer?: ReturnType<typeof setTimeout>;
  private sequence = 0;
  private last: ConflictCheckState = { items: [], loading: false, error: '' };

  constructor(private readonly host: ConflictCheckHost) {}

  /**
   * Checks `draft` (as the saved schedule, when there is one) unless it did not change. `blocked`:
   * the editor knows the draft is invalid (its trigger preview failed, a field is invalid): wait.
   */
  request(draft: Draft, saved: ScheduleDto | null, blocked = false): void {
    const input = toInput(draft);
    const key = JSON.stringify([input, saved?.id, saved?.version, blocked]);
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    if (blocked || !checkable(draft)) {
      this.sequence++;
      if (this.last.items.length > 0 || this.last.loading) this.update({ items: [], loading: false, error: '' });
      return;
    }
    this.timer = setTimeout(() => void this.fetch(input, saved?.id), DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.sequence++;
  }

  private async fetch(input: ReturnType<typeof toInput>, id: string | undefined): Promise<void> {
    const http = this.host.http();
    if (!http) return;
    const sequence = ++this.sequence;
    this.update({ ...this.last, loading: true });
    try {
      const answer = await checkDraft(http, input, id);
      if (sequence === this.sequence) this.update({ items: answer.items, loading: false, error: '' });
    } catch (error) {
      if (sequence !== this.sequence) return;
      const invalid = error instanceof ApiError && error.status === BAD_REQUEST;
      this.update({ items: [], loading: false, error: invalid ? '' : errorMessage(error) });
    }
  }

  private update(state: ConflictCheckState): void {
    this.last = state;
    this.host.set(state);
  }
}
