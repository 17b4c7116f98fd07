import type { AnswerInput, AttemptQuestion } from '@rabt/contracts';

/**
 * The answers of an open quiz attempt, kept on the device while it is being answered (issue 6, new-user
 * test): browser Back then Forward, or a reload, re-renders the quiz form empty, and «تابع الاختبار» resumes
 * the same attempt on the server, which does not hold answers before submission. The draft lives in
 * sessionStorage (this tab only, gone when the tab closes) under the attempt's id, and holds nothing but the
 * answers (AnswerInput[]: question ids and the chosen options or typed text). It is removed when the attempt is
 * submitted, and when the course page no longer reports it as the open attempt (submitted elsewhere, expired).
 */
const PREFIX = 'rabt.quiz-draft.';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled (privacy settings): the quiz still works, without the draft
  }
}

/** Keeps `answers` for attempt `attemptId` (replacing the previous draft). Fails silently when storage is full or off. */
export function saveQuizDraft(attemptId: string, answers: AnswerInput[]): void {
  try {
    storage()?.setItem(PREFIX + attemptId, JSON.stringify(answers));
  } catch {
    // quota exceeded: the answers are still in the form
  }
}

/** The kept answers of attempt `attemptId`, or null when none (or unreadable). */
export function loadQuizDraft(attemptId: string): AnswerInput[] | null {
  const raw = storage()?.getItem(PREFIX + attemptId);
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? (v as AnswerInput[]) : null;
  } catch {
    return null;
  }
}

/** Removes every kept draft except the one of `keepAttemptId` (null: removes all). */
export function clearQuizDrafts(keepAttemptId: string | null = null): void {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX) && k !== PREFIX + keepAttemptId) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}

/** Sets a text field's value so React's onChange (e.g. the written answer's character count) sees it. */
function setText(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Puts kept `answers` back into the quiz form (uncontrolled fields named `q-<questionId>`, matching selects
 * `q-<questionId>-<leftId>`, as the quiz page renders them). Answers to questions not in `questions` are ignored.
 * Answers whether anything was restored.
 */
export function fillQuizForm(form: HTMLFormElement, questions: AttemptQuestion[], answers: AnswerInput[]): boolean {
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  const fields = (name: string) => [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`)];
  let restored = false;
  for (const q of questions) {
    const a = byId.get(q.id);
    if (!a) continue;
    const name = `q-${q.id}`;
    const check = (values: string[]) => {
      for (const el of fields(name)) {
        if (el instanceof HTMLInputElement && values.includes(el.value)) {
          el.checked = true;
          restored = true;
        }
      }
    };
    if (typeof a.choice === 'string') check([a.choice]);
    if (Array.isArray(a.choices)) check(a.choices);
    if (typeof a.value === 'boolean') check([String(a.value)]);
    if (typeof a.text === 'string' && a.text) {
      const el = fields(name)[0];
      if (el && !(el instanceof HTMLSelectElement)) {
        setText(el, a.text);
        restored = true;
      }
    }
    if (a.matches && typeof a.matches === 'object') {
      for (const [left, right] of Object.entries(a.matches)) {
        const el = fields(`${name}-${left}`)[0];
        if (el instanceof HTMLSelectElement && right && [...el.options].some((o) => o.value === right)) {
          el.value = right;
          restored = true;
        }
      }
    }
  }
  return restored;
}
