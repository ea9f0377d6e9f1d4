import { css } from 'lit';

/** The Schedules page's own layout: toolbar, counts, states, phone width. */
export const schedulesPageStyles = css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    flex-direction: column;
    gap: var(--alm-space-2);
    padding: 0 var(--alm-space-4) var(--alm-space-3);
    border-bottom: 1px solid var(--alm-divider-color);
  }
  .count {
    color: var(--alm-secondary-text-color);
    white-space: nowrap;
  }
  .narrow-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--alm-space-2);
    padding: var(--alm-space-3);
  }
  .new {
    --alm-icon-size: 20px;
  }
  .state {
    display: flex;
    justify-content: center;
    padding: var(--alm-space-6) var(--alm-space-4);
    color: var(--alm-secondary-text-color);
    text-align: center;
  }
  alm-alert {
    display: block;
    margin: var(--alm-space-3) var(--alm-space-4);
  }
  :host([narrow]) alm-card {
    --alm-card-border-radius: var(--alm-border-radius-md);
  }
  :host([narrow]) .toolbar {
    padding: 0 var(--alm-space-3) var(--alm-space-3);
  }
`;
