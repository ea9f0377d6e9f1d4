/**
 * The Schedules page's list model without a browser: the counts it shows always belong to the
 * query on screen. Between a query's first page and its counts, the figure is unknown (null), never
 * the count of the query before it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ListResponse, ScheduleCountsDto, ScheduleDto } from '../../server/src/api/types.js';
import type { Http, Query } from '../../panel/src/api/http.js';
import { ScheduleListController } from '../../panel/src/schedule-list-controller.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const schedule = (id: string): ScheduleDto => ({ id, name: id, next_run_at: null }) as ScheduleDto;

/** A server of `all` schedules (tagged on every tenth, `q` searching ids) whose counts answer only when released. */
function fakeServer(all: number) {
  const pending: (() => void)[] = [];
  const matching = (query: Query) => Array.from({ length: all }, (_, i) => `s${String(i).padStart(4, '0')}`).filter((id, i) => (!query.tag || i % 10 === 0) && id.includes(String(query.q ?? '')));
  const http = {
    async get<T>(path: string, query: Query = {}): Promise<T> {
      if (path === 'api/schedules/counts') {
        await new Promise<void>((resolve) => pending.push(resolve));
        const counts: Partial<ScheduleCountsDto> = { total: all, matching: matching(query).length };
        return counts as T;
      }
      const ids = matching(query);
      const page: ListResponse<ScheduleDto> = { items: ids.slice(0, Number(query.limit)).map(schedule), next_cursor: ids.length > Number(query.limit) ? 'next' : null };
      return page as T;
    },
  } as Http;
  /** Answers the counts asked for, once asked (after the page, or a pause in typing). */
  async function releaseCounts(): Promise<void> {
    while (pending.length === 0) await settle();
    pending.splice(0).forEach((resolve) => resolve());
    await settle();
  }
  return { http, releaseCounts };
}

const host = () => ({ addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) });

test('until its counts come, a query shows no figure; then its own, never the last query\'s', async () => {
  const server = fakeServer(260);
  const list = new ScheduleListController(host(), () => server.http);
  await list.show({}, '');
  assert.is(list.matching, null, 'the first page of 40 is not "40 schedules"');
  assert.is(list.total, null);
  await server.releaseCounts();
  assert.is(list.matching, 260);
  assert.is(list.total, 260);

  await list.show({ tag: 'tenth' }, 'tag=tenth');
  assert.is(list.items.size, 26);
  assert.is(list.matching, 26, 'every match is loaded: the figure is known without counting');
  await list.show({ q: 's00' }, 'q=s00');
  assert.is(list.items.size, 40);
  assert.is(list.matching, null, 'not the 260 counted for the list without a search');
  assert.is(list.total, 260, 'the total holds for every query');
  await server.releaseCounts();
  assert.is(list.matching, 100);
  list.hostDisconnected();
});

test.run();
