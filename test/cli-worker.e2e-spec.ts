import { cliSandbox, CliSandbox, runCli } from './support/cli-runner';

/* `tradinggroup worker` refuses, in one line, to start without what the scale mode needs (no server is reached). */
describe('tradinggroup worker without its queue or database', () => {
  let box: CliSandbox;
  beforeAll(() => {
    box = cliSandbox('tg-worker-');
  });
  afterAll(() => box.remove());

  it('says which variable is missing when TRADINGGROUP_QUEUE is not set', () => {
    const out = box.cli('worker');
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('error: TRADINGGROUP_QUEUE is not set: a worker takes runs from a queue (e.g. TRADINGGROUP_QUEUE=redis://127.0.0.1:6379)\n');
  });

  it('needs a Postgres database the API and the workers share', () => {
    const res = runCli(['worker'], box.dir, { ...box.env, TRADINGGROUP_QUEUE: 'redis://127.0.0.1:1' });
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(`error: TRADINGGROUP_QUEUE needs TRADINGGROUP_DB to be a postgres:// URL that the API and every worker reach (got ${box.env.TRADINGGROUP_DB})\n`);
  });

  it('answers a bad --concurrency as a usage error', () => {
    const out = box.cli('worker', '--concurrency', '0');
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('error: --concurrency: expected an integer in 1..64, got "0"\n');
  });
});
