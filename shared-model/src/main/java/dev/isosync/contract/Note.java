package dev.isosync.contract;

import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;

/**
 * A second model for the contract suite, so that nothing is tested only on {@code Todo}: every property type,
 * a required property, a default, and a hidden property.
 */
public final class Note {
    /** {@code body} required, {@code pinned} default false, {@code due} date, {@code tags}, {@code meta}, {@code secret} hidden. */
    public static final ModelDefinition DEFINITION = ModelDefinition.builder("Note")
            .property(Property.of("body", PropertyType.STRING).required())
            .property(Property.of("pinned", PropertyType.BOOLEAN).withDefault(Boolean.FALSE))
            .property(Property.of("due", PropertyType.DATE))
            .property(Property.of("tags", PropertyType.ARRAY))
            .property(Property.of("meta", PropertyType.OBJECT))
            .property(Property.of("secret", PropertyType.STRING).hidden())
            .build();

    private Note() {
    }
}
