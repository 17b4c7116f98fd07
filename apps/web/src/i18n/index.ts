import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar.ts';
import { en } from './en.ts';

export type UiLocale = 'ar' | 'en';
const STORAGE_KEY = 'rabt.locale';

function savedLocale(): UiLocale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
}

/** Direction is data: Arabic is right-to-left, English left-to-right. */
export function dirOf(locale: UiLocale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

function applyToDocument(locale: UiLocale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
}

export function currentLocale(): UiLocale {
  return i18n.language === 'en' ? 'en' : 'ar';
}

export function setLocale(locale: UiLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (lng) => applyToDocument(lng === 'en' ? 'en' : 'ar'));

const initial = savedLocale();
void i18n.use(initReactI18next).init({
  resources: { ar: { translation: ar }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'ar',
  supportedLngs: ['ar', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(initial);

export default i18n;
