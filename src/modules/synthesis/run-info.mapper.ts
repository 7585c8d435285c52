import { createHash } from 'node:crypto';
import { SynthesisRunInfo } from '../../core/synthesis/synthesis.types';
import { canonicalize } from '../artifacts/canonical-json';
import type { RunManifest } from '../backtests/run-manifest';
import { RunRecord } from '../persistence/run-record';

/** What the synthesis records say about a stored run: ids, version, data hashes and the parameters' hash. */
export function runInfoOf(run: RunRecord, manifest: RunManifest): SynthesisRunInfo {
  const inputs = manifest.inputs;
  return {
    runId: run.id,
    symbol: run.symbol,
    strategy: run.strategy,
    mode: run.mode,
    engineVersion: manifest.engineVersion,
    paramsHash: sha256(canonicalize(manifest.resolved?.params ?? {})),
    resultHash: run.resultHash,
    dataHashes: {
      prices: manifest.data.sha256,
      news: inputs?.news?.sha256 ?? null,
      fundamentals: inputs?.fundamentals?.sha256 ?? null,
      filing: inputs?.filing?.sha256 ?? null,
      memory: inputs?.memory?.sha256 ?? null,
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
