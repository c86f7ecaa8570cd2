package dev.isosync.adminui.view;

/**
 * One tab of the console. {@link #refresh()} loads the view's data from the admin API and draws it; it runs on a
 * TeaVM thread (the request suspends) and throws {@link dev.isosync.adminui.net.ApiException} when the API
 * refuses or cannot be reached, which the console shows.
 */
public interface View {
    /** The tab's name, as in the address ({@code #conflicts}) and in the ids of its elements. */
    String name();

    /** Loads and draws the view. */
    void refresh();
}
