import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { mdiContentCopy, mdiDelete, mdiHistory, mdiPause, mdiPencil, mdiPlay, mdiPlayPause } from '@mdi/js';
import type { EntityDto, OverrideDto, ScheduleDto } from '../../../server/src/api/types.js';
import { NO_PLACES, type Places } from '../ha-places.js';
import { holdChoice, holdMenuItems, requestHold } from '../holds.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import { RUN_ICONS, runStatusLabel, runTone, scheduleIcon, targetItems } from '../schedule-display.js';
import { formatInstantLong, formatWhen } from '../schedule-format.js';
import type { MenuItem } from './alm-schedule-menu.js';
import './alm-hold-badge.js';
import './alm-icon.js';
import './alm-icon-button.js';
import './alm-schedule-menu.js';
import './alm-schedule-state-chip.js';

/** What a row asks its page to do. */
export type ScheduleCommand = 'enable' | 'disable' | 'run' | 'pause' | 'resume' | 'duplicate' | 'delete' | 'history';

/** How many target names a row spells out before "+N". */
const NAMES_SHOWN = 2;
/** How long a row glows after a live update changed it. */
const CHANGE_FLASH_MS = 1_200;

/**
 * One schedule in the list: target icon, name (a link to the editor), the plain-language "when",
 * what it acts on, its state, next run and last result; a switch to enable or disable it, run
 * now, and a menu with pause, duplicate, history and delete. Pure: fires `schedule-command`.
 */
@customElement('alm-schedule-row')
export class AlmScheduleRow extends LitElement {
  @property({ attribute: false }) schedule?: ScheduleDto;
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  @property({ attribute: false }) places: Places = NO_PLACES;
  @property({ type: Number }) now = Date.now();
  /** A command for this row is in flight: controls are disabled. */
  @property({ type: Boolean }) busy = false;
  /** Holds on devices this schedule touches: the schedule leaves them alone until they end. */
  @property({ attribute: false }) holds: readonly OverrideDto[] = [];

  static override styles = css`
    :host {
      display: block;
      container-type: inline-size;
    }
    .row {
      position: relative;
      display: flex;
      align-items: center;
      gap: var(--alm-space-3);
      padding: var(--alm-space-3) var(--alm-space-2) var(--alm-space-3) var(--alm-space-4);
    }
    .icon {
      flex: none;
      align-self: flex-start;
      display: flex;
      align-items: center;
      justify-content: center;
      width: 40px;
      height: 40px;
      border-radius: 50%;
      color: var(--row-color);
      background-color: color-mix(in srgb, var(--row-color) 18%, transparent);
    }
    :host([inactive]) .icon {
      --row-color: var(--alm-state-inactive-color) !important;
    }
    .main {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    a.name {
      color: var(--alm-primary-text-color);
      font-weight: var(--alm-font-weight-medium);
      font-size: var(--alm-font-size-l);
      line-height: 22px;
      text-decoration: none;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      border-radius: var(--alm-border-radius-sm);
    }
    a.name:hover {
      text-decoration: underline;
    }
    a.name:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 2px;
    }
    .when,
    .targets {
      color: var(--alm-secondary-text-color);
      line-height: 20px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .when {
      color: var(--alm-primary-text-color);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px var(--alm-space-3);
      margin-top: 4px;
      font-size: var(--alm-font-size-s);
      color: var(--alm-secondary-text-color);
    }
    .last {
      --alm-icon-size: 16px;
    }
    .last alm-icon {
      vertical-align: -3px;
      margin-right: 2px;
    }
    .ok { color: var(--alm-success-color); }
    .bad { color: var(--alm-error-color); }
    .warn { color: var(--alm-warning-color); }
    .busy { color: var(--alm-info-color); }
    .neutral { color: var(--alm-secondary-text-color); }
    .actions {
      flex: none;
      display: flex;
      align-items: center;
    }
    .switch {
      appearance: none;
      position: relative;
      width: 36px;
      height: 20px;
      margin: 0 var(--alm-space-2);
      border-radius: 10px;
      background-color: var(--alm-state-inactive-color);
      opacity: 0.8;
      cursor: pointer;
      transition: background-color 150ms linear;
    }
    .switch::after {
      content: '';
      position: absolute;
      top: 2px;
      left: 2px;
      width: 16px;
      height: 16px;
      border-radius: 50%;
      background-color: #fff;
      transition: transform 150ms ease;
    }
    .switch:checked {
      background-color: var(--alm-primary-color);
      opacity: 1;
    }
    .switch:checked::after {
      transform: translateX(16px);
    }
    .switch:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 3px;
    }
    .switch:disabled {
      cursor: default;
      opacity: 0.4;
    }
    .flash {
      position: absolute;
      inset: 0;
      background-color: rgba(var(--alm-rgb-primary-color), 0.14);
      opacity: 0;
      pointer-events: none;
    }
    @container (max-width: 480px) {
      .row {
        padding-left: var(--alm-space-3);
        gap: var(--alm-space-2);
      }
      .run {
        display: none;
      }
      .switch {
        margin: 0 var(--alm-space-1);
      }
    }
  `;

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('schedule');
    const after = this.schedule;
    if (before && after && (before.last_run_at !== after.last_run_at || before.state !== after.state)) {
      this.renderRoot.querySelector('.flash')?.animate([{ opacity: 1 }, { opacity: 0 }], { duration: CHANGE_FLASH_MS, easing: 'ease-out' });
    }
  }

  override willUpdate(): void {
    const state = this.schedule?.state;
    this.toggleAttribute('inactive', state === 'disabled' || state === 'completed');
  }

  override render() {
    const s = this.schedule;
    if (!s) return nothing;
    const targets = targetItems(s, this.entities, this.places);
    const { icon, color } = scheduleIcon(s, targets);
    const names = targets.slice(0, NAMES_SHOWN).map((item) => item.name);
    const more = targets.length - names.length;
    return html`<div class="row" style="--row-color: ${color}">
      <div class="flash"></div>
      <div class="icon"><alm-icon .path=${icon}></alm-icon></div>
      <div class="main">
        <a class="name" href=${routeHref('schedules', s.id)}>${s.name}</a>
        <span class="when">${s.description}</span>
        ${targets.length > 0
          ? html`<span class="targets">${names.join(', ')}${more > 0 ? ` ${t('schedules.more_targets', { count: more })}` : ''}</span>`
          : nothing}
        <div class="meta">
          <alm-schedule-state-chip
            .state=${s.state}
            .pausedUntil=${s.paused_until}
            .note=${s.pause_note}
            ?running=${s.running}
            .timezone=${s.timezone}
          ></alm-schedule-state-chip>
          ${this.renderHold()} ${this.renderNext(s)} ${this.renderLast(s)}
        </div>
      </div>
      <div class="actions">
        <input
          type="checkbox"
          role="switch"
          class="switch"
          aria-label=${t('schedules.enabled_switch', { name: s.name })}
          title=${s.enabled ? t('schedules.disable') : t('schedules.enable')}
          .checked=${live(s.enabled)}
          ?disabled=${this.busy}
          @change=${(e: Event) => this.command((e.target as HTMLInputElement).checked ? 'enable' : 'disable')}
        />
        <alm-icon-button
          class="run"
          .path=${mdiPlay}
          .label=${t('schedules.run_now')}
          ?disabled=${this.busy}
          @click=${() => this.command('run')}
        ></alm-icon-button>
        <alm-schedule-menu
          .items=${this.menuItems(s)}
          .label=${t('schedules.more_actions', { name: s.name })}
          @menu-select=${(e: CustomEvent<{ id: string }>) => this.onMenu(e)}
        ></alm-schedule-menu>
      </div>
    </div>`;
  }

  /** The hold that lasts longest, counting every held device of this schedule. */
  private renderHold() {
    if (this.holds.length === 0) return nothing;
    const end = (o: OverrideDto): number => (o.until === null ? Number.POSITIVE_INFINITY : Date.parse(o.until));
    const longest = [...this.holds].sort((a, b) => end(b) - end(a))[0]!;
    const count = new Set(this.holds.flatMap((o) => o.entity_ids)).size;
    return html`<alm-hold-badge .hold=${longest} .count=${count} .now=${this.now}></alm-hold-badge>`;
  }

  private renderNext(s: ScheduleDto) {
    if (!s.next_run_at) return html`<span>${t('schedules.no_next_run')}</span>`;
    const when = formatWhen(s.next_run_at, this.now, s.timezone);
    return html`<span class="next" title=${formatInstantLong(s.next_run_at, s.timezone)}
      >${t('schedules.next_run', { relative: when.relative, absolute: when.absolute })}</span
    >`;
  }

  private renderLast(s: ScheduleDto) {
    if (!s.last_status) return html`<span class="last">${t('schedules.never_ran')}</span>`;
    const tone = runTone(s.last_status);
    const ago = s.last_run_at ? formatWhen(s.last_run_at, this.now, s.timezone).relative : '';
    return html`<span class="last" title=${s.last_run_at ? formatInstantLong(s.last_run_at, s.timezone) : ''}>
      <alm-icon class=${tone} .path=${RUN_ICONS[tone]}></alm-icon>
      <span class="last-status">${runStatusLabel(s.last_status)}</span>${ago ? ` · ${ago}` : nothing}
    </span>`;
  }

  private menuItems(s: ScheduleDto): MenuItem[] {
    const paused = s.state === 'paused';
    return [
      { id: 'edit', label: t('schedules.edit'), icon: mdiPencil },
      { id: 'run', label: t('schedules.run_now'), icon: mdiPlay },
      paused ? { id: 'resume', label: t('schedules.resume'), icon: mdiPlayPause } : { id: 'pause', label: t('schedules.pause'), icon: mdiPause },
      { id: 'duplicate', label: t('schedules.duplicate'), icon: mdiContentCopy },
      ...holdMenuItems(this.holds.length > 0).map((item) => ({ ...item, label: t('holds.schedule_item', { choice: item.label }) })),
      { id: 'history', label: t('schedules.history'), icon: mdiHistory },
      { id: 'delete', label: t('schedules.delete'), icon: mdiDelete, danger: true },
    ];
  }

  private onMenu(event: CustomEvent<{ id: string }>): void {
    event.stopPropagation();
    const hold = holdChoice(event.detail.id);
    if (hold === 'end') return requestHold(this, { choice: hold, ids: this.holds.map((o) => o.id) });
    if (hold) return requestHold(this, { choice: hold, schedule_id: this.schedule?.id ?? '' });
    if (event.detail.id === 'edit') {
      window.location.hash = routeHref('schedules', this.schedule?.id ?? '');
      return;
    }
    this.command(event.detail.id as ScheduleCommand);
  }

  private command(command: ScheduleCommand): void {
    const id = this.schedule?.id;
    if (!id) return;
    this.dispatchEvent(new CustomEvent('schedule-command', { detail: { id, command }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-row': AlmScheduleRow;
  }
  interface HTMLElementEventMap {
    'schedule-command': CustomEvent<{ id: string; command: ScheduleCommand }>;
  }
}
