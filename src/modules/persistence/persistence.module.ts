import { DynamicModule, Inject, Module, ModuleMetadata, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { createDataSource, createReadDataSource } from './data-source.factory';
import { PERSISTENCE_DATA_SOURCE, PERSISTENCE_READ_DATA_SOURCE } from './persistence.tokens';
import { MemoryRepository } from './memory.repository';
import { RunsRepository } from './runs.repository';
import { LlmExchangesRepository } from './llm-exchanges.repository';
import { PaperRepository } from './paper/paper.repository';
import { StudiesRepository } from './studies.repository';

/** Where `forRootAsync` gets the database path or URL from, e.g. an AppConfig provider. */
export interface PersistenceAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<string | symbol | Function>;
  useFactory: (...deps: any[]) => string | Promise<string>;
}

/**
 * The database (SQLite file by default, Postgres URL as option) and `RunsRepository`.
 * Global: import it once at the root, usually as `PersistenceModule.forAppConfig()`.
 * The DataSource is opened (and migrated) on start and closed when the application shuts down; on
 * a SQLite file a second, read-only connection serves the runs repository's reads.
 */
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    @Inject(PERSISTENCE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PERSISTENCE_READ_DATA_SOURCE) private readonly reader: DataSource | null,
  ) {}

  /** @param dbPathOrUrl a SQLite file path (or `:memory:`) or a `postgres://` URL. */
  static forRoot(dbPathOrUrl: string): DynamicModule {
    return PersistenceModule.build([], {
      provide: PERSISTENCE_DATA_SOURCE,
      useFactory: () => createDataSource(dbPathOrUrl),
    });
  }

  /** Takes the database from the `db` value of the global AppConfigModule. */
  static forAppConfig(): DynamicModule {
    return PersistenceModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.db });
  }

  /** The database path or URL from a factory with injected dependencies. */
  static forRootAsync(options: PersistenceAsyncOptions): DynamicModule {
    return PersistenceModule.build(options.imports ?? [], {
      provide: PERSISTENCE_DATA_SOURCE,
      inject: options.inject ?? [],
      useFactory: async (...deps: unknown[]) => createDataSource(await options.useFactory(...deps)),
    });
  }

  private static build(imports: NonNullable<ModuleMetadata['imports']>, dataSource: Provider): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports,
      providers: [
        dataSource,
        { provide: PERSISTENCE_READ_DATA_SOURCE, inject: [PERSISTENCE_DATA_SOURCE], useFactory: (ds: DataSource) => createReadDataSource(ds) },
        {
          provide: RunsRepository,
          inject: [PERSISTENCE_DATA_SOURCE, PERSISTENCE_READ_DATA_SOURCE],
          useFactory: (ds: DataSource, reader: DataSource | null) => new RunsRepository(ds, undefined, reader),
        },
        { provide: MemoryRepository, inject: [PERSISTENCE_DATA_SOURCE], useFactory: (ds: DataSource) => new MemoryRepository(ds) },
        { provide: LlmExchangesRepository, inject: [PERSISTENCE_DATA_SOURCE], useFactory: (ds: DataSource) => new LlmExchangesRepository(ds) },
        { provide: PaperRepository, inject: [PERSISTENCE_DATA_SOURCE], useFactory: (ds: DataSource) => new PaperRepository(ds) },
        { provide: StudiesRepository, inject: [PERSISTENCE_DATA_SOURCE], useFactory: (ds: DataSource) => new StudiesRepository(ds) },
      ],
      exports: [RunsRepository, MemoryRepository, LlmExchangesRepository, PaperRepository, StudiesRepository],
    };
  }

  /** Last of all: every module's own shutdown (a tick being stored, leases let go) still has the database. */
  async onApplicationShutdown(): Promise<void> {
    if (this.reader?.isInitialized) await this.reader.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
