import { resolve } from 'node:path';

/**
 * Where the application keeps its files and database. Values come from the environment,
 * and CLI flags override them. Paths are resolved against the working directory.
 */
export interface AppConfig {
  /** SQLite file path (a Postgres URL is accepted where Postgres support exists). */
  db: string;
  dataDir: string;
  backtestsDir: string;
}

export interface AppConfigOverrides {
  db?: string;
  dataDir?: string;
  backtestsDir?: string;
}

export function loadAppConfig(overrides: AppConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = resolve(overrides.dataDir ?? env.TRADINGGROUP_DATA_DIR ?? 'data');
  const db = overrides.db ?? env.TRADINGGROUP_DB ?? resolve(dataDir, 'tradinggroup.sqlite');
  return {
    db: isUrl(db) ? db : resolve(db),
    dataDir,
    backtestsDir: resolve(overrides.backtestsDir ?? env.TRADINGGROUP_BACKTESTS_DIR ?? 'backtests'),
  };
}

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}
