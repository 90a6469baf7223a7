package org.xmodal.app;

import java.util.Optional;
import java.util.function.Consumer;
import org.xmodal.app.shell.ViewRequests;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.Encoding;

/**
 * How a view asks for a new run's form filled with what it holds ("Use in a new run" in the encoding lab): the shell
 * shows the view that has the form, and that view fills it. A request made before that view exists waits for it.
 */
public final class NewRunRequests {
    /**
     * A run to fill the form with.
     *
     * @param data     the dataset, as the form's Dataset field takes it
     * @param modality the dataset's modality
     * @param encoding the encoding, every field of which goes to the form's encoding fields
     * @param from     where it came from, for the form's title ("the encoding lab")
     */
    public record Request(String data, Modality modality, Encoding encoding, String from) {
    }

    /** The title of the view that takes requests. */
    public static final String VIEW = "Runs";

    private final ViewRequests<Request> requests = new ViewRequests<>(VIEW);

    /** Set by the shell: shows a view by its title. */
    public void navigateWith(Consumer<String> showView) {
        requests.navigateWith(showView);
    }

    /** Set by the view with the run form; a request already made is handed over at once. */
    public void handleWith(Consumer<Request> h) {
        requests.handleWith(h);
    }

    /**
     * Asks for a run on {@code ds} with {@code encoding}, when the dataset is of {@code modality} and the encoding
     * valid (a lab whose values are wrong has said so already; nothing happens then).
     */
    public void request(PairedDataset ds, Modality modality, Optional<Encoding> encoding, String from) {
        if (ds != null && ds.modality() == modality && encoding.isPresent()) {
            request(new Request(ds.root().toString(), modality, encoding.get(), from));
        }
    }

    public void request(Request r) {
        requests.request(r);
    }
}
