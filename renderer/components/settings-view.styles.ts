import { css } from 'lit';

/** The settings view's own layout: field grid, inline errors (the devices part styles itself). */
export const settingsStyles = css`
  :host {
    display: block;
    max-width: 820px;
    margin: 0 auto;
    padding: 28px 20px 48px;
  }
  h1 {
    font-size: 1.5em;
    margin-bottom: 16px;
  }
  h2 {
    font-size: 1.05em;
    margin-bottom: 12px;
  }
  form {
    display: grid;
    gap: 16px;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    gap: 14px;
  }
  .wide {
    grid-column: 1 / -1;
  }
  .row {
    display: flex;
    gap: 10px;
    align-items: center;
    flex-wrap: wrap;
  }
  .hint {
    font-size: 0.85em;
  }
  .field-error {
    font-size: 0.85em;
    color: #ffb4b4;
  }
  [aria-invalid='true'] {
    border-color: #f26d6d;
  }
`;
