/**
 * The farm on the week timeline, as a Lit reactive controller of the timeline page: the planned
 * and active grows (their phase changes are marked) and `?zone=` (only that zone's schedules).
 * Kept apart from the page so the timeline itself stays about schedules.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { GrowDto, TimelineDto } from '../../../server/src/api/types.js';
import { fetchGrows } from '../api/grows.js';
import type { Http } from '../api/http.js';
import { fetchZone, fetchZoneSchedules } from '../api/zones.js';
import type { TimelineDay } from './days.js';
import { phaseMarks, type PhaseMark } from './phase-marks.js';

export interface ZoneFilter {
  id: string;
  name: string;
  /** Ids of the zone's schedules: the lanes shown. */
  schedules: ReadonlySet<string>;
}

export class FarmOverlay implements ReactiveController {
  grows: GrowDto[] = [];
  zone: ZoneFilter | null = null;
  private seq = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the loaded filter is not the one the view asks for. */
  stale(zoneId: string | null): boolean {
    return (zoneId ?? null) !== (this.zone?.id ?? null);
  }

  /** Loads the grows and, for `zoneId`, the zone's schedules; failures leave the chart unfiltered. */
  async load(http: Http, zoneId: string | null): Promise<void> {
    const seq = ++this.seq;
    try {
      const [grows, zone, schedules] = await Promise.all([
        fetchGrows(http, { status: 'planned,active' }),
        zoneId ? fetchZone(http, zoneId) : Promise.resolve(null),
        zoneId ? fetchZoneSchedules(http, zoneId) : Promise.resolve(null),
      ]);
      if (seq !== this.seq) return;
      this.grows = grows.items;
      this.zone = zone && schedules ? { id: zone.id, name: zone.name, schedules: new Set(schedules.items.map((s) => s.id)) } : null;
    } catch {
      if (seq === this.seq) this.zone = null;
    }
    this.host.requestUpdate();
  }

  /** Only the zone's schedules when the view is filtered to a zone. */
  filter<T extends Pick<TimelineDto, 'schedules'> & { items: { schedule_id: string }[] }>(timeline: T): T {
    const keep = this.zone?.schedules;
    if (!keep) return timeline;
    return { ...timeline, schedules: timeline.schedules.filter((s) => keep.has(s.id)), items: timeline.items.filter((i) => keep.has(i.schedule_id)) };
  }

  /** The phase changes on the shown days (only the zone's grows when filtered). */
  marks(days: readonly TimelineDay[], endLabel: (grow: GrowDto) => string): PhaseMark[] {
    const grows = this.zone ? this.grows.filter((g) => g.zone_id === this.zone!.id) : this.grows;
    return phaseMarks(grows, days, endLabel);
  }
}
