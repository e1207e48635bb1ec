/**
 * A small hand-written neural-network kit: {@link io.jrec.models.nn.Dense} layers with
 * {@link io.jrec.models.nn.Activation}s, {@link io.jrec.models.nn.Mlp} stacks,
 * {@link io.jrec.models.nn.Embedding} tables with sparse gradients, numerically stable
 * {@link io.jrec.models.nn.BinaryCrossEntropy} from logits, and SGD / Adam
 * {@link io.jrec.models.nn.Optimizer}s with L2, all seeded.
 *
 * <p><b>Precision.</b> Everything is {@code double}: the same code is used for training and for the
 * finite-difference gradient checks, so there is one code path to test, and the networks jrec trains are
 * small enough (tens of thousands of weights) that {@code float} would buy little speed.
 *
 * <p><b>Layout.</b> Batches are row-major {@code double[]} arrays, example {@code e} at
 * {@code [e * width, (e + 1) * width)}. Layers do not allocate during forward or backward passes.
 */
package io.jrec.models.nn;
