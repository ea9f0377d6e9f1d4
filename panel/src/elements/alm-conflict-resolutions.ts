import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConflictDto, ResolutionDto } from '../../../server/src/api/types.js';
import { scheduleNames } from '../conflicts/conflict-text.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';

/** What the page found out about a shift being previewed. */
export interface ShiftInfo {
  loading: boolean;
  /** Plain words: the new times, and whether the conflict goes away or others appear. */
  text: string;
  error: string;
}

/** A move starts at half an hour: enough to separate most actions, small enough to keep a photoperiod. */
const DEFAULT_SHIFT_MINUTES = 30;
const MAX_SHIFT_MINUTES = 1440;

type Open = 'none' | 'shift' | 'disable';

/**
 * The resolutions of one conflict: keep one schedule (priority), move one by some minutes, disable
 * one, or accept it. Pointing at (or focusing) a choice fires `conflict-preview` so the lanes show
 * what it would do; clicking it fires `conflict-resolve`. A move is previewed while its minutes
 * are edited and applied with its own button.
 */
@customElement('alm-conflict-resolutions')
export class AlmConflictResolutions extends LitElement {
  @property({ attribute: false }) conflict!: ConflictDto;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) shift: ShiftInfo | null = null;

  @state() private open: Open = 'none';
  @state() private shiftSchedule = '';
  @state() private minutes = DEFAULT_SHIFT_MINUTES;

  static override styles = css`
    :host {
      display: block;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-1) var(--alm-space-2);
    }
    .more {
      margin-top: var(--alm-space-2);
      padding: var(--alm-space-2) var(--alm-space-3);
      border-radius: var(--alm-border-radius-md, 8px);
      background: var(--alm-secondary-background-color);
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: var(--alm-space-1);
    }
    select,
    input {
      font: inherit;
      color: inherit;
      background: var(--alm-card-background-color);
      border: 1px solid var(--alm-divider-color);
      border-radius: 6px;
      padding: 4px 6px;
    }
    input {
      width: 5em;
    }
    .info {
      flex-basis: 100%;
      margin: var(--alm-space-1) 0 0;
      color: var(--alm-secondary-text-color);
    }
    .info.error {
      color: var(--alm-error-color);
    }
  `;

  /** The schedules in the order of their lanes (by name). */
  private ids(): string[] {
    const lanes = this.conflict.lanes.map((l) => l.schedule_id);
    return [...lanes, ...this.conflict.schedule_ids.filter((id) => !lanes.includes(id))];
  }

  /** The schedule to move or disable by default: the one that gives way at run time, else the last. */
  private defaultSchedule(): string {
    const ids = this.conflict.schedule_ids;
    return ids.find((id) => id !== this.conflict.winner_id) ?? ids.at(-1) ?? '';
  }

  override render() {
    const c = this.conflict;
    const names = scheduleNames(c);
    const keep = c.strategies.includes('priority') ? this.ids() : [];
    return html`<div class="row" role="group" aria-label=${t('conflicts.resolve_label')}>
        ${keep.map((id) => this.choice({ strategy: 'priority', winner_id: id }, t('conflicts.keep', { name: names.get(id) ?? id }), 'filled'))}
        <alm-button ?disabled=${this.busy} @click=${() => this.toggle('shift')} aria-expanded=${this.open === 'shift'}>${t('conflicts.move')}</alm-button>
        <alm-button ?disabled=${this.busy} @click=${() => this.toggle('disable')} aria-expanded=${this.open === 'disable'}>${t('conflicts.disable')}</alm-button>
        ${this.choice({ strategy: 'accept' }, t('conflicts.accept'))}
      </div>
      ${this.open === 'shift' ? this.renderShift(names) : nothing} ${this.open === 'disable' ? this.renderDisable(names) : nothing}`;
  }

  /** A button that previews its resolution while pointed at or focused, and applies it on click. */
  private choice(resolution: ResolutionDto, label: string, variant: 'plain' | 'filled' = 'plain') {
    return html`<alm-button
      variant=${variant}
      ?disabled=${this.busy}
      data-strategy=${resolution.strategy}
      @mouseenter=${() => this.preview(resolution)}
      @focusin=${() => this.preview(resolution)}
      @mouseleave=${() => this.preview(null)}
      @focusout=${() => this.preview(null)}
      @click=${() => this.resolve(resolution)}
      >${label}</alm-button
    >`;
  }

  private renderShift(names: Map<string, string>) {
    const info = this.shift;
    return html`<div class="more row">
      <label
        >${t('conflicts.move_which')}
        <select @change=${(e: Event) => this.setShift((e.target as HTMLSelectElement).value, this.minutes)}>
          ${this.ids().map((id) => html`<option value=${id} ?selected=${id === this.shiftSchedule}>${names.get(id) ?? id}</option>`)}
        </select></label
      >
      <label
        >${t('conflicts.move_by')}
        <input
          type="number"
          step="5"
          min=${-MAX_SHIFT_MINUTES}
          max=${MAX_SHIFT_MINUTES}
          .value=${String(this.minutes)}
          @input=${(e: Event) => this.setShift(this.shiftSchedule, Number((e.target as HTMLInputElement).value))}
        />
        ${t('conflicts.minutes')}</label
      >
      <alm-button variant="filled" data-strategy="shift" ?disabled=${this.busy || !this.validMinutes() || !!info?.loading || !!info?.error} @click=${() => this.resolve(this.shiftResolution())}
        >${t('conflicts.move_apply')}</alm-button
      >
      ${info ? html`<p class="info ${info.error ? 'error' : ''}" aria-live="polite">${info.loading ? t('common.loading') : info.error || info.text}</p>` : nothing}
    </div>`;
  }

  private renderDisable(names: Map<string, string>) {
    return html`<div class="more row">${this.ids().map((id) => this.choice({ strategy: 'disable', schedule_id: id }, t('conflicts.disable_one', { name: names.get(id) ?? id })))}</div>`;
  }

  private toggle(open: Open): void {
    this.open = this.open === open ? 'none' : open;
    if (this.open === 'shift') this.setShift(this.shiftSchedule || this.defaultSchedule(), this.minutes);
    else this.preview(null);
  }

  private validMinutes(): boolean {
    return Number.isInteger(this.minutes) && this.minutes !== 0 && Math.abs(this.minutes) <= MAX_SHIFT_MINUTES;
  }

  private shiftResolution(): ResolutionDto {
    return { strategy: 'shift', schedule_id: this.shiftSchedule, minutes: this.minutes };
  }

  private setShift(schedule: string, minutes: number): void {
    this.shiftSchedule = schedule;
    this.minutes = minutes;
    this.preview(this.validMinutes() ? this.shiftResolution() : null);
  }

  private preview(resolution: ResolutionDto | null): void {
    // While a move is being edited, its preview stays on the lanes.
    if (resolution === null && this.open === 'shift' && this.validMinutes()) resolution = this.shiftResolution();
    this.dispatchEvent(new CustomEvent('conflict-preview', { detail: { resolution }, bubbles: true, composed: true }));
  }

  private resolve(resolution: ResolutionDto): void {
    this.dispatchEvent(new CustomEvent('conflict-resolve', { detail: { resolution }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-conflict-resolutions': AlmConflictResolutions;
  }
  interface HTMLElementEventMap {
    'conflict-preview': CustomEvent<{ resolution: ResolutionDto | null }>;
    'conflict-resolve': CustomEvent<{ resolution: ResolutionDto }>;
  }
}
