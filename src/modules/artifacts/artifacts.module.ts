import { Module } from '@nestjs/common';
import { ArtifactWriter } from './artifact.writer';

/** Provides the `ArtifactWriter` for run directories under `backtests/`. */
@Module({ providers: [ArtifactWriter], exports: [ArtifactWriter] })
export class ArtifactsModule {}
