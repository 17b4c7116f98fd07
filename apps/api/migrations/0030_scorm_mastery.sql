-- SCORM 1.2 lessons, third step (issue 6 §1): mastery scores and prerequisites from the manifest.
--
-- Mastery score. An item of the manifest may give adlcp:masteryscore (SCORM 1.2 CAM), the score that passes
-- its SCO. The LMS hands it to the SCO as cmi.student_data.mastery_score, and when the SCO reports a
-- cmi.core.score.raw the LMS sets cmi.core.lesson_status to passed (score >= mastery score) or failed (SCORM
-- 1.2 RTE §3.4.4, cmi.core.lesson_status); a failed SCO does not complete the lesson.
--
-- Prerequisites. An item may give adlcp:prerequisites (SCORM 1.2 CAM, an AICC script). Rabt applies the
-- simple form only, an item identifier or identifiers joined by "&", naming SCOs delivered before it: such
-- a SCO cannot be launched by a trainee until each SCO it requires is passed or completed. Any other
-- expression is read as no prerequisite (scorm-package.ts). Requiring only earlier SCOs keeps the graph
-- acyclic, so a package can never lock itself.
--
-- Packages uploaded before 0030 have neither (their manifests were not kept apart from their files); an
-- author who wants them applied uploads the package again.

ALTER TABLE scorm_scos ADD COLUMN mastery_score numeric(7, 4) CHECK (mastery_score BETWEEN 0 AND 100);
COMMENT ON COLUMN scorm_scos.mastery_score IS 'adlcp:masteryscore of the item (0–100, cmi.student_data.mastery_score); NULL when the manifest gives none, and for packages from before 0030.';

CREATE TABLE scorm_sco_prerequisites (
  package_id uuid NOT NULL,
  position smallint NOT NULL,
  requires smallint NOT NULL,
  PRIMARY KEY (package_id, position, requires),
  CHECK (requires < position),
  FOREIGN KEY (package_id, position) REFERENCES scorm_scos(package_id, position) ON DELETE CASCADE,
  FOREIGN KEY (package_id, requires) REFERENCES scorm_scos(package_id, position) ON DELETE CASCADE
);
COMMENT ON TABLE scorm_sco_prerequisites IS 'adlcp:prerequisites of a SCO in their simple form ("i1" or "i1&i2"): one row per SCO it requires. Deleted with the package.';
COMMENT ON COLUMN scorm_sco_prerequisites.position IS 'The SCO that is locked (scorm_scos.position).';
COMMENT ON COLUMN scorm_sco_prerequisites.requires IS 'A SCO delivered before it (scorm_scos.position) that the trainee must have passed or completed first.';
