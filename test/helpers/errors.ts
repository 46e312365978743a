// Error assertions shared by the test files.
import * as assert from 'uvu/assert';

/** The `code` of what `fn` throws, or 'no error'. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'no error';
}

/** `fn` throws an instance of `kind` whose code is `code`. */
export function throwsCode(fn: () => unknown, kind: ErrorConstructor, code: string): void {
  try {
    fn();
  } catch (err) {
    assert.instance(err, kind);
    assert.is((err as { code?: string }).code, code, String(err));
    return;
  }
  assert.unreachable(`expected ${code}`);
}
