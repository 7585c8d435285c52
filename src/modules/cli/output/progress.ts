import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr when it is a terminal (and not in --json mode); silent otherwise. */
export class Progress {
  private readonly bar: SingleBar | null;

  constructor(total: number, label: string, enabled: boolean) {
    this.bar =
      enabled && process.stderr.isTTY
        ? new SingleBar(
            { format: `${label} [{bar}] {percentage}% | {value}/{total} | {task}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
            Presets.shades_classic,
          )
        : null;
    this.bar?.start(total, 0, { task: '' });
  }

  update(value: number, task = ''): void {
    this.bar?.update(value, { task });
  }

  stop(): void {
    this.bar?.stop();
  }
}
