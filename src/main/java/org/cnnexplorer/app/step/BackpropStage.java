package org.cnnexplorer.app.step;

import java.util.function.Function;
import javafx.scene.Node;

/**
 * One stop of the step-through: a title, the article's equation for it (plain Unicode), one or two
 * sentences tying it to the article, and the real numbers of the current trace.
 */
record BackpropStage(String id, String title, String equation, String explanation, Function<StepContext, Node> content) {
}
