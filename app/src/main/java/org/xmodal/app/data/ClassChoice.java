package org.xmodal.app.data;

import java.util.Objects;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;

/** A choice in the class filter: any pair, pairs showing an object class, or pairs of a scene class. */
public record ClassChoice(Kind kind, String name, int pairs) {
    public enum Kind { ANY, OBJECT, SCENE }

    public static final ClassChoice ANY = new ClassChoice(Kind.ANY, "", 0);

    public ClassChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ClassChoice object(String name, int pairs) {
        return new ClassChoice(Kind.OBJECT, name, pairs);
    }

    public static ClassChoice scene(String name, int pairs) {
        return new ClassChoice(Kind.SCENE, name, pairs);
    }

    public boolean accepts(Pair p) {
        return switch (kind) {
            case ANY -> true;
            case OBJECT -> p.annotation().objects().stream().map(ObjectAnnotation::className).anyMatch(name::equals);
            case SCENE -> p.annotation().scene().map(name::equals).orElse(false);
        };
    }

    /** Same kind and name: the pair counts do not make a different choice. */
    public boolean sameAs(ClassChoice other) {
        return other != null && kind == other.kind && name.equals(other.name);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "any class";
            case OBJECT -> name + " (" + pairs + ")";
            case SCENE -> "scene: " + name + " (" + pairs + ")";
        };
    }
}
