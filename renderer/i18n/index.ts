import { en } from './en';
import { ko } from './ko';
import type { Language, MessageKey, MessageParams, MessageTable } from './messages';

export type { Language, MessageKey, MessageParams, MessageTable };

/** The message tables, by language. */
export const tables: Record<Language, MessageTable> = { en, ko };

/** Languages in the order the language switch lists them. */
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

/** A translator bound to one language; components receive it through context. */
export interface I18n {
  readonly lang: Language;
  t(key: MessageKey, params?: MessageParams): string;
}

/** Replaces `{name}` placeholders with `params.name`; unknown placeholders stay visible. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Builds the translator for `lang`. */
export function createI18n(lang: Language): I18n {
  const table = tables[lang];
  return { lang, t: (key, params) => format(table[key], params) };
}

/** The UI language for a BCP 47 tag such as navigator.language: Korean for `ko*`, English otherwise. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
