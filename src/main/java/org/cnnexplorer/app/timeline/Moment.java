package org.cnnexplorer.app.timeline;

/**
 * What every view shows: a run and a step of it. {@code live} means "wherever live training is":
 * the views then follow the live weights and nothing is replayed.
 */
public record Moment(SessionRun run, long step, boolean live) {
    public static final Moment LIVE = new Moment(null, -1, true);

    /** "step 1,200 of Run 2", or "live training". */
    public String describe() {
        return live ? "live training" : String.format(java.util.Locale.ROOT, "step %,d of %s", step, run.name());
    }
}
