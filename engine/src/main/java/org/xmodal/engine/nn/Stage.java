package org.xmodal.engine.nn;

import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stage of a {@link FeatureNetwork}: the layers between the previous tap and this one ({@code tap}), and their
 * parameters by readable name in layer order.
 */
record Stage(String tap, SequentialBlock block, Map<String, Parameter> parameters) {
    Stage {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
