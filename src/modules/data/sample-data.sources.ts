import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A sample price file shipped inside an npm package, with what its licence note needs. */
export interface SampleSource {
  symbol: string;
  packageName: string;
  packageVersion: string;
  packageLicence: string;
  /** Absolute path of the CSV inside the installed package. */
  path: string;
  /** Short note for the catalogue. */
  licenceNote: string;
  /** Markdown section for LICENSES.md. */
  licenceSection: string;
}

/**
 * The bundled samples: AAPL daily 2013-05-13..2018-05-11 from `@observablehq/sample-datasets`
 * (Yahoo layout) and the S&P 500 index (SPX) 2000-01-03..2020-04-17 from `vega-datasets`.
 * Paths are resolved through Node's resolver, and the licence texts are read from the packages.
 */
export function sampleSources(): SampleSource[] {
  return [observableAapl(), vegaSp500()];
}

function observableAapl(): SampleSource {
  const path = require.resolve('@observablehq/sample-datasets/aapl.csv');
  const root = packageRoot(path, '@observablehq/sample-datasets');
  const pkg = readJson(join(root, 'package.json'));
  const licenceText = readFileSync(join(root, 'LICENSE'), 'utf8').trim();
  const origin = readmeSection(readFileSync(join(root, 'README.md'), 'utf8'), 'aapl.csv');
  return {
    symbol: 'AAPL',
    packageName: pkg.name,
    packageVersion: pkg.version,
    packageLicence: pkg.license,
    path,
    licenceNote: `${pkg.name}@${pkg.version} (${pkg.license}); data source: ${origin.split('\n')[0]}; see LICENSES.md`,
    licenceSection: [
      `## AAPL (prices/AAPL.csv)`,
      `From \`${pkg.name}\` version ${pkg.version}, file \`aapl.csv\` (licence: ${pkg.license}).`,
      `Source named by the package README: ${origin.replace(/\n/g, ', ')}.`,
      '',
      'Licence text of the package (node_modules/@observablehq/sample-datasets/LICENSE):',
      '',
      '```',
      licenceText,
      '```',
    ].join('\n'),
  };
}

function vegaSp500(): SampleSource {
  const root = packageRoot(require.resolve('vega-datasets'), 'vega-datasets');
  const pkg = readJson(join(root, 'package.json'));
  const catalogue = readJson<DataPackage>(join(root, 'datapackage.json'));
  const resource = catalogue.resources.find((r) => r.path === 'sp500-2000.csv');
  const sources = (resource?.sources ?? []).map((s) => `${s.title} (${s.path})`).join(', ');
  const datasetLicences = (resource?.licenses ?? []).map((l) => l.name).join(', ');
  return {
    symbol: 'SPX',
    packageName: pkg.name,
    packageVersion: pkg.version,
    packageLicence: pkg.license,
    path: join(root, 'data', 'sp500-2000.csv'),
    licenceNote:
      `${pkg.name}@${pkg.version} (package code ${pkg.license}; dataset licence ` +
      `${datasetLicences || 'not stated'}); data source: ${sources || 'not stated'}; see LICENSES.md`,
    licenceSection: [
      `## SPX (prices/SPX.csv)`,
      `From \`${pkg.name}\` version ${pkg.version}, file \`data/sp500-2000.csv\`: ${(resource?.description ?? '').replace(/&amp;/g, '&')}`,
      `Source named by the package's datapackage.json: ${sources || 'not stated'}.`,
      `Dataset licence in datapackage.json: ${datasetLicences || 'none stated for this dataset'}.`,
      `The package is licensed ${pkg.license}; its datapackage.json says:`,
      '',
      ...catalogue.description.trim().split('\n').map((line) => `> ${line.trim()}`),
    ].join('\n'),
  };
}

function packageRoot(resolvedFile: string, name: string): string {
  for (let dir = dirname(resolvedFile); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readJson(manifest).name === name) return dir;
  }
  throw new Error(`cannot find the package root of ${name} above ${resolvedFile}`);
}

function readmeSection(readme: string, heading: string): string {
  const match = new RegExp(`(?:^|\\n)## ${heading.replace('.', '\\.')}\\n([\\s\\S]*?)(?=\\n## |$)`).exec(readme);
  return match ? match[1].trim() : 'not stated';
}

interface PackageManifest {
  name: string;
  version: string;
  license: string;
}

interface DataPackage {
  description: string;
  resources: Array<{ path: string; description?: string; sources?: Array<{ title: string; path: string }>; licenses?: Array<{ name: string }> }>;
}

function readJson<T = PackageManifest>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
