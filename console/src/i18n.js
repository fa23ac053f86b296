// The console's words in Chinese (the default: the 120 center's language) and English. Every
// visible string lives in strings_zh.js / strings_en.js under the same key; t() fills {names}.
// Static HTML marks its text with data-i18n (text), data-i18n-title and data-i18n-placeholder.
import { zh } from './strings_zh.js';
import { en } from './strings_en.js';

const tables = { zh, en };
const storageKey = 'ems120.language';

export class Language {
  constructor(storage = window.localStorage) {
    this.storage = storage;
    const saved = safeGet(storage, storageKey);
    this.code = saved in tables ? saved : 'zh';
    this.listeners = [];
  }

  t(key, params = {}) {
    const text = tables[this.code][key] ?? tables.zh[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }

  toggle() {
    this.set(this.code === 'zh' ? 'en' : 'zh');
  }

  set(code) {
    if (!(code in tables) || code === this.code) return;
    this.code = code;
    safeSet(this.storage, storageKey, code);
    this.apply(document);
    for (const listener of this.listeners) listener(code);
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  // Re-labels the static parts of the page; dynamic parts re-render through onChange.
  apply(root) {
    document.documentElement.lang = this.code === 'zh' ? 'zh-CN' : 'en';
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = this.t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = this.t(el.dataset.i18nTitle);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = this.t(el.dataset.i18nPlaceholder);
  }
}

// localStorage throws in some private modes and when disabled; the console still works without it.
export function safeGet(storage, key) {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

export function safeSet(storage, key, value) {
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export const languageCodes = Object.keys(tables);
export { tables as stringTables };
