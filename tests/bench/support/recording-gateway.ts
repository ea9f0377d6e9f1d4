/**
 * An HA gateway for benchmarks: answers every call at once and records when each arrived (wall
 * time with sub-millisecond resolution), so lateness is measured where HA would see the call.
 */
import { performance } from 'node:perf_hooks';
import type { EntityState, ServiceCall, ServiceResult } from '../../../server/src/domain/ha.js';
import type { HaGateway } from '../../../server/src/engine/ports.js';

/** Wall time with sub-millisecond resolution. */
export const nowExact = (): number => performance.timeOrigin + performance.now();

/** A gateway that answers at once and records the arrival time of every call. */
export class RecordingGateway implements HaGateway {
  readonly arrivals: { at: number; entity: string }[] = [];
  private readonly states: EntityState[];
  constructor(entities: number) {
    this.states = Array.from({ length: entities }, (_, i) => ({ entity_id: `switch.s${i}`, state: 'off', attributes: {}, last_changed: '', last_updated: '' }));
  }
  status() {
    return { state: 'connected' as const, ha_version: '2026.9.0', error: null, since: 0 };
  }
  config() {
    return { time_zone: 'Europe/Berlin', latitude: 52.5, longitude: 13.4, elevation: 30, version: '2026.9.0', location_name: 'Bench' };
  }
  getState(id: string) {
    return this.states[Number(id.slice(8))];
  }
  entities() {
    return this.states;
  }
  on() {
    return () => {};
  }
  areas() {
    return [];
  }
  labels() {
    return [];
  }
  devices() {
    return [];
  }
  entityPlace() {
    return { area_id: null, device_id: null, labels: [] };
  }
  registryLoaded() {
    return false;
  }
  callService(call: ServiceCall): Promise<ServiceResult> {
    this.arrivals.push({ at: nowExact(), entity: call.target?.entity_id?.[0] ?? '' });
    return Promise.resolve({ context: { id: 'c', parent_id: null, user_id: null } });
  }
}

