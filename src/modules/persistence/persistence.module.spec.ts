import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfigModule } from '../config/app-config.module';
import { PersistenceModule } from './persistence.module';
import { PERSISTENCE_DATA_SOURCE } from './persistence.tokens';
import { RunsRepository } from './runs.repository';

const DB_PATH = Symbol('DB_PATH');

describe('PersistenceModule', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-module-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('provides a working RunsRepository and closes the database with the app', async () => {
    const path = join(dir, 'db', 'tg.sqlite');
    @Module({ imports: [PersistenceModule.forRoot(path)] })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false });
    const runs = app.get(RunsRepository);
    const dataSource = app.get<DataSource>(PERSISTENCE_DATA_SOURCE);

    await runs.createRun({
      id: 'm-1', strategy: 's', symbol: 'AAPL', profile: 'sane', mode: 'analytic',
      fromDate: '2020-01-01', toDate: '2020-12-31', config: {},
    });
    expect((await runs.getRun('m-1'))?.status).toBe('queued');
    expect(existsSync(path)).toBe(true);

    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });

  it('takes the database path from an injected provider with forRootAsync', async () => {
    const path = join(dir, 'async.sqlite');
    @Module({ providers: [{ provide: DB_PATH, useValue: path }], exports: [DB_PATH] })
    class ConfigModule {}
    @Module({
      imports: [PersistenceModule.forRootAsync({ imports: [ConfigModule], inject: [DB_PATH], useFactory: (p: string) => p })],
    })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false });

    expect(app.get<DataSource>(PERSISTENCE_DATA_SOURCE).options.database).toBe(path);
    expect(await app.get(RunsRepository).listRuns()).toEqual([]);
    await app.close();
  });

  it('takes the database from the AppConfig db value with forAppConfig', async () => {
    const path = join(dir, 'from-config.sqlite');
    @Module({ imports: [AppConfigModule.forRoot({ db: path, dataDir: dir, backtestsDir: dir }), PersistenceModule.forAppConfig()] })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false });

    expect(app.get<DataSource>(PERSISTENCE_DATA_SOURCE).options.database).toBe(path);
    expect(existsSync(path)).toBe(true);
    await app.close();
  });
});
