import { DataValidationError, MAX_PRINTED_PROBLEMS } from './data-validation.error';

describe('DataValidationError', () => {
  it('lists every problem as file:line: reason', () => {
    const error = new DataValidationError('p.csv', [
      { file: 'p.csv', line: 2, reason: 'empty open' },
      { file: 'p.csv', line: 7, reason: 'high 1 < low 2' },
    ]);
    expect(error.message).toBe('p.csv: 2 bad rows; nothing was loaded or written\np.csv:2: empty open\np.csv:7: high 1 < low 2');
    expect(error.problems).toHaveLength(2);
  });

  it('prints at most 50 problems and counts the rest, keeping all of them in problems', () => {
    const problems = Array.from({ length: 73 }, (_, i) => ({ file: 'p.csv', line: i + 2, reason: 'empty close' }));
    const error = new DataValidationError('p.csv', problems);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(1 + MAX_PRINTED_PROBLEMS + 1);
    expect(lines[MAX_PRINTED_PROBLEMS]).toBe('p.csv:51: empty close');
    expect(lines[lines.length - 1]).toBe('... and 23 more');
    expect(error.problems).toHaveLength(73);
  });
});
