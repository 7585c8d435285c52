import type { StudyResult } from '../../core/studies/study-result';
import type { RunOwner } from './run-record';

export const STUDY_KINDS = ['sweep', 'evaluation'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

/**
 * `running` → one final status, as for runs: `done`, `failed`, `cancelled` (someone asked) or
 * `interrupted` (its process stopped or vanished first). Only a done study keeps its results.
 */
export const STUDY_STATUSES = ['running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
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
  /** The process executing it (null for a study stored before owners were). */
  owner: RunOwner | null;
  /** ISO time of the owner's last heartbeat while it runs. */
  heartbeatAt: string | null;
}

/** A stored run of a study, with the spec it ran. */
export interface StoredStudyResult extends StudyResult {
  spec: Record<string, unknown>;
}
