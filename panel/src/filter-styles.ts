import { css } from 'lit';

/** The labelled selects and date inputs of a filter row (History, Audit log): one look for both. */
export const filterFieldStyles = css`
    label {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    select,
    input {
      height: 40px;
      min-width: 0;
      padding: 0 var(--alm-space-2);
      border: 1px solid var(--alm-divider-color);
      border-radius: var(--alm-border-radius-md);
      background-color: var(--alm-input-fill-color);
      color: var(--alm-primary-text-color);
      font: inherit;
      font-size: var(--alm-font-size-m);
      box-sizing: border-box;
    }
    select:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: -1px;
    }
`;
