import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { EntityDto, TimelineDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';
import { readColors } from '../timeline/colors.js';
import { chartLayout, type ChartLayout } from '../timeline/chart-layout.js';
import type { TimelineDay } from '../timeline/days.js';
import { hitAt, itemRect, LANE_TITLE_HEIGHT, laneHeight, type ItemRef } from '../timeline/geometry.js';
import { blockLabel, describeItem } from '../timeline/item-text.js';
import { isNavigationKey, moveFocus } from '../timeline/keyboard.js';
import type { Lane, LaneGrouping, LaneItem } from '../timeline/lanes.js';
import { paintTimeline } from '../timeline/paint.js';
import { markAt, type ConflictMark } from '../timeline/conflict-marks.js';
import { paintConflictMarks } from '../timeline/paint-conflicts.js';
import type { TimeScale } from '../timeline/scale.js';
import { formatDayTime } from '../timeline/time-format.js';
import { canvasOrigin, revealScroll } from '../timeline/viewport.js';
import { laneOffsets, visibleLanes } from '../timeline/virtual.js';
import { AXIS_HEIGHT } from './alm-timeline-axis.js';
import { chartStyles } from './alm-timeline-chart-styles.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import './alm-timeline-axis.js';
import './alm-timeline-lane-label.js';
import './alm-timeline-tooltip.js';
import { renderMarkers } from '../timeline/markers.js';
import type { WaitMark } from '../timeline/wait-marks.js';
import { renderWaitMarks } from '../timeline/wait-mark-view.js';
import { describeWait } from '../timeline/wait-text.js';
import type { PhaseMark } from '../timeline/phase-marks.js';

/** The name column: room for "Reef light actinic" (on phones names go above the lanes instead). */
const LABEL_WIDTH = 212;
/** Label rows rendered beyond the visible ones, so a quick scroll does not show blanks. */
const OVERSCAN_LANES = 4;
/** The tooltip keeps this far from the pointer, so it never hides what it describes. */
const TOOLTIP_OFFSET = 14;
/** Room for the "nothing planned" message when there are no lanes. */
const EMPTY_BODY_HEIGHT = 160;

interface Hover {
  lane: number;
  items: LaneItem[];
  /** Host coordinates of the anchor point. */
  x: number;
  y: number;
  pinned: boolean;
}

/**
 * The swimlane chart: a sticky time axis, a sticky column of lane names, and a canvas painting
 * only the lanes and items in view. Hover or keyboard focus shows an item's details; clicking an
 * item (or Enter) fires `timeline-open`. Fires `timeline-painted` after painting new lanes.
 */
@customElement('alm-timeline-chart')
export class AlmTimelineChart extends LitElement {
  @property({ attribute: false }) lanes: Lane[] = [];
  @property({ attribute: false }) days: TimelineDay[] = [];
  @property({ attribute: false }) transitions: TimelineDto['transitions'] = [];
  /** Labelled instants drawn across the lanes (grows' phase changes). */
  @property({ attribute: false }) markers: readonly PhaseMark[] = [];
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  @property() zone = 'UTC';
  @property() grouping: LaneGrouping = 'entity';
  @property({ type: Number }) now = 0;
  /** Holds in force: their lanes' labels show a badge. */
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;
  @property({ type: Boolean, reflect: true }) narrow = false;
  /** Conflict marks per lane (timeline/conflict-marks.ts); clicking one fires `timeline-conflict`. */
  @property({ attribute: false }) marks: ConflictMark[][] = [];
  /** Runs waiting for their lock, per lane (timeline/wait-marks.ts); each links to its lock. */
  @property({ attribute: false }) waits: readonly WaitMark[][] = [];
  /** Schedule names by id: a wait names the schedules that go first. */
  @property({ attribute: false }) scheduleNames: ReadonlyMap<string, string> = new Map();

  @state() private viewport = { width: 0, height: 0 };
  @state() private scrollPos = { left: 0, top: 0 };
  @state() private hover: Hover | null = null;
  @state() private focusRef: ItemRef | null = null;
  @state() private overMark = false;
  @query('.scroller') private scroller!: HTMLElement;
  @query('canvas') private canvas!: HTMLCanvasElement;
  @query('.body') private body!: HTMLElement;

  private offsets: number[] = [0];
  private layout: ChartLayout | null = null;
  private announced: Lane[] | null = null;
  private resizeObserver = new ResizeObserver(() => this.measure());

  static override styles = chartStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.resizeObserver.observe(this.scroller);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  protected override firstUpdated(): void {
    this.resizeObserver.observe(this.scroller);
  }

  private get scale(): TimeScale | null {
    return this.layout?.scale ?? null;
  }

  private get labelWidth(): number {
    return this.narrow ? 0 : LABEL_WIDTH;
  }

  private get titleHeight(): number {
    return this.narrow ? LANE_TITLE_HEIGHT : 0;
  }

  /** Top of a lane's rows, below its name line on phones. */
  private rowsTop(lane: number): number {
    return this.offsets[lane]! + this.titleHeight;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('lanes') || changed.has('narrow')) {
      this.offsets = laneOffsets(this.lanes.map((lane) => laneHeight(lane, this.titleHeight)));
      this.hover = null;
      if (this.focusRef && !this.lanes[this.focusRef.lane]?.items.includes(this.focusRef.item)) this.focusRef = null;
    }
    const width = this.viewport.width - this.labelWidth;
    if (changed.has('days') || changed.has('zone') || changed.has('viewport') || changed.has('narrow') || !this.layout) {
      this.layout = chartLayout(this.days, this.zone, width);
    }
  }

  override render() {
    const scale = this.scale;
    const total = this.offsets[this.offsets.length - 1] ?? 0;
    const bodyHeight = Math.max(total, this.lanes.length === 0 ? EMPTY_BODY_HEIGHT : 0);
    const width = scale?.width ?? 0;
    const canvasWidth = Math.max(0, Math.min(width, this.viewport.width - this.labelWidth));
    const canvasHeight = Math.max(0, Math.min(bodyHeight, this.viewport.height - AXIS_HEIGHT));
    const range = visibleLanes(this.offsets, this.scrollPos.top, this.viewport.height, OVERSCAN_LANES);
    const label = scale ? t('timeline.chart_label', { from: formatDayTime(scale.from, this.zone), to: formatDayTime(scale.to, this.zone) }) : '';
    return html`<div class="scroller" style="--alm-timeline-viewport-width:${this.viewport.width}px" @scroll=${this.onScroll}>
        <div class="grid" style="grid-template-columns:${this.labelWidth}px ${width}px;grid-template-rows:${AXIS_HEIGHT}px ${bodyHeight}px">
          <div class="corner">${this.grouping === 'entity' ? t('timeline.column_entity') : t('timeline.column_schedule')}</div>
          <alm-timeline-axis class="axis" .days=${this.days} .scale=${scale} .zone=${this.zone} .step=${this.layout?.axisStep ?? null} .now=${this.now} .transitions=${this.transitions}></alm-timeline-axis>
          <div class="labels" style="height:${bodyHeight}px">
            ${this.lanes.slice(range.first, range.end).map((lane, i) => this.renderLabel(lane, range.first + i))}
          </div>
          <div
            class="body ${(this.hover && !this.hover.pinned) || this.overMark ? 'over-item' : ''}"
            style="height:${bodyHeight}px"
            tabindex=${this.lanes.length > 0 ? '0' : '-1'}
            role="application"
            aria-label=${label}
            aria-describedby="help"
            @pointermove=${this.onPointerMove}
            @pointerleave=${this.onPointerLeave}
            @click=${this.onClick}
            @keydown=${this.onKeyDown}
            @focus=${this.onFocus}
            @blur=${this.onBlur}
          >
            <canvas style="top:${AXIS_HEIGHT}px;left:${this.labelWidth}px;width:${canvasWidth}px;height:${canvasHeight}px"></canvas>
            ${scale ? renderMarkers(this.markers, scale) : nothing}
            ${scale ? renderWaitMarks({ marks: this.waits, first: range.first, end: range.end, rowsTop: (i) => this.rowsTop(i), scale, describe: (m) => this.describeWait(m) }) : nothing}
            ${this.lanes.length === 0 ? html`<div class="empty"><slot name="empty"></slot></div>` : nothing}
          </div>
        </div>
      </div>
      ${this.renderTooltip()}
      <div id="help" class="sr-only">${t('timeline.keyboard_help')}</div>
      <div class="sr-only" aria-live="polite">${this.focusRef ? describeItem(this.focusRef.item, this.zone) : ''}</div>`;
  }

  private describeWait(mark: WaitMark): string {
    return describeWait(mark.wait, (id) => this.scheduleNames.get(id) ?? id, this.now || Date.now(), this.zone);
  }

  private renderLabel(lane: Lane, index: number) {
    const top = this.offsets[index]!;
    return html`<alm-timeline-lane-label
      style="top:${top}px;height:${this.narrow ? this.titleHeight : laneHeight(lane)}px"
      ?compact=${this.narrow}
      data-lane=${lane.key}
      .lane=${lane}
      .entity=${lane.entityId ? this.entities.get(lane.entityId) : undefined}
      .hold=${lane.entityId ? this.holds.byEntity.get(lane.entityId) : lane.scheduleId ? this.holds.bySchedule.get(lane.scheduleId)?.[0] : undefined}
      .now=${this.now || Date.now()}
    ></alm-timeline-lane-label>`;
  }

  private renderTooltip() {
    const hover = this.hover;
    if (!hover) return nothing;
    const right = hover.x > this.clientWidth / 2;
    const below = hover.y < this.clientHeight / 2;
    const transform = `translate(${right ? `calc(-100% - ${TOOLTIP_OFFSET}px)` : `${TOOLTIP_OFFSET}px`}, ${below ? `${TOOLTIP_OFFSET}px` : `calc(-100% - ${TOOLTIP_OFFSET}px)`})`;
    return html`<alm-timeline-tooltip
      style="left:${hover.x}px;top:${hover.y}px;transform:${transform}"
      .items=${hover.items}
      .zone=${this.zone}
      ?pinned=${hover.pinned}
    ></alm-timeline-tooltip>`;
  }

  protected override updated(): void {
    this.paint();
    if (this.scale && this.viewport.width > 0 && this.announced !== this.lanes) {
      this.announced = this.lanes;
      this.dispatchEvent(new CustomEvent('timeline-painted', { detail: { lanes: this.lanes.length }, bubbles: true, composed: true }));
    }
  }

  /** Paints the canvas for the current scroll position. */
  private paint(): void {
    const scale = this.scale;
    const canvas = this.canvas;
    if (!scale || !canvas) return;
    const width = parseFloat(canvas.style.width);
    const height = parseFloat(canvas.style.height);
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx || width === 0 || height === 0) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const total = this.offsets[this.offsets.length - 1] ?? 0;
    const origin = canvasOrigin(this.scrollPos, { width, height }, { width: scale.width, height: Math.max(total, height) });
    const hover = this.hover;
    const colors = readColors(this, ctx);
    paintTimeline(ctx, {
      width,
      height,
      ...origin,
      scale,
      lanes: this.lanes,
      offsets: this.offsets,
      titleHeight: this.titleHeight,
      days: this.days,
      gridMarks: this.layout!.gridMarks,
      transitions: this.transitions.map((tr) => Date.parse(tr.at)),
      now: this.now,
      colors,
      hover: hover?.items[0] ? { lane: hover.lane, item: hover.items[0] } : null,
      focus: this.focusRef,
      label: (item) => blockLabel(item, this.grouping),
    });
    paintConflictMarks(ctx, { width, height, ...origin, scale, lanes: this.lanes, offsets: this.offsets, titleHeight: this.titleHeight, color: colors.now }, this.marks);
  }

  /** The conflict marked under a pointer event, or null. */
  private markHit(e: MouseEvent): string | null {
    if (!this.scale || this.marks.length === 0) return null;
    const rect = this.body.getBoundingClientRect();
    return markAt(this.lanes, this.marks, this.offsets, this.titleHeight, e.clientX - rect.left, e.clientY - rect.top, this.scale);
  }

  /**
   * The scroller's width and its full height (its max-height): the height it takes once the lanes
   * are in, so the first paint of new lanes is already the complete one.
   */
  private measure(): void {
    const s = this.scroller;
    if (!s) return;
    const maxHeight = parseFloat(getComputedStyle(s).maxHeight);
    this.viewport = { width: s.clientWidth, height: Number.isFinite(maxHeight) ? maxHeight : s.clientHeight };
  }

  private onScroll(): void {
    const left = this.scroller.scrollLeft;
    const top = this.scroller.scrollTop;
    // A scroll the chart made itself (to reveal the focused item) keeps that item's details up.
    if (left === this.scrollPos.left && top === this.scrollPos.top) return;
    this.scrollPos = { left, top };
    if (this.hover && !this.hover.pinned) this.hover = null;
  }

  /** The items under a pointer event. */
  private hitTest(e: MouseEvent): { lane: number; items: LaneItem[] } | null {
    if (!this.scale) return null;
    const rect = this.body.getBoundingClientRect();
    return hitAt(this.lanes, this.offsets, this.titleHeight, e.clientX - rect.left, e.clientY - rect.top, this.scale);
  }

  private hostPoint(e: MouseEvent): { x: number; y: number } {
    const rect = this.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  private onPointerMove(e: PointerEvent): void {
    if (e.pointerType === 'touch' || this.hover?.pinned) return;
    this.overMark = this.markHit(e) !== null;
    const hit = this.hitTest(e);
    this.hover = hit ? { ...hit, ...this.hostPoint(e), pinned: false } : null;
  }

  private onPointerLeave(): void {
    if (this.hover && !this.hover.pinned) this.hover = null;
  }

  private onClick(e: PointerEvent): void {
    const conflict = this.markHit(e);
    if (conflict) {
      this.dispatchEvent(new CustomEvent('timeline-conflict', { detail: { id: conflict }, bubbles: true, composed: true }));
      return;
    }
    const hit = this.hitTest(e);
    if (!hit) {
      this.hover = null;
      return;
    }
    if (e.pointerType === 'touch') {
      this.hover = { ...hit, ...this.hostPoint(e), pinned: true };
      return;
    }
    this.open(hit.items[0]!.schedule.id);
  }

  private onFocus(): void {
    if (!this.focusRef) this.setFocus(moveFocus(this.lanes, null, '', this.now));
  }

  private onBlur(): void {
    if (this.hover && !this.hover.pinned) this.hover = null;
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (isNavigationKey(e.key)) {
      e.preventDefault();
      this.setFocus(moveFocus(this.lanes, this.focusRef, e.key, this.now));
    } else if ((e.key === 'Enter' || e.key === ' ') && this.focusRef) {
      e.preventDefault();
      this.open(this.focusRef.item.schedule.id);
    } else if (e.key === 'Escape') {
      this.hover = null;
    }
  }

  /** Focuses an item: scrolls it into view and shows its details under it. */
  private setFocus(ref: ItemRef | null): void {
    this.focusRef = ref;
    if (!ref || !this.scale) return;
    const r = itemRect(ref.item, this.rowsTop(ref.lane), this.scale);
    this.reveal(r);
    const x = this.labelWidth + Math.max(r.x, this.scrollPos.left) - this.scrollPos.left + this.scroller.offsetLeft;
    const y = AXIS_HEIGHT + r.y + r.height - this.scrollPos.top + this.scroller.offsetTop;
    this.hover = { lane: ref.lane, items: [ref.item], x, y, pinned: false };
  }

  /**
   * Scrolls the `nth` item of a schedule into view and returns its box in viewport (client)
   * coordinates, or null if the schedule has no such item: for tests and for pointing at an item.
   */
  locate(scheduleId: string, nth = 0): { x: number; y: number; width: number; height: number } | null {
    const lane = this.lanes.findIndex((l) => l.items.some((i) => i.schedule.id === scheduleId));
    const item = this.lanes[lane]?.items.filter((i) => i.schedule.id === scheduleId)[nth];
    if (!item || !this.scale) return null;
    const r = itemRect(item, this.rowsTop(lane), this.scale);
    this.reveal(r);
    const body = this.body.getBoundingClientRect();
    return { x: body.left + r.x, y: body.top + r.y, width: r.width, height: r.height };
  }

  private reveal(r: { x: number; y: number; width: number; height: number }): void {
    const view = { ...this.scrollPos, width: this.viewport.width - this.labelWidth, height: this.viewport.height - AXIS_HEIGHT };
    const next = revealScroll(r, view);
    this.scroller.scrollLeft = next.left;
    this.scroller.scrollTop = next.top;
    this.scrollPos = { left: this.scroller.scrollLeft, top: this.scroller.scrollTop };
  }

  private open(scheduleId: string): void {
    this.dispatchEvent(new CustomEvent('timeline-open', { detail: { scheduleId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-chart': AlmTimelineChart;
  }
  interface HTMLElementEventMap {
    'timeline-painted': CustomEvent<{ lanes: number }>;
    'timeline-conflict': CustomEvent<{ id: string }>;
  }
}
