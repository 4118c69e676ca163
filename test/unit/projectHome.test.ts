/** The project home the CLI links to (SARIF helpUri), read from package.json as npm writes it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectHomeOf } from '../../server/src/cli/projectHome';

describe('projectHomeOf', () => {
  it('prefers an https homepage, without its fragment', () => {
    assert.equal(projectHomeOf({ homepage: 'https://example.org/regal#readme', repository: 'github:o/r' }), 'https://example.org/regal');
  });

  it('reads repository URLs and npm shorthands', () => {
    assert.equal(projectHomeOf({ repository: { type: 'git', url: 'git+https://github.com/o/r.git' } }), 'https://github.com/o/r');
    assert.equal(projectHomeOf({ repository: 'https://gitlab.com/o/r' }), 'https://gitlab.com/o/r');
    assert.equal(projectHomeOf({ repository: 'o/r' }), 'https://github.com/o/r');
    assert.equal(projectHomeOf({ repository: 'gitlab:o/r' }), 'https://gitlab.com/o/r');
  });

  it('makes up nothing for what is not an https page', () => {
    assert.equal(projectHomeOf({}), undefined);
    assert.equal(projectHomeOf({ homepage: 'http://example.org' }), undefined);
    assert.equal(projectHomeOf({ repository: 'git@github.com:o/r.git' }), undefined);
    assert.equal(projectHomeOf({ repository: { url: 42 } }), undefined);
  });
});
