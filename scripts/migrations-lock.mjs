// Guards that a landed migration is never edited or deleted: a database that already ran it would
// never run the new text, so production and a fresh install would silently differ.
//
//   node scripts/migrations-lock.mjs --check   (default) exit 1 when a recorded migration changed
//   node scripts/migrations-lock.mjs --record  add the checksums of new migrations to the list
//   --dir <folder>                              another migrations folder (tests); default the repo's
//
// The recorded list `checksums.json` (file name → SHA-256 of the file) beside the migrations is the
// source of truth, not git history: it works on any checkout, shallow clones and exported trees
// included, and a change to it is visible in review. Line endings are normalised (CRLF → LF) before
// hashing, so a Windows checkout with autocrlf passes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIST = 'checksums.json';
// Every .ts file of the folder but the list (index.ts) and tests is locked: a helper a landed migration
// imports is part of it. Timestamped names (`20261124T0430-receptions.ts`) must also keep order.
const isLocked = (f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts');
const TIMESTAMPED = /^\d{8}T\d{4}-/;

function usage(message) {
  console.error(`${message}\nusage: node scripts/migrations-lock.mjs [--check | --record] [--dir <migrations folder>]`);
  process.exit(2);
}

function parseArgs(argv) {
  let mode = 'check';
  let dir = path.join(root, 'src/server/db/migrations');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check' || a === '--record') mode = a.slice(2);
    else if (a === '--dir') {
      if (!argv[i + 1]) usage('--dir needs a folder');
      dir = path.resolve(argv[++i]);
    } else usage(`unknown argument: ${a}`);
  }
  return { mode, dir };
}

/** SHA-256 of the file with CRLF read as LF (latin1 maps bytes one to one, so nothing else changes). */
function checksum(file) {
  const text = fs.readFileSync(file).toString('latin1').replace(/\r\n/g, '\n');
  return crypto.createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex');
}

function readList(file) {
  if (!fs.existsSync(file)) return null;
  const list = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!list || typeof list !== 'object' || Array.isArray(list)) throw new Error(`${file} is not an object`);
  return list;
}

/** Compares the folder with the list: which recorded files changed or vanished, which are new. */
function compare(dir, recorded) {
  const present = fs.readdirSync(dir).filter(isLocked).sort();
  const actual = Object.fromEntries(present.map((f) => [f, checksum(path.join(dir, f))]));
  const names = Object.keys(recorded).sort();
  const edited = names.filter((f) => f in actual && actual[f] !== recorded[f]);
  const deleted = names.filter((f) => !(f in actual));
  const added = present.filter((f) => !(f in recorded));
  // Kysely refuses a migration that sorts before one a database has already run, so a new file
  // must come after every landed one (a fresh test database would not notice).
  const newest = names.filter((f) => TIMESTAMPED.test(f)).at(-1);
  const misplaced = added.filter((f) => newest !== undefined && TIMESTAMPED.test(f) && f < newest);
  return { actual, edited, deleted, added, misplaced, newest };
}

function report({ edited, deleted, added, misplaced, newest }, listFile) {
  for (const f of added) {
    if (misplaced.includes(f))
      console.error(`  ${f}: new, but sorts before the landed ${newest}; rename it to a later time`);
    else console.log(`  ${f}: new, will be recorded`);
  }
  for (const f of edited) console.error(`  ${f}: EDITED after it landed`);
  for (const f of deleted) console.error(`  ${f}: DELETED after it landed`);
  if (edited.length || deleted.length) {
    console.error(
      `Landed migrations must not be edited or deleted: databases that already ran them would not run the change.\n` +
        `Restore ${[...edited, ...deleted].join(', ')} and put the change in a new migration.\n` +
        `(The recorded checksums are in ${path.relative(process.cwd(), listFile) || listFile}.)`,
    );
  }
}

const { mode, dir } = parseArgs(process.argv.slice(2));
if (!fs.existsSync(dir)) usage(`no such folder: ${dir}`);
const listFile = path.join(dir, LIST);
const recorded = readList(listFile);

if (mode === 'check') {
  if (!recorded) {
    console.error(`No recorded migration checksums at ${listFile}: run \`npm run db:migrations:record\` once.`);
    process.exit(1);
  }
  const result = compare(dir, recorded);
  report(result, listFile);
  if (result.edited.length || result.deleted.length || result.misplaced.length) process.exit(1);
  console.log(`${Object.keys(recorded).length} landed migrations unchanged`);
} else {
  const result = compare(dir, recorded ?? {});
  report(result, listFile);
  if (result.edited.length || result.deleted.length || result.misplaced.length) {
    console.error('Refusing to record: an existing entry would change (or a new migration is out of order).');
    process.exit(1);
  }
  if (!result.added.length) {
    console.log('Nothing new to record.');
  } else {
    const next = { ...(recorded ?? {}) };
    for (const f of result.added) next[f] = result.actual[f];
    const sorted = Object.fromEntries(
      Object.keys(next)
        .sort()
        .map((f) => [f, next[f]]),
    );
    fs.writeFileSync(listFile, JSON.stringify(sorted, null, 2) + '\n');
    console.log(`Recorded ${result.added.length} new migration(s) in ${path.relative(process.cwd(), listFile)}.`);
  }
}
