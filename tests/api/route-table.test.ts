/**
 * README's route table is the router's: every route the server answers is listed with a line of
 * its own, nothing listed is missing from the router, and README holds exactly the generated
 * table (`npm run docs:routes` rewrites it).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { key, readmeTable, routeTable, routes } from '../../scripts/route-table.js';
import { ROUTE_DOCS } from '../../server/src/api/route-docs.js';

test('every route has a description and every description a route', () => {
  const registered = routes().map(key);
  assert.ok(registered.includes('GET /api/areas') && registered.includes('GET /api/devices') && registered.includes('GET /api/labels'));
  assert.equal(registered.filter((k) => !(k in ROUTE_DOCS)), [], 'routes without a line in server/src/api/route-docs.ts');
  assert.equal(Object.keys(ROUTE_DOCS).filter((k) => !registered.includes(k)), [], 'lines in route-docs.ts for routes that do not exist');
  assert.is(new Set(registered).size, registered.length, 'no route registered twice');
});

test("README's table is the generated one (run npm run docs:routes after adding a route)", () => {
  const table = readmeTable();
  assert.ok(table !== null, 'README.md has the routes:start/routes:end markers');
  assert.fixture(table, routeTable());
  assert.not.match(table, '(undocumented)');
});

test.run();
