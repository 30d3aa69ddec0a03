// @vitest-environment node
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { attachContextMenu, contextMenuTemplate, type ContextMenuInput } from '../../../main/context-menu';

const all = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
const params = (over: Partial<ContextMenuInput> = {}): ContextMenuInput => ({
  isEditable: false,
  selectionText: '',
  editFlags: all,
  ...over,
});
const roles = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.role).map((i) => i.role);

describe('right-click menu', () => {
  it('a text field offers cut, copy, paste and select all, enabled as Chromium says', () => {
    const items = contextMenuTemplate(params({ isEditable: true, editFlags: { ...all, canCut: false } }));
    expect(roles(items)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(items[0]).toMatchObject({ role: 'cut', enabled: false });
  });

  it('selected text offers copy; a plain right-click shows nothing', () => {
    expect(roles(contextMenuTemplate(params({ selectionText: 'room-42' })))).toEqual(['copy']);
    expect(contextMenuTemplate(params())).toEqual([]);
  });

  it('pops up on the context-menu event of a normal window, never in the kiosk', () => {
    const shown: MenuItemConstructorOptions[][] = [];
    let kiosk = false;
    const contents = new EventEmitter();
    attachContextMenu(
      contents,
      (t) => shown.push(t),
      () => kiosk,
    );
    contents.emit('context-menu', {}, params({ isEditable: true }));
    kiosk = true;
    contents.emit('context-menu', {}, params({ isEditable: true }));
    expect(shown).toHaveLength(1);
  });
});
