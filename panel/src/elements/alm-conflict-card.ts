import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiChevronLeft, mdiChevronRight } from '@mdi/js';
import type { ConflictDto, EntityDto } from '../../../server/src/api/types.js';
import { conflictTitle, kindLabel, outcomeText, scheduleNames, statusLabel, whenText } from '../conflicts/conflict-text.js';
import { spanAround, type Span } from '../conflicts/lane-geometry.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import { formatDayTime } from '../timeline/time-format.js';
import type { LanePreview } from './alm-conflict-lanes.js';
import type { ShiftInfo } from './alm-conflict-resolutions.js';
import './alm-card.js';
import './alm-conflict-lanes.js';
import './alm-conflict-resolutions.js';
import './alm-icon-button.js';

/**
 * One conflict: what fights over what and when, what happens at run time, its lanes around one of
 * its windows (step through them), and its resolutions with their preview on the lanes. Data down;
 * `conflict-preview` and `conflict-resolve` bubble up from the resolutions.
 */
@customElement('alm-conflict-card')
export class AlmConflictCard extends LitElement {
  @property({ attribute: false }) conflict!: ConflictDto;
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  @property() zone = 'UTC';
  @property({ attribute: false }) preview: LanePreview | null = null;
  @property({ attribute: false }) shift: ShiftInfo | null = null;
  @property({ type: Boolean }) busy = false;
  /** Opened from a link (the timeline, a notification): drawn with a ring. */
  @property({ type: Boolean, reflect: true }) selected = false;
  @property({ type: Boolean, reflect: true }) narrow = false;

  @state() private index = 0;

  static override styles = css`
    :host {
      display: block;
    }
    :host([selected]) alm-card {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 2px;
    }
    .content {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-3);
      padding: var(--alm-space-3) var(--alm-space-4) var(--alm-space-4);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-1) var(--alm-space-2);
      color: var(--alm-secondary-text-color);
    }
    .chip {
      padding: 0 8px;
      border-radius: var(--alm-border-radius-pill);
      line-height: 22px;
      font-size: var(--alm-font-size-s);
      background: var(--alm-secondary-background-color);
      color: var(--alm-primary-text-color);
    }
    .chip.open {
      background: color-mix(in srgb, var(--alm-error-color) 18%, transparent);
    }
    .chip.accepted,
    .chip.resolved {
      background: color-mix(in srgb, var(--alm-success-color) 18%, transparent);
    }
    .outcome {
      margin: 0;
    }
    .note {
      margin: 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .nav {
      display: flex;
      align-items: center;
      gap: var(--alm-space-1);
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .count {
      white-space: nowrap;
    }
    a {
      color: var(--alm-primary-color);
    }
  `;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conflict') && this.index >= this.conflict.windows.length) this.index = 0;
  }

  override render() {
    const c = this.conflict;
    const lanes = this.preview?.kind === 'shift' ? [...c.lanes, ...this.preview.lanes] : c.lanes;
    const span = spanAround(c, this.index, lanes);
    const overlaps: Span[] = c.windows.map((w) => ({ from: Date.parse(w.from), to: Date.parse(w.to) })).filter((w) => w.to >= span.from && w.from <= span.to);
    return html`<alm-card .header=${conflictTitle(c, this.entities)}>
      <div class="content">
        <div class="meta">
          <span class="chip ${c.kind}">${kindLabel(c.kind)}</span>
          <span class="chip ${c.status}" data-status=${c.status}>${statusLabel(c.status)}</span>
          <span>${whenText(c, this.zone)}</span>
        </div>
        <p class="outcome">${outcomeText(c)}</p>
        ${c.conditional ? html`<p class="note">${t('conflicts.conditional')}</p>` : nothing} ${this.renderDecision()} ${this.renderNav()}
        <alm-conflict-lanes .lanes=${c.lanes} .span=${span} .overlaps=${overlaps} .preview=${this.preview} .zone=${this.zone} ?narrow=${this.narrow}></alm-conflict-lanes>
        <alm-conflict-resolutions .conflict=${c} .shift=${this.shift} ?busy=${this.busy}></alm-conflict-resolutions>
      </div>
    </alm-card>`;
  }

  private renderDecision() {
    const r = this.conflict.resolution;
    if (!r) return nothing;
    const names = scheduleNames(this.conflict);
    const what =
      r.strategy === 'priority' ? t('conflicts.decided_keep', { name: names.get(r.winner_id) ?? r.winner_id })
      : r.strategy === 'disable' ? t('conflicts.decided_disable', { name: names.get(r.schedule_id) ?? r.schedule_id })
      : r.strategy === 'shift' ? t('conflicts.decided_move', { name: names.get(r.schedule_id) ?? r.schedule_id, minutes: r.minutes })
      : t('conflicts.decided_accept');
    return html`<p class="note">${t('conflicts.decided', { what, user: r.user.name, time: formatDayTime(Date.parse(r.at), this.zone) })}</p>`;
  }

  private renderNav() {
    const count = this.conflict.windows.length;
    const names = scheduleNames(this.conflict);
    const links = this.conflict.lanes.map((lane) => html`<a href=${routeHref('schedules', lane.schedule_id)}>${names.get(lane.schedule_id)}</a>`);
    return html`<div class="nav">
      ${count > 1
        ? html`<alm-icon-button .path=${mdiChevronLeft} .label=${t('conflicts.previous')} ?disabled=${this.index === 0} @click=${() => (this.index -= 1)}></alm-icon-button>
            <span class="count">${t('conflicts.window_of', { n: this.index + 1, count })}</span>
            <alm-icon-button .path=${mdiChevronRight} .label=${t('conflicts.next')} ?disabled=${this.index >= count - 1} @click=${() => (this.index += 1)}></alm-icon-button>`
        : nothing}
      <span>${t('conflicts.open_schedules')} ${links.map((l, i) => html`${i > 0 ? ', ' : ''}${l}`)}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-conflict-card': AlmConflictCard;
  }
}
