package org.cnnexplorer.lesson;

import java.util.List;
import java.util.function.Function;

/**
 * A predict-then-reveal question. The learner picks one of {@link #choices}; only then does the
 * lesson call {@link #answer}, which computes the right choice and the numbers from the input's
 * weights and image. Prompts, choices and the part to highlight may depend on the input too (the
 * block with the strongest gradient, the filter that moves most).
 */
public interface Question {
    String id();

    String prompt(LessonInput in);

    List<String> choices(LessonInput in);

    /** The part of a view the question is about ("block 2 5 7", "filter-3"), or null. */
    String focus(LessonInput in);

    Reveal answer(LessonInput in);

    /** A question made of functions, so each chapter's questions fit in one small file. */
    static Question of(String id, Function<LessonInput, String> prompt, Function<LessonInput, List<String>> choices,
                       Function<LessonInput, String> focus, Function<LessonInput, Reveal> answer) {
        return new Question() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String prompt(LessonInput in) {
                return prompt.apply(in);
            }

            @Override
            public List<String> choices(LessonInput in) {
                return choices.apply(in);
            }

            @Override
            public String focus(LessonInput in) {
                return focus.apply(in);
            }

            @Override
            public Reveal answer(LessonInput in) {
                return answer.apply(in);
            }
        };
    }
}
