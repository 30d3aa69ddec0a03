import { css } from 'lit';

/** Controls every view shares: buttons, fields, cards, alerts, visually hidden text. */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 40px;
    padding: 0 16px;
    border-radius: var(--moim-radius-small);
    border: 1px solid var(--moim-border);
    background: var(--moim-surface-2);
    cursor: pointer;
    transition: background 120ms ease;
  }
  button:hover:not(:disabled) {
    background: var(--moim-surface-3);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button.primary {
    background: var(--moim-accent);
    border-color: var(--moim-accent);
    color: var(--moim-accent-text);
    font-weight: 600;
  }
  button.primary:hover:not(:disabled) {
    background: #8bbaff;
  }
  button.danger {
    background: var(--moim-danger);
    border-color: var(--moim-danger);
    color: #1a0b0b;
    font-weight: 600;
  }
  button.link {
    background: none;
    border: none;
    color: var(--moim-accent);
    padding: 0 4px;
    min-height: auto;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--moim-focus-ring);
  }
  label {
    display: grid;
    gap: 6px;
    color: var(--moim-muted);
    font-size: 0.9em;
  }
  input[type='text'],
  input[type='password'],
  input[type='url'],
  select,
  textarea {
    width: 100%;
    min-height: 40px;
    padding: 8px 12px;
    border-radius: var(--moim-radius-small);
    border: 1px solid var(--moim-border);
    background: var(--moim-bg);
    color: var(--moim-text);
  }
  textarea {
    min-height: 80px;
    resize: vertical;
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
  }
  .card {
    background: var(--moim-surface);
    border: 1px solid var(--moim-border);
    border-radius: var(--moim-radius);
    padding: 20px;
  }
  .alert {
    padding: 10px 14px;
    border-radius: var(--moim-radius-small);
    background: rgba(242, 109, 109, 0.12);
    border: 1px solid rgba(242, 109, 109, 0.5);
    color: #ffd0d0;
  }
  .note {
    padding: 10px 14px;
    border-radius: var(--moim-radius-small);
    background: rgba(110, 168, 254, 0.1);
    border: 1px solid rgba(110, 168, 254, 0.4);
  }
  .muted {
    color: var(--moim-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    font-weight: 600;
  }
  svg.icon {
    width: 20px;
    height: 20px;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;

/** A row of controls centred under the room: the host is the row, its [role='toolbar'] wraps on narrow windows. */
export const centredToolbarStyles = css`
  :host {
    display: flex;
    justify-content: center;
  }
  [role='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
`;
