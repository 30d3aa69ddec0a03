import { css } from 'lit';

/** The home view's layout: identity card, host-a-room card, the create and join forms, recent rooms. */
export const homeStyles = css`
  :host {
    display: block;
    max-width: 920px;
    margin: 0 auto;
    padding: 28px 20px 48px;
  }
  h1 {
    font-size: 1.5em;
    margin-bottom: 20px;
  }
  h2 {
    font-size: 1.1em;
    margin-bottom: 14px;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
    gap: 16px;
  }
  .identity {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    gap: 14px;
    margin-bottom: 16px;
  }
  fieldset {
    border: none;
    margin: 0 0 14px;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  legend {
    color: var(--moim-muted);
    font-size: 0.9em;
    margin-bottom: 8px;
  }
  .mode {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 10px;
    padding: 10px 12px;
    border: 1px solid var(--moim-border);
    border-radius: var(--moim-radius-small);
    color: var(--moim-text);
    font-size: 1em;
    cursor: pointer;
  }
  .mode:has(input:checked) {
    border-color: var(--moim-accent);
    background: rgba(110, 168, 254, 0.08);
  }
  .mode input {
    margin-top: 4px;
  }
  .mode small {
    grid-column: 2;
    color: var(--moim-muted);
  }
  .row {
    display: flex;
    gap: 10px;
    flex-wrap: wrap;
    margin-top: 12px;
  }
  .hint {
    margin-top: 10px;
    font-size: 0.85em;
  }
  .alert,
  .notice {
    margin-bottom: 16px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  li button {
    width: 100%;
    justify-content: space-between;
  }
  li .server {
    color: var(--moim-muted);
    font-size: 0.85em;
  }
  .recent {
    margin-top: 16px;
  }
  .host {
    display: grid;
    justify-items: start;
    gap: 10px;
    margin-bottom: 16px;
  }
  .host p {
    margin: 0;
  }
`;
