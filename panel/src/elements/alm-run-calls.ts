import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiAlertCircle, mdiCheckCircle, mdiFlaskOutline } from '@mdi/js';
import type { RunDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';
import { formatTimeSeconds } from '../timeline/time-format.js';
import './alm-icon.js';

type Call = RunDto['calls'][number];

/** JSON up to this length stays on one line; longer is pretty-printed in a scrolling block. */
const INLINE_JSON_MAX = 72;

function json(value: unknown) {
  const compact = JSON.stringify(value);
  if (compact === undefined) return nothing;
  return compact.length <= INLINE_JSON_MAX ? html`<code>${compact}</code>` : html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
}

/** HA's answer to a call: a bare context says "accepted"; anything more is shown as data. */
function answer(response: unknown) {
  const r = response as { context?: { id?: unknown } } | null;
  if (r && typeof r === 'object' && Object.keys(r).length === 1 && typeof r.context?.id === 'string') {
    return t('history.call_accepted', { id: r.context.id });
  }
  return json(response);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
}

/**
 * The service calls a run made, each with its target and data, whether HA accepted it, and HA's
 * answer: the response or context on success, the error code and message on failure.
 */
@customElement('alm-run-calls')
export class AlmRunCalls extends LitElement {
  @property({ attribute: false }) calls: Call[] = [];
  @property({ attribute: false }) names: ReadonlyMap<string, string> = new Map();
  @property() zone?: string;

  static override styles = css`
    :host {
      display: block;
    }
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: 20px 1fr;
      gap: 2px var(--alm-space-2);
      padding: var(--alm-space-2) 0;
    }
    li + li {
      border-top: 1px dashed var(--alm-divider-color);
    }
    alm-icon {
      --alm-icon-size: 20px;
      grid-row: span 6;
    }
    .ok {
      color: var(--alm-success-color);
    }
    .failed {
      color: var(--alm-error-color);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 var(--alm-space-2);
    }
    .service {
      font-family: var(--alm-font-family-code);
      font-weight: var(--alm-font-weight-medium);
    }
    .at,
    .key {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .dry {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding: 0 6px;
      border-radius: var(--alm-border-radius-pill);
      background-color: color-mix(in srgb, var(--alm-warning-color) 18%, transparent);
      font-size: var(--alm-font-size-s);
      --alm-icon-size: 14px;
    }
    .dry alm-icon {
      grid-row: auto;
    }
    .row {
      min-width: 0;
      font-size: var(--alm-font-size-s);
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--alm-error-color);
    }
    code,
    pre {
      font-family: var(--alm-font-family-code);
      font-size: var(--alm-font-size-s);
      background-color: var(--alm-input-fill-color);
      border-radius: var(--alm-border-radius-sm);
      padding: 1px 4px;
    }
    pre {
      margin: 2px 0 0;
      padding: var(--alm-space-2);
      max-height: 200px;
      overflow: auto;
      white-space: pre;
    }
    .none {
      color: var(--alm-secondary-text-color);
    }
  `;

  override render() {
    if (this.calls.length === 0) return html`<p class="none">${t('history.no_calls')}</p>`;
    return html`<ol>
      ${this.calls.map((call) => this.renderCall(call))}
    </ol>`;
  }

  private renderCall(call: Call) {
    const entities = call.target?.entity_id ?? [];
    const otherTargets = Object.entries(call.target ?? {}).filter(([key, ids]) => key !== 'entity_id' && ids && ids.length > 0);
    return html`<li class="call" data-ok=${call.ok ? 'true' : 'false'}>
      <alm-icon class=${call.ok ? 'ok' : 'failed'} .path=${call.ok ? mdiCheckCircle : mdiAlertCircle} .label=${call.ok ? t('history.call_ok') : t('history.call_failed')}></alm-icon>
      <div class="head">
        <span class="service">${call.domain}.${call.service}</span>
        <span class="at">${formatTimeSeconds(Date.parse(call.at), this.zone)}</span>
        ${call.dry_run ? html`<span class="dry"><alm-icon .path=${mdiFlaskOutline}></alm-icon>${t('history.call_dry_run')}</span>` : nothing}
      </div>
      ${entities.length > 0 || otherTargets.length > 0
        ? html`<div class="row"><span class="key">${t('history.call_target')}:</span> ${[
            ...entities.map((id) => (this.names.get(id) ? `${this.names.get(id)} (${id})` : id)),
            ...otherTargets.map(([key, ids]) => `${key}: ${ids!.join(', ')}`),
          ].join(', ')}</div>`
        : nothing}
      ${isEmpty(call.data) ? nothing : html`<div class="row"><span class="key">${t('history.call_data')}:</span> ${json(call.data)}</div>`}
      ${call.error
        ? html`<div class="row error"><span class="key">${t('history.call_answer')}:</span> ${call.error.code}: ${call.error.message}</div>`
        : isEmpty(call.response)
          ? nothing
          : html`<div class="row"><span class="key">${t('history.call_answer')}:</span> ${answer(call.response)}</div>`}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-run-calls': AlmRunCalls;
  }
}
