import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { StudiesService } from '../studies/studies.service';

/** When the server starts: studies left running by a process that is gone are stored as interrupted. */
@Injectable()
export class StudyRecoveryBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('StudyRecovery');

  constructor(private readonly studies: StudiesService) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const study of await this.studies.recover()) this.logger.warn(`${study.kind} ${study.id} is interrupted: ${study.reason}`);
  }
}
