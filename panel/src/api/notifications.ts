import type { ListResponse, NotificationDto, NotificationSettingsDto, NotifyServicesDto } from '../../../server/src/api/types.js';
import type { Http, Query } from './http.js';

/** The notification settings (per kind: channels and severity; quiet hours; limits) and their version. */
export const fetchNotificationSettings = (http: Http): Promise<NotificationSettingsDto> => http.get<NotificationSettingsDto>('api/settings/notifications');

/** Saves a change (any subset); a stale `version` answers 409, bad fields 400 with their paths. */
export const saveNotificationSettings = (http: Http, change: Partial<NotificationSettingsDto>): Promise<NotificationSettingsDto> =>
  http.put<NotificationSettingsDto>('api/settings/notifications', change);

/** The notify services HA has (phones, …), for the channel picker. */
export const fetchNotifyServices = (http: Http): Promise<NotifyServicesDto> => http.get<NotifyServicesDto>('api/settings/notifications/services');

/** Sends a test message to one channel (`persistent` or `notify.<service>`) and answers what became of it. */
export const sendTestNotification = (http: Http, channel: string): Promise<NotificationDto> => http.post<NotificationDto>('api/settings/notifications/test', { channel });

export interface NotificationQuery extends Query {
  kind?: string;
  subject_id?: string;
  channel?: string;
  limit?: number;
  cursor?: string;
}

/** Sent notifications, newest first, a page at a time. */
export const fetchNotifications = (http: Http, query: NotificationQuery = {}): Promise<ListResponse<NotificationDto>> =>
  http.get<ListResponse<NotificationDto>>('api/notifications', query);
