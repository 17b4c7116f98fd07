/**
 * Numbers on the Arabic side of documents: Arabic-Indic digits (U+0660–U+0669), as Arabic readers write them
 * (Unicode Standard ch. 9.2, "Digits"), the same digits the PDF uses for page and clause numbers
 * (document-pdf.ts) and dates (dates.ts `dateText`). The inverse is `normalizeDigits` in @rabt/contracts.
 */

import { toArabicDigits } from '@rabt/contracts';

/** `text` with every ASCII digit 0–9 written as its Arabic-Indic digit; other characters unchanged. */
export const arabicIndicDigits = (text: string): string => toArabicDigits(text);
