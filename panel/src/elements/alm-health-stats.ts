import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StatsDto } from '../../../server/src/api/types.js';
import type { RunStatus } from '../../../server/src/domain/schedule.js';
import { formatNumber } from '../i18n/format.js';
import { isMessageKey, t } from '../i18n/localize.js';
import { filterHref, EMPTY_FILTER, RUN_STATUSES } from './alm-history-filter.js';
import { RUN_STATUS_LOOK } from './alm-run-status-chip.js';
import './alm-card.js';
import './alm-info-row.js';

/** The run status the server counts in `failures_24h`. */
export const FAILED_STATUSES: RunStatus[] = ['failed'];

/** The history link listing the last day's failures. */
export function failuresHref(): string {
  return filterHref({ ...EMPTY_FILTER, status: FAILED_STATUSES, range: '24h' });
}

const SCHEDULE_STATES = ['enabled', 'paused', 'disabled', 'failing', 'completed'] as const;

/**
 * The counters of `/api/stats`: runs and failures of the last 24 hours (linking to them in the
 * history), schedules by state, and all kept runs by status as a proportional bar.
 */
@customElement('alm-health-stats')
export class AlmHealthStats extends LitElement {
  @property({ attribute: false }) stats?: StatsDto;

  static override styles = css`
    :host {
      display: block;
    }
    .card-content {
      padding: 0 var(--alm-space-4) var(--alm-space-3);
    }
    a {
      color: var(--alm-primary-color);
      font-weight: var(--alm-font-weight-medium);
      text-decoration: none;
    }
    a:hover {
      text-decoration: underline;
    }
    a:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      border-radius: 2px;
    }
    .bad {
      color: var(--alm-error-color);
    }
    h3 {
      margin: var(--alm-space-3) 0 var(--alm-space-2);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
    }
    .bar {
      display: flex;
      height: 10px;
      border-radius: var(--alm-border-radius-pill);
      overflow: hidden;
      background-color: var(--alm-secondary-background-color);
    }
    .bar span {
      min-width: 3px;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-1) var(--alm-space-3);
      margin: var(--alm-space-2) 0 0;
      padding: 0;
      list-style: none;
      font-size: var(--alm-font-size-s);
      color: var(--alm-secondary-text-color);
    }
    li {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
    }
  `;

  override render() {
    const stats = this.stats;
    if (!stats) return nothing;
    const failures = stats.runs.failures_24h;
    return html`<alm-card .header=${t('health.runs')}>
      <div class="card-content">
        <alm-info-row .label=${t('health.runs_24h')}>${formatNumber(stats.runs.last_24h)}</alm-info-row>
        <alm-info-row .label=${t('health.failures_24h')}>
          ${failures > 0
            ? html`<a class="bad" href=${failuresHref()}>${t('health.show_failures', { count: formatNumber(failures) })}</a>`
            : t('health.no_failures')}
        </alm-info-row>
        ${SCHEDULE_STATES.filter((s) => (stats.schedules.by_state[s] ?? 0) > 0 || s === 'enabled').map(
          (s) => html`<alm-info-row .label=${t(`health.schedules_${s}`)}>${formatNumber(stats.schedules.by_state[s] ?? 0)}</alm-info-row>`,
        )}
        ${this.renderStatusBar(stats)}
      </div>
    </alm-card>`;
  }

  private renderStatusBar(stats: StatsDto) {
    const counts = RUN_STATUSES.map((status) => ({ status, count: stats.runs.by_status[status] ?? 0 })).filter((c) => c.count > 0);
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    if (total === 0) return nothing;
    const label = (status: string): string => (isMessageKey(`history.status_${status}`) ? t(`history.status_${status}` as never) : status);
    return html`<h3>${t('health.runs_by_status')}</h3>
      <div class="bar" role="img" aria-label=${counts.map((c) => `${label(c.status)}: ${c.count}`).join(', ')}>
        ${counts.map((c) => html`<span style="flex:${c.count};background-color:${RUN_STATUS_LOOK[c.status].color}"></span>`)}
      </div>
      <ul>
        ${counts.map(
          (c) => html`<li><span class="dot" style="background-color:${RUN_STATUS_LOOK[c.status].color}"></span>${label(c.status)} ${formatNumber(c.count)}</li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-health-stats': AlmHealthStats;
  }
}
