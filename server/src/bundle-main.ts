/**
 * What the production bundle's main file (server/bundle/main.js) exports for its launcher
 * (launch.ts): the process itself, and the command table, through which the bundle's tests load a
 * command's code without running it.
 */
export { runProcess } from './cli/process.js';
export { COMMANDS } from './cli/commands/index.js';
