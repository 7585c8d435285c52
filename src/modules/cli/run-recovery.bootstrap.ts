import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RunRecovery } from '../backtests/run-recovery.service';

/**
 * Before every command: runs left queued or running by a process that is gone are stored as
 * interrupted (their temporary artifacts removed), and each is named on stderr.
 */
@Injectable()
export class RunRecoveryBootstrap implements OnApplicationBootstrap {
  constructor(private readonly recovery: RunRecovery) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.recovery.recover();
    for (const run of report.interrupted) process.stderr.write(`note: run ${run.id} is interrupted: ${run.reason}\n`);
  }
}
