package org.cnnexplorer.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every question a lesson page may ask, by id ("ask: route-tie" in a chapter file). */
public final class Questions {
    /** Questions whose id starts with this are asked about the learner's drawing, not the chosen image. */
    public static final String DRAWING_PREFIX = "drawing-";

    private static final Map<String, Question> BY_ID = build();

    private Questions() {
    }

    private static Map<String, Question> build() {
        List<Question> all = new ArrayList<>();
        all.addAll(ForwardQuestions.all());
        all.addAll(StepQuestions.all());
        all.addAll(SoftmaxQuestions.all());
        all.addAll(PoolingQuestions.all());
        all.addAll(ConvQuestions.all());
        all.addAll(BeyondQuestions.all());
        Map<String, Question> m = new LinkedHashMap<>();
        for (Question q : all) {
            if (m.put(q.id(), q) != null) {
                throw new IllegalStateException("two questions named " + q.id());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The question with this id, or null. */
    public static Question get(String id) {
        return BY_ID.get(id);
    }

    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    public static boolean aboutDrawing(String id) {
        return id.startsWith(DRAWING_PREFIX);
    }
}
