/**
 * Exit code of a benchmark that ran but missed a target: `npm run bench` (bench/run.ts) reports
 * it and goes on with the next benchmark. Any other non-zero code means the benchmark failed.
 */
export const TARGET_MISSED_EXIT_CODE = 3;
