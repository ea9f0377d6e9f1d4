/**
 * The Dockerfile, build.yaml and .dockerignore, checked without a Docker engine
 * (addon-conventions.md §2, §6.2): a pinned base that builds with and without build.yaml, every
 * COPY source present (the build stage's after `npm run build`), only build outputs in the image,
 * labels, and a HEALTHCHECK on the server's health endpoint.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PORT } from '../../server/src/config.js';
import { addonConfig, readText, readYaml, ROOT } from './addon-files.js';
import { ensureBuilt } from './build-outputs.js';
import { copies, isIgnored, parseDockerfile, type Stage } from './dockerfile.js';

const dockerfile = parseDockerfile(readText('Dockerfile'));
const dockerignore = readText('.dockerignore');
const config = addonConfig();
const [buildStage, runtimeStage] = dockerfile.stages as [Stage, Stage];
/** `ghcr.io/home-assistant/base:3.24-2026.06.1`: Alpine release plus docker-base release. */
const PINNED_BASE = /^ghcr\.io\/home-assistant\/(?<name>[a-z0-9-]*base):(?<tag>\d+\.\d+-\d{4}\.\d{2}\.\d+)$/;
/** The add-on linter's image pattern for build_from (src/build.schema.json). */
const LINTER_IMAGE = /^([a-zA-Z\-.:\d{}]+\/)*?([-\w{}]+)\/([-\w{}]+)(:[.\-\w{}]+)?$/;

function runsOf(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
}

test('BUILD_FROM defaults to a pinned base, so the image builds without build.yaml', () => {
  const base = dockerfile.globalArgs.BUILD_FROM;
  assert.ok(base, 'ARG BUILD_FROM=<pinned base> must come before the first FROM');
  assert.match(base, PINNED_BASE);
  assert.is(dockerfile.stages.length, 2, 'a build stage and a runtime stage');
  for (const stage of dockerfile.stages) assert.is(stage.from, '${BUILD_FROM}');
  assert.is(buildStage.name, 'build');
});

test('build.yaml pins every architecture to the same base release as the Dockerfile', () => {
  const build = readYaml<{ build_from: Record<string, string> }>('build.yaml');
  assert.equal(Object.keys(build), ['build_from'], 'build.yaml holds only build_from');
  assert.equal(Object.keys(build.build_from).sort(), [...config.arch].sort());
  const tag = PINNED_BASE.exec(dockerfile.globalArgs.BUILD_FROM!)!.groups!.tag;
  for (const [arch, image] of Object.entries(build.build_from)) {
    assert.match(image, LINTER_IMAGE);
    assert.is(image, `ghcr.io/home-assistant/${arch}-base:${tag}`);
  }
});

test('every COPY source from the repository exists and is in the build context', () => {
  for (const stage of dockerfile.stages) {
    for (const copy of copies(stage).filter((c) => c.from === undefined)) {
      for (const source of copy.sources) {
        assert.ok(existsSync(join(ROOT, source)), `COPY ${source}: not in the repository`);
        assert.not.ok(isIgnored(dockerignore, source.replace(/\/$/, '')), `COPY ${source}: excluded by .dockerignore`);
      }
    }
  }
});

test('.dockerignore keeps tests, build outputs and node_modules out of the build context', () => {
  for (const path of ['tests/run.ts', 'server/dist/main.js', 'server/bundle/almanac.js', 'panel/dist/index.html', 'node_modules/koa/package.json', '.git/HEAD', 'data/almanac.db']) {
    assert.ok(isIgnored(dockerignore, path), `${path} reaches the build context`);
  }
  assert.not.ok(isIgnored(dockerignore, 'server/src/main.ts'));
});

test('every COPY source from the build stage exists after npm run build', () => {
  const failure = ensureBuilt();
  assert.ok(failure === undefined, failure);
  const stageRoot = buildStage.workdir.replace(/\/$/, '');
  const fromBuild = copies(runtimeStage).filter((c) => c.from === 'build');
  assert.ok(fromBuild.length > 0);
  for (const copy of fromBuild) {
    for (const source of copy.sources) {
      assert.ok(source.startsWith(`${stageRoot}/`), `${source} is outside the build stage's ${stageRoot}`);
      const inRepository = source.slice(stageRoot.length + 1);
      assert.ok(existsSync(join(ROOT, inRepository)), `COPY --from=build ${source}: ${inRepository} does not exist after npm run build`);
    }
  }
});

test('the runtime image receives only the bundle, the panel, package.json and rootfs', () => {
  const sources = copies(runtimeStage).flatMap((c) => c.sources.map((s) => s.replace(/^\/opt\/almanac\//, '')));
  assert.equal(sources.sort(), ['package.json', 'panel/dist', 'rootfs', 'server/bundle']);
  assert.ok(runsOf(buildStage).some((run) => run.includes('npm run build:bundle')), 'the build stage bundles the server');
  assert.not.ok(runsOf(runtimeStage).some((run) => /\bnpm\b/.test(run)), 'no npm in the runtime stage');
  assert.is(runtimeStage.workdir, '/opt/almanac');
});

test('the build stage copies exactly the scripts the bundle step imports', () => {
  const scripts = copies(buildStage).filter((c) => c.destination === './scripts/').flatMap((c) => c.sources);
  const bundle = readText('scripts/bundle.ts');
  const imported = [...bundle.matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => `scripts/${m[1]}.ts`);
  assert.equal(scripts.sort(), ['scripts/bundle.ts', ...imported].sort());
});

test('`almanac` is on the PATH of the add-on terminal, pointing at the bundle', () => {
  assert.ok(runsOf(runtimeStage).includes('ln -s /opt/almanac/server/bundle/almanac.js /usr/local/bin/almanac'));
});

test('packages come from apk without a cache; Node is the same pinned line in both stages', () => {
  const nodePins = dockerfile.stages.map((stage) => {
    const runs = runsOf(stage).join(' && ');
    for (const add of runs.match(/apk add[^&]*/g) ?? []) assert.match(add, '--no-cache');
    return /\bnodejs([~=][\d.]+)/.exec(runs)?.[1];
  });
  assert.ok(nodePins[0], 'nodejs must be pinned (nodejs~<major> or nodejs=<version>)');
  assert.is(nodePins[1], nodePins[0]);
  assert.ok(runsOf(buildStage).some((run) => /--virtual \S+ .*python3.*make.*g\+\+/.test(run)), 'a virtual build set compiles better-sqlite3');
});

test('the image is labelled for the Supervisor and OCI tools', () => {
  const labels = runtimeStage.instructions.filter((i) => i.keyword === 'LABEL').map((i) => i.args).join(' ');
  for (const key of ['name', 'description', 'type', 'arch', 'version', 'url']) assert.match(labels, `io.hass.${key}=`);
  for (const key of ['title', 'description', 'version', 'source', 'licenses']) assert.match(labels, `org.opencontainers.image.${key}=`);
  assert.match(labels, `io.hass.url="${config.url}"`);
  assert.match(labels, `io.hass.name="${config.name}"`);
});

test('the HEALTHCHECK asks the server on loopback at its default port', () => {
  const healthchecks = runtimeStage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
  assert.is(healthchecks.length, 1);
  assert.match(healthchecks[0]!.args, `http://127.0.0.1:${DEFAULT_PORT}/api/health`);
  assert.match(healthchecks[0]!.args, /^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD /);
});

test('the s6 run script checks, then starts the bundled server where the image puts it', () => {
  const run = readText('rootfs/etc/s6-overlay/s6-rc.d/almanac/run');
  assert.match(run, /^almanac="\$\{ALMANAC_HOME:-\/opt\/almanac\}\/server\/bundle\/almanac\.js"$/m);
  assert.match(run, /^if ! node "\$\{almanac\}" check; then$/m);
  assert.match(run, /^exec node "\$\{almanac\}" serve$/m);
  assert.ok(run.indexOf(' check;') < run.indexOf('exec node'), 'check runs before the server');
  // With the Node flags of `npm start`, the start the benchmarks measure.
  const start = (JSON.parse(readText('package.json')) as { scripts: { start: string } }).scripts.start;
  const flags = start.split(' ').filter((word) => word.startsWith('--'));
  assert.ok(flags.includes('--v8-pool-size=1'), start);
  assert.ok(run.includes(`\nexport NODE_OPTIONS="${flags.join(' ')}"\n`), 'the s6 script starts the server with npm start\'s flags');
  assert.ok(copies(runtimeStage).some((c) => c.destination === './server/bundle' && c.workdir === '/opt/almanac'));
});

test.run();
