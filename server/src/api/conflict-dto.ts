/** Conflicts to wire shapes: epoch ms become ISO 8601 UTC strings. */
import type { ConflictLane, ConflictView } from '../domain/conflict.js';
import type { DraftConflict, ResolutionPreview } from '../engine/conflicts/conflicts-api.js';
import { iso } from './dto.js';
import type { ConflictDto, ConflictLaneDto, ConflictPreviewDto, DraftConflictDto } from './types.js';

function laneDto(lane: ConflictLane): ConflictLaneDto {
  return { ...lane, items: lane.items.map((i) => ({ ...i, from: iso(i.from), to: iso(i.to) })) };
}

export function toConflictDto(c: ConflictView): ConflictDto {
  const { resolution, ...rest } = c;
  return {
    ...rest,
    first_at: iso(c.first_at),
    windows: c.windows.map((w) => ({ from: iso(w.from), to: iso(w.to) })),
    lanes: c.lanes.map(laneDto),
    ...(resolution ? { resolution: { ...resolution, at: iso(resolution.at) } } : {}),
  };
}

export function toDraftConflictDto(c: DraftConflict): DraftConflictDto {
  return { ...toConflictDto(c), new: c.new };
}

export function toPreviewDto(p: ResolutionPreview): ConflictPreviewDto {
  return {
    conflict: p.conflict ? toConflictDto(p.conflict) : null,
    lanes: p.lanes.map(laneDto),
    creates: p.creates.map(toConflictDto),
    ...(p.trigger ? { trigger: p.trigger } : {}),
    ...(p.occurrences ? { occurrences: { before: p.occurrences.before.map((at) => iso(at)), after: p.occurrences.after.map((at) => iso(at)) } } : {}),
  };
}
