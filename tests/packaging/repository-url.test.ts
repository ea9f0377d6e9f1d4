/**
 * The repository URL is one setting (package.json's repository.url); config.yaml, repository.yaml,
 * DOCS.md and the image labels carry copies that must agree, and `npm run set-repository-url`
 * moves them all at once.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repositoryUrl, setRepositoryUrl, URL_COPIES } from '../../scripts/repository-url.js';
import { addonConfig, readText, readYaml, ROOT } from './addon-files.js';
import { parseDockerfile } from './dockerfile.js';

const URL = repositoryUrl();
const ANY_REPOSITORY = /https:\/\/github\.com\/[\w.-]+\/[\w.-]+/g;

test('config.yaml, repository.yaml, DOCS.md and the image labels all name package.json\'s repository', () => {
  assert.match(URL, /^https:\/\//);
  assert.is(addonConfig().url, URL);
  const repository = readYaml<{ url: string; maintainer: string }>('repository.yaml');
  assert.is(repository.url, URL);
  assert.match(repository.maintainer, `<${URL}/issues>`);
  assert.match(readText('DOCS.md'), `\`${URL}\``);
  const labels = parseDockerfile(readText('Dockerfile')).stages.at(-1)!.instructions.filter((i) => i.keyword === 'LABEL').map((i) => i.args).join(' ');
  assert.match(labels, `io.hass.url="${URL}"`);
  assert.match(labels, `org.opencontainers.image.source="${URL}"`);
  assert.match(labels, `org.opencontainers.image.documentation="${URL}/blob/main/DOCS.md"`);
  for (const file of URL_COPIES) {
    for (const found of readText(file).match(ANY_REPOSITORY) ?? []) assert.is(found, URL, `${file} names another repository`);
  }
});

test('set-repository-url moves every copy at once, and refuses what is not a repository URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-url-'));
  try {
    for (const file of ['package.json', ...URL_COPIES]) cpSync(join(ROOT, file), join(dir, file));
    const fork = 'https://github.com/reef-keeper/almanac';
    assert.equal(setRepositoryUrl(fork, dir).sort(), ['package.json', ...URL_COPIES].sort());
    assert.is(repositoryUrl(dir), fork);
    for (const file of URL_COPIES) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.not.match(text, URL);
      assert.match(text, fork);
    }
    assert.throws(() => setRepositoryUrl('github.com/me', dir), /not a repository URL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
