import { InitialSchema1700000000000 } from './1700000000000-initial-schema.migration';

/** Every migration, oldest first. Add new ones here; the schema is never synchronised. */
export const MIGRATIONS = [InitialSchema1700000000000];
