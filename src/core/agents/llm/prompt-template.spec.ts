import { parsePromptTemplate, renderPrompt } from './prompt-template';

const TEXT = `---
agent: forecast
version: 2
---
## system
You forecast {{symbol}}.
## user
Symbol: {{symbol}}
{{experience}}

Decide.
`;

describe('prompt templates', () => {
  it('reads the front matter, both sections and the placeholders', () => {
    const t = parsePromptTemplate(TEXT, 'forecast.md');
    expect(t).toMatchObject({ agent: 'forecast', version: 2, system: 'You forecast {{symbol}}.', variables: ['symbol', 'experience'] });
  });

  it('fills every placeholder and drops a line whose only placeholder is empty', () => {
    const t = parsePromptTemplate(TEXT, 'forecast.md');
    const [system, user] = renderPrompt(t, { symbol: 'AAPL', experience: '' });
    expect(system).toEqual({ role: 'system', content: 'You forecast AAPL.' });
    expect(user.content).toBe('Symbol: AAPL\n\nDecide.');
    expect(renderPrompt(t, { symbol: 'AAPL', experience: 'Lessons: none' })[1].content).toBe('Symbol: AAPL\nLessons: none\n\nDecide.');
  });

  it('refuses a value the template lacks and a placeholder without a value', () => {
    const t = parsePromptTemplate(TEXT, 'forecast.md');
    expect(() => renderPrompt(t, { symbol: 'AAPL' })).toThrow('no value for {{experience}}');
    expect(() => renderPrompt(t, { symbol: 'AAPL', experience: '', extra: 'x' })).toThrow('does not use {{extra}}');
  });

  it('names the file of a malformed template', () => {
    expect(() => parsePromptTemplate('## system\nx\n## user\ny', 'news.md')).toThrow('news.md: a prompt template starts with a front matter');
    expect(() => parsePromptTemplate('---\nagent: news\nversion: 1\n---\n## system\nx\n', 'news.md')).toThrow('news.md: missing the "## user" section');
    expect(() => parsePromptTemplate('---\nagent: news\n---\n## system\nx\n## user\ny', 'news.md')).toThrow('version');
  });
});
