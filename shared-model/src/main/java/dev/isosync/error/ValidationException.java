package dev.isosync.error;

import dev.isosync.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 422 {@code ValidationError}: a record that breaks its model definition, in LoopBack's envelope
 * ({@code details.context}, {@code details.codes}, {@code details.messages}). The message names the model,
 * the id when known, each property and its value.
 */
public final class ValidationException extends SyncException {
    private final List<ValidationError> errors;

    private ValidationException(String message, Map<String, Object> details, List<ValidationError> errors) {
        super(422, "ValidationError", null, message, details);
        this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }

    /**
     * The error for one invalid record.
     *
     * @param model the model name
     * @param id    the record's id, or {@code null} when it has none yet
     */
    public static ValidationException of(String model, String id, List<ValidationError> errors) {
        StringBuilder message = new StringBuilder("The `").append(model).append("` instance ");
        if (id != null) {
            message.append(Json.write(id)).append(' ');
        }
        message.append("is not valid. Details: ").append(describe(errors)).append('.');
        return new ValidationException(message.toString(), details(model, errors), errors);
    }

    /** The error for several invalid items of one request (bulk-update), each named by model id. */
    public static ValidationException ofItems(String model, Map<String, List<ValidationError>> byItem) {
        StringBuilder message = new StringBuilder("Invalid `").append(model).append("` updates, nothing was written: ");
        List<ValidationError> all = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, List<ValidationError>> item : byItem.entrySet()) {
            if (!first) {
                message.append("; ");
            }
            first = false;
            message.append(item.getKey()).append(": ").append(describe(item.getValue()));
            all.addAll(item.getValue());
        }
        message.append('.');
        Map<String, Object> details = details(model, all);
        Map<String, Object> items = new LinkedHashMap<>();
        for (Map.Entry<String, List<ValidationError>> item : byItem.entrySet()) {
            List<Object> messages = new ArrayList<>();
            for (ValidationError e : item.getValue()) {
                messages.add("`" + e.property() + "` " + e.message());
            }
            items.put(item.getKey(), messages);
        }
        details.put("items", items);
        return new ValidationException(message.toString(), details, all);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String describe(List<ValidationError> errors) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < errors.size(); i++) {
            ValidationError e = errors.get(i);
            if (i > 0) {
                b.append("; ");
            }
            b.append('`').append(e.property()).append("` ").append(e.message()).append(" (value: ")
                    .append(e.valuePresent() ? Json.write(e.value()) : "undefined").append(')');
        }
        return b.toString();
    }

    private static Map<String, Object> details(String model, List<ValidationError> errors) {
        Map<String, Object> codes = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (ValidationError e : errors) {
            add(codes, e.property(), e.code());
            add(messages, e.property(), e.message());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("context", model);
        details.put("codes", codes);
        details.put("messages", messages);
        return details;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> map, String key, String value) {
        List<Object> list = (List<Object>) map.get(key);
        if (list == null) {
            list = new ArrayList<>();
            map.put(key, list);
        }
        list.add(value);
    }
}
