import type { StudyResult } from '../../core/studies/study-result';

export const STUDY_KINDS = ['sweep', 'evaluation'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

export const STUDY_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

/** A stored study (plain data; no TypeORM types). */
export interface StudyRecord {
  id: string;
  kind: StudyKind;
  status: StudyStatus;
  request: Record<string, unknown>;
  total: number;
  completed: number;
  summary: Record<string, unknown> | null;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}

/** A stored run of a study, with the spec it ran. */
export interface StoredStudyResult extends StudyResult {
  spec: Record<string, unknown>;
}
