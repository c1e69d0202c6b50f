import { describe, expect, it } from 'vitest';
import { VERSION_DESCRIPTION_MAX, versionDescription } from './version-description.ts';

const sha = 'a'.repeat(64);

describe('versionDescription', () => {
  it('names the bundle, the commit, the record and every dependency when they fit', () => {
    expect(
      versionDescription(
        { bundleSha256: sha, commit: '1a2b3c4', dependencies: ['graphql@16.9.0', 'zod@3.23.8'] },
        'd-1',
      ),
    ).toBe(`sha256=${sha} commit=1a2b3c4 record=d-1 deps=graphql@16.9.0,zod@3.23.8`);
  });

  it('keeps to Lambda’s 256 characters: as many dependencies as fit, then how many more', () => {
    const dependencies = Array.from({ length: 40 }, (_, i) => `package-number-${i}@1.0.${i}`);
    const text = versionDescription(
      { bundleSha256: sha, commit: `${'b'.repeat(40)}-dirty`, dependencies },
      'd-20261207T065326-a9d40b',
    );
    expect(text.length).toBeLessThanOrEqual(VERSION_DESCRIPTION_MAX);
    expect(text).toMatch(/record=d-20261207T065326-a9d40b deps=package-number-0@1\.0\.0,/);
    const shown = /deps=(.*),\+(\d+) more$/.exec(text);
    expect(shown).not.toBeNull();
    expect((shown?.[1]?.split(',').length ?? 0) + Number(shown?.[2])).toBe(40);
  });

  it('names no record for a version `turnout dev` published (no deployment made it)', () => {
    expect(
      versionDescription({ bundleSha256: sha, commit: '1a2b3c4', dependencies: ['zod@3.23.8'] }),
    ).toBe(`sha256=${sha} commit=1a2b3c4 deps=zod@3.23.8`);
  });

  it('says nothing of dependencies or a commit the build did not have', () => {
    expect(versionDescription({ bundleSha256: sha, dependencies: [] }, 'd-2')).toBe(
      `sha256=${sha} record=d-2`,
    );
  });
});
