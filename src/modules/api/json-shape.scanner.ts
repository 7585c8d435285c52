/** A body breaking a structural limit: the field at fault (`symbols`, `params.x`; `body` for the top) and why. */
export interface ShapeProblem {
  field: string;
  message: string;
}

interface Container {
  array: boolean;
  /** Objects: the key whose value is being read (truncated for display). Arrays: unused. */
  key: string;
  /** Arrays: values started so far. */
  items: number;
  /** Objects: the next string is a key. */
  expectKey: boolean;
  /** Arrays: the current item is counted already (until the next comma). */
  itemCounted: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SHOWN_KEY_BYTES = 64;

/**
 * Follows the nesting of a JSON text as its bytes arrive, without parsing it, and reports the
 * first container nested deeper than `maxDepth` or array longer than `maxArrayItems`. It runs on
 * the bytes as they are read, so a body is refused as soon as it breaks a limit (a 100,000-item
 * array is seen at its 1,001st item, long before the size limit), and the parsed value that later
 * reaches the validation is known to be shallow (class-transformer and the validation pipe walk it
 * recursively). Invalid JSON is not its concern: JSON.parse reports it afterwards.
 */
export class JsonShapeScanner {
  private readonly stack: Container[] = [];
  private inString = false;
  private escaped = false;
  private keyBytes: number[] | null = null;

  constructor(
    private readonly maxDepth: number,
    private readonly maxArrayItems: number,
  ) {}

  /** Reads the next bytes; the first limit they break, else null. */
  push(chunk: Uint8Array): ShapeProblem | null {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.inString) {
        this.readStringByte(b);
        continue;
      }
      switch (b) {
        case QUOTE: {
          const problem = this.startString();
          if (problem) return problem;
          break;
        }
        case 0x7b: // {
        case 0x5b: {
          // [
          const problem = this.valueStarts() ?? this.open(b === 0x5b);
          if (problem) return problem;
          break;
        }
        case 0x7d: // }
        case 0x5d: // ]
          this.stack.pop();
          break;
        case 0x3a: {
          // :
          const top = this.top();
          if (top && !top.array) top.expectKey = false;
          break;
        }
        case 0x2c: {
          // ,
          const top = this.top();
          if (top?.array) top.itemCounted = false;
          else if (top) top.expectKey = true;
          break;
        }
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
          break;
        default: {
          // a byte of a number, true, false or null: counted once per item (see itemCounted)
          const problem = this.valueStarts();
          if (problem) return problem;
        }
      }
    }
    return null;
  }

  private top(): Container | undefined {
    return this.stack[this.stack.length - 1];
  }

  private startString(): ShapeProblem | null {
    const top = this.top();
    this.inString = true;
    if (top && !top.array && top.expectKey) {
      this.keyBytes = [];
      return null;
    }
    return this.valueStarts();
  }

  private readStringByte(b: number): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (b === BACKSLASH) {
      this.escaped = true;
    } else if (b === QUOTE) {
      this.inString = false;
      if (this.keyBytes) {
        this.top()!.key = Buffer.from(this.keyBytes).toString('utf8');
        this.keyBytes = null;
      }
      return;
    }
    if (this.keyBytes && this.keyBytes.length < SHOWN_KEY_BYTES) this.keyBytes.push(b);
  }

  /** A value starts at the current position: in an array, one more item (once per item). */
  private valueStarts(): ShapeProblem | null {
    const top = this.top();
    if (!top || !top.array || top.itemCounted) return null;
    top.itemCounted = true;
    top.items += 1;
    if (top.items > this.maxArrayItems) {
      const field = this.path(this.stack.length - 1);
      return { field, message: `${field}: an array of more than ${this.maxArrayItems} items` };
    }
    return null;
  }

  private open(array: boolean): ShapeProblem | null {
    if (this.stack.length + 1 > this.maxDepth) {
      const field = this.path(1) || 'body';
      return { field, message: `${field}: nested deeper than ${this.maxDepth} levels` };
    }
    this.stack.push({ array, key: '', items: 0, expectKey: !array, itemCounted: false });
    return null;
  }

  /** The field path down to the value held by the container at `depth` (0 = the body itself). */
  private path(depth: number): string {
    const parts: string[] = [];
    for (let i = 0; i < Math.min(depth, this.stack.length); i++) {
      const c = this.stack[i];
      parts.push(c.array ? String(Math.max(0, c.items - 1)) : c.key);
    }
    return parts.join('.') || 'body';
  }
}
