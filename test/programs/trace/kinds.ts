// Records, through trace(), the checkpoints that writer.py writes by hand (same names, same values).
import { trace } from '../../../lib/index';

trace('f32', new Float32Array([0.5, -1.25, 3e38, NaN]));
trace('f64', new Float64Array([Math.PI, -0]));
trace('i32', new Int32Array([-1, 2147483647]));
trace('u64', new BigUint64Array([0n, 2n ** 64n - 1n]));
trace('num', 0.1);
trace('big', 2n ** 64n - 1n);
trace('str', 'h\u00e9llo \u{1F600}');
trace('lone', 'a\ud800b');
trace('bool', true);
trace('null', null);
trace('obj', { b: [1, 'x', true, null], a: 2n });
trace('arr', [new Uint8Array([1, 2]), 1.5]);
