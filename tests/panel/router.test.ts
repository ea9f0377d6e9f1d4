import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRoute, routeHref } from '../../panel/src/router.js';

test('a page fragment parses to its page without params', () => {
  const route = parseRoute('#/entities');
  assert.is(route?.page, 'entities');
  assert.equal(route?.params, []);
});

test('a deep link carries its decoded params and query', () => {
  const route = parseRoute('#/schedules/reef%20dawn/edit?tab=policy');
  assert.is(route?.page, 'schedules');
  assert.equal(route?.params, ['reef dawn', 'edit']);
  assert.is(route?.query.get('tab'), 'policy');
});

test('an empty, unknown or malformed fragment names no page', () => {
  assert.is(parseRoute(''), null);
  assert.is(parseRoute('#/'), null);
  assert.is(parseRoute('#/nowhere'), null);
  assert.is(parseRoute('#/schedules/%E0%A4%A'), null);
});

test('hrefs are fragments only, so they stay under any Ingress prefix', () => {
  assert.is(routeHref('health'), '#/health');
  assert.is(routeHref('schedules', 'a/b c'), '#/schedules/a%2Fb%20c');
  assert.is(parseRoute(routeHref('schedules', 'a/b c'))?.params[0], 'a/b c');
});

test.run();
