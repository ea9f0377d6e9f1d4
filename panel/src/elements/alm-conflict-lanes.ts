import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConflictLaneDto, ConflictLaneItemDto } from '../../../server/src/api/types.js';
import { axisTicks, boxOf, percentAt, visible, type Span } from '../conflicts/lane-geometry.js';
import { t } from '../i18n/localize.js';
import { formatTime } from '../timeline/time-format.js';

/** What a resolution would do, drawn over the lanes before it is applied. */
export type LanePreview =
  | { kind: 'priority'; winner: string }
  | { kind: 'accept' }
  | { kind: 'disable'; schedule: string }
  /** `lanes`: the lanes after the move; `overlaps`: the windows still fighting (none: it is gone). */
  | { kind: 'shift'; schedule: string; lanes: ConflictLaneDto[]; overlaps: Span[] };

/** Axis labels: fewer on a phone, and none so close to an edge that its text would be cut. */
const WIDE_TICKS = 8;
const NARROW_TICKS = 4;
const EDGE_PERCENT = 4;

/** Opacity of a window at level 0 and at 100 %: the level reads as depth of colour, as on the timeline. */
const ALPHA_MIN = 0.25;
const ALPHA_MAX = 0.75;

/** A ramp at 0 % still shows a sliver (as on the timeline), so a dawn that starts dark is visible. */
const RAMP_MIN_PERCENT = 12;

/** The top of a ramp's wedge at `level`, as a percentage from the top of the item. */
function rampTop(level: number): number {
  return 100 - Math.max(RAMP_MIN_PERCENT, level);
}

function alpha(level: number | null): number {
  return level === null ? (ALPHA_MIN + ALPHA_MAX) / 2 : ALPHA_MIN + ((ALPHA_MAX - ALPHA_MIN) * level) / 100;
}

/**
 * A conflict as lanes, one per schedule, over a stretch of time: each schedule's windows (level as
 * depth of colour and as text), ramps, point actions and lock holds, the overlap hatched in red
 * across every lane, and a resolution's preview drawn over it (the loser skipped, a lane disabled,
 * a schedule moved, the overlap accepted). Pure: data in, nothing out.
 */
@customElement('alm-conflict-lanes')
export class AlmConflictLanes extends LitElement {
  @property({ attribute: false }) lanes: ConflictLaneDto[] = [];
  @property({ attribute: false }) span: Span = { from: 0, to: 1 };
  /** The stretches the schedules fight over. */
  @property({ attribute: false }) overlaps: Span[] = [];
  @property({ attribute: false }) preview: LanePreview | null = null;
  @property() zone = 'UTC';
  @property({ type: Boolean, reflect: true }) narrow = false;

  static override styles = css`
    :host {
      display: block;
      --alm-conflict-color: var(--alm-error-color);
      font-size: var(--alm-font-size-s);
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(96px, 180px) 1fr;
      row-gap: var(--alm-space-1);
      align-items: center;
    }
    :host([narrow]) .grid {
      grid-template-columns: 1fr;
    }
    .name {
      display: flex;
      flex-direction: column;
      min-width: 0;
      padding-right: var(--alm-space-2);
    }
    .name b {
      font-weight: var(--alm-font-weight-medium);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .name small {
      color: var(--alm-secondary-text-color);
    }
    .title {
      display: flex;
      align-items: center;
      gap: var(--alm-space-1);
      min-width: 0;
    }
    .chip {
      flex: none;
      padding: 0 6px;
      border-radius: var(--alm-border-radius-pill);
      font-size: 11px;
      line-height: 18px;
      color: var(--alm-text-primary-color);
      background: var(--alm-success-color);
    }
    .chip.lost {
      background: var(--alm-secondary-text-color);
    }
    .track {
      position: relative;
      height: 36px;
      border-radius: 6px;
      background: var(--alm-secondary-background-color);
      overflow: hidden;
      overflow: clip;
    }
    .item {
      position: absolute;
      top: 4px;
      bottom: 4px;
      box-sizing: border-box;
      border-left: 3px solid var(--lane-color);
      border-radius: 4px;
      background: color-mix(in srgb, var(--lane-color) calc(var(--alpha) * 100%), transparent);
      color: var(--alm-primary-text-color);
      font-size: 11px;
      line-height: 28px;
      padding-left: 4px;
      overflow: hidden;
      white-space: nowrap;
    }
    .item.ramp {
      border-left: none;
      clip-path: polygon(0 var(--ramp-from), 100% var(--ramp-to), 100% 100%, 0 100%);
    }
    .item.point {
      z-index: 2;
      top: 8px;
      bottom: 2px;
      min-width: 3px;
      padding: 0;
      border: none;
      border-radius: 2px;
      background: var(--lane-color);
      overflow: visible;
    }
    /* A point action is a tick with a head, as on the timeline (hollow for "off"). */
    .item.point::after {
      content: '';
      position: absolute;
      top: -6px;
      left: 50%;
      width: 9px;
      height: 9px;
      box-sizing: border-box;
      transform: translateX(-50%);
      border-radius: 50%;
      background: var(--lane-color);
      border: 2px solid var(--lane-color);
    }
    .item.point.off::after {
      background: var(--alm-card-background-color);
    }
    .item.gone {
      opacity: 0.25;
      border-left-style: dashed;
    }
    .item.ghost {
      background: none;
      border: 1px dashed var(--lane-color);
      opacity: 0.7;
    }
    .overlap {
      position: absolute;
      top: 0;
      bottom: 0;
      min-width: 3px;
      box-sizing: border-box;
      border-left: 2px solid var(--alm-conflict-color);
      border-right: 2px solid var(--alm-conflict-color);
      background: repeating-linear-gradient(-45deg, color-mix(in srgb, var(--alm-conflict-color) 55%, transparent) 0 3px, transparent 3px 8px);
      pointer-events: none;
    }
    .overlap.kept {
      border-color: var(--alm-success-color);
      border-width: 2px;
      border-style: solid;
      background: none;
    }
    .overlap.accepted {
      border-color: var(--alm-success-color);
      background: repeating-linear-gradient(-45deg, color-mix(in srgb, var(--alm-success-color) 35%, transparent) 0 2px, transparent 2px 10px);
    }
    .skipped {
      position: absolute;
      top: 0;
      bottom: 0;
      min-width: 3px;
      display: flex;
      align-items: center;
      justify-content: center;
      background: repeating-linear-gradient(45deg, color-mix(in srgb, var(--alm-secondary-text-color) 45%, var(--alm-secondary-background-color)) 0 4px, var(--alm-secondary-background-color) 4px 8px);
      overflow: hidden;
      white-space: nowrap;
    }
    .skipped span {
      padding: 0 4px;
      border-radius: 4px;
      background: var(--alm-card-background-color);
      font-size: 11px;
      line-height: 16px;
    }
    .axis {
      position: relative;
      height: 18px;
      color: var(--alm-secondary-text-color);
      font-size: 11px;
    }
    .axis span {
      position: absolute;
      transform: translateX(-50%);
      white-space: nowrap;
    }
  `;

  override render() {
    const lanes = this.preview?.kind === 'shift' ? this.merged(this.preview) : this.lanes;
    return html`<div class="grid" role="img" aria-label=${t('conflicts.lanes_label')}>
      ${lanes.map((lane, i) => this.renderLane(lane, i))}
      <div></div>
      <div class="axis">${axisTicks(this.span, this.narrow ? NARROW_TICKS : WIDE_TICKS)
          .map((at) => percentAt(this.span, at))
          .filter((x) => x >= EDGE_PERCENT && x <= 100 - EDGE_PERCENT)
          .map((x) => html`<span style="left:${x}%">${formatTime(this.span.from + ((this.span.to - this.span.from) * x) / 100, this.zone)}</span>`)}</div>
    </div>`;
  }

  /** The lanes with the moved schedule's lane from the preview (its old items kept as ghosts). */
  private merged(preview: Extract<LanePreview, { kind: 'shift' }>): ConflictLaneDto[] {
    return this.lanes.map((lane) => {
      if (lane.schedule_id !== preview.schedule) return lane;
      const after = preview.lanes.find((l) => l.schedule_id === lane.schedule_id);
      return { ...lane, items: [...lane.items.map((i) => ({ ...i, action: `ghost:${i.action}` })), ...(after?.items ?? [])] };
    });
  }

  private renderLane(lane: ConflictLaneDto, index: number) {
    const color = `var(--alm-conflict-lane-${index % 2}, ${index % 2 === 0 ? '#039be5' : '#ff9800'})`;
    const p = this.preview;
    const disabled = p?.kind === 'disable' && p.schedule === lane.schedule_id;
    const lost = p?.kind === 'priority' && p.winner !== lane.schedule_id;
    const overlaps = p?.kind === 'shift' ? p.overlaps : p?.kind === 'disable' ? [] : this.overlaps;
    return html`<div class="name" data-schedule=${lane.schedule_id}>
        <span class="title"><b title=${lane.name}>${lane.name}</b>${this.renderChip(lane, disabled, lost)}</span>
        <small>${t('conflicts.priority', { priority: lane.priority })}</small>
      </div>
      <div class="track" style="--lane-color:${color}" data-schedule=${lane.schedule_id}>
        ${lane.items.filter((i) => visible(this.span, Date.parse(i.from), i.to === null ? null : Date.parse(i.to))).map((i) => this.renderItem(i, disabled))}
        ${lost ? this.overlaps.map((o) => this.renderSkipped(o)) : nothing}
        ${lost ? nothing : overlaps.map((o) => this.renderOverlap(o, p?.kind === 'priority' ? 'kept' : p?.kind === 'accept' ? 'accepted' : ''))}
      </div>`;
  }

  private renderChip(lane: ConflictLaneDto, disabled: boolean, lost: boolean) {
    const p = this.preview;
    if (disabled) return html`<span class="chip lost">${t('conflicts.preview_disabled')}</span>`;
    if (lost) return html`<span class="chip lost">${t('conflicts.preview_skipped')}</span>`;
    if (p?.kind === 'priority') return html`<span class="chip">${t('conflicts.preview_keeps')}</span>`;
    if (p?.kind === 'shift' && p.schedule === lane.schedule_id) return html`<span class="chip">${t('conflicts.preview_moved')}</span>`;
    return nothing;
  }

  private renderItem(item: ConflictLaneItemDto, gone: boolean) {
    const ghost = item.action.startsWith('ghost:');
    const action = ghost ? item.action.slice('ghost:'.length) : item.action;
    const from = Date.parse(item.from);
    const to = item.to === null ? null : Date.parse(item.to);
    const box = boxOf(this.span, from, to);
    const classes = ['item', item.kind, action === 'off' ? 'off' : '', gone ? 'gone' : '', ghost ? 'ghost' : ''].join(' ');
    const level = action === 'off' ? t('conflicts.action_off') : action === 'on' ? t('conflicts.action_on') : item.level === null ? '' : `${item.level} %`;
    const title = `${formatTime(from, this.zone)}${to === null ? '' : `–${formatTime(to, this.zone)}`} ${t(`conflicts.action_${this.actionKey(action)}`)} ${level}`.trim();
    const ramp = item.kind === 'ramp' ? `--ramp-from:${rampTop(item.from_level ?? 0)}%;--ramp-to:${rampTop(item.level ?? 100)}%;` : '';
    return html`<div class=${classes} title=${title} data-kind=${item.kind} style="left:${box.left}%;width:${box.width}%;--alpha:${alpha(item.level)};${ramp}">${item.kind === 'point' ? '' : level}</div>`;
  }

  private actionKey(action: string): 'on' | 'off' | 'set_level' | 'ramp' | 'skipped' | 'other' {
    return action === 'on' || action === 'off' || action === 'set_level' || action === 'ramp' || action === 'skipped' ? action : 'other';
  }

  private renderOverlap(o: Span, mode: '' | 'kept' | 'accepted') {
    const box = boxOf(this.span, o.from, o.to);
    return html`<div class="overlap ${mode}" style="left:${box.left}%;width:${box.width}%"></div>`;
  }

  private renderSkipped(o: Span) {
    const box = boxOf(this.span, o.from, o.to);
    return html`<div class="skipped" style="left:${box.left}%;width:${box.width}%"><span>${t('conflicts.preview_skipped')}</span></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-conflict-lanes': AlmConflictLanes;
  }
}
