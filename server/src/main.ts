/**
 * The server's former entry point, kept so that `node server/dist/main.js` (older scripts, a
 * developer's habit) still starts Almanac: it is `almanac serve` (server/src/cli.ts).
 */
process.argv.splice(2, 0, 'serve');
await import('./cli.js');
