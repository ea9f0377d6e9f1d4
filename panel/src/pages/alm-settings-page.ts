import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { NotificationDto, NotificationSettingsDto, NotifyServicesDto } from '../../../server/src/api/types.js';
import type { NotifyKind } from '../../../server/src/notify/kinds.js';
import type { EventStream } from '../api/events.js';
import { resetDemo } from '../api/demo.js';
import { fetchHealth } from '../api/health.js';
import { ApiError, type Http } from '../api/http.js';
import { fetchNotifications, fetchNotificationSettings, fetchNotifyServices, saveNotificationSettings, sendTestNotification } from '../api/notifications.js';
import { errorMessage } from '../error-message.js';
import { t } from '../i18n/localize.js';
import { KIND_ORDER, changeOf, draftOf, errorsByPath, errorsUnder, isDirty, withKind, type SettingsDraft } from '../notification-draft.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-demo-reset.js';
import type { DemoResetOutcome } from '../elements/alm-demo-reset.js';
import '../elements/alm-load-error.js';
import '../elements/alm-notification-list.js';
import '../elements/alm-notify-kind-row.js';
import '../elements/alm-notify-limits.js';
import type { NotifyLimits } from '../elements/alm-notify-limits.js';
import '../elements/alm-notify-tests.js';
import type { TestChannel, TestResult } from '../elements/alm-notify-tests.js';
import '../elements/alm-quiet-hours.js';
import '../elements/alm-settings-save-bar.js';
import '../elements/alm-spinner.js';

/** A page of history: a few days of a busy grow room. */
const HISTORY_PAGE = 30;
/** Notifications come in bursts (a catch-up): the history reloads at most this often. */
const HISTORY_DEBOUNCE_MS = 1_000;
const HTTP_CONFLICT = 409;
const HTTP_BAD_REQUEST = 400;

/**
 * Settings (`#/settings`): where notifications go per kind (HA's notification list, phones),
 * quiet hours, flood limits, a test per channel, and the notifications sent in the last 30 days.
 */
@customElement('alm-settings-page')
export class AlmSettingsPage extends StreamPage {
  @state() private saved: NotificationSettingsDto | null = null;
  @state() private draft: SettingsDraft | null = null;
  @state() private services: NotifyServicesDto = { items: [], available: true };
  @state() private history: NotificationDto[] = [];
  @state() private cursor: string | null = null;
  @state() private loadError: unknown = null;
  @state() private errors: Record<string, string> = {};
  @state() private saveError: { message: string; stale: boolean } | null = null;
  @state() private saving = false;
  @state() private justSaved = false;
  @state() private tests: Record<string, TestResult> = {};
  /** Demo mode (the health's `mode`): only then is the demo's reset offered. */
  @state() private demo = false;
  @state() private resetting = false;
  @state() private resetOutcome: DemoResetOutcome | null = null;
  private historyTimer?: ReturnType<typeof setTimeout>;

  static override styles = css`
    :host {
      display: block;
    }
    .grid {
      display: grid;
      gap: var(--alm-space-4);
    }
    :host([narrow]) .grid {
      gap: var(--alm-space-2);
    }
    .card-content {
      padding: 0 var(--alm-space-4) var(--alm-space-3);
    }
    .intro {
      margin: 0 0 var(--alm-space-2);
      color: var(--alm-secondary-text-color);
    }
    .loading {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6);
    }
  `;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.historyTimer);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [stream.on('notifications', () => this.refreshHistorySoon())];
  }

  protected override async load(http: Http): Promise<void> {
    try {
      const [settings, services, history, health] = await Promise.all([
        fetchNotificationSettings(http),
        fetchNotifyServices(http).catch((): NotifyServicesDto => ({ items: [], available: false })),
        fetchNotifications(http, { limit: HISTORY_PAGE }),
        fetchHealth(http).catch(() => null),
      ]);
      this.demo = health?.mode === 'demo';
      this.services = services;
      this.history = history.items;
      this.cursor = history.next_cursor;
      if (!this.draft || !this.saved || !isDirty(this.draft, this.saved)) this.draft = draftOf(settings);
      this.saved = settings;
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
  }

  private refreshHistorySoon(): void {
    if (this.historyTimer !== undefined) return;
    this.historyTimer = setTimeout(() => {
      this.historyTimer = undefined;
      void this.reloadHistory();
    }, HISTORY_DEBOUNCE_MS);
  }

  private async reloadHistory(): Promise<void> {
    if (!this.http) return;
    try {
      const page = await fetchNotifications(this.http, { limit: Math.max(HISTORY_PAGE, this.history.length) });
      this.history = page.items;
      this.cursor = page.next_cursor;
    } catch {
      // The list stays as it was; the next event or a reload tries again.
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.http || !this.cursor) return;
    const page = await fetchNotifications(this.http, { limit: HISTORY_PAGE, cursor: this.cursor });
    this.history = [...this.history, ...page.items];
    this.cursor = page.next_cursor;
  }

  private change(draft: SettingsDraft): void {
    this.draft = draft;
    this.justSaved = false;
  }

  private async save(): Promise<void> {
    if (!this.http || !this.draft || !this.saved) return;
    this.saving = true;
    try {
      const saved = await saveNotificationSettings(this.http, changeOf(this.draft, this.saved));
      this.saved = saved;
      this.draft = draftOf(saved);
      this.errors = {};
      this.saveError = null;
      this.justSaved = true;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      this.errors = status === HTTP_BAD_REQUEST ? errorsByPath((error as ApiError).problem.errors) : {};
      this.saveError = { message: status === HTTP_CONFLICT ? t('settings.stale') : status === HTTP_BAD_REQUEST ? t('settings.invalid') : errorMessage(error), stale: status === HTTP_CONFLICT };
    } finally {
      this.saving = false;
    }
  }

  private discard(): void {
    if (this.saved) this.draft = draftOf(this.saved);
    this.errors = {};
    this.saveError = null;
  }

  private async sendTest(channel: string): Promise<void> {
    if (!this.http) return;
    this.tests = { ...this.tests, [channel]: { state: 'sending' } };
    let result: TestResult;
    try {
      const sent = await sendTestNotification(this.http, channel);
      const delivery = sent.channels[0];
      result = delivery?.status === 'delivered' ? { state: 'delivered' } : { state: 'failed', error: delivery?.error ?? sent.status };
    } catch (error) {
      result = { state: 'failed', error: errorMessage(error) };
    }
    this.tests = { ...this.tests, [channel]: result };
    void this.reloadHistory();
  }

  /** Resets the demo, then loads this page again (the other pages load theirs when opened; the shell follows the event stream). */
  private async resetDemo(): Promise<void> {
    if (!this.http) return;
    this.resetting = true;
    this.resetOutcome = null;
    try {
      const summary = await resetDemo(this.http);
      const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
      this.resetOutcome = { ok: true, created: sum(summary.created), removed: sum(summary.removed) };
      await this.load(this.http);
    } catch (error) {
      this.resetOutcome = { ok: false, error: errorMessage(error) };
    } finally {
      this.resetting = false;
    }
  }

  private get testChannels(): TestChannel[] {
    return [{ channel: 'persistent', name: t('settings.channel_persistent') }, ...this.services.items.map((s) => ({ channel: s.service, name: s.name }))];
  }

  override render() {
    const { saved, draft } = this;
    if (!saved && !this.loadError) return html`<div class="loading"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    return html`<div class="grid">
      <alm-load-error .error=${this.loadError} @retry=${() => this.http && this.load(this.http)}></alm-load-error>
      ${saved && draft ? this.renderSettings(saved, draft) : nothing}
    </div>`;
  }

  private renderSettings(saved: NotificationSettingsDto, draft: SettingsDraft) {
    const dirty = isDirty(draft, saved);
    const limits: NotifyLimits = { max_per_hour: draft.max_per_hour, repeat_minutes: draft.repeat_minutes, ha_disconnected_minutes: draft.ha_disconnected_minutes };
    return html`<alm-card .header=${t('settings.notifications')} class="kinds">
        <div class="card-content">
          <p class="intro">${t('settings.notifications_intro')}</p>
          ${this.services.available ? (this.services.items.length === 0 ? html`<alm-alert>${t('settings.no_services')}</alm-alert>` : nothing) : html`<alm-alert alert-type="warning">${t('settings.services_unavailable')}</alm-alert>`}
          ${KIND_ORDER.map(
            (kind) => html`<alm-notify-kind-row
              data-kind=${kind}
              .kind=${kind}
              .value=${draft.kinds[kind]}
              .services=${this.services.items}
              .errors=${errorsUnder(this.errors, `kinds.${kind}.`)}
              @kind-changed=${(e: CustomEvent<{ kind: NotifyKind; value: SettingsDraft['kinds'][NotifyKind] }>) => this.change(withKind(draft, e.detail.kind, e.detail.value))}
            ></alm-notify-kind-row>`,
          )}
        </div>
      </alm-card>
      <alm-card .header=${t('settings.quiet_hours')}>
        <div class="card-content">
          <alm-quiet-hours .value=${draft.quiet_hours} .zone=${saved.zone} .errors=${errorsUnder(this.errors, 'quiet_hours.')} @quiet-changed=${(e: CustomEvent<{ value: SettingsDraft['quiet_hours'] }>) => this.change({ ...draft, quiet_hours: e.detail.value })}></alm-quiet-hours>
        </div>
      </alm-card>
      <alm-card .header=${t('settings.limits')}>
        <div class="card-content">
          <alm-notify-limits .value=${limits} .errors=${this.errors} @notify-limits-changed=${(e: CustomEvent<{ value: NotifyLimits }>) => this.change({ ...draft, ...e.detail.value })}></alm-notify-limits>
        </div>
      </alm-card>
      ${this.saveError
        ? html`<alm-alert alert-type="error" class="save-error">${this.saveError.message}${this.saveError.stale ? html`<alm-button slot="action" @click=${() => this.reloadSaved()}>${t('common.reload')}</alm-button>` : nothing}</alm-alert>`
        : nothing}
      ${this.justSaved && !dirty ? html`<alm-alert alert-type="success" class="saved">${t('settings.saved')}</alm-alert>` : nothing}
      <alm-card .header=${t('settings.test_title')} class="tests">
        <div class="card-content">
          <p class="intro">${t('settings.test_hint')}</p>
          <alm-notify-tests .channels=${this.testChannels} .results=${this.tests} @send-test=${(e: CustomEvent<{ channel: string }>) => void this.sendTest(e.detail.channel)}></alm-notify-tests>
        </div>
      </alm-card>
      ${this.demo
        ? html`<alm-card .header=${t('demo.title')} class="demo">
            <div class="card-content">
              <alm-demo-reset ?busy=${this.resetting} .outcome=${this.resetOutcome} @demo-reset=${() => void this.resetDemo()}></alm-demo-reset>
            </div>
          </alm-card>`
        : nothing}
      <alm-card .header=${t('settings.history')} class="history">
        <div class="card-content">
          <alm-notification-list .items=${this.history} .names=${Object.fromEntries(this.services.items.map((s) => [s.service, s.name]))} ?more=${this.cursor !== null} .zone=${saved.zone} @load-more=${() => void this.loadMore()}></alm-notification-list>
        </div>
      </alm-card>
      ${dirty ? html`<alm-settings-save-bar ?saving=${this.saving} ?narrow=${this.narrow} @save=${() => void this.save()} @discard=${() => this.discard()}></alm-settings-save-bar>` : nothing}`;
  }

  /** After a 409: the saved settings as they are now; the draft starts from them again. */
  private async reloadSaved(): Promise<void> {
    if (!this.http) return;
    this.draft = null;
    this.saveError = null;
    await this.load(this.http);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-settings-page': AlmSettingsPage;
  }
}
