/**
 * The `grow_phase` notification (a grow starts, enters its next phase, or completes), built in ONE
 * place. Its shape is the generalised alert `{kind, subject: {type, id, name}, title, message,
 * link}`; the composition root hands it to the notifier (almanac.ts adapts it to today's Notifier).
 */
import type { GrowView } from './grow-view.js';

export type GrowEvent = 'started' | 'phase' | 'completed';

export interface FarmAlert {
  kind: 'grow_phase';
  subject: { type: 'grow'; id: string; name: string };
  title: string;
  /** Markdown. */
  message: string;
  /** The panel route it is about. */
  link: string;
}

function nextText(view: GrowView): string {
  const next = view.next_change;
  if (!next) return '';
  return next.kind === 'end' ? ` It ends after ${view.end_date}.` : ` Next: "${next.phase_name}" on ${next.on}.`;
}

/** The notification for a grow event, written for the grower walking to the shelf. */
export function growPhaseAlert(view: GrowView, zoneName: string, event: GrowEvent): FarmAlert {
  const { grow } = view;
  const subject = { type: 'grow' as const, id: grow.id, name: grow.name };
  const link = `#/grows/${encodeURIComponent(grow.id)}`;
  const phase = view.phase;
  switch (event) {
    case 'started':
      return {
        kind: 'grow_phase', subject, link,
        title: `Almanac: grow "${grow.name}" started`,
        message: `Day 1 of ${view.total_days} on ${zoneName}: phase "${phase?.name ?? ''}" for ${phase?.days ?? 0} days.${nextText(view)}`,
      };
    case 'phase':
      return {
        kind: 'grow_phase', subject, link,
        title: `Almanac: "${grow.name}" is now in phase "${phase?.name ?? ''}"`,
        message: `Day ${view.day} of ${view.total_days} on ${zoneName}: phase ${(phase?.index ?? 0) + 1} of ${view.phases.length}, "${phase?.name ?? ''}", until ${phase?.ends_on ?? ''}.${nextText(view)} Its lights and watering follow the recipe from today.`,
      };
    case 'completed':
      return {
        kind: 'grow_phase', subject, link,
        title: `Almanac: grow "${grow.name}" completed`,
        message: `The grow on ${zoneName} ended after ${view.total_days} days on ${view.end_date}; its schedules are finished. Start the next grow on the Grows page.`,
      };
  }
}
