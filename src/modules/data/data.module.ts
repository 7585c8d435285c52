import { Module } from '@nestjs/common';
import { DataService } from './data.service';

/** Market data loading, import and sample setup. Needs the global AppConfigModule. */
@Module({
  providers: [DataService],
  exports: [DataService],
})
export class DataModule {}
