package dev.isosync.demo;

import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import java.util.Objects;

/**
 * The demo app's model, a plain class shared by the server and the browser: {@code id} (a generated UUID),
 * {@code title} (required), {@code completed} (default false), {@code created} (epoch milliseconds, as a
 * JavaScript number). {@link TodoCodec} converts it to and from records.
 */
public final class Todo {
    /** The model definition, plural {@code Todos}. */
    public static final ModelDefinition DEFINITION = ModelDefinition.builder("Todo")
            .plural("Todos")
            .property(Property.of("title", PropertyType.STRING).required())
            .property(Property.of("completed", PropertyType.BOOLEAN).withDefault(Boolean.FALSE))
            .property(Property.of("created", PropertyType.NUMBER))
            .build();

    private String id;
    private String title;
    private boolean completed;
    private Double created;

    public Todo() {
    }

    public Todo(String id, String title, boolean completed, Double created) {
        this.id = id;
        this.title = title;
        this.completed = completed;
        this.created = created;
    }

    /** The id, or {@code null} before the todo is stored. */
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public boolean isCompleted() {
        return completed;
    }

    public void setCompleted(boolean completed) {
        this.completed = completed;
    }

    /** Creation time in epoch milliseconds, or {@code null}. */
    public Double getCreated() {
        return created;
    }

    public void setCreated(Double created) {
        this.created = created;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Todo)) {
            return false;
        }
        Todo t = (Todo) o;
        return completed == t.completed && Objects.equals(id, t.id) && Objects.equals(title, t.title)
                && Objects.equals(created, t.created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, title, completed, created);
    }

    @Override
    public String toString() {
        return "Todo{id=" + id + ", title=" + title + ", completed=" + completed + ", created=" + created + "}";
    }
}
