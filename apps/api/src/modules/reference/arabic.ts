import { normalizeDigits } from '@rabt/contracts';

/**
 * Folds Arabic and Latin text for matching: diacritics (harakat, U+064B–U+0652, superscript alef
 * U+0670) and tatweel (U+0640) removed; alef forms أ إ آ ٱ → ا; ta marbuta ة → ه; alef maqsura ى → ي;
 * hamza carriers ؤ → و and ئ → ي; a standalone hamza ء dropped (كهرباء ~ كهربائي); Arabic-Indic digits → ASCII; Latin lower-cased; spaces collapsed.
 * The common folding of Arabic information retrieval (e.g. Larkey et al., "light stemming", 2002).
 */
export function foldForSearch(text: string): string {
  return normalizeDigits(text)
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/ء/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
