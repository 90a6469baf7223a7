package org.xmodal.engine.regions;

import org.xmodal.engine.data.Box;

/** One labelled image region: which pair, where, and the index of its class in the dataset's class list. */
public record Region(int pair, Box box, int label) {
}
