import { Module } from '@nestjs/common';
import { SynthesisService } from './synthesis.service';

/** Post-training data from stored runs. Needs the global PersistenceModule. */
@Module({
  providers: [SynthesisService],
  exports: [SynthesisService],
})
export class SynthesisModule {}
