/**
 * HA's users by id, for naming the person behind a change by hand (`context.user_id`). Listed with
 * `config/auth/list` (admin only; through the Supervisor the add-on's connection is the admin
 * "Supervisor" user, ha-protocol.md §1.3), cached, and listed again when an unknown id turns up, at
 * most once a minute: a new user is rare, a refused list must not be asked for on every change.
 */
import type { HaUser } from '../domain/ha.js';

/** HA's command (components/config/auth.py `websocket_list`). */
export const LIST_USERS = 'config/auth/list';
/** An unknown id lists the users again at most this often. */
const RELIST_MS = 60_000;

export class HaUsers {
  private byId = new Map<string, HaUser>();
  private listedAt = Number.NEGATIVE_INFINITY;
  private listing: Promise<void> | null = null;

  constructor(
    private readonly list: () => Promise<unknown>,
    private readonly now: () => number,
  ) {}

  /** The user's name, or null when HA does not list it (unknown id, or the list was refused). */
  async name(userId: string): Promise<string | null> {
    const known = this.byId.get(userId);
    if (known) return known.name;
    if (this.now() - this.listedAt >= RELIST_MS) await (this.listing ??= this.relist().finally(() => (this.listing = null)));
    return this.byId.get(userId)?.name ?? null;
  }

  private async relist(): Promise<void> {
    this.listedAt = this.now();
    try {
      const result = await this.list();
      if (!Array.isArray(result)) return;
      const next = new Map<string, HaUser>();
      for (const raw of result as Record<string, unknown>[]) {
        if (typeof raw.id !== 'string') continue;
        const name = typeof raw.name === 'string' && raw.name ? raw.name : typeof raw.username === 'string' && raw.username ? raw.username : raw.id;
        next.set(raw.id, { id: raw.id, name, system_generated: raw.system_generated === true });
      }
      this.byId = next;
    } catch {
      // Refused (not admin) or lost: names stay unknown; the id is shown instead.
    }
  }
}
