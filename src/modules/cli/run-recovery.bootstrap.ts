import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RunRecovery } from '../backtests/run-recovery.service';
import { StudiesService } from '../studies/studies.service';

/**
 * Before every command: runs left queued or running, and studies left running, by a process
 * that is gone are stored as interrupted (their temporary artifacts, half-stored results and
 * reports removed), and each is named on stderr.
 */
@Injectable()
export class RunRecoveryBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly recovery: RunRecovery,
    private readonly studies: StudiesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.recovery.recover();
    for (const run of report.interrupted) process.stderr.write(`note: run ${run.id} is interrupted: ${run.reason}\n`);
    for (const study of await this.studies.recover()) process.stderr.write(`note: ${study.kind} ${study.id} is interrupted: ${study.reason}\n`);
  }
}
