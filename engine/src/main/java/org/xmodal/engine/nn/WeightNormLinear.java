package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A linear layer with weight normalisation (Salimans and Kingma), as PyTorch's {@code weight_norm(Linear, dim=0)}
 * and the classifier of SHOT and SOCKET: each output row's weight is {@code g * v / ||v||}. Parameters are named
 * as PyTorch names them ({@code weight_g} of shape [out, 1], {@code weight_v}, {@code bias}); as there, {@code g}
 * starts as the norm of each row of {@code v}, so the layer starts as the plain linear layer {@code v}.
 */
final class WeightNormLinear extends AbstractBlock {
    private final long units;
    private final Parameter v;
    private final Parameter g;
    private final Parameter bias;

    WeightNormLinear(long units) {
        this.units = units;
        v = addParameter(Parameter.builder().setName("weight_v").setType(Parameter.Type.WEIGHT).build());
        g = addParameter(Parameter.builder().setName("weight_g").setType(Parameter.Type.GAMMA).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        long in = inputShapes[0].get(inputShapes[0].dimension() - 1);
        v.setShape(new Shape(units, in));
        g.setShape(new Shape(units, 1));
        bias.setShape(new Shape(units));
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        NoGrad.run(() -> g.getArray().set(rowNorms(v.getArray()).toFloatArray())); // an in-place write to a parameter
    }

    private static NDArray rowNorms(NDArray v) {
        return v.square().sum(new int[] {1}, true).sqrt();
    }

    /** The effective weight, {@code g * v / ||v||} row by row. */
    static NDArray weight(NDArray v, NDArray g) {
        return v.mul(g).div(rowNorms(v));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = weight(store.getValue(v, x.getDevice(), training), store.getValue(g, x.getDevice(), training));
        return new NDList(x.matMul(w.transpose()).add(store.getValue(bias, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }
}
