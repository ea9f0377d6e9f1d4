import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import type { PlaceKind } from '../ha-places.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';

export type IdKind = PlaceKind;
const ID_KINDS: readonly IdKind[] = ['area', 'floor', 'label', 'device'];

/**
 * Adds an area, label or device to a target by its HA id, for ids the search does not offer (HA
 * would not list its registries to Almanac, or the place is yet to be created), folded away under
 * the search. Fires `target-id-added` ({ kind, id }).
 */
@customElement('alm-target-id-input')
export class AlmTargetIdInput extends LitElement {
  @state() private kind: IdKind = 'area';
  @state() private text = '';

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      summary {
        cursor: pointer;
        color: var(--alm-secondary-text-color);
        padding: var(--alm-space-1) 0;
      }
      .by-id {
        display: flex;
        flex-wrap: wrap;
        gap: var(--alm-space-2);
        align-items: flex-end;
        margin-top: var(--alm-space-2);
      }
      .by-id select {
        width: auto;
        flex: 0 1 140px;
      }
      .by-id input {
        flex: 1 1 160px;
        width: auto;
      }
    `,
  ];

  override render() {
    return html`<details>
      <summary>${t('target.by_id')}</summary>
      <div class="by-id">
        <select aria-label=${t('target.kind')} @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as IdKind)}>
          ${ID_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`target.kind_${k}`)}</option>`)}
        </select>
        <input
          type="text"
          aria-label=${t('target.id')}
          placeholder=${t('target.id_placeholder')}
          .value=${this.text}
          @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            this.add();
          }}
        />
        <alm-button @click=${this.add}>${t('target.add')}</alm-button>
      </div>
    </details>`;
  }

  private add(): void {
    const id = this.text.trim();
    if (!id) return;
    this.text = '';
    this.dispatchEvent(new CustomEvent('target-id-added', { detail: { kind: this.kind, id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-target-id-input': AlmTargetIdInput;
  }
  interface HTMLElementEventMap {
    'target-id-added': CustomEvent<{ kind: IdKind; id: string }>;
  }
}
