import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TimelineDto } from '../../../server/src/api/types.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import { hourMarks, isDstDay, type TimelineDay } from '../timeline/days.js';
import type { TimeScale } from '../timeline/scale.js';
import { formatDay, formatHourMark, formatTime } from '../timeline/time-format.js';

/** Height of the day row and of the hour row. */
export const AXIS_DAY_HEIGHT = 30;
export const AXIS_HOUR_HEIGHT = 22;
export const AXIS_HEIGHT = AXIS_DAY_HEIGHT + AXIS_HOUR_HEIGHT;
/** Day label forms by the room a day has: "30 M", "Mon 30", "Mon, Mar 30", "Monday, March 30, 2026". */
const SHORT_DAY_LABEL_PX = 60;
const MEDIUM_DAY_LABEL_PX = 100;
const LONG_DAY_LABEL_PX = 280;
/** The "23 h" badge of a DST day takes this much of the day's label room. */
const DST_BADGE_PX = 40;
/** Half the width of an hour label ("12 PM", "06:00"). */
const HOUR_LABEL_HALF_PX = 18;
/** The now marker is about this wide; near an edge it is kept inside instead of centred. */
const NOW_HALF_WIDTH_PX = 34;

/**
 * The timeline's time axis: a row of days (each as wide as its real length, with a badge on a
 * 23- or 25-hour day) over a row of hour marks, the "now" marker and the clock changes.
 */
@customElement('alm-timeline-axis')
export class AlmTimelineAxis extends LitElement {
  @property({ attribute: false }) days: TimelineDay[] = [];
  @property({ attribute: false }) scale?: TimeScale;
  @property({ attribute: false }) transitions: TimelineDto['transitions'] = [];
  @property() zone = 'UTC';
  /** Hours between labelled marks, or null for none. */
  @property({ type: Number }) step: number | null = null;
  @property({ type: Number }) now = 0;

  static override styles = css`
    :host {
      display: block;
      position: relative;
      height: ${AXIS_HEIGHT}px;
      overflow: hidden;
      font-size: var(--alm-font-size-s);
      color: var(--alm-secondary-text-color);
      user-select: none;
    }
    .day {
      position: absolute;
      top: 0;
      height: ${AXIS_DAY_HEIGHT}px;
      display: flex;
      align-items: center;
      gap: var(--alm-space-1);
      padding: 0 var(--alm-space-2);
      box-sizing: border-box;
      border-left: 1px solid var(--alm-divider-color);
      color: var(--alm-primary-text-color);
      font-weight: var(--alm-font-weight-medium);
      white-space: nowrap;
      overflow: hidden;
    }
    .day.today {
      color: var(--alm-primary-color);
    }
    .day.weekend {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.04);
    }
    .day-name {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .dst {
      flex: none;
      padding: 0 6px;
      border-radius: var(--alm-border-radius-pill);
      background-color: color-mix(in srgb, var(--alm-warning-color) 22%, transparent);
      color: var(--alm-primary-text-color);
      font-size: var(--alm-font-size-xs);
      font-weight: var(--alm-font-weight-bold);
      line-height: 16px;
    }
    .hour {
      position: absolute;
      top: ${AXIS_DAY_HEIGHT}px;
      height: ${AXIS_HOUR_HEIGHT}px;
      line-height: ${AXIS_HOUR_HEIGHT}px;
      transform: translateX(-50%);
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .hour.repeated {
      color: var(--alm-warning-color);
    }
    .now {
      position: absolute;
      top: ${AXIS_DAY_HEIGHT + 2}px;
      z-index: 1;
      padding: 0 6px;
      border-radius: var(--alm-border-radius-pill);
      background-color: var(--alm-error-color);
      color: #fff;
      font-weight: var(--alm-font-weight-medium);
      line-height: 18px;
      font-variant-numeric: tabular-nums;
    }
    .transition {
      position: absolute;
      top: ${AXIS_DAY_HEIGHT}px;
      bottom: 0;
      width: 0;
      border-left: 2px dashed var(--alm-warning-color);
    }
  `;

  override render() {
    const scale = this.scale;
    if (!scale) return nothing;
    const today = this.days.find((d) => this.now >= d.start && this.now < d.end);
    return html`${this.days.map((day) => this.renderDay(day, scale, day === today))}
    ${this.renderHours(scale)} ${this.transitions.map((tr) => this.renderTransition(tr, scale))}
    ${this.now >= scale.from && this.now <= scale.to ? this.renderNow(scale) : nothing}`;
  }

  private renderNow(scale: TimeScale) {
    const x = scale.x(this.now);
    const shift = x < NOW_HALF_WIDTH_PX ? `-${x}px` : x > scale.width - NOW_HALF_WIDTH_PX ? `calc(-100% + ${scale.width - x}px)` : '-50%';
    return html`<span class="now" style="left:${x}px;transform:translateX(${shift})" title=${t('timeline.now')}>${formatTime(this.now, this.zone)}</span>`;
  }

  private renderDay(day: TimelineDay, scale: TimeScale, today: boolean) {
    const left = scale.x(day.start);
    const width = scale.x(day.end) - left;
    const dst = isDstDay(day);
    const room = width - (dst ? DST_BADGE_PX : 0);
    const style = room < SHORT_DAY_LABEL_PX ? 'narrow' : room < MEDIUM_DAY_LABEL_PX ? 'short' : room < LONG_DAY_LABEL_PX ? 'medium' : 'long';
    const hours = formatNumber(day.hours, { maximumFractionDigits: 1 });
    const weekend = day.weekday >= 6;
    return html`<div
      class="day ${today ? 'today' : ''} ${weekend ? 'weekend' : ''}"
      style="left:${left}px;width:${width}px"
      data-day=${day.key}
      data-hours=${day.hours}
      title=${dst ? `${formatDay(day.start, this.zone, 'long')} · ${t('timeline.dst_day', { hours })}` : formatDay(day.start, this.zone, 'long')}
    >
      <span class="day-name">${formatDay(day.start, this.zone, style)}</span>
      ${dst ? html`<span class="dst" aria-label=${t('timeline.dst_day', { hours })}>${t('timeline.dst_hours', { hours })}</span>` : nothing}
    </div>`;
  }

  private renderHours(scale: TimeScale) {
    if (this.step === null) return nothing;
    const step = this.step;
    // Labels the now marker would cover are left out rather than drawn half-hidden.
    const nowX = this.now >= scale.from && this.now <= scale.to ? scale.x(this.now) : null;
    const covered = (x: number): boolean => nowX !== null && Math.abs(x - nowX) < NOW_HALF_WIDTH_PX + HOUR_LABEL_HALF_PX;
    return this.days.map((day) => {
      const seen = new Set<number>();
      return hourMarks(day, this.zone, step).map((mark) => {
        const repeated = seen.has(mark.hour);
        seen.add(mark.hour);
        if (covered(scale.x(mark.at))) return nothing;
        return html`<span class="hour ${repeated ? 'repeated' : ''}" style="left:${scale.x(mark.at)}px">${formatHourMark(mark.hour, mark.minute)}</span>`;
      });
    });
  }

  private renderTransition(tr: TimelineDto['transitions'][number], scale: TimeScale) {
    const at = Date.parse(tr.at);
    const before = formatHourMark(...wallBefore(at, tr.offset_before_minutes));
    const after = formatHourMark(...wallBefore(at, tr.offset_after_minutes));
    return html`<span class="transition" style="left:${scale.x(at) - 1}px" title=${t('timeline.transition', { before, after })}></span>`;
  }
}

/** The wall clock hour and minute at `at` under a UTC offset, e.g. 02:00 just before a spring-forward. */
function wallBefore(at: number, offsetMinutes: number): [number, number] {
  const d = new Date(at + offsetMinutes * 60_000);
  return [d.getUTCHours(), d.getUTCMinutes()];
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-axis': AlmTimelineAxis;
  }
}
