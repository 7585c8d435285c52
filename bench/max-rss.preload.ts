import { writeFileSync } from 'node:fs';

// Preloaded into a measured command (node -r): writes its peak resident set size (bytes) to the
// file named by TG_BENCH_MAX_RSS_FILE when the process exits.
process.on('exit', () => {
  const file = process.env.TG_BENCH_MAX_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
