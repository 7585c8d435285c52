import { Module } from '@nestjs/common';
import { LlmService } from './llm.service';

/** The llm mode's shell (needs the global PersistenceModule). */
@Module({
  providers: [LlmService],
  exports: [LlmService],
})
export class LlmModule {}
