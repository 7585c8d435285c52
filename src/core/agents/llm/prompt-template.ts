import type { ChatMessage } from '../../ports/chat-model.port';

/**
 * An agent's prompt as a readable text file: a front matter naming the agent and the version,
 * then a `## system` and a `## user` section. `{{name}}` stands for a value the agent fills in;
 * a line holding only a placeholder whose value is empty disappears. Example:
 *
 * ```
 * ---
 * agent: forecast
 * version: 1
 * ---
 * ## system
 * You are the stock-forecasting agent ...
 * ## user
 * Symbol: {{symbol}}
 * {{experience}}
 * ```
 */
export interface PromptTemplate {
  agent: string;
  version: number;
  system: string;
  user: string;
  /** The placeholders the template uses, in order of first use. */
  variables: readonly string[];
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/** Reads a template file's text; `source` names it in errors. */
export function parsePromptTemplate(text: string, source: string): PromptTemplate {
  const normalised = text.replace(/\r\n?/g, '\n');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(normalised);
  if (!front) throw new Error(`${source}: a prompt template starts with a front matter (--- agent: … version: … ---)`);
  const meta = new Map<string, string>();
  for (const line of front[1].split('\n')) {
    const m = /^([a-z]+):\s*(.*)$/.exec(line.trim());
    if (m) meta.set(m[1], m[2].trim());
  }
  const agent = meta.get('agent');
  const version = Number(meta.get('version'));
  if (!agent) throw new Error(`${source}: the front matter needs "agent: <name>"`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`${source}: the front matter needs "version: <positive integer>"`);
  const body = normalised.slice(front[0].length);
  const system = section(body, 'system', source);
  const user = section(body, 'user', source);
  const variables = [...new Set([...`${system}\n${user}`.matchAll(PLACEHOLDER)].map((m) => m[1]))];
  return { agent, version, system, user, variables };
}

function section(body: string, name: string, source: string): string {
  const re = new RegExp(`^## ${name}\\s*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm');
  const m = re.exec(body);
  if (!m) throw new Error(`${source}: missing the "## ${name}" section`);
  const text = m[1].trim();
  if (text.length === 0) throw new Error(`${source}: the "## ${name}" section is empty`);
  return text;
}

/**
 * The system and user messages with every placeholder filled. A placeholder without a value,
 * or a value the template does not use, is an error: a template and its agent must agree.
 */
export function renderPrompt(template: PromptTemplate, values: Readonly<Record<string, string>>): ChatMessage[] {
  for (const name of template.variables) {
    if (!(name in values)) throw new Error(`prompt template ${template.agent} v${template.version}: no value for {{${name}}}`);
  }
  for (const name of Object.keys(values)) {
    if (!template.variables.includes(name)) throw new Error(`prompt template ${template.agent} v${template.version}: it does not use {{${name}}}`);
  }
  return [
    { role: 'system', content: fill(template.system, values) },
    { role: 'user', content: fill(template.user, values) },
  ];
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const only = /^\s*\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}\s*$/.exec(line);
    if (only && values[only[1]].trim() === '') continue;
    lines.push(line.replace(PLACEHOLDER, (_m, name: string) => values[name]));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
