import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { mdiAlertCircle, mdiCalendarClock, mdiCheckCircle, mdiDatabase, mdiHomeAssistant, mdiAlertCircleOutline } from '@mdi/js';
import type { HealthDto, StatsDto } from '../../../server/src/api/types.js';
import type { EventStream } from '../api/events.js';
import { fetchHealth } from '../api/health.js';
import type { Http } from '../api/http.js';
import { fetchStats } from '../api/stats.js';
import { formatBytes, formatDateTime, formatDuration, formatNumber, formatRelativeTime } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-load-error.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-icon.js';
import '../elements/alm-health-stats.js';
import '../elements/alm-health-tile.js';
import type { HealthTone } from '../elements/alm-health-tile.js';
import { failuresHref } from '../elements/alm-health-stats.js';
import '../elements/alm-info-row.js';
import '../elements/alm-spinner.js';
import { formatMilliseconds, formatTime } from '../timeline/time-format.js';

/** How often the uptime and "since" texts move on; they show minutes at best. */
const CLOCK_TICK_MS = 30_000;
/** Runs come in bursts (an interval, a catch-up): the counters refresh at most this often. */
const STATS_DEBOUNCE_MS = 1_000;

type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

/** Everything `/api/health` reports, kept current by `ha`, `engine` and `mqtt` events. */
@customElement('alm-health-page')
export class AlmHealthPage extends StreamPage {
  @state() private health: HealthDto | null = null;
  @state() private stats: StatsDto | null = null;
  @state() private error: unknown = null;
  @state() private now = Date.now();
  /** When `health` was fetched, to advance its uptime locally. */
  private fetchedAt = Date.now();
  private clock?: ReturnType<typeof setInterval>;
  private statsTimer?: ReturnType<typeof setTimeout>;

  static override styles = css`
    :host {
      display: block;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 340px), 1fr));
      gap: var(--alm-space-4);
      align-items: start;
    }
    :host([narrow]) .grid {
      gap: var(--alm-space-2);
    }
    .wide {
      grid-column: 1 / -1;
    }
    .summary {
      display: flex;
      align-items: center;
      gap: var(--alm-space-3);
      padding: var(--alm-space-4) var(--alm-space-4) var(--alm-space-3);
      font-size: var(--alm-font-size-l);
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 210px), 1fr));
      gap: var(--alm-space-2);
      padding: 0 var(--alm-space-4) var(--alm-space-4);
    }
    :host([narrow]) .tiles {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      padding: 0 var(--alm-space-2) var(--alm-space-2);
      --alm-tile-icon-size: 32px;
    }
    .summary alm-icon {
      --alm-icon-size: 32px;
    }
    .card-content {
      padding: 0 var(--alm-space-4) var(--alm-space-2);
    }
    .ok {
      color: var(--alm-success-color);
    }
    .warn {
      color: var(--alm-warning-color);
    }
    .bad {
      color: var(--alm-error-color);
    }
    .loading {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6);
    }
    alm-alert {
      grid-column: 1 / -1;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    clearTimeout(this.statsTimer);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [
      stream.on('ha', (ha) => this.patch({ ha })),
      stream.on('mqtt', (mqtt) => this.patch({ mqtt })),
      stream.on('engine', ({ next_wake }) => this.health?.engine && this.patch({ engine: { ...this.health.engine, next_wake } })),
      stream.on('run', () => this.refreshSoon()),
      stream.on('schedule', () => this.refreshSoon()),
    ];
  }

  protected override async load(http: Http): Promise<void> {
    try {
      const [health, stats] = await Promise.all([fetchHealth(http), fetchStats(http).catch(() => null)]);
      this.health = health;
      this.stats = stats;
      this.fetchedAt = this.now = Date.now();
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  /** Lateness and counters change with every run: reload both, at most once a second. */
  private refreshSoon(): void {
    if (this.statsTimer !== undefined) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = undefined;
      if (this.http) void this.load(this.http);
    }, STATS_DEBOUNCE_MS);
  }

  private patch(part: Partial<HealthDto>): void {
    if (this.health) this.health = { ...this.health, ...part };
  }

  override render() {
    const h = this.health;
    if (!h && !this.error) return html`<div class="loading"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    return html`<div class="grid">
      <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error>
      ${h
        ? html`${this.renderSummary(h)} ${this.renderHa(h)} ${this.renderEngine(h)}
            <alm-health-stats .stats=${this.stats ?? undefined}></alm-health-stats>
            ${this.renderDb(h)} ${this.renderMqtt(h)} ${this.renderAlmanac(h)}`
        : nothing}
    </div>`;
  }

  private renderSummary(h: HealthDto) {
    const ok = h.status === 'ok';
    return html`<alm-card class="wide">
      <div class="summary">
        <alm-icon class=${ok ? 'ok' : 'warn'} .path=${ok ? mdiCheckCircle : mdiAlertCircle}></alm-icon>
        <span>${ok ? t('health.status_ok') : t('health.status_degraded')}</span>
      </div>
      <div class="tiles">${this.renderTiles(h)}</div>
    </alm-card>`;
  }

  private renderTiles(h: HealthDto) {
    const haTone: HealthTone = h.ha.state === 'connected' ? 'ok' : h.ha.state === 'connecting' ? 'warn' : 'bad';
    const engine = h.engine;
    const engineTone: HealthTone = !engine ? 'neutral' : !engine.running ? 'bad' : engine.dry_run ? 'warn' : 'ok';
    const wake = engine?.next_wake ? Date.parse(engine.next_wake) : null;
    const failures = this.stats?.runs.failures_24h ?? null;
    return html`<alm-health-tile data-tile="ha" .icon=${mdiHomeAssistant} .label=${t('health.ha')} .value=${t(`ha_state.${h.ha.state}`)} .detail=${h.ha.version ?? ''} .tone=${haTone}></alm-health-tile>
      <alm-health-tile
        data-tile="engine"
        .icon=${mdiCalendarClock}
        .label=${t('health.engine')}
        .value=${!engine ? t('common.none') : !engine.running ? t('health.engine_stopped') : engine.dry_run ? t('health.engine_dry_run_short') : t('health.engine_ok')}
        .detail=${wake !== null ? t('health.engine_next', { relative: formatRelativeTime(wake, this.now), time: formatTime(wake, h.ha.time_zone ?? undefined) }) : t('health.engine_idle')}
        .tone=${engineTone}
      ></alm-health-tile>
      <alm-health-tile
        data-tile="failures"
        .icon=${mdiAlertCircleOutline}
        .label=${t('health.failures_24h')}
        .value=${failures === null ? t('common.none') : formatNumber(failures)}
        .detail=${this.stats ? t('health.runs_24h_count', { count: formatNumber(this.stats.runs.last_24h) }) : ''}
        .tone=${failures === null ? 'neutral' : failures > 0 ? 'bad' : 'ok'}
        .href=${failures ? failuresHref() : ''}
      ></alm-health-tile>
      <alm-health-tile data-tile="db" .icon=${mdiDatabase} .label=${t('health.db')} .value=${formatBytes(h.db.size_bytes)} .detail=${h.db.ok ? t('health.db_healthy') : (h.db.error ?? '')} .tone=${h.db.ok ? 'ok' : 'bad'}></alm-health-tile>`;
  }

  private renderAlmanac(h: HealthDto) {
    const uptime = h.uptime_seconds + (this.now - this.fetchedAt) / 1000;
    return html`<alm-card .header=${t('health.almanac')}>
      <div class="card-content">
        <alm-info-row .label=${t('health.version')}>${h.version}</alm-info-row>
        <alm-info-row .label=${t('health.mode')}>${t(`mode.${h.mode}`)}</alm-info-row>
        <alm-info-row .label=${t('health.uptime')}>${formatDuration(uptime)}</alm-info-row>
      </div>
    </alm-card>`;
  }

  private renderHa(h: HealthDto) {
    const ha = h.ha;
    const tone: Tone = ha.state === 'connected' ? 'ok' : ha.state === 'connecting' ? 'warn' : 'bad';
    return html`<alm-card .header=${t('health.ha')}>
      <div class="card-content">
        <alm-info-row .label=${t('health.ha_state')}><span class=${tone}>${t(`ha_state.${ha.state}`)}</span></alm-info-row>
        <alm-info-row .label=${t('health.ha_version')}>${ha.version ?? t('common.none')}</alm-info-row>
        <alm-info-row .label=${t('health.ha_time_zone')}>${ha.time_zone ?? t('common.none')}</alm-info-row>
        <alm-info-row .label=${t('health.ha_entities')}>${formatNumber(ha.entities)}</alm-info-row>
        <alm-info-row .label=${t('health.ha_since')}>
          <span title=${formatDateTime(ha.since)}>${formatRelativeTime(ha.since, this.now)}</span>
        </alm-info-row>
        ${ha.error ? html`<alm-info-row .label=${t('health.error')}><span class="bad">${ha.error}</span></alm-info-row>` : nothing}
      </div>
    </alm-card>`;
  }

  private renderDb(h: HealthDto) {
    const db = h.db;
    return html`<alm-card .header=${t('health.db')}>
      <div class="card-content">
        <alm-info-row .label=${t('health.db_ok')}>
          <span class=${db.ok ? 'ok' : 'bad'}>${db.ok ? t('common.yes') : t('common.no')}</span>
        </alm-info-row>
        <alm-info-row .label=${t('health.db_size')}>${formatBytes(db.size_bytes)}</alm-info-row>
        <alm-info-row .label=${t('health.db_schema')}>${formatNumber(db.schema_version)}</alm-info-row>
        ${db.error ? html`<alm-info-row .label=${t('health.error')}><span class="bad">${db.error}</span></alm-info-row>` : nothing}
      </div>
    </alm-card>`;
  }

  private renderEngine(h: HealthDto) {
    const engine = h.engine;
    if (!engine) return nothing;
    const late = engine.recent_lateness_ms;
    return html`<alm-card .header=${t('health.engine')}>
      <div class="card-content">
        <alm-info-row .label=${t('health.engine_running')}>
          <span class=${engine.running ? 'ok' : 'bad'}>${engine.running ? t('common.yes') : t('common.no')}</span>
        </alm-info-row>
        ${engine.dry_run
          ? html`<alm-info-row .label=${t('health.engine_dry_run')}><span class="warn">${t('common.yes')}</span></alm-info-row>`
          : nothing}
        <alm-info-row .label=${t('health.engine_schedules')}>${formatNumber(engine.schedules)}</alm-info-row>
        <alm-info-row .label=${t('health.engine_next_wake')}>
          ${engine.next_wake
            ? html`<span title=${formatDateTime(engine.next_wake, h.ha.time_zone ?? undefined)}>${t('health.engine_next', {
                relative: formatRelativeTime(engine.next_wake, this.now),
                time: formatTime(Date.parse(engine.next_wake), h.ha.time_zone ?? undefined),
              })}</span>`
            : t('health.engine_idle')}
        </alm-info-row>
        <alm-info-row .label=${t('health.engine_lateness')}>
          ${late.samples > 0
            ? html`<span title=${t('health.lateness_samples', { count: formatNumber(late.samples) })}>${formatMilliseconds(late.p50)} / ${formatMilliseconds(late.p99)} / ${formatMilliseconds(late.max)}</span>`
            : t('health.engine_lateness_none')}
        </alm-info-row>
      </div>
    </alm-card>`;
  }

  private renderMqtt(h: HealthDto) {
    const mqtt = h.mqtt;
    if (!mqtt) return nothing;
    // Off by choice (no broker configured) is not a fault; off while enabled is worth a look.
    const tone: Tone = mqtt.state === 'connected' ? 'ok' : mqtt.state !== 'off' ? 'bad' : mqtt.enabled ? 'warn' : 'neutral';
    return html`<alm-card .header=${t('health.mqtt')}>
      <div class="card-content">
        <alm-info-row .label=${t('health.mqtt_enabled')}>${mqtt.enabled ? t('common.yes') : t('common.no')}</alm-info-row>
        <alm-info-row .label=${t('health.mqtt_state')}><span class=${tone}>${t(`mqtt_state.${mqtt.state}`)}</span></alm-info-row>
        <alm-info-row .label=${t('health.mqtt_broker')}>${mqtt.broker ?? t('common.none')}</alm-info-row>
        ${mqtt.reason ? html`<alm-info-row .label=${t('health.mqtt_reason')}>${mqtt.reason}</alm-info-row>` : nothing}
      </div>
    </alm-card>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-health-page': AlmHealthPage;
  }
}
