import { canonicalJson } from './canonical-json.writer';
import { PreferenceRecord, SftRecord } from './synthesis.types';

/**
 * A record with only the fields a trainer reads: `{"messages"}` for SFT (OpenAI's fine-tuning
 * chat format) and `{"prompt", "chosen", "rejected"}` for preference pairs (the conversational
 * layout TRL's DPO trainer reads). The rest of the record stays in its sidecar line.
 */
export function bareRecord(r: SftRecord | PreferenceRecord): object {
  return r.format === 'tradinggroup.sft.v1' ? { messages: r.messages } : { prompt: r.prompt, chosen: r.chosen, rejected: r.rejected };
}

/** The sidecar line of a bare record: everything but the messages, in the same order as the records. */
export function sidecarRecord(r: SftRecord | PreferenceRecord): object {
  if (r.format === 'tradinggroup.sft.v1') return { format: r.format, metadata: r.metadata };
  const { prompt: _p, chosen: _c, rejected: _r, ...rest } = r;
  return rest;
}

/** Records as JSONL in the bare layout, and their sidecar JSONL (line i belongs to record i). */
export function bareJsonl(records: ReadonlyArray<SftRecord | PreferenceRecord>): { records: string; sidecar: string } {
  return {
    records: records.map((r) => `${canonicalJson(bareRecord(r))}\n`).join(''),
    sidecar: records.map((r) => `${canonicalJson(sidecarRecord(r))}\n`).join(''),
  };
}
