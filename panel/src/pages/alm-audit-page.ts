import { fetchZone } from '../api/zones.js';
import { fetchRecipe } from '../api/recipes.js';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AuditEntryDto, AuditUserDto } from '../../../server/src/api/types.js';
import { fetchAudit, fetchAuditUsers, restoreAuditEntry } from '../api/audit.js';
import type { EventStream } from '../api/events.js';
import { ApiError, type Http } from '../api/http.js';
import { fetchSchedule } from '../api/schedules.js';
import { EMPTY_AUDIT_FILTER, auditFilterFromQuery, auditFilterHref, auditQuery, isAuditFiltered, type AuditFilter } from '../audit-filter.js';
import { errorMessage } from '../error-message.js';
import { t } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-audit-filters.js';
import '../elements/alm-audit-row.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-load-error.js';
import '../elements/alm-spinner.js';

/** Entries per page: a screenful or two. */
const PAGE_SIZE = 50;
/** Live changes are folded into one reload. */
const RELOAD_DEBOUNCE_MS = 500;
const NOT_FOUND = 404;

/**
 * How to read a subject's current version before restoring one of its entries (null: it no longer
 * exists and comes back as it was). Other features (zones, recipes) add theirs.
 */
export const CURRENT_VERSION: Record<string, (http: Http, id: string) => Promise<number>> = {
  schedule: async (http, id) => (await fetchSchedule(http, id)).version,
  zone: async (http, id) => (await fetchZone(http, id)).version,
  recipe: async (http, id) => (await fetchRecipe(http, id)).version,
};

/** Where a restored subject is shown. */
const SUBJECT_ROUTE: Record<string, (id: string) => string> = {
  schedule: (id) => routeHref('schedules', id),
  zone: () => routeHref('farm'),
  recipe: (id) => routeHref('grows', 'recipes', id),
};

/**
 * The audit log (`#/audit`, filters in the query): who changed what and when, newest first, with
 * a field-by-field diff of each change and "Restore this version" for schedules (and, with the
 * farm, zones and recipes). Kept current by the event stream.
 */
@customElement('alm-audit-page')
export class AlmAuditPage extends StreamPage {
  @state() private entries: AuditEntryDto[] = [];
  @state() private users: AuditUserDto[] = [];
  @state() private cursor: string | null = null;
  @state() private loading = true;
  @state() private loadingMore = false;
  @state() private error: unknown = null;
  @state() private restoring: string | null = null;
  @state() private notice: { ok: boolean; text: string; href?: string } | null = null;
  @state() private now = Date.now();
  private loadedKey: string | null = null;
  private seq = 0;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  static override styles = css`
    :host {
      display: block;
    }
    .content {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-3);
      padding: var(--alm-space-1) var(--alm-space-4) var(--alm-space-4);
    }
    .subtitle {
      margin: 0;
      color: var(--alm-secondary-text-color);
    }
    .list {
      border-top: 1px solid var(--alm-divider-color);
    }
    alm-audit-row + alm-audit-row {
      border-top: 1px solid var(--alm-divider-color);
    }
    .state,
    .more {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-4);
      color: var(--alm-secondary-text-color);
    }
    alm-alert a {
      color: inherit;
      font-weight: var(--alm-font-weight-medium);
    }
  `;

  private get filter(): AuditFilter {
    return this.route ? auditFilterFromQuery(this.route.query) : EMPTY_AUDIT_FILTER;
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    const later = (): void => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => this.http && !this.cursorLoaded() && void this.load(this.http), RELOAD_DEBOUNCE_MS);
    };
    return [stream.on('schedule', later), stream.on('override', later), () => clearTimeout(this.reloadTimer)];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('route') && this.http && this.loadedKey !== null && this.loadedKey !== auditFilterHref(this.filter)) void this.load(this.http);
  }

  /** Whether the person paged further down (a live reload would throw their place away). */
  private cursorLoaded(): boolean {
    return this.entries.length > PAGE_SIZE;
  }

  protected override async load(http: Http): Promise<void> {
    const filter = this.filter;
    const seq = ++this.seq;
    this.loadedKey = auditFilterHref(filter);
    try {
      const [page, users] = await Promise.all([fetchAudit(http, auditQuery(filter, PAGE_SIZE)), fetchAuditUsers(http)]);
      if (seq !== this.seq) return;
      this.entries = page.items;
      this.cursor = page.next_cursor;
      this.users = users.items;
      this.error = null;
    } catch (error) {
      if (seq === this.seq) this.error = error;
    } finally {
      if (seq === this.seq) {
        this.loading = false;
        this.now = Date.now();
      }
    }
  }

  private async loadMore(): Promise<void> {
    const http = this.http;
    if (!http || !this.cursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await fetchAudit(http, auditQuery(this.filter, PAGE_SIZE, this.cursor));
      this.entries = [...this.entries, ...page.items];
      this.cursor = page.next_cursor;
    } catch (error) {
      this.error = error;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Restores the entry's earlier version, with the subject's current version for the stale check. */
  private async restore(entry: AuditEntryDto): Promise<void> {
    const http = this.http;
    const id = entry.subject.id;
    if (!http || !id) return;
    this.restoring = entry.id;
    try {
      let version: number | null = null;
      try {
        version = (await CURRENT_VERSION[entry.subject.type]?.(http, id)) ?? null;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === NOT_FOUND)) throw error;
      }
      const restored = await restoreAuditEntry<{ name?: unknown }>(http, entry.id, version);
      const name = typeof restored.name === 'string' ? restored.name : (entry.subject.name ?? id);
      const route = SUBJECT_ROUTE[entry.subject.type];
      this.notice = { ok: true, text: t('audit.restored', { name }), ...(route ? { href: route(id) } : {}) };
      await this.load(http);
    } catch (error) {
      this.notice = { ok: false, text: errorMessage(error) };
    } finally {
      this.restoring = null;
    }
  }

  override render() {
    const filter = this.filter;
    return html`<alm-card .header=${this.narrow ? undefined : t('audit.title')}>
      <div class="content">
        <p class="subtitle">${t('audit.subtitle')}</p>
        <alm-audit-filters
          ?narrow=${this.narrow}
          .filter=${filter}
          .users=${this.users}
          @filters-changed=${(e: CustomEvent<{ filter: AuditFilter }>) => navigate(window, auditFilterHref(e.detail.filter), { replace: true })}
        ></alm-audit-filters>
        ${this.notice
          ? html`<alm-alert class="notice" alert-type=${this.notice.ok ? 'success' : 'error'}
              >${this.notice.text} ${this.notice.href ? html`<a href=${this.notice.href}>${t('audit.open')}</a>` : nothing}</alm-alert
            >`
          : nothing}
      </div>
      <alm-load-error .error=${this.error} @retry=${() => this.http && void this.load(this.http)}></alm-load-error>
      ${this.renderList(isAuditFiltered(filter))}
    </alm-card>`;
  }

  private renderList(filtered: boolean) {
    if (this.loading) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    if (this.entries.length === 0 && !this.error) return html`<div class="state">${filtered ? t('audit.no_match') : t('audit.empty')}</div>`;
    return html`<div class="list" @audit-restore=${(e: CustomEvent<{ entry: AuditEntryDto }>) => void this.restore(e.detail.entry)}>
        ${repeat(
          this.entries,
          (entry) => entry.id,
          (entry) => html`<alm-audit-row data-entry=${entry.id} .entry=${entry} .now=${this.now} ?busy=${this.restoring === entry.id}></alm-audit-row>`,
        )}
      </div>
      ${this.cursor
        ? html`<div class="more">
            <alm-button ?disabled=${this.loadingMore} @click=${() => void this.loadMore()}>${this.loadingMore ? t('common.loading') : t('audit.load_more')}</alm-button>
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-audit-page': AlmAuditPage;
  }
}
