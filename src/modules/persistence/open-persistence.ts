import { createDataSource } from './data-source.factory';
import { RunsRepository } from './runs.repository';

/** An open database outside Nest (a worker thread, a script): the repository and how to close it. */
export interface Persistence {
  runs: RunsRepository;
  close(): Promise<void>;
}

/** Opens and migrates the database at a SQLite path or `postgres://` URL. */
export async function openPersistence(dbPathOrUrl: string): Promise<Persistence> {
  const dataSource = await createDataSource(dbPathOrUrl);
  return {
    runs: new RunsRepository(dataSource),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
