/**
 * Notifier benchmark (`npm run bench -- notify`): the cost of a flood, which is when it matters —
 * HA comes back after an outage and every schedule raises "missed runs" in the same tick.
 *
 * 1. Raise: 10,000 alerts (persistent + one phone), each written to the history and the outbox in
 *    its own transaction, as the engine's catch-up raises them. Baseline: the same number of audit
 *    entries, each in its own transaction (the smallest write Almanac makes per event), measured in
 *    the same run; the ratio says what a notification costs over a bare row.
 * 2. Flush: from the burst to HA holding one folded push and one folded persistent list (the calls
 *    answer at once), median of the rounds.
 */
import { performance } from 'node:perf_hooks';
import type { ServiceCall, ServiceResult } from '../../server/src/domain/ha.js';
import type { HaGateway } from '../../server/src/engine/ports.js';
import { silentLogger } from '../../server/src/log.js';
import { Notifier } from '../../server/src/notify/notifier.js';
import { settingsFromOptions } from '../../server/src/notify/settings.js';
import { AuditLog } from '../../server/src/store/audit.js';
import { openDatabase, type Db } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';

const ALERTS = 10_000;
const ROUNDS = 5;
const PHONE = 'notify.mobile_app_phone';

/** Answers every call at once and counts them. */
class CountingGateway implements Partial<HaGateway> {
  calls: ServiceCall[] = [];
  status() {
    return { state: 'connected' as const, ha_version: '2026.9.0', error: null, since: 0 };
  }
  on() {
    return () => {};
  }
  entityPlace() {
    return { area_id: null, device_id: null, labels: [] };
  }
  async callService(call: ServiceCall): Promise<ServiceResult> {
    this.calls.push(call);
    return { context: { id: 'c', parent_id: null, user_id: null } };
  }
}

/** A clock whose timers fire on the next macrotask (the bench measures work, not waiting). */
const clock = {
  now: () => Date.now(),
  setTimer: (_at: number, fn: () => void) => {
    const t = setTimeout(fn, 0);
    return () => clearTimeout(t);
  },
};

function freshDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function round(): Promise<{ raiseMs: number; flushMs: number; baselineMs: number; calls: number }> {
  const db = freshDb();
  const ha = new CountingGateway();
  const defaults = settingsFromOptions({ notify_kinds: ['run_missed'], notify_service: PHONE, notify_rate_limit_minutes: 60 });
  const notifier = new Notifier({
    db, ha: ha as unknown as HaGateway, clock, logger: silentLogger(), audit: new AuditLog(db), defaults, panelPath: '/hassio/ingress/almanac',
    dryRun: () => false, zone: () => 'Europe/Berlin',
  });
  notifier.start();
  await notifier.idle();
  const started = performance.now();
  for (let i = 0; i < ALERTS; i++) {
    notifier.raise({ kind: 'run_missed', subject: { type: 'schedule', id: `s${i}`, name: `Shelf ${i}` }, title: `"Shelf ${i}" missed runs`, message: '3 runs were missed.', count: 3 });
  }
  const raiseMs = performance.now() - started;
  // The burst gathers for 2 s before it goes out; the bench skips the wait by moving the deliveries' time.
  db.prepare("UPDATE notification_deliveries SET due_at = 0 WHERE status = 'queued'").run();
  const flushStart = performance.now();
  await (notifier as unknown as { kick(): void }).kick();
  await notifier.idle();
  const flushMs = performance.now() - flushStart;
  notifier.stop();
  const baseDb = freshDb();
  const audit = new AuditLog(baseDb);
  const baseStart = performance.now();
  for (let i = 0; i < ALERTS; i++) baseDb.transaction(() => audit.record(Date.now(), { id: null, name: 'bench' }, 'missed', 'schedule', `s${i}`, undefined, { count: 3 }))();
  const baselineMs = performance.now() - baseStart;
  db.close();
  baseDb.close();
  return { raiseMs, flushMs, baselineMs, calls: ha.calls.length };
}

export async function bench(): Promise<Record<string, unknown>> {
  const results = [];
  for (let i = 0; i < ROUNDS; i++) results.push(await round());
  const raise = median(results.map((r) => r.raiseMs));
  const baseline = median(results.map((r) => r.baselineMs));
  return {
    alerts: ALERTS,
    raise_ms_median: Math.round(raise),
    raise_us_per_alert: Math.round((raise * 1000) / ALERTS),
    baseline_audit_rows_ms_median: Math.round(baseline),
    raise_vs_baseline: Number((raise / baseline).toFixed(2)),
    flush_ms_median: Math.round(median(results.map((r) => r.flushMs))),
    ha_calls_for_the_burst: results[0]!.calls,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await bench());
