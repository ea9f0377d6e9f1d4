import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';

let nextId = 0;

type Yaml = typeof import('yaml');
/** The YAML library is loaded when the first data field appears: most schedules never show one. */
let yaml: Yaml | null = null;
let loading: Promise<Yaml> | null = null;
function loadYaml(): Promise<Yaml> {
  loading ??= import('yaml').then((module) => (yaml = module));
  return loading;
}

/** A data object as the text to edit: YAML once the library is there, JSON until then. */
function formatData(value: Record<string, unknown> | undefined): string {
  if (!value || Object.keys(value).length === 0) return '';
  return yaml ? yaml.stringify(value).trimEnd() : JSON.stringify(value, null, 2);
}

/** YAML (a superset of JSON, so JSON pastes work too) to a data object, or an error message. */
export function parseData(text: string): { value: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { value: {} };
  try {
    const value: unknown = yaml ? yaml.parse(text) : JSON.parse(text);
    if (value === null || value === undefined) return { value: {} };
    if (typeof value !== 'object' || Array.isArray(value)) return { error: t('data.not_mapping') };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { error: t('data.invalid', { detail: first }) };
  }
}

/**
 * Service data or script variables as YAML or JSON in a code textarea, checked while typing.
 * Only valid text is sent up (`data-changed` with { value }); while the text is invalid the
 * element fires `validity-changed` ({ source, valid: false }) so the page can hold the save.
 */
@customElement('alm-action-data')
export class AlmActionData extends LitElement {
  @property({ attribute: false }) value: Record<string, unknown> | undefined = undefined;
  @property() label = '';
  @property() error = '';
  @property() placeholder = '';
  @state() private text = '';
  @state() private local = '';
  private readonly uid = `data-${nextId++}`;
  /** The value last sent up, so its own echo does not reformat what the user typed. */
  private sent: unknown = null;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    if (!yaml) {
      void loadYaml().then(() => {
        if (this.local) this.apply(this.text);
        else this.text = formatData(this.value);
      });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && this.value !== this.sent) {
      this.text = formatData(this.value);
      this.setLocal('');
    }
  }

  override render() {
    const error = this.local || this.error;
    return html`<div class="field">
      <label for=${this.uid}>${this.label}</label>
      <textarea
        id=${this.uid}
        rows="4"
        spellcheck="false"
        placeholder=${this.placeholder}
        .value=${this.text}
        aria-invalid=${error ? 'true' : 'false'}
        @input=${this.onInput}
      ></textarea>
      ${error ? html`<p class="error">${error}</p>` : html`<p class="hint">${t('data.hint')}</p>`}
    </div>`;
  }

  private onInput(event: Event): void {
    this.apply((event.target as HTMLTextAreaElement).value);
  }

  private apply(text: string): void {
    this.text = text;
    const result = parseData(text);
    if ('error' in result) {
      this.setLocal(result.error);
      return;
    }
    this.setLocal('');
    this.sent = result.value;
    this.dispatchEvent(new CustomEvent('data-changed', { detail: { value: result.value }, bubbles: true, composed: true }));
  }

  private setLocal(message: string): void {
    const was = Boolean(this.local);
    this.local = message;
    if (was !== Boolean(message)) this.validity(!message);
  }

  private validity(valid: boolean): void {
    this.dispatchEvent(new CustomEvent('validity-changed', { detail: { source: this, valid }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-action-data': AlmActionData;
  }
  interface HTMLElementEventMap {
    'data-changed': CustomEvent<{ value: Record<string, unknown> }>;
    /** `source` is the element; a page holding a save checks that it is still connected. */
    'validity-changed': CustomEvent<{ source: HTMLElement; valid: boolean }>;
  }
}
