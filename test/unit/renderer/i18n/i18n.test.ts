// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../common/protocol/errors';
import { createI18n, format, languageFromLocale, tables, type MessageKey } from '../../../../renderer/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message tables', () => {
  it('Korean and English have exactly the same keys', () => {
    expect(Object.keys(tables.ko).sort()).toEqual(Object.keys(tables.en).sort());
  });

  it('no message is empty in either language', () => {
    for (const table of Object.values(tables)) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('each message uses the same placeholders in both languages', () => {
    for (const key of Object.keys(tables.en) as MessageKey[]) {
      expect(placeholders(tables.ko[key]), key).toEqual(placeholders(tables.en[key]));
    }
  });

  it('every protocol error code has a sentence in both languages', () => {
    for (const code of ERROR_CODES) {
      for (const table of Object.values(tables)) expect(table[`error.${code}` as MessageKey]).toBeTruthy();
    }
  });

  it('Korean is not a copy of English', () => {
    const same = (Object.keys(tables.en) as MessageKey[]).filter((k) => tables.en[k] === tables.ko[k]);
    // Only language names, the brand-neutral "P2P" and format-only messages may be identical.
    expect(same.sort()).toEqual(['lang.en', 'lang.ko', 'mode.p2p', 'settings.deviceFallback'].sort());
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{count} watching in {room}', { count: 3 })).toBe('3 watching in {room}');
  });

  it('translates with the bound language', () => {
    expect(createI18n('ko').t('room.viewers', { count: 2 })).toBe('2명 시청 중');
    expect(createI18n('en').t('room.viewers', { count: 2 })).toBe('2 watching');
  });
});

describe('languageFromLocale', () => {
  it('picks Korean for ko locales and English otherwise', () => {
    expect(languageFromLocale('ko-KR')).toBe('ko');
    expect(languageFromLocale('ko')).toBe('ko');
    expect(languageFromLocale('en-US')).toBe('en');
    expect(languageFromLocale('ja')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });
});
