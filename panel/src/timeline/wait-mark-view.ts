/**
 * The wait marks on the timeline, as DOM over the canvas (in chart coordinates, so they scroll
 * with the lanes): a dashed amber band with a lock from when a run was due to its turn, grey and
 * struck through when it gives up waiting. Each is a link to the Locks page for its lock, with
 * the whole story in its title and accessible name; only the lanes in view get any.
 */
import { mdiLockClock, mdiLockRemoveOutline } from '@mdi/js';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import type { TimeScale } from './scale.js';
import { waitRect, type WaitMark } from './wait-marks.js';
import { waitLength } from './wait-text.js';

/** Room a mark needs for its lock icon, and for a word after it ("+4 min", "skipped"). */
const ICON_MIN_PX = 18;
const TEXT_MIN_PX = 64;

export interface WaitView {
  marks: readonly WaitMark[][];
  /** The lanes in view, [first, end). */
  first: number;
  end: number;
  /** Top of each lane's rows. */
  rowsTop(lane: number): number;
  scale: TimeScale;
  describe(mark: WaitMark): string;
}

function word(mark: WaitMark): string {
  if (mark.state === 'skipped') return t('timeline.wait_word_skipped');
  return t('timeline.wait_word', { duration: waitLength(mark.to - mark.from) });
}

export function renderWaitMarks(v: WaitView) {
  const shown: { mark: WaitMark; lane: number }[] = [];
  for (let i = v.first; i < v.end; i++) for (const mark of v.marks[i] ?? []) if (mark.to >= v.scale.from && mark.from <= v.scale.to) shown.push({ mark, lane: i });
  if (shown.length === 0) return nothing;
  return repeat(
    shown,
    ({ mark, lane }) => `${lane}:${mark.wait.schedule_id}:${mark.wait.planned}`,
    ({ mark, lane }) => {
      const r = waitRect(mark, v.rowsTop(lane), v.scale);
      const text = v.describe(mark);
      return html`<a
        class="wait ${mark.state}"
        href=${routeHref('locks', mark.wait.lock)}
        style="left:${r.x}px;top:${r.y}px;width:${r.width}px;height:${r.height}px"
        data-schedule-id=${mark.wait.schedule_id}
        data-lock=${mark.wait.lock}
        title=${text}
        aria-label=${text}
        @click=${(e: Event) => e.stopPropagation()}
        >${r.width >= ICON_MIN_PX ? html`<alm-icon .path=${mark.state === 'skipped' ? mdiLockRemoveOutline : mdiLockClock}></alm-icon>` : nothing}${r.width >= TEXT_MIN_PX
          ? html`<span>${word(mark)}</span>`
          : nothing}</a
      >`;
    },
  );
}
