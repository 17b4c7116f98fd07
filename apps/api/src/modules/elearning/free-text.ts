/**
 * Free-text quiz questions (issue 6 §3: "the trainer grades free-text answers"), the pure part: the stored
 * spec, the answer's length rule, and the score of an attempt that mixes automatic and hand grading.
 *
 * Scoring: every drawn question is worth the same share of 100 (as for automatic questions, quiz.service.ts).
 * An automatic question gives its share when correct; a free-text question gives points / maxPoints of it.
 * score = floor(100 × (correct automatic + Σ points/maxPoints) / drawn), in percent; passed when ≥ the pass mark.
 */
import type { AnswerInput, QuestionSpec } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';

export type FreeTextSpec = Extract<QuestionSpec, { freeText: true }>;

/** The free-text spec of a question, or null for any other type. */
export function freeTextSpec(q: { type: string; spec: unknown }): FreeTextSpec | null {
  if (q.type !== 'free_text') return null;
  const s = q.spec as Partial<FreeTextSpec> | null;
  return s && s.freeText === true ? (s as FreeTextSpec) : null;
}

/** True when any of `questions` is graded by hand (the attempt then waits for the grader). */
export function needsGrading(questions: readonly { type: string }[]): boolean {
  return questions.some((q) => q.type === 'free_text');
}

/** Length in characters as a person counts them (Unicode code points, so Arabic letters with marks count per mark). */
export function charLength(text: string): number {
  return [...text].length;
}

/** True for C0 controls other than tab and newline, and DEL: removed from free-text answers. */
function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f;
}

/** A free-text answer as stored: newlines normalised, control characters removed, trimmed. */
export function cleanAnswer(text: string): string {
  return [...text.replace(/\r\n?/g, '\n')].filter((ch) => !isControl(ch)).join('').trim();
}

/**
 * Cleans the free-text answers in place of `answers` and refuses one longer than its question allows:
 * 400 `quiz_answer_too_long` (nothing is saved, the attempt stays open).
 */
export function cleanFreeTextAnswers(questions: readonly { id: string; type: string; spec: unknown }[], answers: AnswerInput[]): AnswerInput[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return answers.map((a) => {
    const q = byId.get(a.questionId);
    const spec = q ? freeTextSpec(q) : null;
    if (!spec || a.text === undefined) return a;
    const text = cleanAnswer(a.text);
    if (charLength(text) > spec.maxLength) throw new AppError('quiz_answer_too_long', { detail: `At most ${spec.maxLength} characters.` });
    return { ...a, text };
  });
}

/** The score in percent (0-100, rounded down) from correct automatic answers and the free-text grades. */
export function scorePercent(autoCorrect: number, grades: readonly { points: number; maxPoints: number }[], drawn: number): number {
  if (drawn <= 0) return 0;
  const earned = autoCorrect + grades.reduce((sum, g) => sum + g.points / g.maxPoints, 0);
  // The epsilon keeps thirds that add up to a whole (1/3 + 2/3) from rounding down a point.
  return Math.min(100, Math.floor((100 * earned) / drawn + 1e-9));
}
