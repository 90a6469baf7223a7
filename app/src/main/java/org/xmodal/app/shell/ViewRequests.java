package org.xmodal.app.shell;

import java.util.function.Consumer;

/**
 * How one view asks another to do something with what it holds (open this experiment in Results, fill the
 * Experiments form with this dataset): the shell shows the view that takes the request, and that view takes it. A
 * request made before that view exists waits for it.
 *
 * @param <T> what is asked for
 */
public final class ViewRequests<T> {
    private final String view;
    private Consumer<String> navigator = title -> {
    };
    private Consumer<T> handler;
    private T pending;

    /** @param view the title of the view that takes the requests */
    public ViewRequests(String view) {
        this.view = view;
    }

    public String view() {
        return view;
    }

    /** Set by the shell: shows a view by its title. */
    public void navigateWith(Consumer<String> showView) {
        navigator = showView;
    }

    /** Set by the view that takes the requests; a request already made is handed over at once. */
    public void handleWith(Consumer<T> h) {
        handler = h;
        deliver();
    }

    /** Shows the view and hands it the request (when it exists; else when it is made). */
    public void request(T what) {
        pending = what;
        navigator.accept(view);
        deliver();
    }

    private void deliver() {
        if (handler != null && pending != null) {
            T r = pending;
            pending = null;
            handler.accept(r);
        }
    }
}
