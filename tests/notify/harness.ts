/**
 * The notifier end to end on the injected clock: the engine on a FakeClock drives the real HA
 * client against the protocol-faithful simulator over a WebSocket (its phones are
 * `notify.mobile_app_pixel_8` and `notify.mobile_app_ipad`), with real SQLite. Time moves timer by
 * timer, and after each the HA calls that followed are awaited, so an hour-long outage or a night
 * of quiet hours takes milliseconds of fake time and a few of real time.
 */
import { Bus } from '../../server/src/bus.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { AppEvents } from '../../server/src/events.js';
import type { RecordedCall } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import type { NotificationSettings } from '../../server/src/notify/settings.js';
import { FakeClock } from '../helpers/clock.js';
import { memoryDb } from '../helpers/db.js';
import { startHaPair, waitForStatus, type HaPair } from '../helpers/ha-sim.js';
import { OPTIONS, USER } from '../engine/harness.js';

export const PHONE = 'notify.mobile_app_pixel_8';
export const TABLET = 'notify.mobile_app_ipad';
export const PANEL = '/hassio/ingress/almanac';

export interface NotifyHarness extends HaPair {
  clock: FakeClock;
  engine: Engine;
  /** Changes the notification settings as the panel would (audited as USER). */
  configure(change: (s: NotificationSettings) => void): void;
  /** Moves the fake clock timer by timer, letting HA's answers arrive after each. */
  advanceTo(at: string | number): Promise<void>;
  advance(ms: number): Promise<void>;
  /** Pushes HA received on a notify service. */
  pushes(service: string): RecordedCall[];
  /** HA restarts: down (notifications lost) while `during` moves the fake clock, then back and ready. */
  outage(during: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function notifyHarness(start: string): Promise<NotifyHarness> {
  const clock = new FakeClock(start);
  const pair = await startHaPair({ sim: { style: 'core', notifyServices: ['mobile_app_pixel_8', 'mobile_app_ipad'], now: () => clock.now() }, client: { clock } });
  const store = memoryDb();
  const engine = new Engine({ db: store.db, clock, ha: pair.client, bus: new Bus<AppEvents>(), logger: silentLogger(), options: { ...OPTIONS, panelPath: PANEL } });
  await engine.start();
  const settle = async (): Promise<void> => {
    await clock.settle();
    await engine.idle();
  };
  const advanceTo = async (at: string | number): Promise<void> => {
    const target = typeof at === 'string' ? Date.parse(at) : at;
    for (let next = clock.nextTimerAt(); next !== null && next <= target; next = clock.nextTimerAt()) {
      await clock.advanceTo(next);
      await settle();
    }
    await clock.advanceTo(target);
    await settle();
  };
  return {
    ...pair,
    clock,
    engine,
    configure(change) {
      const s = structuredClone(engine.notifier.settings().settings);
      change(s);
      engine.notifier.updateSettings(s, USER);
    },
    advanceTo,
    advance: (ms) => advanceTo(clock.now() + ms),
    pushes: (service) => pair.sim.calls.filter((c) => `${c.domain}.${c.service}` === service),
    async outage(during) {
      const back = pair.sim.faults.restart(0.3);
      await waitForStatus(pair.client, 'disconnected');
      await during();
      const ready = new Promise<void>((resolve) => {
        const off = pair.client.on('ready', () => (off(), resolve()));
      });
      await back;
      await ready;
      await settle();
    },
    async close() {
      clock.dispose();
      await engine.stop();
      await pair.close();
      await store.close();
    },
  };
}
