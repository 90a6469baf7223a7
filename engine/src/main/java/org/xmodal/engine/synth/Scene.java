package org.xmodal.engine.synth;

import java.util.List;

/**
 * A furnished room of one scene class. Objects keep their index for the scene's lifetime: instance id = index + 1,
 * and the moved versions of a scene in a flow sequence list the same objects in the same order.
 */
record Scene(SceneKind kind, Room room, List<SceneObject> objects) {
    Scene {
        objects = List.copyOf(objects);
    }

    Scene withObjects(List<SceneObject> moved) {
        if (moved.size() != objects.size()) {
            throw new IllegalArgumentException("a moved scene must keep its " + objects.size() + " objects");
        }
        return new Scene(kind, room, moved);
    }
}
