package org.xmodal.engine.proposals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

class ProposalRecallTest {
    @Test
    void boxCountsAsFoundFromTheRankOfItsFirstCoveringProposal() {
        ProposalRecall recall = new ProposalRecall(1, 2, 3);
        Box chair = new Box(0, 0, 9, 9);
        Box lamp = new Box(50, 50, 59, 69);
        recall.add(List.of(new ObjectAnnotation("chair", chair, 1), new ObjectAnnotation("lamp", lamp, 2)),
                List.of(new Box(100, 100, 120, 120), new Box(0, 0, 9, 4), new Box(50, 50, 59, 58)));
        // chair: IoU exactly 0.5 at rank 2; lamp: IoU 0.45 at rank 3, never found
        assertArrayEquals(new double[] {0, 0.5, 0.5}, recall.overall());
        assertArrayEquals(new double[] {0, 1, 1}, recall.perClass().get("chair"));
        assertArrayEquals(new double[] {0, 0, 0}, recall.perClass().get("lamp"));
        assertEquals(3.0, recall.proposalsPerImage());
    }
}
