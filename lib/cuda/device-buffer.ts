// cuda.DeviceBuffer: a block of device memory, copied to and from typed arrays without staging.
import { binding } from '../core/binding';
import { codedError, invalidArgType, outOfRange } from '../core/errors';
import * as cuda from './devices';
import { isCount } from '../core/ints';
import { readOptions, viewByteLength } from '../core/read';

interface NativeDeviceBuffer {
  copyFromHost(view: ArrayBufferView, byteOffset: number): void;
  copyToHost(view: ArrayBufferView, byteOffset: number): void;
  copyFromDevice(src: bigint, bytes: number, byteOffset: number): void;
  zero(): void;
  ptr(): bigint;
  close(): void;
}

interface DeviceBufferNative {
  DeviceBuffer: new (device: number, byteLength: number) => NativeDeviceBuffer;
}

/** A view's byte length from its internal slots; refuses anything else and detached DataViews. */
function viewBytes(view: unknown, name: string): number {
  const bytes = viewByteLength(view, name);
  if (bytes === undefined) throw invalidArgType(name, 'a typed array or DataView', view);
  return bytes;
}

function checkOffset(value: unknown, span: number, size: number): number {
  if (value === undefined) value = 0;
  if (typeof value !== 'number') throw invalidArgType('byteOffset', 'a non-negative integer', value);
  if (!isCount(value)) throw outOfRange('byteOffset', 'a non-negative integer', value);
  if (value + span > size) {
    throw codedError('RangeError', 'ERR_OUT_OF_RANGE', `copying ${span} bytes at offset ${value} overruns the ${size}-byte DeviceBuffer`);
  }
  return value;
}

/** What the package's own calls take from a DeviceBuffer. */
export interface DeviceSpan {
  device: number;
  byteLength: number;
  ptr: bigint;
}

const OPTION_KEYS = ['device'] as const;

export class DeviceBuffer {
  // Defined non-writable and non-configurable in the constructor: a size that is not the
  // allocation's would let a device write run past it, so no caller may redefine them.
  declare readonly byteLength: number;
  declare readonly device: number;
  #native: NativeDeviceBuffer | null;

  /** Allocates `byteLength` bytes on `device` (default 0). Throws ERR_CUDA_UNAVAILABLE without a GPU. */
  constructor(byteLength: number, options?: { device?: number }) {
    if (typeof byteLength !== 'number') throw invalidArgType('byteLength', 'a positive integer', byteLength);
    if (!Number.isSafeInteger(byteLength) || byteLength <= 0) throw outOfRange('byteLength', 'a positive integer', byteLength);
    const o = readOptions(options, 'cuda.DeviceBuffer', OPTION_KEYS);
    const device = o.device === undefined ? 0 : cuda.checkDevice(o.device);
    cuda.requireDevice(device);
    Object.defineProperties(this, {
      byteLength: { value: byteLength, enumerable: true },
      device: { value: device, enumerable: true },
    });
    this.#native = new (binding<DeviceBufferNative>().DeviceBuffer)(device, byteLength);
  }

  /** A new buffer holding a copy of `view`. */
  static from(view: ArrayBufferView, options?: { device?: number }): DeviceBuffer {
    const bytes = viewBytes(view, 'view');
    const buf = new DeviceBuffer(Math.max(1, bytes), options);
    buf.copyFrom(view);
    return buf;
  }

  /**
   * @internal device, size and address of a live DeviceBuffer; undefined for anything else (a
   * Proxy of one included). ERR_CLOSED after close().
   */
  static span(value: unknown): DeviceSpan | undefined {
    if (!DeviceBuffer.isBuffer(value)) return undefined;
    return { device: value.device, byteLength: value.byteLength, ptr: value.handle().ptr() };
  }

  /** @internal a real DeviceBuffer (a brand check: a Proxy or look-alike is not one). */
  static isBuffer(value: unknown): value is DeviceBuffer {
    return value !== null && typeof value === 'object' && #native in value;
  }

  /** @internal the live native handle; throws ERR_CLOSED after close(). */
  handle(): NativeDeviceBuffer {
    if (this.#native === null) throw codedError('Error', 'ERR_CLOSED', 'the DeviceBuffer was closed');
    return this.#native;
  }

  get closed(): boolean {
    return this.#native === null;
  }

  /** The device address, for other libraries. */
  get ptr(): bigint {
    return this.handle().ptr();
  }

  copyFrom(view: ArrayBufferView, byteOffset?: number): this {
    const off = checkOffset(byteOffset, viewBytes(view, 'view'), this.byteLength);
    this.handle().copyFromHost(view, off);
    return this;
  }

  copyTo<T extends ArrayBufferView>(view: T, byteOffset?: number): T {
    const off = checkOffset(byteOffset, viewBytes(view, 'view'), this.byteLength);
    this.handle().copyToHost(view, off);
    return view;
  }

  /** Device-to-device copy of `bytes` (default: all of `source`) into this buffer. */
  copyFromDevice(source: DeviceBuffer, bytes?: number, byteOffset?: number): this {
    const src = DeviceBuffer.span(source);
    if (src === undefined) throw invalidArgType('source', 'a DeviceBuffer', source);
    const n = bytes === undefined ? src.byteLength : bytes;
    if (!isCount(n, src.byteLength)) {
      throw outOfRange('bytes', `an integer in [0, ${src.byteLength}]`, n);
    }
    const off = checkOffset(byteOffset, n, this.byteLength);
    this.handle().copyFromDevice(src.ptr, n, off);
    return this;
  }

  zero(): this {
    this.handle().zero();
    return this;
  }

  /** Frees the memory; later calls are no-ops. The finalizer does the same if close() is never called. */
  close(): void {
    if (this.#native === null) return;
    this.#native.close();
    this.#native = null;
  }

  toString(): string {
    return `DeviceBuffer(${this.byteLength} bytes on device ${this.device}${this.closed ? ', closed' : ''})`;
  }
}
