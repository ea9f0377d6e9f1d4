import type { DemoResetSummary } from '../../demo/seed.js';
import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { EXIT } from '../exit.js';
import { requireServer } from '../source.js';

export const demoReset: Command = {
  name: 'demo reset',
  description: `
Restores demo mode's demo setup through the running server: every schedule, zone, recipe, grow
and lock is removed (yours too), holds in force end, and the demo is seeded again as on the first
start: the grow room's shelves and the reef tank, the tomato grow in its second phase, the
waterings on the water-main lock, the conflict to resolve. Only a server in demo mode (no Home
Assistant configured) accepts it; any other answers that it is not in demo mode.`,
  options: { ...JSON_OPTION, ...URL_OPTION },
  examples: ['almanac demo reset'],
  async run(ctx) {
    const api = await requireServer(ctx, 'demo reset');
    const summary = await api.post<DemoResetSummary>('/api/demo/reset');
    if (ctx.values.json) ctx.out.json(summary);
    else {
      const list = (counts: Record<string, number>) => Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ');
      ctx.out.line(`${ctx.out.paint('ok', 'demo restored:')} removed ${list(summary.removed)}, created ${list(summary.created)}`);
    }
    return EXIT.ok;
  },
};
