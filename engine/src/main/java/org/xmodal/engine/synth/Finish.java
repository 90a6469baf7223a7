package org.xmodal.engine.synth;

/**
 * What a part is made of. The finish, not the furniture class, decides the colour preferences and the pattern, and
 * most finishes are shared by many classes, so colour alone says little about the class (as in real rooms).
 */
enum Finish {
    WOOD, FABRIC, METAL, PLASTIC, CERAMIC, PAPER, STONE,
    /** Dark glass of a switched-off screen. */
    SCREEN
}
