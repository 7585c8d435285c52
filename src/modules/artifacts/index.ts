/** Run artifacts on disk (`backtests/<run-id>/`) and the reproducible result hash. */
export { ArtifactWriter } from './artifact.writer';
export { renderArtifactFiles } from './artifact-files';
export type { RunArtifacts } from './artifact.writer';
export { ArtifactsModule } from './artifacts.module';
export { ARTIFACT_FILES, runArtifactsDir } from './artifact-paths';
export { resultHash } from './result-hash';
export { stableJson, canonicalize } from './canonical-json';
