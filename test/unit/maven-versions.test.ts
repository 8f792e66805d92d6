import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/engine/maven.ts';

describe('compareVersions', () => {
  it('orders Camunda versions numerically, releases after their pre-releases', () => {
    const sorted = ['8.9.26', '8.10.6', '8.6.0', '8.9.0', '8.10.0-alpha1', '8.10.0'].sort(compareVersions);
    expect(sorted).toEqual(['8.6.0', '8.9.0', '8.9.26', '8.10.0-alpha1', '8.10.0', '8.10.6']);
  });
});
