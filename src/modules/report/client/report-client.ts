import { CLIENT_CHARTS } from './client-charts';
import { CLIENT_COMMON } from './client-common';
import { CLIENT_DERIVED } from './client-derived';
import { CLIENT_TABLES } from './client-tables';
import { CLIENT_TIMELINE } from './client-timeline';

/**
 * The report's inline script: reads the JSON data element (deriving the series it leaves out), draws the charts with uPlot (a global
 * defined by the inlined library), makes the tables sortable and publishes
 * `window.__reportStats` and `body[data-report-ready]` once every chart has drawn.
 */
export const REPORT_CLIENT_SCRIPT = ['(function () {', "'use strict';", CLIENT_COMMON, CLIENT_DERIVED, CLIENT_CHARTS, CLIENT_TIMELINE, CLIENT_TABLES, '})();'].join('\n');
