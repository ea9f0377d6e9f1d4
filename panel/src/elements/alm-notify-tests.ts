import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiAlertCircle, mdiBellOutline, mdiCellphone, mdiCheckCircle } from '@mdi/js';
import { t } from '../i18n/localize.js';
import './alm-button.js';
import './alm-icon.js';
import './alm-spinner.js';

export interface TestChannel {
  channel: string;
  name: string;
}

/** What the last test of a channel did: sending, or the outcome. */
export type TestResult = { state: 'sending' } | { state: 'delivered' } | { state: 'failed'; error: string };

/**
 * Every channel with a "Send test" button and the outcome of its last test. `channels` and
 * `results` in, `send-test` ({ channel }) out.
 */
@customElement('alm-notify-tests')
export class AlmNotifyTests extends LitElement {
  @property({ attribute: false }) channels: readonly TestChannel[] = [];
  @property({ attribute: false }) results: Record<string, TestResult> = {};

  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-2) var(--alm-space-3);
      padding: var(--alm-space-2) 0;
      border-top: 1px solid var(--alm-divider-color);
      --alm-icon-size: 20px;
    }
    .name {
      flex: 1 1 180px;
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      min-width: 0;
    }
    .service {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .result {
      display: inline-flex;
      align-items: center;
      gap: var(--alm-space-1);
      font-size: var(--alm-font-size-s);
    }
    .ok {
      color: var(--alm-success-color);
    }
    .bad {
      color: var(--alm-error-color);
    }
  `;

  override render() {
    return html`<ul>
      ${this.channels.map((c) => {
        const result = this.results[c.channel];
        return html`<li data-channel=${c.channel}>
          <span class="name">
            <alm-icon .path=${c.channel === 'persistent' ? mdiBellOutline : mdiCellphone}></alm-icon>
            <span>${c.name}${c.channel === 'persistent' ? nothing : html`<br /><span class="service">${c.channel}</span>`}</span>
          </span>
          ${this.renderResult(result)}
          <alm-button class="send" ?disabled=${result?.state === 'sending'} @click=${() => this.send(c.channel)}>${t('settings.send_test')}</alm-button>
        </li>`;
      })}
    </ul>`;
  }

  private renderResult(result: TestResult | undefined) {
    if (!result) return nothing;
    if (result.state === 'sending') return html`<alm-spinner class="result" .label=${t('settings.test_sending')}></alm-spinner>`;
    if (result.state === 'delivered') return html`<span class="result ok" role="status"><alm-icon .path=${mdiCheckCircle}></alm-icon>${t('settings.test_sent')}</span>`;
    return html`<span class="result bad" role="status"><alm-icon .path=${mdiAlertCircle}></alm-icon>${t('settings.test_failed', { error: result.error })}</span>`;
  }

  private send(channel: string): void {
    this.dispatchEvent(new CustomEvent('send-test', { detail: { channel }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-notify-tests': AlmNotifyTests;
  }
  interface HTMLElementEventMap {
    'send-test': CustomEvent<{ channel: string }>;
  }
}
