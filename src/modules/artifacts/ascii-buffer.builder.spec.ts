import { AsciiBufferBuilder } from './ascii-buffer.builder';

describe('AsciiBufferBuilder', () => {
  it('gives exactly the text appended, grown past a short guess', () => {
    const out = new AsciiBufferBuilder(10);
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const line = `${i},${i / 7},${-i * 1e-9}\n`;
      lines.push(line);
      out.append(line);
    }
    expect(out.finish().toString('latin1')).toBe(lines.join(''));
  });

  it('gives an empty buffer when nothing was appended', () => {
    expect(new AsciiBufferBuilder(0).finish()).toHaveLength(0);
  });
});
