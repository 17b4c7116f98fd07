/**
 * The skill levels of the skill-level measurement certificate (شهادة قياس مستوى المهارة, Ministerial Decree
 * 266/2025, Law 14/2025 Art. 27) and their one Arabic and English name, used by every page, certificate and
 * message that names a level (e-services, e-learning, the exchange's candidate search).
 *
 * The decree's grades run from «عامل مساعد» (assistant worker) to «فني متخصص» (specialised technician); those
 * two names are the decree's own (../shared/reference/domain-data.md §4.2). The source found does not list the
 * grades between; «شبه ماهر», «ماهر» and «فني» are the terms this platform uses until the decree's list is found.
 * No dependency (no zod): exported from `@rabt/contracts/text` for the web's i18n as well.
 */
export const SKILL_LEVELS = ['assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician'] as const;
export type SkillLevelCode = (typeof SKILL_LEVELS)[number];

/** Name of each level, in sentence case («فني متخصص», "Specialised technician"). */
export const SKILL_LEVEL_NAMES: Readonly<Record<SkillLevelCode, { readonly ar: string; readonly en: string }>> = {
  assistant_worker: { ar: 'عامل مساعد', en: 'Assistant worker' },
  semi_skilled: { ar: 'شبه ماهر', en: 'Semi-skilled' },
  skilled: { ar: 'ماهر', en: 'Skilled' },
  technician: { ar: 'فني', en: 'Technician' },
  specialised_technician: { ar: 'فني متخصص', en: 'Specialised technician' },
};

/** The names in one language, keyed by level (for the web's i18n catalogues). */
export function skillLevelNamesIn(locale: 'ar' | 'en'): Record<SkillLevelCode, string> {
  return Object.fromEntries(SKILL_LEVELS.map((l) => [l, SKILL_LEVEL_NAMES[l][locale]])) as Record<SkillLevelCode, string>;
}
