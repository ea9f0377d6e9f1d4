import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiContentCopy } from '@mdi/js';
import type { RecipeDto, RecipeExampleDto } from '../../../server/src/api/types.js';
import { t, tn } from '../i18n/localize.js';
import './alm-icon.js';

/**
 * The user's recipes (name, phases, length, version, which grows follow it), each linking to its
 * editor, and the examples to copy (`example-copy` {key}). Pure.
 */
@customElement('alm-recipe-list')
export class AlmRecipeList extends LitElement {
  @property({ attribute: false }) recipes: readonly RecipeDto[] = [];
  @property({ attribute: false }) examples: readonly RecipeExampleDto[] = [];

  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li.recipe a {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: var(--alm-space-2) var(--alm-space-4);
      color: inherit;
      text-decoration: none;
    }
    li.recipe a:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.04);
    }
    .name {
      font-weight: var(--alm-font-weight-medium);
    }
    .meta {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .empty {
      margin: 0;
      padding: var(--alm-space-3) var(--alm-space-4);
      color: var(--alm-secondary-text-color);
    }
    h4 {
      margin: 0;
      padding: var(--alm-space-3) var(--alm-space-4) var(--alm-space-1);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
    }
    .examples {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-2);
      padding: var(--alm-space-1) var(--alm-space-4) var(--alm-space-4);
    }
    .examples button {
      display: inline-flex;
      align-items: center;
      gap: var(--alm-space-1);
      min-height: 36px;
      padding: 0 var(--alm-space-3);
      border: 1px solid var(--alm-divider-color);
      border-radius: var(--alm-border-radius-md);
      background: none;
      color: var(--alm-primary-text-color);
      font: inherit;
      cursor: pointer;
      --alm-icon-size: 18px;
    }
    .examples button:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.05);
    }
  `;

  override render() {
    return html`${this.recipes.length === 0
        ? html`<p class="empty">${t('recipes.empty')}</p>`
        : html`<ul>
            ${this.recipes.map(
              (r) => html`<li class="recipe" data-recipe-id=${r.id}>
                <a href=${`#/grows/recipes/${encodeURIComponent(r.id)}`}>
                  <span class="name">${r.name}</span>
                  <span class="meta">${tn('recipes.phases', r.phases.length)} · ${t('recipes.days', { days: r.total_days })} · ${t('recipes.version', { version: r.version })}${r.in_use ? html` · ${tn('recipes.in_use', r.grows.length)}` : nothing}</span>
                </a>
              </li>`,
            )}
          </ul>`}
      <h4>${t('recipes.examples')}</h4>
      <div class="examples">
        ${this.examples.map(
          (e) => html`<button type="button" data-example=${e.key} title=${e.description} @click=${() => this.fire(e.key)}>
            <alm-icon .path=${mdiContentCopy}></alm-icon>${t('recipes.copy', { name: e.name })}
          </button>`,
        )}
      </div>`;
  }

  private fire(key: string): void {
    this.dispatchEvent(new CustomEvent('example-copy', { detail: { key }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-recipe-list': AlmRecipeList;
  }
}
