import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { dialogStyles } from '../dialog-styles.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';

const HOUR_MS = 3_600_000;
/** Quick choices: a short break, a day off, a holiday week; or until resumed by hand. */
const QUICK = [
  { id: '1h', ms: HOUR_MS },
  { id: '1d', ms: 24 * HOUR_MS },
  { id: '1w', ms: 7 * 24 * HOUR_MS },
  { id: 'manual', ms: null },
  { id: 'custom', ms: null },
] as const;
/** The server keeps notes short enough for a chip and an HA attribute. */
const NOTE_MAX = 200;

export interface PauseRequest {
  /** ISO instant, or null: until resumed. */
  until: string | null;
  note: string | null;
}

/**
 * Asks how long to pause a schedule and why: quick durations, a date and time, or until resumed,
 * and an optional note shown on the schedule. A modal `<dialog>` (focus trap, Escape closes).
 * Fires `pause-confirm` (PauseRequest) or `pause-cancel`.
 */
@customElement('alm-schedule-pause-dialog')
export class AlmSchedulePauseDialog extends LitElement {
  /** The schedule's name, for the heading. */
  @property() name = '';
  @property({ attribute: false }) error: string | null = null;
  @state() private choice: (typeof QUICK)[number]['id'] = '1d';
  @state() private custom = '';
  @state() private note = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [
    formStyles,
    dialogStyles,
    css`
      dialog {
        width: min(440px, calc(100vw - 32px));
      }
    `,
  ];

  /** Opens the dialog with fresh inputs. */
  open(): void {
    this.choice = '1d';
    this.custom = '';
    this.note = '';
    this.error = null;
    this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }

  override render() {
    return html`<dialog aria-labelledby="pause-title" @cancel=${this.onCancel}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="pause-title">${t('pause.title', { name: this.name })}</h2>
        <div class="field" role="group" aria-labelledby="pause-for">
          <span class="label" id="pause-for">${t('pause.for')}</span>
          <div class="chips">
            ${QUICK.map(
              (q) => html`<button
                type="button"
                class="chip"
                aria-pressed=${this.choice === q.id ? 'true' : 'false'}
                data-choice=${q.id}
                @click=${() => (this.choice = q.id)}
              >
                ${t(`pause.choice_${q.id}`)}
              </button>`,
            )}
          </div>
        </div>
        ${this.choice === 'custom'
          ? html`<div class="field">
              <label for="until">${t('pause.until')}</label>
              <input id="until" type="datetime-local" required .value=${this.custom} @input=${(e: Event) => (this.custom = (e.target as HTMLInputElement).value)} />
            </div>`
          : nothing}
        <div class="field">
          <label for="note">${t('pause.note')}</label>
          <input
            id="note"
            type="text"
            maxlength=${NOTE_MAX}
            placeholder=${t('pause.note_placeholder')}
            .value=${this.note}
            @input=${(e: Event) => (this.note = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="buttons">
          <alm-button @click=${this.onCancel}>${t('common.cancel')}</alm-button>
          <alm-button variant="filled" class="confirm" @click=${this.onSubmit}>${t('pause.confirm')}</alm-button>
        </div>
      </form>
    </dialog>`;
  }

  private until(): string | null {
    const quick = QUICK.find((q) => q.id === this.choice);
    if (quick?.ms) return new Date(Date.now() + quick.ms).toISOString();
    if (this.choice === 'custom' && this.custom) return new Date(this.custom).toISOString();
    return null;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    if (this.choice === 'custom' && !this.custom) {
      this.error = t('pause.until_required');
      return;
    }
    const detail: PauseRequest = { until: this.until(), note: this.note.trim() || null };
    this.dispatchEvent(new CustomEvent('pause-confirm', { detail, bubbles: true, composed: true }));
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.close();
    this.dispatchEvent(new CustomEvent('pause-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-pause-dialog': AlmSchedulePauseDialog;
  }
  interface HTMLElementEventMap {
    'pause-confirm': CustomEvent<PauseRequest>;
    'pause-cancel': CustomEvent<void>;
  }
}
