// SEED_EVERYTHING_SEED is a plain decimal integer or a string that is hashed. Text that reads as a
// number in some other notation (`+42`, `0x2a`, `1e3`, `-5`, `４２`) is hashed too, which is
// almost never what was meant: the run is reproducible but with a seed unrelated to the number.
// One warning per distinct value says so; the behaviour itself stays as documented.

const SEED_ENV_WARNING_CODE = 'SEED_EVERYTHING_SEED_HASHED';

const warned = new Set<string>();

/** Digits of any script, signs, a decimal point, an exponent, separators: a number to a reader. */
const NUMERIC_LOOKING = /^[+\-]?(?:\p{Nd}[\p{Nd}_,]*)?(?:\.\p{Nd}*)?(?:[eE][+\-]?\p{Nd}+)?n?$/u;

/** True for text that is not plain ASCII digits but that a reader (or Number()) takes for a number. */
function looksNumeric(text: string): boolean {
  if (/^[0-9]+$/.test(text)) return false;
  if (!Number.isNaN(Number(text))) return true;
  return /\p{Nd}/u.test(text) && NUMERIC_LOOKING.test(text);
}

/** Emits SEED_EVERYTHING_SEED_HASHED once per value when `text` (trimmed) looks numeric but will be hashed. */
export function warnIfHashedNumeric(text: string): void {
  if (warned.has(text) || !looksNumeric(text)) return;
  warned.add(text);
  process.emitWarning(
    `SEED_EVERYTHING_SEED=${JSON.stringify(text)} is not a plain decimal integer, so it is hashed as a string seed, ` +
      'not read as the number it looks like. Set it to decimal digits only (e.g. 42) to use that number.',
    { code: SEED_ENV_WARNING_CODE },
  );
}
