import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { mdiCalendarClock, mdiCallSplit, mdiChartTimeline, mdiHeartPulse, mdiHistory, mdiShapeOutline } from '@mdi/js';
import type { HealthDto } from '../../../server/src/api/types.js';
import { EventStream, type StreamStatus } from '../api/events.js';
import { fetchHealth } from '../api/health.js';
import { createHttp, type Http } from '../api/http.js';
import { canToggleHaSidebar, toggleHaSidebar, watchNarrow } from '../host.js';
import { t } from '../i18n/localize.js';
import { PAGES, routeHref, watchRoute, type PageId, type Route } from '../router.js';
import './alm-app-toolbar.js';
import './alm-connection-badge.js';
import './alm-nav-tabs.js';
import type { NavItem } from './alm-nav-tabs.js';
import '../pages/alm-entities-page.js';
import '../pages/alm-health-page.js';
import '../pages/alm-history-page.js';
import '../pages/alm-schedules-page.js';
import '../pages/alm-timeline-page.js';
import '../pages/alm-conflicts-page.js';
import { fetchConflicts } from '../api/conflicts.js';

const PAGE_ICONS: Record<PageId, string> = {
  schedules: mdiCalendarClock,
  timeline: mdiChartTimeline,
  history: mdiHistory,
  entities: mdiShapeOutline,
  health: mdiHeartPulse,
  conflicts: mdiCallSplit,
};

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
  /** Open conflicts, for the Conflicts tab's badge (live from the `conflicts` event). */
  @state() private openConflicts = 0;

  private readonly http: Http = createHttp();
  private readonly stream = new EventStream(new URL('api/events', document.baseURI));
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
      this.stream.on('conflicts', ({ open }) => (this.openConflicts = open)),
      () => this.stream.stop(),
    ];
    this.stream.start();
    void this.loadHealth();
    void this.loadConflictCount();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.stops) stop();
    this.stops = [];
  }

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
      ${this.narrow ? tabs : nothing}`;
  }

  private renderPage(route: Route) {
    switch (route.page) {
      case 'schedules':
        return html`<alm-schedules-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-schedules-page>`;
      case 'timeline':
        return html`<alm-timeline-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-timeline-page>`;
      case 'history':
        return html`<alm-history-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-history-page>`;
      case 'entities':
        return html`<alm-entities-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-entities-page>`;
      case 'health':
        return html`<alm-health-page .http=${this.http} .stream=${this.stream} .route=${route} ?narrow=${this.narrow}></alm-health-page>`;
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
