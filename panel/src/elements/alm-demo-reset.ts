import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { dialogStyles } from '../dialog-styles.js';
import { t } from '../i18n/localize.js';
import './alm-alert.js';
import './alm-button.js';

/** What the last reset did, or why it failed. */
export type DemoResetOutcome = { ok: true; created: number; removed: number } | { ok: false; error: string };

/**
 * The demo's reset (Settings, demo mode only): what demo mode is, a button, and a modal
 * confirmation that says what will be lost. Pure: fires `demo-reset` once confirmed; the page
 * resets and hands the outcome back.
 */
@customElement('alm-demo-reset')
export class AlmDemoReset extends LitElement {
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) outcome: DemoResetOutcome | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [dialogStyles, css`
    :host {
      display: block;
    }
    p {
      margin: 0 0 var(--alm-space-3);
      color: var(--alm-secondary-text-color);
    }
    alm-alert {
      display: block;
      margin-top: var(--alm-space-3);
    }
    dialog p {
      color: var(--alm-primary-text-color);
    }
  `];

  override render() {
    const o = this.outcome;
    return html`<p>${t('demo.intro')}</p>
      <alm-button class="reset" ?disabled=${this.busy} @click=${() => this.dialog.showModal()}>${this.busy ? t('demo.resetting') : t('demo.reset')}</alm-button>
      ${o
        ? html`<alm-alert class=${o.ok ? 'reset-done' : 'reset-failed'} alert-type=${o.ok ? 'success' : 'error'}>
            ${o.ok ? t('demo.done', { created: o.created, removed: o.removed }) : t('demo.failed', { error: o.error })}
          </alm-alert>`
        : nothing}
      <dialog aria-labelledby="demo-reset-title" aria-describedby="demo-reset-text">
        <form method="dialog">
          <h2 id="demo-reset-title">${t('demo.confirm_title')}</h2>
          <p id="demo-reset-text">${t('demo.confirm_text')}</p>
          <div class="buttons">
            <alm-button class="cancel" @click=${() => this.dialog.close()}>${t('common.cancel')}</alm-button>
            <alm-button class="confirm" variant="filled" @click=${this.confirm}>${t('demo.confirm')}</alm-button>
          </div>
        </form>
      </dialog>`;
  }

  private confirm(): void {
    this.dialog.close();
    this.dispatchEvent(new CustomEvent('demo-reset', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-demo-reset': AlmDemoReset;
  }
  interface HTMLElementEventMap {
    'demo-reset': CustomEvent<void>;
  }
}
