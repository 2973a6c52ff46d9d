package org.cnnexplorer.app.timeline;

/**
 * What every view shows: a run and a step of it. {@code live} means "wherever live training is":
 * the views then follow the live weights and nothing is replayed.
 */
public record Moment(SessionRun run, long step, boolean live) {
    public static final Moment LIVE = new Moment(null, -1, true);
}
