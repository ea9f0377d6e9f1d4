/**
 * The list's quick commands (enable, disable, run now, pause, resume, delete with undo) and the
 * feedback they give. A delete is deferred: the row goes at once, the toast offers Undo, and the
 * server is asked only when the toast goes (timeout, close, another delete, leaving the page).
 */
import type { ScheduleDto } from '../../server/src/api/types.js';
import { ApiError, type Http } from './api/http.js';
import {
  deleteSchedule,
  disableSchedule,
  enableSchedule,
  pauseSchedule,
  resumeSchedule,
  runSchedule,
  type PauseInput,
} from './api/schedules.js';
import { errorMessage, fieldErrorText } from './error-message.js';
import { t } from './i18n/localize.js';

/** Long enough to notice a mistaken delete and reach the button (Material's 4–10 s range). */
export const UNDO_MS = 10_000;
/** An informational toast stays as long as it takes to read a short sentence. */
const INFO_MS = 5_000;

export interface Toast {
  message: string;
  action?: string;
  onAction?: () => void;
  /** Replaces the default close (hide) when set. */
  onClose?: () => void;
}

export type QuickCommand = 'enable' | 'disable' | 'run' | 'resume' | 'delete';

export interface CommandHost {
  http(): Http | undefined;
  schedule(id: string): ScheduleDto | undefined;
  put(schedule: ScheduleDto): void;
  remove(id: string): void;
  restore(schedule: ScheduleDto): void;
  setBusy(busy: ReadonlySet<string>): void;
  showToast(toast: Toast | null): void;
}

interface PendingDelete {
  schedule: ScheduleDto;
  timer: ReturnType<typeof setTimeout>;
}

export class ScheduleCommands {
  private busy = new Set<string>();
  private pending: PendingDelete | null = null;
  private toastTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: CommandHost) {}

  isPendingDelete(id: string): boolean {
    return this.pending?.schedule.id === id;
  }

  /** Runs a quick command; failures show as a toast. */
  async run(id: string, command: QuickCommand): Promise<void> {
    const http = this.host.http();
    const schedule = this.host.schedule(id);
    if (!http || !schedule) return;
    if (command === 'delete') return this.deleteWithUndo(schedule);
    this.setBusy(id, true);
    try {
      if (command === 'run') {
        const started = await runSchedule(http, id);
        this.info(started.status === 'skipped' ? t('schedules.run_skipped', { name: schedule.name }) : t('schedules.run_started', { name: schedule.name }));
      } else {
        const call = command === 'enable' ? enableSchedule : command === 'disable' ? disableSchedule : resumeSchedule;
        this.host.put(await call(http, id));
      }
    } catch (error) {
      this.info(errorMessage(error));
      this.host.put({ ...schedule }); // re-render, so a switch flipped by the click flips back
    } finally {
      this.setBusy(id, false);
    }
  }

  /** Pauses; returns the message to show in the dialog when the server refused, else null. */
  async pause(id: string, input: PauseInput): Promise<string | null> {
    const http = this.host.http();
    if (!http) return null;
    this.setBusy(id, true);
    try {
      this.host.put(await pauseSchedule(http, id, input));
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) return error.problem.errors.map(fieldErrorText).join('; ');
      return errorMessage(error);
    } finally {
      this.setBusy(id, false);
    }
  }

  /** Commits a pending delete now (the page is going away). */
  flush(): void {
    if (this.pending) void this.commitDelete();
  }

  private deleteWithUndo(schedule: ScheduleDto): void {
    this.flush();
    this.host.remove(schedule.id);
    this.pending = { schedule, timer: setTimeout(() => void this.commitDelete(), UNDO_MS) };
    this.show({
      message: t('schedules.deleted', { name: schedule.name }),
      action: t('schedules.undo'),
      onAction: () => this.undo(),
      onClose: () => void this.commitDelete(),
    });
  }

  private undo(): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = null;
    this.host.restore(pending.schedule);
    this.show(null);
  }

  private async commitDelete(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = null;
    this.show(null);
    const http = this.host.http();
    if (!http) return;
    try {
      await deleteSchedule(http, pending.schedule.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return;
      this.host.restore(pending.schedule);
      this.info(errorMessage(error));
    }
  }

  private info(message: string): void {
    this.show({ message });
    this.toastTimer = setTimeout(() => this.host.showToast(null), INFO_MS);
  }

  private show(toast: Toast | null): void {
    clearTimeout(this.toastTimer);
    this.host.showToast(toast);
  }

  private setBusy(id: string, on: boolean): void {
    if (on) this.busy.add(id);
    else this.busy.delete(id);
    this.host.setBusy(new Set(this.busy));
  }
}
