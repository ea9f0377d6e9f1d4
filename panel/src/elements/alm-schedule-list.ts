import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EntityDto, ScheduleDto } from '../../../server/src/api/types.js';
import { NO_PLACES, scheduleAreas, type Places } from '../ha-places.js';
import { t } from '../i18n/localize.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import { compareText } from '../i18n/collate.js';
import './alm-schedule-row.js';

export type GroupBy = 'none' | 'tag' | 'area';

export interface ScheduleGroup {
  /** Empty for the "no tag" / "no area" group and for the single ungrouped list. */
  key: string;
  schedules: ScheduleDto[];
}

/** Next run first (soonest on top), schedules that will not run again last, then by name. */
export function compareSchedules(a: ScheduleDto, b: ScheduleDto): number {
  const next = (s: ScheduleDto): number => (s.next_run_at ? Date.parse(s.next_run_at) : Number.POSITIVE_INFINITY);
  return next(a) - next(b) || compareText(a.name, b.name);
}

/**
 * The schedules in groups: by tag, or by area (the areas a schedule names and those of the
 * entities and devices it names). A schedule is in each of its groups; groups are sorted by their
 * heading (`heading(key)`), the "no tag" / "no area" group last.
 */
export function groupSchedules(
  schedules: readonly ScheduleDto[],
  by: GroupBy,
  entities: ReadonlyMap<string, EntityDto> = new Map(),
  places: Places = NO_PLACES,
  heading: (key: string) => string = (key) => key,
): ScheduleGroup[] {
  const sorted = [...schedules].sort(compareSchedules);
  if (by === 'none') return [{ key: '', schedules: sorted }];
  const groups = new Map<string, ScheduleDto[]>();
  for (const schedule of sorted) {
    const keys = by === 'tag' ? schedule.tags : scheduleAreas(schedule, entities, places);
    for (const key of keys.length > 0 ? keys : ['']) {
      const list = groups.get(key) ?? [];
      list.push(schedule);
      groups.set(key, list);
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : compareText(heading(a), heading(b))))
    .map(([key, list]) => ({ key, schedules: list }));
}

/** Schedules as rows, optionally under group headings. Pure: shows what it is given. */
@customElement('alm-schedule-list')
export class AlmScheduleList extends LitElement {
  @property({ attribute: false }) schedules: readonly ScheduleDto[] = [];
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  /** HA's areas, labels and devices: area headings and target names. */
  @property({ attribute: false }) places: Places = NO_PLACES;
  @property() groupBy: GroupBy = 'none';
  @property({ type: Number }) now = Date.now();
  /** Ids with a command in flight. */
  @property({ attribute: false }) busy: ReadonlySet<string> = new Set();
  /** Holds in force: a row whose devices are held shows it. */
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;

  static override styles = css`
    :host {
      display: block;
    }
    section + section {
      border-top: 1px solid var(--alm-divider-color);
    }
    h3 {
      margin: 0;
      padding: var(--alm-space-4) var(--alm-space-4) var(--alm-space-1);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li + li {
      border-top: 1px solid var(--alm-divider-color);
    }
  `;

  override render() {
    const groups = groupSchedules(this.schedules, this.groupBy, this.entities, this.places, (key) => this.heading(key));
    return repeat(
      groups,
      (group) => group.key,
      (group) => html`<section aria-label=${this.heading(group.key) || t('schedules.title')} data-group=${group.key}>
        ${this.groupBy === 'none' ? nothing : html`<h3>${this.heading(group.key)}</h3>`}
        <ul>
          ${repeat(
            group.schedules,
            (s) => s.id,
            (s) => html`<li data-schedule-id=${s.id}>
              <alm-schedule-row
                .schedule=${s}
                .entities=${this.entities}
                .places=${this.places}
                .now=${this.now}
                .holds=${this.holds.bySchedule.get(s.id) ?? []}
                ?busy=${this.busy.has(s.id)}
              ></alm-schedule-row>
            </li>`,
          )}
        </ul>
      </section>`,
    );
  }

  private heading(key: string): string {
    if (this.groupBy === 'none') return '';
    if (key) return this.groupBy === 'area' ? (this.places.areas.get(key)?.name ?? key) : key;
    return this.groupBy === 'tag' ? t('schedules.no_tag') : t('schedules.no_area');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-list': AlmScheduleList;
  }
}
