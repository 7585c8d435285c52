/// <reference lib="dom" />
import { SchedulerRegistry } from '@nestjs/schedule';
import { PaperScheduler } from '../src/modules/paper/paper-scheduler.service';
import { createTestApi, TestApi } from './support/api-app';
import { describeWithChromium, HeadlessBrowser, launchChromium } from './support/browser';

/** The `/ui/paper` page of a running server in headless chromium: it lists the sessions and follows their ticks. */
describeWithChromium('paper page in chromium', () => {
  let api: TestApi;
  let browser: HeadlessBrowser;
  let url: string;

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_PAPER_SCAN_MS: '100' } });
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lists each session with its equity, positions, last and next tick, and updates itself as it ticks', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));

    await page.goto(`${url}/ui/paper?refresh=250`);
    await page.waitForSelector('#empty:not([hidden])');

    const created = await api.http().post('/paper-sessions').send({ strategy: 'buy-and-hold', feed: 'replay:AAPL', from: '2016-01-04', to: '2016-03-31', cron: '0 0 1 1 *' }).expect(201);
    const id: string = created.body.id;
    const row = `tr[data-id="${id}"]`;
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} .last-bar`)).toBe('– (0 bars)');
    expect(await page.textContent(`${row} .equity`)).toBe('100,000.00');
    expect(await page.textContent(`${row} .next-tick`)).toMatch(/^\d{4}-01-01 05:00:00 UTC$/);

    const registry = api.app.get(SchedulerRegistry);
    while (!registry.doesExist('cron', `paper:${id}`)) await new Promise((r) => setTimeout(r, 20));
    const scheduler = api.app.get(PaperScheduler);
    for (let i = 0; i < 3; i++) await scheduler.runJob(id);

    await page.waitForFunction((sel) => document.querySelector(`${sel} .last-bar`)?.textContent === '2016-01-06 (3 bars)', row);
    const positions = await page.textContent(`${row} .positions`);
    expect(positions).toMatch(/^AAPL \d+ @ [\d,]+\.\d\d · cash [\d,]+\.\d\d$/);
    expect(await page.textContent(`${row} .last-tick`)).toMatch(/ processed$/);
    const session = (await api.http().get(`/paper-sessions/${id}`).expect(200)).body;
    expect(await page.textContent(`${row} .equity`)).toBe(session.equity.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

    await api.http().post(`/paper-sessions/${id}/pause`).expect(200);
    await page.waitForFunction((sel) => document.querySelector(`${sel} .st`)?.textContent?.startsWith('paused'), row);
    expect(await page.textContent(`${row} .next-tick`)).toBe('–');

    expect(problems).toEqual([]);
    expect(requests.every((r) => r.startsWith(url))).toBe(true);
    await page.close();
  });
});
