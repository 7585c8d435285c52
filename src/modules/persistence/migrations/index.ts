import { InitialSchema1700000000000 } from './1700000000000-initial-schema.migration';
import { DecisionTrace1700000000001 } from './1700000000001-decision-trace.migration';

/** Every migration, oldest first. Add new ones here; the schema is never synchronised. */
export const MIGRATIONS = [InitialSchema1700000000000, DecisionTrace1700000000001];
