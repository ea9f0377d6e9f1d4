import { css } from 'lit';

/**
 * A save bar: sticky at the bottom (above the phone navigation) while there are unsaved changes,
 * what is unsaved on the left, the buttons on the right. The schedule editor and the Settings page
 * share it, so both bars look and sit the same.
 */
export const saveBarStyles = css`
    :host {
      position: sticky;
      bottom: 0;
      z-index: 3;
      display: block;
      margin-top: var(--alm-space-4);
    }
    :host([narrow]) {
      bottom: calc(var(--alm-bottom-bar-height, 0px) + var(--alm-space-2));
    }
    .bar {
      display: flex;
      justify-content: flex-end;
      align-items: center;
      gap: var(--alm-space-2);
      padding: var(--alm-space-2) var(--alm-space-4);
      border-radius: var(--alm-card-border-radius);
      border: 1px solid var(--alm-divider-color);
      background-color: var(--alm-card-background-color);
      box-shadow: 0 -2px 12px rgba(0, 0, 0, 0.08);
    }
    .state {
      flex: 1;
      min-width: 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
`;
