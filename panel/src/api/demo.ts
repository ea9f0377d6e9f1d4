import type { DemoResetDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

/** Restores demo mode's seeded setup (404 outside demo mode). */
export const resetDemo = (http: Http): Promise<DemoResetDto> => http.post<DemoResetDto>('api/demo/reset', {});
