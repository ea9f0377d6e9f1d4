#!/usr/bin/env node
/**
 * `almanac` from the compiled tree (server/dist/cli.js): the command line, and with `almanac serve`
 * the server itself. The production bundle starts through launch.ts instead, which adds a code
 * cache; both run the same process (cli/process.ts).
 */
import { runProcess } from './cli/process.js';

await runProcess();
