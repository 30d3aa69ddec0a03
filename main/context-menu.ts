import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

/** The parts of Electron's `context-menu` params the menu depends on. */
export type ContextMenuInput = Pick<ContextMenuParams, 'isEditable' | 'selectionText'> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
};

/**
 * The right-click menu (Electron's own `context-menu` event; Chromium shows none by itself): cut/copy/paste
 * in text fields, copy on selected text, nothing elsewhere. Roles keep the platform's labels and shortcuts.
 */
export function contextMenuTemplate(params: ContextMenuInput): MenuItemConstructorOptions[] {
  const flags = params.editFlags;
  if (params.isEditable) {
    return [
      { role: 'cut', enabled: flags.canCut },
      { role: 'copy', enabled: flags.canCopy },
      { role: 'paste', enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: flags.canSelectAll },
    ];
  }
  if (params.selectionText.trim() !== '') return [{ role: 'copy', enabled: flags.canCopy }];
  return [];
}

/** Shows the right-click menu for one WebContents; the kiosk gets none (nothing there to copy or paste). */
export function attachContextMenu(
  contents: { on(event: 'context-menu', listener: (event: unknown, params: ContextMenuInput) => void): unknown },
  popup: (template: MenuItemConstructorOptions[]) => void,
  isKiosk: () => boolean,
): void {
  contents.on('context-menu', (_event, params) => {
    const template = isKiosk() ? [] : contextMenuTemplate(params);
    if (template.length > 0) popup(template);
  });
}
