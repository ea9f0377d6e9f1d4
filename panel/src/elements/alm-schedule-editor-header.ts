import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiArrowLeft, mdiHistory, mdiPlay } from '@mdi/js';
import type { ScheduleDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import './alm-icon-button.js';
import './alm-schedule-state-chip.js';

/**
 * The editor's title row: back to the list, the schedule's name and state, and for a saved
 * schedule its run history and "run now" (fires `run-now`).
 */
@customElement('alm-schedule-editor-header')
export class AlmScheduleEditorHeader extends LitElement {
  @property() heading = '';
  @property({ attribute: false }) schedule: ScheduleDto | null = null;

  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      margin: 0 0 var(--alm-space-3);
      min-width: 0;
    }
    h1 {
      flex: 1;
      min-width: 0;
      margin: 0;
      font-size: var(--alm-font-size-2xl);
      font-weight: var(--alm-font-weight-normal);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    @media (max-width: 600px) {
      h1 {
        font-size: var(--alm-font-size-xl);
      }
    }
  `;

  override render() {
    const s = this.schedule;
    return html`<alm-icon-button .path=${mdiArrowLeft} .label=${t('editor.back')} @click=${() => navigate(window, routeHref('schedules'))}></alm-icon-button>
      <h1>${this.heading}</h1>
      ${s
        ? html`<alm-schedule-state-chip .state=${s.state} .pausedUntil=${s.paused_until} .note=${s.pause_note} ?running=${s.running} .timezone=${s.timezone}></alm-schedule-state-chip>
            <alm-icon-button
              .path=${mdiHistory}
              .label=${t('schedules.history')}
              @click=${() => navigate(window, `${routeHref('history')}?schedule_id=${encodeURIComponent(s.id)}`)}
            ></alm-icon-button>
            <alm-icon-button class="run" .path=${mdiPlay} .label=${t('schedules.run_now')} @click=${this.run}></alm-icon-button>`
        : nothing}`;
  }

  private run(): void {
    this.dispatchEvent(new CustomEvent('run-now', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-editor-header': AlmScheduleEditorHeader;
  }
  interface HTMLElementEventMap {
    'run-now': CustomEvent<void>;
  }
}
