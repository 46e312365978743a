// cuda.DeviceBuffer: a block of device memory, copied to and from typed arrays without staging.
import { binding } from './binding';
import { codedError, describe, invalidArgType, outOfRange } from './errors';
import * as cuda from './cuda';

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

function checkView(view: unknown, name: string): ArrayBufferView {
  if (!ArrayBuffer.isView(view)) throw invalidArgType(name, 'a typed array or DataView', view);
  if ((view.buffer as ArrayBuffer).byteLength === 0 && view.byteLength === 0 && (view.buffer as ArrayBuffer & { detached?: boolean }).detached) {
    throw codedError('TypeError', 'ERR_DETACHED_BUFFER', `${name} is backed by a detached ArrayBuffer`);
  }
  return view;
}

function checkOffset(value: unknown, span: number, size: number): number {
  if (value === undefined) value = 0;
  if (typeof value !== 'number') throw invalidArgType('byteOffset', 'a non-negative integer', value);
  if (!Number.isSafeInteger(value) || value < 0) throw outOfRange('byteOffset', 'a non-negative integer', value);
  if (value + span > size) {
    throw codedError('RangeError', 'ERR_OUT_OF_RANGE', `copying ${span} bytes at offset ${value} overruns the ${size}-byte DeviceBuffer`);
  }
  return value;
}

export class DeviceBuffer {
  readonly byteLength: number;
  readonly device: number;
  #native: NativeDeviceBuffer | null;

  /** Allocates `byteLength` bytes on `device` (default 0). Throws ERR_CUDA_UNAVAILABLE without a GPU. */
  constructor(byteLength: number, options: { device?: number } = {}) {
    if (typeof byteLength !== 'number') throw invalidArgType('byteLength', 'a positive integer', byteLength);
    if (!Number.isSafeInteger(byteLength) || byteLength <= 0) throw outOfRange('byteLength', 'a positive integer', byteLength);
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'an object', options);
    const device = options.device === undefined ? 0 : cuda.checkDevice(options.device);
    if (!cuda.isAvailable()) throw cuda.unavailableError();
    if (device >= cuda.deviceCount()) {
      throw codedError('RangeError', 'ERR_CUDA_INVALID_DEVICE', `device ${device} does not exist (${cuda.deviceCount()} visible)`);
    }
    this.byteLength = byteLength;
    this.device = device;
    this.#native = new (binding<DeviceBufferNative>().DeviceBuffer)(device, byteLength);
  }

  /** A new buffer holding a copy of `view`. */
  static from(view: ArrayBufferView, options: { device?: number } = {}): DeviceBuffer {
    checkView(view, 'view');
    const buf = new DeviceBuffer(Math.max(1, view.byteLength), options);
    buf.copyFrom(view);
    return buf;
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
    checkView(view, 'view');
    const off = checkOffset(byteOffset, view.byteLength, this.byteLength);
    this.handle().copyFromHost(view, off);
    return this;
  }

  copyTo<T extends ArrayBufferView>(view: T, byteOffset?: number): T {
    checkView(view, 'view');
    const off = checkOffset(byteOffset, view.byteLength, this.byteLength);
    this.handle().copyToHost(view, off);
    return view;
  }

  /** Device-to-device copy of `bytes` (default: all of `source`) into this buffer. */
  copyFromDevice(source: DeviceBuffer, bytes = source.byteLength, byteOffset?: number): this {
    if (!(source instanceof DeviceBuffer)) throw invalidArgType('source', 'a DeviceBuffer', source);
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > source.byteLength) {
      throw outOfRange('bytes', `an integer in [0, ${source.byteLength}]`, bytes);
    }
    const off = checkOffset(byteOffset, bytes, this.byteLength);
    this.handle().copyFromDevice(source.ptr, bytes, off);
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

export function describeBuffer(value: unknown): string {
  return value instanceof DeviceBuffer ? value.toString() : describe(value);
}
