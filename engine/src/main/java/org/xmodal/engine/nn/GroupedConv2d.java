package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A grouped convolution computed as one dense convolution per group on channel slices, as Caffe computes it: the
 * same parameters (weight [out, in / groups, kh, kw]) and the same result as PyTorch's grouped kernel, but oneDNN
 * runs a grouped convolution with few channels per group on a slow path. alexnet-small's conv2 (12 input channels
 * per group) took 26 ms forward and backward at batch 64 on one thread grouped, 13 ms split, which made the whole
 * transfer step about 12% faster; for alexnet's wider groups the two cost the same.
 */
final class GroupedConv2d extends Conv2d {
    GroupedConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        NDList xs = x.split(groups, 1);
        // Slices of a parameter land in the parameters' manager, which lives as long as the run: hand them to the
        // input's (a step's) so that they are freed with everything else the step made.
        NDList ws = w.split(groups, 0);
        ws.attach(x.getManager());
        NDList bs = b == null ? null : b.split(groups, 0);
        if (bs != null) {
            bs.attach(x.getManager());
        }
        NDList ys = new NDList(groups);
        for (int g = 0; g < groups; g++) {
            ys.add(Conv2d.conv2d(xs.get(g), ws.get(g), bs == null ? null : bs.get(g), stride, padding, dilation, 1)
                    .singletonOrThrow());
        }
        return new NDList(NDArrays.concat(ys, 1));
    }
}
