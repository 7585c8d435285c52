import { InitialSchema1700000000000 } from './1700000000000-initial-schema.migration';
import { DecisionTrace1700000000001 } from './1700000000001-decision-trace.migration';
import { MemoryCases1700000000002 } from './1700000000002-memory-cases.migration';
import { LlmExchanges1700000000010 } from './1700000000010-llm-exchanges.migration';
import { RunListIndexes1700000000011 } from './1700000000011-run-list-indexes.migration';
import { RunOwner1700000000012 } from './1700000000012-run-owner.migration';
import { PaperSessions1700000000020 } from './1700000000020-paper-sessions.migration';
import { RunSeries1700000000030 } from './1700000000030-run-series.migration';
import { Studies1700000000045 } from './1700000000045-studies.migration';
import { StudyOwner1700000000046 } from './1700000000046-study-owner.migration';
import { RunLedger1700000000050 } from './1700000000050-run-ledger.migration';
import { StudyResultNotes1700000000055 } from './1700000000055-study-result-notes.migration';
import { EquityPieces1700000000060 } from './1700000000060-equity-pieces.migration';

/** Every migration, oldest first. Add new ones here; the schema is never synchronised. */
export const MIGRATIONS = [
  InitialSchema1700000000000,
  DecisionTrace1700000000001,
  MemoryCases1700000000002,
  LlmExchanges1700000000010,
  RunListIndexes1700000000011,
  RunOwner1700000000012,
  PaperSessions1700000000020,
  RunSeries1700000000030,
  Studies1700000000045,
  StudyOwner1700000000046,
  RunLedger1700000000050,
  StudyResultNotes1700000000055,
  EquityPieces1700000000060,
];
