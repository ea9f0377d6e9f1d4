import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
@customElement('alm-app')
export class AlmApp extends LitElement {
  @property() name = 'x';
  @state() private _n = 1;
  override render() { return html`<p>${this.name} ${this._n}</p>`; }
}
