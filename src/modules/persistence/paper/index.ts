/** Paper sessions' storage: entities, the repository and its plain records. */
import { PaperBarEntity } from './paper-bar.entity';
import { PaperDecisionEntity } from './paper-decision.entity';
import { PaperEquityEntity } from './paper-equity.entity';
import { PaperInputEntity } from './paper-input.entity';
import { PaperNewsEntity } from './paper-news.entity';
import { PaperOrderEntity } from './paper-order.entity';
import { PaperPositionEntity } from './paper-position.entity';
import { PaperSessionEntity } from './paper-session.entity';
import { PaperStepEntity } from './paper-step.entity';
import { PaperTickEntity } from './paper-tick.entity';

export const PAPER_ENTITIES = [
  PaperSessionEntity,
  PaperInputEntity,
  PaperBarEntity,
  PaperNewsEntity,
  PaperStepEntity,
  PaperTickEntity,
  PaperOrderEntity,
  PaperEquityEntity,
  PaperDecisionEntity,
  PaperPositionEntity,
];
export { PaperRepository } from './paper.repository';
export type { TickPatch } from './paper.repository';
export { engineOrder } from './paper.mapper';
export * from './paper-record';
