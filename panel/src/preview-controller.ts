/**
 * The editor's live preview: whenever the trigger, zone or "from" date changes, asks the server
 * for the next runs (debounced, newest answer wins). A saved schedule with an unchanged trigger
 * is previewed as saved (its interval anchor and period apply); a changed one through
 * `POST api/preview`, whose validation errors become the trigger's field errors while typing.
 */
import type { ScheduleDto } from '../../server/src/api/types.js';
import { ApiError, type Http } from './api/http.js';
import { fetchSchedulePreview, previewTrigger } from './api/schedules.js';
import type { PreviewState } from './elements/alm-schedule-form.js';
import { errorMessage } from './error-message.js';
import { t } from './i18n/localize.js';
import { fieldErrors, type Draft, type FieldErrors } from './schedule-draft.js';

/** Typing pauses longer than this between keys; shorter would ask the server for every keystroke. */
const DEBOUNCE_MS = 300;
/** The issue asks for the next 10 runs. */
export const PREVIEW_COUNT = 10;

export interface PreviewHost {
  http(): Http | undefined;
  state(): PreviewState;
  set(preview: PreviewState): void;
  /** The trigger's live field errors changed. */
  setErrors(): void;
}

export class PreviewController {
  /** Field errors of the last preview (paths like `trigger.expression`). */
  errors: FieldErrors = {};
  private key = '';
  private timer?: ReturnType<typeof setTimeout>;
  private sequence = 0;

  constructor(private readonly host: PreviewHost) {}

  /** Previews `draft` unless nothing that matters changed since the last request. */
  request(draft: Draft, saved: ScheduleDto | null): void {
    const from = this.host.state().from;
    const key = JSON.stringify([draft.trigger, draft.timezone, from, saved?.version]);
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(draft, saved, from), DEBOUNCE_MS);
    this.host.set({ ...this.host.state(), loading: true });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.sequence++;
  }

  private async fetch(draft: Draft, saved: ScheduleDto | null, from: string): Promise<void> {
    const http = this.host.http();
    if (!http) return;
    const sequence = ++this.sequence;
    const fromWall = from ? `${from}T00:00` : undefined;
    const asSaved = saved && JSON.stringify(saved.trigger) === JSON.stringify(draft.trigger) && (draft.timezone ?? saved.timezone) === saved.timezone;
    try {
      const answer = asSaved
        ? await fetchSchedulePreview(http, saved.id, PREVIEW_COUNT, fromWall)
        : await previewTrigger(http, { trigger: draft.trigger, timezone: draft.timezone, count: PREVIEW_COUNT, ...(fromWall ? { from: fromWall } : {}) });
      if (sequence !== this.sequence) return;
      this.setErrors({});
      this.host.set({ ...this.host.state(), occurrences: answer.occurrences, loading: false, error: '' });
    } catch (error) {
      if (sequence !== this.sequence) return;
      const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};
      this.setErrors(errors);
      const message = Object.keys(errors).length > 0 ? t('preview.invalid') : errorMessage(error);
      this.host.set({ ...this.host.state(), occurrences: [], loading: false, error: message });
    }
  }

  private setErrors(errors: FieldErrors): void {
    this.errors = errors;
    this.host.setErrors();
  }
}
