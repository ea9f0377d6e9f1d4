/**
 * Texts of the messages that stand for several: a flood folded into one push ("12 runs missed
 * while Home Assistant was unavailable"), the morning summary of what quiet hours held back, and
 * the persistent notification that lists a kind's folded notifications. Pure.
 */
import type { NotifyKind } from './kinds.js';

/** One message folded into a summary. */
export interface SummaryItem {
  kind: string;
  subject_name: string;
  title: string;
  /** How many occurrences it stands for (a missed-runs message may cover several runs). */
  count: number;
  /** Absolute panel URL, or null. */
  url: string | null;
}

/** Lines listed before "… and N more": a phone shows a dozen, HA's drawer a screenful. */
export const MAX_LINES = 10;

const PHRASES: Record<NotifyKind | 'test' | 'summary', [one: string, many: string]> = {
  run_failed: ['1 run failed', '{n} runs failed'],
  run_missed: ['1 run missed', '{n} runs missed'],
  schedule_paused: ['1 schedule paused', '{n} schedules paused'],
  conflict: ['1 new conflict', '{n} new conflicts'],
  lock_wait: ['1 run waited too long for its lock', '{n} runs waited too long for their lock'],
  override_ended: ['1 manual hold ended', '{n} manual holds ended'],
  grow_phase: ['1 grow update', '{n} grow updates'],
  ha_disconnected: ['Home Assistant was unavailable', 'Home Assistant was unavailable {n} times'],
  schedule_changed: ['1 schedule changed by someone else', '{n} schedule changes by someone else'],
  test: ['1 test message', '{n} test messages'],
  summary: ['1 earlier summary', '{n} earlier summaries'],
};

/** "12 runs missed". */
export function countPhrase(kind: string, n: number): string {
  const [one, many] = PHRASES[kind as NotifyKind] ?? ['1 notification', '{n} notifications'];
  return n === 1 ? one : many.replace('{n}', String(n));
}

/** "12 runs missed, 3 runs failed": kinds in order of first appearance, counts summed. */
export function tally(items: readonly SummaryItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + item.count);
  return [...counts].map(([kind, n]) => countPhrase(kind, n)).join(', ');
}

function bullet(item: SummaryItem, markdown: boolean): string {
  const name = markdown && item.url ? `[${item.subject_name}](${item.url})` : item.subject_name;
  return `• ${name}: ${item.title.replace(/^Almanac: /, '')}`;
}

/** Bullet lines, at most MAX_LINES, then "… and N more". */
export function bullets(items: readonly SummaryItem[], markdown: boolean): string {
  const lines = items.slice(0, MAX_LINES).map((item) => bullet(item, markdown));
  if (items.length > MAX_LINES) lines.push(`… and ${items.length - MAX_LINES} more`);
  return lines.join('\n');
}

export interface Text {
  title: string;
  message: string;
}

/** A flood folded into one push. `haWasDown`: the burst followed an outage of HA. */
export function foldText(items: readonly SummaryItem[], haWasDown: boolean): Text {
  const what = tally(items);
  const why = haWasDown ? ' while Home Assistant was unavailable' : '';
  return {
    title: `Almanac: ${what}${why}`,
    message: `${what}${why}.\n${bullets(items, false)}\n\nMore than your hourly limit arrived at once, so they come as one message.`,
  };
}

/** What quiet hours held back, sent when they end. `resolved`: held messages whose problem ended meanwhile. */
export function quietText(items: readonly SummaryItem[], quiet: { from: string; to: string }, resolved: number): Text {
  const what = items.length > 0 ? tally(items) : 'nothing still open';
  const after = resolved > 0 ? `\n\n${resolved === 1 ? '1 more problem resolved itself' : `${resolved} more problems resolved themselves`} before the end of quiet hours.` : '';
  return {
    title: `Almanac: during quiet hours ${what}`,
    message: `During quiet hours (${quiet.from}–${quiet.to}): ${what}.\n${bullets(items, false)}${after}`,
  };
}

/** The persistent notification listing a kind's folded notifications (markdown links). */
export function persistentSummaryText(kind: string, items: readonly SummaryItem[]): Text {
  const what = tally(items);
  return {
    title: `Almanac: ${what}`,
    message:
      `${bullets(items, true)}\n\nMore new notifications arrived within an hour than your limit, so they are listed here together. ` +
      'Each leaves this list when its problem is resolved.',
  };
}
