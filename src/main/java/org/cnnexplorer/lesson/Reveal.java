package org.cnnexplorer.lesson;

/**
 * A question's answer as computed from the live model: which choice is right and the real numbers
 * behind it, in a sentence or two.
 */
public record Reveal(int correct, String numbers) {
}
