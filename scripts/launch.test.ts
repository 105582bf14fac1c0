import { logPrefix, useColour } from './launch';

describe("npm start's log prefixes", () => {
  it('colour the name at a terminal, one colour per service, and reset after it', () => {
    expect(logPrefix('kreis', 0, true)).toBe('\u001b[36mkreis     \u001b[0m|');
    expect(logPrefix('agentur', 3, true)).toBe('\u001b[32magentur   \u001b[0m|');
    expect(logPrefix('gateway', 6, true)).toBe(logPrefix('gateway', 0, true));
  });

  it('are plain text without colour: the same column, no escape character', () => {
    expect(logPrefix('klausenhof', 1, false)).toBe('klausenhof|');
    expect(logPrefix('kreis', 0, false)).toBe('kreis     |');
    expect(logPrefix('kreis', 0, false)).not.toContain('\u001b');
  });

  it('use colour only when stdout is a terminal and NO_COLOR is unset or empty', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    // A pipe or a file: Node leaves isTTY undefined.
    expect(useColour({}, {})).toBe(false);
  });
});
