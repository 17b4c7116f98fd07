/**
 * Text helpers with no dependency (no zod), exported on their own as `@rabt/contracts/text` so that the web's
 * lightest pages (the lesson page: issue 6 §8, 200 KB of JavaScript at most) do not load every schema.
 * Also exported from the package's main entry.
 */
export { normalizeDigits, parseLocaleInteger, parseLocaleNumber, parseMinorUnits, toArabicDigits } from './digits.ts';
export { SKILL_LEVEL_NAMES, SKILL_LEVELS, skillLevelNamesIn, type SkillLevelCode } from './skill-levels.ts';

export type LessonBlock = { type: 'h1' | 'h2' | 'p'; text: string } | { type: 'ul'; items: string[] };

/**
 * Parses lesson text — a small markdown subset, never HTML: `# ` / `## ` headings, `- ` (or `* `, `• `) list items,
 * paragraphs separated by blank lines — into plain-text blocks; anything else is a paragraph.
 */
export function lessonBlocks(text: string): LessonBlock[] {
  const blocks: LessonBlock[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flushPara = (): void => {
    if (para.length) blocks.push({ type: 'p', text: para.join(' ') });
    para = [];
  };
  const flushList = (): void => {
    if (list.length) blocks.push({ type: 'ul', items: list });
    list = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) {
      flushPara();
      flushList();
    } else if (line.startsWith('## ') || line.startsWith('# ')) {
      flushPara();
      flushList();
      const h2 = line.startsWith('## ');
      blocks.push({ type: h2 ? 'h2' : 'h1', text: line.slice(h2 ? 3 : 2).trim() });
    } else if (/^[-*•] /.test(line)) {
      flushPara();
      list.push(line.slice(2).trim());
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return blocks;
}
