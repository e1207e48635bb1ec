package io.jrec.models.nn;

import java.util.List;

/**
 * Updates a fixed list of {@link Parameter}s from their accumulated gradients, then clears the
 * gradients. Gradients are taken as they are (the caller averages over the mini-batch); L2
 * regularisation with coefficient {@code l2} adds {@code l2 * w} to the gradient of every
 * {@link Parameter#decayed() decayed} parameter entry that is updated (for sparse parameters: only the
 * touched rows, the usual "lazy" regularisation of embedding tables).
 *
 * <p>Mutable, one training thread; deterministic (no randomness).
 *
 * @since 0.1.0
 */
public interface Optimizer {

    /** Applies one update to every parameter and clears the gradients: {@link #advance()}, then
     * {@link #update(int)} for every parameter in order. */
    default void step() {
        advance();
        for (int index = 0, n = parameters().size(); index < n; index++) {
            update(index);
        }
    }

    /** Starts a new step (Adam's bias corrections depend on the number of steps taken). */
    void advance();

    /**
     * Applies the current step's update to {@code parameters().get(index)} and clears its gradient. After
     * {@link #advance()}, different indices may be updated from different threads at once (each touches
     * only its own parameter and moments), in any order, with the same result.
     */
    void update(int index);

    /** The parameters this optimiser updates. */
    List<Parameter> parameters();

    /** Plain mini-batch stochastic gradient descent: w -= lr * (g + l2 w). */
    static Optimizer sgd(List<Parameter> parameters, double learningRate, double l2) {
        return new Sgd(parameters, learningRate, l2);
    }

    /**
     * Adam (Kingma and Ba 2015) with the usual defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8. For
     * sparse parameters the moments of untouched rows are left as they are ("lazy Adam").
     */
    static Optimizer adam(List<Parameter> parameters, double learningRate, double l2) {
        return new Adam(parameters, learningRate, 0.9, 0.999, 1e-8, l2, true);
    }

    /**
     * Adam as {@link #adam}, but every entry of every parameter, sparse ones included, is updated at
     * every step (with gradient 0 where untouched): what PyTorch's {@code torch.optim.Adam} does to a
     * non-sparse {@code nn.Embedding}. Momentum keeps moving rows a batch did not use, so rarely seen
     * users and items learn faster than under lazy Adam; a step costs the whole tables.
     */
    static Optimizer denseAdam(List<Parameter> parameters, double learningRate, double l2) {
        return new Adam(parameters, learningRate, 0.9, 0.999, 1e-8, l2, false);
    }

    /** Checks a learning rate and an L2 coefficient; messages name the setting. */
    static void validate(double learningRate, double l2) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
        }
    }
}
