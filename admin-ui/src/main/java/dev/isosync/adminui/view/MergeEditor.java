package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The form of an edited merge: one input per field (the id cannot change), filled with the client's value
 * where the client sent its version and with the server's otherwise. A field that holds text on either side is
 * edited as plain text; any other field as JSON ({@code true}, {@code 3}, {@code null}), so the merged record
 * keeps its types. The server checks the merge against the model and names what it refuses.
 */
final class MergeEditor {
    private final List<String> fields = new ArrayList<>();
    private final List<HTMLInputElement> inputs = new ArrayList<>();
    private final List<Boolean> text = new ArrayList<>();
    private final HTMLElement element;

    /**
     * @param server the server's record, or {@code null}
     * @param client the client's record, or {@code null}
     * @param idName the model's id property, left out of the form
     */
    MergeEditor(Dom dom, List<String> fieldNames, Map<String, Object> server, Map<String, Object> client,
            String idName) {
        element = dom.el("div", "merge-editor");
        element.appendChild(dom.text("p", "hint", "The merged record: text as it is, other values as JSON."));
        for (String field : fieldNames) {
            if (field.equals(idName)) {
                continue;
            }
            Object serverValue = server == null ? null : server.get(field);
            Object clientValue = client == null ? null : client.get(field);
            boolean isText = serverValue instanceof String || clientValue instanceof String;
            Object start = client != null ? clientValue : serverValue;
            HTMLElement label = dom.el("label", "merge-row");
            label.appendChild(dom.text("span", "merge-name", field));
            HTMLInputElement input = (HTMLInputElement) dom.el("input", "merge-field");
            input.setAttribute("data-field", field);
            input.setAttribute("autocomplete", "off");
            input.setValue(start == null ? (isText ? "" : "null") : isText && start instanceof String
                    ? (String) start : Json.write(start));
            label.appendChild(input);
            element.appendChild(label);
            fields.add(field);
            inputs.add(input);
            text.add(isText);
        }
    }

    HTMLElement element() {
        return element;
    }

    /**
     * The merged record as typed.
     *
     * @throws IllegalArgumentException naming the field, when a non-text field is not JSON
     */
    Map<String, Object> data() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String typed = inputs.get(i).getValue();
            if (text.get(i)) {
                out.put(fields.get(i), typed);
            } else if (typed.trim().isEmpty()) {
                out.put(fields.get(i), null);
            } else {
                try {
                    out.put(fields.get(i), Json.parse(typed.trim()));
                } catch (JsonException e) {
                    throw new IllegalArgumentException("\"" + fields.get(i) + "\" must be a JSON value (true, 3, "
                            + "null, \"text\"), got " + typed);
                }
            }
        }
        return out;
    }
}
