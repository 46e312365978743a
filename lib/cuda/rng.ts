// cuda.uniform / cuda.normal: draws from a device's default Philox generator, positioned from the
// process-wide (seed, offset) that manualSeed / manualSeedAll / seedEverything set. The offset
// advances by the count rounded up to a multiple of 4, so after a draw of n values the device
// stream continues exactly where `new Philox(seed, offset).uniform(n)` leaves the CPU one.
import { binding } from '../core/binding';
import { codedError, invalidArgType, outOfRange } from '../core/errors';
import { isCount } from '../core/ints';
import * as cuda from './devices';
import { DeviceBuffer } from './device-buffer';
import { requireLibrary } from '../doctor/libraries';

interface CudaRngNative {
  deviceDraw(kind: 'uniform' | 'normal', device: number, ptr: bigint, count: number, mean: number, std: number): [bigint, bigint];
}

function draw(kind: 'uniform' | 'normal', buffer: unknown, device: unknown, count: unknown, mean: number, std: number): DeviceBuffer {
  if (!(buffer instanceof DeviceBuffer)) throw invalidArgType('buffer', 'a cuda.DeviceBuffer of float32 values', buffer);
  const dev = device === undefined ? buffer.device : cuda.checkDevice(device);
  if (dev !== buffer.device) {
    throw codedError('RangeError', 'ERR_DEVICE_MISMATCH', `the buffer is on device ${buffer.device}, not ${dev}`);
  }
  const capacity = Math.floor(buffer.byteLength / 4);
  const n = count === undefined ? capacity : count;
  if (!isCount(n, capacity)) throw outOfRange('count', `an integer in [0, ${capacity}]`, n);
  if (kind === 'normal' && n % 2 !== 0) {
    throw codedError('RangeError', 'ERR_CURAND_LENGTH_NOT_MULTIPLE', `normal fills need an even count (Box–Muller makes pairs), received ${n}`);
  }
  requireLibrary('curand');
  binding<CudaRngNative>().deviceDraw(kind, dev, buffer.ptr, n, mean, std);
  return buffer;
}

/** Fills a float32 DeviceBuffer with uniforms in (0, 1] from the device's default generator. */
export function uniform(buffer: DeviceBuffer, device?: number, count?: number): DeviceBuffer {
  return draw('uniform', buffer, device, count, 0, 1);
}

/** Fills a float32 DeviceBuffer with normals (even count) from the device's default generator. */
export function normal(buffer: DeviceBuffer, mean = 0, std = 1, device?: number, count?: number): DeviceBuffer {
  if (typeof mean !== 'number' || !Number.isFinite(mean)) throw outOfRange('mean', 'a finite number', mean);
  if (typeof std !== 'number' || !Number.isFinite(std) || std < 0) throw outOfRange('std', 'a finite non-negative number', std);
  return draw('normal', buffer, device, count, mean, std);
}
