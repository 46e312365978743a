// tfjs.traceModel(model): every layer's output becomes a checkpoint each time the layer runs on
// real tensors, which is what predict(), fit(), fitDataset(), evaluate() and model.apply() do.
// tfjs-layers runs a layer through its `call` method; the wrapper sits on the layer instance.
import { invalidArgType } from '../core/errors';
import { unreadable } from '../core/read/rules';
import { trace, tracing } from './trace';

type Call = (this: unknown, inputs: unknown, kwargs: unknown) => unknown;

interface Wrapped {
  layer: Record<string, unknown>;
  name: string;
  own: boolean;
  previous: Call;
  wrapper: Call;
}

function layersOf(model: unknown): Record<string, unknown>[] {
  if (model === null || typeof model !== 'object') throw invalidArgType('tfjs.traceModel() model', 'a tfjs LayersModel (tf.sequential(), tf.model(), tf.loadLayersModel())', model);
  let layers: unknown;
  try {
    layers = (model as { layers?: unknown }).layers;
  } catch (cause) {
    throw unreadable('tfjs.traceModel() model.layers', cause);
  }
  if (!Array.isArray(layers)) throw invalidArgType('tfjs.traceModel() model', 'a tfjs LayersModel (an object with a layers array)', model);
  const list = Array.from(layers as unknown[]);
  list.forEach((l, i) => {
    const ok = l !== null && typeof l === 'object' && typeof (l as { call?: unknown }).call === 'function' && typeof (l as { name?: unknown }).name === 'string';
    if (!ok) throw invalidArgType(`tfjs.traceModel() model.layers[${i}]`, 'a tfjs layer (with a name and a call method)', l);
  });
  return list as Record<string, unknown>[];
}

function isInputLayer(layer: Record<string, unknown>): boolean {
  const get = layer.getClassName;
  return typeof get === 'function' && get.call(layer) === 'InputLayer';
}

/**
 * Makes each layer's output a checkpoint named `<layer name>@<step>`, where the step counts the
 * model's forward passes since this call (the runs of its first layer, from 0). Tracing off: the
 * model is left untouched. Returns a function that takes the tracing off the model again.
 */
export function traceModel(model: unknown): () => void {
  const layers = layersOf(model).filter((l) => !isInputLayer(l));
  if (!tracing() || layers.length === 0) return () => {};
  let step = -1;
  let active = true;
  const first = layers[0];
  const wrapped: Wrapped[] = layers.map((layer) => {
    const name = layer.name as string;
    const previous = layer.call as Call;
    const wrapper: Call = function (this: unknown, inputs, kwargs) {
      if (!active) return previous.call(this, inputs, kwargs);
      if (layer === first) step++;
      const output = previous.call(this, inputs, kwargs);
      trace(`${name}@${Math.max(step, 0)}`, output);
      return output;
    };
    const own = Object.prototype.hasOwnProperty.call(layer, 'call');
    layer.call = wrapper;
    return { layer, name, own, previous, wrapper };
  });
  return () => {
    if (!active) return;
    active = false;
    for (const w of wrapped) {
      // Another wrapper put on top since stays in place and passes through this inactive one.
      if (w.layer.call !== w.wrapper) continue;
      if (w.own) w.layer.call = w.previous;
      else delete w.layer.call;
    }
  };
}
