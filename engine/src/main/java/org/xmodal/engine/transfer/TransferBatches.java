package org.xmodal.engine.transfer;

/** Where a transfer's batches come from: crops of whole images, or warped object proposals. */
interface TransferBatches extends AutoCloseable {
    /** The batch of step {@code step}, a function of (seed, step) alone. */
    PairedBatches.Batch get(long step);

    int pairCount();

    /** Distinct views a teacher cache must hold; 0 when there is no finite set of them. */
    long viewCount();

    @Override
    void close();
}
