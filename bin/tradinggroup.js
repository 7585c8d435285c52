#!/usr/bin/env node
// The installed command: runs the compiled CLI (built by `npm ci` / `npm run build`).
require('../dist/src/cli.js');
