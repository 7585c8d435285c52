import { Module } from '@nestjs/common';
import { LlmService } from './llm.service';
import { LlmExchangeTransfer } from './llm-exchange.transfer';
import { RunsRepository } from '../persistence/runs.repository';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';

/** The llm mode's shell (needs the global PersistenceModule). */
@Module({
  providers: [
    LlmService,
    { provide: LlmExchangeTransfer, inject: [RunsRepository, LlmExchangesRepository], useFactory: (runs: RunsRepository, x: LlmExchangesRepository) => new LlmExchangeTransfer(runs, x) },
  ],
  exports: [LlmService, LlmExchangeTransfer],
})
export class LlmModule {}
