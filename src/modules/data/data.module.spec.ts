import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '../config/app-config.module';
import { DataModule } from './data.module';
import { DataService } from './data.service';

describe('DataModule', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-data-module-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function service() {
    @Module({ imports: [AppConfigModule.forRoot({ dataDir: join(dir, 'data') }), DataModule] })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false });
    return { app, data: app.get(DataService) };
  }

  it('sets up, lists, loads and describes datasets in the configured data directory', async () => {
    const { app, data } = await service();
    expect(data.setupSampleData().created).toBe(true);
    expect(data.list().map((e) => e.symbol)).toEqual(['AAPL', 'SPX']);
    const spx = data.loadSymbol('SPX', { adjust: 'none' });
    expect(spx.source).toBe(join(dir, 'data', 'prices', 'SPX.csv'));
    const description = data.describe('AAPL', { period: 'month' });
    expect(description.resampled[0].period).toBe('2013-05');
    expect(description.resampled).toHaveLength(61);
    await app.close();
  });

  it('imports and loads files through the service', async () => {
    const { app, data } = await service();
    const file = join(dir, 'msft.csv');
    writeFileSync(file, 'date,open,high,low,close,volume\n2020-01-02,10,11,9,10,1\n');
    expect(data.importFile(file).datasets[0].symbol).toBe('MSFT');
    expect(data.loadFile(file, { symbol: 'M2' }).symbol).toBe('M2');
    await app.close();
  });
});
