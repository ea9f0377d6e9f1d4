import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { mdiLockClock } from '@mdi/js';
import type { LockDto, RunDto } from '../../../server/src/api/types.js';
import type { EventStream } from '../api/events.js';
import { fetchHealth } from '../api/health.js';
import { ApiError, type Http } from '../api/http.js';
import { createLock, deleteLock as removeLock, fetchLock, fetchLocks, updateLock, type LockInput } from '../api/locks.js';
import { t } from '../i18n/localize.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-load-error.js';
import '../elements/alm-lock-card.js';
import '../elements/alm-lock-form.js';
import '../elements/alm-placeholder.js';
import '../elements/alm-spinner.js';

/** The waiting times in the lines move on every second. */
const TICK_MS = 1_000;
/** A lock changes with every hand-over: reload at most this often. */
const RELOAD_DEBOUNCE_MS = 300;

/** Field errors of a problem, by path; a problem without fields under ''. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return { '': String(error) };
  const out: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) out[e.path] = e.message;
  if (Object.keys(out).length === 0) out[''] = error.message;
  return out;
}

/**
 * Locks (sequential watering): every shared resource with its holder, its line with waiting
 * times, the schedules that use it and its recent waits; create, change and delete locks.
 */
@customElement('alm-locks-page')
export class AlmLocksPage extends StreamPage {
  @state() private locks: LockDto[] | null = null;
  @state() private recent: ReadonlyMap<string, RunDto[]> = new Map();
  @state() private names: ReadonlyMap<string, string> = new Map();
  @state() private error: unknown = null;
  @state() private editing: LockDto | 'new' | null = null;
  @state() private formErrors: Record<string, string> = {};
  @state() private busy = false;
  @state() private message: string | null = null;
  @state() private now = Date.now();
  @state() private zone: string | undefined;
  private tick?: ReturnType<typeof setInterval>;
  /** The route whose lock (`#/locks/<name>`, a timeline wait mark's link) was brought into view. */
  private revealedFor: unknown = null;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  static override styles = css`
    :host {
      display: block;
    }
    alm-lock-card[data-selected] {
      border-radius: var(--alm-border-radius, 12px);
      outline: 2px solid var(--alm-warning-color, #ffa600);
      outline-offset: 2px;
    }
    .bar {
      display: flex;
      align-items: center;
      gap: var(--alm-space-3);
      padding: 0 var(--alm-space-4) var(--alm-space-3);
    }
    .intro {
      flex: 1;
      margin: 0;
      color: var(--alm-secondary-text-color);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr));
      gap: var(--alm-space-4);
      align-items: start;
    }
    .form {
      padding: var(--alm-space-4);
    }
    alm-alert,
    .form-card {
      display: block;
      margin-bottom: var(--alm-space-4);
    }
    .loading {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6);
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick = setInterval(() => (this.now = Date.now()), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.tick);
    clearTimeout(this.reloadTimer);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [stream.on('lock', () => this.reloadSoon()), stream.on('schedule', () => this.reloadSoon())];
  }

  protected override async load(http: Http): Promise<void> {
    try {
      const [locks, health] = await Promise.all([fetchLocks(http), fetchHealth(http).catch(() => null)]);
      this.locks = locks.items;
      // Holders and waiters are runs of the schedules that use the lock: their names come with it.
      this.names = new Map(locks.items.flatMap((l) => l.used_by.map((s) => [s.id, s.name] as const)));
      this.zone = health?.ha.time_zone ?? undefined;
      this.error = null;
      const details = await Promise.all(locks.items.map((l) => fetchLock(http, l.name).catch(() => null)));
      this.recent = new Map(details.filter((d) => d !== null).map((d) => [d.name, d.recent_runs ?? []]));
    } catch (error) {
      this.error = error;
    }
  }

  private reloadSoon(): void {
    if (this.reloadTimer !== undefined || !this.http) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      if (this.http) void this.load(this.http);
    }, RELOAD_DEBOUNCE_MS);
  }

  override render() {
    if (this.error && !this.locks) return html`<alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error>`;
    if (!this.locks) return html`<div class="loading"><alm-spinner></alm-spinner></div>`;
    return html`<div class="bar">
        <p class="intro">${t('locks.intro')}</p>
        <alm-button variant="filled" @click=${() => this.edit('new')}>${t('locks.add')}</alm-button>
      </div>
      ${this.message ? html`<alm-alert alert-type="error">${this.message}</alm-alert>` : nothing}
      ${this.editing ? this.renderForm(this.editing) : nothing}
      ${this.locks.length === 0 && !this.editing
        ? html`<alm-placeholder .icon=${mdiLockClock} .heading=${t('locks.none')}>${t('locks.none_hint')}</alm-placeholder>`
        : html`<div class="grid">
            ${this.locks.map((lock) => html`<alm-lock-card
              data-lock=${lock.name}
              ?data-selected=${lock.name === this.route?.params[0]}
              .lock=${lock}
              .names=${this.names}
              .recent=${this.recent.get(lock.name) ?? null}
              .now=${this.now}
              .zone=${this.zone}
              @lock-edit=${() => this.edit(lock)}
              @lock-delete=${() => void this.deleteLock(lock.name)}
            ></alm-lock-card>`)}
          </div>`}`;
  }

  protected override updated(): void {
    const name = this.route?.params[0];
    if (!name || !this.locks || this.revealedFor === this.route) return;
    this.revealedFor = this.route;
    this.renderRoot.querySelector('alm-lock-card[data-selected]')?.scrollIntoView({ block: 'center' });
  }

  private renderForm(editing: LockDto | 'new') {
    const value = editing === 'new' ? null : { name: editing.name, capacity: editing.capacity, max_wait_seconds: editing.max_wait_seconds };
    return html`<alm-card class="form-card" .header=${editing === 'new' ? t('locks.add') : t('locks.edit_named', { name: editing.name })}>
      <div class="form">
        <alm-lock-form .value=${value} .errors=${this.formErrors} ?busy=${this.busy} @lock-save=${(e: CustomEvent<{ value: LockInput }>) => void this.save(e.detail.value)}
          @lock-cancel=${() => (this.editing = null)}></alm-lock-form>
      </div>
    </alm-card>`;
  }

  private edit(lock: LockDto | 'new'): void {
    this.editing = lock;
    this.formErrors = {};
  }

  private async save(value: LockInput): Promise<void> {
    const http = this.http;
    const editing = this.editing;
    if (!http || !editing) return;
    this.busy = true;
    try {
      if (editing === 'new') await createLock(http, value);
      else await updateLock(http, editing.name, { capacity: value.capacity, max_wait_seconds: value.max_wait_seconds, version: editing.version });
      this.editing = null;
      await this.load(http);
    } catch (error) {
      this.formErrors = fieldErrors(error);
    } finally {
      this.busy = false;
    }
  }

  private async deleteLock(name: string): Promise<void> {
    const http = this.http;
    if (!http || !window.confirm(t('locks.delete_confirm', { name }))) return;
    try {
      await removeLock(http, name);
      await this.load(http);
    } catch (error) {
      this.message = error instanceof Error ? error.message : String(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-locks-page': AlmLocksPage;
  }
}
