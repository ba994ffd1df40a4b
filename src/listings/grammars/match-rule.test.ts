import { describe, expect, it } from 'vitest';
import { capturingGroupAt, groupsOf, matchRule } from './match-rule.ts';

const { cap, capWith } = groupsOf('gdb');

describe('matchRule', () => {
  it('numbers the groups in the order they open, unscoped groups included', () => {
    expect(matchRule('^', cap('\\(gdb\\)', 'markup.prompt'), '(?:', cap('\\s+'), cap('[a-z]+', 'keyword.other.command'), ')?', capWith('.*', '#values'), '$')).toEqual({
      match: '^(\\(gdb\\))(?:(\\s+)([a-z]+))?(.*)$',
      captures: {
        1: { name: 'markup.prompt.gdb' },
        3: { name: 'keyword.other.command.gdb' },
        4: { patterns: [{ include: '#values' }] },
      },
    });
  });

  it('flattens runs of pieces, so one run serves two rules', () => {
    const at = [cap('\\s+'), cap('at', 'keyword.other.at')];
    expect(matchRule(cap('\\d+', 'constant.numeric.line'), [at, '?'])).toEqual({
      match: '(\\d+)(\\s+)(at)?',
      captures: { 1: { name: 'constant.numeric.line.gdb' }, 3: { name: 'keyword.other.at.gdb' } },
    });
  });

  it('refuses a piece that opens a capturing group of its own, naming it', () => {
    expect(() => matchRule('^(x)')).toThrow(/"\^\(x\)" opens a capturing group at 1/);
    expect(() => matchRule(cap('a(b)c', 'x'))).toThrow(/cap\(\)/);
  });
});

describe('capturingGroupAt', () => {
  const cases: Array<[source: string, at: number]> = [
    ['(a)', 0],
    ['(?:a)(b)', 5],
    ['(?<n>a)', 0],
    ['(?<=a)(?<!b)(?=c)(?!d)', -1],
    ['\\(a\\)', -1],
    ['[(](?:x)', -1],
    ['[\\](]x(y)', 6],
  ];
  for (const [source, at] of cases) it(`${source} -> ${at}`, () => expect(capturingGroupAt(source)).toBe(at));
});
