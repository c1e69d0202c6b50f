import { describe, expect, it } from 'vitest';
// Only to check what toYaml writes: a parser the tests have (vite's dependency).
import { parse } from 'yaml';
import { toYaml, type YamlValue } from './to-yaml.ts';

describe('toYaml', () => {
  const sample: YamlValue = {
    name: 'module ratings',
    on: { push: { branches: ['main'], paths: ['modules/ratings/**', 'modules/kit/**'] } },
    'cancel-in-progress': false,
    jobs: {
      test: {
        'runs-on': 'ubuntu-latest',
        steps: [
          { uses: 'actions/checkout@v4' },
          { name: 'Test', run: 'npm ci\nnpx vitest run modules/ratings\n\necho done' },
          { with: { 'node-version': 20, cache: 'npm' } },
        ],
        env: {},
        needs: [],
      },
    },
    tricky: [
      'yes',
      'no',
      '123',
      'true',
      'null',
      '# not a comment',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, kept as text
      "${{ vars.X || '5m' }}",
      ': colon',
      '',
    ],
  };

  it('writes YAML that a YAML parser reads back as the same value', () => {
    expect(parse(toYaml(sample))).toEqual(sample);
  });

  it('writes a script of several lines as a literal block, as a person would', () => {
    expect(toYaml({ run: 'npm ci\nnpm test' })).toBe('run: |-\n  npm ci\n  npm test\n');
  });

  it('writes lists of maps with the dash on the first key', () => {
    expect(toYaml({ steps: [{ uses: 'a', with: { b: 1 } }] })).toBe(
      'steps:\n  - uses: "a"\n    with:\n      b: 1\n',
    );
  });
});
