/** Manual control: a person's action on devices now (`POST /api/actions`); the run shows in History. */
import type { ManualActionDto, ScheduleInputDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

/** A step action (no sequences) on HA's target shape or a zone's devices by role. */
export interface ManualActionInput {
  target: NonNullable<ScheduleInputDto['target']>;
  action: Exclude<ScheduleInputDto['action'], { type: 'sequence' }>;
  note?: string | null;
}

export const sendAction = (http: Http, input: ManualActionInput): Promise<ManualActionDto> => http.post<ManualActionDto>('api/actions', input);
