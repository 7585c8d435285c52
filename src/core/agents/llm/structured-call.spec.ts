import { ChatAnswer, ChatCall, ChatModel, ChatUnavailableError } from '../../ports/chat-model.port';
import { answerSchema, numberIn } from './llm-output';
import { LookAheadError } from './look-ahead.error';
import { askStructured } from './structured-call';

/** A chat model answering from a list, one answer per call, recording the calls. */
class ListedAnswers implements ChatModel {
  readonly calls: ChatCall[] = [];
  constructor(private readonly answers: Array<string | Error>) {}
  async complete(call: ChatCall): Promise<ChatAnswer> {
    this.calls.push(call);
    const next = this.answers.shift();
    if (next === undefined) throw new Error('no answer left');
    if (next instanceof Error) throw next;
    return { content: next };
  }
}

const SCHEMA = answerSchema('probe', { score: { type: 'number' } });
const CALL: Omit<ChatCall, 'attempt'> = {
  agent: 'news',
  decidedAt: 1000,
  shows: [900, 1000],
  model: undefined,
  temperature: 0,
  maxTokens: 64,
  messages: [{ role: 'user', content: 'score?' }],
  schema: SCHEMA,
};
const read = (v: unknown) => numberIn((v as { score: unknown }).score, 'score', -1, 1);

describe('asking for a structured answer', () => {
  it('reads a valid answer (also inside a code fence) with one request', async () => {
    const chat = new ListedAnswers(['```json\n{"score": 0.5}\n```']);
    expect(await askStructured(chat, CALL, read)).toMatchObject({ ok: true, value: 0.5 });
    expect(chat.calls.map((c) => c.attempt)).toEqual(['first']);
  });

  it('asks once more, naming the problem, after an answer that is not JSON', async () => {
    const chat = new ListedAnswers(['score: high', '{"score": -0.25}']);
    expect(await askStructured(chat, CALL, read)).toMatchObject({ ok: true, value: -0.25 });
    const repair = chat.calls[1];
    expect(repair.attempt).toBe('repair');
    expect(repair.messages.slice(-2)).toEqual([
      { role: 'assistant', content: 'score: high' },
      { role: 'user', content: expect.stringContaining('Your answer is not valid: not JSON') },
    ]);
  });

  it('gives up after one repair, saying why, when the answer stays invalid', async () => {
    const chat = new ListedAnswers(['{"score": 3}', '{"value": 1}']);
    const r = await askStructured(chat, CALL, read);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^invalid answer after one repair request: does not follow the schema/) });
    expect(chat.calls).toHaveLength(2);
    expect(chat.calls[1].messages.at(-1)!.content).toContain('score must be in [-1, 1], got 3');
  });

  it('reports a model that could not answer without a repair request', async () => {
    const chat = new ListedAnswers([new ChatUnavailableError('HTTP 500 (after 5 attempts)')]);
    expect(await askStructured(chat, CALL, read)).toEqual({ ok: false, reason: 'HTTP 500 (after 5 attempts)' });
    expect(chat.calls).toHaveLength(1);
  });

  it('passes on any other failure (a budget, a cancelled run): the run stops', async () => {
    const chat = new ListedAnswers([new Error('budget used up')]);
    await expect(askStructured(chat, CALL, read)).rejects.toThrow('budget used up');
  });

  it('refuses, before asking, a prompt that shows something published after the decision', async () => {
    const chat = new ListedAnswers(['{"score": 0}']);
    await expect(askStructured(chat, { ...CALL, shows: [900, 1001] }, read)).rejects.toBeInstanceOf(LookAheadError);
    expect(chat.calls).toHaveLength(0);
  });
});
