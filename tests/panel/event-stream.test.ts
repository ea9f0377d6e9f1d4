import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventStream, RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelay, type EventSourceLike, type StreamStatus } from '../../panel/src/api/events.js';

class FakeSource implements EventSourceLike {
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  fire(type: string, data = ''): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data } as MessageEvent<string>);
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const statuses: StreamStatus[] = [];
  const stream = new EventStream(new URL('http://x/api/events'), {
    createSource: () => {
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => timers.splice(0),
    random: () => 1,
  });
  stream.onStatus((s) => statuses.push(s));
  return { stream, sources, timers, statuses };
}

test('backoff doubles from the base delay up to the ceiling, with jitter in its upper half', () => {
  assert.is(reconnectDelay(0, () => 1), RECONNECT_BASE_MS);
  assert.is(reconnectDelay(0, () => 0), RECONNECT_BASE_MS / 2);
  assert.is(reconnectDelay(3, () => 1), RECONNECT_BASE_MS * 8);
  assert.is(reconnectDelay(30, () => 1), RECONNECT_MAX_MS);
});

test('typed events reach their subscribers, parsed', () => {
  const { stream, sources } = harness();
  const seen: unknown[] = [];
  stream.on('entities', (data) => seen.push(data.changed.map((e) => e.entity_id)));
  stream.start();
  sources[0]!.fire('open');
  sources[0]!.fire('entities', JSON.stringify({ changed: [{ entity_id: 'light.reef_blue' }], removed: [] }));
  sources[0]!.fire('ha', JSON.stringify({ state: 'connected' }));
  assert.equal(seen, [['light.reef_blue']]);
});

test('a drop closes the source and reconnects with growing delays until it opens again', () => {
  const { stream, sources, timers, statuses } = harness();
  stream.start();
  sources[0]!.fire('open');
  sources[0]!.fire('error');
  assert.ok(sources[0]!.closed);
  assert.equal(timers.map((t) => t.ms), [RECONNECT_BASE_MS]);
  timers.shift()!.fn();
  sources[1]!.fire('error');
  assert.equal(timers.map((t) => t.ms), [RECONNECT_BASE_MS * 2]);
  timers.shift()!.fn();
  sources[2]!.fire('open');
  sources[2]!.fire('error');
  assert.equal(timers.map((t) => t.ms), [RECONNECT_BASE_MS], 'an open connection resets the backoff');
  assert.equal(statuses, ['connecting', 'open', 'reconnecting', 'open', 'reconnecting']);
});

test('a malformed message or a throwing handler does not stop the others', () => {
  const { stream, sources } = harness();
  const seen: string[] = [];
  stream.on('run', () => {
    throw new Error('boom');
  });
  stream.on('run', (data) => seen.push(data.id));
  const quiet = { warn: console.warn, error: console.error };
  console.warn = console.error = () => {};
  try {
    stream.start();
    sources[0]!.fire('run', '{not json');
    sources[0]!.fire('run', JSON.stringify({ id: 'r1', schedule_id: 's1', status: 'success' }));
  } finally {
    Object.assign(console, quiet);
  }
  assert.equal(seen, ['r1']);
});

test('stop closes the source and cancels a pending reconnect', () => {
  const { stream, sources, timers } = harness();
  stream.start();
  sources[0]!.fire('error');
  assert.is(timers.length, 1);
  stream.stop();
  assert.is(timers.length, 0);
  assert.is(stream.status, 'closed');
  sources[0]!.fire('error');
  assert.is(sources.length, 1, 'errors of a stale source are ignored');
});

test.run();
