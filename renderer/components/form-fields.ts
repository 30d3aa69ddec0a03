import { css, html, nothing } from 'lit';
import type { I18n } from '../i18n';
import { rememberName } from '../lib/display-name';
import type { FieldErrors, SettingsField } from '../lib/settings-form';

/** Layout shared by the settings form and its parts: the field grid, wide fields, hints and inline errors. */
export const fieldStyles = css`
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    gap: 14px;
  }
  .wide {
    grid-column: 1 / -1;
  }
  h2 {
    font-size: 1.05em;
    margin-bottom: 12px;
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

/** The `aria-invalid` value of a settings field. */
export function fieldInvalid(errors: FieldErrors, field: SettingsField): 'true' | 'false' {
  return errors[field] ? 'true' : 'false';
}

/** A settings field's inline error (its id is what the field's `aria-describedby` names), or nothing. */
export function fieldError(i18n: I18n, errors: FieldErrors, field: SettingsField) {
  const error = errors[field];
  return error
    ? html`<span id="${field}-error" class="field-error" role="alert">${i18n.t(error.key, error.params)}</span>`
    : nothing;
}

/**
 * The "Your name" field of Home and the Lobby: reports each keystroke to `onInput` and, once the user leaves the
 * field, remembers the name in the settings (from `host`) when it differs from `savedName`.
 */
export function nameField(
  host: EventTarget,
  i18n: I18n,
  value: string,
  savedName: string | undefined,
  onInput: (value: string) => void,
) {
  return html`<label
    >${i18n.t('home.name')}
    <input
      type="text"
      autocomplete="nickname"
      maxlength="64"
      .value=${value}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
      @change=${(e: Event) => rememberName(host, (e.target as HTMLInputElement).value, savedName)}
  /></label>`;
}
