/**
 * Column types accepted by TypeORM's sqlite and postgres drivers alike.
 * Epoch-ms timestamps are floats, not `bigint`: float64 holds them exactly and postgres'
 * driver would return `bigint` as a string.
 */
export const FLOAT = 'double precision' as const;
export const INT = 'integer' as const;
export const TEXT = 'text' as const;
export const VARCHAR = 'varchar' as const;

/** Longest run id accepted by the schema. */
export const RUN_ID_LENGTH = 160;
