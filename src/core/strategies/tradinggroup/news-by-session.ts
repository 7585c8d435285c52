import { AgentOutput, Provenance } from '../../agents/agent';
import { NewsSentimentAgent } from '../../agents/news/news-sentiment.agent';
import { NewsSentiment } from '../../agents/news/news-sentiment.types';
import { PointInTimeInputs } from './point-in-time-inputs';

/**
 * The news agent's output for each session, kept in the slots of the shared news arrangement
 * (see `SessionNews.perSession`): it depends on the session's items (all published by the
 * session's close), the ticker and the agent's parameters only, so runs on the same news and
 * sessions work each one out once. What a decision reads of it (score, whether it has data, its
 * inputs) sits in lists of its own, by session: a run reads those in order rather than the
 * outputs themselves, which live far apart in memory.
 */
export class NewsBySession {
  private readonly outputs: Array<AgentOutput<NewsSentiment> | undefined>;
  private readonly scores: Array<number | undefined>;
  private readonly usable: Array<boolean | undefined>;
  private readonly inputsOf: Array<Provenance[] | undefined>;

  constructor(
    private readonly agent: NewsSentimentAgent,
    private readonly inputs: PointInTimeInputs,
    private readonly symbol: string,
    private readonly aliases: readonly string[],
  ) {
    const key = `news ${JSON.stringify(agent.params)} ${JSON.stringify([symbol, aliases])}`;
    this.outputs = inputs.newsMemo(`${key} output`);
    this.scores = inputs.newsMemo(`${key} score`);
    this.usable = inputs.newsMemo(`${key} usable`);
    this.inputsOf = inputs.newsMemo(`${key} provenance`);
  }

  /** The output for session t (closing at `time`). */
  output(t: number, time: number): AgentOutput<NewsSentiment> {
    const known = this.outputs[t];
    if (known !== undefined) return known;
    const out = this.agent.run({ symbol: this.symbol, aliases: this.aliases, time, items: this.inputs.newsAt(t) });
    this.scores[t] = out.data.score;
    this.usable[t] = !out.flags.includes('no_data');
    this.inputsOf[t] = out.provenance;
    return (this.outputs[t] = out);
  }

  /** The score of session t's output (after `output(t, …)`). */
  score(t: number): number {
    return this.scores[t]!;
  }

  /** Whether session t's output has data (after `output(t, …)`). */
  hasData(t: number): boolean {
    return this.usable[t]!;
  }

  /** The inputs session t's output cites (after `output(t, …)`). */
  provenance(t: number): Provenance[] {
    return this.inputsOf[t]!;
  }
}
