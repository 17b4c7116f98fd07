import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ScormLessonStatus } from '@rabt/contracts';
import { masteredStatus } from './scorm-mastery.ts';

/**
 * The SCORM 1.2 mastery-score rule the server applies to what it stores (issue 6 §1): passed when
 * cmi.core.score.raw ≥ the item's mastery score, else failed; on LMSCommit only a status claiming an outcome
 * is re-evaluated; without a mastery score or a score the SCO's status stands.
 */
describe('SCORM 1.2 mastery score rule', () => {
  test('with a mastery score and a score, a finished SCO is passed or failed whatever status it reported (as scorm-again does on LMSFinish)', () => {
    for (const status of ScormLessonStatus.options) {
      assert.equal(masteredStatus(status, '80', 80, true), 'passed', status);
      assert.equal(masteredStatus(status, '79.9999', 80, true), 'failed', status);
    }
    assert.equal(masteredStatus('completed', '0', 0, true), 'passed');
    assert.equal(masteredStatus('passed', '100', 100, true), 'passed');
  });

  test('on a commit, a claimed outcome is re-evaluated (a forged "passed" below the mastery score is failed); a SCO in progress keeps its status', () => {
    assert.equal(masteredStatus('passed', '40', 80, false), 'failed');
    assert.equal(masteredStatus('completed', '40', 80, false), 'failed');
    assert.equal(masteredStatus('failed', '90', 80, false), 'passed');
    assert.equal(masteredStatus('completed', '95', 80, false), 'passed');
    for (const status of ['incomplete', 'browsed', 'not attempted'] as const) assert.equal(masteredStatus(status, '40', 80, false), status);
  });

  test('without a mastery score, or without a score, the SCO\'s status stands', () => {
    for (const status of ScormLessonStatus.options) {
      assert.equal(masteredStatus(status, '10', null, true), status);
      assert.equal(masteredStatus(status, '', 80, true), status);
    }
  });

  test('property: the stored status never completes a SCO below its mastery score', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ScormLessonStatus.options), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (status, score, mastery, finished) => {
        const result = masteredStatus(status, String(score), mastery, finished);
        if (score < mastery) assert.ok(result !== 'passed' && result !== 'completed');
        if (finished) assert.equal(result, score >= mastery ? 'passed' : 'failed');
      }),
    );
  });
});
