import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';
import { configureCommandLine } from './command-line.setup';

/** Applies the CLI's conventions (command-line.setup.ts) once nest-commander has built the command tree. */
@Injectable()
export class CommandLineProvider implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly root: Command) {}

  onApplicationBootstrap(): void {
    configureCommandLine(this.root);
  }
}
