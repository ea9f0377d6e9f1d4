import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { mdiCalendarClock, mdiCallSplit, mdiChartTimeline, mdiClipboardTextClockOutline, mdiCog, mdiFloorPlan, mdiHeartPulse, mdiHistory, mdiLockClock, mdiShapeOutline, mdiSprout } from '@mdi/js';
import type { HealthDto } from '../../../server/src/api/types.js';
import { EventStream, type StreamStatus } from '../api/events.js';
import { fetchHealth } from '../api/health.js';
import { createHttp, type Http } from '../api/http.js';
import { canToggleHaSidebar, toggleHaSidebar, watchNarrow } from '../host.js';
import { carryOutHold } from '../hold-requests.js';
import { HoldsStore, NO_HOLDS, type HoldIndex, type HoldRequestDetail } from '../holds.js';
import { t } from '../i18n/localize.js';
import { PAGES, routeHref, watchRoute, type PageId, type Route } from '../router.js';
import './alm-app-toolbar.js';
import './alm-connection-badge.js';
import './alm-nav-tabs.js';
import type { NavItem } from './alm-nav-tabs.js';
import '../pages/alm-entities-page.js';
import '../pages/alm-health-page.js';
import '../pages/alm-history-page.js';
import '../pages/alm-locks-page.js';
import '../pages/alm-schedules-page.js';
import '../pages/alm-timeline-page.js';
import '../pages/alm-settings-page.js';
import '../pages/alm-farm-page.js';
import '../pages/alm-grows-page.js';
import '../pages/alm-audit-page.js';
import './alm-schedule-toast.js';
import '../pages/alm-conflicts-page.js';
import { fetchConflicts } from '../api/conflicts.js';

const PAGE_ICONS: Record<PageId, string> = {
  schedules: mdiCalendarClock,
  timeline: mdiChartTimeline,
  locks: mdiLockClock,
  history: mdiHistory,
  entities: mdiShapeOutline,
  health: mdiHeartPulse,
  settings: mdiCog,
  farm: mdiFloorPlan,
  grows: mdiSprout,
  audit: mdiClipboardTextClockOutline,
  conflicts: mdiCallSplit,
};

/**
 * Pages that get a tab of their own while room allows, most important first: the daily work of
 * a grower (what runs, when, where, which grow). Conflicts come last because their badge still
 * shows on More when the tab has to go there. Every other page lives in the More menu.
 */
const PRIMARY_PAGES: readonly PageId[] = ['schedules', 'timeline', 'farm', 'grows', 'conflicts'];

/** A hold's confirmation stays this long (an error until closed). */
const HOLD_TOAST_MS = 6_000;

/**
 * The panel shell: toolbar with page tabs (a bottom bar on phones) and the connection badge,
 * and the current page. It owns the API client and the one event stream, and hands both down.
 */
@customElement('alm-app')
export class AlmApp extends LitElement {
  @state() private route: Route | null = null;
  @state() private narrow = false;
  @state() private streamStatus: StreamStatus = 'connecting';
  @state() private ha: HealthDto['ha'] | null = null;
  @state() private mode: HealthDto['mode'] | null = null;
  /** Holds in force, for every page's badges. */
  @state() private holds: HoldIndex = NO_HOLDS;
  @state() private holdToast: { ok: boolean; message: string } | null = null;
  private holdToastTimer: ReturnType<typeof setTimeout> | undefined;
  /** Open conflicts, for the Conflicts tab's badge (live from the `conflicts` event). */
  @state() private openConflicts = 0;

  private readonly http: Http = createHttp();
  private readonly stream = new EventStream(new URL('api/events', document.baseURI));
  private readonly holdsStore = new HoldsStore(this.http, this.stream);
  private stops: (() => void)[] = [];

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      min-height: 100dvh;
      background-color: var(--alm-primary-background-color);
      color: var(--alm-primary-text-color);
      /* Icon, label and padding of the phone navigation bar, above the home indicator. */
      --alm-bottom-bar-height: calc(64px + env(safe-area-inset-bottom, 0px));
    }
    alm-app-toolbar {
      position: sticky;
      top: 0;
      z-index: 2;
    }
    main {
      flex: 1;
      width: 100%;
      max-width: 1040px;
      margin: 0 auto;
      padding: var(--alm-space-4);
      box-sizing: border-box;
    }
    /* The week timeline uses every pixel of width it gets: an hour is then wider. */
    main.wide {
      max-width: none;
    }
    :host([narrow]) main {
      padding: var(--alm-space-2) var(--alm-space-2) calc(var(--alm-bottom-bar-height) + var(--alm-space-2));
    }
    .bottom-bar {
      position: fixed;
      left: 0;
      right: 0;
      bottom: 0;
      z-index: 2;
      height: var(--alm-bottom-bar-height);
      padding-bottom: env(safe-area-inset-bottom, 0px);
      box-sizing: border-box;
      background-color: var(--alm-header-background-color);
      border-top: 1px solid var(--alm-divider-color);
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stops = [
      watchRoute(window, (route) => (this.route = route)),
      watchNarrow(window, (narrow) => {
        this.narrow = narrow;
        this.toggleAttribute('narrow', narrow);
      }),
      this.stream.onStatus((status) => this.onStreamStatus(status)),
      this.stream.on('ha', (ha) => (this.ha = ha)),
      this.holdsStore.onChange((holds) => (this.holds = holds)),
      () => this.holdsStore.stop(),
      this.stream.on('conflicts', ({ open }) => (this.openConflicts = open)),
      () => this.stream.stop(),
    ];
    this.addEventListener('hold-request', this.onHoldRequest);
    this.stops.push(() => this.removeEventListener('hold-request', this.onHoldRequest));
    this.stream.start();
    this.holdsStore.start();
    void this.loadHealth();
    void this.loadConflictCount();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  /** A row asked to hold devices or end holds: done here, for every page, then the holds reload. */
  private readonly onHoldRequest = (event: Event): void => {
    const detail = (event as CustomEvent<HoldRequestDetail>).detail;
    const zone = this.ha?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    void carryOutHold(this.http, detail, zone, Date.now()).then((result) => {
      clearTimeout(this.holdToastTimer);
      this.holdToast = result;
      if (result.ok) this.holdToastTimer = setTimeout(() => (this.holdToast = null), HOLD_TOAST_MS);
      return this.holdsStore.load();
    });
  };

  private onStreamStatus(status: StreamStatus): void {
    const reopened = status === 'open' && this.streamStatus === 'reconnecting';
    this.streamStatus = status;
    if (reopened) {
      void this.loadHealth();
      void this.loadConflictCount();
    }
  }

  /** The badge's first number (the stream only says when it changes). */
  private async loadConflictCount(): Promise<void> {
    try {
      this.openConflicts = (await fetchConflicts(this.http, { status: 'open' })).items.length;
    } catch {
      // No badge until the next `conflicts` event; the Conflicts page explains failures.
    }
  }

  /** The mode (and the HA state, until the stream's first `ha` event) come from /api/health. */
  private async loadHealth(): Promise<void> {
    try {
      const health = await fetchHealth(this.http);
      this.mode = health.mode;
      this.ha ??= health.ha;
    } catch {
      // The badge shows the stream's state; the Health page explains failures.
    }
  }

  private get navItems(): NavItem[] {
    return PAGES.map((page) => ({
      id: page, label: t(`nav.${page}`), icon: PAGE_ICONS[page], href: routeHref(page),
      ...(PRIMARY_PAGES.includes(page) ? { priority: PRIMARY_PAGES.indexOf(page) } : {}),
      ...(page === 'conflicts' && this.openConflicts > 0 ? { badge: this.openConflicts, badgeLabel: t('nav.conflicts_badge', { count: this.openConflicts }) } : {}),
    }));
  }

  override render() {
    const route = this.route;
    const current = route?.page ?? '';
    const tabs = html`<alm-nav-tabs
      .items=${this.navItems}
      .active=${current}
      .label=${t('nav.label')}
      ?bottom=${this.narrow}
      class=${this.narrow ? 'bottom-bar' : ''}
      slot=${this.narrow ? nothing : 'tabs'}
    ></alm-nav-tabs>`;
    return html`<alm-app-toolbar
        .heading=${this.narrow && route ? t(`nav.${route.page}`) : t('app.title')}
        ?menu-button=${this.narrow && canToggleHaSidebar(window)}
        .menuLabel=${t('app.open_sidebar')}
        @menu-toggle=${() => toggleHaSidebar(window)}
      >
        ${this.narrow ? nothing : tabs}
        <alm-connection-badge slot="actions" .stream=${this.streamStatus} .ha=${this.ha} .mode=${this.mode}></alm-connection-badge>
      </alm-app-toolbar>
      <main class=${route?.page === 'timeline' ? 'wide' : ''}>${route ? this.renderPage(route) : nothing}</main>
      ${this.narrow ? tabs : nothing}
      ${this.holdToast
        ? html`<alm-schedule-toast
            class=${this.holdToast.ok ? 'hold-ok' : 'hold-error'}
            .message=${this.holdToast.message}
            close-label=${t('common.close')}
            @toast-close=${() => (this.holdToast = null)}
          ></alm-schedule-toast>`
        : nothing}`;
  }

  private renderPage(route: Route) {
    switch (route.page) {
      case 'schedules':
        return html`<alm-schedules-page .http=${this.http} .stream=${this.stream} .route=${route} .holds=${this.holds} ?narrow=${this.narrow}></alm-schedules-page>`;
      case 'timeline':
        return html`<alm-timeline-page .http=${this.http} .stream=${this.stream} .route=${route} .holds=${this.holds} ?narrow=${this.narrow}></alm-timeline-page>`;
      case 'locks':
        return html`<alm-locks-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-locks-page>`;
      case 'history':
        return html`<alm-history-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-history-page>`;
      case 'entities':
        return html`<alm-entities-page .http=${this.http} .stream=${this.stream} .route=${route} .holds=${this.holds} ?narrow=${this.narrow}></alm-entities-page>`;
      case 'health':
        return html`<alm-health-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-health-page>`;
      case 'settings':
        return html`<alm-settings-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-settings-page>`;
      case 'farm':
        return html`<alm-farm-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-farm-page>`;
      case 'grows':
        return html`<alm-grows-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-grows-page>`;
      case 'audit':
        return html`<alm-audit-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-audit-page>`;
      case 'conflicts':
        return html`<alm-conflicts-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-conflicts-page>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-app': AlmApp;
  }
}
