/** The Farm page's layout: the zones' tree beside the selected zone, stacked on phones. */
import { css } from 'lit';

export const farmPageStyles = css`
  :host {
    display: block;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--alm-space-1);
  }
  .intro {
    margin: 0;
    padding: 0 var(--alm-space-4) var(--alm-space-3);
    color: var(--alm-secondary-text-color);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(220px, 280px) minmax(0, 1fr);
    border-top: 1px solid var(--alm-divider-color);
  }
  :host([narrow]) .layout {
    grid-template-columns: 1fr;
  }
  .side {
    border-right: 1px solid var(--alm-divider-color);
    padding: var(--alm-space-2);
  }
  :host([narrow]) .side {
    border-right: none;
    border-bottom: 1px solid var(--alm-divider-color);
  }
  .empty,
  .state {
    padding: var(--alm-space-6) var(--alm-space-4);
    color: var(--alm-secondary-text-color);
    text-align: center;
  }
  alm-unassigned-list {
    border-top: 1px solid var(--alm-divider-color);
  }
  .main {
    min-width: 0;
  }
  alm-alert {
    display: block;
    margin: 0 var(--alm-space-4) var(--alm-space-3);
  }
  alm-button alm-icon {
    --alm-icon-size: 18px;
  }
`;
