/**
 * Scale benchmark (`npm run bench -- scale`): the figures of issue 13, each measured the same way,
 * on the built server as `npm start` runs it (standalone mode), with the HA simulator in a process
 * of its own, lateness read on HA's side of the socket, memory from /proc (VmRSS, VmHWM).
 *
 * A fire's lateness is also split where the frame leaves Almanac (support/socket-writes.cjs).
 * Returns the figures and a `table` (figure, goal, result) that `npm run bench` prints at the end.
 * Medians and percentiles of several runs; the machine's load is printed with them by the runner.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { manySchedules } from '../panel/timeline-fixtures.js';
import { loopbackFloor, timedFloor } from './support/loopback-floor.js';
import { measureModules } from './support/module-costs.js';
import { buildServer, round, startAlmanacProcess, startSimProcess, type AlmanacProcess, type SimProcess } from './support/processes.js';
import { benchSwitch } from './support/sim-protocol.js';
import { percentile, median, timed, type TableRow } from './support/stats.js';

const COUNT = 10_000;
const COLD_RUNS = 5;
/**
 * "At rest": this long after the engine started. The start's own work is over within seconds, and
 * V8 hands the memory it used back after about 20 s (its memory reducer starts 8 s after a GC).
 */
const REST_MS = 30_000;
const PAGE_RUNS = 100;
const FILTER_RUNS = 20;
const TIMELINE_SCHEDULES = 1_000;
const TIMELINE_RUNS = 20;
/** Between the first timeline after the import and the measured ones: the import's own after-work is done. */
const TIMELINE_SETTLE_MS = 3_000;
const ONE_OFFS = 200;
const ONE_OFF_ROUNDS = 5;
/** One-offs are planned this far ahead: time for the import and for the engine to arm them. */
const ONE_OFF_LEAD_MS = 3_000;
/** After the instant, this long is allowed for the calls to arrive before they are counted. */
const SETTLE_MS = 2_000;
/**
 * Single fires: this many interval schedules, each alone at its instant (anchors 1000/N ms apart).
 * Ten give 600 fires a minute: the p99 is then the sixth slowest, not the third of 240, which one
 * stall of the machine moved by a millisecond from run to run. `BENCH_SINGLES` to change it.
 */
const SINGLES = Number(process.env.BENCH_SINGLES) || 10;
const SINGLE_SECONDS = Number(process.env.BENCH_SECONDS) || 60;


const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** The machine's 1-minute load when a part starts: on a shared machine, each row says under what load it was measured. */
const load = (): number => round(loadavg()[0]!);

async function importMany(almanac: AlmanacProcess, schedules: unknown[], mode = 'merge'): Promise<number> {
  return timed(async () => {
    const res = await almanac.http.post(`/api/import?mode=${mode}`, { almanac_export: 1, schedules });
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${res.text.slice(0, 500)}`);
  });
}

/** Every page of the list (limit 1,000, the most a page holds), checking the count. */
async function listAll(almanac: AlmanacProcess, expected: number): Promise<void> {
  let cursor: string | null = null;
  let seen = 0;
  do {
    const res = await almanac.http.get(`/api/schedules?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen += res.json.items.length;
    cursor = res.json.next_cursor;
  } while (cursor);
  if (seen !== expected) throw new Error(`listed ${seen} schedules, expected ${expected}`);
}

/** Cold starts over one data directory (copied state is not needed: a start writes nothing lasting). */
async function coldStarts(sim: SimProcess, dataDir: string): Promise<{ ms: number[]; rss_at_start_mb: number[] }> {
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const almanac = await startAlmanacProcess(sim, dataDir);
    ms.push(almanac.startMs);
    rss.push(almanac.memory().rss_mb);
    await almanac.close(true);
  }
  return { ms, rss_at_start_mb: rss };
}

async function restingRss(sim: SimProcess, dataDir: string): Promise<number> {
  const almanac = await startAlmanacProcess(sim, dataDir);
  await sleep(REST_MS);
  const { rss_mb } = almanac.memory();
  await almanac.close(true);
  return rss_mb;
}

async function latencies(almanac: AlmanacProcess, path: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    out.push(
      await timed(async () => {
        const res = await almanac.http.get(path);
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
      }),
    );
  }
  return out;
}

/** Every page of 100 by cursor, timed one by one (deep pages cost what the first does). */
async function pageWalk(almanac: AlmanacProcess): Promise<number[]> {
  const out: number[] = [];
  let cursor: string | null = null;
  do {
    const started = performance.now();
    const res = await almanac.http.get(`/api/schedules${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(performance.now() - started);
    cursor = res.json.next_cursor;
  } while (cursor);
  return out;
}

/** The filters and searches a user of the panel makes, over the 10,000 schedules of `manySchedules`. */
const FILTERS = [
  'q=load%2012', 'q=reef', 'q=monday', 'q=zz-no-match', 'state=disabled', 'type=calendar', 'entity_id=light.grow_shelf_1',
  'entity_id=switch.shelf_1_pump&q=load%2003', 'state=enabled&type=calendar&q=grow', 'sort=next_run_at&q=shelf',
];

async function listFigures(almanac: AlmanacProcess): Promise<Record<string, unknown>> {
  const health = await latencies(almanac, '/api/health', PAGE_RUNS);
  const first = await latencies(almanac, '/api/schedules', PAGE_RUNS);
  const walk = await pageWalk(almanac);
  const pages = [...first, ...walk];
  const filters: Record<string, number> = {};
  const all: number[] = [];
  for (const query of FILTERS) {
    const times = await latencies(almanac, `/api/schedules?${query}`, FILTER_RUNS);
    filters[decodeURIComponent(query)] = round(median(times));
    all.push(...times);
  }
  const counts = await latencies(almanac, '/api/schedules/counts?q=load', FILTER_RUNS);
  const full = await latencies(almanac, '/api/schedules?limit=1000', 5);
  const bytes = (await almanac.http.get('/api/schedules')).text.length;
  return {
    health_p50_ms: round(median(health)),
    page_of_100: { p50_ms: round(median(pages)), p99_ms: round(percentile(pages, 0.99)), samples: pages.length, response_bytes: bytes },
    filters_and_search: { p50_ms: round(median(all)), p99_ms: round(percentile(all, 0.99)), samples: all.length, median_ms_by_query: filters },
    counts_with_search: { p50_ms: round(median(counts)), p99_ms: round(percentile(counts, 0.99)) },
    page_of_1000_p50_ms: round(median(full)),
    ratio_page_vs_health: round(median(pages) / median(health)),
  };
}

/**
 * `ONE_OFFS` one-off schedules due at one instant, `ONE_OFF_ROUNDS` times: first and last call
 * received by HA, when Almanac had sent the last, and when HA had read the frame of the last. The
 * simulator handles a frame's calls one after another, each changing a state and sending its
 * event, so the last call's handler runs well after its frame was read (HA starts each call of a
 * frame as a task of its own): `last_read_ms` is the wire's share, `last_ms` adds the simulator's.
 */
export async function manyAtOnce(almanac: AlmanacProcess, sim: SimProcess): Promise<{ first_ms: number[]; last_ms: number[]; last_read_ms: number[]; handed_ms: number[]; received: number[] }> {
  const first: number[] = [];
  const last: number[] = [];
  const lastRead: number[] = [];
  const handed: number[] = [];
  const received: number[] = [];
  for (let round = 0; round < ONE_OFF_ROUNDS; round++) {
    const at = Math.ceil((Date.now() + ONE_OFF_LEAD_MS) / 1000) * 1000;
    const schedules = Array.from({ length: ONE_OFFS }, (_, i) => ({
      name: `One-off ${round}.${i}`,
      trigger: { type: 'once', at: new Date(at).toISOString() },
      target: { entity_id: [benchSwitch(i)] },
      action: { type: round % 2 ? 'off' : 'on' },
    }));
    // Replacing the last round's one-offs: kept, they and this round's would act on the same
    // switches within a minute, which the conflict detector reports (and notifies) as a fight.
    await importMany(almanac, schedules, 'replace');
    const { next } = await sim.calls();
    await sleep(at + SETTLE_MS - Date.now());
    const calls = (await sim.calls(next)).calls.filter((c) => c.entity.startsWith('switch.bench_'));
    const arrivals = calls.map((c) => c.at - at);
    received.push(arrivals.length);
    first.push(Math.min(...arrivals));
    last.push(Math.max(...arrivals));
    lastRead.push(Math.max(...calls.map((c) => c.read_at - at)));
    // When the last frame of the instant's calls was handed to the socket (HA then reads them all).
    handed.push(Math.max(...(await almanac.socketWrites()).filter((w) => w >= at && w <= at + SETTLE_MS)) - at);
  }
  return { first_ms: first, last_ms: last, last_read_ms: lastRead, handed_ms: handed, received };
}

/** One fire's lateness on HA's side, and its two parts: until Almanac handed the frame to the socket, and after. */
interface SingleFire {
  late: number;
  /** Due instant → the frame handed to the socket: the timer, the preparation, JSON, framing. */
  almanac: number;
  /** Handed to the socket → received by HA: the kernel's loopback, HA's process waking and reading. */
  socket: number;
}

/** `SINGLES` interval schedules every second, anchored 1000/SINGLES ms apart: each fires alone. */
export async function singleFires(almanac: AlmanacProcess, sim: SimProcess): Promise<SingleFire[]> {
  const base = Math.ceil((Date.now() + ONE_OFF_LEAD_MS) / 1000) * 1000;
  const offsets = Array.from({ length: SINGLES }, (_, i) => Math.round((i * 1000) / SINGLES));
  await importMany(
    almanac,
    offsets.map((offset, i) => ({
      name: `Every second ${i}`,
      trigger: { type: 'interval', every_seconds: 1, anchor: new Date(base + offset).toISOString() },
      target: { entity_id: [benchSwitch(ONE_OFFS + i)] },
      action: { type: 'toggle' },
    })),
  );
  const { next } = await sim.calls();
  await sleep(base + SINGLE_SECONDS * 1000 - Date.now());
  const ids = (await almanac.http.get('/api/schedules?q=every%20second')).json.items as { id: string }[];
  for (const { id } of ids) await almanac.http.post(`/api/schedules/${id}/disable`);
  const calls = (await sim.calls(next)).calls;
  const writes = await almanac.socketWrites();
  return calls
    .map((c) => ({ c, i: Number(c.entity.slice('switch.bench_'.length)) - ONE_OFFS }))
    .filter(({ i }) => i >= 0 && i < SINGLES)
    .map(({ c, i }) => {
      const late = (((c.at - base - offsets[i]!) % 1000) + 1000) % 1000;
      const due = c.at - late;
      // The frame's last piece handed over before HA received it (one fire, one frame).
      const handed = writes.filter((w) => w >= due && w <= c.at).at(-1) ?? due;
      return { late, almanac: handed - due, socket: c.at - handed };
    });
}

async function timelineFigures(sim: SimProcess): Promise<{ p50_ms: number; p99_ms: number; first_after_import_ms: number; response_bytes: number }> {
  const almanac = await startAlmanacProcess(sim);
  try {
    await importMany(almanac, manySchedules(TIMELINE_SCHEDULES));
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const path = `/api/timeline?from=${from}T00:00&to=${to}T00:00`;
    // The first answer right after the import also waits for the conflict check of the 1,000
    // schedules it brought (the timeline's lock waits come from it): reported on its own.
    const [first] = await latencies(almanac, path, 1);
    await sleep(TIMELINE_SETTLE_MS);
    const times = await latencies(almanac, path, TIMELINE_RUNS);
    const bytes = (await almanac.http.get(path)).text.length;
    return { p50_ms: round(median(times)), p99_ms: round(percentile(times, 0.99)), first_after_import_ms: round(first!), response_bytes: bytes };
  } finally {
    await almanac.close();
  }
}

/** p50, p90, p99 and the largest of some samples, in ms. */
const spread = (values: number[]): { p50: number; p90: number; p99: number; max: number } => ({ p50: round(median(values)), p90: round(percentile(values, 0.9)), p99: round(percentile(values, 0.99)), max: round(Math.max(...values)) });
/** How many samples took over 3 ms: a stall of a process (on this VM mostly ~4 ms, a scheduler tick), not work. */
const over3 = (values: number[]): number => values.filter((v) => v > 3).length;
const over2 = (values: number[]): number => values.filter((v) => v > 2).length;
const range = (values: number[]): string => `${round(median(values))} ms (${round(Math.min(...values))}–${round(Math.max(...values))})`;

/**
 * The parts of the benchmark, all by default; `BENCH_PARTS=fires` (a comma list) runs only those,
 * to iterate on one of them: `store` (cold starts, memory, the list figures: they share the
 * 10,000; also `memory`), `many` and `single` (or `fires`: both), `timeline`, `modules`.
 */
const PARTS = ['store', 'many', 'single', 'timeline', 'modules'] as const;
type Part = (typeof PARTS)[number];

function selectedParts(): Set<Part> {
  const words = (process.env.BENCH_PARTS ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return new Set(PARTS);
  const out = new Set<Part>();
  for (const word of words) {
    if (word === 'fires') ['many', 'single'].forEach((p) => out.add(p as Part));
    else if (word === 'memory') out.add('store');
    else if ((PARTS as readonly string[]).includes(word)) out.add(word as Part);
    else throw new Error(`BENCH_PARTS: unknown part "${word}" (parts: ${PARTS.join(', ')}, fires)`);
  }
  return out;
}

interface StoreFigures {
  coldEmpty: { ms: number[]; rss_at_start_mb: number[] };
  coldLoaded: { ms: number[]; rss_at_start_mb: number[] };
  restEmpty: number;
  restLoaded: number;
  importMs: number;
  peak: number;
  lists: Record<string, unknown>;
}

/** Cold starts and memory, empty and with 10,000 schedules, and the list figures over them. */
async function storeFigures(sim: SimProcess, loads: Record<string, number>): Promise<StoreFigures> {
  // An empty database: cold starts, memory at rest.
  const empty = await startAlmanacProcess(sim);
  await empty.close(true);
  loads.cold_empty = load();
  const coldEmpty = await coldStarts(sim, empty.dataDir);
  loads.rest_empty = load();
  const restEmpty = await restingRss(sim, empty.dataDir);

  // Import 10,000 into it and list them all: the peak; then the list figures.
  loads.import = load();
  const loaded = await startAlmanacProcess(sim, empty.dataDir);
  const importMs = await importMany(loaded, manySchedules(COUNT));
  await listAll(loaded, COUNT);
  const peak = loaded.memory().peak_mb;
  loads.lists = load();
  const lists = await listFigures(loaded);
  await loaded.close(true);

  loads.cold_10k = load();
  const coldLoaded = await coldStarts(sim, empty.dataDir);
  loads.rest_10k = load();
  const restLoaded = await restingRss(sim, empty.dataDir);
  rmSync(empty.dataDir, { recursive: true, force: true });
  return { coldEmpty, coldLoaded, restEmpty, restLoaded, importMs, peak, lists };
}

function storeRows(f: StoreFigures, loads: Record<string, number>): TableRow[] {
  const page = f.lists.page_of_100 as { p50_ms: number; p99_ms: number };
  const filters = f.lists.filters_and_search as { p50_ms: number; p99_ms: number };
  const n = COUNT.toLocaleString('en');
  return [
    { figure: 'cold start to engine running and HA connected, empty database', goal: '≤ 250 ms', result: `${range(f.coldEmpty.ms)}; load ${loads.cold_empty}` },
    { figure: `cold start with ${n} schedules`, goal: '≤ 300 ms', result: `${range(f.coldLoaded.ms)}; load ${loads.cold_10k}` },
    { figure: `RSS at rest (${REST_MS / 1000} s after start), empty / ${n} schedules`, goal: '≤ 60 MB / ≤ 80 MB', result: `${f.restEmpty} MB / ${f.restLoaded} MB; load ${loads.rest_empty} / ${loads.rest_10k}` },
    { figure: `RSS peak while importing ${n} and listing them`, goal: '≤ 160 MB', result: `${f.peak} MB (import ${round(f.importMs)} ms); load ${loads.import}` },
    { figure: `GET /api/schedules with ${n}: a page of 100, p99`, goal: '≤ 20 ms', result: `${page.p99_ms} ms (p50 ${page.p50_ms} ms); load ${loads.lists}` },
    { figure: `GET /api/schedules with ${n}: any filter or search, p99`, goal: '≤ 50 ms', result: `${filters.p99_ms} ms (p50 ${filters.p50_ms} ms); load ${loads.lists}` },
  ];
}

export async function bench(): Promise<Record<string, unknown>> {
  const parts = selectedParts();
  buildServer();
  const sim = await startSimProcess(ONE_OFFS + SINGLES);
  try {
    const loads: Record<string, number> = {};
    const figures: Record<string, unknown> = { schedules: COUNT };
    const table: TableRow[] = [];
    if (parts.has('store')) {
      const f = await storeFigures(sim, loads);
      Object.assign(figures, {
        cold_start_empty: f.coldEmpty,
        cold_start_10k: f.coldLoaded,
        rss_at_rest_mb: { empty: f.restEmpty, schedules_10k: f.restLoaded },
        import_10k_ms: round(f.importMs),
        rss_peak_import_and_list_mb: f.peak,
        lists: f.lists,
      });
      table.push(...storeRows(f, loads));
    }

    // Lateness, on HA's side, on a server of its own: nothing else is due at those instants (the
    // 10,000 fire on whole minutes, and would collide with the measured fires).
    if (parts.has('many') || parts.has('single')) {
      const firing = await startAlmanacProcess(sim, undefined, { socketWrites: true });
      try {
        if (parts.has('many')) {
          loads.many = load();
          const many = await manyAtOnce(firing, sim);
          figures.many_at_once = { schedules: ONE_OFFS, ...many };
          table.push({ figure: `${ONE_OFFS} one-off schedules due at one instant, last call received by HA`, goal: '≤ 25 ms', result: `${range(many.last_ms)}, first ${round(median(many.first_ms))} ms; the last frame handed to the socket at ${range(many.handed_ms)}, read by HA at ${range(many.last_read_ms)}; load ${loads.many}` });
        }
        if (parts.has('single')) {
          loads.single = load();
          const fires = await singleFires(firing, sim);
          const part = (key: keyof SingleFire) => spread(fires.map((f) => f[key]));
          const [late, own, socket] = [part('late'), part('almanac'), part('socket')];
          // The slowest fires, each split: whether the tail is Almanac's share or the wire's and HA's.
          const slowest = [...fires].sort((a, b) => b.late - a.late).slice(0, 6).map((f) => ({ late: round(f.late), almanac: round(f.almanac), socket: round(f.socket) }));
          const stalled = over3(fires.map((f) => f.late));
          const overTwo = over2(fires.map((f) => f.late));
          figures.single_fire_ms = { ...late, samples: fires.length, over_2ms: overTwo, over_3ms: stalled, almanac_due_to_socket: own, socket_to_ha: socket, slowest };
          table.push({
            figure: 'one schedule due, call received by HA, p99',
            goal: '≤ 2 ms',
            result: `${late.p99} ms (p50 ${late.p50}, p90 ${late.p90}; ${overTwo} over 2 ms, ${stalled} over 3 ms, of ${fires.length} fires): due → handed to the socket p99 ${own.p99} ms (p50 ${own.p50}), socket → HA p99 ${socket.p99} ms (p50 ${socket.p50}); load ${loads.single}`,
          });
          // The same path without Almanac or HA, right after: the machine's share of the figure.
          // As many writes as fires, as far apart: the same chance to meet a stall of the machine.
          const floor = await loopbackFloor(fires.length, 1000 / SINGLES);
          const floorFigures = { ...spread(floor), samples: floor.length, over_3ms: over3(floor) };
          figures.loopback_floor_ms = floorFigures;
          table.push({
            figure: 'baseline: a few bytes from a process woken by a timer to an idle one, loopback TCP, p99',
            goal: '(the machine)',
            result: `${floorFigures.p99} ms (p50 ${floorFigures.p50}, p90 ${floorFigures.p90}, max ${floorFigures.max}; ${floorFigures.over_3ms} of ${floor.length} writes over 3 ms)`,
          });
          // And from the due instant, as a fire is measured: a fresh process waiting for each
          // instant as Almanac's clock does, writing at it. The figure's path with nothing on it.
          const timed = await timedFloor(fires.length, 1000 / SINGLES);
          const timedFigures = { ...spread(timed), samples: timed.length, over_2ms: over2(timed), over_3ms: over3(timed) };
          figures.timed_floor_ms = timedFigures;
          table.push({
            figure: 'baseline: a process woken at each due instant as Almanac is, writing a few bytes to an idle one, due → read, p99',
            goal: '(the machine)',
            result: `${timedFigures.p99} ms (p50 ${timedFigures.p50}, p90 ${timedFigures.p90}, max ${timedFigures.max}; ${timedFigures.over_2ms} over 2 ms, ${timedFigures.over_3ms} over 3 ms, of ${timed.length})`,
          });
        }
      } finally {
        await firing.close();
      }
    }

    if (parts.has('timeline')) {
      loads.timeline = load();
      const timeline = await timelineFigures(sim);
      figures.timeline_1000_week = timeline;
      table.push({ figure: `GET /api/timeline, ${TIMELINE_SCHEDULES.toLocaleString('en')} schedules, a week`, goal: '≤ 100 ms', result: `p50 ${timeline.p50_ms} ms, p99 ${timeline.p99_ms} ms, ${round(timeline.response_bytes / 1024)} KB (first right after importing them: ${timeline.first_after_import_ms} ms); load ${loads.timeline}` });
    }
    if (parts.has('modules')) figures.module_costs = await measureModules();
    return { ...figures, load_1min: loads, table };
  } finally {
    await sim.close();
  }
}
